"""Sets of questions: a quiz set with a running score, and the choosers between sets
(by paragraph group, by skill)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as widgets

from ... import i18n
from ...answers import Feedback
from ...lesson import QUESTION_TYPES, SKILLS, Lesson, Text, paragraph_of
from ...results import SYMBOLS
from ...session import Session, UnknownExerciseError, current_session
from .._base import (
    OTHER_STYLE,
    ChooserView,
    View,
    button,
    classed,
    escape,
    fallback_text,
    light,
    other_language,
    resolve_session,
)
from .kinds import _no_question, question_view
from .question import QuestionView, assignment_session, number_text

__all__ = ["QuizGroups", "QuizSet", "SkillQuiz", "lesson_questions", "paragraph_of"]


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def _direction(session: Session) -> str:
    """The learner's direction of ``session`` (``"en"`` for a session without one)."""
    return getattr(session, "direction", None) or "en"


def lesson_questions(session: Session) -> list[Any]:
    """The questions of the session's lesson that its learner answers
    (:meth:`dokhae.lesson.Lesson.questions_for` the session's direction): a Korean student
    of English gets those on the English text or both, a learner of Korean those on the
    Korean text or both."""
    return session.lesson.questions_for(_direction(session))


def _check_known(wanted: set[str], known: Sequence[str], what: str, where: str) -> None:
    """Raise ValueError naming the values of ``wanted`` not in ``known``, and ``known``:
    "skill 'x' is not a skill; use one of ..." (``what`` skill, ``where`` a skill)."""
    unknown = sorted(wanted - set(known))
    if unknown:
        raise ValueError(
            f"{what} {', '.join(map(repr, unknown))} is not {where}; use one of {', '.join(known)}"
        )


