"""Retake assignments (issue 17): a target, several attempts, a fresh variant each time;
exam items and word tests in assignments (issue 15, point 4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.exam.items import ORDERS
from dokhae.homework import open_assignment
from dokhae.progress import ProgressStore
from dokhae.review import missed_cards
from dokhae.teacher import assign, grade
from dokhae.teacher.key import AnswerKey
from dokhae.teacher.reports import retake_lines, retake_summary
from dokhae.teacher.retakes import not_yet
from test_teacher_support import LESSON, lesson, write_roster

EXAM = ["grammar-1", "insertion-0", "order-0", "written-grammar-0", "chart-0"]
WORDS = 3


def right_value(key: AnswerKey, sid: str, attempt: int, exercise_id: str) -> Any:
    """The answer the key counts right for this student's variant of ``attempt`` (the
    test plays the teacher, who has the key)."""
    part = key.part(sid, attempt)
    kind = key.kind(exercise_id)
    if kind == "multiple_choice":
        answer = key.questions[exercise_id]["answer"]
        return next(k for k, v in part["labels"][exercise_id].items() if v == answer)
    if kind == "vocabulary":
        return part["words"][exercise_id]["accepted"][0]
    item = part["exam"][exercise_id]
    if "rubric" in item:
        parts = item["rubric"]["parts"]
        return {p["label"]: p["answer"] for p in parts} if len(parts) > 1 else parts[0]["answer"]
    return item["key"]


def wrong_value(key: AnswerKey, sid: str, attempt: int, exercise_id: str) -> Any:
    right = right_value(key, sid, attempt, exercise_id)
    kind = key.kind(exercise_id)
    if kind == "multiple_choice":
        return next(k for k in key.part(sid, attempt)["labels"][exercise_id] if k != right)
    if isinstance(right, int):
        return right % 5 + 1
    if isinstance(right, dict):
        return dict.fromkeys(right, "zzz")
    return "zzzz"


def take(folder: Path, key: AnswerKey, sid: str, attempt: int, share: float, store) -> None:
    """The student answers ``attempt`` in their folder: the first ``share`` of the items right."""
    session = open_assignment(folder, store=store, attempt=attempt)
    n_right = round(share * len(key.exercises))
    for n, exercise_id in enumerate(key.exercises):
        make = right_value if n < n_right else wrong_value
        feedback = session.answer(exercise_id, make(key, sid, attempt, exercise_id))
        assert feedback.status == "pending", (exercise_id, feedback)


def variant_of(folder: Path, attempt: int) -> dict[str, Any]:
    name = "questions.json" if attempt == 1 else f"questions-{attempt}.json"
    entries = json.loads((folder / name).read_text(encoding="utf-8"))["questions"]
    return {e["id"]: e for e in entries}


def test_a_class_retakes_until_the_target_and_every_attempt_is_kept(tmp_path):
    """Six students, three rounds of hand-in and grading; the report's "not yet at target"
    list after each round is the one worked out by hand below."""
    students = [sid for sid, _ in write_roster(tmp_path / "class.csv", 6)]
    s1, s2, s3, s4, s5, s6 = students
    result = assign(
        LESSON,
        tmp_path / "class.csv",
        tmp_path / "out",
        exercises=["main-idea", *EXAM],
        words=WORDS,
        assignment_id="retake-1",
        target=80,
        max_attempts=3,
    )
    key = AnswerKey.load(result.key_path)
    assert key.target == 80 and key.max_attempts == 3
    # share right in each attempt (s6 never hands anything in)
    plan = {
        s1: [1.0],
        s2: [0.0, 1.0],
        s3: [0.0, 0.0, 0.0],
        s4: [0.0, 0.5, 1.0],
        s5: [1.0, 0.0, 0.0],
    }
    expected_not_yet = {1: [s2, s3, s4, s6], 2: [s3, s4, s6], 3: [s3, s6]}
    book = tmp_path / "out" / "teacher" / "gradebook.sqlite3"
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        for round_ in (1, 2, 3):
            for sid, shares in plan.items():
                if len(shares) >= round_:
                    take(result.folder(sid), key, sid, round_, shares[round_ - 1], store)
            collected = tmp_path / f"collected-{round_}"  # the folders handed in
            for folder in result.students_dir.iterdir():
                if (folder / "answers.json").exists():
                    shutil.copytree(folder, collected / folder.name)
            graded = grade(collected, result.key_path)
            assert graded.errors == []
            summary = retake_summary(book)
            assert not_yet(summary) == expected_not_yet[round_]
    by_student = summary.set_index("student_id")
    assert list(by_student.loc[[s1, s2, s3, s4, s5, s6], "attempts"]) == [1, 2, 3, 3, 3, 0]
    assert by_student.loc[s5, "best"] == 100 and by_student.loc[s5, "last"] == 0
    assert by_student.loc[s4, "last"] == 100 and by_student.loc[s3, "best"] == 0
    lines = retake_lines(book, language="ko")
    assert lines[-1].startswith("아직 목표(80%)에 이르지 못한 학생:")
    assert s3 in lines[-1] and s6 in lines[-1] and s4 not in lines[-1]
    printed = CliRunner().invoke(main, ["report", str(book), "-o", str(tmp_path / "report")])
    assert printed.exit_code == 0, printed.output
    assert lines[-1] in printed.output and "재응시 현황" in printed.output
    saved = (tmp_path / "report" / "retakes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert saved[0] == "student_id,name,attempts,best,last,reached" and len(saved) == 7

    # every attempt kept in the student's file and in the gradebook, with its variant
    answers = json.loads((result.folder(s3) / "answers.json").read_text(encoding="utf-8"))
    assert set(answers["answers"]) == set(key.exercises)
    assert sorted(answers["retakes"]) == ["2", "3"]
    assert all(set(r["answers"]) == set(key.exercises) for r in answers["retakes"].values())
    assert {e["attempt"] for e in answers["log"]} == {1, 2, 3}
    from dokhae.teacher.gradebook import Gradebook, attempt_results

    with Gradebook(book) as gb:
        rows = attempt_results(gb, "retake-1")
    mine = rows[rows["student_id"] == s3]
    assert sorted(set(mine["attempt"])) == [1, 2, 3]
    assert len(set(mine["variant"])) == 3  # a new variant each attempt
    assert len(mine) == 3 * len(key.exercises)
    # rubric parts of the written item: each part scored (s4's last attempt: all right)
    written = rows[
        (rows["student_id"] == s4)
        & (rows["attempt"] == 3)
        & (rows["exercise_id"] == "written-grammar-0")
    ]
    assert json.loads(written["parts"].iloc[0]) == {"ⓒ": 2.0, "ⓓ": 2.0}

    # each attempt is a new variant: exam items change where the kind allows, words change
    for sid in students:
        folder = result.folder(sid)
        attempts = [variant_of(folder, n) for n in (1, 2, 3)]
        parts = [key.part(sid, n) for n in (1, 2, 3)]
        lifted = [p["exam"]["insertion-0"]["sentence"] for p in parts]
        broken = [p["exam"]["grammar-1"]["key"] for p in parts]
        orders = [p["exam"]["order-0"]["key"] for p in parts]
        assert len(set(lifted)) == 3 and len(set(broken)) == 3 and len(set(orders)) == 3
        words = [{p["words"][w]["entry"] for w in p["words"]} for p in parts]
        assert not (words[0] & words[1]) and not (words[1] & words[2])
        assert attempts[0]["grammar-1"]["printed"] != attempts[1]["grammar-1"]["printed"]
        assert attempts[1]["insertion-0"]["printed"] != attempts[2]["insertion-0"]["printed"]


def test_answers_of_attempt_two_are_graded_against_attempt_twos_variant(tmp_path):
    """Handing in the first attempt's right answers as the second attempt's does not
    score: each attempt is checked against its own variant."""
    (sid,) = [s for s, _ in write_roster(tmp_path / "class.csv", 1)]
    result = assign(
        LESSON,
        tmp_path / "class.csv",
        tmp_path / "out",
        exercises=["grammar-1", "insertion-0", "order-0"],
        assignment_id="copy-1",
        target=100,
        max_attempts=2,
    )
    key = AnswerKey.load(result.key_path)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        first = {e: right_value(key, sid, 1, e) for e in key.exercises}
        for n in (1, 2):
            session = open_assignment(result.folder(sid), store=store, attempt=n)
            for e, value in first.items():
                session.answer(e, value)
    grade(result.students_dir, result.key_path)
    summary = retake_summary(result.key_path.parent / "gradebook.sqlite3")
    # right in attempt 2 only where its variant happens to have the same key (삽입: two
    # sentences lifted from the end can both go back at ⑤); never all three
    same = [e for e in key.exercises if right_value(key, sid, 2, e) == first[e]]
    assert len(same) < len(key.exercises)
    assert summary.loc[0, "best"] == 100
    assert summary.loc[0, "last"] == round(100 * len(same) / len(key.exercises), 1)


def test_an_attempt_the_assignment_does_not_allow_cannot_be_opened(tmp_path):
    write_roster(tmp_path / "class.csv", 1)
    result = assign(
        LESSON, tmp_path / "class.csv", tmp_path / "out", exercises=["main-idea"], max_attempts=2
    )
    from dokhae.homework import AssignmentError

    with pytest.raises(AssignmentError, match="attempts 1 to 2"):
        open_assignment(result.folder(result.students[0].id), store=None, attempt=3)


def test_a_missed_word_of_a_word_test_comes_back_first_in_review(tmp_path):
    """Saving a wrong word-test answer puts the word's card in the review's missed list;
    the student is only told "saved"."""
    (sid,) = [s for s, _ in write_roster(tmp_path / "class.csv", 1)]
    result = assign(LESSON, tmp_path / "class.csv", tmp_path / "out", words=4)
    key = AnswerKey.load(result.key_path)
    assert list(key.exercises) == ["word-01", "word-02", "word-03", "word-04"]
    part = key.part(sid)["words"]
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = open_assignment(result.folder(sid), store=store)
        assert session.answer("word-01", "zzzz").status == "pending"
        assert session.answer("word-02", part["word-02"]["accepted"][0]).status == "pending"
        missed = missed_cards(store, LESSON)
    direction = {"ko-en": "ko-en", "en-ko": "en-ko"}[part["word-01"]["direction"]]
    assert missed == [f"{part['word-01']['entry']}:{direction}"]


def test_retake_options_are_checked_with_a_clear_message(tmp_path):
    write_roster(tmp_path / "class.csv", 2)
    runner = CliRunner()
    base = ["assign", str(tmp_path / "class.csv"), "--lesson", LESSON, "-e", "grammar-1"]
    bad = runner.invoke(main, [*base, "-o", str(tmp_path / "a"), "--max-attempts", "0"])
    assert bad.exit_code != 0 and "--max-attempts" in bad.output and "1 to 10" in bad.output
    bad = runner.invoke(main, [*base, "-o", str(tmp_path / "b"), "--target", "180"])
    assert bad.exit_code != 0 and "--target" in bad.output
    good = runner.invoke(
        main, [*base, "-o", str(tmp_path / "c"), "--target", "80", "--max-attempts", "3"]
    )
    assert good.exit_code == 0, good.output
    folder = next((tmp_path / "c" / "students").iterdir())
    assert (folder / "attempt-3.ipynb").is_file() and not (folder / "attempt-4.ipynb").exists()
    notebook = json.loads((folder / "attempt-2.ipynb").read_text(encoding="utf-8"))
    assert "homework.start(attempt=2)" in "".join(
        c["source"] for c in notebook["cells"] if c["id"] == "setup"
    )
    assert "2회차 응시 (최대 3회)" in notebook["cells"][1]["source"]


def test_exam_items_are_assigned_only_when_chosen():
    from dokhae.teacher.assigning import select_exercises

    every = select_exercises(lesson())
    assert not set(every) & set(lesson().exam_items)
    assert set(select_exercises(lesson(), skills=["exam"])) == set(lesson().exam_items)
    assert ORDERS  # the five printed orders the order variants use


def test_a_written_exam_item_is_graded_part_by_part_in_an_ordinary_assignment(tmp_path):
    """No retakes: the gradebook still keeps each rubric part's points, the main table
    the partial credit, and the report writes them to attempts.csv."""
    (sid,) = [s for s, _ in write_roster(tmp_path / "class.csv", 1)]
    result = assign(
        LESSON, tmp_path / "class.csv", tmp_path / "out", exercises=["written-grammar-0"]
    )
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = open_assignment(result.folder(sid), store=store)
        assert session.answer("written-grammar-0", "was held").message_key == (
            "target_test.need_labels"
        )  # two parts asked for: refused at once, not scored 0 later
        session.answer("written-grammar-0", {"ⓒ": "was held", "ⓓ": "xyz"})
    graded = grade(result.students_dir, result.key_path)
    assert graded.totals == {sid: 2.0}
    book = result.key_path.parent / "gradebook.sqlite3"
    printed = CliRunner().invoke(main, ["report", str(book), "-o", str(tmp_path / "r")])
    assert printed.exit_code == 0, printed.output
    assert "재응시 현황" not in printed.output  # no retakes, no target: no such section
    rows = (tmp_path / "r" / "attempts.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and '"{""ⓒ"": 2.0, ""ⓓ"": 0.0}"' in rows[1]
    assert not (tmp_path / "r" / "retakes.csv").exists()
