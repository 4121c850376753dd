"""The exercise engine for CBAM arithmetic templates.

A template (``exercises/<lesson>.yaml``, model :class:`dokhae.lesson.ArithmeticTemplate`)
names a calculation (``answer.compute``) and the ranges of its parameters.  This module
turns it into concrete exercises:

- :data:`COMPUTE` — the calculations, by name, each a thin call into :mod:`dokhae.cbam`
  (no formula is written twice).  A calculation's parameter names are exactly the
  template's parameter names (``docs/lesson-format.md``).
- :func:`make_exercise` — one exercise per ``(template, seed)``: deterministic, the same
  numbers for the same template id and seed on every machine and Python version.
- :func:`example_exercise` — the exercise with the template's example values.
- :func:`hint` — the hints, one at a time.

Checking a student's answer is not done here (see ``dokhae.answers``); an exercise only
carries ``answer``, ``unit`` and ``tolerance``.

Drawing parameters
------------------
``kind: number``
    ``min + k * step`` for a whole ``k`` with the value at most ``max``.  Without ``step``:
    1 when ``min`` and ``max`` are whole numbers, else 0.01 (or finer if ``min``/``max``
    have more decimals).  Values are rounded to the decimals of ``min`` and ``step`` (no
    ``75.36000000000001``) and are ints when ``min`` and ``step`` are whole.
``kind: choice``
    one of ``choices``; whole numbers become ints (YAML ``2026`` is read as ``2026.0``).
``kind: month``
    a ``"YYYY-MM"`` string from ``min`` to ``max``; ``step`` counts months (default 1,
    e.g. 3 for quarter starts when ``min`` is a quarter start).
``kind: list``
    ``length: [a, b]`` items, each drawn like a number from ``min``..``max``/``step``.

Valid draws: a draw is kept when the calculation accepts it (raises no ``ValueError``)
and the calculation's extra rule in :data:`CONSTRAINTS`, if any, holds (for
``months_between``: ``d2`` after ``d1``).  Otherwise the engine draws again from the same
random stream, so re-drawing is deterministic too; after :data:`MAX_DRAWS` failed draws it
raises ``ValueError`` naming the template and the last problem.

Prompt formatting
-----------------
The prompt is ``str.format``-ted with the parameters (``{M:,}``, ``{P:.2f}``, ``{year}``).
Lists format each item with the spec and join them with ", " (``{s}`` → ``18, 17, 16``;
``{s[0]}`` is the first item).  Months print as ``2018-11``; ``{d1:ko}`` gives
``2018년 11월`` and ``{d1:en}`` ``November 2018``.  Hints, explanation and caveat are
formatted the same way when every ``{…}`` field in them names a parameter, and are left
as written otherwise.
"""

from __future__ import annotations

import inspect
import math
import random
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypedDict, Union

from . import cbam
from .lesson import ArithmeticTemplate, Param, Text, Tolerance

__all__ = [
    "COMPUTE",
    "CONSTRAINTS",
    "MAX_DRAWS",
    "ArithmeticExercise",
    "ExerciseDict",
    "compute_parameters",
    "example_exercise",
    "hint",
    "make_exercise",
]

Value = Union[int, float, str, tuple[Union[int, float], ...]]
"""A parameter value: a number, a ``"YYYY-MM"`` month, or a tuple of numbers."""

MAX_DRAWS = 1000
"""How many draws :func:`make_exercise` tries before giving up on a template."""

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


def embedded_emissions(M: float, SEE: float) -> float:  # noqa: N803 - names of the format
    """t CO2e of M t at SEE t CO2e/t."""
    return cbam.embedded_emissions(M, SEE)


def default_see(DV: float, year: int) -> float:  # noqa: N803
    """Default SEE with the year's mark-up, t CO2e/t."""
    return cbam.default_see(DV, year)


def default_emissions(DV: float, year: int, M: float) -> float:  # noqa: N803
    """t CO2e of M t with the default value and the year's mark-up."""
    return cbam.embedded_emissions(M, cbam.default_see(DV, year))


def gross_cost_eur(DV: float, year: int, M: float, P: float) -> float:  # noqa: N803
    """EUR before the free-allocation adjustment."""
    return cbam.certificate_cost(default_emissions(DV, year, M), P)


def cost_in_krw(cost_eur: float, FX_KRW: float) -> float:  # noqa: N803
    """A EUR amount in KRW."""
    return cbam.from_eur(cost_eur, FX_KRW)