class QuizSet(View):
    """A set of questions with a running score and a retry, one question at a time.

    Args:
        questions: questions of the lesson model, question ids, or None for every
            question of the session's lesson that its learner answers: those on the
            text of the learner's direction or on both (:func:`lesson_questions`; a
            learner of Korean gets no question on the English text only, a Korean
            student of English none on the Korean text only). Ids given are kept.
        session: the session that checks and records answers (None: this kernel's).
        lang: the interface language (None: the current setting).
        paragraph: keep the questions resting on this paragraph (``"p2"``) or these.
        skill: keep the questions of this skill (``"inference"``) or these.
        type: keep the questions of this type (``"cloze"``) or these.
        one_at_a_time: show one question with Previous / Next buttons (the default);
            False shows every question at once.
        title: a heading above the questions, in both languages (``dokhae-quiz-title``).

    One at a time, a question's view is built when it is first shown and kept (answers
    and all) when the student moves on: what the cell sends to the browser is one
    question, not the whole set (a set of twenty questions shown at once is over a
    thousand widget models; on a busy class server some of them may never arrive).
    The navigation row (``dokhae-quiz-nav``) holds ``dokhae-previous``, the position
    (``dokhae-position``, "Question 3 of 10") and ``dokhae-next``; under it the progress
    row (``dokhae-quiz-progress``) shows every question's number with its mark once
    checked (✔ / ✘ / ◑, ✎ once saved in an assignment: :data:`dokhae.results.SYMBOLS`),
    the current one underlined.

    The score (``dokhae-score``, "Score: 7 / 10") counts each question's latest judged
    result times its points (partial credit counts its share). In an assignment (an
    :class:`~dokhae.homework.AssignmentSession`) nothing is judged: the set holds the
    student's blank questions (all of the assignment's when ``questions`` is None) and
    the label counts the answers saved ("Answered: 3 / 8"). Retry
    (``dokhae-retry``) clears the inputs, feedback and score; the progress store keeps
    the history.

    Attributes:
        questions: the questions of the set, in order.
        views: the view of every question (building those not yet shown: for tests and
            scripts; :meth:`view` builds one).
        built: the views built so far.
        current: the index of the question shown (one at a time).
    """

    kind = "quiz"

    def __init__(
        self,
        questions: Iterable[Any] | None = None,
        session: Session | None = None,
        lang: str | None = None,
        *,
        paragraph: str | Iterable[str] | None = None,
        skill: str | Iterable[str] | None = None,
        type: str | Iterable[str] | None = None,
        one_at_a_time: bool = True,
        title: Text | None = None,
    ) -> None:
        super().__init__(lang=lang)
        self._session = session
        self.title = title
        heading: tuple[widgets.Widget, ...] = ()
        if title is not None:
            heading = (
                classed(
                    light(
                        widgets.HTML,
                        f'<h4 lang="{self.lang}" style="margin-bottom:0">{escape(title(self.lang))}</h4>'
                        f'<div lang="{other_language(self.lang)}" style="{OTHER_STYLE}">'
                        f"{escape(title(other_language(self.lang)))}</div>",
                    ),
                    "quiz-title",
                ),
            )
        self.questions: list[Any] = self._select(questions, paragraph, skill, type)
        self.one_at_a_time = one_at_a_time
        self._views: dict[int, QuestionView] = {}
        self.results: dict[str, Feedback] = {}

        self.score_label = classed(light(widgets.HTML, ""), "score")
        self.retry_button = button(self.t("button.try_again"), "retry", shared=True, icon="refresh")
        self.retry_button.on_click(lambda _button: self.retry())
        footer = classed(light(widgets.HBox, [self.score_label, self.retry_button]), "quiz-footer")

        self.current = 0
        self.previous_button = button(
            self.t("button.previous"), "previous", shared=True, icon="arrow-left"
        )
        self.next_button = button(self.t("button.next"), "next", shared=True, icon="arrow-right")
        self.previous_button.on_click(lambda _button: self.go(self.current - 1))
        self.next_button.on_click(lambda _button: self.go(self.current + 1))
        self.position_label = classed(light(widgets.HTML, ""), "position")
        self.progress = classed(light(widgets.HTML, ""), "quiz-progress")
        self.stage = classed(light(widgets.VBox, []), "quiz-questions")

        if not self.questions:
            empty = classed(light(widgets.HTML, escape(self.t("quiz.empty"))), "quiz-empty")
            self.children = (*heading, empty)
            self._update_score()
            return
        if one_at_a_time:
            nav = classed(
                light(widgets.HBox, [self.previous_button, self.position_label, self.next_button]),
                "quiz-nav",
            )
            self.children = (*heading, nav, self.progress, self.stage, footer)
            self.go(0)
        else:
            total = len(self.questions)
            for i, view in enumerate(self.views, start=1):
                view.set_position(i, total)
            self.stage.children = tuple(self.views)
            self.children = (*heading, self.stage, footer)
        self._update_score()

    # -- building

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

    def _select(
        self, questions: Iterable[Any] | None, paragraph: Any, skill: Any, kind: Any
    ) -> list[Any]:
        given = None if questions is None else list(questions)
        assignment = assignment_session(self._session)
        if assignment is not None:  # the student's blank questions, by the assignment's ids
            from ...homework import BlankQuestion

            if given is None:
                given = [
                    q
                    for q in map(assignment.question, assignment.manifest.exercises)
                    if isinstance(q, BlankQuestion)
                ]
            given = [assignment.question(q) if isinstance(q, str) else q for q in given]
        needs_lesson = (
            given is None or paragraph is not None or any(isinstance(q, str) for q in given)
        )
        lesson: Any = self.session.lesson if needs_lesson else None
        if given is None:
            chosen = lesson_questions(self.session)
        else:
            chosen = []
            for q in given:
                if isinstance(q, str):
                    found = lesson.questions.get(q)
                    if found is None:
                        raise UnknownExerciseError(_no_question(lesson, q))
                    q = found
                chosen.append(q)
        paragraphs, skills, kinds = _as_set(paragraph), _as_set(skill), _as_set(kind)
        if paragraphs is not None:
            _check_known(
                paragraphs,
                [p.id for p in lesson.article.paragraphs],
                "paragraph",
                f"in lesson {lesson.slug!r}",
            )
            chosen = [q for q in chosen if paragraphs & {paragraph_of(s) for s in q.sentences}]
        if skills is not None:
            _check_known(skills, SKILLS, "skill", "a skill")
            chosen = [q for q in chosen if q.skill in skills]
        if kinds is not None:
            _check_known(kinds, QUESTION_TYPES, "type", "a question type")
            chosen = [q for q in chosen if q.type in kinds]
        return chosen

    @classmethod
    def _of_lesson(
        cls,
        lesson: Lesson | None,
        *,
        session: Session | None = None,
        lang: str | None = None,
        one_at_a_time: bool = True,
        **selection: Any,
    ) -> QuizSet:
        return cls(
            None, _session_for(lesson, session), lang, one_at_a_time=one_at_a_time, **selection
        )

    @classmethod
    def by_paragraph(
        cls, lesson: Lesson | None, paragraph: str | Sequence[str], **options: Any
    ) -> QuizSet:
        """The questions that rest on ``paragraph`` (``"p2"``) of ``lesson``. Options
        (keywords): ``session``, ``lang``, ``one_at_a_time``."""
        return cls._of_lesson(lesson, paragraph=paragraph, **options)

    @classmethod
    def by_skill(cls, lesson: Lesson | None, skill: str | Sequence[str], **options: Any) -> QuizSet:
        """The questions of ``skill`` (``"inference"``, ``"detail"``, ...) of ``lesson``.
        Options (keywords): ``session``, ``lang``, ``one_at_a_time``."""
        return cls._of_lesson(lesson, skill=skill, **options)

    @classmethod
    def by_paragraph_groups(
        cls,
        lesson: Lesson | None = None,
        size: int = 3,
        *,
        session: Session | None = None,
        lang: str | None = None,
        one_at_a_time: bool = True,
    ) -> QuizGroups:
        """One titled set per group of about ``size`` consecutive parts of the article
        (:func:`dokhae.paragraphs.paragraph_groups`: the headline first, the caption last),
        in one view; groups without questions are left out. With no ``lesson`` and no
        ``session``, the lesson of this kernel's session (the setup cell's ``LESSON``, else
        the one chosen in 00): ``QuizSet.by_paragraph_groups()`` runs in a cell of its own."""
        return QuizGroups(
            _session_for(lesson, session), lang, size=size, one_at_a_time=one_at_a_time
        )

    @classmethod
    def skill_chooser(
        cls,
        lesson: Lesson | None = None,
        skill: str | None = None,
        *,
        session: Session | None = None,
        lang: str | None = None,
    ) -> SkillQuiz:
        """A Dropdown of the skills the lesson has questions for, and the set of the
        chosen skill (``skill`` first when the lesson has it); see :class:`SkillQuiz`.
        With no ``lesson`` and no ``session``, the lesson of this kernel's session, as
        :meth:`by_paragraph_groups`: ``QuizSet.skill_chooser(skill="inference")``."""
        return SkillQuiz(_session_for(lesson, session), lang, skill=skill)

    # -- behaviour

    def view(self, index: int) -> QuestionView:
        """The view of question ``index`` (from 0), built now if it was never shown."""
        if index not in self._views:
            view = question_view(self.questions[index], self._session, self.lang)
            view.on_check(self._checked)
            self._views[index] = view
        return self._views[index]

    @property
    def views(self) -> list[QuestionView]:
        return [self.view(i) for i in range(len(self.questions))]

    @property
    def built(self) -> list[QuestionView]:
        return [self._views[i] for i in sorted(self._views)]

    @property
    def total(self) -> float:
        """The points of the set."""
        return float(sum(q.points for q in self.questions))

    @property
    def score(self) -> float:
        """The points earned: each question's latest judged result."""
        return float(
            sum(self.results[q.id].score * q.points for q in self.questions if q.id in self.results)
        )

    def _checked(self, view: QuestionView, feedback: Feedback | None) -> None:
        if feedback is None:
            self.results.pop(view.question.id, None)
        elif feedback.answered:
            self.results[view.question.id] = feedback
        self._update_score()
        self._update_progress()

    def _update_score(self) -> None:
        if assignment_session(self._session) is not None:  # nothing is marked: count answers
            self.score_label.value = escape(
                self.t("progress.answered", answered=len(self.results), total=len(self.questions))
            )
            return
        self.score_label.value = escape(
            self.t("score.label", score=number_text(self.score), total=number_text(self.total))
        )

    def _update_progress(self) -> None:
        """The progress row: every question's number, its mark once checked, the
        current one underlined (one HTML model, whatever the number of questions)."""
        if not self.one_at_a_time:
            return
        steps = []
        for index, question in enumerate(self.questions):
            feedback = self.results.get(question.id)
            status = None if feedback is None else feedback.status
            mark = SYMBOLS.get(status, "") if status is not None else ""
            position = self.t("progress.question", current=index + 1, total=len(self.questions))
            said = self.t(f"status.{status or 'unanswered'}")
            classes = f"dokhae-step dokhae-step-{status or 'open'}"
            if index == self.current:
                classes += " dokhae-step-current"
            steps.append(
                f'<span class="{classes}" title="{escape(position)}: {escape(said)}">'
                f"{index + 1}{mark}</span>"
            )
        self.progress.value = " ".join(steps)

    def go(self, index: int) -> None:
        """Show question ``index`` (from 0) in one-at-a-time mode."""
        if not self.questions:
            return
        self.current = max(0, min(index, len(self.questions) - 1))
        if self.one_at_a_time:
            self.stage.children = (self.view(self.current),)
        self.position_label.value = escape(
            self.t("progress.question", current=self.current + 1, total=len(self.questions))
        )
        self.previous_button.disabled = self.current == 0
        self.next_button.disabled = self.current == len(self.questions) - 1
        self._update_progress()

    def show_question(self, question_id: str) -> QuestionView:
        """Show (and return) the view of the question ``question_id``."""
        ids = [q.id for q in self.questions]
        if question_id not in ids:
            raise ValueError(f"the set has no question {question_id!r}; it has {', '.join(ids)}")
        self.go(ids.index(question_id))
        return self.view(self.current)

    def retry(self) -> None:
        """Start the set again: inputs, feedback and score cleared."""
        for view in self.built:
            view.reset()
        self.results.clear()
        self._update_score()
        self.go(0)

    def __repr__(self) -> str:
        text = fallback_text(self.kind)
        if self.title is not None:
            text += f"\n  {self.in_both(self.title)}"
        if self.questions:
            text += f"\n  {self.t_both('quiz.count', n=len(self.questions))}"
        return text


