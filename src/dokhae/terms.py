"""Where glossary entries occur in a text: one matcher for the reading view and the exports.

Only the forms stored in the glossary are used (English ``forms``, Korean ``ko_forms``),
so no language analyser is needed when a student opens a notebook.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .lesson import GlossaryEntry
from .validation import form_pattern

TEXT_LANGUAGES = ("en", "ko")
"""The languages the article can be read in (``ReadingView(direction=...)``)."""


class Term(NamedTuple):
    """Where a glossary entry occurs in a text: ``text[start:end]`` is the form found."""

    start: int
    end: int
    entry: GlossaryEntry


def check_language(language: str) -> str:
    if language not in TEXT_LANGUAGES:
        raise ValueError(f"unknown text language {language!r}: choose 'en' or 'ko'")
    return language


def find_terms(
    text: str, entries: Iterable[GlossaryEntry], language: str, *, sentence_id: str | None = None
) -> list[Term]:
    """Where the glossary ``entries`` occur in ``text``, in text order, never overlapping.

    English (``language="en"``): any of an entry's ``forms``, as whole words, case
    ignored (``"Bilateral"`` finds *bilateral*; ``"thawing"`` does not find *thaw*).
    Korean (``"ko"``): any of its ``ko_forms`` as a substring, so a form is found under
    its particle or ending (``협력에`` → 협력, ``재개했다`` → 재개). Both use only the
    forms stored in the glossary. An entry with ``ko_sentences`` glosses its Korean forms
    only in those sentences (when ``sentence_id`` says which sentence ``text`` is), so a
    form that means something else elsewhere (양국 = *bilateral* in p7s1, *the two
    countries* in p3s1) is not glossed there.

    Where matches overlap the longest wins (*Ministry of Trade, Industry and Energy*
    over *ministry*; 탄소국경조정제도 over 제도); between matches of the same length the
    earlier one wins, then (in Korean) a grammar pattern standing on the very word (the
    headline's noun ending on 재개: its gloss explains the word's use there), then the entry whose
    ``sentence_id`` is ``sentence_id`` (the sentence being read), then the first in
    ``entries``.
    """
    check_language(language)
    candidates: list[tuple[int, int, int, int, GlossaryEntry]] = []
    for order, entry in enumerate(entries):
        preferred = 0 if sentence_id is not None and entry.sentence_id == sentence_id else 1
        preferred += 0 if entry.pos == "grammar" and language == "ko" else 2
        if language == "en":
            for form in entry.forms:
                for m in form_pattern(form).finditer(text):
                    candidates.append((m.start(), m.end(), preferred, order, entry))
        elif sentence_id is None or not entry.ko_sentences or sentence_id in entry.ko_sentences:
            for form in entry.ko_forms:
                if not form:
                    continue
                start = text.find(form)
                while start != -1:
                    candidates.append((start, start + len(form), preferred, order, entry))
                    start = text.find(form, start + 1)
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2], c[3]))
    chosen: list[Term] = []
    for start, end, _, _, entry in candidates:
        if start < end and all(end <= t.start or start >= t.end for t in chosen):
            chosen.append(Term(start, end, entry))
    chosen.sort(key=lambda t: t.start)
    return chosen
