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

__all__ = [
    "ANSWER_SHOWN",
    "CHOICE_TYPES",
    "SELF_CHECK",
    "SHAPE_MESSAGE_KEYS",
    "STATUSES",
    "Feedback",
    "Step",
    "empty_message_key",
]

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


ANSWER_SHOWN = "practice.answer_shown"
"""The ``message_key`` of the feedback a "Show answer" button gets (status
``unanswered``: nothing was judged, nothing is recorded, but ``expected`` and the
explanation are there to show)."""

SELF_CHECK = "practice_self.compare"
"""The ``message_key`` of an open answer the key cannot decide (``pending``: a
``manual`` short answer not in ``accept``), in practice: there is no teacher to mark it,
so the model answer and the explanation are shown and the student marks the answer
themselves (:func:`dokhae.results.self_mark`). An assignment keeps ``pending`` for the
teacher."""


@dataclass(frozen=True)
class Step:
    """One named intermediate value of a multi-step exercise, as checked.

    ``name`` is the variable name (``n_faa``); ``right`` says whether the value given is
    right; ``given`` is the value given (None when the step was not given)."""

    name: str
    right: bool
    given: float | None = None


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

    The practice policy ("tries before answers", :meth:`dokhae.session.Session.answer`)
    fills in the rest; a checker leaves them at their defaults:

    ``reveal``
        whether the right answer (``expected``) and the ``explanation`` may be shown
        now: True after a right answer, after the last allowed wrong try and after
        "Show answer"; False after an earlier wrong try. Every view follows it.
    ``attempt``
        which try this was (1 = the first judged answer; 0 when not counted).
    ``tries_left``
        wrong tries left before the answer is shown (0 once it is shown).
    ``next_hint``, ``hint_number``
        the hint to show after this wrong try (and its number, from 1, among the
        exercise's hints), when the answer is not revealed.
    ``mistake``
        what went wrong, when the answer matches a known confusion: the mistake of an
        arithmetic exercise (which step, :mod:`dokhae.arithmetic`) or the ``why_wrong``
        of the multiple-choice distractor chosen. Shown on every try: it explains the
        mistake without giving the answer away.
    ``steps``
        the named intermediate values of a multi-step exercise, in order, each marked
        right or wrong (``check("e12-…", n_faa=…, cost_krw=…)``).
    """

    status: str
    explanation: Text | None = None
    hint: Text | None = None
    expected: str | None = None
    score: float = 0.0
    message_key: str = ""
    fields: Mapping[str, object] = field(default_factory=dict)
    details: Mapping[str, bool] = field(default_factory=dict)
    reveal: bool = True
    attempt: int = 0
    tries_left: int = 0
    next_hint: Text | None = None
    hint_number: int = 0
    mistake: Text | None = None
    steps: tuple[Step, ...] = ()

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
            "mistake": None if self.mistake is None else self.mistake.model_dump(),
            "steps": [{"name": s.name, "right": s.right, "given": s.given} for s in self.steps],
        }

    @property
    def shows_answer(self) -> bool:
        """Whether a view shows the right answer and the explanation now: a judged
        answer (or "Show answer") that the practice policy lets reveal."""
        judged = self.status in ("correct", "wrong", "partial")
        return self.reveal and (judged or self.message_key in (ANSWER_SHOWN, SELF_CHECK))


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
