"""Tests of dokhae.cbam and the reference table: the worked examples E1-E12 of
docs/cbam-sources.md within their tolerances, the edges, and the error messages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dokhae import cbam
from dokhae.reference import COLUMNS, reference_table

KOREA_DV = 2.12  # t CO2e/t, hot-rolled flats 7208, BF/BOF (IR 2025/2621 via cbamdefaults) [U]
BM_HR = 1.370  # Column B, hot-rolled flats, BF/BOF [S]
P_Q1_2026 = 75.36  # EUR/t CO2e
EUR_KRW = 1416.29  # ECB, 31 May 2023
EUR_JPY = 149.13

MONEY = 0.005  # ±0.5 % on money
CERT = 1.0  # ±1 certificate


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize(
    ("year", "factor"),
    [
        (2023, 1.0),
        (2024, 1.0),
        (2025, 1.0),
        (2026, 0.975),
        (2027, 0.95),
        (2028, 0.90),
        (2029, 0.775),
        (2030, 0.515),
        (2031, 0.39),
        (2032, 0.265),
        (2033, 0.14),
        (2034, 0.0),
        (2035, 0.0),
        (2050, 0.0),
        (2100, 0.0),
    ],
)
def test_cbam_factor(year, factor):
    assert cbam.cbam_factor(year) == factor


@pytest.mark.parametrize(
    ("year", "share"),
    [
        (2025, 0.0),
        (2026, 0.025),
        (2027, 0.05),
        (2028, 0.10),
        (2029, 0.225),
        (2030, 0.485),
        (2031, 0.61),
        (2032, 0.735),
        (2033, 0.86),
        (2034, 1.0),
        (2040, 1.0),
    ],
)
def test_phased_out_share_is_exact(year, share):
    """E4: exact tolerance, so no binary noise (1 - 0.515 is not 0.48499999…)."""
    assert cbam.phased_out_share(year) == share


def test_e4_phased_out_2030():
    assert cbam.phased_out_share(2030) * 100 == 48.5


def test_whole_float_years_are_accepted():
    """YAML numbers arrive as floats: 2026.0 is the year 2026."""
    assert cbam.cbam_factor(2026.0) == 0.975


@pytest.mark.parametrize(
    ("year", "markup"), [(2026, 0.10), (2027, 0.20), (2028, 0.30), (2029, 0.30), (2040, 0.30)]
)
def test_default_value_markup(year, markup):
    assert cbam.default_value_markup(year) == markup


# --------------------------------------------------------------------------- E1-E4


def test_e1_months_and_years_between_dialogues():
    assert cbam.months_between("2018-11", "2023-05") == 54
    assert cbam.years_between("2018-11", "2023-05") == 4.5


def test_months_between_accepts_dates():
    assert cbam.months_between(dt.date(2018, 11, 30), dt.date(2023, 5, 31)) == 54
    assert cbam.months_between("2023-05", "2023-05") == 0


def test_e2_transitional_period():
    assert cbam.months_between("2023-10", "2025-12") + 1 == 27
    assert cbam.transition_reports("2023-10", "2025-12") == 9
    assert cbam.transition_reports("2023-10", "2025-12", every=3) == 9
    assert cbam.transition_reports("2024-01", "2024-12", every=12) == 1


def test_e2_days_from_certificate_sales_to_first_surrender():
    assert cbam.days_between("2027-02-01", "2027-09-30") == 241
    assert cbam.days_between(dt.date(2027, 2, 1), dt.date(2027, 9, 30)) == 241


def test_e3_deminimis_all_tonnes_count_once_exceeded():
    assert cbam.covered_tonnes([18, 17, 16]) == 51
    assert cbam.covered_tonnes((18, 17)) == 0
    assert cbam.covered_tonnes([]) == 0


@pytest.mark.parametrize(
    ("total", "exempt"),
    [(0, True), (49.999, True), (50, True), (50.0, True), (50.001, False), (51, False)],
)
def test_deminimis_edge(total, exempt):
    assert cbam.deminimis_exempt(total) is exempt


def test_deminimis_edge_in_shipments():
    assert cbam.covered_tonnes([25, 25]) == 0
    assert cbam.covered_tonnes([25, 25.001]) == pytest.approx(50.001)


# --------------------------------------------------------------------------- E5-E8


def test_e5_embedded_emissions():
    assert cbam.embedded_emissions(10_000, 2.00) == pytest.approx(20_000, rel=MONEY)


@pytest.mark.parametrize(
    ("year", "see"), [(2026, 2.332), (2027, 2.544), (2028, 2.756), (2034, 2.756)]
)
def test_e6_default_see_with_markup(year, see):
    assert cbam.default_see(KOREA_DV, year) == pytest.approx(see, abs=0.01)
    assert cbam.default_see(KOREA_DV, year) == pytest.approx(see, abs=1e-12)


def test_e6_default_emissions():
    assert cbam.embedded_emissions(5_000, cbam.default_see(KOREA_DV, 2026)) == pytest.approx(11_660)


def test_e7_gross_cost():
    emissions = cbam.embedded_emissions(5_000, cbam.default_see(KOREA_DV, 2026))
    assert cbam.certificate_cost(emissions, P_Q1_2026) == pytest.approx(878_697.60, rel=MONEY)
    assert cbam.certificate_cost(emissions, P_Q1_2026) == pytest.approx(878_697.60, abs=0.01)


def test_e8_currency_and_price_comparison():
    assert cbam.from_eur(878_697.60, EUR_KRW) == pytest.approx(1_244_490_624, rel=MONEY)
    assert cbam.from_eur(878_697.60, EUR_KRW) == pytest.approx(1_244_490_624, abs=1)
    assert cbam.from_eur(878_697.60, EUR_JPY) == pytest.approx(131_040_173, abs=1)
    assert cbam.to_eur(10_000, EUR_KRW) == pytest.approx(7.06, rel=MONEY)
    assert cbam.from_eur(83, EUR_KRW) == pytest.approx(117_552, abs=1)
    assert cbam.from_eur(83, EUR_KRW) / 10_000 == pytest.approx(11.8, rel=MONEY)


def test_currency_round_trip():
    assert cbam.to_eur(cbam.from_eur(123.45, EUR_KRW), EUR_KRW) == pytest.approx(123.45)


# --------------------------------------------------------------------------- E9-E12


def test_commission_example():
    """Commission Q&A: SEE 1.2, BM 1.0, 2026 → 0.225 t per t, about 19 % of 1.2."""
    assert cbam.free_allocation_adjustment(2026, 1.0) == pytest.approx(0.975)
    assert cbam.certificates(1, 1.2, 2026, 1.0) == pytest.approx(0.225)
    assert cbam.certificates(1, 1.2, 2026, 1.0) / 1.2 == pytest.approx(0.19, abs=0.005)


def test_e9_certificates_after_faa():
    assert cbam.free_allocation_adjustment(2026, BM_HR) == pytest.approx(1.33575)
    n = cbam.certificates(5_000, cbam.default_see(KOREA_DV, 2026), 2026, BM_HR)
    assert n == pytest.approx(4_981.25, abs=CERT)
    assert n == pytest.approx(4_981.25, abs=1e-6)
    assert cbam.certificate_cost(n, P_Q1_2026) == pytest.approx(375_387.00, rel=MONEY)
    assert cbam.certificate_cost(n, P_Q1_2026) == pytest.approx(375_387.00, abs=0.01)


@pytest.mark.parametrize(
    ("year", "n", "cost"),
    [(2026, 996.25, 75_077), (2030, 2_050.45, 154_522), (2034, 2_756, 207_692)],
)
def test_e10_phase_in_trajectory(year, n, cost):
    got = cbam.certificates(1_000, cbam.default_see(KOREA_DV, year), year, BM_HR)
    assert got == pytest.approx(n, abs=CERT)
    assert cbam.certificate_cost(got, P_Q1_2026) == pytest.approx(cost, rel=MONEY)


def test_e11_japan_carbon_tax():
    m, see, c = 10_000, 2.00, 1.0
    assert cbam.certificates(m, see, 2026, BM_HR) == pytest.approx(6_642.5)
    paid = cbam.carbon_price_paid(m, see, c, cbam.JAPAN_CARBON_TAX_JPY)
    assert paid == pytest.approx(5_780_000)
    assert cbam.to_eur(paid, EUR_JPY) == pytest.approx(38_758.13, abs=0.01)
    r = cbam.carbon_price_deduction(paid, EUR_JPY, P_Q1_2026)
    assert r == pytest.approx(514.31, abs=0.01)
    n = cbam.certificates(m, see, 2026, BM_HR, deduction=r)
    assert n == pytest.approx(6_128.19, abs=CERT)
    assert n == pytest.approx(6_128.19, abs=0.01)
    assert cbam.certificate_cost(n, P_Q1_2026) == pytest.approx(461_820.67, rel=MONEY)


def _e12(p: float) -> tuple[float, float, float]:
    m, see, kau = 8_000, 1.95, 9_000
    paid = cbam.carbon_price_paid(m, see, p, kau)
    r = cbam.carbon_price_deduction(paid, EUR_KRW, P_Q1_2026)
    n = cbam.certificates(m, see, 2026, BM_HR, deduction=r)
    cost = cbam.certificate_cost(n, P_Q1_2026)
    return n, cost, cbam.from_eur(cost, EUR_KRW)


def test_e12_korea_full_chain():
    assert cbam.certificates(8_000, 1.95, 2026, BM_HR) == pytest.approx(4_914)
    paid = cbam.carbon_price_paid(8_000, 1.95, 0.05, 9_000)
    assert paid == pytest.approx(7_020_000)
    assert cbam.to_eur(paid, EUR_KRW) == pytest.approx(4_956.61, abs=0.01)
    assert cbam.carbon_price_deduction(paid, EUR_KRW, P_Q1_2026) == pytest.approx(65.77, abs=0.01)
    n, cost, krw = _e12(0.05)
    assert n == pytest.approx(4_848.23, abs=CERT)
    assert cost == pytest.approx(365_362.43, rel=MONEY)
    assert krw == pytest.approx(517_459_153, rel=MONEY)
    assert krw == pytest.approx(517_459_153, abs=1)


def test_e12_without_kau_purchases():
    n, cost, krw = _e12(0.0)
    assert n == pytest.approx(4_914)
    assert cost == pytest.approx(370_319.04, abs=0.01)
    assert krw == pytest.approx(524_479_153, rel=MONEY)


# --------------------------------------------------------------------------- edges


def test_no_deduction_is_the_default():
    see = cbam.default_see(KOREA_DV, 2026)
    without = cbam.certificates(5_000, see, 2026, BM_HR)
    assert without == cbam.certificates(5_000, see, 2026, BM_HR, 0.0)


def test_deduction_larger_than_obligation_gives_zero():
    assert cbam.certificates(1_000, 2.0, 2026, BM_HR, deduction=10_000) == 0.0


def test_emissions_below_benchmark_give_no_refund():
    assert cbam.certificates(1_000, 0.5, 2026, BM_HR) == 0.0
    assert cbam.certificates(1_000, 0.5, 2026, BM_HR, deduction=5) == 0.0


def test_from_2034_emissions_are_charged_in_full():
    for year in (2034, 2035, 2060):
        assert cbam.certificates(100, 2.0, year, BM_HR) == pytest.approx(200)
        assert cbam.free_allocation_adjustment(year, BM_HR) == 0.0


def test_before_2026_free_allocation_is_full():
    assert cbam.free_allocation_adjustment(2025, BM_HR) == BM_HR
    assert cbam.free_allocation_adjustment(2023, BM_HR, cscf=0.5) == pytest.approx(0.685)


def test_cscf_below_one_raises_certificates():
    see = 2.0
    assert cbam.certificates(1, see, 2026, BM_HR, cscf=0.9) > cbam.certificates(1, see, 2026, BM_HR)


def test_zero_tonnes():
    assert cbam.certificates(0, 2.0, 2026, BM_HR) == 0.0
    assert cbam.covered_tonnes([0, 0]) == 0.0


# --------------------------------------------------------------------------- errors


ERRORS = [
    (cbam.cbam_factor, (2022,), {}, "year = 2022 is before 2023; CBAM starts in 2023"),
    (
        cbam.cbam_factor,
        (2026.5,),
        {},
        "year = 2026.5 is not a whole year; give a whole year such as 2026",
    ),
    (
        cbam.cbam_factor,
        ("2026",),
        {},
        "year = '2026' is not a year; give a whole year such as 2026",
    ),
    (cbam.cbam_factor, (True,), {}, "year = True is not a year"),
    (
        cbam.default_value_markup,
        (2025,),
        {},
        (
            "year = 2025 is before 2026; this applies only in the definitive period (from 2026); "
            "2023-2025 was the transitional period (reports only, no certificates)"
        ),
    ),
    (cbam.certificates, (1, 2.0, 2025, BM_HR), {}, "year = 2025 is before 2026"),
    (cbam.embedded_emissions, (-5, 2.0), {}, "tonnes = -5 is negative; it must be 0 or more"),
    (cbam.embedded_emissions, (5, float("nan")), {}, "see = nan is not a finite number"),
    (cbam.default_see, (-2.12, 2026), {}, "dv = -2.12 is negative; it must be 0 or more"),
    (
        cbam.certificates,
        (1, 2.0, 2026, 0),
        {},
        "benchmark = 0 is not positive; it must be greater than 0",
    ),
    (cbam.certificates, (1, 2.0, 2026, BM_HR), {"deduction": -1}, "deduction = -1 is negative"),
    (
        cbam.certificates,
        (1, 2.0, 2026, BM_HR),
        {"cscf": 1.2},
        "cscf = 1.2 is outside 0..1; a share is between 0 and 1 (0.25 = 25 %)",
    ),
    (cbam.carbon_price_paid, (1, 2.0, -0.1, 289), {}, "share = -0.1 is outside 0..1"),
    (cbam.carbon_price_paid, (1, 2.0, 1.5, 289), {}, "share = 1.5 is outside 0..1"),
    (
        cbam.carbon_price_deduction,
        (100, 0, 75.36),
        {},
        "fx_rate = 0 is not positive; it must be greater than 0",
    ),
    (cbam.carbon_price_deduction, (100, 149.13, -1), {}, "cbam_price = -1 is not positive"),
    (cbam.certificate_cost, (10, 0), {}, "price = 0 is not positive"),
    (cbam.to_eur, (100, -1416.29), {}, "fx_rate = -1416.29 is not positive"),
    (cbam.to_eur, (-100, 1416.29), {}, "amount = -100 is negative"),
    (cbam.from_eur, (-1, 1416.29), {}, "amount_eur = -1 is negative"),
    (cbam.deminimis_exempt, (-1,), {}, "total_tonnes = -1 is negative"),
    (
        cbam.covered_tonnes,
        ([18, -17, 16],),
        {},
        "shipments[1] = -17 is negative; it must be 0 or more",
    ),
    (
        cbam.covered_tonnes,
        ("18 17",),
        {},
        "shipments = '18 17' is not a list of shipment masses in t",
    ),
    (
        cbam.months_between,
        ("2023-05", "2018-11"),
        {},
        "d2 = '2018-11' is before d1 = '2023-05'; give the earlier month as d1",
    ),
    (
        cbam.months_between,
        ("2023-13", "2024-01"),
        {},
        "d1 = '2023-13' is not a month; write it as 'YYYY-MM', e.g. '2023-10'",
    ),
    (cbam.days_between, ("2027-09-30", "2027-02-01"), {}, "d2 = '2027-02-01' is before d1"),
    (
        cbam.transition_reports,
        ("2023-11", "2025-12"),
        {},
        (
            "start = '2023-11' is not the first month of a 3-month reporting period; "
            "periods start in months 1, 4, 7, 10"
        ),
    ),
    (
        cbam.transition_reports,
        ("2023-10", "2025-11"),
        {},
        (
            "end = '2025-11' is not the last month of a 3-month reporting period; "
            "periods end in months 3, 6, 9, 12"
        ),
    ),
    (
        cbam.transition_reports,
        ("2025-10", "2023-12"),
        {},
        "end = '2023-12' is before start = '2025-10'",
    ),
    (
        cbam.transition_reports,
        ("2023-10", "2025-12"),
        {"every": 5},
        "every = 5 does not divide a year into whole periods; use 1, 2, 3, 4, 6 or 12",
    ),
]


@pytest.mark.parametrize(("function", "args", "kwargs", "message"), ERRORS)
def test_error_messages(function, args, kwargs, message):
    """Does each invalid input raise a ValueError naming the parameter, value and reason?"""
    with pytest.raises(ValueError, match=re.escape(message)):
        function(*args, **kwargs)


def test_all_problems_are_reported_at_once():
    with pytest.raises(ValueError, match=r"^tonnes = -1") as info:
        cbam.certificates(-1, -2, 2020, 0, deduction=-3, cscf=2)
    lines = str(info.value).splitlines()
    named = [line.split(" = ")[0] for line in lines]
    assert named == ["tonnes", "see", "year", "benchmark", "deduction", "cscf"]


# --------------------------------------------------------------------------- reference table


@pytest.fixture(scope="module")
def table():
    return reference_table()


def test_reference_table_shape(table):
    assert list(table.columns) == [*COLUMNS, "uncertain"]
    assert table["key"].is_unique
    assert set(table["confidence"]) <= {"P", "S", "U"}
    assert table["value"].notna().all()
    assert table["source"].str.len().gt(0).all()
    assert table["uncertain"].dtype == bool
    assert (table["uncertain"] == (table["confidence"] == "U")).all()
    assert table["valid_from"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def _value(table, key):
    return table.set_index("key").loc[key, "value"]


def test_constants_agree_with_reference_csv(table):
    """cbam.py keeps the legal tables as constants; the CSV is the students' copy. Same numbers."""
    rows = table.set_index("key")

    def by_year(category):
        values = rows.loc[rows.category == category, "value"]
        return {int(key.rsplit("_", 1)[1]): value for key, value in values.items()}

    assert by_year("cbam_factor") == dict(cbam.CBAM_FACTORS)
    assert by_year("markup") == dict(cbam.IRON_STEEL_MARKUPS)
    benchmarks = {
        tuple(re.fullmatch(r"benchmark_b_([a-z_]+?)_([a-z]+_[a-z]+)", k).groups()): v
        for k, v in rows.loc[rows.category == "benchmark", "value"].items()
    }
    assert benchmarks == dict(cbam.COLUMN_B_BENCHMARKS)
    assert rows.loc["deminimis_threshold", "value"] == cbam.DEMINIMIS_THRESHOLD_T
    assert rows.loc["japan_carbon_tax", "value"] == cbam.JAPAN_CARBON_TAX_JPY


@pytest.mark.parametrize(
    ("key", "value", "confidence"),
    [
        ("cbam_price_2026_q1", 75.36, "S"),
        ("cbam_price_2026_q2", 75.28, "U"),
        ("eu_ets_auction_avg_2023", 83.60, "S"),
        ("eu_ets_auction_avg_2024", 64.76, "S"),
        ("eua_2023_05_avg", 83, "S"),
        ("eur_krw_2023_05_31", 1416.29, "P"),
        ("eur_jpy_2023_05_31", 149.13, "P"),
        ("eur_krw_2023_06_avg", 1406.43, "P"),
        ("default_7208_korea", 2.12, "U"),
        ("default_7208_japan", 2.10, "U"),
        ("kau_range_2023_low", 7_000, "U"),
        ("kau_range_2023_high", 14_500, "U"),
        ("kau_2023_07_24_low", 7_020, "S"),
        ("japan_carbon_tax", 289, "S"),
        ("cbam_factor_2030", 0.515, "P"),
    ],
)
def test_reference_values(table, key, value, confidence):
    row = table.set_index("key").loc[key]
    assert row["value"] == value
    assert row["confidence"] == confidence
    assert row["uncertain"] == (confidence == "U")
