"""The base of every question view: prompt, input, Check, hint and feedback.

A check goes only through :meth:`dokhae.session.Session.answer`, which judges the answer
with the core and records it in the progress store; the view only shows the result.
Each family of question types has its own module (:mod:`.choice`, :mod:`.text`,
:mod:`.arrangement`, :mod:`.numeric`); :mod:`.kinds` maps a question type to its view.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ...answers import Feedback, format_number
from ...lesson import Text
from ...results import answer_through, unknown_message
from ...session import Session, UnknownExerciseError
from .._base import (
    View,
    bilingual_html,
    button,
    classed,
    escape,
    fallback_text,
    feedback_area,
    feedback_html,
    light,
    other_language,
    resolve_session,
)

__all__ = ["QuestionView"]

MARKS = {True: "✔", False: "✘"}
"""The mark of a right and of a wrong part (matching row, ordering item)."""


def choice_label(choice_id: str, text: str) -> str:
    """The label of a choice: ``a. text`` for letter ids (explanations cite them)."""
    return f"{choice_id}. {text}" if len(choice_id) == 1 else text


def number_text(value: float) -> str:
    """A score as shown: ``7``, ``6.6``, ``0.33``."""
    return format_number(round(value, 2))


def assignment_session(session: Session | None) -> Any:
    """``session`` (or, when None, this kernel's session if one is started) when it is
    an :class:`~dokhae.homework.AssignmentSession`, else None. Never starts a session."""
    from ... import session as session_module

    homework = sys.modules.get("dokhae.homework")
    if homework is None:  # never imported: no assignment session can exist (and the
        return None  # first quiz cell need not import it: 40 ms)
    found = session if session is not None else session_module._current
    return found if isinstance(found, homework.AssignmentSession) else None


def content_language(session: Session | None, lang: str) -> str:
    """The language of the text a question's answers are about (its choices, items and
    true/false statements): Korean for a learner of Korean (direction ``"ko"``: they read
    the Korean text), whatever the interface language; else the interface language
    ``lang`` (a Korean student of English sees what they always saw). The direction is the
    session's (``session``, else this kernel's), else the one chosen in 00-start-here;
    no session is started to find it."""
    from ... import session as session_module

    found = session if session is not None else session_module._current
    direction = (
        getattr(found, "direction", None) if found is not None else None
    ) or session_module.chosen_direction()
    return "ko" if direction == "ko" else lang


def friendly_fallback(kind: str, prompt: Text | None, lang: str) -> str:
    """The bilingual "run this cell" line, then the prompt in both languages."""
    text = fallback_text(kind)
    if prompt is not None:
        other = other_language(lang)
        text += f"\n  {prompt(lang)}\n  {prompt(other)}"
    return text


class QuestionView(View):
    """Base of the question views.

    Args:
        question: a question of the lesson model.
        session: the :class:`~dokhae.session.Session` that checks and records answers;
            None uses this kernel's session (:func:`dokhae.session.current_session`) at
            check time.
        lang: the interface language; None uses the current setting.

    Attributes:
        answer_widget: the input widget (see each subclass).
        check_button: the Check button (class ``dokhae-check``).
        hint_button: the hint button (class ``dokhae-hint-button``), or None when the
            question has no hint.
        show_answer_button: the "정답 보기 / Show answer" button (class
            ``dokhae-show-answer``) in practice, None in an assignment.
        feedback: the feedback HTML widget (class ``dokhae-feedback``).
        last_feedback: the :class:`~dokhae.answers.Feedback` of the last check, or None.
        saved: False when the last answer could not be written to the progress store.
        content_lang: the language of the choices, items and statements
            (:func:`content_language`): Korean for a learner of Korean, prompts and
            buttons staying in the interface language ``lang``.
    """

    kind = "question"
    question_type = ""
    details_key: str | None = None
    """The catalog key of the line under the verdict that counts the parts right
    (``feedback.correct_pairs``), for questions with parts."""

    def __init__(
        self, question: Any, session: Session | None = None, lang: str | None = None
    ) -> None:
        super().__init__(lang=lang)
        self.add_class("dokhae-question")
        self.question = question
        self._session = session
        self.last_feedback: Feedback | None = None
        self.saved = True
        self._listeners: list[Callable[[QuestionView, Feedback | None], None]] = []
        self._typed: widgets.Text | None = None  # the box where Enter checks (see _enter_checks)
        self._checked_value: Any = None
        self.content_lang = content_language(session, self.lang)

        # Every widget shares the layout and style models (:func:`~dokhae.widgets._base.light`):
        # a question is about a dozen models, not forty. The position line is shown
        # only once :meth:`set_position` is called (a paged set shows its own).
        self.position_label = classed(light(widgets.HTML, ""), "position")
        self.prompt = classed(light(widgets.HTML, self._prompt_html()), "prompt")
        self.instruction = classed(
            light(
                widgets.HTML,
                " ".join(
                    f'<span lang="{self.lang}">{escape(self.t(k))}</span>'
                    for k in self._instruction_keys()
                ),
            ),
            "instruction",
        )
        body = self._build()
        self.check_button = button(
            self.t("button.check"), "check", shared=True, button_style="primary"
        )
        self.check_button.on_click(lambda _button: self.check())
        controls: list[widgets.Widget] = [self.check_button]
        self.hint_button: widgets.Button | None = None
        self.hint_area = classed(light(widgets.HTML, ""), "hint")
        if question.hint is not None:
            self.hint_button = button(
                self.t("button.show_hint"), "hint-button", shared=True, icon="lightbulb-o"
            )
            self.hint_button.on_click(lambda _button: self.show_hint())
            controls.append(self.hint_button)
        # Practice only: an assignment saves answers and shows nothing (issue 26).
        self.show_answer_button: widgets.Button | None = None
        if assignment_session(session) is None:
            self.show_answer_button = button(
                self.t("practice.show_answer"), "show-answer", shared=True, icon="eye"
            )
            self.show_answer_button.on_click(lambda _button: self.show_answer())
            controls.append(self.show_answer_button)
        self.feedback = feedback_area(shared=True)
        self._parts = (
            self.prompt,
            self.instruction,
            *body,
            classed(light(widgets.HBox, controls), "controls"),
            self.hint_area,
            self.feedback,
        )
        self.children = self._parts

    # -- what subclasses provide

    def _build(self) -> list[widgets.Widget]:
        """Make ``self.answer_widget`` and return the widgets shown between the
        instruction and the buttons."""
        raise NotImplementedError

    @property
    def value(self) -> Any:
        """The answer as it stands in the inputs (what Check sends to the session)."""
        raise NotImplementedError

    def clear(self) -> None:
        """Empty the inputs."""
        raise NotImplementedError

    def _instruction_keys(self) -> list[str]:
        return [f"instruction.{self.question_type}"]

    def _prompt_html(self) -> str:
        return bilingual_html(self.question.prompt, self.lang, "prompt", strong=True)

    def _display_expected(self, expected: str) -> str:
        return expected

    def _show_details(self, feedback: Feedback | None) -> None:
        """Mark the parts (matching rows, ordering items); None clears the marks."""

    # -- behaviour

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

    def on_check(self, callback: Callable[[QuestionView, Feedback | None], None]) -> None:
        """Call ``callback(view, feedback)`` after every check (and with None on reset)."""
        self._listeners.append(callback)

    def _typed_answer(self, **settings: Any) -> widgets.Text:
        """The box a typed answer goes in (class ``dokhae-answer``): the value arrives when
        the student presses Enter, which checks it (:meth:`_enter_checks`)."""
        box = classed(
            light(
                widgets.Text,
                value="",
                placeholder=self.t("choose.type_here"),
                continuous_update=False,
                **settings,
            ),
            "answer",
        )
        self._enter_checks(box)
        return box

    def _enter_checks(self, box: widgets.Text) -> None:
        """Enter in ``box`` checks the answer (issue 26), as in typed recall: with
        ``continuous_update=False`` the value arrives when the student presses Enter (or
        leaves the box, so Check right after sends the same answer: it is not recorded
        twice, see :meth:`check`)."""
        self._typed = box
        box.observe(self._entered, names="value")

    def _entered(self, change: Any) -> None:
        if str(change["new"] or "").strip():
            self.check()

    def check(self) -> Feedback | None:
        """Check the answer in the inputs through the session; show and return the
        feedback (None when the question is not in the session's lesson). A typed answer
        just checked (Enter, then Check) is shown again, not recorded as another try."""
        value = self.value
        if (
            self._typed is not None
            and self.last_feedback is not None
            and self.last_feedback.answered
            and value == self._checked_value
        ):
            return self.last_feedback
        session = self.session
        try:
            feedback, self.saved = answer_through(session, self.question.id, value)
        except UnknownExerciseError:
            self._show_unknown(session)
            self.last_feedback = None
            self._notify(None)
            return None
        self.last_feedback = feedback
        self._checked_value = value
        self._show(feedback)
        self._notify(feedback)
        return feedback

    def show_answer(self) -> Feedback | None:
        """Show the right answer and the explanation ("정답 보기"): the session records
        nothing, and later wrong tries at this question show the answer too. Returns the
        feedback shown (None when the question is not in the session's lesson)."""
        session = self.session
        try:
            feedback = session.show_answer(self.question.id)
        except UnknownExerciseError:
            self._show_unknown(session)
            return None
        self.last_feedback = feedback
        self._show(feedback)
        return feedback

    def show_hint(self) -> None:
        """Show the question's hint (both languages)."""
        if self.question.hint is None:
            return
        self.hint_area.value = bilingual_html(self.question.hint, self.lang, "hint", prefix="💡 ")
        if self.hint_button is not None:
            self.hint_button.disabled = True

    def reset(self) -> None:
        """Clear the inputs, the hint and the feedback (the store keeps the history)."""
        self.clear()
        self.feedback.value = ""
        self.hint_area.value = ""
        if self.hint_button is not None:
            self.hint_button.disabled = False
        self.last_feedback = None
        self._checked_value = None
        self.saved = True
        self._show_details(None)
        self._notify(None)

    def set_position(self, current: int, total: int) -> None:
        """Show "Question <current> of <total>" above the prompt."""
        self.position_label.value = escape(
            self.t("progress.question", current=current, total=total)
        )
        self.children = (self.position_label, *self._parts)

    def _notify(self, feedback: Feedback | None) -> None:
        for callback in self._listeners:
            callback(self, feedback)

    def _show_unknown(self, session: Session) -> None:
        self.feedback.value = (
            '<div class="dokhae-verdict dokhae-unknown">'
            f"{escape(unknown_message(session, self.question.id, self.lang))}</div>"
        )

    def _show(self, feedback: Feedback) -> None:
        """Show ``feedback`` as the tries policy says (issue 26): in practice the answer
        and the explanation only once ``feedback.reveal`` (the last try, or "Show answer");
        before that the verdict, the mistake made, the tries left, and the next hint in
        the hint area. An assignment shows only that the answer is saved."""
        practice = getattr(self.session, "mode", "practice") == "practice"
        reveal = practice and feedback.reveal
        shown = feedback
        if feedback.expected:
            shown = dataclasses.replace(
                feedback, expected=self._display_expected(feedback.expected)
            )
        html = feedback_html(shown, self.lang, reveal=reveal, hint=False)
        extra = self._details_line(feedback)
        if extra:
            verdict, _, rest = html.partition("\n")
            html = "\n".join(p for p in (verdict, extra, rest) if p)
        if not self.saved:
            html += f'\n<div class="dokhae-not-saved">{escape(self.t("feedback.not_saved"))}</div>'
        self.feedback.value = html
        self._show_details(feedback if feedback.details else None)
        if practice and feedback.next_hint is not None:
            self.show_hint()

    def _details_line(self, feedback: Feedback) -> str:
        if self.details_key is None or feedback.status not in ("correct", "wrong", "partial"):
            return ""
        return (
            f'<div class="dokhae-details">'
            f"{escape(self.t(self.details_key, **feedback.fields))}</div>"
        )

    def _mark(self, row: widgets.Widget, mark: widgets.HTML, right: bool | None) -> None:
        """Mark a part (a matching row, an ordering item): the row gets ``dokhae-right``
        or ``dokhae-wrong`` and ``mark`` ✔ or ✘; ``right`` None clears both."""
        row.remove_class("dokhae-right")
        row.remove_class("dokhae-wrong")
        mark.value = ""
        if right is not None:
            row.add_class("dokhae-right" if right else "dokhae-wrong")
            status = self.t("status.correct" if right else "status.wrong")
            mark.value = f'<span title="{escape(status)}">{MARKS[right]}</span>'

    def __repr__(self) -> str:
        return friendly_fallback(self.kind, self.question.prompt, self.lang)
