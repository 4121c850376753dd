"""The CBAM arithmetic for iron and steel, as pure functions.

Everything here follows the rules, tables and worked examples E1-E12 listed, with their
primary sources, in ``docs/cbam-sources.md`` (the kit's CBAM source page for teachers).  In one formula::

    certificates = max(0, SEE - SEFA) * M - R           (never below zero)
    SEFA         = CBAM_factor(year) * CSCF * BM
    cost (EUR)   = certificates * P_CBAM

Units used throughout:

- net mass ``tonnes`` (M): tonnes of goods (t);
- specific embedded emissions ``see`` and default values ``dv``: t CO2e per tonne of goods;
- benchmarks ``benchmark`` (BM): t CO2e per tonne of goods (Column B of IR 2025/2620);
- one CBAM certificate = 1 t CO2e;
- prices in EUR per t CO2e; exchange rates as units of the foreign currency per 1 EUR
  (ECB style: EUR/KRW 1,416.29 means 1 EUR = 1,416.29 KRW).

No function does I/O or display; each checks its inputs and raises :class:`ValueError`
naming the parameter, the value and the reason (all problems of one call at once).
Nothing is rounded: round only the final answer you show.

Where the tables live: the numbers below are the legal tables of that page.  They are
kept here as constants, not read from ``data/cbam_reference.csv`` at import, so this module
stays pure (no file I/O, nothing to fail or to cost time when ``dokhae`` is imported).  The
CSV is the students' readable copy with sources and confidence marks; a test
(``tests/test_cbam.py::test_constants_agree_with_reference_csv``) fails if the two disagree.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import TypeVar

__all__ = [
    "CBAM_FACTORS",
    "COLUMN_B_BENCHMARKS",
    "DEMINIMIS_THRESHOLD_T",
    "FIRST_DEFINITIVE_YEAR",
    "FIRST_YEAR",
    "HOT_ROLLED_BF_BOF_BENCHMARK",
    "IRON_STEEL_MARKUPS",
    "JAPAN_CARBON_TAX_JPY",
    "carbon_price_deduction",
    "carbon_price_paid",
    "cbam_factor",
    "certificate_cost",
    "certificates",
    "covered_tonnes",
    "days_between",
    "default_see",
    "default_value_markup",
    "deminimis_exempt",
    "embedded_emissions",
    "free_allocation_adjustment",
    "from_eur",
    "months_between",
    "phased_out_share",
    "to_eur",
    "transition_reports",
    "years_between",
]

# --------------------------------------------------------------------------- tables

FIRST_YEAR = 2023
"""The first year CBAM exists (Reg. 2023/956 in force May 2023; reporting from October)."""

FIRST_DEFINITIVE_YEAR = 2026
"""The first year of the definitive period: certificates, default values with mark-ups."""

CBAM_FACTORS: MappingProxyType[int, float] = MappingProxyType(
    {
        2026: 0.975,
        2027: 0.95,
        2028: 0.90,
        2029: 0.775,
        2030: 0.515,
        2031: 0.39,
        2032: 0.265,
        2033: 0.14,
        2034: 0.0,
    }
)
"""CBAM factor = share of EU free allocation still granted, by year.

ETS Directive Art. 10a(1a) as amended by Dir. (EU) 2023/959 [P] S2.  Before 2026 the
factor is 1.0; from 2034 on it is 0.0 ("no CBAM factor shall apply")."""

IRON_STEEL_MARKUPS: MappingProxyType[int, float] = MappingProxyType(
    {2026: 0.10, 2027: 0.20, 2028: 0.30}
)
"""Mark-up on default values for iron & steel, by year; 2028 applies from 2028 on.