class QuizGroups(ChooserView):
    """The lesson's questions paragraph by paragraph: a Dropdown of the groups of
    consecutive parts of the article ("By paragraph: the headline, paragraphs 1–2"), and
    below it the :class:`QuizSet` of the group chosen, with its own score and retry.

    Only the chosen group's set is built (each is kept, answers and all, when another
    group is chosen and then this one again): building every set at once sends thousands
    of widget messages in one cell, more than a busy server delivers reliably.

    Args:
        session: the session (None: this kernel's).
        lang: the interface language (None: the current setting).
        size: about how many parts (headline, paragraphs, caption) per group.
        one_at_a_time: passed to every set.

    Attributes:
        groups: the paragraph ids of each group offered.
        labels: what each group holds, in both languages ("the headline, paragraphs 1–2").
        counts: the number of questions of each group.
        select: the Dropdown (class ``dokhae-group-select``; value: the group's index).
        quiz: the set shown.

    A question resting on sentences of two groups is in both. A lesson with no question
    shows one line saying so (``dokhae-quiz-empty``).
    """

    kind = "quiz-groups"
    fallback_key = "notebook.quiz_groups_fallback"
    empty_key = "notebook.no_questions"
    select_name_key = "listening.select_group"

    def __init__(
        self,
        session: Session | None = None,
        lang: str | None = None,
        *,
        size: int = 3,
        one_at_a_time: bool = True,
    ) -> None:
        from ...paragraphs import paragraph_group_label, paragraph_groups

        super().__init__(lang=lang)
        self._session = session
        self._one_at_a_time = one_at_a_time
        lesson = resolve_session(session).lesson
        questions = lesson_questions(resolve_session(session))
        self.groups: list[tuple[str, ...]] = []
        self.labels: list[Text] = []
        self.counts: list[int] = []
        self._titles: list[Text] = []
        self.quiz: QuizSet | None = None
        for group in paragraph_groups(lesson, size):
            n = sum(bool(set(group) & {paragraph_of(s) for s in q.sentences}) for q in questions)
            if not n:
                continue
            label = Text(**{lang_: paragraph_group_label(group, lang_) for lang_ in ("en", "ko")})
            self.groups.append(group)
            self.labels.append(label)
            self.counts.append(n)
            self._titles.append(
                Text(
                    **{
                        lang_: i18n.t("notebook.quiz_group_title", lang_, parts=label(lang_))
                        for lang_ in ("en", "ko")
                    }
                )
            )
        if not self.groups:
            self._nothing_to_choose("quiz-empty")
            return
        self._choose_from(
            [
                (f"{title(self.lang)} · {self.t('quiz.count', n=n)}", index)
                for index, (title, n) in enumerate(zip(self._titles, self.counts))
            ],
            0,
            "group-select",
            "group-stage",
            style={"description_width": "initial"},
            layout={"width": "auto", "max_width": "100%"},
        )

    def _make(self, index: int) -> QuizSet:
        return QuizSet(
            None,
            self._session,
            self.lang,
            paragraph=list(self.groups[index]),
            one_at_a_time=self._one_at_a_time,
            title=self._titles[index],
        )

    def show(self, index: int) -> QuizSet:
        """Show (and return) the set of group ``index`` (from 0), made on first use."""
        if not 0 <= index < len(self.groups):
            raise IndexError(f"there is no group {index}: the lesson has {len(self.groups)}")
        self.quiz = self._shown(index)
        return self.quiz

    @property
    def quizzes(self) -> list[QuizSet]:
        """The set of every group (made now if not yet shown)."""
        return [self._view_for(index) for index in range(len(self.groups))]

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

    def _summary(self) -> list[str]:
        def line(label: Text, n: int) -> str:
            return self.in_both(lambda lang: f"{label(lang)} — {i18n.t('quiz.count', lang, n=n)}")

        return [line(label, n) for label, n in zip(self.labels, self.counts)]


