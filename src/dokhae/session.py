"""One student's work on one lesson: the single path every answer takes.

A widget click and ``dokhae.check("<exercise id>", value)`` from a code cell both call
:meth:`Session.answer`, which checks the answer with the common core
(:mod:`dokhae.answers`) and records it in the progress store (:mod:`dokhae.progress`).
"""

from __future__ import annotations

import difflib
from typing import Any

from .answers import Feedback, check_number, check_question
from .arithmetic import ArithmeticExercise, example_exercise, make_exercise
from .lesson import Lesson
from .progress import ProgressStore
from .validation import load_lesson


class UnknownExerciseError(KeyError):
    """No question or arithmetic template with this id in the lesson."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class Session:
    """A student working through one lesson in practice mode.

    Args:
        lesson: a :class:`Lesson`, a lesson slug, or None for the first lesson.
        store: where attempts and card reviews go; by default the student's own
            progress store (see :func:`dokhae.progress.default_path`), opened on first use.
        seed: the student's seed for arithmetic numbers; None uses each template's
            worked-example values (what the practice notebooks show).
    """

    mode = "practice"

    def __init__(self, lesson: Lesson | str | None = None, *, store: ProgressStore | None = None,
                 seed: int | str | None = None) -> None:
        self.lesson = lesson if isinstance(lesson, Lesson) else load_lesson(lesson)
        self.seed = seed
        self._store = store
        self._exercises: dict[str, ArithmeticExercise] = {}

    def __repr__(self) -> str:
        return f"<Session {self.lesson.slug} ({self.mode})>"

    @property
    def store(self) -> ProgressStore:
        if self._store is None:
            self._store = ProgressStore()
        return self._store

    def exercise(self, template_id: str) -> ArithmeticExercise:
        """The concrete arithmetic exercise of a template for this student."""
        if template_id not in self._exercises:
            template = self.lesson.templates.get(template_id)
            if template is None:
                raise self._unknown(template_id, self.lesson.templates)
            self._exercises[template_id] = (
                example_exercise(template) if self.seed is None else make_exercise(template, self.seed)
            )
        return self._exercises[template_id]

    def feedback(self, exercise_id: str, value: Any) -> Feedback:
        """Check an answer without recording it."""
        question = self.lesson.questions.get(exercise_id)
        if question is not None:
            return check_question(question, value)
        if exercise_id in self.lesson.templates:
            ex = self.exercise(exercise_id)
            return check_number(value, ex.answer, ex.tolerance, ex.unit,
                                explanation=ex.explanation, hint=ex.hints[0] if ex.hints else None)
        raise self._unknown(exercise_id, {**self.lesson.questions, **self.lesson.templates})

    def answer(self, exercise_id: str, value: Any) -> Feedback:
        """Check an answer and record it; the one path for widgets and ``check(...)``."""
        return self.record(exercise_id, value, self.feedback(exercise_id, value))

    def record(self, exercise_id: str, value: Any, feedback: Feedback) -> Feedback:
        """Record an answer checked elsewhere (vocabulary practice: ``vocab:<entry id>``).

        Empty answers are not attempts and are not recorded.
        """
        if feedback.answered:
            self.store.record_attempt(self.lesson.slug, exercise_id, value, feedback, mode=self.mode)
        return feedback

    def _unknown(self, exercise_id: str, known: dict) -> UnknownExerciseError:
        close = difflib.get_close_matches(str(exercise_id), list(known), n=3)
        hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        return UnknownExerciseError(
            f"lesson {self.lesson.slug!r} has no exercise {exercise_id!r}.{hint}"
        )


_current: Session | None = None


def current_session() -> Session:
    """The session of this kernel, started with the first lesson when none is."""
    global _current
    if _current is None:
        _current = Session()
    return _current


def start(lesson: Lesson | str | None = None, **options: Any) -> Session:
    """Start (or restart) this kernel's session on ``lesson``; see :class:`Session`."""
    global _current
    _current = Session(lesson, **options)
    return _current