def kau_in_eur(KAU: float, FX_KRW: float) -> float:  # noqa: N803
    """A KAU price (KRW/t) in EUR/t."""
    return cbam.to_eur(KAU, FX_KRW)


def certificates_after_faa(DV: float, year: int, BM: float, M: float) -> float:  # noqa: N803
    """Certificates after the free-allocation adjustment (default values with mark-up)."""
    return cbam.certificates(M, cbam.default_see(DV, year), year, BM)


def cost_after_faa(DV: float, year: int, BM: float, M: float, P: float) -> float:  # noqa: N803
    """EUR after the free-allocation adjustment."""
    return cbam.certificate_cost(certificates_after_faa(DV, year, BM, M), P)


def certificates_japan_tax(  # noqa: N803
    M: float, SEE: float, c: float, FX_JPY: float, P: float
) -> float:
    """Certificates in 2026 (BM 1.370) after deducting Japan's ¥289/t tax paid on share c."""
    paid_jpy = cbam.carbon_price_paid(M, SEE, c, cbam.JAPAN_CARBON_TAX_JPY)
    deduction = cbam.carbon_price_deduction(paid_jpy, FX_JPY, P)
    return cbam.certificates(
        M, SEE, DEFINITIVE_YEAR, cbam.HOT_ROLLED_BF_BOF_BENCHMARK, deduction=deduction
    )


def cost_krw_korea(  # noqa: N803
    M: float, SEE: float, KAU: float, p: float, FX_KRW: float, P: float
) -> float:
    """KRW owed for 2026 (BM 1.370) after deducting KAUs bought for share p."""
    paid_krw = cbam.carbon_price_paid(M, SEE, p, KAU)
    deduction = cbam.carbon_price_deduction(paid_krw, FX_KRW, P)
    n = cbam.certificates(
        M, SEE, DEFINITIVE_YEAR, cbam.HOT_ROLLED_BF_BOF_BENCHMARK, deduction=deduction
    )
    return cbam.from_eur(cbam.certificate_cost(n, P), FX_KRW)


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


def _later_month(params: Mapping[str, Value]) -> str | None:
    if cbam.months_between(params["d1"], params["d2"]) == 0:
        return f"d2 = {params['d2']!r} is the same month as d1; an exercise needs d2 after d1"
    return None


CONSTRAINTS: dict[str, Callable[[Mapping[str, Value]], str | None]] = {
    "months_between": _later_month,
    "years_between": _later_month,
}
"""Extra rules a draw must meet beyond being accepted by the calculation: each returns a
problem (text) or None.  Used only for drawn exercises, not for example values."""


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


# --------------------------------------------------------------------------- exercise


class ExerciseDict(TypedDict):
    """The JSON-ready form of an :class:`ArithmeticExercise`."""

    template_id: str
    seed: int | str
    compute: str
    level: int
    title: dict[str, str]
    params: dict[str, Any]
    prompt: dict[str, str]
    answer: float
    unit: str
    tolerance: dict[str, float]
    hints: list[dict[str, str]]
    explanation: dict[str, str]
    caveat: dict[str, str] | None


@dataclass(frozen=True)
class ArithmeticExercise:
    """One concrete exercise made from a template and a seed.

    ``params`` maps parameter names to values (ints/floats, ``"YYYY-MM"`` months, tuples
    for lists); ``prompt`` is the template prompt filled in with them; ``answer`` is the
    calculation's unrounded result in ``unit``, right within ``tolerance``.  Reveal
    ``hints`` one at a time with :func:`hint`.
    """

    template_id: str
    seed: int | str
    compute: str
    level: int
    title: Text
    params: Mapping[str, Value]
    prompt: Text
    answer: float
    unit: str
    tolerance: Tolerance
    hints: tuple[Text, ...]
    explanation: Text
    caveat: Text | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.params, MappingProxyType):
            object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def to_dict(self) -> ExerciseDict:
        """A JSON-ready dict (lists for tuples); :meth:`from_dict` reads it back."""
        return {
            "template_id": self.template_id,
            "seed": self.seed,
            "compute": self.compute,
            "level": self.level,
            "title": self.title.model_dump(),
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in self.params.items()},
            "prompt": self.prompt.model_dump(),
            "answer": self.answer,
            "unit": self.unit,
            "tolerance": self.tolerance.model_dump(),
            "hints": [h.model_dump() for h in self.hints],
            "explanation": self.explanation.model_dump(),
            "caveat": None if self.caveat is None else self.caveat.model_dump(),
        }

    @classmethod
    def from_dict(cls, data: ExerciseDict) -> ArithmeticExercise:
        """The exercise written by :meth:`to_dict`."""
        return cls(
            template_id=data["template_id"],
            seed=data["seed"],
            compute=data["compute"],
            level=data["level"],
            title=Text(**data["title"]),
            params={k: tuple(v) if isinstance(v, list) else v for k, v in data["params"].items()},
            prompt=Text(**data["prompt"]),
            answer=data["answer"],
            unit=data["unit"],
            tolerance=Tolerance(**data["tolerance"]),
            hints=tuple(Text(**h) for h in data["hints"]),
            explanation=Text(**data["explanation"]),
            caveat=None if data["caveat"] is None else Text(**data["caveat"]),
        )


