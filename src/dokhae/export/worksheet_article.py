"""The article part of a worksheet: numbered lines, gaps, and the vocabulary to learn.

Every sentence of the article (headline, photo caption, body) is one numbered line, in
the lesson's order, so a question or a glossary entry can point to "line 4". With gaps,
the glossary words of a sentence become numbered gaps with their meaning as a hint.
All text is HTML-escaped here: lesson text is never taken as markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..lesson import GlossaryEntry, Lesson
from ..terms import check_language, find_terms

__all__ = [
    "Gap",
    "Line",
    "article_lines",
    "line_numbers",
    "vocabulary_entries",
    "words_worth_a_gap",
]

AUDIENCES = {"en": ("en", "both"), "ko": ("ko", "both")}
"""Glossary entries worth learning for a reader of the text in each language."""


@dataclass(frozen=True)
class Line:
    """One numbered line: a sentence, as HTML."""

    number: int
    sentence_id: str
    kind: str
    """``headline``, ``caption`` or ``body``."""
    paragraph: int | None
    """The body paragraph's number (``p3s1`` → 3) on its first line, else None."""
    first: bool
    """The first line of its paragraph (a headline and a caption are one line each)."""
    html: str


@dataclass(frozen=True)
class Gap:
    """A glossary word taken out of the text: ``answer`` is the form that was there."""

    number: int
    answer: str
    hint: str
    entry_id: str
    line: int


def line_numbers(lesson: Lesson) -> dict[str, int]:
    """Sentence id → line number (1, 2, ... in the lesson's order)."""
    return {sid: n for n, sid in enumerate(lesson.article.sentences, 1)}


def vocabulary_entries(lesson: Lesson, text: str = "en") -> list[GlossaryEntry]:
    """The glossary entries for a reader of the ``text`` language, in the order their
    lines come (entries of one line keep the glossary's order)."""
    check_language(text)
    lines = line_numbers(lesson)
    chosen = [
        e for e in lesson.glossary if e.audience in AUDIENCES[text] and e.sentence_id in lines
    ]
    return sorted(chosen, key=lambda e: lines[e.sentence_id])


def _paragraph_number(paragraph_id: str) -> int | None:
    digits = paragraph_id[1:]
    return int(digits) if paragraph_id.startswith("p") and digits.isdigit() else None


LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def article_lines(
    lesson: Lesson, text: str = "en", *, gaps: bool = False, gap_limit: int | None = None
) -> tuple[list[Line], list[Gap]]:
    """The article's lines in the ``text`` language, and its gaps (none unless ``gaps``).

    A glossary entry for the reader (:func:`vocabulary_entries`) gives a gap where one of
    its forms first occurs in the sentence the entry belongs to. The hint is the
    meaning in the other language (the main Korean equivalent for English text). With
    ``gap_limit`` only that many words become gaps (:func:`words_worth_a_gap`).
    """
    check_language(text)
    entries = vocabulary_entries(lesson, text) if gaps else []
    lines, found = _lines(lesson, text, entries)
    if gap_limit is not None and len(found) > gap_limit:
        kept = words_worth_a_gap(found, {e.id: e for e in entries}, gap_limit)
        lines, found = _lines(lesson, text, [e for e in entries if e.id in kept])
    return lines, found


def words_worth_a_gap(found: list[Gap], entries: dict[str, GlossaryEntry], limit: int) -> set[str]:
    """The ids of the ``limit`` glossary words to blank: the hardest first (CEFR level,
    C2 before A1; of one level, the first in the article), at most one per line while
    other lines still have a word, so the gaps spread over the article."""
    ranked = sorted(found, key=lambda g: (-LEVELS.index(entries[g.entry_id].level), g.number))
    chosen: list[Gap] = []
    lines: set[int] = set()
    for gap in ranked:  # one per line first
        if len(chosen) < limit and gap.line not in lines:
            chosen.append(gap)
            lines.add(gap.line)
    for gap in ranked:  # then the hardest of the rest
        if len(chosen) < limit and gap not in chosen:
            chosen.append(gap)
    return {g.entry_id for g in chosen}


def _lines(lesson: Lesson, text: str, entries: list[GlossaryEntry]) -> tuple[list[Line], list[Gap]]:
    by_sentence: dict[str, list[GlossaryEntry]] = {}
    for e in entries:
        by_sentence.setdefault(e.sentence_id, []).append(e)
    lines: list[Line] = []
    found: list[Gap] = []
    for paragraph in lesson.article.paragraphs:
        for i, sentence in enumerate(paragraph.sentences):
            number = len(lines) + 1
            words = getattr(sentence, text)
            out, at, seen = [], 0, set()
            for start, end, entry in find_terms(words, by_sentence.get(sentence.id, []), text):
                if entry.id in seen:
                    continue
                seen.add(entry.id)
                hint = entry.korean if text == "en" else entry.headword
                gap = Gap(len(found) + 1, words[start:end], hint, entry.id, number)
                found.append(gap)
                out.append(html.escape(words[at:start]))
                out.append(
                    f'<span class="gap">({gap.number})<span class="blank"></span>'
                    f'<span class="hint">({html.escape(hint)})</span></span>'
                )
                at = end
            out.append(html.escape(words[at:]))
            lines.append(
                Line(
                    number,
                    sentence.id,
                    paragraph.kind,
                    _paragraph_number(paragraph.id) if i == 0 else None,
                    i == 0,
                    "".join(out),
                )
            )
    return lines, found
