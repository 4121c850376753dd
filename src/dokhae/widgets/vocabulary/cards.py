"""Flashcards of the glossary, both ways, and the card sides the review session shows too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from ... import i18n
from ...lesson import GlossaryEntry
from ...review import DIRECTIONS
from .._base import button, classed, escape
from ..hanja import hanja_html
from ..reading import _level, _pos, direction_of, lesson_of
from ..speech import say_word, word_speaker
from .deck import (
    AUTO,
    Deck,
    _back_layout,
    _empty_note,
    _show,
    _visible,
    card_box,
    card_directions,
    learner_entries,
    mark_html,
    ordered,
    session_of,
)

__all__ = ["Flashcards", "card_html", "hanja_glossary"]


def hanja_glossary(source: Any, lesson: Any, audience: str | None) -> Sequence[GlossaryEntry]:
    """The glossary whose words a card's back links by their Hanja (協: 협회), for a
    learner of Korean (``audience`` ``"ko"``, or the learner's direction for ``"auto"``);
    empty for a Korean student of English, whose cards stay as they were."""
    learner = direction_of(source) if audience == AUTO else audience
    return lesson.glossary if learner == "ko" else ()


def _english_side(entry: GlossaryEntry, lang: str) -> str:
    return (
        f'<div class="dokhae-card-word" lang="en" style="font-size:1.6em">'
        f"{escape(entry.headword)}</div>"
        f'<div class="dokhae-card-pos">{escape(_pos(entry, lang))} · '
        f"{escape(_level(entry, lang))}</div>"
        f'<div class="dokhae-card-example" lang="en">'
        f"{mark_html(entry.example_en, entry, 'en')}</div>"
    )


def _korean_side(entry: GlossaryEntry, lang: str, romanization: bool) -> str:
    parts = [
        (
            f'<div class="dokhae-card-word" lang="ko" style="font-size:1.6em">'
            f"{escape(entry.korean)}</div>"
        )
    ]
    details = []
    if len(entry.ko) > 1:
        details.append(f'<span lang="ko">{escape(", ".join(entry.ko[1:]))}</span>')
    if entry.hanja:
        details.append(f'<span class="dokhae-card-hanja" lang="ko">{escape(entry.hanja)}</span>')
    if romanization:
        details.append(
            f'<span class="dokhae-card-romanization">{escape(entry.romanization)}</span>'
        )
    if details:
        parts.append(f'<div class="dokhae-card-details">{" · ".join(details)}</div>')
    parts.append(
        f'<div class="dokhae-card-example" lang="ko">'
        f"{mark_html(entry.example_ko, entry, 'ko')}</div>"
    )
    return "".join(parts)


def card_html(
    entry: GlossaryEntry,
    direction: str,
    side: str,
    lang: str,
    *,
    romanization: bool = False,
    glossary: Sequence[GlossaryEntry] | None = None,
    reader: str | None = None,
) -> str:
    """One side (``"front"`` or ``"back"``) of the card of ``entry`` in ``direction``
    (``"en-ko"``: English front, Korean back; ``"ko-en"``: the reverse), escaped HTML.
    Each side shows its word with the article's sentence (``example_en`` /
    ``example_ko``) as context, the word marked; the back adds the English definition and
    the glossary's note on the word the learner reads (``reader``: ``"en"``, a Korean
    student of English, gets ``notes``; ``"ko"``, a learner of Korean, gets ``ko_notes``
    and the pronunciation where it differs from the spelling, [정녜]). ``reader`` None:
    the reader of the front's language. With ``glossary`` (for a learner of Korean:
    :func:`hanja_glossary`), the back also shows each Hanja character with its 훈음 and
    meaning, and the words of ``glossary`` sharing one (再 다시 재 "again"; 協: 협회)."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown card direction {direction!r}: choose 'en-ko' or 'ko-en'")
    english = (direction == "en-ko") == (side == "front")
    reader = reader or direction[:2]
    html = _english_side(entry, lang) if english else _korean_side(entry, lang, romanization)
    if side == "back":
        if reader == "ko" and entry.pronunciation:
            html += (
                f'<div class="dokhae-card-pronunciation"><b>'
                f"{escape(i18n.t('gloss.pronunciation', lang))}:</b> "
                f'<span lang="ko">{escape(entry.pronunciation)}</span></div>'
            )
        html += (
            f'<div class="dokhae-card-definition" lang="en"><b>'
            f"{escape(i18n.t('vocabulary.definition', lang))}:</b> "
            f"{escape(entry.definition)}</div>"
        )
        note = entry.note_for(reader)
        if note:  # usage, the word's parts: the glossary's note on the word read (issue 25)
            html += (
                f'<div class="dokhae-card-note" lang="en" style="opacity:0.8"><b>'
                f"{escape(i18n.t('gloss.note', lang))}:</b> {escape(note)}</div>"
            )
        if glossary:
            html += hanja_html(entry, glossary, lang)
    return html


