"""Tests of the exercise engine dokhae.arithmetic: the calculations of docs/lesson-format.md,
deterministic drawing, prompts, hints, and every template of the lesson's exercises file."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

from dokhae import cbam
from dokhae.arithmetic import (
    COMPUTE,
    MAX_DRAWS,
    ArithmeticExercise,
    compute_parameters,
    example_exercise,
    hint,
    make_exercise,
)
from dokhae.lesson import ArithmeticTemplate, ExerciseBank, Param, Tolerance

ROOT = Path(__file__).resolve().parents[1]
FORMAT_DOC = ROOT / "docs" / "lesson-format.md"
EXERCISES = ROOT / "exercises" / "steel-dialogue-2023.yaml"
BM_HR = 1.370


# --------------------------------------------------------------------------- oracle
# The same calculations written directly against dokhae.cbam, independently of the engine.

ORACLE = {
    "months_between": cbam.months_between,
    "years_between": lambda d1, d2: cbam.months_between(d1, d2) / 12,
    "transition_reports": cbam.transition_reports,
    "deminimis_covered_tonnes": lambda s: 0 if cbam.deminimis_exempt(sum(s)) else sum(s),
    "phased_out_percent": lambda year: 100 * (1 - cbam.cbam_factor(year)),
    "embedded_emissions": lambda M, SEE: M * SEE,
    "default_see": lambda DV, year: cbam.default_see(dv=DV, year=year),
    "default_emissions": lambda DV, year, M: M * cbam.default_see(DV, year),
    "gross_cost_eur": lambda DV, year, M, P: M * cbam.default_see(DV, year) * P,
    "cost_in_krw": lambda cost_eur, FX_KRW: cost_eur * FX_KRW,
    "kau_in_eur": lambda KAU, FX_KRW: KAU / FX_KRW,
    "certificates_after_faa": lambda DV, year, BM, M: cbam.certificates(
        M, cbam.default_see(DV, year), year, BM
    ),
    "cost_after_faa": lambda DV, year, BM, M, P: (
        cbam.certificates(M, cbam.default_see(DV, year), year, BM) * P
    ),
    "certificates_japan_tax": lambda M, SEE, c, FX_JPY, P: cbam.certificates(
        M, SEE, 2026, BM_HR, deduction=289 * c * SEE * M / FX_JPY / P
    ),
    "cost_krw_korea": lambda M, SEE, KAU, p, FX_KRW, P: (
        cbam.certificates(M, SEE, 2026, BM_HR, deduction=p * SEE * M * KAU / FX_KRW / P)
        * P
        * FX_KRW
    ),
}


def _documented_computes() -> dict[str, tuple[str, ...]]:
    """compute name -> parameter names, from the table in docs/lesson-format.md."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    table = text[text.index("| compute | parameters | returns |") :]
    found = {}
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        found[cells[0].strip("`")] = tuple(re.findall(r"`([^`]+)`", cells[1]))
    return found


def test_compute_names_and_parameters_are_those_of_the_format():
    documented = _documented_computes()
    assert len(documented) == 15
    assert {name: compute_parameters(name) for name in COMPUTE} == documented


def test_oracle_covers_every_compute():
    assert set(ORACLE) == set(COMPUTE)


# --------------------------------------------------------------------------- worked examples

