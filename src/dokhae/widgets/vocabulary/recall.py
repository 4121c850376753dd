"""Typed recall: type the word from memory, English for Korean or the reverse."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ...answers import Feedback, check_term, normalize_text
from ...homework.words import accepted_answers  # one rule for practice and word tests
from ...lesson import GlossaryEntry, Text
from ...review import DIRECTIONS
from .._base import button, classed, escape, feedback_area, feedback_html
from ..reading import _pos, direction_of
from .deck import AUTO, Deck, _empty_note, _show, blank_html, learner_entries, ordered, session_of

__all__ = ["TypedRecall"]


class TypedRecall(Deck):
    """Type the word from memory: the English word for the Korean (default), or the reverse.

    Args:
        session: a Session (answers are recorded there), a Lesson, a slug, or None.
        direction: ``"ko-en"`` (shown Korean, type English; inflected forms such as
            *resumed* for *resume* count) or ``"en-ko"`` (shown English, type Korean).
        lang: the interface language.
        audience: ``"auto"`` (default: the learner's entries, see
            :func:`.deck.learner_entries`), None (every entry), ``"en"`` or ``"ko"``.
        order: ``"study"`` (default: the words missed before first, then the hardest
            first, mixed for the day) or ``"glossary"`` (see :data:`.deck.ORDERS`).
        tries: answers checked on a card before a wrong one shows the answer (default
            None: the lesson's ``practice.tries``, the teacher's setting, as every other
            practice view; 2 when the lesson sets none): a wrong try with tries left gets the verdict and a hint (the first letter
            and the length), and
            ``reveal_button`` (``dokhae-show-answer``, "정답 보기") shows the answer at once.
            Every checked answer is recorded, so the store counts the tries.

    Accepted: the headword, the article's forms (and their inflections) and the
    glossary's ``variants`` (*dialog*); typing Korean, the Korean equivalents, also with a
    particle or in another ending (협력을, 모색했다: right, with a message naming the word
    or the dictionary form, as for questions: :func:`dokhae.answers.korean_answer`), the
    placeholder ``~`` optional. A near miss
    is wrong with "check your spelling" (one rule: :mod:`dokhae.answers.spelling`). An
    answer typed with the wrong 한/영 key (ㄱㄷ녀ㅡㄷ for *resume*) is not judged and not
    recorded: the student is told to check the key.

    The prompt (``dokhae-prompt``) shows the word to translate and the article's
    sentence with the answer blanked. ``answer`` (``dokhae-answer``, a Text with
    ``continuous_update=False``: Enter checks too) and ``check_button``
    (``dokhae-check``) check it with :func:`dokhae.answers.check_term`; the result
    shows in ``feedback_area`` (``dokhae-feedback``) and is recorded as
    ``vocab:<entry id>`` (``vocab-ko:<entry id>`` when typing Korean). Navigation:
    ``previous_button``, ``next_button``, ``position`` (``12 / 63``).
    """

    kind = "typed_recall"

    def __init__(
        self,
        session: Any = None,
        direction: str | None = None,
        lang: str | None = None,
        *,
        audience: str | None = AUTO,
        order: str = "study",
        tries: int | None = None,
    ) -> None:
        super().__init__(lang=lang)
        if direction is None:  # type the language being learned
            direction = "en-ko" if direction_of(session) == "ko" else "ko-en"
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {direction!r}: choose 'ko-en' or 'en-ko'")
        self.session = session_of(session)
        self.lesson = self.session.lesson
        self.direction = direction
        self.reader = direction_of(session)
        self._deal(ordered(self.session, learner_entries(session, self.lesson, audience), order))
        self.feedback: Feedback | None = None
        self._checked: tuple[int, str] | None = None
        self._quiet = False
        key = "instruction.typed_recall" if direction == "ko-en" else "instruction.typed_recall_ko"
        self.instruction = classed(widgets.HTML(escape(self.t(key))), "instruction")
        self.prompt = classed(widgets.HTML(), "prompt")
        self.answer = classed(
            widgets.Text(value="", placeholder=self.t("choose.type_here"), continuous_update=False),
            "answer",
        )
        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.reveal_button = button(
            self.t("button.show_answer"), "show-answer", layout=widgets.Layout(display="none")
        )
        self.tries = max(1, self.session.tries if tries is None else tries)
        self.tries_used = 0
        self.feedback_area = feedback_area()
        self.check_button.on_click(lambda _: self.check())
        self.reveal_button.on_click(lambda _: self.reveal())
        self.answer.observe(self._on_submit, names="value")
        if not self.entries:
            self.children = (self.instruction, _empty_note(self))
            return
        self.children = (
            self.instruction,
            self.prompt,
            widgets.HBox([self.answer, self.check_button, self.reveal_button]),
            self.feedback_area,
            self._nav_bar(),
        )
        self.go(0)

    @property
    def exercise_id(self) -> str:
        """The id the answers to the card shown now are recorded under."""
        prefix = "vocab" if self.direction == "ko-en" else "vocab-ko"
        return f"{prefix}:{self.entry.id}"

    def accepted(self, entry: GlossaryEntry | None = None) -> tuple[str, ...]:
        """The answers counted right for ``entry`` (default: the one shown)."""
        return accepted_answers(entry or self.entry, self.direction)

    def go(self, index: int) -> None:
        """Show card ``index`` (clamped) with an empty answer box."""
        self._turn_to(index)
        entry = self.entry
        sentence: str | None
        if self.direction == "ko-en":
            word = (
                f'<div class="dokhae-prompt-word" lang="ko" style="font-size:1.4em">'
                f"{escape(', '.join(entry.ko))}</div>"
            )
            # the Korean sentence with the word marked: the English one, blanked, could be
            # completed without reading the Korean (the Korean learner's review, point 6)
            sentence = blank_html(entry.example_ko, entry, "ko", mark=True) or escape(
                entry.example_ko
            )
            language = "ko"
        else:
            word = (
                f'<div class="dokhae-prompt-word" lang="en" style="font-size:1.4em">'
                f"{escape(entry.headword)}</div>"
            )
            sentence = blank_html(entry.example_ko, entry, "ko")
            language = "ko"
        word += f'<div class="dokhae-prompt-pos">{escape(_pos(entry, self.lang))}</div>'
        if sentence is not None:
            word += (
                f'<div class="dokhae-prompt-sentence" lang="{language}">'
                f"<b>{escape(self.t('vocabulary.in_article'))}:</b> {sentence}</div>"
            )
        self.prompt.value = word
        self._quiet = True
        try:
            self.answer.value = ""
        finally:
            self._quiet = False
        self._checked = None
        self.feedback = None
        self.feedback_area.value = ""
        self.tries_used = 0
        _show(self.reveal_button, False)

    def check(self) -> Feedback:
        """Check what is in the answer box and record it (once per answer given)."""
        value = self.answer.value
        entry = self.entry
        # the note on the word the learner reads: "Not the noun résumé (이력서)." for a
        # Korean student of English, "再 = again, 開 = open. …" for a learner of Korean
        note = entry.note_for(self.reader)
        notes = f" {note}" if note else ""
        explanation = Text(
            en=f"{entry.headword} ({entry.pos}): {entry.definition} — {', '.join(entry.ko)}.{notes}",
            ko=f"{entry.headword}: {', '.join(entry.ko)}",
        )
        feedback = check_term(
            value,
            self.accepted(),
            inflections=self.direction == "ko-en",
            explanation=explanation,
            # typing Korean: 협력을 and 모색했다 are the word (the stems stored at build)
            korean_forms=entry.ko_forms if self.direction == "en-ko" else None,
        )
        given = (self.index, normalize_text(value))
        if feedback.answered and given != self._checked:
            self.session.record(self.exercise_id, value, feedback)
            self._checked = given
            self.tries_used += 1
        self.feedback = feedback
        if feedback.answered and not feedback.correct and self.tries_used < self.tries:
            # a try left: the verdict and a hint, not the answer (the button shows it)
            hint = self._hint()
            self.feedback_area.value = (
                feedback_html(feedback, self.lang, reveal=False)
                + f'\n<div class="dokhae-hint">{escape(hint)} '
                f"{escape(self.t('feedback.try_again'))}</div>"
            )
            _show(self.reveal_button, True)
            return feedback
        # right, no try left, or unanswered (empty, or typed with the wrong 한/영 key)
        self.feedback_area.value = feedback_html(feedback, self.lang)
        _show(self.reveal_button, False)
        return feedback

    def reveal(self) -> None:
        """Show the answer and the explanation of the card shown now ("정답 보기")."""
        feedback = (
            self.feedback
            if self.feedback is not None and self.feedback.answered
            else check_term("", self.accepted())
        )
        answer = self.accepted()[0]
        html = feedback_html(feedback, self.lang) if feedback.answered else ""
        if not feedback.answered or feedback.correct:
            html += (
                f'\n<div class="dokhae-expected">'
                f"{escape(self.t('feedback.the_answer_is', answer=answer))}</div>"
            )
        self.feedback_area.value = html
        self.tries_used = self.tries
        _show(self.reveal_button, False)

    def _hint(self) -> str:
        """The first letter (or syllable) and the length of the main answer."""
        answer = self.accepted()[0]
        return self.t(
            "vocabulary_practice.hint", first=answer[0], length=len(answer.replace(" ", ""))
        )

    def _on_submit(self, change: Any) -> None:
        # continuous_update=False: the value arrives when the student presses Enter.
        if not self._quiet and change["new"].strip():
            self.check()
