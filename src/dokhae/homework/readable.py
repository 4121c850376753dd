"""Whether grading will be able to read an answer, decided when the student answers.

An answer grading could not read (a decimal comma, another unit, words where a number
is asked, a letter that is not one of the choices, a matching that is not pairs) is
refused at once with the message practice gives for it, instead of being saved and
scored 0 later. The check needs no answer: it runs the practice checkers
(:mod:`dokhae.answers`) on a stand-in question built from the student's own
``questions.json`` entry, whose "right answer" is a placeholder, and keeps only their
verdict on the *shape* of the answer (``unanswered`` with a message). Whether the
answer is right is never computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..answers import Feedback, check_number, check_question
from ..lesson import (
    Choice,
    Cloze,
    Matching,
    MultipleChoice,
    Option,
    Ordering,
    Pair,
    ShortText,
    Text,
    Tolerance,
    TrueFalseNotGiven,
)
from .letters import canonical_answer

__all__ = ["refusal"]

_PLACEHOLDER = Text.model_construct(en="-", ko="-")


def _choices(entries: Any) -> tuple[Choice, ...]:
    return tuple(
        Choice.model_construct(id=e["label"], en=e.get("en", ""), ko=e.get("ko", ""))
        for e in entries
    )


def _stand_in(entry: Mapping[str, Any]) -> Any:
    """A lesson question with the entry's prompt and choices and a placeholder answer."""
    common = {
        "id": entry["id"],
        "skill": entry.get("skill", "detail"),
        "sentences": ("-",),
        "prompt": _PLACEHOLDER,
        "explanation": None,
        "hint": None,
        "points": float(entry.get("points", 1.0)),
    }
    kind = entry["type"]
    if kind == "multiple_choice":
        choices = tuple(
            Option.model_construct(**c.model_dump()) for c in _choices(entry["choices"])
        )
        return MultipleChoice.model_construct(
            type=kind, choices=choices, answer=choices[0].id, **common
        )
    if kind == "true_false_not_given":
        return TrueFalseNotGiven.model_construct(type=kind, answer="true", **common)
    if kind == "cloze":
        return Cloze.model_construct(
            type=kind,
            text=entry.get("text", ""),
            answer="\x00",
            accept=(),
            inflections=bool(entry.get("inflections")),
            choices=tuple(entry.get("choices", ())),
            **common,
        )
    if kind == "short_text":
        return ShortText.model_construct(
            type=kind,
            accept=("\x00",),
            inflections=bool(entry.get("inflections")),
            manual=bool(entry.get("manual")),
            **common,
        )
    if kind == "matching":
        pairs = tuple(
            Pair.model_construct(left=left["label"], right=right["label"])
            for left, right in zip(entry["left"], entry["right"])
        )
        return Matching.model_construct(type=kind, pairs=pairs, **common)
    if kind == "ordering":
        items = _choices(entry["items"])
        return Ordering.model_construct(
            type=kind, items=items, answer=tuple(i.id for i in items), **common
        )
    return None


def _in_letters(entry: Mapping[str, Any], value: Any) -> Any:
    """Letters as the checker reads them (an order typed as ``"c, a, b"`` as a list)."""

    labels = {
        e["label"]: e["label"]
        for e in (*entry.get("choices", ()), *entry.get("items", ()))
        if isinstance(e, Mapping)
    }
    maps = {
        "left": {e["label"]: e["label"] for e in entry.get("left", ())},
        "right": {e["label"]: e["label"] for e in entry.get("right", ())},
    }
    student = {"labels": {entry["id"]: labels}, "matching": {entry["id"]: maps}}
    return canonical_answer(entry["type"], value, student, entry["id"])


def refusal(entry: Mapping[str, Any], value: Any) -> Feedback | None:
    """The feedback refusing ``value`` (not empty) as an answer to ``entry`` (an entry of
    ``questions.json``), or None when grading can read it.

    The feedback is ``unanswered`` with the message practice gives for the same answer
    (``answer.number_format``, ``answer.unit_mismatch``, ``answer.unknown_choice``, ...),
    and carries no explanation and no expected answer.
    """
    kind = entry["type"]
    if kind == "exam":
        return _exam_refusal(entry, value)
    if kind in ("numeric", "arithmetic"):
        tolerance = Tolerance(**entry.get("tolerance", {}))
        found = check_number(value, 0.0, tolerance, entry.get("unit", ""))
    else:
        question = _stand_in(entry)
        if question is None:
            return None
        try:
            found = check_question(question, _in_letters(entry, value))
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            return Feedback("unanswered", message_key="answer.text_expected")
    if found.status != "unanswered" or found.message_key in (
        None,
        "answer.empty",
        "answer.choose_first",
    ):
        return None
    return Feedback("unanswered", message_key=found.message_key, fields=dict(found.fields or {}))


def _exam_refusal(entry: Mapping[str, Any], value: Any) -> Feedback | None:
    """A five-option answer that names no option, or a written answer of several parts
    not given part by part."""
    from ..answers.exam import exam_choice
    from ..exam.items import CIRCLED

    if not entry.get("written"):
        if exam_choice(value) is None:
            return Feedback(
                "unanswered",
                message_key="answer.unknown_choice",
                fields={"choices": " ".join(CIRCLED)},
            )
        return None
    if int(entry.get("parts", 1)) > 1 and not isinstance(value, Mapping):
        return Feedback("unanswered", message_key="target_test.need_labels")
    return None
