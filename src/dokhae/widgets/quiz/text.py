"""Questions answered by typing (or picking) a word: fill in the blank, short answer."""

from __future__ import annotations

import re

import ipywidgets as widgets

from ...lesson import BLANK, Cloze, ShortText
from .._base import classed, escape, light, with_placeholder
from .question import QuestionView

__all__ = ["ClozeView", "ShortTextView"]

_HANGUL = re.compile("[\uac00-\ud7a3]")


class ClozeView(QuestionView):
    """Fill in the blank: the sentence with a gap (``dokhae-cloze-text``, the gap
    ``dokhae-blank``), then a Text (``continuous_update=False``, Enter checks) or, when the item has a
    word bank, a Dropdown of the words in alphabetical order after a "Choose…" first option
    (value None).
    Classes: ``dokhae-cloze``, input ``dokhae-answer``.

    A sentence of the Korean text (Hangul in ``text``) is marked ``lang="ko"``, and with
    ``inflections`` the instruction says that a particle or an ending may stay on the
    word (협력을 for 협력: the session accepts it and names the dictionary form)."""

    kind = "cloze"
    question_type = "cloze"
    question: Cloze

    @property
    def text_lang(self) -> str:
        """The language of the sentence: ``ko`` when it holds Hangul, else ``en``."""
        return "ko" if _HANGUL.search(self.question.text) else "en"

    def _instruction_keys(self) -> list[str]:
        keys = ["instruction.cloze_word_bank" if self.question.choices else "instruction.cloze"]
        if self.question.inflections:
            korean = self.text_lang == "ko"
            keys.append("quiz_ko.korean_forms" if korean else "instruction.cloze_inflections")
        return keys

    def _build(self) -> list[widgets.Widget]:
        blank = (
            f'<span class="dokhae-blank" lang="{self.lang}" '
            f'aria-label="{escape(self.t("quiz.blank_label"))}">_____</span>'
        )
        sentence = blank.join(escape(part) for part in self.question.text.split(BLANK))
        self.sentence = classed(
            light(
                widgets.HTML,
                f'<div lang="{self.text_lang}" style="font-size:1.1em">{sentence}</div>',
            ),
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
    Classes: ``dokhae-short-text``, input ``dokhae-answer``. A question on the Korean
    text with ``inflections`` says that a particle or an ending may stay on the word."""

    kind = "short-text"
    question_type = "short_text"
    question: ShortText

    def _instruction_keys(self) -> list[str]:
        keys = super()._instruction_keys()
        if getattr(self.question, "tests", "both") == "ko" and self.question.inflections:
            keys.append("quiz_ko.korean_forms")  # 손을 맞잡기로 for 손을 맞잡다
        return keys

    def _build(self) -> list[widgets.Widget]:
        self.answer_widget = self._typed_answer(layout={"width": "60%"})
        return [self.answer_widget]

    @property
    def value(self) -> str:
        return self.answer_widget.value

    def clear(self) -> None:
        self.answer_widget.value = ""
