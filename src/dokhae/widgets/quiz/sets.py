"""Quiz views: one view per question type of the bank, and a quiz set.

Every view shows the prompt (current language first, the other language smaller), the
input, a Check button, a hint button when the item has a hint, and a feedback area. A
check goes only through :meth:`dokhae.session.Session.answer`, which judges the answer
with the core and records it in the progress store; the view only shows the result.

Programmatic API (tests, browser-test authors)::

    view = question_view(lesson.questions["main-idea"], session)
    view.answer_widget.value = "a"      # the input (RadioButtons, Text, Dropdown, ...)
    view.check_button.click()
    view.last_feedback.status           # "correct"
    view.feedback.value                 # the escaped feedback HTML

Stable CSS classes: ``dokhae``, ``dokhae-question``, ``dokhae-<kind>`` (``mc``, ``tfng``,
``cloze``, ``matching-question``, ``ordering``, ``short-text``, ``numeric``),
``dokhae-prompt``, ``dokhae-instruction``, ``dokhae-answer``, ``dokhae-check``,
``dokhae-hint-button``, ``dokhae-hint``, ``dokhae-feedback``, ``dokhae-position``; see
each class for the rest.
"""

from __future__ import annotations

import dataclasses
import difflib
import random
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import ipywidgets as widgets

from ... import i18n
from ...answers import Feedback, format_number
from ...lesson import (
    BLANK,
    QUESTION_TYPES,
    SKILLS,
    Cloze,
    Lesson,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    Text,
    TrueFalseNotGiven,
)
from ...results import answer_through, unknown_message
from ...session import Session, UnknownExerciseError, current_session
from .._base import ChooserView, View, button, classed, escape, fallback_text, feedback_area, feedback_html

__all__ = [
    "ClozeView",
    "MatchingView",
    "MultipleChoiceView",
    "NumericView",
    "OrderingView",
    "QuestionView",
    "QuizGroups",
    "QuizSet",
    "ShortTextView",
    "SkillQuiz",
    "TrueFalseNotGivenView",
    "question_view",
]

OTHER_STYLE = "opacity:0.75;font-size:0.9em"
MARKS = {True: "✔", False: "✘"}


# --------------------------------------------------------------------------- helpers


def other_language(lang: str) -> str:
    return "en" if lang == "ko" else "ko"


def bilingual_html(text: Text, lang: str, name: str, *, strong: bool = False,
                   prefix: str = "") -> str:
    """``text`` as escaped HTML: the current language, then the other one smaller.
    ``prefix`` is HTML put before the main text (already safe)."""
    other = other_language(lang)
    main = escape(text(lang))
    if strong:
        main = f"<b>{main}</b>"
    main = prefix + main
    return (f'<div class="dokhae-{name}-main" lang="{lang}">{main}</div>'
            f'<div class="dokhae-{name}-other" lang="{other}" style="{OTHER_STYLE}">'
            f"{escape(text(other))}</div>")


def choice_label(choice_id: str, text: str) -> str:
    """The label of a choice: ``a. text`` for letter ids (explanations cite them)."""
    return f"{choice_id}. {text}" if len(choice_id) == 1 else text


def number_text(value: float) -> str:
    """A score as shown: ``7``, ``6.6``, ``0.33``."""
    return format_number(round(value, 2))


def resolve_session(session: Session | None) -> Session:
    return session if session is not None else current_session()


def assignment_session(session: Session | None) -> Any:
    """``session`` (or, when None, this kernel's session if one is started) when it is
    an :class:`~dokhae.assignment.AssignmentSession`, else None. Never starts a session."""
    from ... import session as session_module
    from ...assignment import AssignmentSession

    found = session if session is not None else session_module._current
    return found if isinstance(found, AssignmentSession) else None


def friendly_fallback(kind: str, prompt: Text | None, lang: str) -> str:
    """The bilingual "run this cell" line, then the prompt in both languages."""
    text = fallback_text(kind)
    if prompt is not None:
        other = other_language(lang)
        text += f"\n  {prompt(lang)}\n  {prompt(other)}"
    return text


