"""One student's work on one lesson: the single path every answer takes.

A widget click and ``dokhae.check("<exercise id>", value)`` from a code cell both call
:meth:`Session.answer`, which checks the answer with the common core
(:mod:`dokhae.answers`) and records it in the progress store (:mod:`dokhae.progress`).

Which lesson: every notebook starts with ``LESSON = None`` and ``dokhae.start(LESSON)``.
None means the lesson the student chose in ``00-start-here`` (:func:`choose_lesson`,
saved in the progress store, so it holds in every notebook and on later days); when
nothing is chosen yet, or the chosen lesson is gone, it is :func:`default_lesson`: the
first lesson by slug (alphabetical order of the folder names under ``articles/``), the
same lesson ``dokhae.load_lesson()`` and ``dokhae check`` start with. A slug
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import i18n
from .answers import (
    ANSWER_SHOWN,
    AnswerFormatError,
    Feedback,
    check_exam_item,
    check_number,
    check_question,
    english_sentences,
    exam_hint,
    exam_right_answer,
    format_number,
    korean_form_of,
    normalize_text,
    parse_number,
)
from .arithmetic import (
    ArithmeticExercise,
    check_steps,
    diagnose,
    example_exercise,
    make_exercise,
    step_names,
)
from .lesson import Cloze, Lesson, Matching, Ordering, ShortText, Text
from .loading import Sources, content_root, lesson_slugs, load_article
from .problems import Report, did_you_mean
from .progress import ProgressStore, ProgressStoreError, default_path
from .validation import load_lesson

LESSON_SETTING = "lesson"
"""The key of the chosen lesson in the progress store's settings."""

DIRECTION_SETTING = "direction"
"""The key of the learner's direction in the progress store's settings."""
LANGUAGE_SETTING = "language"
"""The key of the interface language in the progress store's settings."""
DIRECTIONS = ("en", "ko")
"""Who the learner is, by the text they read: ``"en"``, a Korean student of English
(reads the English article; the default) or ``"ko"``, a learner of Korean (reads the
Korean translation)."""


class UnknownLessonError(ValueError):
    """No lesson with this slug in the content folder (naming the lessons there)."""


@dataclass(frozen=True)
class LessonInfo:
    """What a lesson chooser shows of one lesson, read from its article files only.

    Attributes:
        slug: the folder name under ``articles/``.
        title: the headline in both languages (None when the article cannot be read).
        outlet, agency: where the article was published (``agency`` may be None).
        published: the publication date, ``YYYY-MM-DD`` ("" when unknown).
        problem: None when the article reads; else a one-line English description
            (``dokhae check`` lists every problem).
    """

    slug: str
    title: Text | None
    outlet: str = ""
    agency: str | None = None
    published: str = ""
    problem: str | None = None

    def label(self, language: str) -> str:
        """``Title — Outlet, 2023-05-31`` in ``language`` (the slug when unreadable)."""
        if self.title is None:
            return self.slug
        source = ", ".join(x for x in (self.outlet, self.published) if x)
        return f"{self.title(language)} — {source}" if source else self.title(language)


def available_lessons(root: Path | None = None) -> list[LessonInfo]:
    """Every lesson under ``root`` (default: :func:`~dokhae.loading.content_root`), by
    slug, with its title, outlet and date. Reads only ``lesson.yaml`` and the two article
    files, so listing many lessons is quick; a lesson whose article cannot be read is
    listed with ``problem`` set."""
    root = content_root() if root is None else Path(root)
    found = []
    for slug in lesson_slugs(root):
        report = Report(root=root)
        article = load_article(Sources.for_lesson(root, slug), report)
        if article is None or report.errors:
            first = report.errors[0] if report.errors else None
            problem = f"{first.file}: {first.message}" if first else "the article cannot be read"
            found.append(LessonInfo(slug, None, problem=problem))
            continue
        meta = article.meta
        found.append(LessonInfo(slug, article.title, meta.outlet, meta.agency, meta.published[:10]))
    return found


def default_lesson(root: Path | None = None) -> str:
    """The lesson used when none is named or chosen: the first slug in alphabetical order.

    Raises:
        FileNotFoundError: there is no lesson under ``root``.
    """
    root = content_root() if root is None else Path(root)
    slugs = lesson_slugs(root)
    if not slugs:
        raise FileNotFoundError(
            f"no lessons under {root / 'articles'} (expected <slug>/lesson.yaml)"
        )
    return slugs[0]


def _unknown_lesson(slug: object, root: Path) -> UnknownLessonError:
    slugs = lesson_slugs(root)
    known = ", ".join(repr(s) for s in slugs) or "none"
    return UnknownLessonError(
        f"there is no lesson {slug!r} under {root / 'articles'}.{did_you_mean(slug, slugs)} "
        f"The lessons there: {known}."
    )


def chosen_lesson(store: ProgressStore | None = None, root: Path | None = None) -> str:
    """The lesson chosen with :func:`choose_lesson` if it still exists, else
    :func:`default_lesson`. ``store``: the progress store (default: the student's own);
    a store that cannot be opened counts as "nothing chosen"."""
    root = content_root() if root is None else Path(root)
    try:
        if store is not None:
            saved = store.setting(LESSON_SETTING)
        else:
            with ProgressStore() as own:
                saved = own.setting(LESSON_SETTING)
    except ProgressStoreError:
        saved = None
    return saved if saved in lesson_slugs(root) else default_lesson(root)