def hint(exercise: ArithmeticExercise, step: int) -> Text:
    """The ``step``-th hint of ``exercise``, counting from 1 (reveal them one at a time).

    Raises:
        ValueError: ``step`` is not between 1 and the number of hints.
    """
    n = len(exercise.hints)
    if isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= n:
        raise ValueError(
            f"step = {step!r} is not a hint of {exercise.template_id!r}; "
            f"it has hints 1 to {n}"
        )
    return exercise.hints[step - 1]


def make_exercise(template: ArithmeticTemplate, seed: int | str) -> ArithmeticExercise:
    """The exercise of ``template`` for ``seed``: parameters drawn, prompt filled, answer computed.

    Deterministic: the random stream is seeded with ``f"{template.id}:{seed}"`` (string
    seeding of :class:`random.Random` is stable across runs and Python versions; Python's
    ``hash()`` is not used).  Invalid draws are drawn again (see the module docstring).

    Args:
        template: the arithmetic template.
        seed: a student's seed, e.g. an int or a student id.

    Raises:
        ValueError: the template names an unknown calculation, its parameters do not match
            the calculation's, a parameter range is malformed, or no valid draw was found.
    """
    _check(template)
    rng = random.Random(f"{template.id}:{seed}")
    rule = CONSTRAINTS.get(template.answer.compute)
    problem = ""
    for _ in range(MAX_DRAWS):
        params = {name: _draw(rng, param) for name, param in template.params.items()}
        try:
            answer = COMPUTE[template.answer.compute](**params)
        except ValueError as exc:
            problem = str(exc)
            continue
        problem = (rule(params) if rule else None) or ""
        if not problem:
            return _exercise(template, seed, params, answer)
    raise ValueError(
        f"template {template.id!r}: no valid parameters in {MAX_DRAWS} draws for seed "
        f"{seed!r}; last problem: {problem}; widen or correct the parameter ranges"
    )


def example_exercise(template: ArithmeticTemplate) -> ArithmeticExercise:
    """The exercise with the template's ``example`` values (seed ``"example"``).

    Its ``answer`` should equal ``template.answer.example`` within the tolerance.

    Raises:
        ValueError: as :func:`make_exercise`, or the calculation rejects the example values.
    """
    _check(template)
    params = {name: _normalise(param, param.example) for name, param in template.params.items()}
    try:
        answer = COMPUTE[template.answer.compute](**params)
    except ValueError as exc:
        raise ValueError(f"template {template.id!r}: the example values fail: {exc}") from None
    return _exercise(template, "example", params, answer)


# --------------------------------------------------------------------------- internals