WORKED = [
    ("months_between", {"d1": "2018-11", "d2": "2023-05"}, 54, 0),
    ("years_between", {"d1": "2018-11", "d2": "2023-05"}, 4.5, 0),
    ("transition_reports", {"start": "2023-10", "end": "2025-12"}, 9, 0),
    ("deminimis_covered_tonnes", {"s": (18, 17, 16)}, 51, 0),
    ("deminimis_covered_tonnes", {"s": (18, 17, 15)}, 0, 0),
    ("phased_out_percent", {"year": 2030}, 48.5, 0),
    ("embedded_emissions", {"M": 10_000, "SEE": 2.00}, 20_000, 0.005),
    ("default_see", {"DV": 2.12, "year": 2026}, 2.332, 0.01),
    ("default_see", {"DV": 2.12, "year": 2028}, 2.756, 0.01),
    ("default_emissions", {"DV": 2.12, "year": 2026, "M": 5_000}, 11_660, 0.005),
    ("gross_cost_eur", {"DV": 2.12, "year": 2026, "M": 5_000, "P": 75.36}, 878_697.60, 0.005),
    ("cost_in_krw", {"cost_eur": 878_697.60, "FX_KRW": 1416.29}, 1_244_490_624, 0.005),
    ("kau_in_eur", {"KAU": 10_000, "FX_KRW": 1416.29}, 7.06, 0.005),
    ("certificates_after_faa", {"DV": 2.12, "year": 2026, "BM": 1.370, "M": 5_000}, 4_981.25, 1),
    ("certificates_after_faa", {"DV": 2.12, "year": 2030, "BM": 1.370, "M": 1_000}, 2_050.45, 1),
    ("certificates_after_faa", {"DV": 2.12, "year": 2034, "BM": 1.370, "M": 1_000}, 2_756, 1),
    (
        "cost_after_faa",
        {"DV": 2.12, "year": 2026, "BM": 1.370, "M": 5_000, "P": 75.36},
        375_387.00,
        0.005,
    ),
    (
        "certificates_japan_tax",
        {"M": 10_000, "SEE": 2.00, "c": 1, "FX_JPY": 149.13, "P": 75.36},
        6_128.19,
        1,
    ),
    (
        "cost_krw_korea",
        {"M": 8_000, "SEE": 1.95, "KAU": 9_000, "p": 0.05, "FX_KRW": 1416.29, "P": 75.36},
        517_459_153,
        0.005,
    ),
    (
        "cost_krw_korea",
        {"M": 8_000, "SEE": 1.95, "KAU": 9_000, "p": 0, "FX_KRW": 1416.29, "P": 75.36},
        524_479_153,
        0.005,
    ),
]


@pytest.mark.parametrize(("compute", "params", "expected", "tol"), WORKED)
def test_worked_examples(compute, params, expected, tol):
    """tol < 1 is relative (money, emissions), tol = 1 is ±1 certificate, 0 is exact."""
    got = COMPUTE[compute](**params)
    if tol == 0:
        assert got == expected
    elif tol < 1:
        assert got == pytest.approx(expected, rel=tol)
    else:
        assert got == pytest.approx(expected, abs=tol)


def test_e6_tolerance_of_default_see():
    assert COMPUTE["default_see"](DV=2.12, year=2027) == pytest.approx(2.544, abs=0.01)


# --------------------------------------------------------------------------- templates in the test


def _t(id_, compute, params, example, tolerance, prompt=None):
    """A small template; the prompt names every parameter unless one is given."""
    names = " ".join(f"{{{n}}}" for n in params)
    first = next(iter(params))
    return ArithmeticTemplate.model_validate(
        {
            "id": id_,
            "level": 2,
            "source": "docs/cbam-sources.md",
            "title": {"en": id_, "ko": id_},
            "prompt": prompt or {"en": f"Given {names}, compute.", "ko": f"{names} 계산하세요."},
            "params": params,
            "answer": {"compute": compute, "unit": "u", "tolerance": tolerance, "example": example},
            "hints": [
                {"en": "first step", "ko": "첫 단계"},
                {"en": f"second: {{{first}}}", "ko": "둘째"},
            ],
            "explanation": {"en": "because", "ko": "왜냐하면"},
            "caveat": {"en": "CSCF assumed 1", "ko": "CSCF 1 가정"},
        }
    )


def num(lo, hi, step, example):
    return {"kind": "number", "min": lo, "max": hi, "step": step, "example": example}


def choice(choices, example):
    return {"kind": "choice", "choices": choices, "example": example}


def month(lo, hi, example, step=None):
    spec = {"kind": "month", "min": lo, "max": hi, "example": example}
    return spec if step is None else {**spec, "step": step}


YEARS_ALL = choice(list(range(2026, 2035)), 2030)
YEARS_DV = choice([2026, 2027, 2028], 2026)
DV = choice([2.12, 2.10], 2.12)
BM = choice([1.364, 1.370, 1.458, 1.491], 1.370)
M = num(1000, 30000, 500, 5000)
P = num(60, 100, 0.01, 75.36)
FX_KRW = num(1370, 1475, 0.01, 1416.29)
FX_JPY = num(146, 158, 0.01, 149.13)
SEE = num(1.8, 2.3, 0.01, 2.0)
KAU = num(7000, 14500, 50, 10000)
EXACT = {}
CERTS = {"absolute": 1}
MONEY = {"relative": 0.005}
DIALOGUE = {
    "d1": month("2015-01", "2026-12", "2018-11"),
    "d2": month("2015-01", "2026-12", "2023-05"),
}
QUARTERS = {
    "start": month("2023-01", "2026-12", "2023-10"),
    "end": month("2023-01", "2027-12", "2025-12"),
}
SHIPMENTS = {**num(1, 40, 1, [18, 17, 16]), "kind": "list", "length": [2, 6]}
SEE_NO_STEP = {"kind": "number", "min": 1.8, "max": 2.4, "example": 2.0}
FAA = {"DV": DV, "year": YEARS_DV, "BM": BM, "M": M}

