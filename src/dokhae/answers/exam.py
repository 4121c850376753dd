"""An answer to a 수능·내신 exam item (:mod:`dokhae.exam.items`): the option chosen, or a
written (서술형) answer graded with the item's rubric (:mod:`dokhae.answers.rubric`).

Five-option items take ``1``..``5``, ``"3"``, ``"③"`` (or ``"(3)"``); nothing chosen is
``unanswered`` (``answer.choose_first``), a value that is not one of the five is
``unanswered`` with ``answer.unknown_choice``. Written items take what
:func:`~dokhae.answers.rubric.grade_rubric` takes (a text, or ``{label: text}``): full
points are ``correct``, some ``partial``, none ``wrong``; the score is the share of points
and ``details`` marks each part right or not.
"""

from __future__ import annotations

from typing import Any

from ..exam.items import CIRCLED, WRITTEN_KINDS
from .feedback import Feedback
from .normalize import _answer_key, is_empty
from .rubric import grade_rubric

__all__ = ["check_exam_item", "exam_choice"]


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


def check_exam_item(item: Any, value: object) -> Feedback:
    """Check ``value`` against exam item ``item`` (see the module docstring)."""
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
