"""Exports a teacher opens in Excel, the command line's one exception boundary, `lesson new`
given the wrong language, a student's odd check() calls and progress stores (issue 14)."""

from __future__ import annotations

import csv
import errno
import importlib
import io
import json
import os

import pytest

from conftest import LESSON, answer, dokhae
from dokhae.spreadsheet import restore_cell, safe_cell, write_excel

FORMULAS = [
    '=HYPERLINK("http://evil","click")',
    "@SUM(A1:A9)",
    "+1+1",
    "-2+3",
    "=cmd|' /C calc'!A0",
]


def _set_notes(content, value: str) -> None:
    rows = list(csv.reader(io.StringIO(content.glossary.read_text(encoding="utf-8-sig"))))
    rows[1][rows[0].index("notes")] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    content.glossary.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("formula", FORMULAS, ids=["hyperlink", "at", "plus", "minus", "dde"])
def test_glossary_cell_starting_a_formula_is_text_in_csv_and_excel(
    content, tmp_path, formula, monkeypatch
):
    from openpyxl import load_workbook

    _set_notes(content, formula)
    monkeypatch.setenv("DOKHAE_CONTENT", str(content.root))
    for name in ("g.csv", "g.xlsx"):
        result = dokhae("export", "glossary", "mini-lesson", "-o", tmp_path / name)
        assert result.code == 0, result.out
    rows = list(csv.reader(io.StringIO((tmp_path / "g.csv").read_bytes().decode("utf-8-sig"))))
    notes = rows[1][rows[0].index("notes")]
    assert notes.startswith("'") and restore_cell(notes) == formula.strip()
    sheet = load_workbook(tmp_path / "g.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == formula.strip() and c.quotePrefix for c in cells)


def test_glossary_csv_opens_in_korean_excel(content, tmp_path, monkeypatch):
    monkeypatch.setenv("DOKHAE_CONTENT", str(content.root))
    dokhae("export", "glossary", "mini-lesson", "-o", tmp_path / "g.csv")
    data = (tmp_path / "g.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "재개하다".encode() in data


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-12.5", "-12.5"),
        ("+82", "+82"),
        ("3", "3"),
        ("a=b", "a=b"),
        ("-", "'-"),
        ("=", "'="),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("=\x07x", "'=x"),
    ],
)
def test_plain_numbers_are_not_quoted(value, expected):
    assert safe_cell(value) == expected


def test_characters_excel_cannot_hold_are_dropped_not_fatal(tmp_path):
    import pandas as pd
    from openpyxl import load_workbook

    write_excel(
        tmp_path / "x.xlsx",
        {"s": pd.DataFrame({"a": ["bell\x07 and\x1b escape", 1.5, None], "b": [1, 2, 3]})},
    )
    values = [c.value for c in load_workbook(tmp_path / "x.xlsx").active["A"]]
    assert values == ["a", "bell and escape", 1.5, None]


def test_a_failed_export_leaves_the_old_file(content, tmp_path, monkeypatch):
    import openpyxl.workbook.workbook as workbook

    target = tmp_path / "g.xlsx"
    target.write_bytes(b"the teacher's earlier export")

    def broken_save(self, filename):
        with open(filename, "wb") as f:
            f.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device", str(filename))

    monkeypatch.setattr(workbook.Workbook, "save", broken_save)
    monkeypatch.setenv("DOKHAE_CONTENT", str(content.root))
    result = dokhae("export", "glossary", "mini-lesson", "-o", target)
    assert result.code == 1
    assert "disk is full" in result.out and "디스크가 가득 찼습니다" in result.out
    assert target.read_bytes() == b"the teacher's earlier export"
    assert [p.name for p in tmp_path.iterdir() if p.name != "content"] == [
        "g.xlsx"
    ]  # no temporary file


@pytest.mark.parametrize("where", ["a-file/inside.csv", "a-folder"])
def test_export_out_is_a_file_or_a_folder(content, tmp_path, monkeypatch, where):
    (tmp_path / "a-file").write_text("notes", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    target = tmp_path / where
    if where == "a-folder":
        target = tmp_path / "a-folder.csv"
        target.mkdir()
    monkeypatch.setenv("DOKHAE_CONTENT", str(content.root))
    result = dokhae("export", "glossary", "mini-lesson", "-o", target)
    assert result.code == 1
    assert "Traceback" not in result.out
    assert ("is a file" in result.out) if where != "a-folder" else ("is a folder" in result.out)
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "notes"


def test_report_csv_with_a_formula_name(tmp_path):
    from dokhae.teacher import assign, grade, report

    roster = tmp_path / "r.csv"
    roster.write_text('student_id,name\ns1,"=1+2"\ns2,@evil\n', encoding="utf-8")
    made = assign(LESSON, roster, tmp_path / "hw", exercises=["main-idea"], assignment_id="hw1")
    answer(made.folder("s1"), {"main-idea": "a"})
    result = grade(made.students_dir, made.key_path)
    paths = report(result.gradebook_path).save(tmp_path / "rep")
    text = paths["students"].read_bytes().decode("utf-8-sig")
    assert "'=1+2" in text and "'@evil" in text
    assert not any(
        cell.startswith(("=", "@")) for row in csv.reader(io.StringIO(text)) for cell in row
    )


# --------------------------------------------------------------------------- the CLI boundary


def _explode(*args, **kwargs):
    raise KeyError("something nobody foresaw")


def test_unexpected_error_is_a_message_with_what_to_do(monkeypatch):
    monkeypatch.setattr(importlib.import_module("dokhae.validation"), "validate", _explode)
    result = dokhae("check")
    assert result.code == 1
    assert "dokhae stopped on a problem it did not expect (KeyError" in result.out
    assert "예상하지 못한 문제" in result.out and "--debug" in result.out
    assert "Traceback" not in result.out


def test_debug_shows_the_traceback(monkeypatch):
    monkeypatch.setattr(importlib.import_module("dokhae.validation"), "validate", _explode)
    result = dokhae("--debug", "check")
    assert isinstance(result.exception, KeyError)
    monkeypatch.setenv("DOKHAE_DEBUG", "1")
    assert isinstance(dokhae("check").exception, KeyError)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "permission denied"),
        (errno.ENOSPC, "disk is full"),
        (errno.ENAMETOOLONG, "too long"),
        (errno.EROFS, "read-only"),
    ],
)
def test_file_system_errors_name_the_fix(monkeypatch, code, expected):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code), "/some/where")

    monkeypatch.setattr(importlib.import_module("dokhae.validation"), "validate", fail)
    result = dokhae("check")
    assert result.code == 1 and expected in result.out and "/some/where" in result.out


