"""`dokhae grade` as a teacher adjusts it without editing YAML (issue 24 point 14):
another accepted answer for every student, all-or-nothing ordering and matching; and
Google Classroom's download of the turned-in files (point 13)."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.progress import ProgressStore
from dokhae.teacher import assign, grade
from dokhae.teacher.accepted import ACCEPTED_FILE, AcceptError
from test_teacher_support import EVERY_TYPE, LESSON, fill, write_roster

WRONG_TEXT = "Carbon Border Tax"  # the wrong short answer test_teacher_support gives


@pytest.fixture(scope="module")
def wrong_round(tmp_path_factory):
    """Four students: the first answers everything right, the others everything wrong
    (ordering and matching with two parts swapped: partial credit)."""
    base = tmp_path_factory.mktemp("options")
    roster = base / "class.csv"
    students = write_roster(roster, 4)
    made = assign(LESSON, roster, base / "hw", exercises=EVERY_TYPE, assignment_id="opts")
    collected = base / "collected"
    shutil.copytree(made.students_dir, collected)
    with ProgressStore(base / "progress.sqlite3") as store:
        for i, (sid, _) in enumerate(students):
            fill(collected / sid, dict.fromkeys(EVERY_TYPE, i == 0), store=store)
    return SimpleNamespace(students=students, collected=collected, key=made.key_path)


def scores(result, exercise_id):
    table = result.table()
    return dict(zip(table["student_id"], table[exercise_id], strict=True))


def test_an_accepted_answer_counts_for_every_student_and_in_every_later_run(wrong_round, tmp_path):
    book = tmp_path / "gb.sqlite3"
    before = grade(wrong_round.collected, wrong_round.key, gradebook_path=book)
    wrong = [sid for sid, _ in wrong_round.students[1:]]
    assert all(scores(before, "name-of-cbam")[sid] == 0 for sid in wrong)
    accepted = grade(
        wrong_round.collected,
        wrong_round.key,
        gradebook_path=book,
        accept=[("name-of-cbam", "  carbon border TAX ")],  # case and spaces as the key's
    )
    assert all(scores(accepted, "name-of-cbam")[sid] > 0 for sid in wrong)
    assert accepted.totals[wrong[0]] > before.totals[wrong[0]]
    again = grade(wrong_round.collected, wrong_round.key, gradebook_path=book)  # no --accept
    assert scores(again, "name-of-cbam") == scores(accepted, "name-of-cbam")
    assert "name-of-cbam" in (tmp_path / ACCEPTED_FILE).read_text(encoding="utf-8-sig")


def test_only_short_answers_and_cloze_take_other_answers(wrong_round, tmp_path):
    with pytest.raises(AcceptError, match="main-idea is a multiple_choice"):
        grade(
            wrong_round.collected,
            wrong_round.key,
            gradebook_path=tmp_path / "gb.sqlite3",
            accept=[("main-idea", "b")],
        )
    with pytest.raises(AcceptError, match="not an exercise of this assignment"):
        grade(
            wrong_round.collected,
            wrong_round.key,
            gradebook_path=tmp_path / "gb.sqlite3",
            accept=[("no-such-item", "x")],
        )
    assert not (tmp_path / ACCEPTED_FILE).exists()


def test_no_partial_gives_ordering_and_matching_all_or_nothing(wrong_round, tmp_path):
    partial = grade(wrong_round.collected, wrong_round.key, gradebook_path=tmp_path / "a.sqlite3")
    whole = grade(
        wrong_round.collected,
        wrong_round.key,
        gradebook_path=tmp_path / "b.sqlite3",
        partial=False,
    )
    right, swapped = wrong_round.students[0][0], wrong_round.students[1][0]
    for exercise_id in ("article-structure", "roles-matching"):
        assert 0 < scores(partial, exercise_id)[swapped] < scores(partial, exercise_id)[right]
        assert scores(whole, exercise_id)[swapped] == 0
        assert scores(whole, exercise_id)[right] == scores(partial, exercise_id)[right]
    assert whole.totals[right] == partial.totals[right]


def test_the_command_takes_accept_and_no_partial(wrong_round, tmp_path):
    book = tmp_path / "gb.sqlite3"
    args = ["grade", str(wrong_round.collected), "--key", str(wrong_round.key)]
    args += ["--gradebook", str(book), "--no-progress", "--no-partial"]
    run = CliRunner().invoke(
        main, [*args, "--accept", f'name-of-cbam="{WRONG_TEXT}"'], env={"DOKHAE_LANGUAGE": "en"}
    )
    assert run.exit_code == 0, run.output
    rows = (tmp_path / ACCEPTED_FILE).read_text(encoding="utf-8-sig").splitlines()
    assert rows == ["exercise_id,answer", f"name-of-cbam,{WRONG_TEXT}"]
    bad = CliRunner().invoke(
        main, [*args, "--accept", "name-of-cbam"], env={"DOKHAE_LANGUAGE": "en"}
    )
    assert bad.exit_code != 0 and "EXERCISE_ID=ANSWER" in bad.output
    assert "Traceback" not in bad.output


def test_a_google_classroom_download_is_graded_by_the_ids_in_the_file_names(wrong_round, tmp_path):
    """Google Drive's "Download" of a Classroom assignment folder: one zip, every file
    flat, a second file of the same name as `name (1).json`. The student id in the name
    tells whose it is; a file named `answers (1).json` names nobody and is reported."""
    (a, _), (b, _), (c, _), (d, _) = wrong_round.students
    lms = tmp_path / "classroom"
    lms.mkdir()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for sid in (a, b, c):
            data = (wrong_round.collected / sid / "answers.json").read_bytes()
            archive.writestr(f"{sid}-answers.json", data)
        archive.writestr(
            f"{a}-answers (1).json", (wrong_round.collected / a / "answers.json").read_bytes()
        )
        other = json.loads((wrong_round.collected / b / "answers.json").read_text(encoding="utf-8"))
        other["answers"]["main-idea"]["value"] = "zz"
        archive.writestr(f"{b} answers (1).json", json.dumps(other))
        archive.writestr(
            "answers (1).json", (wrong_round.collected / d / "answers.json").read_bytes()
        )
    (lms / "hw1-20261205T0900Z-001.zip").write_bytes(out.getvalue())
    result = grade(lms, wrong_round.key, gradebook_path=tmp_path / "gb.sqlite3")
    folders = grade(wrong_round.collected, wrong_round.key, gradebook_path=tmp_path / "f.sqlite3")
    assert sorted(result.submitted) == sorted([a, b, c])
    assert result.missing == [d]
    assert {s: result.totals[s] for s in (a, b, c)} == {s: folders.totals[s] for s in (a, b, c)}
    said = {(p.severity, p.value): p.message for p in result.problems}
    assert "counted once" in said[("warning", a)]
    assert "two different submissions" in said[("error", b)]
    assert "cannot tell whose work" in said[("error", d)]


def test_the_key_itself_grades_all_or_nothing_so_every_grader_shares_it(wrong_round):
    """The rule lives in AnswerKey.check: the retake grader (every later attempt) and the
    first attempt's grading get the same verdict for the same answer."""
    from dokhae.teacher.key import AnswerKey

    key = AnswerKey.load(wrong_round.key)
    swapped = wrong_round.students[1][0]
    answers = json.loads((wrong_round.collected / swapped / "answers.json").read_text("utf-8"))
    for exercise_id in ("article-structure", "roles-matching"):
        value = answers["answers"][exercise_id]["value"]
        shared, _ = key.check(swapped, exercise_id, value)
        whole, _ = key.check(swapped, exercise_id, value, partial=False)
        assert shared.status == "partial" and 0 < shared.score < 1
        assert (whole.status, whole.score) == ("wrong", 0.0)
