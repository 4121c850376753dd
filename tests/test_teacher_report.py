"""`dokhae report`: totals per student, difficulty per item, a chart."""

from __future__ import annotations

import shutil

import pytest

from dokhae.progress import ProgressStore
from dokhae.teacher import assign, grade, report
from dokhae.teacher.gradebook import GradebookError
from test_teacher_support import LESSON, answer_for, fill, folder_files, lesson, write_roster

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
    # one wrong choice under each student's own letter counts once, and is shown as the
    # students saw it: their letters, then the option's text (cut when long)
    question = lesson().questions["main-idea"]
    wrong_text = next(c.en for c in question.choices if c.id != question.answer)
    letters = sorted(
        {
            next(
                c["label"]
                for c in folder_files(made.students_dir / s.id)[1][0]["choices"]
                if c["en"] == wrong_text
            )
            for s in made.students[2:4]
        }
    )
    shown = f"{'/'.join(letters)}) {wrong_text}"
    shown = shown if len(shown) <= 60 else shown[:59].rstrip() + "…"
    assert items.loc["main-idea", "most_common_wrong"] == shown
    assert items.loc["main-idea", "most_common_wrong_count"] == 2
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


def test_share_correct_is_of_those_who_answered_and_blanks_are_counted(tmp_path):
    from dokhae.homework import open_assignment

    write_roster(tmp_path / "class.csv", 3)
    made = assign(
        LESSON, tmp_path / "class.csv", tmp_path / "hw", exercises=["main-idea", "tfng-photo"]
    )
    collected = tmp_path / "collected"
    shutil.copytree(made.students_dir, collected)
    given = {0: {"main-idea": True}, 1: {"main-idea": False, "tfng-photo": True}}
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for i, right in given.items():
            session = open_assignment(collected / made.students[i].id, store=store)
            for exercise_id, is_right in right.items():
                entry = session.questions[exercise_id]
                session.answer(exercise_id, answer_for(entry, {}, is_right)[0])
    r = report(grade(collected, made.key_path).gradebook_path)
    items = r.items.set_index("exercise_id")
    # tfng-photo: one of the two who handed in answered it, rightly; the other left it blank
    assert items.loc["tfng-photo", ["answered", "blank", "correct"]].tolist() == [1, 1, 1]
    assert items.loc["tfng-photo", "share_correct"] == 1.0
    assert items.loc["main-idea", ["answered", "blank", "correct"]].tolist() == [2, 0, 1]
    assert items.loc["main-idea", "share_correct"] == 0.5


def test_the_class_mean_integer_axes_and_who_did_not_submit(graded):
    result, made = graded
    r = report(result.gradebook_path)
    assert r.mean == 75.0  # 100, 100, 50, 50: of those who handed in
    absent = made.students[4]
    assert r.not_submitted == [absent.id]
    assert r.summary("ko") == ["학급 평균 75%", f"미제출 1명: {absent.name} ({absent.id})"]
    assert r.summary("en")[1] == f"Not submitted (1): {absent.name} ({absent.id})"
    figure = r.figure("ko")
    assert figure.get_suptitle() == "과제 rep: 5명 중 4명 제출, 학급 평균 75%"
    spread = figure.axes[1]
    assert all(float(t).is_integer() for t in spread.get_yticks())  # students: 0, 1, 2
    assert any(line.get_xdata()[0] == 75.0 for line in spread.get_lines())  # the mean


def test_long_and_structured_wrong_answers_are_shown_short_as_typed(tmp_path):
    from dokhae.homework import open_assignment

    write_roster(tmp_path / "class.csv", 2)
    made = assign(
        LESSON,
        tmp_path / "class.csv",
        tmp_path / "hw",
        exercises=["roles-matching", "name-of-cbam"],
    )
    long_answer = "a carbon border tax on steel " * 12
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for student in made.students:
            session = open_assignment(made.students_dir / student.id, store=store)
            entry = session.questions["roles-matching"]
            session.answer("roles-matching", answer_for(entry, {}, False)[0])
            session.answer("name-of-cbam", long_answer)
    items = report(grade(made.students_dir, made.key_path).gradebook_path).items
    items = items.set_index("exercise_id")
    # a matching is shown as the pairs each student typed (their letters), not as JSON
    matching = items.loc["roles-matching", "most_common_wrong"]
    assert "{" not in matching and matching.startswith("1-")
    assert items.loc["roles-matching", "most_common_wrong_count"] == 2
    text = items.loc["name-of-cbam", "most_common_wrong"]
    assert len(text) == 60 and text.endswith("…") and text.startswith("a carbon border tax on")
