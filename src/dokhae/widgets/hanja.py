"""The Hanja of a word, character by character, as the learner of Korean sees it in the
gloss of the reading view and on the back of a card: each character with its 훈음 and
English meaning (再 다시 재 "again" · 開 열 개 "open"), then the other words of the lesson
sharing a character (協: 협회). The data and the logic are :mod:`dokhae.hanja`.

Escaped HTML, with ``lang`` on every part (the characters and their 훈음 are read as
Korean, the meanings as English) and labels from the catalog.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import i18n
from ..hanja import Character, HanjaTable, characters, related_words
from ..lesson import GlossaryEntry
from ._base import escape

__all__ = ["hanja_html"]


def _character_html(character: Character, lang: str) -> str:
    parts = [f'<span class="dokhae-hanja-glyph" lang="ko">{escape(character.hanja)}</span>']
    reading = character.reading
    if reading is not None:
        shown, title = reading.hun_eum, ""
        if character.syllable and character.syllable != reading.eum:  # 두음법칙: 량 → 양
            shown += f" ({character.syllable})"
            said = i18n.t("hanja.dueum", lang, eum=reading.eum, syllable=character.syllable)
            title = f' title="{escape(said)}"'
        parts.append(f'<span lang="ko"{title}>{escape(shown)}</span>')
        parts.append(f'<span lang="en">“{escape(reading.meaning)}”</span>')
    elif character.syllable:  # a character the data lack: its syllable at least
        parts.append(f'<span lang="ko">{escape(character.syllable)}</span>')
    return f'<span class="dokhae-hanja-character">{" ".join(parts)}</span>'


def hanja_html(
    entry: GlossaryEntry,
    glossary: Iterable[GlossaryEntry],
    lang: str,
    *,
    table: HanjaTable | None = None,
) -> str:
    """The Hanja of ``entry`` for a learner of Korean, as escaped HTML (``""`` when the
    entry has none): one line of its characters, each with its 훈음 and English meaning,
    and one line of the words of ``glossary`` that share a character (only the entries
    for learners of Korean, audience ``ko``/``both``). Labels in the interface language
    ``lang``; ``table``: the Hanja data (default: the shipped ones)."""
    found = characters(entry, table)
    if not found:
        return ""
    label = escape(i18n.t("hanja.characters", lang))
    items = " · ".join(_character_html(c, lang) for c in found)
    rows = [f'<div class="dokhae-hanja-characters"><b>{label}:</b> {items}</div>']
    korean = [e for e in glossary if e.audience != "en"]
    related = related_words(entry, korean, table)
    if related:
        label = escape(i18n.t("hanja.related", lang))
        items = " · ".join(
            f'<span lang="ko"><span class="dokhae-hanja-glyph">{escape(char)}</span>: '
            f"{escape(', '.join(words))}</span>"
            for char, words in related
        )
        rows.append(f'<div class="dokhae-hanja-related"><b>{label}:</b> {items}</div>')
    return "\n".join(rows)