TEMPLATES = [
    _t(
        "e01-months",
        "months_between",
        DIALOGUE,
        54,
        EXACT,
        prompt={"en": "From {d1:en} to {d2:en}?", "ko": "{d1:ko}부터 {d2:ko}까지?"},
    ),
    _t("e01-years", "years_between", DIALOGUE, 4.5, EXACT),
    _t("e02-reports", "transition_reports", QUARTERS, 9, EXACT),
    _t(
        "e03-deminimis",
        "deminimis_covered_tonnes",
        {"s": SHIPMENTS},
        51,
        EXACT,
        prompt={"en": "Shipments: {s} t.", "ko": "선적: {s:,} t"},
    ),
    _t("e04-phase-out", "phased_out_percent", {"year": YEARS_ALL}, 48.5, EXACT),
    _t(
        "e05-emissions",
        "embedded_emissions",
        {"M": num(1000, 50000, 1000, 10000), "SEE": SEE_NO_STEP},
        20000,
        MONEY,
    ),
    _t("e06-default-see", "default_see", {"DV": DV, "year": YEARS_DV}, 2.332, {"absolute": 0.01}),
    _t(
        "e06-default-emissions",
        "default_emissions",
        {"DV": DV, "year": YEARS_DV, "M": M},
        11660,
        MONEY,
    ),
    _t(
        "e07-gross",
        "gross_cost_eur",
        {"DV": DV, "year": YEARS_DV, "M": M, "P": P},
        878697.60,
        MONEY,
        prompt={"en": "{M:,} t in {year} at €{P:.2f}", "ko": "{year}년 {M:,}t, €{P:.2f}"},
    ),
    _t(
        "e08-krw",
        "cost_in_krw",
        {"cost_eur": num(100000, 2000000, 0.01, 878697.60), "FX_KRW": FX_KRW},
        1244490624,
        MONEY,
    ),
    _t("e08-kau", "kau_in_eur", {"KAU": KAU, "FX_KRW": FX_KRW}, 7.06, MONEY),
    _t("e09-certs", "certificates_after_faa", FAA, 4981.25, CERTS),
    _t(
        "e10-trajectory",
        "certificates_after_faa",
        {
            "DV": choice([2.12], 2.12),
            "year": choice([2026, 2030, 2034], 2030),
            "BM": choice([1.370], 1.370),
            "M": choice([1000], 1000),
        },
        2050.45,
        CERTS,
    ),
    _t("e09-cost", "cost_after_faa", {**FAA, "P": P}, 375387.00, MONEY),
    _t(
        "e11-japan",
        "certificates_japan_tax",
        {
            "M": num(2000, 30000, 500, 10000),
            "SEE": SEE,
            "c": num(0, 1, 0.05, 1),
            "FX_JPY": FX_JPY,
            "P": P,
        },
        6128.19,
        CERTS,
    ),
    _t(
        "e12-korea",
        "cost_krw_korea",
        {
            "M": num(2000, 30000, 500, 8000),
            "SEE": {**SEE, "example": 1.95},
            "KAU": {**KAU, "example": 9000},
            "p": num(0, 0.10, 0.01, 0.05),
            "FX_KRW": FX_KRW,
            "P": P,
        },
        517459153,
        MONEY,
    ),
]
T = {t.id: t for t in TEMPLATES}


def _bank() -> tuple[list[ArithmeticTemplate], str]:
    """The templates of the lesson's exercises file, and why it could not be read."""
    if not EXERCISES.exists():
        return [], ""
    try:
        data = yaml.safe_load(EXERCISES.read_text(encoding="utf-8"))
        return list(ExerciseBank.model_validate(data).templates), ""
    except Exception as exc:  # reported by test_bank_file_reads, not as a collection error
        return [], f"{type(exc).__name__}: {exc}"


BANK, BANK_ERROR = _bank()


def _ids(templates):
    return [t.id for t in templates]


# --------------------------------------------------------------------------- property checks


def _month(value: str) -> int:
    return cbam.months_between("0000-01", value)


def _on_grid(value: float, param: Param) -> bool:
    if not param.min <= value <= param.max:
        return False
    if param.step is None:
        return True
    k = (value - param.min) / param.step
    return math.isclose(k, round(k), abs_tol=1e-6)


