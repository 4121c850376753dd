"""The glossary as an Anki deck (``.apkg``), written with genanki.

One note per glossary entry (cards English→Korean and Korean→English) and one cloze
note per article sentence that holds glossary words. The model and deck ids are fixed
and every note's GUID comes from the lesson slug and the entry (or sentence) id, so
importing a re-exported deck updates the notes already in Anki instead of adding
duplicates. Glossary and article text is plain text: it is HTML-escaped before it goes
into a field.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import genanki

from ..json_files import atomic_output
from ..lesson import GlossaryEntry, Lesson
from ..terms import Term, find_terms

MODEL_ID = 1738204917
"""The id of the dokhae note type. Never change it: Anki would make a new note type."""
DECK_ID = 1946102385
"""The id of the dokhae deck. Never change it."""
GUID_NAMESPACE = "dokhae"

FIELDS = (
    "English",
    "Korean",
    "Definition",
    "Example",
    "Example Korean",
    "Romanization",
    "Hanja",
    "Level",
)

CSS = """\
.card {
  font-family: "Noto Sans KR", "Nanum Gothic", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
  font-size: 22px;
  text-align: center;
  color: black;
  background-color: white;
}
.example { font-size: 18px; margin-top: 0.8em; }
.small { font-size: 16px; color: #555; }
"""

_EN_KO_BACK = (
    '{{FrontSide}}<hr id=answer><div class="korean">{{Korean}}</div>'
    '<div class="small">{{Romanization}}{{#Hanja}} · {{Hanja}}{{/Hanja}}</div>'
    '<div class="example">{{Example Korean}}</div>'
)
MODEL = genanki.Model(
    MODEL_ID,
    "dokhae bilingual vocabulary",
    fields=[{"name": name} for name in FIELDS],
    templates=[
        {
            "name": "English → Korean",
            "qfmt": '<div class="english">{{English}}</div><div class="example">{{Example}}</div>'
            '<div class="small">{{Level}}</div>',
            "afmt": _EN_KO_BACK + '<div class="small">{{Definition}}</div>',
        },
        {
            "name": "Korean → English",
            "qfmt": '<div class="korean">{{Korean}}</div><div class="example">{{Example Korean}}</div>',
            "afmt": '{{FrontSide}}<hr id=answer><div class="english">{{English}}</div>'
            '<div class="small">{{Definition}}</div><div class="example">{{Example}}</div>',
        },
    ],
    css=CSS,
)


def _mark(
    text: str,
    entries: list[GlossaryEntry],
    language: str,
    wrap: Callable[[str, Term], str],
    keep: Callable[[Term], bool] = lambda term: True,
) -> str:
    """``text`` HTML-escaped, each glossary form found (and kept) replaced by ``wrap(escaped form, term)``."""
    out: list[str] = []
    at = 0
    for term in find_terms(text, entries, language):
        if not keep(term):
            continue
        out.append(html.escape(text[at : term.start]))
        out.append(wrap(html.escape(text[term.start : term.end]), term))
        at = term.end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _bold(text: str, entry: GlossaryEntry, language: str) -> str:
    return _mark(text, [entry], language, lambda s, _: f"<b>{s}</b>")


def _entry_fields(lesson: Lesson, e: GlossaryEntry) -> list[str]:
    sentence = lesson.article.sentences.get(e.sentence_id)
    example_en, example_ko = (
        (sentence.en, sentence.ko) if sentence else (e.example_en, e.example_ko)
    )
    return [
        html.escape(e.headword),
        html.escape("; ".join(e.ko)),
        html.escape(e.definition),
        _bold(example_en, e, "en"),
        _bold(example_ko, e, "ko"),
        html.escape(e.romanization),
        html.escape(e.hanja),
        html.escape(e.level),
    ]


def _cloze_notes(lesson: Lesson) -> list[genanki.Note]:
    """One cloze note per article sentence holding glossary forms; each entry is one cloze."""
    by_sentence: dict[str, list[GlossaryEntry]] = {}
    for e in lesson.glossary:
        by_sentence.setdefault(e.sentence_id, []).append(e)
    notes = []
    for sentence_id, sentence in lesson.article.sentences.items():
        entries = by_sentence.get(sentence_id)
        if not entries:
            continue

        # a form holding cloze syntax ("{", ":") cannot be a cloze
        def clozable(term, text=sentence.en):
            return "{" not in text[term.start : term.end] and ":" not in text[term.start : term.end]

        order = [t.entry.id for t in find_terms(sentence.en, entries, "en") if clozable(t)]
        number = {entry_id: n for n, entry_id in enumerate(dict.fromkeys(order), start=1)}
        if not number:
            continue

        def cloze(s: str, term: Term, number: dict[str, int] = number) -> str:
            return f"{{{{c{number[term.entry.id]}::{s}::{html.escape(term.entry.korean)}}}}}"

        text = _mark(sentence.en, entries, "en", cloze, keep=clozable)
        notes.append(
            genanki.Note(
                model=genanki.CLOZE_MODEL,
                fields=[text, html.escape(sentence.ko)],
                guid=genanki.guid_for(GUID_NAMESPACE, lesson.slug, "cloze", sentence_id),
                tags=["dokhae", lesson.slug, "cloze"],
            )
        )
    return notes


def anki_deck(lesson: Lesson) -> genanki.Deck:
    """The lesson's deck: a vocabulary note per glossary entry and the cloze notes."""
    deck = genanki.Deck(DECK_ID, f"dokhae::{lesson.slug}")
    for e in lesson.glossary:
        deck.add_note(
            genanki.Note(
                model=MODEL,
                fields=_entry_fields(lesson, e),
                guid=genanki.guid_for(GUID_NAMESPACE, lesson.slug, e.id),
                tags=["dokhae", lesson.slug, e.level],
            )
        )
    for note in _cloze_notes(lesson):
        deck.add_note(note)
    return deck


def write_anki(lesson: Lesson, path: Path | str, *, timestamp: float | None = None) -> Path:
    """Write the lesson's Anki deck to ``path`` (an ``.apkg`` file) and return the path.

    ``timestamp`` (seconds since the epoch; default: now) is the notes' modification time.
    Anki updates a note on import only when the deck's copy is newer.
    """
    path = Path(path)
    if path.suffix.lower() != ".apkg":
        raise ValueError(
            f"cannot write an Anki deck to {path.name!r}: the file name must end in .apkg"
        )
    with atomic_output(path) as tmp:  # a failed write leaves the old deck as it was
        genanki.Package(anki_deck(lesson)).write_to_file(str(tmp), timestamp=timestamp)
    return path
