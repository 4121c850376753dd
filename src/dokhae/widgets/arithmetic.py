"""The view of one CBAM arithmetic exercise: prompt, hints one at a time, answer, check.

The numbers are the student's (the session's seed, or the template's worked example
in practice). Checking goes through :meth:`dokhae.session.Session.answer` with the
template id, exactly like ``dokhae.check("<template id>", value)`` from a code cell.

Stable CSS classes: ``dokhae``, ``dokhae-arithmetic``, ``dokhae-title``,
``dokhae-prompt``, ``dokhae-numbers``, ``dokhae-caveat``, ``dokhae-instruction``,
``dokhae-unit``, ``dokhae-answer``, ``dokhae-check``, ``dokhae-hint-button``,
``dokhae-hints`` (each hint ``dokhae-hint``), ``dokhae-feedback``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..answers import Feedback, format_number
from ..arithmetic import ArithmeticExercise, hint
from ..session import Session
from ._base import View, button, classed, escape, fallback_text, feedback_area, feedback_html
from .quiz import OTHER_STYLE, answer_through, bilingual_html, other_language, resolve_session

__all__ = ["ArithmeticView"]


def python_literal(value: Any) -> str:
    """A parameter as the student would type it in Python: ``5000``, ``2.12``,
    ``'2018-11'``, ``[18, 17, 16]``."""
    if isinstance(value, tuple):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    return repr(value)


class ArithmeticView(View):
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

    def __init__(self, template_id: str, session: Session | None = None,
                 lang: str | None = None) -> None:
        super().__init__(lang=lang)
        self._session = session
        self.template_id = template_id
        self.exercise: ArithmeticExercise = self.session.exercise(template_id)
        self.last_feedback: Feedback | None = None
        self.saved = True
        self.hints_shown = 0
        ex = self.exercise

        self.title = classed(widgets.HTML(
            f'<h4 lang="{self.lang}">{escape(ex.title(self.lang))}</h4>'
            f'<div lang="{other_language(self.lang)}" style="{OTHER_STYLE}">'
            f"{escape(ex.title(other_language(self.lang)))}</div>"), "title")
        self.prompt = classed(widgets.HTML(bilingual_html(ex.prompt, self.lang, "prompt")),
                              "prompt")
        self.numbers = classed(widgets.HTML(self._numbers_html()), "numbers")
        parts: list[widgets.Widget] = [self.title, self.prompt, self.numbers]
        if ex.caveat is not None:
            self.caveat = classed(widgets.HTML(
                f'<div style="{OTHER_STYLE}"><b>{escape(self.t("arithmetic.caveat"))}</b> '
                + bilingual_html(ex.caveat, self.lang, "caveat") + "</div>"), "caveat")
            parts.append(self.caveat)
        self.instruction = classed(widgets.HTML(
            f'<span lang="{self.lang}">{escape(self.t("instruction.arithmetic"))}</span>'
            + self._tolerance_html()), "instruction")
        parts.append(self.instruction)

        self.answer_widget = classed(
            widgets.Text(value="", placeholder=self.t("choose.type_here"),
                         continuous_update=False),
            "answer")
        answer_row: list[widgets.Widget] = [self.answer_widget]
        if ex.unit:
            answer_row.append(classed(widgets.HTML(escape(self.t("arithmetic.unit", unit=ex.unit))),
                                      "unit"))
        parts.append(widgets.HBox(answer_row))

        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.check_button.on_click(lambda _button: self.check())
        self.hint_button = button(self.t("button.show_hint"), "hint-button", icon="lightbulb-o")
        self.hint_button.on_click(lambda _button: self.show_hint())
        parts.append(classed(widgets.HBox([self.check_button, self.hint_button]), "controls"))
        self.hints_area = classed(widgets.VBox([]), "hints")
        self.feedback = feedback_area()
        parts.extend([self.hints_area, self.feedback])
        self.children = tuple(parts)

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

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
            rows.append(f"<li><code>{escape(name)} = {escape(python_literal(value))}"
                        f"{escape(comment)}</code>{label}</li>")
        return (f"<b>{escape(self.t('arithmetic.your_numbers'))}</b>"
                f'<ul style="margin:0">{"".join(rows)}</ul>')

    def _tolerance_html(self) -> str:
        tol = self.exercise.tolerance
        bounds = []
        if tol.absolute:
            bounds.append(f"±{format_number(tol.absolute)}")
        if tol.relative:
            bounds.append(f"±{format_number(round(tol.relative * 100, 6))}%")
        if not bounds:
            return ""
        return (' <span class="dokhae-tolerance">'
                f"{escape(self.t('arithmetic.tolerance', tolerance=' / '.join(bounds)))}</span>")

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
        item = classed(widgets.HTML(
            f'<div><b>{escape(label)}</b></div>' + bilingual_html(text, self.lang, "hint")),
            "hint")
        self.hints_area.children = (*self.hints_area.children, item)
        if self.hints_shown >= total:
            self.hint_button.description = self.t("hint.none_left")
            self.hint_button.tooltip = self.t("hint.none_left")
            self.hint_button.disabled = True
        else:
            self.hint_button.description = self.t("button.next_hint")
            self.hint_button.tooltip = self.t("button.next_hint")

    def check(self) -> Feedback:
        """Check the answer through the session; show and return the feedback."""
        feedback, self.saved = answer_through(self.session, self.template_id, self.value)
        self.last_feedback = feedback
        reveal = getattr(self.session, "mode", "practice") == "practice"
        html = feedback_html(feedback, self.lang, reveal=reveal)
        if not self.saved:
            html += f'\n<div class="dokhae-not-saved">{escape(self.t("feedback.not_saved"))}</div>'
        self.feedback.value = html
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
        return (f"{fallback_text(self.kind)}\n  {self.exercise.title(self.lang)}\n"
                f"  {self.exercise.title(other)}")