IR (EU) 2025/2621 as corrected by IR (EU) 2026/1740 [P] via S8c."""

COLUMN_B_BENCHMARKS: MappingProxyType[tuple[str, str], float] = MappingProxyType(
    {
        ("semi_finished", "bf_bof"): 1.364,
        ("semi_finished", "dri_eaf"): 0.475,
        ("semi_finished", "scrap_eaf"): 0.066,
        ("hot_rolled", "bf_bof"): 1.370,
        ("hot_rolled", "dri_eaf"): 0.481,
        ("hot_rolled", "scrap_eaf"): 0.072,
        ("cold_rolled", "bf_bof"): 1.458,
        ("cold_rolled", "dri_eaf"): 0.533,
        ("cold_rolled", "scrap_eaf"): 0.108,
        ("coated", "bf_bof"): 1.491,
        ("coated", "dri_eaf"): 0.567,
        ("coated", "scrap_eaf"): 0.141,
    }
)
"""CBAM benchmarks, Column B (cumulative, incl. precursors), t CO2e/t, keyed by
(product, route).  Products: semi-finished (7207) and bars & rods, hot-rolled flats (7208…),
cold-rolled flats, coated products.  IR 2025/2620 as reported by trade press [S] S7c."""

HOT_ROLLED_BF_BOF_BENCHMARK = COLUMN_B_BENCHMARKS[("hot_rolled", "bf_bof")]
"""1.370 t CO2e/t: the benchmark for hot-rolled coil made in a blast furnace / BOF mill."""

DEMINIMIS_THRESHOLD_T = 50.0
"""Net mass (t) of CBAM goods per importer and calendar year up to which the importer is
exempt (Reg. (EU) 2025/2083) [P] S4."""

JAPAN_CARBON_TAX_JPY = 289.0
"""Japan's Tax for Climate Change Mitigation, JPY per t CO2 [S] S12a-c."""

# --------------------------------------------------------------------------- checks


