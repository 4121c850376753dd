"""What a checker says about an answer: :class:`Feedback`, its statuses and message keys.

The statuses are described in :mod:`dokhae.answers`. ``_question_feedback`` and
``_partial_credit`` assemble the feedback of a question (its explanation and hint, and
for matching and ordering the share of parts right); the checkers
(:mod:`dokhae.answers.checkers`) use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..lesson import Text

__all__ = ["CHOICE_TYPES", "SHAPE_MESSAGE_KEYS", "STATUSES", "Feedback", "empty_message_key"]

STATUSES = ("correct", "wrong", "partial", "unanswered", "pending")

CHOICE_TYPES = frozenset({"multiple_choice", "true_false_not_given", "matching", "ordering"})
"""Question types answered by choosing (not typing): an empty answer gets
``answer.choose_first`` ("Choose an answer first.") instead of ``answer.empty``."""


SHAPE_MESSAGE_KEYS = frozenset(
    {"answer.matching_format", "answer.ordering_format", "answer.text_expected"}
)
"""The ``message_key`` of an answer of a shape its checker cannot read (``5`` for an
ordering, ``"abc"`` for a matching, a list for a word): ``unanswered``, never an error;
grading reports these answers (:meth:`dokhae.teacher.key.AnswerKey.check`)."""


def empty_message_key(question_type: str | None) -> str:
    """The catalog key for an empty answer to a question of ``question_type``."""
    return "answer.choose_first" if question_type in CHOICE_TYPES else "answer.empty"


@dataclass(frozen=True)
class Feedback:
    """What a checker says about one answer.

    ``message_key`` is a key of the interface catalog (:mod:`dokhae.i18n`) and
    ``fields`` fills it in: ``feedback.message()`` is the sentence to show in the
    current language. ``expected`` is the right answer as plain text (a choice id,
    ``true``/``false``/``not_given``, the word, ``left → right; ...``, the ids in order,
    or the number with its unit); widgets decide whether to show it (never in an
    assignment). ``details`` marks the parts of a matching (by left item) or an
    ordering (by item id) as right (``True``) or wrong.
    """

    status: str
    explanation: Text | None = None
    hint: Text | None = None
    expected: str | None = None
    score: float = 0.0
    message_key: str = ""
    fields: Mapping[str, object] = field(default_factory=dict)
    details: Mapping[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Feedback status {self.status!r} is not one of {', '.join(STATUSES)}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"Feedback score {self.score!r} must be between 0 and 1")
        if not self.message_key:
            object.__setattr__(self, "message_key", f"feedback.{self.status}")
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    __hash__ = None  # type: ignore[assignment]  # holds mappings

    @property
    def correct(self) -> bool:
        """True when the answer is right."""
        return self.status == "correct"

    @property
    def answered(self) -> bool:
        """False when there was nothing to judge (empty or unreadable answer)."""
        return self.status != "unanswered"

    def message(self, language: str | None = None) -> str:
        """The feedback sentence in the interface language (or ``language``)."""
        from .. import i18n

        return i18n.t(self.message_key, language, **self.fields)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for saving beside an assignment or in the progress store)."""
        return {
            "status": self.status,
            "score": self.score,
            "expected": self.expected,
            "message_key": self.message_key,
            "fields": {
                k: v if isinstance(v, (int, float, str)) else str(v) for k, v in self.fields.items()
            },
            "details": dict(self.details),
            "explanation": None if self.explanation is None else self.explanation.model_dump(),
            "hint": None if self.hint is None else self.hint.model_dump(),
        }


# --------------------------------------------------------------------------- assembly


def _question_feedback(question: Any, status: str, **kwargs: Any) -> Feedback:
    return Feedback(status, explanation=question.explanation, hint=question.hint, **kwargs)


def _partial_credit(question: Any, details: Mapping[str, bool], expected: str) -> Feedback:
    """Feedback for matching and ordering: the share of parts right, each part marked."""
    right, total = sum(details.values()), len(details)
    status = "correct" if right == total else "partial" if right else "wrong"
    return _question_feedback(
        question,
        status,
        expected=expected,
        score=right / total,
        details=details,
        fields={"correct": right, "total": total},
    )
