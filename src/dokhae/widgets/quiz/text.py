"""Questions answered by typing (or picking) a word: fill in the blank, short answer."""

from __future__ import annotations

import ipywidgets as widgets

from ...lesson import BLANK, Cloze, ShortText
from .._base import classed, escape, light, with_placeholder
from .question import QuestionView

__all__ = ["ClozeView", "ShortTextView"]


class ClozeView(QuestionView):
    """Fill in the blank: the sentence with a gap (``dokhae-cloze-text``, the gap
    ``dokhae-blank``), then a Text (``continuous_update=False``, Enter checks) or, when the item has a
    word bank, a Dropdown of the words in alphabetical order after a "Choose…" first option
    (value None).
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
        blank = (
            f'<span class="dokhae-blank" lang="{self.lang}" '
            f'aria-label="{escape(self.t("quiz.blank_label"))}">_____</span>'
        )
        sentence = blank.join(escape(part) for part in self.question.text.split(BLANK))
        self.sentence = classed(
            light(widgets.HTML, f'<div lang="en" style="font-size:1.1em">{sentence}</div>'),
            "cloze-text",
        )
        if self.question.choices:
            words = sorted(dict.fromkeys(self.question.choices), key=str.casefold)
            self.answer_widget = classed(
                light(
                    widgets.Dropdown,
                    options=with_placeholder(self.t("choose.placeholder"), words),
                    index=0,  # "Choose…" shown, value None
                ),
                "answer",
                "word-bank",
            )
        else:
            self.answer_widget = self._typed_answer()
        return [self.sentence, self.answer_widget]

    @property
    def value(self) -> str | None:
        return self.answer_widget.value

    def clear(self) -> None:
        self.answer_widget.value = None if self.question.choices else ""

    def __repr__(self) -> str:
        return f"{super().__repr__()}\n  {self.question.text}"


class ShortTextView(QuestionView):
    """Short answer: a Text (``continuous_update=False``, Enter checks).
    Classes: ``dokhae-short-text``, input ``dokhae-answer``."""

    kind = "short-text"
    question_type = "short_text"
    question: ShortText

    def _build(self) -> list[widgets.Widget]:
        self.answer_widget = self._typed_answer(layout={"width": "60%"})
        return [self.answer_widget]

    @property
    def value(self) -> str:
        return self.answer_widget.value

    def clear(self) -> None:
        self.answer_widget.value = ""