def _check(template: ArithmeticTemplate) -> None:
    """Raise one ValueError listing every structural problem of ``template``."""
    problems: list[str] = []
    compute = template.answer.compute
    if compute not in COMPUTE:
        problems.append(
            f"answer.compute = {compute!r} is not a calculation of the exercise engine; "
            f"use one of: {', '.join(sorted(COMPUTE))}"
        )
    else:
        wanted = compute_parameters(compute)
        missing = [n for n in wanted if n not in template.params]
        extra = [n for n in template.params if n not in wanted]
        if missing or extra:
            problems.append(
                f"params: {compute} takes exactly {', '.join(wanted)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; not used: {', '.join(extra)}" if extra else "")
            )
    for name, param in template.params.items():
        problems.extend(f"params.{name}: {p}" for p in _param_problems(param))
    if problems:
        raise ValueError(f"template {template.id!r}:\n" + "\n".join(problems))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _param_problems(param: Param) -> list[str]:
    if param.kind == "choice":
        return [] if param.choices else ["a choice parameter needs choices: [...]"]
    problems = []
    if param.kind == "month":
        lo, hi = _month_or_none(param.min), _month_or_none(param.max)
        if lo is None or hi is None:
            problems.append(f"min = {param.min!r} and max = {param.max!r} must be months 'YYYY-MM'")
        elif lo > hi:
            problems.append(f"min = {param.min!r} is after max = {param.max!r}")
        if param.step is not None and not float(param.step).is_integer():
            problems.append(f"step = {param.step!r} must be a whole number of months")
        return problems
    if not (_is_number(param.min) and _is_number(param.max)):
        problems.append(f"min = {param.min!r} and max = {param.max!r} must both be numbers")
    elif param.min > param.max:  # type: ignore[operator]
        problems.append(f"min = {param.min!r} is greater than max = {param.max!r}")
    length = param.length
    if param.kind == "list" and (length is None or not 0 <= length[0] <= length[1]):
        problems.append(f"length = {param.length!r} must be [fewest, most] items, e.g. [2, 6]")
    return problems


def _month_or_none(value: object) -> int | None:
    try:
        return cbam.months_between("0000-01", value)  # type: ignore[arg-type]
    except ValueError:
        return None


def _decimals(x: float) -> int:
    exponent = Decimal(repr(float(x))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _whole(x: object) -> bool:
    return _is_number(x) and float(x).is_integer()  # type: ignore[arg-type]


def _grid(param: Param) -> tuple[float, float, int, bool]:
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


def _number_on_grid(rng: random.Random, param: Param) -> int | float:
    lo, step, digits, whole = _grid(param)
    k = rng.randint(0, math.floor((float(param.max) - lo) / step + 1e-9))  # type: ignore[arg-type]
    value = round(lo + k * step, digits)
    return int(value) if whole else value


def _draw(rng: random.Random, param: Param) -> Value:
    if param.kind == "choice":
        return _normalise(param, rng.choice(param.choices))
    if param.kind == "month":
        lo = _month_or_none(param.min)
        hi = _month_or_none(param.max)
        step = int(param.step or 1)
        index = lo + step * rng.randint(0, (hi - lo) // step)  # type: ignore[operator]
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if param.kind == "list":
        fewest, most = param.length  # type: ignore[misc]
        return tuple(_number_on_grid(rng, param) for _ in range(rng.randint(fewest, most)))
    return _number_on_grid(rng, param)


def _normalise(param: Param, value: Any) -> Value:
    """Whole numbers as ints where the parameter is whole; lists as tuples."""
    if isinstance(value, (tuple, list)):
        whole = param.kind == "list" and _grid(param)[3] if _is_number(param.min) else False
        return tuple(int(v) if whole and _whole(v) else v for v in value)
    if isinstance(value, float) and value.is_integer():
        if param.kind == "choice" or (_is_number(param.min) and _grid(param)[3]):
            return int(value)
    return value


class _Month(str):
    """A ``"YYYY-MM"`` month that formats as ``2018년 11월`` with ``:ko`` and
    ``November 2018`` with ``:en``."""

    _NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

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


def _display(params: Mapping[str, Value]) -> dict[str, object]:
    shown: dict[str, object] = {}
    for name, value in params.items():
        if isinstance(value, tuple):
            shown[name] = _Items(value)
        elif isinstance(value, str) and _month_or_none(value) is not None:
            shown[name] = _Month(value)
        else:
            shown[name] = value
    return shown


def _fill(text: Text, shown: Mapping[str, object], *, strict: bool) -> Text:
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


def _exercise(
    template: ArithmeticTemplate, seed: int | str, params: dict[str, Value], answer: float
) -> ArithmeticExercise:
    shown = _display(params)
    try:
        prompt = _fill(template.prompt, shown, strict=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ValueError(
            f"template {template.id!r}: the prompt cannot be filled in with {dict(params)}: {exc}"
        ) from None
    return ArithmeticExercise(
        template_id=template.id,
        seed=seed,
        compute=template.answer.compute,
        level=template.level,
        title=template.title,
        params=params,
        prompt=prompt,
        answer=float(answer),
        unit=template.answer.unit,
        tolerance=template.answer.tolerance,
        hints=tuple(_fill(h, shown, strict=False) for h in template.hints),
        explanation=_fill(template.explanation, shown, strict=False),
        caveat=None if template.caveat is None else _fill(template.caveat, shown, strict=False),
    )