class _Problems:
    """Collects every problem with the arguments of one call, then raises them at once."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, name: str, value: object, reason: str) -> None:
        self.messages.append(f"{name} = {value!r} {reason}")

    def number(
        self,
        name: str,
        value: object,
        *,
        positive: bool = False,
        share: bool = False,
    ) -> float:
        """``value`` as a float; non-negative (or positive, or within 0..1) is required."""
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            self.add(name, value, "is not a number")
            return math.nan
        number = float(value)
        if not math.isfinite(number):
            self.add(name, value, "is not a finite number")
        elif share and not 0.0 <= number <= 1.0:
            self.add(name, value, "is outside 0..1; a share is between 0 and 1 (0.25 = 25 %)")
        elif positive and number <= 0:
            self.add(name, value, "is not positive; it must be greater than 0")
        elif number < 0:
            self.add(name, value, "is negative; it must be 0 or more")
        return number

    def year(self, name: str, value: object, *, earliest: int = FIRST_YEAR) -> int:
        """``value`` as a whole year from ``earliest`` on (ints and whole floats accepted)."""
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            self.add(name, value, "is not a year; give a whole year such as 2026")
            return 0
        if not (math.isfinite(value) and float(value).is_integer()):
            self.add(name, value, "is not a whole year; give a whole year such as 2026")
            return 0
        year = value if isinstance(value, int) else int(float(value))
        if year < earliest:
            if earliest == FIRST_YEAR:
                reason = f"is before {FIRST_YEAR}; CBAM starts in {FIRST_YEAR}"
            else:
                reason = (
                    f"is before {earliest}; this applies only in the definitive period "
                    f"(from {FIRST_DEFINITIVE_YEAR}); {FIRST_YEAR}-{FIRST_DEFINITIVE_YEAR - 1} "
                    "was the transitional period (reports only, no certificates)"
                )
            self.add(name, value, reason)
        return year

    def month(self, name: str, value: object) -> int:
        """A month as a running index ``12 * year + (month - 1)``."""
        if isinstance(value, (_dt.date, _dt.datetime)):
            return 12 * value.year + value.month - 1
        if isinstance(value, str):
            found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", value)
            if found and 1 <= int(found[2]) <= 12:
                return 12 * int(found[1]) + int(found[2]) - 1
        self.add(name, value, "is not a month; write it as 'YYYY-MM', e.g. '2023-10'")
        return 0

    def day(self, name: str, value: object) -> _dt.date:
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.add(name, value, "is not a date; write it as 'YYYY-MM-DD', e.g. '2027-02-01'")
        return _dt.date.min

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValueError("\n".join(self.messages))


# --------------------------------------------------------------------------- free allocation


def cbam_factor(year: int) -> float:
    """The CBAM factor: the share of EU free allocation still granted in ``year``.

    Args:
        year: calendar year, 2023 or later (a whole number).

    Returns:
        A share between 0 and 1: 1.0 before 2026, 0.975 in 2026 … 0.14 in 2033, and 0.0
        from 2034 on (see :data:`CBAM_FACTORS`).

    Raises:
        ValueError: ``year`` is not a whole year or is before 2023.
    """
    problems = _Problems()
    y = problems.year("year", year)
    problems.raise_if_any()
    if y < FIRST_DEFINITIVE_YEAR:
        return 1.0
    return CBAM_FACTORS[min(y, max(CBAM_FACTORS))]


def phased_out_share(year: int) -> float:
    """The share of EU free allocation phased out in ``year`` (the CBAM "bite").

    ``1 - cbam_factor(year)``, rounded to 10 decimals to drop binary noise (the table has
    at most three decimals, so 2030 gives exactly 0.485, not 0.48499999999999999).

    Args:
        year: calendar year, 2023 or later.

    Returns:
        A share between 0 and 1: 0.0 before 2026, 0.025 in 2026 … 1.0 from 2034 on.

    Raises:
        ValueError: ``year`` is not a whole year or is before 2023.
    """
    return round(1.0 - cbam_factor(year), 10)


def free_allocation_adjustment(year: int, benchmark: float, cscf: float = 1.0) -> float:
    """SEFA: the free-allocation adjustment per tonne of goods.

    ``SEFA = cbam_factor(year) * cscf * benchmark`` (IR 2025/2620; Art. 31 of
    Reg. 2023/956).

    Args:
        year: calendar year of import, 2023 or later.
        benchmark: CBAM benchmark BM, t CO2e per t of goods (greater than 0).
        cscf: cross-sectoral correction factor, a share 0..1.  The 2026-2030 value was not
            found; 1.0 is the fact sheet's (flagged) assumption.

    Returns:
        t CO2e per t of goods that are not charged.

    Raises:
        ValueError: a year before 2023, a benchmark not above 0, a cscf outside 0..1.
    """
    problems = _Problems()
    y = problems.year("year", year)
    bm = problems.number("benchmark", benchmark, positive=True)
    cs = problems.number("cscf", cscf, share=True)
    problems.raise_if_any()
    return cbam_factor(y) * cs * bm


# --------------------------------------------------------------------------- emissions


def default_value_markup(year: int) -> float:
    """The mark-up on default values for iron & steel in ``year``.

    0.10 in 2026, 0.20 in 2027, 0.30 from 2028 on (IR 2025/2621 as corrected by
    IR 2026/1740).  Before 2026 there is no mark-up to give: default values with mark-ups
    exist only in the definitive period, so earlier years raise instead of returning a
    number that no rule defines.

    Args:
        year: calendar year of import, 2026 or later.

    Returns:
        The mark-up as a share (0.10 = 10 %).

    Raises:
        ValueError: ``year`` is not a whole year or is before 2026.
    """
    problems = _Problems()
    y = problems.year("year", year, earliest=FIRST_DEFINITIVE_YEAR)
    problems.raise_if_any()
    return IRON_STEEL_MARKUPS[min(y, max(IRON_STEEL_MARKUPS))]


def default_see(dv: float, year: int) -> float:
    """Specific embedded emissions from a default value with the year's mark-up.

    ``SEE = dv * (1 + default_value_markup(year))``; e.g. Korea 7208: 2.12 × 1.10 = 2.332.

    Args:
        dv: default value ("total emissions" column), t CO2e per t of goods (0 or more).
        year: calendar year of import, 2026 or later.

    Returns:
        t CO2e per t of goods.

    Raises:
        ValueError: a negative ``dv`` or a year before 2026.
    """
    problems = _Problems()
    d = problems.number("dv", dv)
    y = problems.year("year", year, earliest=FIRST_DEFINITIVE_YEAR)
    problems.raise_if_any()
    return d * (1.0 + default_value_markup(y))


def embedded_emissions(tonnes: float, see: float) -> float:
    """Embedded emissions of a shipment: ``tonnes * see``.

    Args:
        tonnes: net mass M, t (0 or more).
        see: specific embedded emissions, t CO2e per t (0 or more).

    Returns:
        t CO2e.

    Raises:
        ValueError: a negative or non-numeric argument.
    """
    problems = _Problems()
    m = problems.number("tonnes", tonnes)
    s = problems.number("see", see)
    problems.raise_if_any()
    return m * s


# --------------------------------------------------------------------------- certificates


def certificates(
    tonnes: float,
    see: float,
    year: int,
    benchmark: float,
    deduction: float = 0.0,
    cscf: float = 1.0,
) -> float:
    """CBAM certificates to surrender for one import year.

    ``max(0, max(0, SEE - SEFA) * M - deduction)`` with
    ``SEFA = free_allocation_adjustment(year, benchmark, cscf)``.  Emissions below the
    adjusted benchmark give no refund (as our sources summarise the rules; the exact legal
    wording is unverified, see ``docs/cbam-sources.md``), and a deduction larger than the
    obligation leaves zero certificates, never a negative number.

    Args:
        tonnes: net mass M, t (0 or more).
        see: specific embedded emissions, t CO2e per t (0 or more).
        year: calendar year of import, 2026 or later (certificates belong to the definitive
            period; 2023-2025 were reporting only).
        benchmark: CBAM benchmark BM, t CO2e per t (greater than 0).
        deduction: certificates deducted for a carbon price paid abroad (Art. 9), 0 or more;
            see :func:`carbon_price_deduction`.
        cscf: cross-sectoral correction factor, a share 0..1 (assumed 1.0).

    Returns:
        Number of certificates (1 certificate = 1 t CO2e), not rounded.

    Raises:
        ValueError: negative tonnes, SEE or deduction; a year before 2026; a benchmark not
            above 0; a cscf outside 0..1.
    """
    problems = _Problems()
    m = problems.number("tonnes", tonnes)
    s = problems.number("see", see)
    y = problems.year("year", year, earliest=FIRST_DEFINITIVE_YEAR)
    bm = problems.number("benchmark", benchmark, positive=True)
    r = problems.number("deduction", deduction)
    cs = problems.number("cscf", cscf, share=True)
    problems.raise_if_any()
    per_tonne = max(0.0, s - free_allocation_adjustment(y, bm, cs))
    return max(0.0, per_tonne * m - r)


def certificate_cost(n_certificates: float, price: float) -> float:
    """What ``n_certificates`` cost at ``price``: ``n_certificates * price``.

    Args:
        n_certificates: number of certificates (t CO2e), 0 or more.
        price: CBAM certificate price, EUR per t CO2e (greater than 0).

    Returns:
        EUR.

    Raises:
        ValueError: a negative number of certificates or a price not above 0.
    """
    problems = _Problems()
    n = problems.number("n_certificates", n_certificates)
    p = problems.number("price", price, positive=True)
    problems.raise_if_any()
    return n * p


def carbon_price_paid(tonnes: float, see: float, share: float, price: float) -> float:
    """A carbon price actually paid abroad on a shipment's embedded emissions.

    ``tonnes * see * share * price`` in the foreign currency (E11: ¥289 × c × SEE × M;
    E12: ₩KAU × p × SEE × M).

    Args:
        tonnes: net mass M, t (0 or more).
        see: specific embedded emissions, t CO2e per t (0 or more).
        share: share of the embedded emissions on which the price was really paid, 0..1
            (emissions covered by free allowances count as not paid).
        price: carbon price per t CO2e in the foreign currency (0 or more).

    Returns:
        The amount paid, in the foreign currency.

    Raises:
        ValueError: negative tonnes, SEE or price; a share outside 0..1.
    """
    problems = _Problems()
    m = problems.number("tonnes", tonnes)
    s = problems.number("see", see)
    c = problems.number("share", share, share=True)
    p = problems.number("price", price)
    problems.raise_if_any()
    return m * s * c * p


def carbon_price_deduction(paid: float, fx_rate: float, cbam_price: float) -> float:
    """How many certificates a carbon price paid abroad is worth (Art. 9, May 2026 draft).

    ``R = (paid / fx_rate) / cbam_price``: the amount converted to EUR, divided by the
    CBAM price.

    Args:
        paid: carbon price effectively paid, in its own currency (0 or more).
        fx_rate: units of that currency per 1 EUR (greater than 0; the draft uses the
            yearly average rate).
        cbam_price: reference CBAM price, EUR per t CO2e (greater than 0).

    Returns:
        Certificates to deduct (not rounded).

    Raises:
        ValueError: a negative amount; an exchange rate or price not above 0.
    """
    problems = _Problems()
    amount = problems.number("paid", paid)
    fx = problems.number("fx_rate", fx_rate, positive=True)
    p = problems.number("cbam_price", cbam_price, positive=True)
    problems.raise_if_any()
    return to_eur(amount, fx) / p


# --------------------------------------------------------------------------- currency


def to_eur(amount: float, fx_rate: float) -> float:
    """Convert ``amount`` of a foreign currency to EUR: ``amount / fx_rate``.

    Args:
        amount: money in the foreign currency (0 or more).
        fx_rate: units of the foreign currency per 1 EUR, e.g. 1416.29 KRW (greater than 0).

    Returns:
        EUR.

    Raises:
        ValueError: a negative amount or an exchange rate not above 0.
    """
    a, fx = _amount_and_rate("amount", amount, fx_rate)
    return a / fx


def from_eur(amount_eur: float, fx_rate: float) -> float:
    """Convert ``amount_eur`` EUR to a foreign currency: ``amount_eur * fx_rate``.

    Args:
        amount_eur: money in EUR (0 or more).
        fx_rate: units of the foreign currency per 1 EUR, e.g. 149.13 JPY (greater than 0).

    Returns:
        The amount in the foreign currency.

    Raises:
        ValueError: a negative amount or an exchange rate not above 0.
    """
    a, fx = _amount_and_rate("amount_eur", amount_eur, fx_rate)
    return a * fx


def _amount_and_rate(name: str, amount: float, fx_rate: float) -> tuple[float, float]:
    """An amount (0 or more) and an exchange rate (above 0), checked together."""
    problems = _Problems()
    a = problems.number(name, amount)
    fx = problems.number("fx_rate", fx_rate, positive=True)
    problems.raise_if_any()
    return a, fx


# --------------------------------------------------------------------------- de-minimis


def deminimis_exempt(total_tonnes: float) -> bool:
    """Whether an importer's yearly total of CBAM goods is under the 50-t de-minimis.

    Exempt when ``total_tonnes <= 50`` (exactly 50 t is exempt; 50.001 t is not).  The
    threshold does not apply to electricity or hydrogen.

    Args:
        total_tonnes: net mass of CBAM goods imported in one calendar year, t (0 or more).

    Returns:
        True when exempt.

    Raises:
        ValueError: a negative or non-numeric total.
    """
    problems = _Problems()
    total = problems.number("total_tonnes", total_tonnes)
    problems.raise_if_any()
    return total <= DEMINIMIS_THRESHOLD_T


def covered_tonnes(shipments: Iterable[float]) -> float:
    """Tonnes subject to CBAM for one importer's shipments in one calendar year.

    0 when the year's total is at most 50 t; otherwise **all** tonnes of the year count,
    not only those above 50 t (18 + 17 + 16 = 51 t → 51 t covered).

    Args:
        shipments: net mass of each shipment, t (each 0 or more).

    Returns:
        t subject to CBAM.

    Raises:
        ValueError: a negative or non-numeric shipment (named by its position).
    """
    problems = _Problems()
    if isinstance(shipments, (str, bytes)) or not isinstance(shipments, Iterable):
        problems.add("shipments", shipments, "is not a list of shipment masses in t")
        problems.raise_if_any()
    masses = [problems.number(f"shipments[{i}]", s) for i, s in enumerate(shipments)]
    problems.raise_if_any()
    total = math.fsum(masses)
    return 0.0 if deminimis_exempt(total) else total


# --------------------------------------------------------------------------- dates


def months_between(d1: object, d2: object) -> int:
    """Whole months from month ``d1`` to month ``d2``: ``12 (y2 - y1) + (m2 - m1)``.

    Nov 2018 → May 2023 = 54 months.  Days of the month are ignored.

    Args:
        d1: the earlier month, ``"YYYY-MM"`` or a date (anything else is refused with
            the reason, so a template's drawn values may be passed unchecked).
        d2: the later month (not before ``d1``), ``"YYYY-MM"`` or a date.

    Returns:
        Number of months (0 or more).

    Raises:
        ValueError: a value that is not a month, or ``d2`` before ``d1``.
    """
    i1, i2 = _in_order("month", d1, d2)
    return i2 - i1


def years_between(d1: str | _dt.date, d2: str | _dt.date) -> float:
    """Years from month ``d1`` to month ``d2``: ``months_between(d1, d2) / 12``.

    Args:
        d1: the earlier month, ``"YYYY-MM"`` or a date.
        d2: the later month, ``"YYYY-MM"`` or a date.

    Returns:
        Years as a decimal (54 months → 4.5).

    Raises:
        ValueError: as :func:`months_between`.
    """
    return months_between(d1, d2) / 12


def days_between(d1: str | _dt.date, d2: str | _dt.date) -> int:
    """Days from date ``d1`` to date ``d2`` (1 Feb 2027 → 30 Sep 2027 = 241 days).

    Args:
        d1: the earlier date, ``"YYYY-MM-DD"`` or a date.
        d2: the later date (not before ``d1``).

    Returns:
        Number of days (0 or more).

    Raises:
        ValueError: a value that is not a date, or ``d2`` before ``d1``.
    """
    a, b = _in_order("date", d1, d2)
    return (b - a).days


def _in_order(unit: str, d1: object, d2: object) -> tuple:
    """``d1`` and ``d2`` read as months (a month index) or dates (``unit`` "month" or
    "date"), ``d2`` not before ``d1``; otherwise :class:`ValueError` naming both."""
    problems = _Problems()
    if unit == "month":
        return _ordered(problems, problems.month, unit, d1, d2)
    return _ordered(problems, problems.day, unit, d1, d2)


_Point = TypeVar("_Point", int, _dt.date)


def _ordered(
    problems: _Problems,
    read: Callable[[str, object], _Point],
    unit: str,
    d1: object,
    d2: object,
) -> tuple[_Point, _Point]:
    first, second = read("d1", d1), read("d2", d2)
    problems.raise_if_any()
    if second < first:
        problems.add("d2", d2, f"is before d1 = {d1!r}; give the earlier {unit} as d1")
        problems.raise_if_any()
    return first, second


def transition_reports(start: str | _dt.date, end: str | _dt.date, every: int = 3) -> int:
    """Number of reports for the inclusive months ``start`` … ``end``, one per period.

    ``months = 12 (y_end - y_start) + (m_end - m_start) + 1``; ``reports = months / every``.
    Oct 2023 … Dec 2025 = 27 months = 9 quarterly reports.  Reporting periods are calendar
    periods (quarters for ``every=3``), so ``start`` must be the first month of a period
    and ``end`` the last month of one; otherwise the count would not be whole.

    Args:
        start: the first month reported on, ``"YYYY-MM"`` or a date.
        end: the last month reported on (not before ``start``).
        every: months per report; a divisor of 12 (3 = quarterly).

    Returns:
        Number of reports.

    Raises:
        ValueError: a value that is not a month, ``end`` before ``start``, ``every`` not a
            divisor of 12, or months that do not cover whole reporting periods.
    """
    problems = _Problems()
    i_start = problems.month("start", start)
    i_end = problems.month("end", end)
    if isinstance(every, bool) or not isinstance(every, int) or every not in (1, 2, 3, 4, 6, 12):
        problems.add(
            "every", every, "does not divide a year into whole periods; use 1, 2, 3, 4, 6 or 12"
        )
    problems.raise_if_any()
    firsts = ", ".join(str(m) for m in range(1, 13, every))
    if i_start % every:
        problems.add(
            "start",
            start,
            f"is not the first month of a {every}-month reporting period; "
            f"periods start in months {firsts}",
        )
    if (i_end + 1) % every:
        lasts = ", ".join(str(m) for m in range(every, 13, every))
        problems.add(
            "end",
            end,
            f"is not the last month of a {every}-month reporting period; "
            f"periods end in months {lasts}",
        )
    if i_end < i_start:
        problems.add("end", end, f"is before start = {start!r}")
    problems.raise_if_any()
    return (i_end - i_start + 1) // every
