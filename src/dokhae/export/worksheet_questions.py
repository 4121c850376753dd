"""The questions of a worksheet on paper, and their answers for the key.

A student's question is drawn from its *safe* entry (the one an assignment writes to a
student's ``questions.json``, :func:`dokhae.teacher.variants.student_variant`): prompt,
choices with the student's letters, the student's numbers, and never an answer. The
answer key reads the key part of the same variant and the lesson's question. Every
text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from .. import i18n
from ..answers import format_number
from ..arithmetic import example_exercise
from ..lesson import (
    BLANK,
    Cloze,
    Lesson,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    TrueFalseNotGiven,
)

__all__ = ["explanation_text", "key_answer_html", "question_html"]

SHORT_TEXT_LINES = 3
WORKING_LINES = 6


def _t(key: str, lang: str, **fields: object) -> str:
    return html.escape(i18n.t(key, lang, **fields))


def _e(value: object) -> str:
    return html.escape(str(value))


def _blank(css: str = "blank") -> str:
    return f'<span class="{css}"></span>'


def _rules(n: int) -> str:
    return '<div class="rules">' + "<div></div>" * n + "</div>"


def _answer_line(lang: str, unit: str = "") -> str:
    shown = f' <span class="unit">{_e(unit)}</span>' if unit else ""
    return f'<p class="answer-line">{_t("export.worksheet_answer", lang)} {_blank("blank wide")}{shown}</p>'


def _value(value: Any, unit: str = "") -> str:
    """A parameter value as the assignment notebook has it (``M = 8000``, ``year = 2026``,
    ``s = 39, 28``), with its unit."""
    shown = ", ".join(_value(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    return f"{shown} {unit}" if unit else shown


def numbers_text(params: Mapping[str, Any], units: Mapping[str, str]) -> str:
    """``M = 8,000 t, SEE = 1.81 tCO2e/t``: the numbers of an arithmetic exercise."""
    return ", ".join(
        f"{name} = {_value(value, units.get(name, ''))}" for name, value in params.items()
    )


def _heading(entry: Mapping[str, Any], number: int, lang: str) -> str:
    kind = entry["type"]
    label = i18n.t("arithmetic.title" if kind == "arithmetic" else f"question_type.{kind}", lang)
    points = i18n.t("assignment.points", lang, points=f"{entry.get('points', 1.0):g}")
    return (
        f'<h3><span class="qno">{number}.</span> {_e(label)} <span class="points">({_e(points)})</span>'
        f' <span class="qid">{_e(entry["id"])}</span></h3>'
    )


def _how(kind: str, lang: str) -> str:
    return f'<p class="how">{_t(f"export.worksheet_how_{kind}", lang)}</p>'


def question_html(entry: Mapping[str, Any], number: int, lang: str) -> str:
    """One question with room to answer: options to circle, blanks, ruled lines, a box."""
    kind = entry["type"]
    parts = [
        f'<div class="question {kind}" data-exercise="{_e(entry["id"])}">',
        _heading(entry, number, lang),
    ]
    if kind == "arithmetic":
        parts.append(f'<p class="title">{_e(entry["title"][lang])}</p>')
    parts.append(f'<p class="prompt">{_e(entry["prompt"][lang])}</p>')
    if kind == "multiple_choice":
        parts.append(_how(kind, lang))
        parts.append(
            '<ol class="choices">'
            + "".join(
                f'<li><span class="label">{_e(c["label"])}</span> {_e(c[lang])}</li>'
                for c in entry["choices"]
            )
            + "</ol>"
        )
    elif kind == "true_false_not_given":
        parts.append(_how(kind, lang))
        parts.append(
            '<p class="options">'
            + "".join(
                f'<span class="option">{_t(f"true_false_not_given.{v}", lang)}</span>'
                for v in ("true", "false", "not_given")
            )
            + "</p>"
        )
    elif kind == "cloze":
        parts.append(_how("cloze_bank" if entry.get("choices") else "cloze", lang))
        shown = _blank("blank wide").join(_e(part) for part in entry["text"].split(BLANK))
        parts.append(f'<p class="cloze-text">{shown}</p>')
        if entry.get("choices"):
            parts.append(
                '<p class="box">'
                + "".join(f'<span class="word">{_e(w)}</span>' for w in entry["choices"])
                + "</p>"
            )
    elif kind == "matching":
        parts.append(_how(kind, lang))
        left, right = (
            "".join(
                f'<li><span class="label">{_e(c["label"])}</span> {_e(c["text"])}</li>'
                for c in entry[side]
            )
            for side in ("left", "right")
        )
        parts.append(
            f'<div class="match"><ol class="left">{left}</ol><ol class="right">{right}</ol></div>'
        )
        parts.append(
            '<p class="pairs">'
            + "".join(
                f'<span class="pair">{_e(c["label"])} →{_blank()}</span>' for c in entry["left"]
            )
            + "</p>"
        )
    elif kind == "ordering":
        parts.append(_how(kind, lang))
        parts.append(
            '<ol class="choices">'
            + "".join(
                f'<li><span class="label">{_e(c["label"])}</span> {_e(c[lang])}</li>'
                for c in entry["items"]
            )
            + "</ol>"
        )
        parts.append('<p class="order">' + " → ".join(_blank() for _ in entry["items"]) + "</p>")
    elif kind == "short_text":
        parts.append(_how(kind, lang))
        parts.append(_rules(SHORT_TEXT_LINES))
    elif kind == "numeric":
        parts.append(_how(kind, lang))
        parts.append(_answer_line(lang, entry.get("unit", "")))
    elif kind == "arithmetic":
        parts.append(
            f'<p class="numbers"><strong>{_t("export.worksheet_numbers", lang)}</strong> '
            f"{_e(numbers_text(entry['params'], entry.get('param_units', {})))}</p>"
        )
        parts.append(_how(kind, lang))
        parts.append(
            f'<div class="working"><span class="tag">{_t("export.worksheet_working", lang)}</span>'
            f"{_rules(WORKING_LINES)}</div>"
        )
        parts.append(_answer_line(lang, entry.get("unit", "")))
    else:  # a new question type must be given a paper form on purpose
        raise TypeError(f"no worksheet form for question type {kind!r}")
    parts.append("</div>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- answer key


def _answer(text: str) -> str:
    return f'<span class="answer">{_e(text)}</span>'


def tolerance_text(tolerance: Mapping[str, float], unit: str = "") -> str:
    """``±1 certificates``, ``±0.5%``; empty when only the exact value is right."""
    shown = []
    if tolerance.get("absolute"):
        shown.append("±" + format_number(tolerance["absolute"], unit))
    if tolerance.get("relative"):
        shown.append(f"±{tolerance['relative'] * 100:g}%")
    return " / ".join(shown)


def _number_answer(value: float, unit: str, tolerance: Mapping[str, float], lang: str) -> str:
    out = _answer(format_number(round(value, 2), unit))
    within = tolerance_text(tolerance, unit)
    if within:
        out += f' <span class="note">({_t("export.worksheet_key_tolerance", lang, tolerance=within)})</span>'
    return out


def _also(accepted: list[str], lang: str) -> str:
    if not accepted:
        return ""
    also = _t("export.worksheet_key_also", lang, answers=", ".join(accepted))
    return f' <span class="note">({also})</span>'


def _letter_of(labels: Mapping[str, str], wanted: str) -> str:
    return next((letter for letter, value in labels.items() if value == wanted), "?")


def key_answer_html(
    entry: Mapping[str, Any], key: Mapping[str, Any], lesson: Lesson, lang: str
) -> str:
    """The answer of one question of one sheet, as HTML: the sheet's letters and numbers."""
    qid, kind = entry["id"], entry["type"]
    if kind == "arithmetic":
        part = key["arithmetic"][qid]
        return _number_answer(part["answer"], part["unit"], part["tolerance"], lang)
    # the variant's entry has the type of the lesson's question; the class says which fields it has
    question = lesson.questions[qid]
    if isinstance(question, MultipleChoice):
        letter = _letter_of(key["labels"][qid], question.answer)
        choice = next(c for c in question.choices if c.id == question.answer)
        return f"{_answer(letter)} {_e(getattr(choice, lang))}"
    if isinstance(question, TrueFalseNotGiven):
        return _answer(i18n.t(f"true_false_not_given.{question.answer}", lang))
    if isinstance(question, Cloze):
        return _answer(question.answer) + _also(list(question.accept), lang)
    if isinstance(question, Matching):
        right = key["matching"][qid]["right"]
        return ", ".join(
            _answer(f"{i}-{_letter_of(right, pair.right)}")
            for i, pair in enumerate(question.pairs, 1)
        )
    if isinstance(question, Ordering):
        letters = [_letter_of(key["labels"][qid], item_id) for item_id in question.answer]
        return _answer(" → ".join(letters))
    if isinstance(question, ShortText):
        out = _answer(question.accept[0]) + _also(list(question.accept[1:]), lang)
        if question.manual:
            out += f' <span class="note">({_t("export.worksheet_key_manual", lang)})</span>'
        return out
    if isinstance(question, Numeric):
        return _number_answer(question.answer, question.unit, question.tolerance.model_dump(), lang)
    raise TypeError(f"no answer-key form for question type {kind!r}")


def explanation_text(lesson: Lesson, exercise_id: str, lang: str) -> str:
    """The explanation of a question, or of an arithmetic template (with its example numbers)."""
    question = lesson.questions.get(exercise_id)
    if question is not None:
        return question.explanation(lang)
    return example_exercise(lesson.templates[exercise_id]).explanation(lang)
