"""The glossary as an Anki deck (``.apkg``), written with genanki.

One note per glossary entry (cards English→Korean and Korean→English) and cloze notes
on the article's sentences: one per English sentence that holds glossary words, and one
per Korean sentence that holds the Korean words of entries for learners of Korean
(audience ``ko``/``both``; grammar patterns are explained, not clozed). The model and deck ids are fixed
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
    "Pronunciation",
    "Note",
    "Korean note",
)
"""The note type's fields. New ones go at the end (Pronunciation and the two notes came
with issue 25): a deck imported before needs "merge note types" on its next import."""

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
            "afmt": _EN_KO_BACK + '<div class="small">{{Definition}}</div>'
            '{{#Note}}<div class="small">{{Note}}</div>{{/Note}}',
        },
        {  # the card of a learner of Korean: the pronunciation and the note on the Korean word
            "name": "Korean → English",
            "qfmt": '<div class="korean">{{Korean}}</div><div class="example">{{Example Korean}}</div>',
            "afmt": "{{FrontSide}}<hr id=answer>"
            '{{#Pronunciation}}<div class="small">{{Pronunciation}}</div>{{/Pronunciation}}'
            '<div class="english">{{English}}</div>'
            '<div class="small">{{Definition}}</div><div class="example">{{Example}}</div>'
            '{{#Korean note}}<div class="small">{{Korean note}}</div>{{/Korean note}}',
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
        html.escape(e.pronunciation),
        html.escape(e.note_for("en")),
        html.escape(e.note_for("ko")),
    ]


def _cloze_notes(lesson: Lesson, language: str = "en") -> list[genanki.Note]:
    """One cloze note per article sentence in ``language`` holding glossary forms; each
    entry is one cloze, its hint the other language's word. English (``"en"``): every
    entry whose example sentence it is, the Korean sentence on the back. Korean
    (``"ko"``): the words of such entries for learners of Korean (audience ``ko`` or
    ``both``, no grammar patterns), hinted with the English headword, the English
    sentence on the back; their GUIDs are their own (``cloze-ko``)."""
    other = "ko" if language == "en" else "en"
    by_sentence: dict[str, list[GlossaryEntry]] = {}
    for e in lesson.glossary:
        if language == "ko" and (e.audience == "en" or e.pos == "grammar"):
            continue
        by_sentence.setdefault(e.sentence_id, []).append(e)
    notes = []
    for sentence_id, sentence in lesson.article.sentences.items():
        entries = by_sentence.get(sentence_id)
        if not entries:
            continue
        said: str = getattr(sentence, language)

        # a form holding cloze syntax ("{", ":") cannot be a cloze
        def clozable(term, text=said):
            return "{" not in text[term.start : term.end] and ":" not in text[term.start : term.end]

        found = find_terms(said, entries, language, sentence_id=sentence_id)
        order = [t.entry.id for t in found if clozable(t)]
        number = {entry_id: n for n, entry_id in enumerate(dict.fromkeys(order), start=1)}
        if not number:
            continue

        def cloze(s: str, term: Term, number: dict[str, int] = number) -> str:
            hint = term.entry.korean if language == "en" else term.entry.headword
            return f"{{{{c{number[term.entry.id]}::{s}::{html.escape(hint)}}}}}"

        text = _mark(said, entries, language, cloze, keep=clozable)
        kind = "cloze" if language == "en" else "cloze-ko"
        notes.append(
            genanki.Note(
                model=genanki.CLOZE_MODEL,
                fields=[text, html.escape(getattr(sentence, other))],
                guid=genanki.guid_for(GUID_NAMESPACE, lesson.slug, kind, sentence_id),
                tags=["dokhae", lesson.slug, "cloze"] + ([] if language == "en" else ["korean"]),
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
    for note in [*_cloze_notes(lesson, "en"), *_cloze_notes(lesson, "ko")]:
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
