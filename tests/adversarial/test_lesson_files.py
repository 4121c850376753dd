"""Careless and hostile lesson files: `dokhae check` names the file, the line and the fix,
exits 1, and never shows a traceback or hangs (issue 14)."""

from __future__ import annotations

import os
import time

import pytest

from conftest import dokhae

BOMB = "".join(
    f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    for prev, name in zip("abcdefgh", "bcdefghi")
)


def check(content):
    return dokhae("check", content.root)


def test_alias_bomb_is_refused_at_its_line_in_no_time(content):
    content.exercises.write_text(
        "schema_version: 1\nlesson: mini-lesson\n"
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + BOMB,
        encoding="utf-8",
    )
    start = time.monotonic()
    result = check(content)
    assert time.monotonic() - start < 10
    assert result.code == 1
    assert "exercises/mini-lesson.yaml:4: error: YAML alias *a" in result.out
    assert "write the value out" in result.out
    assert "Traceback" not in result.out


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("x: " + "[" * 3000 + "]" * 3000 + "\n", "nested more than 40 levels"),
        ("schema_version: 1\nslug: " + "9" * 5000 + "\n", "a value cannot be read"),
        ("schema_version: 1\ntitle: &t x\nsubtitle: *t\n", "YAML alias *t"),
        ("schema_version: [1\n", "YAML syntax error"),
        ("- just\n- a list\n", "must be a YAML mapping"),
    ],
    ids=["deep-brackets", "huge-integer", "small-alias", "unclosed-bracket", "list-not-mapping"],
)
def test_bad_lesson_yaml_is_a_message_with_the_file(content, yaml_text, expected):
    content.meta.write_text(yaml_text, encoding="utf-8")
    result = check(content)
    assert result.code == 1
    assert "articles/mini-lesson/lesson.yaml" in result.out
    assert expected in result.out
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("character", ["\x07", "\x1b", "\x85", "\ufffe"])
def test_control_character_in_yaml_is_named_with_its_line_and_removed(content, character):
    text = content.exercises.read_text(encoding="utf-8")
    content.exercises.write_text(
        text.replace("Fill in the gap.", f"Fill in{character} the gap."), encoding="utf-8"
    )
    result = check(content)
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "Fill in the gap." in row)
    assert (
        f"exercises/mini-lesson.yaml:{line}: warning: invisible control character "
        f"U+{ord(character):04X}"
    ) in result.out
    assert result.code == 0  # nothing else is wrong: the lesson still loads


def test_control_character_in_a_glossary_cell_is_named_and_kept_out_of_the_lesson(content):
    from dokhae import load_lesson

    text = content.glossary.read_text(encoding="utf-8-sig")
    content.glossary.write_text(
        text.replace("to start again after a pause", "to start\x0b again"), encoding="utf-8"
    )
    result = check(content)
    assert "glossary/mini-lesson.csv:2: warning: invisible control character U+000B" in result.out
    lesson = load_lesson("mini-lesson", content.root)
    assert lesson.glossary[0].definition == "to start again"


def test_symlink_loop_is_named(content):
    content.exercises.unlink()
    os.symlink(content.exercises, content.exercises)
    result = check(content)
    assert result.code == 1
    assert (
        "exercises/mini-lesson.yaml: error: a symbolic link that points back to itself"
        in result.out
    )


def test_dangling_symlink_is_named(content):
    content.glossary.unlink()
    os.symlink(content.root / "nowhere.csv", content.glossary)
    result = check(content)
    assert result.code == 1
    assert "a symbolic link to a file that does not exist" in result.out


def test_folder_in_place_of_a_file(content):
    content.exercises.unlink()
    content.exercises.mkdir()
    result = check(content)
    assert result.code == 1
    assert "exercises/mini-lesson.yaml: error: this is a folder, not a file" in result.out


def test_huge_file_is_not_read(content):
    with content.exercises.open("ab") as f:
        f.write(b"# " + b"x" * 6_000_000 + b"\n")
    result = check(content)
    assert result.code == 1
    assert "larger than 5 MB" in result.out


def test_glossary_saved_as_excel_workbook_is_named(content):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["id", "headword"])
    book.save(content.glossary)  # Excel "helped": a workbook under the .csv name
    result = check(content)
    assert result.code == 1
    assert (
        "glossary/mini-lesson.csv: error: this is a zip file (an Excel .xlsx workbook" in result.out
    )
    assert "CSV UTF-8" in result.out


def test_binary_article_is_named(content):
    content.en.write_bytes(b"h1 | x\x00\x00\x00\x01\x02")
    result = check(content)
    assert result.code == 1
    assert "article.en.md: error: this is not a text file (it holds NUL bytes)" in result.out


@pytest.mark.parametrize(
    "slug", ["../../etc/passwd", "../mini-lesson", "Mini Lesson", "mini/../mini-lesson"]
)
def test_slug_that_leaves_the_content_folder_is_refused(content, slug, monkeypatch):
    monkeypatch.chdir(content.root)
    monkeypatch.setenv("DOKHAE_CONTENT", str(content.root))
    result = dokhae("check", slug)
    assert result.code == 1
    assert f"{slug!r} is not a lesson name" in result.out


def test_schema_error_does_not_hide_the_other_problems_of_the_file(content):
    text = content.exercises.read_text(encoding="utf-8")
    text = text.replace(
        "    answer: a\n", "    answer: a\n    colour: red\n", 1
    )  # schema error in q1
    text = text.replace("sentences: [p2s1]", "sentences: [p9s9]", 1)  # cross-reference error in q2
    text = text.replace(
        "answer: [old, new]", "answer: [old, nope]", 1
    )  # cross-reference error in q3
    content.exercises.write_text(text, encoding="utf-8")
    result = check(content)
    assert result.code == 1
    assert "questions[0].colour: unknown field" in result.out
    assert "q2.sentences: no sentence with this id in the article (value: 'p9s9')" in result.out
    assert "q3.answer: the answer must list every item id exactly once" in result.out
    # the cross-reference errors name the right lines of the file
    lines = text.split("\n")
    q2_line = next(i for i, row in enumerate(lines, 1) if "p9s9" in row)
    assert f"exercises/mini-lesson.yaml:{q2_line}: error: q2.sentences" in result.out


def test_schema_errors_in_two_questions_are_both_listed(content):
    text = content.exercises.read_text(encoding="utf-8")
    text = text.replace("type: cloze", "type: clozee", 1).replace(
        "skill: timeline", "skill: timelines", 1
    )
    content.exercises.write_text(text, encoding="utf-8")
    result = check(content)
    assert result.code == 1
    assert "questions[1]" in result.out and "questions[2]" in result.out
