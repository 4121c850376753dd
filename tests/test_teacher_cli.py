"""The `assign`, `grade` and `report` commands: exit codes and messages, never a traceback."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.progress import ProgressStore
from test_teacher_support import LESSON, fill, write_roster


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args):
    result = runner.invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_the_commands_have_help(runner):
    for command in ("assign", "grade", "report"):
        result = run(runner, command, "--help")
        assert result.exit_code == 0 and "Example: dokhae " + command in result.output


def test_assign_grade_report_round(runner, tmp_path):
    write_roster(tmp_path / "class.csv", 3)
    out = tmp_path / "hw1"
    made = run(
        runner,
        "assign",
        tmp_path / "class.csv",
        "-o",
        out,
        "--id",
        "hw1",
        "-l",
        LESSON,
        "-e",
        "main-idea",
        "--skill",
        "timeline",
        "--nbgrader",
    )
    assert made.exit_code == 0, made.output
    assert "Assignment hw1:" in made.output and "for 3 students" in made.output
    assert f"dokhae grade <collected folder> --key {out / 'teacher' / 'key.json'}" in made.output
    assert (out / "nbgrader" / "source" / "hw1" / "hw1.ipynb").is_file()

    collected = tmp_path / "collected"
    shutil.copytree(out / "students", collected)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        sid = "2024001"
        fill(collected / sid, dict.fromkeys(["main-idea", *_timeline()], True), store=store)
    shutil.rmtree(collected / "2024003")
    graded = run(runner, "grade", collected, "--key", out / "teacher" / "key.json")
    assert graded.exit_code == 0, graded.output
    assert "2 graded" not in graded.output  # 2024002 handed in an untouched notebook
    assert "1 graded, 2 not submitted." in graded.output
    # one line names who has not handed in (the names from the roster), no error each
    [line] = [x for x in graded.output.splitlines() if "2024002" in x]
    assert "2024003" in line and ("미제출 2명" in line or "Not submitted (2)" in line)
    assert (out / "teacher" / "grades-hw1.csv").is_file() and (
        out / "teacher" / "grades-hw1.xlsx"
    ).is_file()
    assert "error" not in graded.stderr

    reported = run(runner, "report", out / "teacher" / "gradebook.sqlite3")
    assert reported.exit_code == 0, reported.output
    assert "Assignment hw1: students" in reported.output and "most_common_wrong" in reported.output
    assert (out / "teacher" / "report-hw1" / "chart.png").is_file()


def _timeline():
    from test_teacher_support import lesson

    return [q.id for q in lesson().exercises.questions if q.skill == "timeline"]


def test_an_invalid_roster_lists_every_problem(runner, tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_bytes("학번,이름\n2024001,김민준\n,이서연\n2024001,박지호\n".encode("cp949"))
    result = run(runner, "assign", roster, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith("Error: the roster") or "Error: the roster" in result.output
    assert "class.csv:3: error: 학번: the student id is empty" in result.output
    assert "class.csv:4: error: 학번: duplicate student id (also on line 2" in result.output
    assert "CP949" not in result.stderr  # Korean Excel's CSV is read without a word
    assert "Fix them and run dokhae assign again." in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_exercises_are_listed(runner, tmp_path):
    write_roster(tmp_path / "class.csv", 1)
    result = run(
        runner,
        "assign",
        tmp_path / "class.csv",
        "-o",
        tmp_path / "out",
        "-e",
        "mian-idea",
        "--skill",
        "grammar",
    )
    assert result.exit_code == 1
    assert (
        "has no exercise 'mian-idea'" in result.output and "did you mean main-idea" in result.output
    )
    assert "'grammar' is not a skill" in result.output


def test_grade_with_a_missing_key_or_folder(runner, tmp_path):
    result = run(runner, "grade", tmp_path, "--key", tmp_path / "key.json")
    assert result.exit_code == 1 and "Error: no answer key at" in result.output
    write_roster(tmp_path / "class.csv", 1)
    run(
        runner,
        "assign",
        tmp_path / "class.csv",
        "-o",
        tmp_path / "hw",
        "--id",
        "x",
        "-e",
        "main-idea",
    )
    result = run(
        runner, "grade", tmp_path / "nowhere", "--key", tmp_path / "hw" / "teacher" / "key.json"
    )
    assert result.exit_code == 1 and "Error: no folder" in result.output


def test_report_without_a_gradebook(runner, tmp_path):
    result = run(runner, "report", tmp_path / "gradebook.sqlite3")
    assert result.exit_code == 1 and "run dokhae grade first" in result.output
