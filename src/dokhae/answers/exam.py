"""An answer to a 수능·내신 exam item (:mod:`dokhae.exam.items`): the option chosen, or a
written (서술형) answer graded with the item's rubric (:mod:`dokhae.answers.rubric`).

Five-option items take ``1``..``5``, ``"3"``, ``"③"`` (or ``"(3)"``); nothing chosen is
``unanswered`` (``answer.choose_first``), a value that is not one of the five is
``unanswered`` with ``answer.unknown_choice``. Written items take what
:func:`~dokhae.answers.rubric.grade_rubric` takes (a text, or ``{label: text}``): full
points are ``correct``, some ``partial``, none ``wrong``; the score is the share of points
and ``details`` marks each part right or not.

Given the article's English sentences (``sentences``, :func:`english_sentences`), the
feedback carries the explanation of the key, built from the item's proof
(:func:`dokhae.exam.explain.reasons`) and worded in Korean and English from the catalogs
(``exam_explain.*``), and the hint of the item's kind (:func:`exam_hint`): the practice
policy shows the hint after a wrong try and the explanation once the answer is shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .. import i18n
from ..exam.explain import Reason, hint_key, reasons
from ..exam.items import CIRCLED, WRITTEN_KINDS
from ..lesson import Text
from .feedback import Feedback
from .normalize import _answer_key, is_empty
from .rubric import grade_rubric

__all__ = [
    "check_exam_item",
    "english_sentences",
    "exam_choice",
    "exam_explanation",
    "exam_hint",
    "exam_right_answer",
]


def english_sentences(lesson: Any) -> dict[str, str]:
    """``{sentence id: English text}`` of ``lesson``'s article: what exam items print."""
    return {sid: s.en for sid, s in lesson.article.sentences.items()}


def _worded(found: list[Reason]) -> Text | None:
    if not found:
        return None
    return Text(
        **{
            lang: " ".join(i18n.t(f"exam_explain.{r.key}", lang, **r.fields) for r in found)
            for lang in ("en", "ko")
        }
    )


def exam_explanation(item: Any, sentences: Mapping[str, str]) -> Text | None:
    """Why ``item``'s key is right, in both languages, from its proof (None: nothing to say)."""
    return _worded(reasons(item, sentences))


def exam_hint(item: Any) -> Text:
    """The hint of ``item``'s kind: how to find the answer, in both languages."""
    return _worded([Reason(hint_key(item))])  # type: ignore[return-value]


def exam_right_answer(item: Any) -> object:
    """The answer that earns every point: the key (1..5), or the rubric's answers
    (``{label: answer}``; the text alone for a one-part rubric)."""
    if item.kind not in WRITTEN_KINDS:
        return item.key
    parts = item.rubric.parts
    return parts[0].answer if len(parts) == 1 else {p.label: p.answer for p in parts}


def exam_choice(value: object) -> int | None:
    """The option ``value`` names (1..5), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= 5 else None
    key = _answer_key(value).strip("()")
    if key in CIRCLED:
        return CIRCLED.index(key) + 1
    return int(key) if key.isdigit() and 1 <= int(key) <= 5 else None


def check_exam_item(
    item: Any, value: object, sentences: Mapping[str, str] | None = None
) -> Feedback:
    """Check ``value`` against exam item ``item`` (see the module docstring); with the
    article's ``sentences`` the feedback explains the key."""
    feedback = _checked(item, value)
    if sentences is None:
        return feedback
    return dataclasses.replace(
        feedback, explanation=exam_explanation(item, sentences), hint=exam_hint(item)
    )


def _checked(item: Any, value: object) -> Feedback:
    if is_empty(value):
        key = "answer.empty" if item.kind in WRITTEN_KINDS else "answer.choose_first"
        return Feedback("unanswered", message_key=key)
    if item.kind in WRITTEN_KINDS:
        graded = grade_rubric(item.rubric, value)
        share = graded.points / graded.total
        status = "correct" if share >= 1 else "partial" if share > 0 else "wrong"
        return Feedback(
            status,
            expected="; ".join(f"{p.label} {p.answer}" for p in item.rubric.parts),
            score=share,
            fields={"correct": f"{graded.points:g}", "total": f"{graded.total:g}"},
            details={p.label: p.points == p.total for p in graded.parts},
        )
    chosen = exam_choice(value)
    if chosen is None:
        return Feedback(
            "unanswered", message_key="answer.unknown_choice", fields={"choices": " ".join(CIRCLED)}
        )
    expected = CIRCLED[item.key - 1]
    if chosen == item.key:
        return Feedback("correct", expected=expected, score=1.0)
    return Feedback("wrong", expected=expected)
