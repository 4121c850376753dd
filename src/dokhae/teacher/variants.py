"""Each student's variant of an assignment: what they may see, and what only the key holds.

For every exercise, :func:`student_variant` returns a *safe* entry for the student's
``questions.json`` (prompt, choices, items, the student's numbers) and the key's part
for this student (letters → choice ids, arithmetic answers). The safe entry is built by
naming the fields it may have, never by removing fields from a question: a field added
to the lesson model later stays out of students' folders until it is named here.

Everything is derived from the variant seed, a keyed hash of the teacher's secret, the
assignment id and the student id (:func:`dokhae.teacher.secret.variant_seed`): the same
inputs give the same folders, and without the secret nobody can recompute a seed.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from typing import Any

from ..arithmetic import make_exercise
from ..lesson import (
    ArithmeticTemplate,
    Cloze,
    Lesson,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    TrueFalseNotGiven,
)
from .secret import variant_seed

__all__ = ["LABELS", "student_variant", "variant_seed"]

LABELS = string.ascii_lowercase
"""Letters given to choices, ordering items and matching right items, in display order."""

ARITHMETIC_POINTS = 1.0
"""Points of an arithmetic exercise (templates have no ``points`` field)."""


def _shuffled(
    rng: random.Random, items: Sequence[Any], *, not_like: Sequence[Any] | None = None
) -> list[Any]:
    """``items`` in a random order; with three or more items, never in the order
    ``not_like`` (the answer), so the display order never gives the answer away."""
    order = list(items)
    rng.shuffle(order)
    if not_like is not None and len(order) >= 3:
        while order == list(not_like):
            rng.shuffle(order)
    return order


def _text(t: Any) -> dict[str, str]:
    return {"en": t.en, "ko": t.ko}


def _json_param(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _question(question: Any, seed: str) -> tuple[dict[str, Any], dict[str, Any]]:
    rng = random.Random(f"{seed}:{question.id}")
    safe: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "skill": question.skill,
        "points": question.points,
        "prompt": _text(question.prompt),
    }
    key: dict[str, Any] = {}
    if isinstance(question, MultipleChoice):
        order = _shuffled(rng, question.choices)
        safe["choices"] = [
            {"label": LABELS[i], "en": c.en, "ko": c.ko} for i, c in enumerate(order)
        ]
        key["labels"] = {LABELS[i]: c.id for i, c in enumerate(order)}
    elif isinstance(question, TrueFalseNotGiven):
        pass
    elif isinstance(question, Cloze):
        safe["text"] = question.text
        safe["choices"] = _shuffled(rng, question.choices)
        safe["inflections"] = question.inflections
    elif isinstance(question, Matching):
        rights = [p.right for p in question.pairs]
        order = _shuffled(rng, rights, not_like=rights)
        safe["left"] = [{"label": str(i + 1), "text": p.left} for i, p in enumerate(question.pairs)]
        safe["right"] = [{"label": LABELS[i], "text": r} for i, r in enumerate(order)]
        key["matching"] = {
            "left": {str(i + 1): p.left for i, p in enumerate(question.pairs)},
            "right": {LABELS[i]: r for i, r in enumerate(order)},
        }
    elif isinstance(question, Ordering):
        by_id = {item.id: item for item in question.items}
        answer = [by_id[i] for i in question.answer if i in by_id]
        order = _shuffled(rng, question.items, not_like=answer)
        safe["items"] = [{"label": LABELS[i], "en": c.en, "ko": c.ko} for i, c in enumerate(order)]
        key["labels"] = {LABELS[i]: c.id for i, c in enumerate(order)}
    elif isinstance(question, ShortText):
        safe["inflections"] = question.inflections
        safe["manual"] = question.manual
    elif isinstance(question, Numeric):
        safe["unit"] = question.unit
    else:  # a new question type must be added here on purpose
        raise TypeError(f"no student-safe form for question type {question.type!r}")
    return safe, key


def _arithmetic(template: ArithmeticTemplate, seed: str) -> tuple[dict[str, Any], dict[str, Any]]:
    exercise = make_exercise(template, seed)
    safe = {
        "id": template.id,
        "type": "arithmetic",
        "skill": "arithmetic",
        "points": ARITHMETIC_POINTS,
        "level": template.level,
        "title": _text(template.title),
        "prompt": _text(exercise.prompt),
        "unit": exercise.unit,
        "params": {name: _json_param(value) for name, value in exercise.params.items()},
        "param_units": {name: p.unit for name, p in template.params.items() if p.unit},
        "tolerance": exercise.tolerance.model_dump(),
    }
    key = {
        "answer": exercise.answer,
        "unit": exercise.unit,
        "tolerance": exercise.tolerance.model_dump(),
        "params": safe["params"],
    }
    return safe, key


def student_variant(
    lesson: Lesson, exercise_ids: Sequence[str], seed: str
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One student's safe questions (in ``exercise_ids`` order) and key part.

    The key part has ``labels`` (exercise → letter → choice or item id), ``matching``
    (exercise → ``left``/``right`` letter → text) and ``arithmetic`` (exercise →
    ``answer``, ``unit``, ``tolerance``, ``params``).
    """
    questions, templates = lesson.questions, lesson.templates
    safe_entries: list[dict[str, Any]] = []
    key: dict[str, Any] = {"seed": seed, "labels": {}, "matching": {}, "arithmetic": {}}
    for exercise_id in exercise_ids:
        if exercise_id in questions:
            safe, part = _question(questions[exercise_id], seed)
            for section, value in part.items():
                key[section][exercise_id] = value
        else:
            safe, part = _arithmetic(templates[exercise_id], seed)
            key["arithmetic"][exercise_id] = part
        safe_entries.append(safe)
    return safe_entries, key


def key_questions(
    lesson: Lesson, exercise_ids: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The key's ``questions`` (full lesson questions, answers and explanations included)
    and ``templates`` (title, unit, points) for the selected exercises."""
    questions = {
        e: lesson.questions[e].model_dump(mode="json")
        for e in exercise_ids
        if e in lesson.questions
    }
    templates = {
        e: {
            "title": _text(t.title),
            "unit": t.answer.unit,
            "points": ARITHMETIC_POINTS,
            "compute": t.answer.compute,
            "level": t.level,
        }
        for e in exercise_ids
        if (t := lesson.templates.get(e)) is not None
    }
    return questions, templates