def _inside(param: Param, value) -> bool:
    if param.kind == "choice":
        return value in param.choices
    if param.kind == "month":
        step = int(param.step or 1)
        offset = _month(value) - _month(param.min)
        return 0 <= offset <= _month(param.max) - _month(param.min) and offset % step == 0
    if param.kind == "list":
        fewest, most = param.length
        return (
            isinstance(value, tuple)
            and fewest <= len(value) <= most
            and all(_on_grid(v, param) for v in value)
        )
    return _on_grid(value, param)


def _within(got: float, expected: float, tolerance: Tolerance) -> bool:
    noise = 1e-9 * max(1.0, abs(expected))
    allowed = max(tolerance.absolute, tolerance.relative * abs(expected), noise)
    return abs(got - expected) <= allowed


def _check_many(template: ArithmeticTemplate, seeds) -> None:
    oracle = ORACLE[template.answer.compute]
    for seed in seeds:
        ex = make_exercise(template, seed)
        assert set(ex.params) == set(template.params)
        for name, param in template.params.items():
            assert _inside(param, ex.params[name]), (template.id, seed, name, ex.params[name])
        expected = oracle(**ex.params)
        assert ex.answer == pytest.approx(expected, rel=1e-9, abs=1e-9), (template.id, seed)


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids(TEMPLATES))
def test_test_templates_draw_valid_parameters(template):
    _check_many(template, range(200))


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids(TEMPLATES))
def test_test_templates_example_reproduces_the_answer(template):
    ex = example_exercise(template)
    assert _within(ex.answer, template.answer.example, template.answer.tolerance)
    assert ex.seed == "example"


needs_bank = pytest.mark.skipif(not BANK, reason=f"{EXERCISES.name} has no templates yet")


@pytest.mark.skipif(not EXERCISES.exists(), reason=f"{EXERCISES.name} does not exist yet")
def test_bank_file_reads():
    assert BANK_ERROR == ""


@needs_bank
@pytest.mark.parametrize("template", BANK, ids=_ids(BANK))
def test_bank_templates_draw_valid_parameters(template):
    """For 1,000 seeds every parameter is inside its range and dokhae.cbam gives the answer."""
    _check_many(template, range(1000))


@needs_bank
@pytest.mark.parametrize("template", BANK, ids=_ids(BANK))
def test_bank_templates_example_reproduces_the_answer(template):
    ex = example_exercise(template)
    expected = template.answer.example
    assert _within(ex.answer, expected, template.answer.tolerance), (ex.answer, expected)


@needs_bank
def test_bank_uses_only_engine_computes():
    assert {t.answer.compute for t in BANK} <= set(COMPUTE)


# --------------------------------------------------------------------------- determinism


E09 = T["e09-cost"]


def test_same_seed_gives_the_same_exercise():
    assert make_exercise(E09, 7) == make_exercise(E09, 7)
    assert make_exercise(E09, "kim-minji") == make_exercise(E09, "kim-minji")


def test_seed_is_fixed_across_runs():
    """The numbers are pinned: string seeding of random.Random does not depend on hash()."""
    ex = make_exercise(E09, 1)
    assert dict(ex.params) == {"DV": 2.12, "year": 2027, "BM": 1.364, "M": 24500, "P": 93.69}


def test_different_seeds_give_different_numbers():
    drawn = {tuple(make_exercise(E09, seed).params.items()) for seed in range(20)}
    assert len(drawn) == 20


def test_the_template_id_is_part_of_the_seed():
    other = E09.model_copy(update={"id": "e09-cost-other"})
    assert make_exercise(E09, 1).params != make_exercise(other, 1).params


def test_int_and_str_seeds_differ_only_by_text():
    assert make_exercise(E09, 3) == make_exercise(E09, 3)
    assert make_exercise(E09, "3").params == make_exercise(E09, 3).params  # both are "e09-cost:3"


# --------------------------------------------------------------------------- exercise contents


def test_exercise_carries_answer_unit_tolerance_and_texts():
    t = T["e07-gross"]
    ex = example_exercise(t)
    assert isinstance(ex, ArithmeticExercise)
    assert ex.template_id == "e07-gross" and ex.compute == "gross_cost_eur"
    assert ex.prompt.en == "5,000 t in 2026 at €75.36"
    assert ex.prompt("ko") == "2026년 5,000t, €75.36"
    assert ex.answer == pytest.approx(878_697.60)
    assert ex.unit == "u" and ex.tolerance == Tolerance(relative=0.005)
    assert ex.caveat.en == "CSCF assumed 1"
    assert ex.explanation.ko == "왜냐하면"


