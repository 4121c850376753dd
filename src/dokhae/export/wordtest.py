"""A 단어 시험지 (vocabulary test) from a lesson's glossary: English→Korean and
Korean→English items, in forms A/B with a key per form.

The words are the glossary entries for Korean learners of English (``audience`` en or
both, as the worksheet's vocabulary list), chosen by CEFR level and/or a list of ids or
headwords, at most ``count`` of them. Which words are asked in which direction is drawn
once from the seed (the same in every form); each form prints them in its own order.
An English→Korean item shows the headword and its part of speech; a Korean→English item
shows the main Korean meaning and the English word's first letter. The key accepts every
Korean equivalent of the glossary.

:func:`write_wordtest` writes ``<name>-A.html``, ``<name>-B.html`` ... and
``<name>-key.html`` (and PDFs when ``<name>.pdf`` is asked for), from the template
``wordtest.html.j2``.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..exam.forms import form_labels
from ..json_files import write_text_atomic
from ..lesson import GlossaryEntry, Lesson
from .templating import render
from .worksheet_article import vocabulary_entries

__all__ = ["DIRECTIONS", "WordItem", "WordTest", "make_wordtest", "write_wordtest"]

DIRECTIONS = ("both", "en-ko", "ko-en")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


@dataclass(frozen=True)
class WordItem:
    """One question: ``prompt`` (what is printed), ``answer`` (the key) and ``direction``."""

    entry_id: str
    direction: str
    prompt: str
    hint: str
    answer: str


@dataclass(frozen=True)
class WordTest:
    lesson: Lesson
    items: tuple[WordItem, ...]
    forms: tuple[tuple[str, tuple[WordItem, ...]], ...]
    """(label, the items in that form's order: English→Korean first, then Korean→English)."""
    seed: int
    title: str = ""

    def __repr__(self) -> str:
        return f"<WordTest {self.lesson.slug}: {len(self.items)} words, seed {self.seed}>"


def _chosen(
    lesson: Lesson,
    levels: Sequence[str],
    words: Sequence[str],
    audience: str,
) -> list[GlossaryEntry]:
    entries = vocabulary_entries(lesson, "en") if audience == "en" else list(lesson.glossary)
    if audience == "ko":
        entries = [e for e in entries if e.audience in ("ko", "both")]
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad:
        raise ValueError(f"unknown level {', '.join(bad)}: use {', '.join(LEVELS)}")
    if levels:
        entries = [e for e in entries if e.level in levels]
    if words:
        wanted = {w.casefold() for w in words}
        known = {e.id.casefold() for e in lesson.glossary} | {
            e.headword.casefold() for e in lesson.glossary
        }
        unknown = sorted(w for w in words if w.casefold() not in known)
        if unknown:
            raise ValueError(
                f"the glossary of {lesson.slug} has no word {', '.join(map(repr, unknown))}: "
                "give glossary ids or headwords (dokhae export glossary lists them)"
            )
        entries = [
            e for e in entries if e.id.casefold() in wanted or e.headword.casefold() in wanted
        ]
    if not entries:
        raise ValueError(
            "no glossary word fits this choice: choose other levels, words or audience"
        )
    return entries


def _item(entry: GlossaryEntry, direction: str, lang: str) -> WordItem:
    pos = i18n.t(f"part_of_speech.{entry.pos.replace(' ', '_')}", lang)
    if direction == "en-ko":
        return WordItem(entry.id, direction, entry.headword, pos, "; ".join(entry.ko))
    return WordItem(entry.id, direction, entry.ko[0], f"{entry.headword[0]}…", entry.headword)


def make_wordtest(
    lesson: Lesson,
    *,
    levels: Iterable[str] = (),
    words: Iterable[str] = (),
    audience: str = "en",
    count: int | None = None,
    direction: str = "both",
    forms: Sequence[str] = ("A", "B"),
    seed: int | None = None,
    title: str = "",
) -> WordTest:
    """The word test of ``lesson`` (see the module docstring).

    Raises:
        ValueError: an unknown level, word, direction or form label, or nothing chosen.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: use {', '.join(DIRECTIONS)}")
    labels = form_labels(forms)
    seed = secrets.randbelow(10**6) if seed is None else seed
    entries = _chosen(lesson, list(levels), list(words), audience)
    rng = random.Random(f"dokhae-wordtest:{seed}")
    if count is not None and count < len(entries):
        entries = sorted(rng.sample(entries, count), key=entries.index)
    if direction == "both":
        reversed_ids = {e.id for e in rng.sample(entries, len(entries) // 2)}
        directions = {e.id: "ko-en" if e.id in reversed_ids else "en-ko" for e in entries}
    else:
        directions = {e.id: direction for e in entries}
    items = tuple(_item(e, directions[e.id], "ko") for e in entries)
    drawn = []
    for label in labels:
        form_rng = random.Random(f"dokhae-wordtest:{seed}:{label}")
        ordered = []
        for wanted in ("en-ko", "ko-en"):
            part = [i for i in items if i.direction == wanted]
            form_rng.shuffle(part)
            ordered += part
        drawn.append((label, tuple(ordered)))
    return WordTest(lesson, items, tuple(drawn), seed, title)


def write_wordtest(test: WordTest, out: Path | str) -> tuple[Path, ...]:
    """Write the papers (one per form) and the key beside ``out`` (``.html``, or ``.pdf``
    for HTML and PDF); return the files written, the key last.

    Raises:
        ValueError: another suffix.
        PdfError: a PDF and no Chromium-type browser or Korean font, or printing failed.
    """
    from .pdf import check_korean_font, print_all, require_browser

    out = Path(out)
    if out.suffix.lower() not in (".html", ".pdf"):
        raise ValueError(
            f"cannot write the word test to {out.name!r}: the file name must end in .pdf or .html"
        )
    browser = None
    if out.suffix.lower() == ".pdf":
        browser = require_browser()
        check_korean_font()
    out.parent.mkdir(parents=True, exist_ok=True)
    stem = out.with_suffix("")
    pages = []
    for label, items in test.forms:
        path = Path(f"{stem}-{label}.html")
        write_text_atomic(
            path, render("wordtest.html.j2", test=test, forms=[(label, items)], key=False)
        )
        pages.append(path)
    key = Path(f"{stem}-key.html")
    write_text_atomic(key, render("wordtest.html.j2", test=test, forms=test.forms, key=True))
    pages.append(key)
    if browser is None:
        return tuple(pages)
    return tuple(pages) + print_all(pages, browser)
