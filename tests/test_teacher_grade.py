"""`dokhae grade`: a whole class round, zips, duplicates, foreign and broken submissions,
manual marks, and a gradebook that is the same when grading runs twice."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from dokhae.progress import ProgressStore
from dokhae.teacher import assign, export_grades, grade, report
from dokhae.teacher.gradebook import Gradebook, GradebookError
from dokhae.teacher.key import KeyFileError
from test_teacher_support import EVERY_TYPE, LESSON, fill, read_csv, tree_digest, write_roster

CORRUPT, MISSING = 6, 11  # positions in the roster


@pytest.fixture(scope="module")
def class_round(tmp_path_factory):
    """30 students assigned every question type; each answers some right, some wrong;
    one answers file damaged, one student hands in nothing."""
    base = tmp_path_factory.mktemp("round")
    roster = base / "class-3.csv"
    students = write_roster(roster, 30)
    made = assign(LESSON, roster, base / "hw", exercises=EVERY_TYPE, assignment_id="class-round")
    collected = base / "collected"
    shutil.copytree(made.students_dir, collected)
    expected: dict[str, dict[str, float]] = {}
    with ProgressStore(base / "progress.sqlite3") as store:
        for i, (sid, _) in enumerate(students):
            if i == MISSING:
                shutil.rmtree(collected / sid)
                continue
            right = {e: i == 0 or (i + j) % 3 != 0 for j, e in enumerate(EVERY_TYPE)}
            expected[sid] = fill(collected / sid, right, store=store)
    damaged = collected / students[CORRUPT][0] / "answers.json"
    damaged.write_text(damaged.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    return SimpleNamespace(
        base=base,
        students=students,
        made=made,
        collected=collected,
        expected=expected,
        key=made.key_path,
    )


def copy_of(class_round, tmp_path) -> Path:
    target = tmp_path / "collected"
    shutil.copytree(class_round.collected, target)
    return target


def by_student(table):
    return {row["student_id"]: row for _, row in table.iterrows()}


# --------------------------------------------------------------------------- the class round


def test_every_score_matches_the_key_worked_out_independently(class_round, tmp_path):
    """Does every student get exactly the points their answers deserve?"""
    result = grade(class_round.collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    table = by_student(result.table())
    corrupt_id = class_round.students[CORRUPT][0]
    missing_id = class_round.students[MISSING][0]
    for sid, _ in class_round.students:
        row = table[sid]
        if sid in (corrupt_id, missing_id):
            assert row["status"] == ("damaged" if sid == corrupt_id else "missing")
            assert row["total"] == 0
            continue
        expected = class_round.expected[sid]
        assert row["status"] == "submitted"
        for exercise_id, points in expected.items():
            shown = row[exercise_id]
            if exercise_id == "ref-two-sides" and points == 0:
                assert shown != shown  # NaN: waiting for a manual mark
            else:
                assert shown == pytest.approx(points), (sid, exercise_id)
        assert row["total"] == pytest.approx(sum(expected.values())), sid
    assert table[class_round.students[0][0]]["percent"] == 100.0
    assert result.missing == [missing_id] and result.damaged == [corrupt_id]
    assert len(result.submitted) == 28


def test_the_damaged_file_is_reported_and_the_batch_goes_on(class_round, tmp_path):
    result = grade(class_round.collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    corrupt_id = class_round.students[CORRUPT][0]
    [problem] = [p for p in result.errors if corrupt_id in p.file]
    assert problem.file == f"{corrupt_id}/answers.json"
    assert "damaged" in problem.message
    assert "hand in" in problem.fix
    assert len(result.errors) == 1


def test_answers_to_mark_by_hand_are_listed(class_round, tmp_path):
    result = grade(class_round.collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    rows = read_csv(result.manual_marks_path)
    wrong_manual = sorted(
        sid for sid, exp in class_round.expected.items() if exp["ref-two-sides"] == 0
    )
    assert sorted(r["student_id"] for r in rows) == wrong_manual
    assert {r["exercise_id"] for r in rows} == {"ref-two-sides"}
    assert {r["answer"] for r in rows} == {"the two governments"}
    assert all(r["points"] == "" and r["max_points"] == "1" for r in rows)
    assert result.pending == len(wrong_manual) > 0
    assert result.manual_marks_path.read_bytes().startswith(
        b"\xef\xbb\xbf"
    )  # Excel reads the BOM as UTF-8


def test_submissions_are_never_modified(class_round, tmp_path):
    before = tree_digest(class_round.collected)
    grade(class_round.collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    assert tree_digest(class_round.collected) == before


def test_grading_twice_gives_the_same_gradebook_and_exports(class_round, tmp_path):
    book = tmp_path / "gb.sqlite3"
    outputs = []
    for run in range(2):
        grade(class_round.collected, class_round.key, gradebook_path=book)
        export_grades(book, csv_path=tmp_path / f"g{run}.csv", excel_path=tmp_path / f"g{run}.xlsx")
        with Gradebook(book) as gb:
            outputs.append((gb.dump(), (tmp_path / "manual_marks.csv").read_bytes()))
    assert outputs[0] == outputs[1]
    assert (tmp_path / "g0.csv").read_bytes() == (tmp_path / "g1.csv").read_bytes()


def test_exports_have_one_row_per_student_and_one_column_per_exercise(class_round, tmp_path):
    import pandas as pd

    result = grade(class_round.collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    export_grades(
        result.gradebook_path, csv_path=tmp_path / "g.csv", excel_path=tmp_path / "g.xlsx"
    )
    raw = (tmp_path / "g.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "김민준".encode() in raw
    rows = read_csv(tmp_path / "g.csv")
    assert [r["student_id"] for r in rows] == [sid for sid, _ in class_round.students]
    assert list(rows[0])[:4] == ["assignment_id", "student_id", "name", "status"]
    assert list(rows[0])[4 : 4 + len(EVERY_TYPE)] == EVERY_TYPE
    assert list(rows[0])[-4:] == ["total", "max_points", "percent", "pending"]
    excel = pd.read_excel(tmp_path / "g.xlsx", dtype={"student_id": str})
    assert list(excel["student_id"]) == [sid for sid, _ in class_round.students]
    assert list(excel["name"])[:2] == [name for _, name in class_round.students[:2]]


# --------------------------------------------------------------------------- statuses at a glance


def test_statuses_in_words_and_who_has_not_handed_in(class_round, tmp_path):
    """submitted / not submitted / damaged file, in Korean and English, with names."""
    result = grade(class_round.collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    corrupt_id, corrupt_name = class_round.students[CORRUPT]
    missing_id, missing_name = class_round.students[MISSING]
    assert result.status_lines("ko") == [
        f"미제출 1명: {missing_name} ({missing_id})",
        (
            f"파일 손상 1명: {corrupt_name} ({corrupt_id}) (파일마다 문제를 위에 적었습니다. "
            "다시 내도록 해 주세요)"
        ),
    ]
    assert result.status_lines("en")[0] == f"Not submitted (1): {missing_name} ({missing_id})"
    export_grades(
        result.gradebook_path, csv_path=tmp_path / "g.csv", excel_path=tmp_path / "g.xlsx"
    )
    statuses = {r["student_id"]: r["status"] for r in read_csv(tmp_path / "g.csv")}
    assert statuses[missing_id] == "미제출 / not submitted"
    assert statuses[corrupt_id] == "파일 손상 / damaged file"
    assert statuses[class_round.students[0][0]] == "제출 / submitted"
    # the class report names them the same way, apart
    summary = report(result.gradebook_path).summary("en")
    assert f"Not submitted (1): {missing_name} ({missing_id})" in summary
    assert f"Damaged file (1): {corrupt_name} ({corrupt_id})" in summary


def test_untouched_homes_are_not_submitted_without_a_wall_of_errors(tmp_path):
    """The README's collect loop copies every student's home: the folders nobody worked
    in are 'not submitted', named in one line, and not one error each."""
    students = write_roster(tmp_path / "class.csv", 6)
    made = assign(LESSON, tmp_path / "class.csv", tmp_path / "hw", exercises=["main-idea"])
    collected = tmp_path / "collected"
    shutil.copytree(made.students_dir, collected)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        fill(collected / students[0][0], {"main-idea": True}, store=store)
    result = grade(collected, made.key_path)
    assert result.problems == []
    assert result.submitted == [students[0][0]]
    names = ", ".join(f"{name} ({sid})" for sid, name in students[1:])
    assert result.status_lines("en") == [f"Not submitted (5): {names}"]


def test_a_version_1_gradebook_is_brought_up_to_date(class_round, tmp_path):
    book = tmp_path / "gb.sqlite3"
    grade(class_round.collected, class_round.key, gradebook_path=book)
    with sqlite3.connect(book) as db:  # as dokhae wrote it before the status 'damaged'
        db.execute("UPDATE students SET status = 'missing' WHERE status = 'damaged'")
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'students'").fetchone()[0]
        db.execute("ALTER TABLE students RENAME TO s")
        db.execute(sql.replace(", 'damaged'", ""))
        db.execute("INSERT INTO students SELECT * FROM s")
        db.execute("DROP TABLE s")
        db.execute("PRAGMA user_version = 1")
    db.close()
    result = grade(class_round.collected, class_round.key, gradebook_path=book)
    assert result.damaged == [class_round.students[CORRUPT][0]]
    with Gradebook(book) as gb:
        assert "damaged" in set(gb.frame("students", "class-round")["status"])


# --------------------------------------------------------------------------- manual marks


def test_manual_marks_count_and_are_kept_by_the_next_run(class_round, tmp_path):
    book = tmp_path / "gb.sqlite3"
    first = grade(class_round.collected, class_round.key, gradebook_path=book)
    rows = read_csv(first.manual_marks_path)
    marked = rows[0]["student_id"]
    rows[0]["points"] = "1"
    rows[0]["comment"] = "정부와 협회도 맞음"
    with first.manual_marks_path.open("w", encoding="utf-8-sig", newline="") as handle:
        import csv

        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    before = by_student(first.table())[marked]["total"]
    for _ in range(2):  # the mark counts, and a further run keeps it
        again = grade(class_round.collected, class_round.key, gradebook_path=book)
        row = by_student(again.table())[marked]
        assert row["total"] == pytest.approx(before + 1)
        assert row["ref-two-sides"] == 1
        assert again.pending == first.pending - 1
        kept = {r["student_id"]: r for r in read_csv(again.manual_marks_path)}
        assert kept[marked]["points"] == "1" and kept[marked]["comment"] == "정부와 협회도 맞음"
    # also when the CSV is gone: the gradebook remembers
    again.manual_marks_path.unlink()
    third = grade(class_round.collected, class_round.key, gradebook_path=book)
    assert by_student(third.table())[marked]["total"] == pytest.approx(before + 1)


def test_a_mark_is_dropped_when_the_answer_changed(class_round, tmp_path):
    collected = copy_of(class_round, tmp_path)
    book = tmp_path / "gb.sqlite3"
    first = grade(collected, class_round.key, gradebook_path=book)
    rows = read_csv(first.manual_marks_path)
    sid = rows[0]["student_id"]
    text = first.manual_marks_path.read_text(encoding="utf-8-sig")
    first.manual_marks_path.write_text(
        text.replace("the two governments,1,,", "the two governments,1,0.5,", 1),
        encoding="utf-8-sig",
    )
    answers = collected / sid / "answers.json"
    data = json.loads(answers.read_text(encoding="utf-8"))
    data["answers"]["ref-two-sides"]["value"] = "both governments"
    answers.write_text(json.dumps(data), encoding="utf-8")
    again = grade(collected, class_round.key, gradebook_path=book)
    assert any(
        "changed since it was marked" in p.message and p.field == "ref-two-sides"
        for p in again.problems
    )
    assert {r["student_id"]: r for r in read_csv(again.manual_marks_path)}[sid]["points"] == ""


def test_bad_marks_are_reported_with_their_line(class_round, tmp_path):
    book = tmp_path / "gb.sqlite3"
    first = grade(class_round.collected, class_round.key, gradebook_path=book)
    text = first.manual_marks_path.read_text(encoding="utf-8-sig").splitlines()
    text[1] = text[1].replace("the two governments,1,,", "the two governments,1,two,")
    text[2] = text[2].replace("the two governments,1,,", "the two governments,1,5,")
    first.manual_marks_path.write_text("\n".join(text) + "\n", encoding="utf-8")
    again = grade(class_round.collected, class_round.key, gradebook_path=book)
    bad = sorted(
        (p.line, p.field, p.message) for p in again.errors if p.file.endswith("manual_marks.csv")
    )
    assert bad == [(2, "points", "not a number"), (3, "points", "out of range 0..1")]


# --------------------------------------------------------------------------- what is reported and skipped


def test_zip_files_as_an_lms_exports_them(class_round, tmp_path):
    """One zip with renamed answers files, one zip per student inside; same scores."""
    lms = tmp_path / "lms"
    lms.mkdir()
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        for i, (sid, _) in enumerate(class_round.students):
            folder = class_round.collected / sid
            if not folder.exists():
                continue
            if i % 2:  # Canvas style: every file flat, renamed
                for path in folder.iterdir():
                    archive.writestr(f"student{i}_{sid}_{path.name}", path.read_bytes())
            else:  # one zip per student, holding its folder
                inner = io.BytesIO()
                with zipfile.ZipFile(inner, "w") as student_zip:
                    for path in folder.iterdir():
                        student_zip.writestr(f"{sid}/{path.name}", path.read_bytes())
                archive.writestr(f"{sid}.zip", inner.getvalue())
    (lms / "submissions.zip").write_bytes(outer.getvalue())
    before = tree_digest(lms)
    from_zip = grade(lms, class_round.key, gradebook_path=tmp_path / "zip.sqlite3")
    from_folders = grade(
        class_round.collected, class_round.key, gradebook_path=tmp_path / "dir.sqlite3"
    )
    assert tree_digest(lms) == before
    assert from_zip.totals == from_folders.totals
    assert sorted(from_zip.missing) == sorted(from_folders.missing)
    [damaged] = [p for p in from_zip.errors if "damaged" in p.message]
    assert damaged.file.startswith("submissions.zip!")


def test_a_broken_zip_is_reported(class_round, tmp_path):
    collected = copy_of(class_round, tmp_path)
    (collected / "export.zip").write_bytes(b"PK\x03\x04 not really a zip")
    result = grade(collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    assert any(p.file == "export.zip" and "zip" in p.message for p in result.errors)
    assert len(result.submitted) == 28


def test_duplicates_identical_count_once_different_are_reported_and_the_own_file_graded(
    class_round, tmp_path
):
    """A second, different file of a student is reported and not graded, whatever its
    saved_at says: the student's clock decides nothing; their folder's answers.json counts."""
    collected = copy_of(class_round, tmp_path)
    sid_a, sid_b = class_round.students[2][0], class_round.students[3][0]
    extra = collected / "resubmitted"
    extra.mkdir()
    shutil.copy(collected / sid_a / "answers.json", extra / f"{sid_a}-answers.json")
    newer = json.loads((collected / sid_b / "answers.json").read_text(encoding="utf-8"))
    for entry in newer["answers"].values():
        entry["saved_at"] = "2099-01-01T00:00:00+00:00"
    newer["answers"]["main-idea"]["value"] = "zz"  # not a choice: would be unanswered
    (extra / f"{sid_b}-answers.json").write_text(json.dumps(newer), encoding="utf-8")
    result = grade(collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    same = [p for p in result.problems if p.value == sid_a]
    assert len(same) == 1 and same[0].severity == "warning" and "counted once" in same[0].message
    [dup] = [p for p in result.problems if p.value == sid_b]
    assert dup.severity == "error" and dup.file == f"resubmitted/{sid_b}-answers.json"
    assert "two different submissions" in dup.message and f"{sid_b}/answers.json" in dup.message
    row = by_student(result.table())[sid_b]
    assert row["total"] == pytest.approx(sum(class_round.expected[sid_b].values()))


def test_foreign_unknown_and_empty_submissions_are_reported(class_round, tmp_path):
    collected = copy_of(class_round, tmp_path)
    sid, missing = class_round.students[4][0], class_round.students[MISSING][0]
    key = json.loads(class_round.key.read_text(encoding="utf-8"))
    data = json.loads((collected / sid / "answers.json").read_text(encoding="utf-8"))
    foreign = dict(data, assignment_id="another-homework")
    (collected / "other-answers.json").write_text(json.dumps(foreign), encoding="utf-8")
    stranger = dict(data, student_id="9999999")
    (collected / "stranger-answers.json").write_text(json.dumps(stranger), encoding="utf-8")
    (collected / "empty-answers.json").write_bytes(b"")
    (collected / "loose-answers.json").write_text(
        json.dumps(data), encoding="utf-8"
    )  # whose? no folder says
    (collected / missing).mkdir()
    blank = dict(data, student_id=missing, answers={}, variant=key["students"][missing]["variant"])
    (collected / missing / "answers.json").write_text(json.dumps(blank), encoding="utf-8")
    copied = dict(data, student_id=missing)  # sid's file, renamed to the missing student
    (collected / missing / "copied-answers.json").write_text(json.dumps(copied), encoding="utf-8")
    (collected / "notes-answers.json").write_text('{"answer": 42}', encoding="utf-8")
    result = grade(collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    messages = {p.file: p.message for p in result.errors}
    assert "another assignment" in messages["other-answers.json"]
    assert "not on the assignment's roster" in messages["stranger-answers.json"]
    assert "empty" in messages["empty-answers.json"]
    assert "cannot tell whose work this is" in messages["loose-answers.json"]
    # an answers file with no answer is "not submitted", not an error (issue 24)
    assert f"{missing}/answers.json" not in messages
    assert f"made in {sid}'s folder" in messages[f"{missing}/copied-answers.json"]
    assert "not a dokhae answers file" in messages["notes-answers.json"]
    assert len(result.submitted) == 28  # nothing foreign was counted
    assert missing in result.missing


def test_a_notebook_without_answers_file_is_read_from_its_check_cells(class_round, tmp_path):
    collected = copy_of(class_round, tmp_path)
    sid = class_round.students[MISSING][0]
    folder = class_round.made.folder(sid)
    shutil.copytree(folder, collected / sid)
    nb_path = collected / sid / "assignment.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    from test_teacher_support import answer_for, folder_files

    manifest, questions = folder_files(folder)
    entry = next(q for q in questions if q["id"] == "main-idea")
    value, points = answer_for(entry, manifest, right=True)
    for cell in nb["cells"]:
        if cell["source"].endswith('check("main-idea", ...)'):
            cell["source"] = cell["source"].replace("...", json.dumps(value))
        if cell["source"].endswith('check("dialogue-number", ...)'):
            cell["source"] = cell["source"].replace("...", "10 + 10")
    nb_path.write_text(json.dumps(nb), encoding="utf-8")
    result = grade(collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    row = by_student(result.table())[sid]
    assert row["status"] == "submitted" and row["total"] == points == 1
    notes = [p for p in result.problems if p.file == f"{sid}/assignment.ipynb"]
    assert any(p.field == "dialogue-number" and "computed in code" in p.message for p in notes)
    assert any("no answers.json" in p.message for p in notes)


# --------------------------------------------------------------------------- bad inputs


def test_a_missing_key_or_folder_is_a_clear_error(class_round, tmp_path):
    with pytest.raises(KeyFileError, match="no answer key at"):
        grade(class_round.collected, tmp_path / "nope.json")
    with pytest.raises(FileNotFoundError, match="give the folder where the students' submissions"):
        grade(tmp_path / "nowhere", class_round.key)
    bad = tmp_path / "key.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(KeyFileError, match="not a dokhae answer key"):
        grade(class_round.collected, bad)


def test_a_gradebook_of_another_program_is_not_touched(class_round, tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    before = other.read_bytes()
    with pytest.raises(GradebookError, match="not a dokhae gradebook"):
        grade(class_round.collected, class_round.key, gradebook_path=other)
    assert other.read_bytes() == before


def test_a_gradebook_holds_several_assignments(class_round, tmp_path):
    book = tmp_path / "gb.sqlite3"
    grade(class_round.collected, class_round.key, gradebook_path=book)
    roster = tmp_path / "small.csv"
    write_roster(roster, 2)
    second = assign(
        LESSON, roster, tmp_path / "hw2", exercises=["main-idea"], assignment_id="second"
    )
    grade(second.students_dir, second.key_path, gradebook_path=book)
    with Gradebook(book) as gb:
        assert gb.assignments() == ["class-round", "second"]
        with pytest.raises(GradebookError, match="several assignments"):
            gb.table()
        assert len(gb.table("class-round")) == 30


def test_answers_of_an_odd_shape_count_as_not_answered(class_round, tmp_path):
    """A hand-edited answers file (a number for an order, text for a matching) is
    reported and earns nothing; the batch goes on."""
    collected = copy_of(class_round, tmp_path)
    sid = class_round.students[0][0]
    path = collected / sid / "answers.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["article-structure"]["value"] = 5
    data["answers"]["roles-matching"]["value"] = "abc"
    data["answers"]["main-idea"]["value"] = {"x": [1]}
    path.write_text(json.dumps(data), encoding="utf-8")
    result = grade(collected, class_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    odd = sorted(p.field for p in result.problems if p.value == sid)
    assert odd == ["article-structure", "roles-matching"]
    row = by_student(result.table())[sid]
    assert row["article-structure"] == row["roles-matching"] == row["main-idea"] == 0
    assert row["total"] == pytest.approx(len(EVERY_TYPE) - 3)
    assert len(result.submitted) == 28


def test_a_progress_bar_only_when_asked_or_on_a_terminal(class_round, tmp_path, capsys):
    grade(
        class_round.collected, class_round.key, gradebook_path=tmp_path / "a.sqlite3", progress=True
    )
    assert "submissions" in capsys.readouterr().err
    grade(
        class_round.collected, class_round.key, gradebook_path=tmp_path / "b.sqlite3"
    )  # not a terminal
    assert capsys.readouterr().err == ""
