"""Which view shows which question type: :data:`VIEWS` and :func:`question_view`.

A new question type gets its view in the module of its family (or a new module) and
one line in :data:`VIEWS`.
"""

from __future__ import annotations

from typing import Any

from ...lesson import QUESTION_TYPES, Lesson
from ...problems import did_you_mean
from ...session import Session, UnknownExerciseError
from .._base import resolve_session
from .arrangement import MatchingView, OrderingView
from .choice import MultipleChoiceView, TrueFalseNotGivenView
from .numeric import NumericView
from .question import QuestionView, assignment_session
from .text import ClozeView, ShortTextView

__all__ = ["VIEWS", "question_view"]

VIEWS: dict[str, type[QuestionView]] = {
    "multiple_choice": MultipleChoiceView,
    "true_false_not_given": TrueFalseNotGivenView,
    "cloze": ClozeView,
    "matching": MatchingView,
    "ordering": OrderingView,
    "short_text": ShortTextView,
    "numeric": NumericView,
}


def question_view(
    question: Any, session: Session | None = None, lang: str | None = None
) -> QuestionView:
    """The view for ``question`` (a question of the lesson model, or its id in the
    session's lesson), chosen by its type.

    With an assignment (``session``, or this kernel's session when None, is an
    :class:`~dokhae.homework.AssignmentSession`) the view always shows the student's
    blank question (``session.question(id)``: their letters, no answer), whether an id
    or a lesson question is given; an id not in the assignment raises
    :class:`~dokhae.session.UnknownExerciseError` naming the assignment's close ids.
    """
    assignment = assignment_session(session)
    if assignment is not None:
        from ...homework import BlankQuestion

        if not isinstance(question, BlankQuestion):
            question = assignment.question(
                question if isinstance(question, str) else getattr(question, "id", str(question))
            )
    if isinstance(question, str):
        s = resolve_session(session)
        found = s.lesson.questions.get(question)
        if found is None:
            raise UnknownExerciseError(_no_question(s.lesson, question))
        question = found
    kind = getattr(question, "type", None)
    if kind not in VIEWS:
        raise TypeError(
            f"no view for {type(question).__name__} {question!r}: expected a "
            f"question of type {', '.join(QUESTION_TYPES)}"
        )
    return VIEWS[kind](question, session, lang)


def _no_question(lesson: Lesson, question_id: str) -> str:
    hint = did_you_mean(question_id, lesson.questions)
    return f"lesson {lesson.slug!r} has no question {question_id!r}.{hint}"
