"""Questions answered by picking one option: multiple choice, True / False / Not given."""

from __future__ import annotations

import ipywidgets as widgets

from ...lesson import MultipleChoice, TrueFalseNotGiven
from .._base import classed, light
from .question import QuestionView, choice_label

__all__ = ["MultipleChoiceView", "TrueFalseNotGivenView"]


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
            light(widgets.RadioButtons, options=options, index=None, layout={"width": "auto"}),
            "answer",
            "choices",
        )
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
            light(
                widgets.RadioButtons,
                options=options,
                index=None,
                orientation="horizontal",
                layout={"width": "auto"},
            ),
            "answer",
            "choices",
        )
        return [self.answer_widget]

    def _display_expected(self, expected: str) -> str:
        return self.t(f"true_false_not_given.{expected}") if expected in self.VALUES else expected
