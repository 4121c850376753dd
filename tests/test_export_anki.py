"""`dokhae export anki`: the deck imports into the official Anki library, and re-imports update.

The ``anki`` package (AGPL, test-only) opens a temporary collection headlessly.
"""

from __future__ import annotations

import re
import time

import anki.collection as anki_collection
import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.export import MODEL_ID, anki_deck, write_anki
from dokhae.export.apkg import MODEL


def clozes(lesson) -> int:
    """The number of cloze cards: the distinct cloze numbers of each cloze note."""
    deck = anki_deck(lesson)
    return sum(
        len(set(re.findall(r"\{\{c(\d+)::", n.fields[0])))
        for n in deck.notes
        if n.model.model_id != MODEL_ID
    )


@pytest.fixture
def collection(tmp_path):
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def import_deck(col, path):
    options = anki_collection.ImportAnkiPackageOptions(with_scheduling=False)
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(path.resolve()), options=options
    )
    return col.import_anki_package(request).log


def test_cli_writes_a_deck(lesson, tmp_path):
    out = tmp_path / "deck.apkg"
    result = CliRunner().invoke(main, ["export", "anki", lesson.slug, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0 and "notes of steel-dialogue-2023" in result.output
    bad = CliRunner().invoke(main, ["export", "anki", "-o", str(tmp_path / "deck.zip")])
    assert bad.exit_code == 1 and "must end in .apkg" in bad.output


def test_fields_are_escaped_and_example_is_highlighted(lesson):
    entry = lesson.glossary[0]
    hostile = entry.model_copy(update={"ko": ("<i>&공백",), "definition": "a <pause> & break"})
    deck = anki_deck(lesson.model_copy(update={"glossary": (hostile, *lesson.glossary[1:])}))
    fields = dict(zip(["English", "Korean", "Definition", "Example"], deck.notes[0].fields))
    assert fields["Korean"] == "&lt;i&gt;&amp;공백"
    assert fields["Definition"] == "a &lt;pause&gt; &amp; break"
    assert "<b>hiatus</b>" in fields["Example"]
    assert '"Noto Sans KR", "Nanum Gothic"' in MODEL.css and "sans-serif" in MODEL.css


def test_deck_imports_and_reimport_updates_instead_of_duplicating(lesson, tmp_path, collection):
    n_entries, n_clozes = len(lesson.glossary), clozes(lesson)
    n_cloze_notes = len(anki_deck(lesson).notes) - n_entries
    assert n_cloze_notes > 0 and n_clozes >= n_cloze_notes

    first = write_anki(lesson, tmp_path / "first.apkg", timestamp=time.time() - 3600)
    log = import_deck(collection, first)
    assert len(log.new) == n_entries + n_cloze_notes
    assert collection.note_count() == n_entries + n_cloze_notes
    assert collection.card_count() == 2 * n_entries + n_clozes
    # Anki gives the deck its own id on import; every card is in the lesson's deck
    assert len(collection.find_cards(f'"deck:dokhae::{lesson.slug}"')) == collection.card_count()

    # the Korean → English card of "steel" shows the Korean on its front
    (nid,) = collection.find_notes('"English:steel"')
    cards = sorted(collection.get_note(nid).cards(), key=lambda c: c.ord)
    assert len(cards) == 2
    question = cards[1].question()
    assert "; ".join(lesson.entry("ko-cheolgang").ko) in question and "<b>철강</b>" in question
    assert "<b>steel</b>" in cards[0].question()
    # a cloze card hides the word and hints at it in Korean
    (cloze_nid,) = collection.find_notes('"Text:*{{c1::resume::*"')
    cloze_question = collection.get_note(cloze_nid).cards()[0].question()
    assert "재개하다" in cloze_question and "{{c1" not in cloze_question
    assert (
        '>[재개하다]</span> <span class="cloze-inactive" data-ordinal="2">dialogue<'
        in cloze_question
    )
    n_notetypes = len(collection.models.all_names_and_ids())

    # a corrected gloss: the same notes are updated, none added
    entry = lesson.entry("ko-cheolgang")
    fixed = entry.model_copy(update={"ko": ("철강(고친 뜻)", *entry.ko[1:])})
    corrected = lesson.model_copy(
        update={"glossary": tuple(fixed if e.id == entry.id else e for e in lesson.glossary)}
    )
    second = write_anki(corrected, tmp_path / "second.apkg")
    log = import_deck(collection, second)
    assert len(log.new) == 0
    assert len(log.updated) >= 1
    assert collection.note_count() == n_entries + n_cloze_notes
    assert collection.card_count() == 2 * n_entries + n_clozes
    assert len(collection.models.all_names_and_ids()) == n_notetypes
    assert collection.get_note(nid)["Korean"].startswith("철강(고친 뜻)")