# --------------------------------------------------------------------------- question views


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
        feedback: the feedback HTML widget (class ``dokhae-feedback``).
        last_feedback: the :class:`~dokhae.answers.Feedback` of the last check, or None.
        saved: False when the last answer could not be written to the progress store.
    """

    kind = "question"
    question_type = ""

    def __init__(self, question: Any, session: Session | None = None,
                 lang: str | None = None) -> None:
        super().__init__(lang=lang)
        self.add_class("dokhae-question")
        self.question = question
        self._session = session
        self.last_feedback: Feedback | None = None
        self.saved = True
        self._listeners: list[Callable[[QuestionView, Feedback | None], None]] = []

        self.position_label = classed(widgets.HTML(""), "position")
        self.position_label.layout.display = "none"
        self.prompt = classed(widgets.HTML(self._prompt_html()), "prompt")
        self.instruction = classed(
            widgets.HTML(" ".join(f'<span lang="{self.lang}">{escape(self.t(k))}</span>'
                                  for k in self._instruction_keys())),
            "instruction")
        body = self._build()
        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.check_button.on_click(lambda _button: self.check())
        controls: list[widgets.Widget] = [self.check_button]
        self.hint_button: widgets.Button | None = None
        self.hint_area = classed(widgets.HTML(""), "hint")
        if question.hint is not None:
            self.hint_button = button(self.t("button.show_hint"), "hint-button", icon="lightbulb-o")
            self.hint_button.on_click(lambda _button: self.show_hint())
            controls.append(self.hint_button)
        self.feedback = feedback_area()
        self.children = (self.position_label, self.prompt, self.instruction, *body,
                         classed(widgets.HBox(controls), "controls"), self.hint_area,
                         self.feedback)

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

    def check(self) -> Feedback | None:
        """Check the answer in the inputs through the session; show and return the
        feedback (None when the question is not in the session's lesson)."""
        session = self.session
        try:
            feedback, self.saved = answer_through(session, self.question.id, self.value)
        except UnknownExerciseError:
            self.feedback.value = (
                '<div class="dokhae-verdict dokhae-unknown">'
                f"{escape(unknown_message(session, self.question.id, self.lang))}</div>")
            self.last_feedback = None
            self._notify(None)
            return None
        self.last_feedback = feedback
        self._show(feedback)
        self._notify(feedback)
        return feedback

    def show_hint(self) -> None:
        """Show the question's hint (both languages)."""
        if self.question.hint is None:
            return
        self.hint_area.value = bilingual_html(self.question.hint, self.lang, "hint",
                                              prefix="💡 ")
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
        self.saved = True
        self._show_details(None)
        self._notify(None)

    def set_position(self, current: int, total: int) -> None:
        """Show "Question <current> of <total>" above the prompt."""
        self.position_label.value = escape(self.t("progress.question", current=current,
                                                  total=total))
        self.position_label.layout.display = None

    def _notify(self, feedback: Feedback | None) -> None:
        for callback in self._listeners:
            callback(self, feedback)

    def _show(self, feedback: Feedback) -> None:
        reveal = getattr(self.session, "mode", "practice") == "practice"
        shown = feedback
        if feedback.expected:
            shown = dataclasses.replace(feedback,
                                        expected=self._display_expected(feedback.expected))
        html = feedback_html(shown, self.lang, reveal=reveal)
        extra = self._details_line(feedback)
        if extra:
            verdict, _, rest = html.partition("\n")
            html = "\n".join(p for p in (verdict, extra, rest) if p)
        if not self.saved:
            html += f'\n<div class="dokhae-not-saved">{escape(self.t("feedback.not_saved"))}</div>'
        self.feedback.value = html
        self._show_details(feedback if feedback.details else None)

    def _details_line(self, feedback: Feedback) -> str:
        return ""

    def __repr__(self) -> str:
        return friendly_fallback(self.kind, self.question.prompt, self.lang)


class _ChoiceView(QuestionView):
    """A question answered by picking one RadioButtons option (its value is the answer)."""

    @property
    def value(self) -> str | None:
        return self.answer_widget.value

    def clear(self) -> None:
        self.answer_widget.value = None


class MultipleChoiceView(_ChoiceView):
    """Multiple choice: RadioButtons labelled with the choice text (``a. …`` for letter
    ids), value = the choice id. Select by label, never by position.
    Classes: ``dokhae-mc``, input ``dokhae-answer dokhae-choices``."""

    kind = "mc"
    question_type = "multiple_choice"
    question: MultipleChoice

    def _build(self) -> list[widgets.Widget]:
        options = [(choice_label(c.id, getattr(c, self.lang)), c.id) for c in self.question.choices]
        self.answer_widget = classed(
            widgets.RadioButtons(options=options, index=None, layout=widgets.Layout(width="auto")),
            "answer", "choices")
        return [self.answer_widget]

    def _display_expected(self, expected: str) -> str:
        for c in self.question.choices:
            if c.id == expected:
                return choice_label(c.id, getattr(c, self.lang))
        return expected


class TrueFalseNotGivenView(_ChoiceView):
    """True / False / Not given: horizontal RadioButtons labelled in the interface
    language, value ``"true"``, ``"false"`` or ``"not_given"``.
    Classes: ``dokhae-tfng``, input ``dokhae-answer dokhae-choices``."""

    kind = "tfng"
    question_type = "true_false_not_given"
    question: TrueFalseNotGiven
    VALUES = ("true", "false", "not_given")

    def _build(self) -> list[widgets.Widget]:
        options = [(self.t(f"true_false_not_given.{v}"), v) for v in self.VALUES]
        self.answer_widget = classed(
            widgets.RadioButtons(options=options, index=None, orientation="horizontal",
                                 layout=widgets.Layout(width="auto")),
            "answer", "choices")
        return [self.answer_widget]

    def _display_expected(self, expected: str) -> str:
        return self.t(f"true_false_not_given.{expected}") if expected in self.VALUES else expected


class ClozeView(QuestionView):
    """Fill in the blank: the sentence with a gap (``dokhae-cloze-text``, the gap
    ``dokhae-blank``), then a Text (``continuous_update=False``) or, when the item has a
    word bank, a Dropdown of the words in alphabetical order.
    Classes: ``dokhae-cloze``, input ``dokhae-answer``."""

    kind = "cloze"
    question_type = "cloze"
    question: Cloze

    def _instruction_keys(self) -> list[str]:
        keys = ["instruction.cloze_word_bank" if self.question.choices else "instruction.cloze"]
        if self.question.inflections:
            keys.append("instruction.cloze_inflections")
        return keys

    def _build(self) -> list[widgets.Widget]:
        blank = '<span class="dokhae-blank" aria-label="blank">_____</span>'
        sentence = blank.join(escape(part) for part in self.question.text.split(BLANK))
        self.sentence = classed(
            widgets.HTML(f'<div lang="en" style="font-size:1.1em">{sentence}</div>'), "cloze-text")
        if self.question.choices:
            words = sorted(dict.fromkeys(self.question.choices), key=str.casefold)
            self.answer_widget = classed(
                widgets.Dropdown(options=words, index=None,
                                 tooltip=self.t("choose.placeholder")),
                "answer", "word-bank")
        else:
            self.answer_widget = classed(
                widgets.Text(value="", placeholder=self.t("choose.type_here"),
                             continuous_update=False),
                "answer")
        return [self.sentence, self.answer_widget]

    @property
    def value(self) -> str | None:
        return self.answer_widget.value

    def clear(self) -> None:
        self.answer_widget.value = None if self.question.choices else ""

    def __repr__(self) -> str:
        return f"{super().__repr__()}\n  {self.question.text}"


class MatchingView(QuestionView):
    """Matching: one row per left item (``dokhae-match-row``) with the left text
    (``dokhae-left``), a Dropdown of the right sides (``dokhae-answer
    dokhae-match-select``, shuffled the same way every time) and a mark
    (``dokhae-mark``: ✔/✘ after a check; the row gets ``dokhae-right`` or
    ``dokhae-wrong``). ``answer_widget`` is the box of rows; ``selects`` maps each left
    item to its Dropdown. Value: ``{left: right or None}``.

    An assignment's blank question (no ``pairs``) has numbered ``left`` and lettered
    ``right`` items, the right ones already shuffled for the student: the rows show
    ``1. …``, the Dropdowns ``a. …``, and the value is ``{"1": "c", "2": None, …}``."""

    kind = "matching-question"
    question_type = "matching"
    question: Matching

    def _build(self) -> list[widgets.Widget]:
        rows: list[tuple[str, str, str | None]]  # (key in the value, text shown, its lang)
        options: list[Any]
        if self.question.pairs:
            options = [p.right for p in self.question.pairs]
            random.Random(self.question.id).shuffle(options)
            # the left items are English words, or Korean ones (a lesson from a Korean article)
            rows = [(p.left, p.left, "ko" if re.search("[\uac00-\ud7a3]", p.left) else "en")
                    for p in self.question.pairs]
        else:
            options = [(f"{c.id}. {getattr(c, self.lang)}", c.id) for c in self.question.right]
            rows = [(c.id, f"{c.id}. {getattr(c, self.lang)}", None) for c in self.question.left]
        self.selects: dict[str, widgets.Dropdown] = {}
        self.marks: dict[str, widgets.HTML] = {}
        self.rows: dict[str, widgets.HBox] = {}
        for key, shown, lang in rows:
            attribute = f' lang="{lang}"' if lang else ""
            left = classed(widgets.HTML(f"<span{attribute}>{escape(shown)}</span>",
                                        layout=widgets.Layout(width="40%")), "left")
            select = classed(
                widgets.Dropdown(options=options, index=None, tooltip=shown,
                                 layout=widgets.Layout(width="55%")),
                "answer", "match-select")
            mark = classed(widgets.HTML(""), "mark")
            self.selects[key] = select
            self.marks[key] = mark
            self.rows[key] = classed(widgets.HBox([left, select, mark]), "match-row")
        self.answer_widget = classed(widgets.VBox(list(self.rows.values())), "match-rows")
        return [self.answer_widget]

    @property
    def value(self) -> dict[str, str | None]:
        return {left: select.value for left, select in self.selects.items()}

    def clear(self) -> None:
        for select in self.selects.values():
            select.value = None

    def _details_line(self, feedback: Feedback) -> str:
        if feedback.status not in ("correct", "wrong", "partial"):
            return ""
        return (f'<div class="dokhae-details">'
                f'{escape(self.t("feedback.correct_pairs", **feedback.fields))}</div>')

    def _show_details(self, feedback: Feedback | None) -> None:
        for left, row in self.rows.items():
            row.remove_class("dokhae-right")
            row.remove_class("dokhae-wrong")
            self.marks[left].value = ""
            if feedback is None or left not in feedback.details:
                continue
            right = bool(feedback.details[left])
            row.add_class("dokhae-right" if right else "dokhae-wrong")
            status = self.t("status.correct" if right else "status.wrong")
            self.marks[left].value = f'<span title="{escape(status)}">{MARKS[right]}</span>'


class OrderingView(QuestionView):
    """Ordering: the items in a shuffled starting order (the same every time, never the
    answer), one row per position (``dokhae-ordering-item``) with the item text
    (``dokhae-ordering-text``), ``dokhae-move-up`` and ``dokhae-move-down`` buttons and a
    mark (``dokhae-mark``). ``order`` is the item ids as they stand; ``move(item_id,
    delta)`` moves one. Until an item has been moved the answer counts as not given.
    ``answer_widget`` is the box of rows.

    An assignment's blank question (``answer`` None) starts in the order of its items,
    already shuffled for the student; the value is the student's item letters."""

    kind = "ordering"
    question_type = "ordering"
    question: Ordering

    def _build(self) -> list[widgets.Widget]:
        self.items = {item.id: item for item in self.question.items}
        start = [item.id for item in self.question.items]
        if self.question.answer is not None:  # a blank question's items come shuffled
            random.Random(self.question.id).shuffle(start)
            if start == list(self.question.answer):
                start = start[1:] + start[:1]
        self.initial_order = tuple(start)
        self.order: list[str] = list(start)
        self.touched = False
        self._details: dict[str, bool] = {}
        self.texts: list[widgets.HTML] = []
        self.up_buttons: list[widgets.Button] = []
        self.down_buttons: list[widgets.Button] = []
        self.marks: list[widgets.HTML] = []
        self.rows: list[widgets.HBox] = []
        for position in range(len(start)):
            text = classed(widgets.HTML("", layout=widgets.Layout(width="60%")), "ordering-text")
            up = button(self.t("button.move_up"), "move-up", icon="arrow-up")
            down = button(self.t("button.move_down"), "move-down", icon="arrow-down")
            up.on_click(lambda _b, p=position: self.move_position(p, -1))
            down.on_click(lambda _b, p=position: self.move_position(p, +1))
            mark = classed(widgets.HTML(""), "mark")
            self.texts.append(text)
            self.up_buttons.append(up)
            self.down_buttons.append(down)
            self.marks.append(mark)
            self.rows.append(classed(widgets.HBox([text, up, down, mark]), "ordering-item"))
        self.answer_widget = classed(widgets.VBox(self.rows), "ordering-list")
        self._render()
        return [self.answer_widget]

    def _render(self) -> None:
        other = other_language(self.lang)
        last = len(self.order) - 1
        for position, item_id in enumerate(self.order):
            item = self.items[item_id]
            main, second = getattr(item, self.lang), getattr(item, other)
            self.texts[position].value = (
                f'<span data-item="{escape(item_id)}"><b>{position + 1}.</b> '
                f'<span lang="{self.lang}">{escape(main)}</span> '
                f'<span lang="{other}" style="{OTHER_STYLE}">{escape(second)}</span></span>')
            self.up_buttons[position].disabled = position == 0
            self.down_buttons[position].disabled = position == last
            self.up_buttons[position].tooltip = f"{self.t('button.move_up')}: {main}"
            self.down_buttons[position].tooltip = f"{self.t('button.move_down')}: {main}"
            row = self.rows[position]
            row.remove_class("dokhae-right")
            row.remove_class("dokhae-wrong")
            self.marks[position].value = ""
            if item_id in self._details:
                right = bool(self._details[item_id])
                row.add_class("dokhae-right" if right else "dokhae-wrong")
                status = self.t("status.correct" if right else "status.wrong")
                self.marks[position].value = f'<span title="{escape(status)}">{MARKS[right]}</span>'

    def move_position(self, position: int, delta: int) -> None:
        """Move the item at ``position`` (from 0) by ``delta`` places (-1 up, +1 down)."""
        target = position + delta
        if not 0 <= position < len(self.order) or not 0 <= target < len(self.order):
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self.touched = True
        self._details = {}
        self._render()

    def move(self, item_id: str, delta: int) -> None:
        """Move the item ``item_id`` by ``delta`` places (-1 up, +1 down)."""
        self.move_position(self.order.index(item_id), delta)

    @property
    def value(self) -> list[str] | None:
        return list(self.order) if self.touched else None

    def clear(self) -> None:
        self.order = list(self.initial_order)
        self.touched = False
        self._details = {}
        self._render()

    def _display_expected(self, expected: str) -> str:
        if self.question.answer is None:
            return expected
        return " → ".join(getattr(self.items[i], self.lang) if i in self.items else i
                          for i in self.question.answer)

    def _details_line(self, feedback: Feedback) -> str:
        if feedback.status not in ("correct", "wrong", "partial"):
            return ""
        return (f'<div class="dokhae-details">'
                f'{escape(self.t("feedback.correct_positions", **feedback.fields))}</div>')

    def _show_details(self, feedback: Feedback | None) -> None:
        self._details = {} if feedback is None else dict(feedback.details)
        self._render()


class ShortTextView(QuestionView):
    """Short answer: a Text (``continuous_update=False``).
    Classes: ``dokhae-short-text``, input ``dokhae-answer``."""

    kind = "short-text"
    question_type = "short_text"
    question: ShortText

    def _build(self) -> list[widgets.Widget]:
        self.answer_widget = classed(
            widgets.Text(value="", placeholder=self.t("choose.type_here"),
                         continuous_update=False, layout=widgets.Layout(width="60%")),
            "answer")
        return [self.answer_widget]

    @property
    def value(self) -> str:
        return self.answer_widget.value

    def clear(self) -> None:
        self.answer_widget.value = ""


class NumericView(ShortTextView):
    """A number, optionally with its unit: a Text (``continuous_update=False``) and the
    unit asked for (``dokhae-unit``). Classes: ``dokhae-numeric``, input ``dokhae-answer``."""

    kind = "numeric"
    question_type = "numeric"
    question: Numeric  # type: ignore[assignment]

    def _build(self) -> list[widgets.Widget]:
        self.answer_widget = classed(
            widgets.Text(value="", placeholder=self.t("choose.type_here"),
                         continuous_update=False),
            "answer")
        parts: list[widgets.Widget] = [self.answer_widget]
        if self.question.unit:
            parts.append(classed(widgets.HTML(escape(self.t("arithmetic.unit",
                                                            unit=self.question.unit))), "unit"))
        return [widgets.HBox(parts)]


VIEWS: dict[str, type[QuestionView]] = {
    "multiple_choice": MultipleChoiceView,
    "true_false_not_given": TrueFalseNotGivenView,
    "cloze": ClozeView,
    "matching": MatchingView,
    "ordering": OrderingView,
    "short_text": ShortTextView,
    "numeric": NumericView,
}


def question_view(question: Any, session: Session | None = None,
                  lang: str | None = None) -> QuestionView:
    """The view for ``question`` (a question of the lesson model, or its id in the
    session's lesson), chosen by its type.

    With an assignment (``session``, or this kernel's session when None, is an
    :class:`~dokhae.assignment.AssignmentSession`) the view always shows the student's
    blank question (``session.question(id)``: their letters, no answer), whether an id
    or a lesson question is given; an id not in the assignment raises
    :class:`~dokhae.session.UnknownExerciseError` naming the assignment's close ids.
    """
    assignment = assignment_session(session)
    if assignment is not None:
        from ...assignment import BlankQuestion

        if not isinstance(question, BlankQuestion):
            question = assignment.question(question if isinstance(question, str)
                                           else getattr(question, "id", str(question)))
    if isinstance(question, str):
        s = resolve_session(session)
        found = s.lesson.questions.get(question)
        if found is None:
            raise UnknownExerciseError(_no_question(s.lesson, question))
        question = found
    kind = getattr(question, "type", None)
    if kind not in VIEWS:
        raise TypeError(f"no view for {type(question).__name__} {question!r}: expected a "
                        f"question of type {', '.join(QUESTION_TYPES)}")
    return VIEWS[kind](question, session, lang)


def _no_question(lesson: Lesson, question_id: str) -> str:
    close = difflib.get_close_matches(question_id, list(lesson.questions), n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"lesson {lesson.slug!r} has no question {question_id!r}.{hint}"


# --------------------------------------------------------------------------- quiz set


def paragraph_of(sentence_id: str) -> str:
    """``p3`` for ``p3s1``; ``h1`` and ``c1`` stand alone (as :class:`Sentence`)."""
    return sentence_id.split("s")[0] if sentence_id.startswith("p") else sentence_id


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


class QuizSet(View):
    """A set of questions with a running score and a retry.

    Args:
        questions: questions of the lesson model, question ids, or None for every
            question of the session's lesson.
        session: the session that checks and records answers (None: this kernel's).
        lang: the interface language (None: the current setting).
        paragraph: keep the questions resting on this paragraph (``"p2"``) or these.
        skill: keep the questions of this skill (``"inference"``) or these.
        type: keep the questions of this type (``"cloze"``) or these.
        one_at_a_time: show one question with Previous / Next buttons instead of all.
        title: a heading above the questions, in both languages (``dokhae-quiz-title``).

    The score (``dokhae-score``, "Score: 7 / 10") counts each question's latest judged
    result times its points (partial credit counts its share). In an assignment (an
    :class:`~dokhae.assignment.AssignmentSession`) nothing is judged: the set holds the
    student's blank questions (all of the assignment's when ``questions`` is None) and
    the label counts the answers saved ("Answered: 3 / 8"). Retry
    (``dokhae-retry``) clears the inputs, feedback and score; the progress store keeps
    the history. Position labels are ``dokhae-position`` ("Question 3 of 10"); in
    one-at-a-time mode the buttons are ``dokhae-previous`` and ``dokhae-next``.
    """

    kind = "quiz"

    def __init__(self, questions: Iterable[Any] | None = None, session: Session | None = None,
                 lang: str | None = None, *, paragraph: str | Iterable[str] | None = None,
                 skill: str | Iterable[str] | None = None,
                 type: str | Iterable[str] | None = None,  # noqa: A002 - the field's name
                 one_at_a_time: bool = False, title: Text | None = None) -> None:
        super().__init__(lang=lang)
        self._session = session
        self.title = title
        heading: tuple[widgets.Widget, ...] = ()
        if title is not None:
            heading = (classed(widgets.HTML(
                f'<h4 lang="{self.lang}" style="margin-bottom:0">{escape(title(self.lang))}</h4>'
                f'<div lang="{other_language(self.lang)}" style="{OTHER_STYLE}">'
                f"{escape(title(other_language(self.lang)))}</div>"), "quiz-title"),)
        selected = self._select(questions, paragraph, skill, type)
        self.one_at_a_time = one_at_a_time
        self.views: list[QuestionView] = [question_view(q, session, self.lang) for q in selected]
        self.results: dict[str, Feedback] = {}
        for view in self.views:
            view.on_check(self._checked)

        self.score_label = classed(widgets.HTML(""), "score")
        self.retry_button = button(self.t("button.try_again"), "retry", icon="refresh")
        self.retry_button.on_click(lambda _button: self.retry())
        footer = classed(widgets.HBox([self.score_label, self.retry_button]), "quiz-footer")

        self.current = 0
        self.previous_button = button(self.t("button.previous"), "previous", icon="arrow-left")
        self.next_button = button(self.t("button.next"), "next", icon="arrow-right")
        self.previous_button.on_click(lambda _button: self.go(self.current - 1))
        self.next_button.on_click(lambda _button: self.go(self.current + 1))
        self.position_label = classed(widgets.HTML(""), "position")
        self.stage = classed(widgets.VBox([]), "quiz-questions")

        if not self.views:
            empty = classed(widgets.HTML(escape(self.t("quiz.empty"))), "quiz-empty")
            self.children = (*heading, empty)
            self._update_score()
            return
        total = len(self.views)
        if one_at_a_time:
            nav = classed(widgets.HBox([self.previous_button, self.position_label,
                                        self.next_button]), "quiz-nav")
            self.children = (*heading, nav, self.stage, footer)
            self.go(0)
        else:
            for i, view in enumerate(self.views, start=1):
                view.set_position(i, total)
            self.stage.children = tuple(self.views)
            self.children = (*heading, self.stage, footer)
        self._update_score()

    # -- building

    @property
    def session(self) -> Session:
        return resolve_session(self._session)

    def _select(self, questions: Iterable[Any] | None, paragraph: Any, skill: Any,
                kind: Any) -> list[Any]:
        given = None if questions is None else list(questions)
        assignment = assignment_session(self._session)
        if assignment is not None:  # the student's blank questions, by the assignment's ids
            from ...assignment import BlankQuestion

            if given is None:
                given = [q for q in map(assignment.question, assignment.manifest.exercises)
                         if isinstance(q, BlankQuestion)]
            given = [assignment.question(q) if isinstance(q, str) else q for q in given]
        needs_lesson = (given is None or paragraph is not None
                        or any(isinstance(q, str) for q in given))
        lesson: Any = self.session.lesson if needs_lesson else None
        if given is None:
            chosen = list(lesson.exercises.questions)
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
            known = [p.id for p in lesson.article.paragraphs]
            unknown = sorted(paragraphs - set(known))
            if unknown:
                raise ValueError(f"paragraph {', '.join(map(repr, unknown))} is not in lesson "
                                 f"{lesson.slug!r}; use one of {', '.join(known)}")
            chosen = [q for q in chosen if paragraphs & {paragraph_of(s) for s in q.sentences}]
        if skills is not None:
            unknown = sorted(skills - set(SKILLS))
            if unknown:
                raise ValueError(f"skill {', '.join(map(repr, unknown))} is not a skill; "
                                 f"use one of {', '.join(SKILLS)}")
            chosen = [q for q in chosen if q.skill in skills]
        if kinds is not None:
            unknown = sorted(kinds - set(QUESTION_TYPES))
            if unknown:
                raise ValueError(f"type {', '.join(map(repr, unknown))} is not a question type; "
                                 f"use one of {', '.join(QUESTION_TYPES)}")
            chosen = [q for q in chosen if q.type in kinds]
        return chosen

    @classmethod
    def by_paragraph(cls, lesson: Lesson | None, paragraph: str | Sequence[str], *,
                     session: Session | None = None, lang: str | None = None,
                     one_at_a_time: bool = False) -> QuizSet:
        """The questions that rest on ``paragraph`` (``"p2"``) of ``lesson``."""
        session = _session_for(lesson, session)
        return cls(None, session, lang, paragraph=paragraph, one_at_a_time=one_at_a_time)

    @classmethod
    def by_skill(cls, lesson: Lesson | None, skill: str | Sequence[str], *,
                 session: Session | None = None, lang: str | None = None,
                 one_at_a_time: bool = False) -> QuizSet:
        """The questions of ``skill`` (``"inference"``, ``"detail"``, ...) of ``lesson``."""
        session = _session_for(lesson, session)
        return cls(None, session, lang, skill=skill, one_at_a_time=one_at_a_time)

    @classmethod
    def by_paragraph_groups(cls, lesson: Lesson | None, size: int = 3, *,
                            session: Session | None = None, lang: str | None = None,
                            one_at_a_time: bool = False) -> QuizGroups:
        """One titled set per group of about ``size`` consecutive parts of the article
        (:func:`dokhae.tables.paragraph_groups`: the headline first, the caption last),
        in one view; groups without questions are left out."""
        return QuizGroups(_session_for(lesson, session), lang, size=size,
                          one_at_a_time=one_at_a_time)

    @classmethod
    def skill_chooser(cls, lesson: Lesson | None, skill: str | None = None, *,
                      session: Session | None = None, lang: str | None = None) -> SkillQuiz:
        """A Dropdown of the skills the lesson has questions for, and the set of the
        chosen skill (``skill`` first when the lesson has it); see :class:`SkillQuiz`."""
        return SkillQuiz(_session_for(lesson, session), lang, skill=skill)

    # -- behaviour

    @property
    def total(self) -> float:
        """The points of the set."""
        return float(sum(v.question.points for v in self.views))

    @property
    def score(self) -> float:
        """The points earned: each question's latest judged result."""
        return float(sum(self.results[v.question.id].score * v.question.points
                         for v in self.views if v.question.id in self.results))

    def _checked(self, view: QuestionView, feedback: Feedback | None) -> None:
        if feedback is None:
            self.results.pop(view.question.id, None)
        elif feedback.answered:
            self.results[view.question.id] = feedback
        self._update_score()

    def _update_score(self) -> None:
        if assignment_session(self._session) is not None:  # nothing is marked: count answers
            self.score_label.value = escape(self.t("progress.answered", answered=len(self.results),
                                                   total=len(self.views)))
            return
        self.score_label.value = escape(self.t("score.label", score=number_text(self.score),
                                               total=number_text(self.total)))

    def go(self, index: int) -> None:
        """Show question ``index`` (from 0) in one-at-a-time mode."""
        if not self.views:
            return
        self.current = max(0, min(index, len(self.views) - 1))
        if self.one_at_a_time:
            self.stage.children = (self.views[self.current],)
        self.position_label.value = escape(self.t("progress.question", current=self.current + 1,
                                                  total=len(self.views)))
        self.previous_button.disabled = self.current == 0
        self.next_button.disabled = self.current == len(self.views) - 1

    def retry(self) -> None:
        """Start the set again: inputs, feedback and score cleared."""
        for view in self.views:
            view.reset()
        self.results.clear()
        self._update_score()
        self.go(0)

    def __repr__(self) -> str:
        text = fallback_text(self.kind)
        if self.title is not None:
            text += f"\n  {self.title(self.lang)} / {self.title(other_language(self.lang))}"
        if self.views:
            n = len(self.views)
            other = i18n.t("quiz.count", other_language(self.lang), n=n)
            text += f"\n  {self.t('quiz.count', n=n)} / {other}"
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

    def __init__(self, session: Session | None = None, lang: str | None = None, *,
                 size: int = 3, one_at_a_time: bool = False) -> None:
        from ...tables import paragraph_group_label, paragraph_groups

        super().__init__(lang=lang)
        self._session = session
        self._one_at_a_time = one_at_a_time
        lesson = resolve_session(session).lesson
        self.groups: list[tuple[str, ...]] = []
        self.labels: list[Text] = []
        self.counts: list[int] = []
        self._titles: list[Text] = []
        self.quiz: QuizSet | None = None
        self.select = None
        for group in paragraph_groups(lesson, size):
            n = sum(bool(set(group) & {paragraph_of(s) for s in q.sentences})
                    for q in lesson.exercises.questions)
            if not n:
                continue
            label = Text(**{lang_: paragraph_group_label(group, lang_) for lang_ in ("en", "ko")})
            self.groups.append(group)
            self.labels.append(label)
            self.counts.append(n)
            self._titles.append(Text(**{lang_: i18n.t("notebook.quiz_group_title", lang_,
                                                      parts=label(lang_))
                                        for lang_ in ("en", "ko")}))
        if not self.groups:
            self.children = (classed(widgets.HTML(escape(self.t("notebook.no_questions"))),
                                     "quiz-empty"),)
            return
        self._choose_from(
            [(f"{title(self.lang)} · {self.t('quiz.count', n=n)}", index)
             for index, (title, n) in enumerate(zip(self._titles, self.counts))],
            0, "group-select", "group-stage", style={"description_width": "initial"},
            layout=widgets.Layout(width="auto", max_width="100%"))

    def _make(self, index: int) -> QuizSet:
        return QuizSet(None, self._session, self.lang, paragraph=list(self.groups[index]),
                       one_at_a_time=self._one_at_a_time, title=self._titles[index])

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

    def __repr__(self) -> str:
        text = fallback_text(self.kind, "notebook.quiz_groups_fallback")
        other = other_language(self.lang)
        if not self.groups:
            return (text + f"\n  {self.t('notebook.no_questions')}"
                    f" / {i18n.t('notebook.no_questions', other)}")
        for label, n in zip(self.labels, self.counts):
            text += (f"\n  {label(self.lang)} — {self.t('quiz.count', n=n)}"
                     f" / {label(other)} — {i18n.t('quiz.count', other, n=n)}")
        return text


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

    def __init__(self, session: Session | None = None, lang: str | None = None, *,
                 skill: str | None = None) -> None:
        super().__init__(lang=lang)
        self._session = session
        if skill is not None and skill not in SKILLS:
            raise ValueError(f"skill {skill!r} is not a skill; use one of {', '.join(SKILLS)}")
        lesson = resolve_session(session).lesson
        counts = {k: sum(q.skill == k for q in lesson.exercises.questions) for k in SKILLS}
        self.skills: list[str] = [k for k in SKILLS if counts[k]]
        self.quiz: QuizSet | None = None
        if not self.skills:
            self.select = None
            self.children = (classed(widgets.HTML(escape(self.t("notebook.no_questions"))),
                                     "quiz-empty"),)
            return
        start = skill if skill in self.skills else self.skills[0]
        self._choose_from(
            [(self.t("notebook.skill_option", skill=self.t(f"skill.{k}"), n=counts[k]), k)
             for k in self.skills],
            start, "skill-select", "skill-stage", description=self.t("notebook.skill_label"),
            style={"description_width": "initial"})

    def _make(self, skill: str) -> QuizSet:
        return QuizSet(None, self._session, self.lang, skill=skill)

    def show(self, skill: str) -> QuizSet:
        """Show (and return) the set of ``skill``, made on first use."""
        if skill not in self.skills:
            raise ValueError(f"the lesson has no {skill!r} questions; choose one of "
                             f"{', '.join(self.skills) or 'none'}")
        self.quiz = self._shown(skill)
        return self.quiz

    def __repr__(self) -> str:
        text = fallback_text(self.kind, "notebook.skill_fallback")
        other = other_language(self.lang)
        if self.quiz is None:
            return (text + f"\n  {self.t('notebook.no_questions')}"
                    f" / {i18n.t('notebook.no_questions', other)}")
        skill, n = self.quiz.views[0].question.skill, len(self.quiz.views)
        return (text + f"\n  {self.t(f'skill.{skill}')}: {self.t('quiz.count', n=n)}"
                f" / {i18n.t(f'skill.{skill}', other)}: {i18n.t('quiz.count', other, n=n)}")


def _session_for(lesson: Lesson | str | None, session: Session | None) -> Session:
    """``session``, else this kernel's session when it is on ``lesson``, else a new
    session on ``lesson`` (recording to the default progress store)."""
    if session is not None:
        if lesson is not None:
            slug = lesson if isinstance(lesson, str) else lesson.slug
            if session.lesson.slug != slug:
                raise ValueError(f"the session is on lesson {session.lesson.slug!r}, "
                                 f"not {slug!r}; pass a session on that lesson")
        return session
    current = current_session()
    if lesson is None:
        return current
    slug = lesson if isinstance(lesson, str) else lesson.slug
    return current if current.lesson.slug == slug else Session(lesson)
