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
from collections.abc import Mapping, Sequence
from typing import Any

from .. import i18n
from ..answers import question_korean_words
from ..arithmetic import make_exercise
from ..exam.items import WRITTEN_KINDS, ExamItem
from ..exam.printed import printed
from ..homework.words import (
    WORD_PREFIX,
    WORD_TYPE,
    accepted_answers,
    shown_word,
)
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
from .exam_variants import exam_variant
from .secret import variant_seed

__all__ = [
    "EXAM_TYPE",
    "LABELS",
    "exam_entry",
    "parse_exam_item",
    "student_variant",
    "variant_seed",
]

EXAM_TYPE = "exam"
"""The ``type`` of an exam item in ``questions.json`` and in the key."""
WORD_POINTS = 1.0
TYPED_DIRECTIONS = ("ko-en", "en-ko")

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
    lesson: Lesson,
    exercise_ids: Sequence[str],
    seed: str,
    *,
    earlier: Sequence[Mapping[str, Any]] = (),
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One student's safe questions (in ``exercise_ids`` order) and key part.

    The key part has ``labels`` (exercise → letter → choice or item id), ``matching``
    (exercise → ``left``/``right`` letter → text), ``arithmetic`` (exercise →
    ``answer``, ``unit``, ``tolerance``, ``params``), ``exam`` (exercise → the student's
    proven variant of the exam item, key and proof included) and ``words`` (word-test
    slot → glossary entry, direction and accepted answers). ``earlier``: the key parts
    of the student's earlier attempts, whose exam variants and words are avoided where
    another one exists.
    """
    questions, templates = lesson.questions, lesson.templates
    safe_entries: list[dict[str, Any]] = []
    key: dict[str, Any] = {
        "seed": seed,
        "labels": {},
        "matching": {},
        "arithmetic": {},
        "exam": {},
        "words": {},
    }
    slots = [e for e in exercise_ids if e.startswith(WORD_PREFIX) and e not in questions]
    words = _word_slots(lesson, slots, seed, earlier)
    sentences = {sid: s.en for sid, s in lesson.article.sentences.items()}
    for exercise_id in exercise_ids:
        if exercise_id in words:
            safe, key["words"][exercise_id] = words[exercise_id]
        elif exercise_id in lesson.exam_items:
            avoid = [
                parse_exam_item(part["exam"][exercise_id])
                for part in earlier
                if exercise_id in part.get("exam", {})
            ]
            item = exam_variant(lesson.exam_items[exercise_id], sentences, seed, avoid=avoid)
            safe = exam_entry(item, sentences)
            key["exam"][exercise_id] = item.model_dump(mode="json")
        elif exercise_id in questions:
            safe, part = _question(questions[exercise_id], seed)
            for section, value in part.items():
                key[section][exercise_id] = value
        else:
            safe, part = _arithmetic(templates[exercise_id], seed)
            key["arithmetic"][exercise_id] = part
        safe_entries.append(safe)
    return safe_entries, key


KOREAN_WORDS = "korean_words"
"""The field of a key question that holds the glossary's dictionary forms and stems for
its Korean answers (:func:`dokhae.answers.question_korean_words`): grading recognises
협력을 and 부과하도록 as practice does, without the lesson."""


def key_question(question: Any, glossary: Sequence[Any]) -> dict[str, Any]:
    """A lesson question as the key stores it: its fields, and :data:`KOREAN_WORDS`
    where the glossary knows its Korean answers."""
    stored = question.model_dump(mode="json")
    korean = question_korean_words(question, glossary)
    if korean is not None:
        stored[KOREAN_WORDS] = {"words": list(korean.words), "forms": list(korean.forms)}
    return stored


def key_questions(
    lesson: Lesson, exercise_ids: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The key's ``questions`` (full lesson questions, answers and explanations included;
    for an exam item its kind, points, stem and the approved item; for a word-test slot
    its points) and ``templates`` (title, unit, points) for the selected exercises."""
    questions = {
        e: key_question(lesson.questions[e], lesson.glossary)
        for e in exercise_ids
        if e in lesson.questions
    }
    for e in exercise_ids:
        item = lesson.exam_items.get(e)
        if item is not None and e not in questions:
            questions[e] = {
                "id": e,
                "type": EXAM_TYPE,
                "kind": item.kind,
                "skill": "exam",
                "points": item.points,
                "prompt": {"ko": item.stem, "en": i18n.t(f"target_test.kind.{item.kind}", "en")},
                "item": item.model_dump(mode="json"),
            }
        elif e.startswith(WORD_PREFIX) and e not in questions and e not in lesson.templates:
            questions[e] = {
                "id": e,
                "type": WORD_TYPE,
                "skill": "vocabulary",
                "points": WORD_POINTS,
                "prompt": {
                    "ko": i18n.t("target_test.word_test", "ko"),
                    "en": i18n.t("target_test.word_test", "en"),
                },
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


# --------------------------------------------------------------------------- exam items


def parse_exam_item(data: Mapping[str, Any]) -> ExamItem:
    """An exam item from its JSON in the key."""
    from pydantic import TypeAdapter

    return TypeAdapter(ExamItem).validate_python(data)


def exam_entry(item: ExamItem, sentences: Mapping[str, str]) -> dict[str, Any]:
    """The student-safe entry of an exam item: its stem, the item as printed (passage,
    marks, options) and how many parts a written answer has; never the key, the proof
    or the rubric's answers. Named fields only, like every safe entry."""
    shown = printed(item, sentences).split("\n", 2)  # the stem, an empty line, the rest
    written = item.kind in WRITTEN_KINDS
    entry: dict[str, Any] = {
        "id": item.id,
        "type": EXAM_TYPE,
        "kind": item.kind,
        "skill": "exam",
        "points": item.points,
        "prompt": {
            "ko": item.stem,
            "en": i18n.t("target_test.exam_write" if written else "target_test.exam_choose", "en"),
        },
        "printed": shown[2] if len(shown) == 3 else "",
        "written": written,
    }
    if written:
        entry["parts"] = len(item.rubric.parts)  # type: ignore[union-attr]
    return entry


# --------------------------------------------------------------------------- word tests


def _word_slots(
    lesson: Lesson, slots: Sequence[str], seed: str, earlier: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Each slot's safe entry and key part: a glossary entry and a direction, the words of
    earlier attempts last, half of the slots each way."""
    if not slots:
        return {}
    # words, not grammar patterns: 제N차 or -다고 밝히다 is read in the text, not typed
    words = [e for e in lesson.glossary if e.pos != "grammar"]
    if len(words) < len(slots):
        raise ValueError(
            f"a word test of {len(slots)} words needs as many glossary words; lesson "
            f"{lesson.slug!r} has {len(words)}: ask for at most {len(words)} words"
        )
    rng = random.Random(f"dokhae-words:{seed}")
    seen = {w["entry"] for part in earlier for w in part.get("words", {}).values()}
    entries = words
    rng.shuffle(entries)
    entries.sort(key=lambda e: e.id in seen)  # stable: unseen words first, mixed
    directions = [TYPED_DIRECTIONS[n % 2] for n in range(len(slots))]
    rng.shuffle(directions)
    out = {}
    for slot, entry, direction in zip(slots, entries, directions):
        prompt = "target_test.to_english" if direction == "ko-en" else "target_test.to_korean"
        safe = {
            "id": slot,
            "type": WORD_TYPE,
            "skill": "vocabulary",
            "points": WORD_POINTS,
            "prompt": {"ko": i18n.t(prompt, "ko"), "en": i18n.t(prompt, "en")},
            "word": shown_word(entry, direction),
            "direction": direction,
        }  # no entry id: an id spells its headword (call-for), the answer of a ko-en slot
        part = {
            "entry": entry.id,
            "direction": direction,
            "accepted": list(accepted_answers(entry, direction)),
            "inflections": direction == "ko-en",
        }
        out[slot] = (safe, part)
    return out
