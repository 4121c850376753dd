"""Questions answered by typing (or picking) a word: fill in the blank, short answer."""

from __future__ import annotations

import re

import ipywidgets as widgets

from ...answers import SELF_CHECK, Feedback
from ...lesson import BLANK, Cloze, ShortText
from ...progress import ProgressStoreError
from ...results import self_mark
from .._base import button, classed, escape, light, with_placeholder
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
    text with ``inflections`` says that a particle or an ending may stay on the word.

    In practice an open answer the key cannot decide (:data:`~dokhae.answers.SELF_CHECK`)
    shows the model answer and two buttons under it (``dokhae-self-mark``: "I had it",
    class ``dokhae-self-right``; "Not yet", ``dokhae-self-wrong``): the student marks the
    answer themselves (:meth:`mark_myself`), recorded as self-marked, not as correct.

    Attributes:
        self_marking: the box of the two buttons, or None until an answer needs it.
        self_marked: the feedback of the student's own mark, or None.
    """

    kind = "short-text"
    question_type = "short_text"
    question: ShortText
    self_marking: widgets.HBox | None = None
    self_marked: Feedback | None = None

    def _instruction_keys(self) -> list[str]:
        keys = super()._instruction_keys()
        if getattr(self.question, "tests", "both") == "ko" and self.question.inflections:
            keys.append("quiz_ko.korean_forms")  # 손을 맞잡기로 for 손을 맞잡다
        return keys

    def _build(self) -> list[widgets.Widget]:
        self.answer_widget = self._typed_answer(layout={"width": "60%"})
        return [self.answer_widget]

    def _show(self, feedback: Feedback) -> None:
        super()._show(feedback)
        self.self_marked = None
        self._offer_self_marking(feedback.message_key == SELF_CHECK)

    def _offer_self_marking(self, offer: bool) -> None:
        """Show (or take away) the two buttons of the student's own mark."""
        if offer and self.self_marking is None:
            right = button(self.t("practice_self.right"), "self-right", icon="check")
            wrong = button(self.t("practice_self.wrong"), "self-wrong", icon="times")
            right.on_click(lambda _button: self.mark_myself(True))
            wrong.on_click(lambda _button: self.mark_myself(False))
            self.self_marking = classed(light(widgets.HBox, [right, wrong]), "self-mark")
        box = self.self_marking
        if box is None:
            return
        parts = tuple(p for p in self._parts if p is not box)
        self._parts = (*parts, box) if offer else parts
        self.children = tuple(c for c in self.children if c is not box) + ((box,) if offer else ())

    def mark_myself(self, right: bool) -> Feedback | None:
        """Record the student's own mark (``right``: "I had it") of the answer just
        compared with the model answer, and say so under the feedback. None when there
        is no such answer to mark."""
        if self.last_feedback is None or self.last_feedback.message_key != SELF_CHECK:
            return None
        try:
            marked = self_mark(self.session, self.question.id, self._checked_value, right)
        except ProgressStoreError:
            self.feedback.value += (
                f'\n<div class="dokhae-not-saved">{escape(self.t("feedback.not_saved"))}</div>'
            )
            return None
        self.self_marked = marked
        self._offer_self_marking(False)
        self.feedback.value += (
            f'\n<div class="dokhae-self-marked" lang="{self.lang}">'
            f"{escape(marked.message(self.lang))}</div>"
        )
        return marked

    def reset(self) -> None:
        super().reset()
        self.self_marked = None
        self._offer_self_marking(False)

    @property
    def value(self) -> str:
        return self.answer_widget.value

    def clear(self) -> None:
        self.answer_widget.value = ""
