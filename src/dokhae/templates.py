"""The rules of an arithmetic template (``exercises/<lesson>.yaml``, model
:class:`dokhae.lesson.ArithmeticTemplate`): what a template may say and what it means.

- :data:`COMPUTE` — the calculations a template can name in ``answer.compute``, each a
  thin call into :mod:`dokhae.cbam` (no formula is written twice).  A calculation's
  parameter names are exactly the template's parameter names (``docs/lesson-format.md``).
- :func:`template_problems` — every structural problem of a template (unknown
  calculation, parameters that do not match it, malformed ranges); :func:`check_template`
  raises them as one ``ValueError``.
- :func:`example_problems` — whether the example values give the example answer and
  fill the prompt in.
- :func:`normalise_value`, :func:`shown_values`, :func:`fill_text` — how parameter values
  are read and how they fill a template's texts in (see :mod:`dokhae.arithmetic`).

This is the one place of these rules: ``dokhae check`` (:mod:`dokhae.validation`) reports
them with file and line, and the exercise engine (:mod:`dokhae.arithmetic`, which draws
the per-student numbers) refuses a template that breaks them.
"""

from __future__ import annotations

import inspect
import math
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import cbam
from .lesson import ArithmeticTemplate, Param, Text

Value = int | float | str | tuple[int | float, ...]
"""A parameter value: a number, a ``"YYYY-MM"`` month, or a tuple of numbers."""

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""The English month names, January first (not :mod:`calendar`'s: they follow the locale)."""

DEFINITIVE_YEAR = 2026
"""The import year of the E11/E12 calculations (CBAM factor 0.975)."""

# --------------------------------------------------------------------------- calculations
# Each function takes exactly the template's parameter names (docs/lesson-format.md) and
# only calls dokhae.cbam; the names are part of the lesson format.


def months_between(d1: str, d2: str) -> float:
    """Months from month d1 to month d2."""
    return float(cbam.months_between(d1, d2))


def years_between(d1: str, d2: str) -> float:
    """Years from month d1 to month d2 (months / 12)."""
    return cbam.years_between(d1, d2)


def transition_reports(start: str, end: str) -> float:
    """Quarterly reports for the inclusive months start..end."""
    return float(cbam.transition_reports(start, end, every=3))


def deminimis_covered_tonnes(s: tuple[float, ...]) -> float:
    """Tonnes subject to CBAM: 0 if the year's total is at most 50 t, else the total."""
    return cbam.covered_tonnes(s)


def phased_out_percent(year: int) -> float:
    """Percent of free allocation phased out (100 - CBAM factor in %)."""
    return round(100 * cbam.phased_out_share(year), 8)


def embedded_emissions(M: float, SEE: float) -> float:
    """t CO2e of M t at SEE t CO2e/t."""
    return cbam.embedded_emissions(M, SEE)


def default_see(DV: float, year: int) -> float:
    """Default SEE with the year's mark-up, t CO2e/t."""
    return cbam.default_see(DV, year)


def default_emissions(DV: float, year: int, M: float) -> float:
    """t CO2e of M t with the default value and the year's mark-up."""
    return cbam.embedded_emissions(M, cbam.default_see(DV, year))


def gross_cost_eur(DV: float, year: int, M: float, P: float) -> float:
    """EUR before the free-allocation adjustment."""
    return cbam.certificate_cost(default_emissions(DV, year, M), P)


def cost_in_krw(cost_eur: float, FX_KRW: float) -> float:
    """A EUR amount in KRW."""
    return cbam.from_eur(cost_eur, FX_KRW)


def kau_in_eur(KAU: float, FX_KRW: float) -> float:
    """A KAU price (KRW/t) in EUR/t."""
    return cbam.to_eur(KAU, FX_KRW)


def certificates_after_faa(DV: float, year: int, BM: float, M: float) -> float:
    """Certificates after the free-allocation adjustment (default values with mark-up)."""
    return cbam.certificates(M, cbam.default_see(DV, year), year, BM)


def cost_after_faa(DV: float, year: int, BM: float, M: float, P: float) -> float:
    """EUR after the free-allocation adjustment."""
    return cbam.certificate_cost(certificates_after_faa(DV, year, BM, M), P)


def certificates_japan_tax(M: float, SEE: float, c: float, FX_JPY: float, P: float) -> float:
    """Certificates in 2026 (BM 1.370) after deducting Japan's ¥289/t tax paid on share c."""
    return _japan(M, SEE, c, FX_JPY, P)["certificates"]


def cost_krw_korea(M: float, SEE: float, KAU: float, p: float, FX_KRW: float, P: float) -> float:
    """KRW owed for 2026 (BM 1.370) after deducting KAUs bought for share p."""
    return _korea(M, SEE, KAU, p, FX_KRW, P)["cost_krw"]


def _n_faa(M: float, SEE: float) -> float:
    """Certificates in 2026 after the free-allocation adjustment (BM 1.370), no deduction."""
    return cbam.certificates(M, SEE, DEFINITIVE_YEAR, cbam.HOT_ROLLED_BF_BOF_BENCHMARK)


def _deduction(paid: float, fx: float, price: float, way: str) -> float:
    """The certificates deducted for ``paid`` (foreign currency): ``way`` "right", or the
    mistakes "none" (not deducted) and "not_converted" (not changed into EUR)."""
    if way == "none":
        return 0.0
    return cbam.carbon_price_deduction(paid, fx if way == "right" else 1.0, price)


def _korea(
    M: float,
    SEE: float,
    KAU: float,
    p: float,
    FX_KRW: float,
    P: float,
    *,
    deduction: str = "right",
    n_faa: float | None = None,
) -> dict[str, float]:
    """The E12 chain, step by step (``deduction``/``n_faa`` give a mistake's chain)."""
    n_faa = _n_faa(M, SEE) if n_faa is None else n_faa
    paid = cbam.carbon_price_paid(M, SEE, p, KAU)
    r = _deduction(paid, FX_KRW, P, deduction)
    n = max(0.0, n_faa - r)
    cost = cbam.certificate_cost(n, P)
    return {
        "n_faa": n_faa,
        "paid_krw": paid,
        "deduction": r,
        "certificates": n,
        "cost_eur": cost,
        "cost_krw": cbam.from_eur(cost, FX_KRW),
    }


def _japan(
    M: float,
    SEE: float,
    c: float,
    FX_JPY: float,
    P: float,
    *,
    deduction: str = "right",
    n_faa: float | None = None,
) -> dict[str, float]:
    """The E11 chain, step by step (``deduction``/``n_faa`` give a mistake's chain)."""
    n_faa = _n_faa(M, SEE) if n_faa is None else n_faa
    tax = cbam.carbon_price_paid(M, SEE, c, cbam.JAPAN_CARBON_TAX_JPY)
    r = _deduction(tax, FX_JPY, P, deduction)
    return {"n_faa": n_faa, "tax_jpy": tax, "deduction": r, "certificates": max(0.0, n_faa - r)}


COMPUTE: dict[str, Callable[..., float]] = {
    f.__name__: f
    for f in (
        months_between,
        years_between,
        transition_reports,
        deminimis_covered_tonnes,
        phased_out_percent,
        embedded_emissions,
        default_see,
        default_emissions,
        gross_cost_eur,
        cost_in_krw,
        kau_in_eur,
        certificates_after_faa,
        cost_after_faa,
        certificates_japan_tax,
        cost_krw_korea,
    )
}
"""The calculations a template can name in ``answer.compute``."""


def compute_parameters(compute: str) -> tuple[str, ...]:
    """The parameter names the calculation ``compute`` takes, in order.

    Raises:
        ValueError: ``compute`` is not in :data:`COMPUTE`.
    """
    if compute not in COMPUTE:
        raise ValueError(
            f"compute = {compute!r} is not a calculation of the exercise engine; "
            f"use one of: {', '.join(sorted(COMPUTE))}"
        )
    return tuple(inspect.signature(COMPUTE[compute]).parameters)


# --------------------------------------------------------------------------- structure


@dataclass(frozen=True)
class TemplateProblem:
    """One thing wrong in a template: where (``("params", "M")``), what, and the fix."""

    where: tuple[str, ...]
    message: str
    fix: str
    value: object = None
    key: str = ""
    """Its text in the catalogs (``check.<key>.message``/``.fix``); "" for none."""
    fields: tuple[tuple[str, object], ...] = ()
    """What fills that text, as ``(name, value)`` pairs."""

    @property
    def field(self) -> str:
        return ".".join(self.where)


def template_problems(template: ArithmeticTemplate) -> list[TemplateProblem]:
    """Every structural problem of ``template``: the calculation, its parameters, their ranges."""
    problems: list[TemplateProblem] = []
    compute = template.answer.compute
    if compute not in COMPUTE:
        problems.append(
            TemplateProblem(
                ("answer", "compute"),
                f"{compute!r} is not a calculation of the exercise engine",
                "use one of: " + ", ".join(sorted(COMPUTE)),
                compute,
                "template_compute",
                (("compute", repr(compute)), ("known", ", ".join(sorted(COMPUTE)))),
            )
        )
    else:
        wanted = compute_parameters(compute)
        missing = [n for n in wanted if n not in template.params]
        extra = [n for n in template.params if n not in wanted]
        if missing or extra:
            problems.append(
                TemplateProblem(
                    ("params",),
                    f"{compute} takes exactly {', '.join(wanted)}"
                    + (f"; missing {', '.join(missing)}" if missing else "")
                    + (f"; not used: {', '.join(extra)}" if extra else ""),
                    "name the parameters exactly so",
                    sorted(template.params),
                    "template_params_"
                    + ("missing" if missing else "")
                    + ("_" if missing and extra else "")
                    + ("unused" if extra else ""),
                    (
                        ("compute", compute),
                        ("wanted", ", ".join(wanted)),
                        ("missing", ", ".join(missing)),
                        ("extra", ", ".join(extra)),
                    ),
                )
            )
    for name, param in template.params.items():
        problems.extend(
            TemplateProblem(("params", name), message, fix, value, key, tuple(fields.items()))
            for message, fix, value, key, fields in _param_problems(param)
        )
    return problems


def check_template(template: ArithmeticTemplate) -> None:
    """Raise one ValueError listing every structural problem of ``template``."""
    problems = template_problems(template)
    if problems:
        raise ValueError(
            f"template {template.id!r}:\n"
            + "\n".join(
                f"answer.compute = {p.message}; {p.fix}"
                if p.where == ("answer", "compute")
                else f"{p.field}: {p.message}"
                for p in problems
            )
        )


def example_values(template: ArithmeticTemplate) -> dict[str, Value]:
    """The template's ``example`` values, read as the engine reads drawn ones."""
    return {name: normalise_value(param, param.example) for name, param in template.params.items()}


def example_answer(template: ArithmeticTemplate) -> float:
    """The calculation's result for the example values.

    Raises:
        ValueError: a structural problem (:func:`check_template`), or the calculation
            rejects the example values.
    """
    check_template(template)
    try:
        return COMPUTE[template.answer.compute](**example_values(template))
    except ValueError as exc:
        raise ValueError(f"template {template.id!r}: the example values fail: {exc}") from None


def example_problems(template: ArithmeticTemplate) -> list[TemplateProblem]:
    """The example values outside their ranges, failing the calculation, giving another
    answer than ``answer.example``, or not filling the prompt in (a template without
    structural problems)."""
    problems: list[TemplateProblem] = []
    for name, param in template.params.items():
        values = param.example if isinstance(param.example, tuple) else (param.example,)
        for value in values:
            inside = (
                (value in param.choices)
                if param.kind == "choice"
                else (param.min is None or (_le(param.min, value) and _le(value, param.max)))
            )
            if not inside:
                problems.append(
                    TemplateProblem(
                        ("params", name, "example"),
                        "the example value is outside the range",
                        "use an example inside min..max (or among the choices)",
                        value,
                        "template_example_range",
                    )
                )
    try:
        got = float(example_answer(template))
    except (ValueError, TypeError) as exc:
        message = str(exc).removeprefix(f"template {template.id!r}: the example values fail: ")
        return [
            *problems,
            TemplateProblem(
                ("params",),
                f"the example values fail: {message}",
                "correct the example values",
                key="template_example_fails",
                fields=(("reason", message),),
            ),
        ]
    try:
        fill_text(template.prompt, shown_values(example_values(template)), strict=True)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        problems.append(
            TemplateProblem(
                ("prompt",),
                f"the prompt cannot be filled in with the example values: {exc!r}",
                "name only the template's parameters in its {…} fields, e.g. {M:,}",
                template.prompt.en,
                "template_prompt",
                (("reason", repr(exc)),),
            )
        )
    expected = template.answer.example
    tolerance = template.answer.tolerance
    allowed = max(tolerance.absolute, tolerance.relative * abs(expected), 1e-9)
    if abs(got - expected) > allowed:
        problems.append(
            TemplateProblem(
                ("answer", "example"),
                f"the calculation gives {got:,.4f} for the example values",
                "correct the example answer or the example values",
                expected,
                "template_example_answer",
                (("got", f"{got:,.4f}"),),
            )
        )
    return problems


def _le(a: Any, b: Any) -> bool:
    try:
        return a <= b
    except TypeError:
        return str(a) <= str(b)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


_ParamProblem = tuple[str, str, object, str, dict[str, object]]
"""(message, fix, value, catalog key, fields) of one problem of a parameter's range."""


def _param_problems(param: Param) -> list[_ParamProblem]:
    """Every problem of one parameter's range."""
    if param.kind == "choice":
        return (
            []
            if param.choices
            else [
                (
                    "a choice parameter needs choices: [...]",
                    "add choices: [...]",
                    None,
                    "template_choices",
                    {},
                )
            ]
        )
    problems: list[_ParamProblem] = []
    bounds: dict[str, object] = {"min": repr(param.min), "max": repr(param.max)}
    if param.kind == "month":
        lo, hi = month_index(param.min), month_index(param.max)
        if lo is None or hi is None:
            problems.append(
                (
                    f"min = {param.min!r} and max = {param.max!r} must be months 'YYYY-MM'",
                    "write min and max as 'YYYY-MM'",
                    [param.min, param.max],
                    "template_months",
                    bounds,
                )
            )
        elif lo > hi:
            problems.append(
                (
                    f"min = {param.min!r} is after max = {param.max!r}",
                    "swap min and max",
                    [param.min, param.max],
                    "template_month_order",
                    bounds,
                )
            )
        if param.step is not None and not float(param.step).is_integer():
            problems.append(
                (
                    f"step = {param.step!r} must be a whole number of months",
                    "give step as a whole number of months",
                    param.step,
                    "template_month_step",
                    {"step": repr(param.step)},
                )
            )
        return problems
    if param.min is None or param.max is None:
        problems.append(
            (
                f"a {param.kind} parameter needs min and max",
                "add min: and max:",
                None,
                "template_range_missing",
                {"kind": param.kind},
            )
        )
    elif not (is_number(param.min) and is_number(param.max)):
        problems.append(
            (
                f"min = {param.min!r} and max = {param.max!r} must both be numbers",
                "write min and max as numbers",
                [param.min, param.max],
                "template_range_numbers",
                bounds,
            )
        )
    elif param.min > param.max:  # type: ignore[operator]
        problems.append(
            (
                f"min = {param.min!r} is greater than max = {param.max!r}",
                "swap min and max",
                [param.min, param.max],
                "template_range_order",
                bounds,
            )
        )
    length = param.length
    if param.kind == "list" and (length is None or not 0 <= length[0] <= length[1]):
        problems.append(
            (
                f"length = {param.length!r} must be [fewest, most] items, e.g. [2, 6]",
                "add length: [2, 6]",
                param.length,
                "template_length",
                {"length": repr(param.length)},
            )
        )
    return problems


def month_index(value: object) -> int | None:
    try:
        return cbam.months_between("0000-01", value)
    except ValueError:
        return None


def _decimals(x: float) -> int:
    exponent = Decimal(repr(float(x))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _whole(x: object) -> bool:
    return is_number(x) and float(x).is_integer()  # type: ignore[arg-type]


def number_grid(param: Param) -> tuple[float, float, int, bool]:
    """(min, step, decimals, whole) of a number or list parameter."""
    lo, hi = float(param.min), float(param.max)  # type: ignore[arg-type]
    if param.step is not None:
        step = float(param.step)
    elif lo.is_integer() and hi.is_integer():
        step = 1.0
    else:
        step = 10.0 ** -max(2, _decimals(lo), _decimals(hi))
    whole = lo.is_integer() and step.is_integer()
    return lo, step, max(_decimals(lo), _decimals(step)), whole


def normalise_value(param: Param, value: Any) -> Value:
    """Whole numbers as ints where the parameter is whole; lists as tuples."""
    if isinstance(value, (tuple, list)):
        whole = param.kind == "list" and number_grid(param)[3] if is_number(param.min) else False
        return tuple(int(v) if whole and _whole(v) else v for v in value)
    if (
        isinstance(value, float)
        and value.is_integer()
        and (param.kind == "choice" or (is_number(param.min) and number_grid(param)[3]))
    ):
        return int(value)
    return value


class _Month(str):
    """A ``"YYYY-MM"`` month that formats as ``2018년 11월`` with ``:ko`` and
    ``November 2018`` with ``:en``."""

    _NAMES = MONTH_NAMES

    def __format__(self, spec: str) -> str:
        year, month = int(self[:4]), int(self[5:7])
        if spec == "ko":
            return f"{year}년 {month}월"
        if spec == "en":
            return f"{self._NAMES[month - 1]} {year}"
        return format(str(self), spec)


class _Items(tuple):
    """A list parameter that formats as its items joined by ", ", each with the spec."""

    def __format__(self, spec: str) -> str:
        return ", ".join(format(item, spec) for item in self)


def shown_values(params: Mapping[str, Value]) -> dict[str, object]:
    shown: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, tuple):
            shown[name] = _Items(value)
        elif isinstance(value, str) and month_index(value) is not None:
            shown[name] = _Month(value)
        else:
            shown[name] = value
    return shown


def fill_text(text: Text, shown: Mapping[str, object], *, strict: bool) -> Text:
    """``text`` with its format fields filled in.  With ``strict=False`` a text whose
    fields are not all parameters (or that does not parse) is returned unchanged."""
    filled = {}
    for language in ("en", "ko"):
        raw = getattr(text, language)
        if not strict:
            try:
                names = [f for _, f, _, _ in string.Formatter().parse(raw) if f is not None]
            except ValueError:
                return text
            if not names:
                filled[language] = raw
                continue
            if any(n.split(".")[0].split("[")[0] not in shown for n in names):
                return text
            try:
                filled[language] = raw.format(**shown)
            except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                return text
            continue
        filled[language] = raw.format(**shown)
    return Text(**filled)


# --------------------------------------------------------------------------- mistakes
# The common wrong answers of each calculation, computed from the calculation itself: each
# is the same chain of dokhae.cbam calls with one step done the wrong way. The message of
# a mistake is the interface text ``mistake.<key>`` (src/dokhae/data/i18n), filled in
# with the exercise's parameters and :func:`mistake_fields`.


@dataclass(frozen=True)
class Mistake:
    """A known wrong way through a calculation: ``wrong(**params)`` is the answer it gives
    (a number, or several when the mistake has variants); ``key`` names its message."""

    key: str
    wrong: Callable[..., float | tuple[float, ...]]


def _markup(year: int) -> float:
    return cbam.default_value_markup(year)


def _other_markups(DV: float, year: int) -> tuple[float, ...]:
    mine = _markup(year)
    return tuple(DV * (1 + m) for m in sorted(set(cbam.IRON_STEEL_MARKUPS.values())) if m != mine)


def _faa_mistakes(see_of: Callable[..., float], after: Callable[..., float]) -> tuple[Mistake, ...]:
    """The mistakes of the free-allocation adjustment: ``see_of(**params)`` is the SEE the
    chain starts from and ``after(params, certificates)`` turns certificates into the
    answer (identity for a count, times P for a cost)."""

    def chain(
        sefa_of: Callable[[int, float], float], see: Callable[..., float] = see_of
    ) -> Callable[..., float]:
        def wrong(**p: Any) -> float:
            n = max(0.0, see(**p) - sefa_of(p["year"], p["BM"])) * p["M"]
            return after(p, n)

        return wrong

    def rounded(**p: Any) -> float:
        sefa = cbam.free_allocation_adjustment(p["year"], p["BM"])
        n = max(0.0, round(see_of(**p), 2) - round(sefa, 2)) * p["M"]
        return after(p, n)

    return (
        Mistake("missing_markup", chain(cbam.free_allocation_adjustment, lambda **p: p["DV"])),
        Mistake("missing_cbam_factor", chain(lambda year, bm: bm)),
        Mistake("phased_out_not_factor", chain(lambda year, bm: cbam.phased_out_share(year) * bm)),
        Mistake("no_adjustment", chain(lambda year, bm: 0.0)),
        Mistake(
            "per_tonne_only",
            lambda **p: after(
                p, max(0.0, see_of(**p) - cbam.free_allocation_adjustment(p["year"], p["BM"]))
            ),
        ),
        Mistake("rounded_early", rounded),
    )


def _see(**p: Any) -> float:
    return cbam.default_see(p["DV"], p["year"])


def _chain_mistakes(chain: Callable[..., dict[str, float]], final: str) -> tuple[Mistake, ...]:
    """The mistakes of the carbon-price chains (E11 ``certificates``, E12 ``cost_krw``)."""
    bm = cbam.HOT_ROLLED_BF_BOF_BENCHMARK
    return (
        Mistake("no_deduction", lambda **p: chain(**p, deduction="none")[final]),
        Mistake(
            "deduction_not_converted", lambda **p: chain(**p, deduction="not_converted")[final]
        ),
        Mistake(
            "missing_cbam_factor",
            lambda **p: chain(**p, n_faa=max(0.0, p["SEE"] - bm) * p["M"])[final],
        ),
        Mistake("no_adjustment", lambda **p: chain(**p, n_faa=p["SEE"] * p["M"])[final]),
    )


def _months(d1: str, d2: str) -> int:
    return cbam.months_between(d1, d2)


def _inclusive_months(start: str, end: str) -> int:
    return cbam.months_between(start, end) + 1


MISTAKES: dict[str, tuple[Mistake, ...]] = {
    "months_between": (
        Mistake("counted_both_ends", lambda d1, d2: _months(d1, d2) + 1.0),
        Mistake("years_not_months", lambda d1, d2: _months(d1, d2) / 12),
        Mistake("years_only", lambda d1, d2: 12.0 * (int(d2[:4]) - int(d1[:4]))),
    ),
    "years_between": (
        Mistake("months_not_years", lambda d1, d2: float(_months(d1, d2))),
        Mistake("years_only", lambda d1, d2: float(int(d2[:4]) - int(d1[:4]))),
    ),
    "transition_reports": (
        Mistake("months_not_reports", lambda start, end: float(_inclusive_months(start, end))),
        Mistake(
            "not_inclusive",
            lambda start, end: (
                cbam.months_between(start, end) / 3,
                float(cbam.months_between(start, end) // 3),
            ),
        ),
    ),
    "deminimis_covered_tonnes": (
        Mistake(
            "only_above_threshold", lambda s: max(0.0, math.fsum(s) - cbam.DEMINIMIS_THRESHOLD_T)
        ),
        Mistake("exempt_counted", math.fsum),
    ),
    "phased_out_percent": (
        Mistake("factor_not_phased_out", lambda year: 100 * cbam.cbam_factor(year)),
        Mistake("factor_as_share", cbam.cbam_factor),
    ),
    "embedded_emissions": (
        Mistake("divided_not_multiplied", lambda M, SEE: M / SEE if SEE else math.nan),
    ),
    "default_see": (
        Mistake("missing_markup", lambda DV, year: float(DV)),
        Mistake("markup_added", lambda DV, year: DV + _markup(year)),
        Mistake("markup_only", lambda DV, year: DV * _markup(year)),
        Mistake("wrong_year_markup", _other_markups),
    ),
    "default_emissions": (
        Mistake("missing_markup", lambda DV, year, M: DV * M),
        Mistake("markup_added", lambda DV, year, M: (DV + _markup(year)) * M),
        Mistake("per_tonne_only", lambda DV, year, M: cbam.default_see(DV, year)),
    ),
    "gross_cost_eur": (
        Mistake("missing_markup", lambda DV, year, M, P: DV * M * P),
        Mistake("forgot_price", lambda DV, year, M, P: cbam.default_see(DV, year) * M),
    ),
    "cost_in_krw": (
        Mistake("fx_wrong_way_to_krw", lambda cost_eur, FX_KRW: cost_eur / FX_KRW),
        Mistake("still_euros", lambda cost_eur, FX_KRW: float(cost_eur)),
    ),
    "kau_in_eur": (
        Mistake("fx_wrong_way_to_eur", lambda KAU, FX_KRW: KAU * FX_KRW),
        Mistake("still_won", lambda KAU, FX_KRW: float(KAU)),
    ),
    "certificates_after_faa": _faa_mistakes(_see, lambda p, n: n),
    "cost_after_faa": (
        *_faa_mistakes(_see, lambda p, n: n * p["P"]),
        Mistake("forgot_price", lambda DV, year, BM, M, P: certificates_after_faa(DV, year, BM, M)),
    ),
    "certificates_japan_tax": _chain_mistakes(_japan, "certificates"),
    "cost_krw_korea": (
        Mistake("still_euros", lambda **p: _korea(**p)["cost_eur"]),
        Mistake("fx_wrong_way_to_krw", lambda **p: _korea(**p)["cost_eur"] / p["FX_KRW"]),
        Mistake("certificates_only", lambda **p: _korea(**p)["certificates"]),
        *_chain_mistakes(_korea, "cost_krw"),
    ),
}
"""The known mistakes of each calculation of :data:`COMPUTE`, most telling first."""


def mistake_fields(params: Mapping[str, Value]) -> dict[str, object]:
    """What a mistake's message may name besides the parameters: the year's mark-up and
    CBAM factor in percent (when the exercise has a year from 2026 on)."""
    fields: dict[str, object] = dict(params)
    year = params.get("year", DEFINITIVE_YEAR if {"SEE", "M"} <= set(params) else None)
    if isinstance(year, int) and year >= cbam.FIRST_DEFINITIVE_YEAR:
        fields["year"] = year
        fields["markup"] = f"{round(100 * _markup(year), 6):g}"
        fields["factor"] = f"{round(100 * cbam.cbam_factor(year), 6):g}"
    return fields


def wrong_answers(compute: str, params: Mapping[str, Value]) -> list[tuple[str, float]]:
    """``(mistake key, the answer it gives)`` for each known mistake of ``compute`` with
    ``params``, in :data:`MISTAKES` order (a mistake with variants gives several)."""
    found = []
    for mistake in MISTAKES.get(compute, ()):
        try:
            values = mistake.wrong(**params)
        except (ValueError, ZeroDivisionError, TypeError):
            continue
        for value in values if isinstance(values, tuple) else (values,):
            if is_number(value):
                found.append((mistake.key, float(value)))
    return found


# --------------------------------------------------------------------------- steps
# The named intermediate values of a multi-step calculation, in order; the last one is
# the answer. Their names are what the notebooks call the variables (n_faa, cost_krw).


def _steps_faa(DV: float, year: int, BM: float, M: float) -> dict[str, float]:
    see = cbam.default_see(DV, year)
    sefa = cbam.free_allocation_adjustment(year, BM)
    return {"see": see, "sefa": sefa, "certificates": cbam.certificates(M, see, year, BM)}


STEPS: dict[str, Callable[..., dict[str, float]]] = {
    "transition_reports": lambda start, end: {
        "months": float(_inclusive_months(start, end)),
        "reports": transition_reports(start, end),
    },
    "deminimis_covered_tonnes": lambda s: {
        "total": math.fsum(s),
        "covered": deminimis_covered_tonnes(s),
    },
    "default_emissions": lambda DV, year, M: {
        "see": default_see(DV, year),
        "emissions": default_emissions(DV, year, M),
    },
    "gross_cost_eur": lambda DV, year, M, P: {
        "see": default_see(DV, year),
        "emissions": default_emissions(DV, year, M),
        "cost_eur": gross_cost_eur(DV, year, M, P),
    },
    "certificates_after_faa": _steps_faa,
    "cost_after_faa": lambda DV, year, BM, M, P: {
        **_steps_faa(DV, year, BM, M),
        "cost_eur": cost_after_faa(DV, year, BM, M, P),
    },
    "certificates_japan_tax": _japan,
    "cost_krw_korea": _korea,
}
"""The named steps of the multi-step calculations (the last is the answer)."""


def step_values(compute: str, params: Mapping[str, Value]) -> dict[str, float]:
    """The named intermediate values of ``compute`` for ``params``, in order ({} for a
    one-step calculation)."""
    steps = STEPS.get(compute)
    return {} if steps is None else dict(steps(**params))