# --------------------------------------------------------------------------- lesson new


def test_korean_article_given_as_english_is_refused(tmp_path):
    article = tmp_path / "기사.txt"
    article.write_text(
        "한국과 EU, 철강 대화 재개\n\n양측은 수요일 대화를 재개했다. 회의는 부산에서 열렸다.\n",
        encoding="utf-8",
    )
    result = dokhae("lesson", "new", "ko-test", "--from", article, "--root", tmp_path / "c")
    assert result.code == 1
    assert "--from-korean" in result.out and "Korean" in result.out
    assert not (tmp_path / "c").exists()


def test_english_article_given_as_korean_is_refused(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Korea and EU resume steel talks\n\nThe two sides resumed their dialogue.\n",
        encoding="utf-8",
    )
    result = dokhae("lesson", "new", "en-test", "--from-korean", article, "--root", tmp_path / "c")
    assert result.code == 1 and "--from " in result.out
    assert not (tmp_path / "c").exists()


def test_lesson_new_from_a_workbook(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = dokhae("lesson", "new", "x-test", "--from", article, "--root", tmp_path / "c")
    assert result.code == 1 and "Traceback" not in result.out
    assert not (tmp_path / "c" / "articles" / "x-test").exists()


# --------------------------------------------------------------------------- a student's notebook


@pytest.mark.parametrize("exercise_id", [5, ["main-idea"], None, {"id": "main-idea"}, 3.5])
def test_check_with_an_id_that_is_not_text(assigned, tmp_path, exercise_id):
    import shutil

    import dokhae.homework as homework

    folder = tmp_path / "s1"
    shutil.copytree(assigned.made.folder("s1"), folder)
    homework.start(folder)
    shown = homework.check(exercise_id, "a")
    text = shown._repr_html_() if hasattr(shown, "_repr_html_") else str(shown)
    assert "hw1" in text or "no exercise" in text.lower() or "없습니다" in text
    assert not (folder / "answers.json").exists()


def test_answers_saved_although_the_progress_store_is_damaged(assigned, tmp_path, monkeypatch):
    import shutil

    import dokhae.homework as homework

    store = tmp_path / "progress.sqlite3"
    store.write_bytes(b"not a database at all" * 10)
    monkeypatch.setenv("DOKHAE_PROGRESS", str(store))
    folder = tmp_path / "s1"
    shutil.copytree(assigned.made.folder("s1"), folder)
    homework.start(folder)
    homework.check("name-of-cbam", "my answer")
    saved = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    assert saved["answers"]["name-of-cbam"]["value"] == "my answer"
    assert store.read_bytes() == b"not a database at all" * 10


def test_progress_store_that_is_a_folder(tmp_path):
    from dokhae.progress import ProgressStore, ProgressStoreError

    (tmp_path / "p").mkdir()
    with pytest.raises(ProgressStoreError) as caught:
        ProgressStore(tmp_path / "p")
    assert str(tmp_path / "p") in str(caught.value)


def test_report_out_pointing_at_a_file(assigned, tmp_path):
    from dokhae.teacher import grade

    result = grade(
        assigned.made.students_dir,
        assigned.key,
        gradebook_path=tmp_path / "b.sqlite3",
        manual_marks=tmp_path / "m.csv",
    )
    target = tmp_path / "report.txt"
    target.write_text("my notes", encoding="utf-8")
    shown = dokhae("report", result.gradebook_path, "-o", target)
    assert shown.code == 1 and "Traceback" not in shown.out
    assert "is a file, but a folder is needed" in shown.out
    assert target.read_text(encoding="utf-8") == "my notes"


def test_nbgrader_source_title_is_text():
    from dokhae.teacher.key import AnswerKey
    from dokhae.teacher.nbgrader_bridge import source_notebook

    key = AnswerKey(
        assignment_id="hw1", lesson=LESSON, exercises=(), questions={}, templates={}, students={}
    )
    header = source_notebook(key, {"en": "<b onmouseover=x>t</b>", "ko": "# 제목"})["cells"][0][
        "source"
    ]
    header = "".join(header) if isinstance(header, list) else header
    assert "<b onmouseover" not in header and "# \\# 제목" in header


def test_worksheet_for_a_roster_with_markup_in_names(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(
        'student_id,name\ns1,"<script>alert(1)</script>"\ns2,"=1+1 <b>bold</b>"\n', encoding="utf-8"
    )
    result = dokhae(
        "export",
        "worksheet",
        LESSON,
        "-o",
        tmp_path / "w.html",
        "--roster",
        roster,
        "--id",
        "hw1",
        "-e",
        "main-idea",
    )
    assert result.code == 0, result.out
    page = (tmp_path / "w.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