def choose_lesson(slug: str, store: ProgressStore | None = None, root: Path | None = None) -> str:
    """Remember ``slug`` as the student's lesson (what ``dokhae.start(None)`` opens).

    Raises:
        UnknownLessonError: no such lesson (the message names the lessons there).
        dokhae.progress.ProgressStoreError: the progress store cannot be written.
    """
    root = content_root() if root is None else Path(root)
    if slug not in lesson_slugs(root):
        raise _unknown_lesson(slug, root)
    if store is not None:
        store.set_setting(LESSON_SETTING, slug)
    else:
        with ProgressStore() as own:
            own.set_setting(LESSON_SETTING, slug)
    return slug


def _saved_setting(key: str, store: ProgressStore | None) -> str | None:
    """The saved value of ``key``; None when nothing is saved or the store cannot be
    read. Without ``store``, the student's own store is read only if its file exists
    (asking for the language must not create a progress file, e.g. for the teacher)."""
    try:
        if store is not None:
            return store.setting(key)
        if not default_path().exists():
            return None
        with ProgressStore() as own:
            return own.setting(key)
    except (ProgressStoreError, OSError):
        return None


def _save_setting(key: str, value: str, store: ProgressStore | None) -> None:
    if store is not None:
        store.set_setting(key, value)
    else:
        with ProgressStore() as own:
            own.set_setting(key, value)


def chosen_direction(store: ProgressStore | None = None) -> str:
    """The learner's direction chosen in 00-start-here (:func:`choose_direction`), else
    ``"en"`` (a Korean student of English). See :data:`DIRECTIONS`."""
    saved = _saved_setting(DIRECTION_SETTING, store)
    return saved if saved in DIRECTIONS else DIRECTIONS[0]


def choose_direction(direction: str, store: ProgressStore | None = None) -> str:
    """Remember who the learner is (:data:`DIRECTIONS`): every notebook then reads,
    drills and reviews in that direction.

    Raises:
        ValueError: not one of :data:`DIRECTIONS`.
        dokhae.progress.ProgressStoreError: the progress store cannot be written.
    """
    if direction not in DIRECTIONS:
        choices = ", ".join(repr(d) for d in DIRECTIONS)
        raise ValueError(f"unknown direction {direction!r}: choose one of {choices}")
    _save_setting(DIRECTION_SETTING, direction, store)
    if _current is not None and store in (None, _current._store):
        _current.direction = direction
    return direction


_languages_read: dict[Path, str | None] = {}


def _saved_language() -> str | None:
    """The language saved in the student's own store, read once per kernel and store."""
    path = default_path()
    if path not in _languages_read:
        _languages_read[path] = _saved_setting(LANGUAGE_SETTING, None)
    return _languages_read[path]


i18n.read_saved_language_with(_saved_language)


def choose_language(language: str, store: ProgressStore | None = None) -> str:
    """Use ``language`` (``"ko"`` or ``"en"``) for the interface now and remember it in
    the progress store, so the next notebooks (and tomorrow's) open in it too.

    Raises:
        ValueError: not an interface language.
        dokhae.progress.ProgressStoreError: the progress store cannot be written.
    """
    i18n.set_language(language)  # validates
    _save_setting(LANGUAGE_SETTING, language, store)
    if store is None:
        _languages_read[default_path()] = language
    return language


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
    the tries left. Answers not judged (empty, unreadable, pending) are left as they are.
    """
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


KOREAN_FORM = "answer_forms.korean_form"
"""The message of a Korean word typed with a particle or in another ending, named by its
dictionary form ("Right: the dictionary form is 협력.")."""


def _spaceless(text: str) -> str:
    return normalize_text(text).replace(" ", "")


def check_lesson_question(lesson: Lesson, question: Any, value: Any) -> Feedback:
    """:func:`~dokhae.answers.check_question`, knowing the lesson's Korean words.

    A typed answer to a question on the Korean text (``tests: ko``, a cloze or short answer
    with ``inflections: true``) is right when it is the word with a particle or in another
    ending (협력을 for 협력, 부과하도록 for 부과) or in its dictionary form (부과하다), with
    the message :data:`KOREAN_FORM` naming the dictionary form. The dictionary forms and
    stems come from the glossary entries whose ``ko_forms`` begin the accepted answer; the
    recognising is :func:`dokhae.answers.korean_form_of`'s. (Its place is the checkers of
    :mod:`dokhae.answers` once they take the lesson's Korean forms.)"""
    feedback = check_question(question, value)
    if (
        feedback.status not in ("wrong", "pending")
        or getattr(question, "tests", "both") != "ko"
        or not getattr(question, "inflections", False)
        or not isinstance(value, str)
    ):
        return feedback
    targets = [question.answer, *question.accept] if isinstance(question, Cloze) else []
    if isinstance(question, ShortText):
        targets = list(question.accept)
    words: list[str] = []
    forms: list[str] = []
    for target in map(_spaceless, targets):
        for entry in lesson.glossary:
            for form in entry.ko_forms:
                stem = _spaceless(form)
                if stem and target.startswith(stem):
                    forms.append(form)
                    words += [w for w in entry.ko if _spaceless(w).startswith(stem)]
    words = list(dict.fromkeys([*words, *targets]))  # dictionary forms first: they name it
    typed = _spaceless(value)
    word = next((w for w in words if _spaceless(w) == typed), None)  # 부과하다 for 부과
    word = word or korean_form_of(value, words, forms)
    if word is None:
        return feedback
    return dataclasses.replace(
        feedback,
        status="correct",
        score=1.0,
        message_key=KOREAN_FORM,
        fields={"word": word},
        mistake=None,
    )


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
            return check_lesson_question(self.lesson, question, value)
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
