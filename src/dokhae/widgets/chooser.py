"""The lesson chooser of ``00-start-here``: pick the article to study, remembered.

The choice is saved in the student's progress store (:func:`dokhae.learner.choose_lesson`),
so every notebook whose parameters cell says ``LESSON = None`` opens it, today and on
later days. Choosing does not change the notebooks already running: the chooser says to
run the notebook again from the top.

Stable CSS classes: ``dokhae``, ``dokhae-chooser``, ``dokhae-instruction``,
``dokhae-lesson-select`` (the Dropdown; its options are the lesson titles with outlet and
date, its values the slugs), ``dokhae-lesson-details``, ``dokhae-feedback`` and, when
some lessons cannot be read, ``dokhae-unavailable``.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from .. import i18n
from ..learner import (
    LessonInfo,
    _unknown_lesson,
    available_lessons,
    choose_direction,
    choose_language,
    choose_lesson,
)
from ..loading import content_root
from ..problems import LessonError
from ..progress import ProgressStoreError
from ..session import Session
from ..validation import load_lesson
from ._base import (
    OTHER_STYLE,
    View,
    classed,
    escape,
    fallback_text,
    light,
    other_language,
    resolve_session,
)

__all__ = ["LearnerChooser", "LessonChooser"]


class LessonChooser(View):
    """A Dropdown of the lessons (title, outlet, date) that remembers the choice.

    Args:
        session: the session whose lesson is shown as chosen and whose progress store
            keeps the choice (None: this kernel's session).
        lang: the interface language (None: the current setting).
        root: the content folder (None: :func:`dokhae.loading.content_root`).

    Attributes:
        lessons: the :class:`~dokhae.learner.LessonInfo` of every lesson offered.
        unavailable: lessons left out because their article cannot be read.
        select: the Dropdown (value: the slug).
        details: the HTML of the selected lesson (title in both languages, source, date).
        feedback: the HTML saying what happened to the last choice.
        chosen: the slug saved by the last choice, or None.
    """

    kind = "chooser"

    def __init__(
        self,
        session: Session | None = None,
        lang: str | None = None,
        *,
        root: Path | str | None = None,
    ) -> None:
        super().__init__(lang=lang)
        self._session = session
        self.root = content_root() if root is None else Path(root)
        infos = available_lessons(self.root)
        self.lessons: list[LessonInfo] = [i for i in infos if i.problem is None]
        self.unavailable: list[LessonInfo] = [i for i in infos if i.problem is not None]
        self.chosen: str | None = None
        current = self.session.lesson.slug
        slugs = [i.slug for i in self.lessons]

        self.instruction = classed(
            light(
                widgets.HTML,
                f'<span lang="{self.lang}">{escape(self.t("chooser.instruction"))}</span>',
            ),
            "instruction",
        )
        self.select = classed(
            light(
                widgets.Dropdown,
                options=[(i.label(self.lang), i.slug) for i in self.lessons],
                value=current if current in slugs else None,
                description=self.t("chooser.label"),
                style={"description_width": "initial"},
                layout={"width": "auto", "max_width": "100%"},
            ),
            "lesson-select",
        )
        self.details = classed(
            light(widgets.HTML, self._details_html(self.select.value)), "lesson-details"
        )
        self.feedback = classed(light(widgets.HTML, self._start_note()), "feedback")
        parts: list[widgets.Widget] = [self.instruction, self.select, self.details, self.feedback]
        if self.unavailable:
            names = ", ".join(i.slug for i in self.unavailable)
            parts.append(
                classed(
                    light(
                        widgets.HTML,
                        f'<div style="{OTHER_STYLE}">{escape(self.t("chooser.unavailable", slugs=names))}</div>',
                    ),
                    "unavailable",
                )
            )
        self.children = tuple(parts)
        self.select.observe(self._selected, names="value")

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

    def _info(self, slug: str | None) -> LessonInfo | None:
        return next((i for i in self.lessons if i.slug == slug), None)

    def _details_html(self, slug: str | None) -> str:
        info = self._info(slug)
        if info is None or info.title is None:
            return ""
        other = other_language(self.lang)
        source = info.outlet + (f" ({info.agency})" if info.agency else "")
        facts = [self.t("reading.source", outlet=source)] if source else []
        if info.published:
            facts.append(self.t("reading.published", date=info.published))
        return (
            f'<div lang="{self.lang}"><b>{escape(info.title(self.lang))}</b></div>'
            f'<div lang="{other}" style="{OTHER_STYLE}">{escape(info.title(other))}</div>'
            f'<div style="{OTHER_STYLE}">{escape(" · ".join(facts))} · '
            f"<code>{escape(info.slug)}</code></div>"
        )

    def _start_note(self) -> str:
        if not self.lessons:
            return escape(self.t("chooser.none"))
        if len(self.lessons) == 1:
            return f'<span style="{OTHER_STYLE}">{escape(self.t("chooser.only_one"))}</span>'
        return ""

    # -- behaviour

    def choose(self, slug: str) -> None:
        """Choose ``slug`` as if picked in the Dropdown (for tests and scripts).

        Raises:
            dokhae.learner.UnknownLessonError: no such lesson (naming the lessons).
        """
        if slug not in [i.slug for i in self.lessons]:
            if slug not in [i.slug for i in self.unavailable]:
                raise _unknown_lesson(slug, self.root)
            self._save(slug)  # says the lesson cannot be opened
            return
        if self.select.value == slug:
            self._save(slug)
        else:
            self.select.value = slug

    def _selected(self, change: dict) -> None:
        if change["new"] is not None:
            self._save(change["new"])

    def _save(self, slug: str) -> None:
        self.details.value = self._details_html(slug)
        try:
            load_lesson(slug, self.root)
        except LessonError:
            self.feedback.value = (
                f'<div class="dokhae-verdict dokhae-wrong">{escape(self.t("chooser.broken"))}</div>'
            )
            return
        try:
            choose_lesson(slug, self.session.store, self.root)
        except ProgressStoreError:
            self.feedback.value = (
                f'<div class="dokhae-verdict dokhae-wrong">'
                f"{escape(self.t('chooser.not_saved'))}</div>"
            )
            return
        self.chosen = slug
        self.feedback.value = (
            f'<div class="dokhae-verdict dokhae-correct">{escape(self.t("chooser.saved"))}</div>'
        )

    def __repr__(self) -> str:
        text = fallback_text(self.kind, "chooser.fallback")
        info = self._info(self.select.value)
        if info is not None and info.title is not None:
            text += f"\n  {info.title(self.lang)}\n  {info.title(other_language(self.lang))}"
        return text


class LearnerChooser(View):
    """Who the learner is and the language of the instructions, chosen once in
    ``00-start-here`` and remembered (issue 25): two rows of toggle buttons.

    ``direction`` (class ``dokhae-direction-select``): a Korean student learning English
    (reads the English article; value ``"en"``) or a learner of Korean (reads the Korean
    translation; ``"ko"``), saved with :func:`dokhae.learner.choose_direction`: every
    notebook's reading view, cards, matching, typed recall and review follow it.
    ``language`` (class ``dokhae-language-select``): the interface language, saved with
    :func:`dokhae.learner.choose_language` (used at once and in the next notebooks).
    Both rows are labelled in both languages: the student may not read the other one.
    ``feedback`` (``dokhae-feedback``) says what was saved.
    """

    kind = "learner-chooser"

    def __init__(self, session: Session | None = None, lang: str | None = None) -> None:
        super().__init__(lang=lang)
        self._session = session
        both = {key: f"{i18n.t(key, 'ko')} / {i18n.t(key, 'en')}" for key in _LEARNER_KEYS}
        self.direction = classed(
            widgets.ToggleButtons(
                options=[(both["learner.reads_en"], "en"), (both["learner.reads_ko"], "ko")],
                value=self.session.direction,
                style={"button_width": "auto"},
            ),
            "direction-select",
        )
        self.language = classed(
            widgets.ToggleButtons(
                options=[("한국어", "ko"), ("English", "en")],
                value=self.lang,
                style={"button_width": "auto"},
            ),
            "language-select",
        )
        self.feedback = classed(light(widgets.HTML, ""), "feedback")
        self.children = (
            classed(light(widgets.HTML, f"<b>{escape(both['learner.who'])}</b>"), "instruction"),
            self.direction,
            classed(
                light(widgets.HTML, f"<b>{escape(both['learner.language'])}</b>"), "instruction"
            ),
            self.language,
            self.feedback,
        )
        self.direction.observe(lambda change: self.choose(direction=change["new"]), names="value")
        self.language.observe(lambda change: self.choose(language=change["new"]), names="value")

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

    def choose(self, *, direction: str | None = None, language: str | None = None) -> None:
        """Save the direction and/or the interface language (as a click would)."""
        try:
            if direction is not None:
                choose_direction(direction, self.session.store)
                self.session.direction = direction
            if language is not None:
                choose_language(language, None if self._session is None else self.session.store)
                self.lang = language
        except ProgressStoreError:
            self.feedback.value = f'<div class="dokhae-verdict dokhae-wrong">{escape(self.t("chooser.not_saved"))}</div>'
            return
        self.feedback.value = (
            f'<div class="dokhae-verdict dokhae-correct">{escape(self.t("learner.saved"))}</div>'
        )

    def __repr__(self) -> str:
        return fallback_text(self.kind, "learner.fallback")


_LEARNER_KEYS = ("learner.who", "learner.reads_en", "learner.reads_ko", "learner.language")
