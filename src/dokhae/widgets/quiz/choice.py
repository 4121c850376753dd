"""Questions answered by picking one option: multiple choice, True / False / Not given."""

from __future__ import annotations

import ipywidgets as widgets

from ...lesson import MultipleChoice, TrueFalseNotGiven
from .._base import OTHER_STYLE, bilingual_html, classed, escape, light
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
    Classes: ``dokhae-mc``, input ``dokhae-answer dokhae-choices``.

    The choices are in the language of the text (:attr:`content_lang`): a learner of
    Korean with the English interface reads them in Korean, and under them a folded
    "The choices in English" (``dokhae-choices-other``, a ``<details>``) gives the
    English of each; ``choices_other`` is that widget (None when the choices are in the
    interface language)."""

    kind = "mc"
    question_type = "multiple_choice"
    question: MultipleChoice

    def _build(self) -> list[widgets.Widget]:
        shown = self.content_lang
        options = [(choice_label(c.id, getattr(c, shown)), c.id) for c in self.question.choices]
        self.answer_widget = classed(
            light(widgets.RadioButtons, options=options, index=None, layout={"width": "auto"}),
            "answer",
            "choices",
        )
        self.choices_other: widgets.HTML | None = None
        if shown == self.lang:
            return [self.answer_widget]
        lines = "".join(
            f"<li>{escape(choice_label(c.id, getattr(c, self.lang)))}</li>"
            for c in self.question.choices
        )
        self.choices_other = classed(
            light(
                widgets.HTML,
                f'<details style="{OTHER_STYLE}"><summary>{escape(self.t("quiz_ko.choices_other"))}'
                f'</summary><ul lang="{self.lang}" style="list-style:none;padding-left:0;'
                f'margin:0.2em 0">{lines}</ul></details>',
            ),
            "choices-other",
        )
        return [self.answer_widget, self.choices_other]

    def _display_expected(self, expected: str) -> str:
        for c in self.question.choices:
            if c.id == expected:
                return choice_label(c.id, getattr(c, self.content_lang))
        return expected


class TrueFalseNotGivenView(_ChoiceView):
    """True / False / Not given: horizontal RadioButtons labelled in the interface
    language, value ``"true"``, ``"false"`` or ``"not_given"``.
    Classes: ``dokhae-tfng``, input ``dokhae-answer dokhae-choices``.

    The statement (the prompt) leads in the language of the text (:attr:`content_lang`:
    Korean for a learner of Korean), the other language under it."""

    kind = "tfng"
    question_type = "true_false_not_given"
    question: TrueFalseNotGiven
    VALUES = ("true", "false", "not_given")

    def _prompt_html(self) -> str:
        return bilingual_html(self.question.prompt, self.content_lang, "prompt", strong=True)

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