def test_whole_numbers_are_ints():
    ex = example_exercise(T["e07-gross"])
    assert type(ex.params["year"]) is int and type(ex.params["M"]) is int
    assert type(ex.params["P"]) is float and ex.params["P"] == 75.36


def test_drawn_decimals_are_clean():
    for seed in range(50):
        p = make_exercise(E09, seed).params["P"]
        assert p == round(p, 2) and len(repr(p).split(".")[1]) <= 2


def test_month_and_list_prompts():
    months = example_exercise(T["e01-months"])
    assert months.prompt.en == "From November 2018 to May 2023?"
    assert months.prompt.ko == "2018년 11월부터 2023년 5월까지?"
    assert months.params == {"d1": "2018-11", "d2": "2023-05"}
    shipments = example_exercise(T["e03-deminimis"])
    assert shipments.prompt.en == "Shipments: 18, 17, 16 t."
    assert shipments.params["s"] == (18, 17, 16)


def test_drawn_months_are_in_order():
    for seed in range(100):
        ex = make_exercise(T["e01-months"], seed)
        assert ex.params["d1"] < ex.params["d2"]


def test_drawn_report_periods_are_whole_quarters():
    for seed in range(100):
        ex = make_exercise(T["e02-reports"], seed)
        assert int(ex.params["start"][5:]) in (1, 4, 7, 10)
        assert int(ex.params["end"][5:]) in (3, 6, 9, 12)
        assert ex.answer >= 1


def test_month_step():
    params = {
        "start": month("2023-10", "2025-10", "2023-10", step=3),
        "end": month("2023-12", "2025-12", "2025-12", step=3),
    }
    t = _t("quarters", "transition_reports", params, 9, EXACT)
    for seed in range(50):
        ex = make_exercise(t, seed)
        assert int(ex.params["start"][5:]) in (1, 4, 7, 10)


def test_hints_one_at_a_time():
    ex = make_exercise(E09, 2)
    assert hint(ex, 1).en == "first step"
    assert hint(ex, 2).en == f"second: {ex.params['DV']}"  # hints are filled in too
    message = "step = 3 is not a hint of 'e09-cost'; it has hints 1 to 2"
    with pytest.raises(ValueError, match=re.escape(message)):
        hint(ex, 3)
    with pytest.raises(ValueError, match=re.escape("step = 0 is not a hint")):
        hint(ex, 0)


def test_round_trip_through_a_dict():
    for t in (E09, T["e03-deminimis"], T["e01-months"]):
        ex = make_exercise(t, 11)
        assert ArithmeticExercise.from_dict(ex.to_dict()) == ex


def test_exercise_is_frozen():
    ex = make_exercise(E09, 1)
    with pytest.raises(AttributeError):
        ex.answer = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        ex.params["M"] = 1  # type: ignore[index]


# --------------------------------------------------------------------------- template errors


def test_unknown_compute():
    t = _t("bad", "certificates", {"M": M}, 1, EXACT)
    message = "answer.compute = 'certificates' is not a calculation"
    with pytest.raises(ValueError, match=re.escape(message)):
        make_exercise(t, 1)


def test_parameter_names_must_match_the_compute():
    t = _t("bad", "embedded_emissions", {"M": M, "see": SEE}, 1, EXACT)
    message = "params: embedded_emissions takes exactly M, SEE; missing SEE; not used: see"
    with pytest.raises(ValueError, match=re.escape(message)):
        make_exercise(t, 1)


def test_malformed_range():
    t = _t("bad", "phased_out_percent", {"year": num(2030, 2026, 1, 2030)}, 1, EXACT)
    message = "params.year: min = 2030.0 is greater than max = 2026.0"
    with pytest.raises(ValueError, match=re.escape(message)):
        make_exercise(t, 1)


def test_no_valid_draw_is_reported():
    params = {
        "d1": month("2025-01", "2025-12", "2025-01"),
        "d2": month("2015-01", "2015-12", "2015-02"),
    }
    t = _t("never", "months_between", params, 1, EXACT)
    message = f"template 'never': no valid parameters in {MAX_DRAWS} draws"
    with pytest.raises(ValueError, match=re.escape(message)):
        make_exercise(t, 1)


def test_bad_example_values_are_reported():
    t = _t("bad-example", "default_see", {"DV": DV, "year": choice([2025], 2025)}, 1, EXACT)
    message = "template 'bad-example': the example values fail: year = 2025 is before 2026"
    with pytest.raises(ValueError, match=re.escape(message)):
        example_exercise(t)
