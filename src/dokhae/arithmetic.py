"""The exercise engine for CBAM arithmetic templates.

A template (``exercises/<lesson>.yaml``, model :class:`dokhae.lesson.ArithmeticTemplate`)
names a calculation (``answer.compute``) and the ranges of its parameters.  This module
turns it into concrete exercises:

- :data:`COMPUTE` — the calculations, by name (from :mod:`dokhae.templates`, where the
  rules of a template live: the calculations, their parameters, the ranges, how the
  texts are filled in; ``dokhae check`` applies the same rules).
- :func:`make_exercise` — one exercise per ``(template, seed)``: deterministic, the same
  numbers for the same template id and seed on every machine and Python version.
- :func:`example_exercise` — the exercise with the template's example values.
- :func:`hint` — the hints, one at a time.

Checking a student's answer is not done here (see ``dokhae.answers``); an exercise only
carries ``answer``, ``unit`` and ``tolerance``.  What a wrong answer says about the
student's way is here:

- :func:`diagnose` — the known mistake a wrong number matches (the other currency, the
  exchange rate the wrong way round, a missing mark-up or CBAM factor, ×100 or ÷100,
  rounding too early, …), computed from the template's own calculation
  (:data:`dokhae.templates.MISTAKES`), as the message to show in both languages.
- :func:`step_names`, :func:`check_steps` — the named intermediate values of a
  multi-step exercise (``n_faa``, ``deduction``, ``cost_krw``) and which of those given
  are right, so the student sees where the chain broke.

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

import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypedDict

from . import cbam, i18n
from .answers import AnswerFormatError, Step, is_empty, parse_number, within_tolerance
from .lesson import ArithmeticTemplate, Param, Text, Tolerance
from .templates import (
    COMPUTE,
    Value,
    check_template,
    compute_parameters,
    example_answer,
    example_values,
    fill_text,
    mistake_fields,
    month_index,
    normalise_value,
    number_grid,
    shown_values,
    step_values,
    wrong_answers,
)

__all__ = [
    "COMPUTE",
    "CONSTRAINTS",
    "MAX_DRAWS",
    "ArithmeticExercise",
    "ExerciseDict",
    "UnknownStepError",
    "check_steps",
    "compute_parameters",
    "diagnose",
    "example_exercise",
    "hint",
    "make_exercise",
    "step_names",
]

MAX_DRAWS = 1000
"""How many draws :func:`make_exercise` tries before giving up on a template."""


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
            f"step = {step!r} is not a hint of {exercise.template_id!r}; it has hints 1 to {n}"
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
    check_template(template)
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
    answer = example_answer(template)
    return _exercise(template, "example", example_values(template), answer)


def _number_on_grid(rng: random.Random, param: Param) -> int | float:
    lo, step, digits, whole = number_grid(param)
    k = rng.randint(0, math.floor((float(param.max) - lo) / step + 1e-9))  # type: ignore[arg-type]
    value = round(lo + k * step, digits)
    return int(value) if whole else value


def _draw(rng: random.Random, param: Param) -> Value:
    if param.kind == "choice":
        return normalise_value(param, rng.choice(param.choices))
    if param.kind == "month":
        lo = month_index(param.min)
        hi = month_index(param.max)
        step = int(param.step or 1)
        index = lo + step * rng.randint(0, (hi - lo) // step)  # type: ignore[operator]
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if param.kind == "list":
        fewest, most = param.length  # type: ignore[misc]
        return tuple(_number_on_grid(rng, param) for _ in range(rng.randint(fewest, most)))
    return _number_on_grid(rng, param)


def _exercise(
    template: ArithmeticTemplate, seed: int | str, params: dict[str, Value], answer: float
) -> ArithmeticExercise:
    shown = shown_values(params)
    try:
        prompt = fill_text(template.prompt, shown, strict=True)
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
        hints=tuple(fill_text(h, shown, strict=False) for h in template.hints),
        explanation=fill_text(template.explanation, shown, strict=False),
        caveat=None if template.caveat is None else fill_text(template.caveat, shown, strict=False),
    )


# --------------------------------------------------------------------------- mistakes

NEAR_MISS = 0.03
"""A wrong number within this share of the answer (and not a known mistake) is taken for
a value rounded too early on the way."""

STEP_TOLERANCE = Tolerance(relative=0.005)
"""How close an intermediate value must be (the last step uses the exercise's own)."""


def _matches(number: float, target: float, tolerance: Tolerance) -> bool:
    return math.isfinite(target) and within_tolerance(number, target, tolerance)


def _rounded_answer(number: float, answer: float) -> bool:
    """``number`` is ``answer`` rounded to 0-3 decimals (2.3 for 2.332)."""
    return any(number == round(answer, digits) for digits in range(4)) and number != answer


def diagnose(exercise: ArithmeticExercise, number: float) -> Text | None:
    """What a wrong ``number`` shows about the student's way, or None.

    First the template's own mistakes (:func:`dokhae.templates.wrong_answers`: each is
    the calculation with one step done wrongly; a mistake that happens to give the right
    answer for these numbers is skipped), then those of any number: a share for a
    percent, 100 times too big or too small, the answer rounded too much, and a value
    just outside the tolerance (rounded too early on the way).  The message is the
    interface text ``mistake.<key>`` in both languages, filled in with the exercise's
    numbers; it says which step went wrong without giving the answer.
    """
    tol, answer = exercise.tolerance, exercise.answer
    if _matches(number, answer, tol):
        return None
    for own, wrong in wrong_answers(exercise.compute, exercise.params):
        if not _matches(wrong, answer, tol) and _matches(number, wrong, tol):
            return mistake_text(own, exercise)
    generic = [
        ("percent_as_share", exercise.unit == "%" and _matches(number, answer / 100, tol)),
        ("times_100", bool(answer) and _matches(number, answer * 100, tol)),
        ("divided_by_100", bool(answer) and _matches(number, answer / 100, tol)),
        ("rounded_answer", _rounded_answer(number, answer)),
        ("near_miss", abs(number - answer) <= NEAR_MISS * abs(answer)),
    ]
    key = next((key for key, found in generic if found), None)
    return None if key is None else mistake_text(key, exercise)


def mistake_text(key: str, exercise: ArithmeticExercise) -> Text:
    """The message of the mistake ``key`` (``mistake.<key>``) for ``exercise``, both languages."""
    return i18n.text(f"mistake.{key}", **mistake_fields(exercise.params), unit=exercise.unit)


# --------------------------------------------------------------------------- steps


class UnknownStepError(ValueError):
    """A step name the exercise does not have (the message names the ones it has)."""


def step_names(exercise: ArithmeticExercise) -> tuple[str, ...]:
    """The names of the exercise's intermediate values, in order; the last is the answer
    (empty for a one-step exercise)."""
    return tuple(step_values(exercise.compute, exercise.params))


def check_steps(exercise: ArithmeticExercise, given: Mapping[str, Any]) -> tuple[Step, ...]:
    """Each step of ``exercise`` in order, marked right or wrong where ``given`` has it.

    Values are numbers or texts such as ``"4,914"`` (a step that cannot be read counts
    as wrong); the last step is checked with the exercise's tolerance, the others within
    :data:`STEP_TOLERANCE`.  Steps not given (or None, a cell not filled in yet) are left out.

    Raises:
        UnknownStepError: a name in ``given`` is not a step of the exercise.
    """
    values = step_values(exercise.compute, exercise.params)
    unknown = [name for name in given if name not in values]
    if unknown:
        known = ", ".join(values) or "none: this exercise has one step"
        raise UnknownStepError(
            f"{exercise.template_id!r} has no step {', '.join(map(repr, unknown))}; "
            f"its steps are: {known}"
        )
    last = next(reversed(values))
    steps = []
    for name, right in values.items():
        if name not in given or is_empty(given[name]):
            continue
        tolerance = exercise.tolerance if name == last else STEP_TOLERANCE
        try:
            number = parse_number(given[name])
        except AnswerFormatError:
            number = None
        ok = number is not None and within_tolerance(number, right, tolerance)
        steps.append(Step(name, ok, number))
    return tuple(steps)
