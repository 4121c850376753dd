"""`dokhae export wordtest`: a 단어 시험지 from the glossary, forms A/B, key."""

from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.export.wordtest import make_wordtest, write_wordtest
from dokhae.export.worksheet_article import vocabulary_entries


def listed(page: str) -> list[tuple[str, str]]:
    """``(entry id, text of the line)`` of every word of a page, in printed order."""
    return [
        (entry, html.unescape(re.sub(r"<[^>]*>", "", body)))
        for entry, body in re.findall(r'<li data-entry="([^"]+)">(.*?)</li>', page, re.DOTALL)
    ]


def test_forms_ask_the_same_words_in_another_order_with_their_keys(lesson, tmp_path):
    test = make_wordtest(lesson, seed=5, count=16)
    (a, items_a), (b, items_b) = test.forms
    assert (a, b) == ("A", "B")
    assert sorted(i.entry_id for i in items_a) == sorted(i.entry_id for i in items_b)
    assert [i.entry_id for i in items_a] != [i.entry_id for i in items_b]
    directions = [i.direction for i in items_a]
    assert directions == sorted(directions) and directions.count("ko-en") == 8
    files = write_wordtest(test, tmp_path / "w.html")
    assert [f.name for f in files] == ["w-A.html", "w-B.html", "w-key.html"]
    glossary = {e.id: e for e in lesson.glossary}
    key = files[-1].read_text(encoding="utf-8")
    for (label, items), paper in zip(test.forms, files):
        page = paper.read_text(encoding="utf-8")
        assert [e for e, _ in listed(page)] == [i.entry_id for i in items]
        assert "정답" not in page and 'class="answer"' not in page
        section = key.split(f'data-form="{label}"')[1].split("</section>")[0]
        for (entry_id, line), item in zip(listed(section), items):
            entry = glossary[entry_id]
            answer = "; ".join(entry.ko) if item.direction == "en-ko" else entry.headword
            assert line.endswith(f"→ {answer}"), (label, entry_id, line)
            if item.direction == "en-ko":
                assert answer not in listed(page)[[i.entry_id for i in items].index(entry_id)][1]
    assert make_wordtest(lesson, seed=5, count=16) == make_wordtest(lesson, seed=5, count=16)


def test_words_are_chosen_by_level_list_and_audience(lesson):
    levels = {"B2", "C1"}
    chosen = make_wordtest(lesson, seed=1, levels=sorted(levels)).items
    expected = [e.id for e in vocabulary_entries(lesson, "en") if e.level in levels]
    assert [i.entry_id for i in chosen] == expected
    first = vocabulary_entries(lesson, "en")[:2]
    picked = make_wordtest(lesson, seed=1, words=[first[0].headword.upper(), first[1].id]).items
    assert [i.entry_id for i in picked] == [e.id for e in first]
    only_en = make_wordtest(lesson, seed=1, direction="en-ko").items
    assert {i.direction for i in only_en} == {"en-ko"}
    with pytest.raises(ValueError, match="no word 'zebra'"):
        make_wordtest(lesson, words=["zebra"])
    with pytest.raises(ValueError, match="unknown level"):
        make_wordtest(lesson, levels=["D1"])


def test_glossary_text_is_escaped(lesson, tmp_path):
    evil = "<script>alert(1)</script>"
    entry = vocabulary_entries(lesson, "en")[0]
    bad_entry = entry.model_copy(update={"headword": evil, "ko": (evil,)})
    bad = lesson.model_copy(
        update={"glossary": tuple(bad_entry if e.id == entry.id else e for e in lesson.glossary)}
    )
    for path in write_wordtest(make_wordtest(bad, seed=2, words=[entry.id]), tmp_path / "w.html"):
        page = path.read_text(encoding="utf-8")
        assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_command_names_its_files_and_seed(lesson, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "export",
            "wordtest",
            lesson.slug,
            "-o",
            str(tmp_path / "w.html"),
            "-n",
            "6",
            "--seed",
            "9",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        "6 words" in result.output and "seed 9" in result.output and "w-key.html" in result.output
    )
    bad = CliRunner().invoke(
        main, ["export", "wordtest", lesson.slug, "-o", str(tmp_path / "w.docx")]
    )
    assert bad.exit_code == 1 and "must end in .pdf or .html" in bad.output
