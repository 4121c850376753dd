"""The view of one CBAM arithmetic exercise: prompt, hints one at a time, answer, check.

The numbers are the student's (the session's seed, or the template's worked example
in practice). Checking goes through :meth:`dokhae.session.Session.answer` with the
template id, exactly like ``dokhae.check("<template id>", value)`` from a code cell.

Stable CSS classes: ``dokhae``, ``dokhae-arithmetic``, ``dokhae-title``,
``dokhae-prompt``, ``dokhae-numbers``, ``dokhae-caveat``, ``dokhae-instruction``,
``dokhae-unit``, ``dokhae-answer``, ``dokhae-check``, ``dokhae-hint-button``,
``dokhae-show-answer``, ``dokhae-hints`` (each hint ``dokhae-hint``), ``dokhae-feedback``,
``dokhae-beyond-path``.

Tries before answers (:mod:`dokhae.session`): a wrong try shows the verdict, the mistake
it shows and the next hint (in the hints list), not the answer; the answer and the
explanation come after the lesson's number of wrong tries, after a right answer, or
with the "Show answer" button.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import i18n
from ..answers import Feedback, format_number
from ..arithmetic import ArithmeticExercise, hint
from ..problems import close_matches
from ..results import answer_through
from ..session import Session, UnknownExerciseError
from ._base import (
    OTHER_STYLE,
    ChooserView,
    View,
    bilingual_html,
    button,
    classed,
    escape,
    fallback_text,
    feedback_area,
    feedback_html,
    other_language,
    resolve_session,
)

__all__ = [
    "ArithmeticChooser",
    "ArithmeticOverview",
    "ArithmeticView",
    "MissingExercise",
    "arithmetic_view",
]


def python_literal(value: Any) -> str:
    """A parameter as the student would type it in Python: ``5000``, ``2.12``,
    ``'2018-11'``, ``[18, 17, 16]``."""
    if isinstance(value, tuple):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    return repr(value)


class _TemplateView(View):
    """A view of one arithmetic template of the session's lesson (None: this kernel's
    session); subclasses make their children in :meth:`_build`."""

    def __init__(
        self, template_id: str, session: Session | None = None, lang: str | None = None
    ) -> None:
        super().__init__(lang=lang)
        self._session = session
        self.template_id = template_id
        self.children = tuple(self._build())

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

    def _build(self) -> list[widgets.Widget]:
        raise NotImplementedError


class ArithmeticView(_TemplateView):
    """One arithmetic exercise.

    Args:
        template_id: the id of an arithmetic template of the session's lesson
            (``"e09-certificates-after-faa"``).
        session: the session (None: this kernel's session).
        lang: the interface language (None: the current setting).

    Raises:
        dokhae.session.UnknownExerciseError: no template with this id (naming close ids).

    Attributes:
        exercise: the :class:`~dokhae.arithmetic.ArithmeticExercise` shown.
        answer_widget: the answer Text (``continuous_update=False``).
        check_button, hint_button, feedback: the Check button, the hint button and the
            feedback HTML widget.
        hints_shown: how many hints are shown.
        last_feedback: the Feedback of the last check, or None.
    """

    kind = "arithmetic"

    def _build(self) -> list[widgets.Widget]:
        self.exercise: ArithmeticExercise = self.session.exercise(self.template_id)
        self.last_feedback: Feedback | None = None
        self.saved = True
        self.hints_shown = 0
        ex = self.exercise

        self.title = classed(
            widgets.HTML(
                f'<h4 lang="{self.lang}" style="margin:0.3em 0 0">{escape(ex.title(self.lang))}</h4>'
                f'<div lang="{other_language(self.lang)}" style="{OTHER_STYLE}">'
                f"{escape(ex.title(other_language(self.lang)))}</div>"
            ),
            "title",
        )
        self.prompt = classed(
            widgets.HTML(bilingual_html(ex.prompt, self.lang, "prompt")), "prompt"
        )
        self.numbers = classed(widgets.HTML(self._numbers_html()), "numbers")
        parts: list[widgets.Widget] = [self.title]
        template = self.session.lesson.templates.get(self.template_id)
        if (
            template is not None
            and _is_practice(self.session)
            and not self.session.lesson.practice.on_path(template.difficulty)
        ):
            parts.append(
                classed(
                    widgets.HTML(
                        f'<div lang="{self.lang}">{escape(self.t("practice.beyond_path"))}</div>'
                    ),
                    "beyond-path",
                )
            )
        parts += [self.prompt, self.numbers]
        if ex.caveat is not None:
            self.caveat = classed(
                widgets.HTML(
                    f'<details style="{OTHER_STYLE}"><summary><b>{escape(self.t("arithmetic.caveat"))}'
                    "</b></summary>" + bilingual_html(ex.caveat, self.lang, "caveat") + "</details>"
                ),
                "caveat",
            )
            parts.append(self.caveat)
        self.instruction = classed(
            widgets.HTML(
                f'<span lang="{self.lang}">{escape(self.t("instruction.arithmetic"))}</span>'
                + self._tolerance_html()
            ),
            "instruction",
        )
        parts.append(self.instruction)

        self.answer_widget = classed(
            widgets.Text(value="", placeholder=self.t("choose.type_here"), continuous_update=False),
            "answer",
        )
        answer_row: list[widgets.Widget] = [self.answer_widget]
        if ex.unit:
            answer_row.append(
                classed(widgets.HTML(escape(self.t("arithmetic.unit", unit=ex.unit))), "unit")
            )
        parts.append(widgets.HBox(answer_row))

        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.check_button.on_click(lambda _button: self.check())
        # width auto: "더 볼 수 있는 힌트가 없습니다." was cut to "더 볼 수 있는 힌트…"
        self.hint_button = button(
            self.t("button.show_hint"),
            "hint-button",
            icon="lightbulb-o",
            layout=widgets.Layout(width="auto"),
        )
        self.hint_button.on_click(lambda _button: self.show_hint())
        controls = [self.check_button, self.hint_button]
        self.show_answer_button = None
        if _is_practice(self.session):
            self.show_answer_button = button(
                self.t("practice.show_answer"), "show-answer", icon="eye"
            )
            self.show_answer_button.on_click(lambda _button: self.show_answer())
            controls.append(self.show_answer_button)
        parts.append(classed(widgets.HBox(controls), "controls"))
        self.hints_area = classed(widgets.VBox([]), "hints")
        self.feedback = feedback_area()
        parts.extend([self.hints_area, self.feedback])
        return parts

    def _numbers_html(self) -> str:
        template = self.session.lesson.templates.get(self.template_id)
        rows = []
        for name, value in self.exercise.params.items():
            param = template.params.get(name) if template is not None else None
            unit = param.unit if param is not None else ""
            label = ""
            if param is not None and param.label is not None:
                label = f" ({escape(param.label(self.lang))})"
            comment = f"  # {unit}" if unit else ""
            rows.append(
                f"<li><code>{escape(name)} = {escape(python_literal(value))}"
                f"{escape(comment)}</code>{label}</li>"
            )
        return (
            f"<b>{escape(self.t('arithmetic.your_numbers'))}</b>"
            f'<ul style="margin:0">{"".join(rows)}</ul>'
        )

    def _tolerance_html(self) -> str:
        tol = self.exercise.tolerance
        bounds = []
        if tol.absolute:
            bounds.append(f"±{format_number(tol.absolute)}")
        if tol.relative:
            bounds.append(f"±{format_number(round(tol.relative * 100, 6))}%")
        if not bounds:
            return ""
        return (
            ' <span class="dokhae-tolerance">'
            f"{escape(self.t('arithmetic.tolerance', tolerance=' / '.join(bounds)))}</span>"
        )

    # -- behaviour

    @property
    def value(self) -> str:
        return self.answer_widget.value

    def show_hint(self) -> None:
        """Reveal the next hint ("Hint 1 of 3"); the button is disabled after the last."""
        total = len(self.exercise.hints)
        if self.hints_shown >= total:
            return
        self.hints_shown += 1
        text = hint(self.exercise, self.hints_shown)
        label = self.t("hint.numbered", n=self.hints_shown, total=total)
        item = classed(
            widgets.HTML(
                f"<div><b>{escape(label)}</b></div>" + bilingual_html(text, self.lang, "hint")
            ),
            "hint",
        )
        self.hints_area.children = (*self.hints_area.children, item)
        if self.hints_shown >= total:
            self.hint_button.description = self.t("hint.none_left")
            self.hint_button.tooltip = self.t("hint.none_left")
            self.hint_button.disabled = True
        else:
            self.hint_button.description = self.t("button.next_hint")
            self.hint_button.tooltip = self.t("button.next_hint")

    def check(self) -> Feedback:
        """Check the answer through the session; show and return the feedback.

        A wrong try that does not reveal the answer shows the hints up to the next one
        (``feedback.hint_number``) in the hints list."""
        feedback, self.saved = answer_through(self.session, self.template_id, self.value)
        self.last_feedback = feedback
        reveal = _is_practice(self.session) and feedback.reveal
        while self.hints_shown < feedback.hint_number:
            self.show_hint()
        html = feedback_html(feedback, self.lang, reveal=reveal, hint=False)
        if not self.saved:
            html += f'\n<div class="dokhae-not-saved">{escape(self.t("feedback.not_saved"))}</div>'
        self.feedback.value = html
        return feedback

    def show_answer(self) -> Feedback:
        """Show the right answer and the explanation ("Show answer"); nothing is recorded."""
        feedback = self.session.show_answer(self.template_id)
        self.last_feedback = feedback
        self.feedback.value = feedback_html(feedback, self.lang, reveal=True)
        return feedback

    def reset(self) -> None:
        """Clear the answer, the hints and the feedback."""
        self.answer_widget.value = ""
        self.hints_area.children = ()
        self.hints_shown = 0
        self.hint_button.description = self.t("button.show_hint")
        self.hint_button.tooltip = self.t("button.show_hint")
        self.hint_button.disabled = False
        self.feedback.value = ""
        self.last_feedback = None
        self.saved = True

    def __repr__(self) -> str:
        other = other_language(self.lang)
        return (
            f"{fallback_text(self.kind)}\n  {self.exercise.title(self.lang)}\n"
            f"  {self.exercise.title(other)}"
        )


# --------------------------------------------------------------------------- any lesson


def _is_practice(session: Session) -> bool:
    return getattr(session, "mode", "practice") == "practice"


class MissingExercise(_TemplateView):
    """What a notebook shows instead of an arithmetic exercise its lesson does not have:
    one friendly line in both languages (class ``dokhae-missing-exercise``), naming close
    ids when there are any. Made by :func:`arithmetic_view`."""

    kind = "missing-exercise"

    def _build(self) -> list[widgets.Widget]:
        lesson = self.session.lesson
        self.close = close_matches(self.template_id, lesson.templates)
        self.messages = {
            language: self._message(language, lesson.slug) for language in ("ko", "en")
        }
        other = other_language(self.lang)
        self.notice = classed(
            widgets.HTML(
                f'<div class="dokhae-verdict dokhae-unknown" lang="{self.lang}">'
                f"⚠ {escape(self.messages[self.lang])}</div>"
                f'<div lang="{other}" style="{OTHER_STYLE}">{escape(self.messages[other])}</div>'
            ),
            "notice",
        )
        return [self.notice]

    def _message(self, language: str, slug: str) -> str:
        text = i18n.t(
            "notebook.missing_exercise", language, exercise=repr(str(self.template_id)), lesson=slug
        )
        if self.close:
            text += " " + i18n.t(
                "quiz.did_you_mean", language, matches=", ".join(repr(c) for c in self.close)
            )
        return text

    def __repr__(self) -> str:
        other = other_language(self.lang)
        return f"⚠ {self.messages[self.lang]}\n  {self.messages[other]}"


def arithmetic_view(
    template_id: str, session: Session | None = None, lang: str | None = None
) -> ArithmeticView | MissingExercise:
    """The :class:`ArithmeticView` of ``template_id``; in practice, when the session's
    lesson has no such template, a :class:`MissingExercise` notice instead of an error
    (so a notebook written for one lesson still runs on another).

    Raises:
        dokhae.session.UnknownExerciseError: only in an assignment, for an id it lacks.
    """
    try:
        return ArithmeticView(template_id, session, lang)
    except UnknownExerciseError:
        if not _is_practice(resolve_session(session)):
            raise
        return MissingExercise(template_id, session, lang)


class ArithmeticChooser(ChooserView):
    """Every arithmetic exercise of the lesson, one at a time: a Dropdown of their titles
    (class ``dokhae-exercise-select``) and the :class:`ArithmeticView` of the one chosen.

    Args:
        session: the session (None: this kernel's).
        selected: the template shown first when the lesson has it; else the first one.
        lang: the interface language (None: the current setting).

    Attributes:
        template_ids: the lesson's templates: those on the lesson's path first, basic
            before standard before challenge (:meth:`dokhae.lesson.Lesson.path_templates`),
            then those beyond the path (marked ☆).
        select: the Dropdown (None when the lesson has no template; a line says so).
        view: the :class:`ArithmeticView` shown (each is kept, with its answer and
            hints, when another is chosen and then this one again).
    """

    kind = "arithmetic-chooser"
    fallback_key = "notebook.arithmetic_chooser_fallback"
    empty_key = "notebook.no_arithmetic_short"

    def __init__(
        self, session: Session | None = None, selected: str | None = None, lang: str | None = None
    ) -> None:
        super().__init__(lang=lang)
        self._session = session
        lesson = resolve_session(session).lesson
        on_path = lesson.path_templates()
        beyond = [t for t in lesson.templates.values() if t not in on_path]
        self.template_ids: list[str] = [t.id for t in (*on_path, *beyond)]
        self.view: ArithmeticView | None = None
        if not self.template_ids:
            self._nothing_to_choose("arithmetic-empty")
            return
        options = []
        for number, tid in enumerate(self.template_ids, start=1):
            template = lesson.templates[tid]
            difficulty = self.t(f"practice.difficulty_{template.difficulty}")
            mark = "" if template in on_path else " ☆"
            options.append((f"{number}. {template.title(self.lang)} · {difficulty}{mark}", tid))
        start = selected if selected in lesson.templates else self.template_ids[0]
        self._choose_from(
            options,
            start,
            "exercise-select",
            "arithmetic-stage",
            description=self.t("notebook.arithmetic_label"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto", max_width="100%"),
        )

    def _make(self, template_id: str) -> ArithmeticView:
        return ArithmeticView(template_id, self._session, self.lang)

    def show(self, template_id: str) -> ArithmeticView:
        """Show (and return) the view of ``template_id``, made on first use."""
        if template_id not in self.template_ids:
            raise UnknownExerciseError(f"the lesson has no arithmetic template {template_id!r}")
        self.view = self._shown(template_id)
        return self.view

    def _summary(self) -> list[str]:
        return [self.t_both("notebook.arithmetic_count", n=len(self.template_ids))]


class ArithmeticOverview:
    """The lesson's arithmetic exercises as a list to read (id and title), or, for a
    lesson without any, the bilingual line saying so and what still works. A display
    object (HTML in JupyterLab, the same lines as plain text), not a widget.

    Args:
        session: the session (None: this kernel's).
        lang: the interface language (None: the current setting).
    """

    def __init__(self, session: Session | None = None, lang: str | None = None) -> None:
        self.session = resolve_session(session)
        self.lang = i18n.get_language() if lang is None else lang
        self.templates = list(self.session.lesson.templates.values())

    def _both(self, key: str, **fields: object) -> tuple[str, str]:
        return i18n.t(key, self.lang, **fields), i18n.t(key, other_language(self.lang), **fields)

    def lines(self) -> list[str]:
        if not self.templates:
            main, other = self._both("notebook.no_arithmetic", lesson=self.session.lesson.slug)
            return [f"⚠ {main}", f"  {other}"]
        main, other = self._both("notebook.arithmetic_count", n=len(self.templates))
        lines = [f"{main} / {other}"]
        for t in self.templates:
            lines.append(f"  {t.id} — {t.title(self.lang)} / {t.title(other_language(self.lang))}")
        return lines

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        other = other_language(self.lang)
        if not self.templates:
            main, second = self._both("notebook.no_arithmetic", lesson=self.session.lesson.slug)
            return (
                f'<div class="dokhae dokhae-arithmetic-overview dokhae-no-arithmetic">'
                f'<div lang="{self.lang}">⚠ {escape(main)}</div>'
                f'<div lang="{other}" style="{OTHER_STYLE}">{escape(second)}</div></div>'
            )
        main, second = self._both("notebook.arithmetic_count", n=len(self.templates))
        rows = "".join(
            f'<li><code>{escape(t.id)}</code> — <span lang="{self.lang}">{escape(t.title(self.lang))}</span>'
            f' <span lang="{other}" style="{OTHER_STYLE}">{escape(t.title(other))}</span></li>'
            for t in self.templates
        )
        return (
            f'<div class="dokhae dokhae-arithmetic-overview">'
            f'<div><b lang="{self.lang}">{escape(main)}</b> '
            f'<span lang="{other}" style="{OTHER_STYLE}">{escape(second)}</span></div>'
            f'<ul style="margin:0">{rows}</ul></div>'
        )