class Flashcards(Deck):
    """Flashcards of the lesson's glossary, English → Korean or Korean → English.

    Args:
        lesson: a Lesson, a Session, a lesson slug, or None (this kernel's lesson).
        direction: ``"en-ko"`` (English front) or ``"ko-en"`` (Korean front); the learner
            can switch it.
        lang: the interface language.
        audience: ``"auto"`` (default: the learner's entries, see
            :func:`.deck.learner_entries`), None (every entry), ``"en"`` or ``"ko"``.
        reverse: with ``direction=None``, the learner's second direction.
        romanization: show the romanization on the Korean side (for English speakers).
        order: ``"study"`` (default: the words missed in typed recall first, then the
            hardest first, mixed for the day) or ``"glossary"`` (see :data:`.deck.ORDERS`).

    Widgets (CSS classes): ``direction`` (``dokhae-direction``), ``front``
    (``dokhae-card-front``), ``back`` (``dokhae-card-back``, hidden until flipped),
    ``flip_button`` (``dokhae-flip``), ``previous_button`` / ``next_button``
    (``dokhae-previous`` / ``dokhae-next``), ``position`` (``dokhae-position``,
    ``12 / 63``). The view's class is ``dokhae-cards``.
    """

    kind = "cards"

    def __init__(
        self,
        lesson: Any = None,
        direction: str | None = None,
        lang: str | None = None,
        *,
        audience: str | None = AUTO,
        romanization: bool = False,
        order: str = "study",
        reverse: bool = False,
    ) -> None:
        super().__init__(lang=lang)
        if direction is None:
            direction = card_directions(lesson)[1 if reverse else 0]
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown card direction {direction!r}: choose 'en-ko' or 'ko-en'")
        self.lesson = lesson_of(lesson)
        self.reader = direction_of(lesson)  # whose notes the backs show
        entries = learner_entries(lesson, self.lesson, audience)
        # flashcards record nothing; the study order still reads the student's misses
        self._deal(entries if order == "glossary" else ordered(session_of(lesson), entries, order))
        self.romanization = romanization
        self._hanja_glossary = hanja_glossary(lesson, self.lesson, audience)
        self.direction = classed(
            widgets.ToggleButtons(
                options=[
                    (self.t("direction.en_ko"), "en-ko"),
                    (self.t("direction.ko_en"), "ko-en"),
                ],
                value=direction,
            ),
            "direction",
        )
        self.instruction = classed(widgets.HTML(escape(self.t("instruction.cards"))), "instruction")
        self.front = classed(widgets.HTML(), "card-front")
        self.back = classed(widgets.HTML(layout=_back_layout()), "card-back")
        self.flip_button = button(self.t("button.flip"), "flip")
        self.speaker = word_speaker(self.lang)  # 🔊 the word on the front (issue 20)
        self.flip_button.on_click(lambda _: self.flip())
        self.direction.observe(lambda _: self.go(self.index), names="value")
        if not self.entries:
            self.children = (self.instruction, _empty_note(self))
            return
        self.children = (
            self.direction,
            self.instruction,
            card_box(self.front, self.back),
            widgets.HBox([self.flip_button, self.speaker]),
            self._nav_bar(),
        )
        self.go(0)

    @property
    def flipped(self) -> bool:
        """True when the back of the card is shown."""
        return _visible(self.back)

    def flip(self) -> None:
        """Show the back of the card (or hide it again)."""
        _show(self.back, not self.flipped)
        if self.flipped:
            self.flip_button.add_class("dokhae-flipped")
        else:
            self.flip_button.remove_class("dokhae-flipped")

    def go(self, index: int) -> None:
        """Show card ``index`` (clamped), front up."""
        self._turn_to(index)
        entry, direction = self.entry, self.direction.value
        self.front.value = card_html(
            entry, direction, "front", self.lang, romanization=self.romanization, reader=self.reader
        )
        self.back.value = card_html(
            entry,
            direction,
            "back",
            self.lang,
            romanization=self.romanization,
            glossary=self._hanja_glossary,
            reader=self.reader,
        )
        _show(self.back, False)
        self.flip_button.remove_class("dokhae-flipped")
        english = direction == "en-ko"
        say_word(
            self.speaker, entry.headword if english else entry.korean, "en" if english else "ko"
        )
