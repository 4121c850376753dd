"""`dokhae report`: totals per student, difficulty per item, a chart."""

from __future__ import annotations

import shutil

import pytest

from dokhae.progress import ProgressStore
from dokhae.teacher import assign, grade, report
from dokhae.teacher.gradebook import GradebookError
from test_teacher_support import LESSON, fill, write_roster

EXERCISES = ["main-idea", "tfng-photo", "roles-matching", "e05-embedded-emissions"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Five students: 0 and 1 all right, 2-4 wrong on main-idea (the same wrong choice)
    and on the arithmetic; student 4 hands in nothing."""
    base = tmp_path_factory.mktemp("report")
    write_roster(base / "class.csv", 5)
    made = assign(LESSON, base / "class.csv", base / "hw", exercises=EXERCISES, assignment_id="rep")
    collected = base / "collected"
    shutil.copytree(made.students_dir, collected)
    with ProgressStore(base / "p.sqlite3") as store:
        for i, student in enumerate(made.students[:4]):
            right = {e: i < 2 or e in ("tfng-photo", "roles-matching") for e in EXERCISES}
            fill(collected / student.id, right, store=store)
    shutil.rmtree(collected / made.students[4].id)
    result = grade(collected, made.key_path)
    return result, made


def test_totals_per_student(graded):
    result, _made = graded
    r = report(result.gradebook_path)
    assert r.assignment_id == "rep"
    assert list(r.students.columns) == [
        "student_id",
        "name",
        "status",
        "total",
        "max_points",
        "percent",
        "correct",
        "pending",
    ]
    assert list(r.students["total"]) == [4.0, 4.0, 2.0, 2.0, 0.0]
    assert list(r.students["correct"]) == [4, 4, 2, 2, 0]
    assert list(r.students["status"]) == ["submitted"] * 4 + ["missing"]


def test_difficulty_per_item_with_the_most_common_wrong_answer(graded):
    result, made = graded
    items = report(result.gradebook_path).items.set_index("exercise_id")
    assert (
        list(items.index)
        == list(made.exercises)
        == ["main-idea", "roles-matching", "tfng-photo", "e05-embedded-emissions"]
    )
    assert items.loc["main-idea", "share_correct"] == 0.5
    assert items.loc["tfng-photo", "share_correct"] == 1.0
    # the lesson's wrong choice (mapped back from each student's own letter), with its text
    wrong = items.loc["main-idea", "most_common_wrong"]
    assert wrong.startswith("b: ") and items.loc["main-idea", "most_common_wrong_count"] == 2
    assert items.loc["tfng-photo", "most_common_wrong"] == ""
    assert items.loc["e05-embedded-emissions", "answered"] == 4


def test_chart_and_files(graded, tmp_path):
    result, _ = graded
    r = report(result.gradebook_path)
    figure = r.figure("ko")
    assert len(figure.axes) == 2
    paths = r.save(tmp_path / "out", language="en")
    assert paths["chart"].read_bytes().startswith(b"\x89PNG")
    assert paths["students"].read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_unknown_assignment_is_a_clear_error(graded):
    result, _ = graded
    with pytest.raises(GradebookError, match="has no assignment 'nope'; it has rep"):
        report(result.gradebook_path, "nope")
