"""The questions of a worksheet on paper, and their answers for the key, as data for the
templates (``templates/_worksheet_questions.html.j2``, ``worksheet_key.html.j2``).

A student's question is drawn from its *safe* entry (the one an assignment writes to a
student's ``questions.json``, :func:`dokhae.teacher.variants.student_variant`): prompt,
choices with the student's letters, the student's numbers, and never an answer. The
answer key reads the key part of the same variant and the lesson's question. Nothing
here is markup: the templates escape every text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import i18n
from ..answers import format_number
from ..arithmetic import example_exercise
from ..lesson import (
    BLANK,
    QUESTION_TYPES,
    Cloze,
    Lesson,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    TrueFalseNotGiven,
)

__all__ = [
    "PAPER_FORMS",
    "Piece",
    "explanation_text",
    "given_text",
    "key_answer",
    "question_view",
    "short_answer",
]

PAPER_FORMS = (*QUESTION_TYPES, "arithmetic")
"""The question types the worksheet template can print: every question type of a lesson,
and the arithmetic exercises."""

_CURRENCIES = ("€", "₩", "$", "¥")


@dataclass(frozen=True)
class Piece:
    """A piece of a key answer: ``css`` ``answer`` (the answer itself), ``note`` or ``""``."""

    text: str
    css: str = ""
    short: str | None = None
    """The answer as a cell of the 정답표 shows it (None: ``text``)."""


def given_value(value: Any, unit: str = "") -> str:
    """One given number as a person writes it: ``€462,066.40``, ``₩1,396.54/€``,
    ``8,000 t``, ``39, 28``; a month stays ``2023-10``."""
    if isinstance(value, (list, tuple)):
        return ", ".join(given_value(v) for v in value) + (f" {unit}" if unit else "")
    if isinstance(value, (str, bool)):
        return f"{value} {unit}".strip()
    if unit.startswith(_CURRENCIES):
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return f"-{unit[0]}{number[1:]}{unit[1:]}" if value < 0 else f"{unit[0]}{number}{unit[1:]}"
    return format_number(value, unit)


def given_text(params: Mapping[str, Any], units: Mapping[str, str]) -> str:
    """The numbers of an arithmetic exercise as a person writes them, in the template's
    order: ``€462,066.40 · ₩1,396.54/€`` (never the parameters' Python names)."""
    return " · ".join(given_value(v, units.get(name, "")) for name, v in params.items())


def question_view(entry: Mapping[str, Any], number: int, lang: str) -> dict[str, Any]:
    """What the template prints for one question (see ``_worksheet_questions.html.j2``)."""
    kind = entry["type"]
    if kind not in PAPER_FORMS:  # a new question type must be given a paper form on purpose
        raise TypeError(f"no worksheet form for question type {kind!r}")
    label = i18n.t("arithmetic.title" if kind == "arithmetic" else f"question_type.{kind}", lang)
    return {
        "id": entry["id"],
        "type": kind,
        "number": number,
        "label": label,
        "points": i18n.t("assignment.points", lang, points=f"{entry.get('points', 1.0):g}"),
        "entry": entry,
        "cloze_parts": entry["text"].split(BLANK) if kind == "cloze" else [],
        "given": given_text(entry["params"], entry.get("param_units", {}))
        if kind == "arithmetic"
        else "",
    }


# --------------------------------------------------------------------------- answer key


def tolerance_text(tolerance: Mapping[str, float], unit: str = "") -> str:
    """``±1 certificates``, ``±0.5%``; empty when only the exact value is right."""
    shown = []
    if tolerance.get("absolute"):
        shown.append("±" + format_number(tolerance["absolute"], unit))
    if tolerance.get("relative"):
        shown.append(f"±{tolerance['relative'] * 100:g}%")
    return " / ".join(shown)


def _number_answer(
    value: float, unit: str, tolerance: Mapping[str, float], lang: str
) -> list[Piece]:
    out = [Piece(format_number(round(value, 2), unit), "answer", format_number(round(value, 2)))]
    within = tolerance_text(tolerance, unit)
    if within:
        note = i18n.t("export.worksheet_key_tolerance", lang, tolerance=within)
        out += [Piece(" "), Piece(f"({note})", "note")]
    return out


def _also(accepted: list[str], lang: str) -> list[Piece]:
    if not accepted:
        return []
    also = i18n.t("export.worksheet_key_also", lang, answers=", ".join(accepted))
    return [Piece(" "), Piece(f"({also})", "note")]


def _letter_of(labels: Mapping[str, str], wanted: str) -> str:
    return next((letter for letter, value in labels.items() if value == wanted), "?")


def key_answer(
    entry: Mapping[str, Any], key: Mapping[str, Any], lesson: Lesson, lang: str
) -> list[Piece]:
    """The answer of one question of one sheet: the sheet's letters and numbers."""
    qid, kind = entry["id"], entry["type"]
    if kind == "arithmetic":
        part = key["arithmetic"][qid]
        return _number_answer(part["answer"], part["unit"], part["tolerance"], lang)
    # the variant's entry has the type of the lesson's question; the class says which fields it has
    question = lesson.questions[qid]
    if isinstance(question, MultipleChoice):
        letter = _letter_of(key["labels"][qid], question.answer)
        choice = next(c for c in question.choices if c.id == question.answer)
        return [Piece(letter, "answer"), Piece(" " + getattr(choice, lang))]
    if isinstance(question, TrueFalseNotGiven):
        short = {"true": "T", "false": "F", "not_given": "NG"}[question.answer]
        return [Piece(i18n.t(f"true_false_not_given.{question.answer}", lang), "answer", short)]
    if isinstance(question, Cloze):
        return [Piece(question.answer, "answer"), *_also(list(question.accept), lang)]
    if isinstance(question, Matching):
        right = key["matching"][qid]["right"]
        out: list[Piece] = []
        for i, pair in enumerate(question.pairs, 1):
            if out:
                out.append(Piece(", "))
            letter = _letter_of(right, pair.right)
            out.append(Piece(f"{i}-{letter}", "answer", letter))
        return out
    if isinstance(question, Ordering):
        letters = [_letter_of(key["labels"][qid], item_id) for item_id in question.answer]
        return [Piece(" → ".join(letters), "answer", "".join(letters))]
    if isinstance(question, ShortText):
        out = [Piece(question.accept[0], "answer"), *_also(list(question.accept[1:]), lang)]
        if question.manual:
            out += [Piece(" "), Piece(f"({i18n.t('export.worksheet_key_manual', lang)})", "note")]
        return out
    if isinstance(question, Numeric):
        return _number_answer(question.answer, question.unit, question.tolerance.model_dump(), lang)
    raise TypeError(f"no answer-key form for question type {kind!r}")


def short_answer(pieces: list[Piece]) -> str:
    """The answer alone, for a cell of the 정답표: ``B``, ``T``, ``dcaeb`` (matching: the
    letters of 1, 2, ...), ``bac`` (an order), ``645,345,312`` (a number without its unit)."""
    return "".join(p.text if p.short is None else p.short for p in pieces if p.css == "answer")


def explanation_text(lesson: Lesson, exercise_id: str, lang: str) -> str:
    """The explanation of a question, or of an arithmetic template (with its example numbers)."""
    question = lesson.questions.get(exercise_id)
    if question is not None:
        return question.explanation(lang)
    return example_exercise(lesson.templates[exercise_id]).explanation(lang)
