"""Rosters, submissions, LMS zips, answers, keys, manual marks and the command line, as
careless teachers and students who want to break grading make them (issue 14)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import LESSON, answer, dokhae
from dokhae.teacher import assign, grade
from dokhae.teacher.roster import RosterError, read_roster

# `-e ID` for each exercise an assignment in these tests holds
EXERCISE_OPTIONS = [
    option
    for exercise in ("main-idea", "name-of-cbam", "ref-two-sides", "dialogue-number")
    for option in ("-e", exercise)
]

# --------------------------------------------------------------------------- rosters


def test_roster_with_doubled_quotes_is_read_as_excel_writes_it(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(
        'student_id,name\n1,"Kim ""Jimmy"" Min-jun"\n2,"Lee, Ji-eun"\n', encoding="utf-8"
    )
    assert [s.name for s in read_roster(roster)] == ['Kim "Jimmy" Min-jun', "Lee, Ji-eun"]


def test_student_id_longer_than_a_file_name_is_refused_with_its_line(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("student_id,name\ns1,Kim\n" + "x" * 300 + ",Lee\n", encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        read_roster(roster)
    assert "r.csv:3: error: student_id: the id is longer than 64 characters (300)" in str(
        caught.value
    )


def test_assign_with_a_too_long_id_tells_the_line_and_writes_nothing(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("student_id,name\n" + "가" * 100 + ",Kim\n", encoding="utf-8")
    result = dokhae("assign", roster, "-o", tmp_path / "hw", "-e", "main-idea", "--id", "hw1")
    assert result.code == 1
    assert "r.csv:2" in result.out and "longer than 64" in result.out
    assert not (tmp_path / "hw").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "this is a zip file"),
        ("학번,이름\n2024001,김민준\x0b\n".encode("cp949"), "invisible control character U+000B"),
        (b"student_id,name\n1.23E+09,Kim\n", "scientific notation"),
    ],
    ids=["xlsx-saved-as-csv", "cp949-with-vertical-tab", "excel-shortened-id"],
)
def test_roster_that_excel_helped_with(tmp_path, content, expected):
    roster = tmp_path / "r.csv"
    roster.write_bytes(content)
    try:
        found = str(read_roster(roster).report)
    except RosterError as err:
        found = str(err)
    assert expected in found


def test_roster_name_with_markup_is_text_in_the_notebook(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(
        'student_id,name\ns1,"<img src=x onerror=alert(1)> **[click](http://evil)**"\n'
        "s2,# Heading\n",
        encoding="utf-8",
    )
    made = assign(LESSON, roster, tmp_path / "hw", exercises=["main-idea"], assignment_id="hw1")
    for sid in ("s1", "s2"):
        notebook = json.loads((made.folder(sid) / "assignment.ipynb").read_text(encoding="utf-8"))
        header = notebook["cells"][0]["source"]
        assert "<img" not in header and "[click](http" not in header and "**[" not in header
        assert "\n# Heading" not in header
    header = json.loads((made.folder("s1") / "assignment.ipynb").read_text(encoding="utf-8"))[
        "cells"
    ][0]["source"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in header


def test_lesson_title_with_markup_is_text_in_the_notebook():
    from dokhae.homework.files import Manifest
    from dokhae.teacher.notebook import student_notebook

    manifest = Manifest(
        assignment_id="hw1", student_id="s1", lesson=LESSON, exercises=(), seed=1, name="Kim"
    )
    nb = student_notebook(
        manifest, [], {"en": "<script>alert(1)</script>", "ko": "[x](javascript:alert(1))"}
    )
    header = nb["cells"][0]["source"]
    assert "<script>" not in header and "[x](javascript" not in header
    assert "&lt;script&gt;" in header


# --------------------------------------------------------------------------- assign again


def test_assign_again_keeps_answers_and_refuses_to_replace_a_worked_notebook(assigned, tmp_path):
    out = tmp_path / "hw"
    shutil.copytree(assigned.made.out_dir, out)
    answer(out / "students" / "s1", {"name-of-cbam": "my answer"})
    notebook = out / "students" / "s2" / "assignment.ipynb"
    notebook.write_text(
        notebook.read_text(encoding="utf-8").replace("check(", "# my work\ncheck(", 1),
        encoding="utf-8",
    )
    worked = notebook.read_text(encoding="utf-8")
    result = dokhae(
        "assign",
        assigned.roster,
        "-o",
        out,
        "--id",
        "hw1",
        *EXERCISE_OPTIONS,
    )
    assert result.code == 1
    assert "s2" in result.out and "--force" in result.out
    assert notebook.read_text(encoding="utf-8") == worked
    answers = json.loads((out / "students" / "s1" / "answers.json").read_text(encoding="utf-8"))
    assert answers["answers"]["name-of-cbam"]["value"] == "my answer"


def test_assign_again_with_force_keeps_the_worked_notebook_as_bak_and_says_so(assigned, tmp_path):
    out = tmp_path / "hw"
    shutil.copytree(assigned.made.out_dir, out)
    answer(out / "students" / "s1", {"name-of-cbam": "my answer"})
    notebook = out / "students" / "s2" / "assignment.ipynb"
    worked = notebook.read_text(encoding="utf-8").replace("check(", "# my work\ncheck(", 1)
    notebook.write_text(worked, encoding="utf-8")
    result = dokhae(
        "assign",
        assigned.roster,
        "-o",
        out,
        "--id",
        "hw1",
        "--force",
        *EXERCISE_OPTIONS,
    )
    assert result.code == 0, result.out
    assert (notebook.parent / "assignment.ipynb.bak").read_text(encoding="utf-8") == worked
    assert "kept as assignment.ipynb.bak" in result.out
    assert "s1" in result.out and "saved answers were kept" in result.out
    assert (
        json.loads((out / "students" / "s1" / "answers.json").read_text(encoding="utf-8"))[
            "answers"
        ]["name-of-cbam"]["value"]
        == "my answer"
    )


def test_assign_again_unchanged_needs_no_force(assigned, tmp_path):
    out = tmp_path / "hw"
    shutil.copytree(assigned.made.out_dir, out)
    result = dokhae(
        "assign",
        assigned.roster,
        "-o",
        out,
        "--id",
        "hw1",
        *EXERCISE_OPTIONS,
    )
    assert result.code == 0, result.out


def test_assign_out_pointing_at_a_file(assigned, tmp_path):
    target = tmp_path / "hw.txt"
    target.write_text("my notes", encoding="utf-8")
    result = dokhae("assign", assigned.roster, "-o", target, "-e", "main-idea")
    assert result.code == 1
    assert "Traceback" not in result.out
    assert str(target) in result.out and "folder" in result.out
    assert target.read_text(encoding="utf-8") == "my notes"


# --------------------------------------------------------------------------- submissions


def _grade(collected, assigned, tmp_path):
    return grade(
        collected,
        assigned.key,
        gradebook_path=tmp_path / "book.sqlite3",
        manual_marks=tmp_path / "marks.csv",
    )


def _deep(depth: int):
    value = "x"
    for _ in range(depth):
        value = [value]
    return value


def _edit_answers(folder: Path, change) -> None:
    path = folder / "answers.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["answers"]["name-of-cbam"].update(value=_deep(600)),
            "nested more than 32 levels",
        ),
        (lambda d: d["answers"].update({"name-of-cbam": "just a string"}), "answers"),
        (lambda d: d.update(answers=[1, 2, 3]), "answers"),
        (lambda d: d.update(student_id={"$ne": None}), "student_id"),
        (lambda d: d.update(version=99), "version"),
        (lambda d: d["answers"]["main-idea"].update(value={"__class__": "x"}), None),
        (lambda d: d["answers"]["dialogue-number"].update(value=1e308 * 10), None),
    ],
    ids=[
        "nested-600-deep",
        "answer-not-object",
        "answers-a-list",
        "id-an-object",
        "newer-version",
        "dict-for-a-choice",
        "infinite-number",
    ],
)
def test_one_hostile_answers_file_never_stops_the_class(
    assigned, collected, tmp_path, change, expected
):
    _edit_answers(collected / "s2", change)
    result = _grade(collected, assigned, tmp_path)
    assert {"s1", "s3"} <= set(result.submitted)
    shown = "\n".join(map(str, result.problems))
    if expected is not None:
        assert "s2" not in result.submitted
        assert "s2/answers.json" in shown and expected in shown


def test_answers_file_with_thousands_of_digits_is_damaged_not_fatal(assigned, collected, tmp_path):
    path = collected / "s2" / "answers.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"seed": ', '"seed": ' + "9" * 5000 + ', "x": '),
        encoding="utf-8",
    )
    result = _grade(collected, assigned, tmp_path)
    assert {"s1", "s3"} <= set(result.submitted) and "s2" not in result.submitted
    assert any("s2/answers.json" in p.file and "damaged" in p.message for p in result.problems)


@pytest.mark.parametrize(
    "cells",
    [
        [1, "two", None],
        [{"cell_type": "code", "source": 5}],
        [{"cell_type": "code", "source": ["check('main-idea', " + "[" * 300 + "]" * 300 + ")"]}],
        [
            {
                "cell_type": "code",
                "source": "check(1, 2)\ncheck(['a'], 'b')\ncheck('main-idea', print)",
            }
        ],
        [{"cell_type": "code", "source": "check('main-idea', 'a')\n" * 2000}],
    ],
    ids=["cells-not-objects", "source-a-number", "300-brackets", "odd-check-calls", "2000-calls"],
)
def test_hand_edited_notebook_without_answers_file(assigned, collected, tmp_path, cells):
    (collected / "s3" / "answers.json").unlink()
    path = collected / "s3" / "assignment.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"] = cells
    path.write_text(json.dumps(notebook), encoding="utf-8")
    result = _grade(collected, assigned, tmp_path)
    assert {"s1", "s2"} <= set(result.submitted)
    # reported, graded, or named among those who have not handed in (issue 24: a notebook
    # with no answer that can be read is "not submitted", not an error of its own)
    assert (
        any("s3" in p.file for p in result.problems)
        or "s3" in result.submitted
        or "s3" in result.missing
    )


def test_student_answering_for_a_classmate_is_not_graded_twice(assigned, collected, tmp_path):
    _edit_answers(collected / "s3", lambda d: d.update(student_id="s1"))
    result = _grade(collected, assigned, tmp_path)
    shown = "\n".join(map(str, result.problems))
    assert "s1" in result.submitted and "s3" not in result.submitted
    assert "s3/answers.json" in shown


def test_answer_holding_a_formula_never_reaches_excel_as_one(assigned, collected, tmp_path):
    from openpyxl import load_workbook

    from dokhae.teacher import export_grades

    answer(collected / "s1", {"ref-two-sides": '=HYPERLINK("http://evil","click")'})
    result = _grade(collected, assigned, tmp_path)
    marks = (tmp_path / "marks.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in marks
    assert not any(row.startswith("=") for line in csv.reader(io.StringIO(marks)) for row in line)
    export_grades(
        result.gradebook_path, csv_path=tmp_path / "g.csv", excel_path=tmp_path / "g.xlsx"
    )
    book = load_workbook(tmp_path / "g.xlsx")
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)


@pytest.mark.parametrize("builder", ["zip-slip", "not-a-zip", "nested-zips"])
def test_lms_zip_tricks(assigned, collected, tmp_path, builder):
    lms = tmp_path / "lms"
    lms.mkdir()
    data = (collected / "s1" / "answers.json").read_bytes()
    if builder == "zip-slip":
        with zipfile.ZipFile(lms / "s1.zip", "w") as z:
            z.writestr("../../../evil/answers.json", data)
    elif builder == "not-a-zip":
        (lms / "s1.zip").write_bytes(b"this is no zip")
    else:
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as z:
            z.writestr("s1/answers.json", data)
        for _ in range(6):
            outer = io.BytesIO()
            with zipfile.ZipFile(outer, "w") as z:
                z.writestr("inner.zip", inner.getvalue())
            inner = outer
        (lms / "s1.zip").write_bytes(inner.getvalue())
    shutil.copytree(collected / "s2", lms / "s2")
    result = _grade(lms, assigned, tmp_path)
    assert "s2" in result.submitted
    assert not (tmp_path / "evil").exists() and not Path("/evil").exists()
    if builder == "not-a-zip":
        assert any("s1.zip" in p.file for p in result.problems)


# --------------------------------------------------------------------------- manual marks


def _marks(tmp_path) -> Path:
    return tmp_path / "marks.csv"


def test_manual_marks_saved_by_korean_excel_with_a_character_cp949_lacks(
    assigned, collected, tmp_path
):
    answer(collected / "s1", {"ref-two-sides": "Korea ☕ and the EU — café"})
    first = _grade(collected, assigned, tmp_path)
    assert first.pending >= 1
    text = _marks(tmp_path).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        row["points"] = "1"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    _marks(tmp_path).write_bytes(out.getvalue().encode("cp949", errors="replace"))  # Excel's "?"
    again = _grade(collected, assigned, tmp_path)
    assert again.pending == 0
    assert not any("mark is dropped" in p.message for p in again.problems)


def test_manual_mark_on_a_formula_answer_survives_the_round_trip(assigned, collected, tmp_path):
    answer(collected / "s1", {"ref-two-sides": "=1+1"})
    _grade(collected, assigned, tmp_path)
    text = _marks(tmp_path).read_text(encoding="utf-8-sig").replace(",1,,", ",1,1,")
    _marks(tmp_path).write_text(text, encoding="utf-8-sig")
    again = _grade(collected, assigned, tmp_path)
    assert not any("mark is dropped" in p.message for p in again.problems)
    s1 = again.table().set_index("student_id").loc["s1"]
    assert s1["pending"] == 0


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ("abc", "not a number"),
        ("99", "out of range"),
        ("nan", "not a number"),
        ("-1", "out of range"),
    ],
)
def test_manual_marks_with_bad_points_are_named_with_their_line(
    assigned, collected, tmp_path, points, expected
):
    answer(collected / "s1", {"ref-two-sides": "an answer to mark by hand"})
    _grade(collected, assigned, tmp_path)
    rows = _marks(tmp_path).read_bytes().decode("utf-8-sig").split("\r\n")
    head = rows[0].split(",")
    cells = next(csv.reader([rows[1]]))
    cells[head.index("points")] = points
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    rows[1] = out.getvalue().rstrip("\r\n")
    _marks(tmp_path).write_text("\r\n".join(rows), encoding="utf-8-sig")
    again = _grade(collected, assigned, tmp_path)
    assert any(
        p.file.endswith("marks.csv") and p.line == 2 and expected in p.message
        for p in again.problems
    )


def test_manual_marks_replaced_by_a_workbook(assigned, collected, tmp_path):
    _grade(collected, assigned, tmp_path)
    _marks(tmp_path).write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    again = _grade(collected, assigned, tmp_path)
    assert {"s1", "s2", "s3"} <= set(again.submitted)
    assert any("zip file" in p.message for p in again.problems)


# --------------------------------------------------------------------------- keys and gradebooks


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t[: len(t) // 2],
        lambda t: "[]",
        lambda t: json.dumps({"format": "dokhae-key", "version": 1, "x": _deep(40)}),
        lambda t: t.replace('"version": 1', '"version": 7'),
    ],
    ids=["half-a-key", "a-list", "deeply-nested", "newer-version"],
)
def test_damaged_key_is_a_message_with_the_fix(assigned, collected, tmp_path, damage):
    key = tmp_path / "key.json"
    key.write_text(damage(assigned.key.read_text(encoding="utf-8")), encoding="utf-8")
    result = dokhae("grade", collected, "--key", key, "--gradebook", tmp_path / "b.sqlite3")
    assert result.code == 1
    assert "Traceback" not in result.out
    assert "key.json" in result.out


def test_gradebook_that_is_not_one(assigned, collected, tmp_path):
    book = tmp_path / "b.sqlite3"
    book.write_text("my lesson plans", encoding="utf-8")
    result = dokhae("grade", collected, "--key", assigned.key, "--gradebook", book)
    assert result.code == 1 and "--gradebook" in result.out
    assert book.read_text(encoding="utf-8") == "my lesson plans"


def test_two_first_runs_of_grade_at_once(assigned, collected, tmp_path):
    import threading

    errors = []

    def run():
        try:
            _grade(collected, assigned, tmp_path)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert {"s1", "s2", "s3"} <= set(_grade(collected, assigned, tmp_path).submitted)


def test_key_with_a_broken_points_value_never_shows_a_traceback(assigned, collected, tmp_path):
    key = json.loads(assigned.key.read_text(encoding="utf-8"))
    key["questions"]["main-idea"]["points"] = "many"
    (tmp_path / "key.json").write_text(json.dumps(key), encoding="utf-8")
    result = dokhae(
        "grade", collected, "--key", tmp_path / "key.json", "--gradebook", tmp_path / "b.sqlite3"
    )
    assert result.code == 1 and "Traceback" not in result.out
    # read as a damaged key (with its fix), no longer left to the boundary's catch-all
    assert "dokhae assign" in result.out and "--debug" not in result.out


def test_key_with_a_broken_points_value_is_named_as_a_damaged_key(assigned, collected, tmp_path):
    key = json.loads(assigned.key.read_text(encoding="utf-8"))
    key["questions"]["main-idea"]["points"] = "many"
    (tmp_path / "key.json").write_text(json.dumps(key), encoding="utf-8")
    result = dokhae(
        "grade", collected, "--key", tmp_path / "key.json", "--gradebook", tmp_path / "b.sqlite3"
    )
    assert "key.json" in result.out and "points" in result.out


# --------------------------------------------------------------------------- Excel "helps" with marks


def _fill_marks(path: Path, change) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_manual_marks_whose_ids_lost_their_leading_zeros_in_excel(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("학번,이름\n0312,김민준\n0313,이서연\n", encoding="utf-8")
    made = assign(LESSON, roster, tmp_path / "hw", exercises=["ref-two-sides"], assignment_id="hw1")
    for sid in ("0312", "0313"):
        answer(made.folder(sid), {"ref-two-sides": f"an answer of {sid} to mark"})
    first = grade(made.students_dir, made.key_path)
    assert first.pending == 2
    _fill_marks(
        first.manual_marks_path,
        lambda row: row.update(student_id=row["student_id"].lstrip("0"), points="1"),
    )
    again = grade(made.students_dir, made.key_path)
    assert again.pending == 0 and again.totals == {"0312": 1.0, "0313": 1.0}
    assert any("leading zeros" in p.message for p in again.problems)


def test_manual_mark_for_a_student_not_in_the_assignment_is_named(assigned, collected, tmp_path):
    answer(collected / "s1", {"ref-two-sides": "an answer to mark by hand"})
    _grade(collected, assigned, tmp_path)
    _fill_marks(_marks(tmp_path), lambda row: row.update(student_id="s9", points="1"))
    again = _grade(collected, assigned, tmp_path)
    assert any(
        p.field == "student_id" and p.line == 2 and "not a student of this assignment" in p.message
        for p in again.problems
    )


# --------------------------------------------------------------------------- a student who wants to break grading


def test_student_changing_the_seed_for_other_numbers_gets_nothing_from_it(
    assigned, collected, tmp_path
):
    """The numbers of a student's variant come from the teacher's key (a keyed hash of the
    teacher's secret), never from the answers file: a seed written into it changes nothing,
    and the student's own work is graded against their own numbers."""
    honest = _grade(collected, assigned, tmp_path / "honest")
    _edit_answers(collected / "s2", lambda d: d.update(seed=12345))
    forged = _grade(collected, assigned, tmp_path / "forged")
    assert "s2" in forged.submitted
    assert forged.totals["s2"] == honest.totals["s2"]


def test_student_answering_exercises_not_assigned(assigned, collected, tmp_path):
    _edit_answers(
        collected / "s2",
        lambda d: d["answers"].update({"e12-korea-full-chain": {"value": 1, "saved_at": None}}),
    )
    result = _grade(collected, assigned, tmp_path)
    assert "s2" in result.submitted
    assert any(
        "not in this assignment are ignored: e12-korea-full-chain" in p.message
        for p in result.problems
    )


@pytest.mark.parametrize(
    "value",
    [
        "x" * 200_000,
        {str(i): "a" for i in range(5000)},
        list(range(5000)),
        "<script>alert(1)</script>",
        True,
        -1e308,
    ],
)
def test_strange_answer_values_are_graded_without_stopping(assigned, collected, tmp_path, value):
    _edit_answers(collected / "s2", lambda d: d["answers"]["main-idea"].update(value=value))
    result = _grade(collected, assigned, tmp_path)
    assert {"s1", "s2", "s3"} <= set(result.submitted)
    table = result.table().set_index("student_id")
    assert table.loc["s2", "main-idea"] == 0
