"""One student's work on one lesson: the single path every answer takes.

A widget click and ``dokhae.check("<exercise id>", value)`` from a code cell both call
:meth:`Session.answer`, which checks the answer with the common core
(:mod:`dokhae.answers`) and records it in the progress store (:mod:`dokhae.progress`).

Which lesson: every notebook starts with ``LESSON = None`` and ``dokhae.start(LESSON)``.
None means the lesson the student chose in ``00-start-here``
(:func:`dokhae.learner.choose_lesson`, saved in the progress store, so it holds in every
notebook and on later days); when nothing is chosen yet, or the chosen lesson is gone, it
is :func:`dokhae.learner.default_lesson`: the first lesson by slug (alphabetical order of
the folder names under ``articles/``), the same lesson ``dokhae.load_lesson()`` and
``dokhae check`` start with. A slug
(``LESSON = "steel-dialogue-2023"``) always wins over the choice.

Tries before answers (practice): :meth:`Session.answer` applies the lesson's policy to
every judged answer (:func:`follow_tries`). A wrong try gets the verdict, the mistake it
shows (if known) and the next hint, but not the right answer nor the explanation; those
come after the lesson's ``practice.tries`` wrong tries (default 2), after a right answer,
or when the student asks (:meth:`Session.show_answer`, the "Show answer" button). The
tries are counted per exercise until it is answered right, from the progress store (so
they hold when a cell is run again tomorrow), and ``Feedback.attempt`` says which try an
answer was. Every view follows ``Feedback.reveal``. An assignment keeps its own rule:
answers are saved and not judged (:class:`dokhae.homework.session.AssignmentSession`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from . import i18n, learner
from .answers import (
    ANSWER_SHOWN,
    SELF_CHECK,
    AnswerFormatError,
    Feedback,
    check_exam_item,
    check_number,
    check_question,
    english_sentences,
    exam_hint,
    exam_right_answer,
    format_number,
    parse_number,
    question_korean_words,
)
from .arithmetic import (
    ArithmeticExercise,
    check_steps,
    diagnose,
    example_exercise,
    make_exercise,
    step_names,
)
from .learner import DIRECTIONS, chosen_direction, chosen_lesson
from .lesson import Lesson, Matching, Ordering, ShortText, Text
from .problems import did_you_mean
from .progress import ProgressStore, ProgressStoreError
from .validation import load_lesson

JUDGED = ("correct", "wrong", "partial")
"""The statuses of an answer that was judged (a try that counts)."""


def follow_tries(
    feedback: Feedback,
    *,
    wrong_before: int,
    tries: int,
    revealed: bool = False,
    hints: Sequence[Text] = (),
) -> Feedback:
    """``feedback`` with the "tries before answers" policy filled in.

    Args:
        feedback: the checker's feedback on this answer.
        wrong_before: wrong tries at this exercise since it was last answered right.
        tries: wrong tries allowed before the answer is shown (the lesson's setting).
        revealed: the student already asked to see the answer.
        hints: the exercise's hints, in order.

    A right answer reveals (the explanation is earned); a wrong or partly right one
    reveals only at the ``tries``-th wrong try (or once ``revealed``), else it carries
    the next hint (the n-th hint after the n-th wrong try, the last one repeated) and
    the tries left. An open answer the key cannot decide (``pending``) shows the model
    answer and the explanation, for the student to mark themselves
    (:data:`~dokhae.answers.SELF_CHECK`). Answers not judged (empty, unreadable) are
    left as they are.
    """
    if feedback.status == "pending":  # no teacher in practice: compare, mark it yourself
        return dataclasses.replace(feedback, reveal=True, message_key=SELF_CHECK)
    if feedback.status == "correct":
        return dataclasses.replace(feedback, reveal=True, attempt=wrong_before + 1, tries_left=0)
    if feedback.status not in JUDGED:
        return feedback
    wrong = wrong_before + 1
    reveal = revealed or wrong >= tries
    number = 0 if reveal or not hints else min(wrong, len(hints))
    return dataclasses.replace(
        feedback,
        reveal=reveal,
        attempt=wrong,
        tries_left=0 if reveal else tries - wrong,
        next_hint=hints[number - 1] if number else None,
        hint_number=number,
    )


def right_answer(question: Any) -> Any:
    """The value a student would give to answer ``question`` right."""
    if isinstance(question, Matching):
        return {p.left: p.right for p in question.pairs}
    if isinstance(question, Ordering):
        return list(question.answer)
    if isinstance(question, ShortText):
        return question.accept[0]
    if hasattr(question, "answer"):  # multiple choice, true/false/not given, cloze, numeric
        return question.answer
    raise TypeError(f"no right answer for {question!r}")


class UnknownExerciseError(KeyError):
    """No question or arithmetic template with this id in the lesson."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class Session:
    """A student working through one lesson in practice mode.

    Args:
        lesson: a :class:`Lesson`, a lesson slug, or None for the lesson the student
            chose (:func:`chosen_lesson`: the choice made in 00-start-here, else the
            first lesson by slug).
        store: where attempts and card reviews go; by default the student's own
            progress store (see :func:`dokhae.progress.default_path`), opened on first use.
        seed: the student's seed for arithmetic numbers; None uses each template's
            worked-example values (what the practice notebooks show).
        direction: who the learner is (:data:`DIRECTIONS`); None: the choice saved in
            00-start-here (:func:`chosen_direction`). The views follow it.
    """

    mode = "practice"

    def __init__(
        self,
        lesson: Lesson | str | None = None,
        *,
        store: ProgressStore | None = None,
        seed: int | str | None = None,
        direction: str | None = None,
    ) -> None:
        self._store = store
        if direction is not None and direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {direction!r}: choose 'en' or 'ko'")
        if lesson is None:
            lesson = chosen_lesson(self._open_store_quietly())
        self._direction = direction
        self.lesson = lesson if isinstance(lesson, Lesson) else load_lesson(lesson)
        self.seed = seed
        self._exercises: dict[str, ArithmeticExercise] = {}
        self._wrong: dict[str, int] = {}
        self._revealed: set[str] = set()

    def __repr__(self) -> str:
        return f"<Session {self.lesson.slug} ({self.mode})>"

    @property
    def direction(self) -> str:
        """Who the learner is (:data:`DIRECTIONS`): as given, else the saved choice."""
        if getattr(self, "_direction", None) is None:
            self._direction = chosen_direction(getattr(self, "_store", None))
        return self._direction  # type: ignore[return-value]

    @direction.setter
    def direction(self, value: str) -> None:
        if value not in DIRECTIONS:
            raise ValueError(f"unknown direction {value!r}: choose 'en' or 'ko'")
        self._direction = value

    @property
    def store(self) -> ProgressStore:
        if self._store is None:
            self._store = ProgressStore()
        return self._store

    def _open_store_quietly(self) -> ProgressStore | None:
        """The store, or None when it cannot be opened (answers then say "not saved")."""
        try:
            return self.store
        except ProgressStoreError:
            return None

    def exercise(self, template_id: str) -> ArithmeticExercise:
        """The concrete arithmetic exercise of a template for this student."""
        if template_id not in self._exercises:
            template = self.lesson.templates.get(template_id)
            if template is None:
                raise self._unknown(template_id, self.lesson.templates)
            self._exercises[template_id] = (
                example_exercise(template)
                if self.seed is None
                else make_exercise(template, self.seed)
            )
        return self._exercises[template_id]

    @property
    def tries(self) -> int:
        """Wrong tries before the answer is shown: the lesson's ``practice.tries``."""
        return self.lesson.practice.tries

    def feedback(
        self, exercise_id: str, value: Any, steps: Mapping[str, Any] | None = None
    ) -> Feedback:
        """Check an answer without recording it (and without the tries policy).

        ``steps``: named intermediate values of a multi-step arithmetic exercise
        (``{"n_faa": 4914, "cost_krw": ...}``); the last step is the answer when ``value``
        is None. A wrong arithmetic answer carries the mistake it shows (``mistake``).

        Raises:
            UnknownExerciseError: no such exercise in the lesson.
            dokhae.arithmetic.UnknownStepError: a step the exercise does not have.
        """
        question = self.lesson.questions.get(exercise_id)
        if question is not None:
            korean = question_korean_words(question, self.lesson.glossary)
            return check_question(question, value, korean)
        exam_item = self.lesson.exam_items.get(exercise_id)  # approved items only
        if exam_item is not None:
            return check_exam_item(exam_item, value, english_sentences(self.lesson))
        if exercise_id in self.lesson.templates:
            return self._arithmetic_feedback(self.exercise(exercise_id), value, steps or {})
        raise self._unknown(exercise_id, dict.fromkeys(self.exercise_ids()))

    def _arithmetic_feedback(
        self, ex: ArithmeticExercise, value: Any, steps: Mapping[str, Any]
    ) -> Feedback:
        checked = check_steps(ex, steps) if steps else ()
        names = step_names(ex)
        value = self._final_value(ex.template_id, value, steps)
        feedback = check_number(
            value,
            ex.answer,
            ex.tolerance,
            ex.unit,
            explanation=ex.explanation,
            hint=ex.hints[0] if ex.hints else None,
        )
        mistake = None
        broken = next((step for step in checked if not step.right), None)
        if broken is not None and broken.name != names[-1]:
            mistake = Text(
                **{
                    lang: i18n.t(
                        "mistake.step_wrong",
                        lang,
                        step=broken.name,
                        label=i18n.t(f"step.{broken.name}", lang),
                    )
                    for lang in ("en", "ko")
                }
            )
        elif feedback.status == "wrong":
            try:
                number = parse_number(value, ex.unit)
            except AnswerFormatError:
                number = None
            mistake = diagnose(ex, number) if number is not None else None
        if feedback.status == "unanswered" and checked and feedback.message_key == "answer.empty":
            feedback = dataclasses.replace(feedback, message_key="practice.steps_only")
        return dataclasses.replace(feedback, mistake=mistake, steps=checked)

    def _final_value(self, exercise_id: str, value: Any, steps: Mapping[str, Any] | None) -> Any:
        """``value``, or when it is None the last step of a multi-step exercise, if given."""
        if value is None and steps and exercise_id in self.lesson.templates:
            names = step_names(self.exercise(exercise_id))
            if names and names[-1] in steps:
                return steps[names[-1]]
        return value

    def answer(
        self, exercise_id: str, value: Any, steps: Mapping[str, Any] | None = None
    ) -> Feedback:
        """Check an answer, record it and apply the tries policy (:func:`follow_tries`);
        the one path for widgets and ``check(...)``.

        Raises:
            dokhae.progress.ProgressStoreError: the answer cannot be recorded (then
                :meth:`judge` gives the same feedback without recording it).
        """
        feedback = self.feedback(exercise_id, value, steps)
        self._wrong_before(exercise_id)  # counted before this answer is stored
        self.record(exercise_id, self._final_value(exercise_id, value, steps), feedback)
        return self._follow_tries(exercise_id, feedback)

    def judge(
        self, exercise_id: str, value: Any, steps: Mapping[str, Any] | None = None
    ) -> Feedback:
        """As :meth:`answer` without recording: for a progress store that cannot be written."""
        return self._follow_tries(exercise_id, self.feedback(exercise_id, value, steps))

    def show_answer(self, exercise_id: str) -> Feedback:
        """The right answer and the explanation, asked for ("Show answer"): status
        ``unanswered`` with ``message_key`` :data:`~dokhae.answers.ANSWER_SHOWN`; nothing
        is recorded, and later wrong tries at this exercise show the answer too.

        Raises:
            UnknownExerciseError: no such exercise in the lesson.
        """
        question = self.lesson.questions.get(exercise_id)
        if question is not None:
            right = check_question(question, right_answer(question))
        elif exercise_id in self.lesson.templates:
            ex = self.exercise(exercise_id)
            right = Feedback(
                "correct", explanation=ex.explanation, expected=format_number(ex.answer, ex.unit)
            )
        elif exercise_id in self.lesson.exam_items:
            item = self.lesson.exam_items[exercise_id]
            right = check_exam_item(item, exam_right_answer(item), english_sentences(self.lesson))
        else:
            raise self._unknown(exercise_id, dict.fromkeys(self.exercise_ids()))
        self._revealed.add(exercise_id)
        return Feedback(
            "unanswered",
            explanation=right.explanation,
            expected=right.expected,
            message_key=ANSWER_SHOWN,
            reveal=True,
        )

    def hints(self, exercise_id: str) -> tuple[Text, ...]:
        """The hints of an exercise, in order (a question has at most one)."""
        question = self.lesson.questions.get(exercise_id)
        if question is not None:
            return () if question.hint is None else (question.hint,)
        if exercise_id in self.lesson.exam_items:
            return (exam_hint(self.lesson.exam_items[exercise_id]),)
        return self.exercise(exercise_id).hints if exercise_id in self.lesson.templates else ()

    def _wrong_before(self, exercise_id: str) -> int:
        """Wrong tries at the exercise since it was last answered right: from the
        progress store on first use (so they hold across kernels and days), then counted
        here."""
        if exercise_id not in self._wrong:
            count = 0
            try:
                attempts = self.store.list_attempts(self.lesson.slug, exercise_id, mode=self.mode)
            except ProgressStoreError:
                attempts = []
            for attempt in reversed(attempts):
                if attempt.status == "correct":
                    break
                count += attempt.status in ("wrong", "partial")
            self._wrong[exercise_id] = count
        return self._wrong[exercise_id]

    def _follow_tries(self, exercise_id: str, feedback: Feedback) -> Feedback:
        if self.mode != "practice":
            return feedback
        followed = follow_tries(
            feedback,
            wrong_before=self._wrong_before(exercise_id),
            tries=self.tries,
            revealed=exercise_id in self._revealed,
            hints=self.hints(exercise_id),
        )
        if feedback.status == "correct":
            self._wrong[exercise_id] = 0
        elif feedback.status in JUDGED:
            self._wrong[exercise_id] += 1
        return followed

    def record(self, exercise_id: str, value: Any, feedback: Feedback) -> Feedback:
        """Record an answer checked elsewhere (vocabulary practice: ``vocab:<entry id>``).

        Empty answers are not attempts and are not recorded.
        """
        if feedback.answered:
            self.store.record_attempt(
                self.lesson.slug, exercise_id, value, feedback, mode=self.mode
            )
        return feedback

    def exercise_ids(self) -> list[str]:
        """Every exercise id this session answers: the lesson's questions, templates and
        approved exam items (drafts and rejected items never reach students)."""
        return [*self.lesson.questions, *self.lesson.templates, *self.lesson.exam_items]

    def unknown_text(self, exercise_id: object, lang: str) -> str:
        """``exercise_id`` is not one of :meth:`exercise_ids`, said in ``lang``."""
        return i18n.t(
            "quiz.unknown_exercise", lang, exercise=repr(str(exercise_id)), lesson=self.lesson.slug
        )

    def _unknown(self, exercise_id: str, known: dict) -> UnknownExerciseError:
        return UnknownExerciseError(
            f"lesson {self.lesson.slug!r} has no exercise {exercise_id!r}."
            f"{did_you_mean(exercise_id, known)}"
        )


_current: Session | None = None


def _follow_chosen_direction(direction: str, store: ProgressStore | None) -> None:
    """This kernel's session reads in a direction chosen for its store at once."""
    if _current is not None and store in (None, _current._store):
        _current.direction = direction


learner.follow_direction_with(_follow_chosen_direction)


def current_session() -> Session:
    """The session of this kernel, started on the chosen lesson when none is."""
    global _current
    if _current is None:
        _current = Session()
    return _current


def start(lesson: Lesson | str | None = None, **options: Any) -> Session:
    """Start (or restart) this kernel's session on ``lesson``; see :class:`Session`.

    ``dokhae.start(None)`` (the notebooks' ``LESSON = None``) opens the lesson chosen in
    00-start-here, or the first lesson by slug when none is chosen."""
    global _current
    _current = Session(lesson, **options)
    return _current