class SkillQuiz(ChooserView):
    """Questions by skill: a Dropdown of the skills the lesson has questions for
    ("Inference · 5 questions"), and below it the :class:`QuizSet` of the chosen skill.

    Args:
        session: the session (None: this kernel's).
        lang: the interface language (None: the current setting).
        skill: the skill shown first when the lesson has it (``"inference"``); else the
            first skill of the lesson in the order of :data:`dokhae.lesson.SKILLS`.

    Attributes:
        skills: the skills offered.
        select: the Dropdown (class ``dokhae-skill-select``; value: the skill).
        quiz: the set shown (each skill's set is kept, answers and all, when another
            skill is chosen and then this one again).
    """

    kind = "skill-quiz"
    fallback_key = "notebook.skill_fallback"
    empty_key = "notebook.no_questions"
    select_name_key = "listening.select_skill"

    def __init__(
        self, session: Session | None = None, lang: str | None = None, *, skill: str | None = None
    ) -> None:
        super().__init__(lang=lang)
        self._session = session
        if skill is not None:
            _check_known({skill}, SKILLS, "skill", "a skill")
        questions = lesson_questions(resolve_session(session))
        counts = {k: sum(q.skill == k for q in questions) for k in SKILLS}
        self.skills: list[str] = [k for k in SKILLS if counts[k]]
        self.quiz: QuizSet | None = None
        if not self.skills:
            self._nothing_to_choose("quiz-empty")
            return
        start = skill if skill in self.skills else self.skills[0]
        self._choose_from(
            [
                (self.t("notebook.skill_option", skill=self.t(f"skill.{k}"), n=counts[k]), k)
                for k in self.skills
            ],
            start,
            "skill-select",
            "skill-stage",
            description=self.t("notebook.skill_label"),
            style={"description_width": "initial"},
        )

    def _make(self, skill: str) -> QuizSet:
        return QuizSet(None, self._session, self.lang, skill=skill)

    def show(self, skill: str) -> QuizSet:
        """Show (and return) the set of ``skill``, made on first use."""
        if skill not in self.skills:
            raise ValueError(
                f"the lesson has no {skill!r} questions; choose one of "
                f"{', '.join(self.skills) or 'none'}"
            )
        self.quiz = self._shown(skill)
        return self.quiz

    def _summary(self) -> list[str]:
        if self.quiz is None:
            return []
        skill, n = self.quiz.questions[0].skill, len(self.quiz.questions)
        return [
            self.in_both(
                lambda lang: f"{i18n.t(f'skill.{skill}', lang)}: {i18n.t('quiz.count', lang, n=n)}"
            )
        ]


def _session_for(lesson: Lesson | str | None, session: Session | None) -> Session:
    """``session``, else this kernel's session when it is on ``lesson``, else a new
    session on ``lesson`` (recording to the default progress store)."""
    if session is not None:
        if lesson is not None:
            slug = lesson if isinstance(lesson, str) else lesson.slug
            if session.lesson.slug != slug:
                raise ValueError(
                    f"the session is on lesson {session.lesson.slug!r}, "
                    f"not {slug!r}; pass a session on that lesson"
                )
        return session
    current = current_session()
    if lesson is None:
        return current
    slug = lesson if isinstance(lesson, str) else lesson.slug
    return current if current.lesson.slug == slug else Session(lesson)
