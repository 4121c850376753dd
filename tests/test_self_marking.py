"""An open answer the key cannot decide (issue 25, point 9: "양국" got "Your teacher will
mark this answer", but a self-learner has no teacher). In practice the model answer is
shown and the learner marks the answer themselves, recorded as self-marked, never as
correct; in an assignment and in grading nothing changes."""

from __future__ import annotations

import shutil

import pytest

from dokhae.answers import SELF_CHECK, check_question
from dokhae.progress import ProgressStore
from dokhae.results import SELF_MARKED, check, self_mark
from dokhae.session import Session
from dokhae.tables import progress_summary, progress_table
from dokhae.widgets.quiz import ShortTextView, question_view

QUESTION = "ref-two-sides"  # manual: accepts 한국과 일본 …; 양국 is for a person to judge
OPEN = "양국"


@pytest.fixture
def practice(lesson, tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        yield Session(lesson, store=store)


def test_practice_shows_the_model_answer_to_compare(practice):
    feedback = practice.answer(QUESTION, OPEN)
    assert (feedback.status, feedback.score) == ("pending", 0.0)
    assert feedback.message_key == SELF_CHECK and feedback.reveal and feedback.shows_answer
    assert feedback.expected == "한국과 일본"  # the Korean answer, for a Korean answer
    assert feedback.message("en") == (
        "The key cannot decide this answer, and no teacher marks practice: compare yours "
        "with the model answer below, then mark it yourself."
    )
    shown = repr(check(QUESTION, OPEN, session=practice, lang="en"))
    assert "The answer: 한국과 일본" in shown and "Explanation:" in shown


@pytest.mark.parametrize(
    ("right", "score", "key"), [(True, 1.0, "marked_right"), (False, 0.0, "marked_wrong")]
)
def test_a_self_mark_is_recorded_as_self_marked_not_as_correct(practice, right, score, key):
    practice.answer(QUESTION, OPEN)
    marked = self_mark(practice, QUESTION, OPEN, right)
    assert marked.message_key == f"practice_self.{key}"
    attempts = practice.store.list_attempts(exercise=QUESTION)
    assert [(a.status, a.score, a.mode, a.answer) for a in attempts] == [
        ("pending", 0.0, "practice", OPEN),
        ("pending", score, SELF_MARKED, OPEN),
    ]
    table = progress_table(practice, "en")
    assert list(table.iloc[0, 2:]) == ["Marked by you", f"{score:.0%}"]
    summary = progress_summary(practice, "en").to_dict()
    assert (summary["Answered"], summary["Correct"]) == ({"Reference": 1}, {"Reference": 0})


def test_a_self_mark_does_not_use_a_try(practice):
    practice.answer(QUESTION, OPEN)
    self_mark(practice, QUESTION, OPEN, False)
    wrong = practice.answer(QUESTION, "중국과 일본")  # another open answer: still to compare
    assert wrong.message_key == SELF_CHECK


def test_only_an_answer_the_key_cannot_decide_is_self_marked(practice):
    with pytest.raises(ValueError, match="is correct by the key"):
        self_mark(practice, QUESTION, "한국과 일본", True)
    with pytest.raises(ValueError, match="is wrong by the key"):
        self_mark(practice, "vocab-regular", "irregular", True)
    assert practice.store.list_attempts() == []


def test_the_view_offers_two_buttons_and_records_the_mark(lesson, practice):
    view = question_view(lesson.questions[QUESTION], practice, "en")
    assert isinstance(view, ShortTextView) and view.self_marking is None
    view.answer_widget.value = OPEN  # Enter checks
    assert view.self_marking in view.children
    assert "dokhae-expected" in view.feedback.value  # the model answer to compare with
    right, wrong = view.self_marking.children
    assert (right.description, wrong.description) == ("Mine says the same", "Mine is different")
    right.click()
    assert view.self_marking not in view.children
    assert "You marked your answer right." in view.feedback.value
    assert [a.mode for a in practice.store.list_attempts()] == ["practice", SELF_MARKED]
    view.answer_widget.value = "한국과 일본이"  # decided by the key: no buttons
    assert view.last_feedback.correct and view.self_marking not in view.children


# --------------------------------------------------------------------------- graded: unchanged


def test_the_checker_still_leaves_it_to_the_teacher(lesson):
    """Grading (AnswerKey.check) calls the checker: pending, "Your teacher will mark"."""
    feedback = check_question(lesson.questions[QUESTION], OPEN)
    assert (feedback.status, feedback.message_key) == ("pending", "answer.manual_review")
    assert feedback.message("en") == "Your teacher will mark this answer."


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    from dokhae.teacher import assign

    base = tmp_path_factory.mktemp("self-marking")
    (base / "class.csv").write_text("student_id,name\r\n2024001,김민준\r\n", encoding="utf-8")
    return assign(
        "steel-dialogue-2023",
        base / "class.csv",
        base / "out",
        exercises=[QUESTION],
        assignment_id="hw-open",
    )


def test_the_key_grades_an_open_answer_as_before(assigned):
    from dokhae.teacher.key import AnswerKey

    key = AnswerKey.load(assigned.key_path)
    feedback, _ = key.check(assigned.students[0].id, QUESTION, OPEN)
    assert (feedback.status, feedback.score) == ("pending", 0.0)
    assert feedback.message_key == "answer.manual_review"


def test_an_assignment_saves_and_offers_no_self_marking(assigned, tmp_path):
    from dokhae.homework import open_assignment

    folder = tmp_path / "hw-open"
    shutil.copytree(assigned.folder(assigned.students[0].id), folder)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        student = open_assignment(folder, store=store)
        view = question_view(student.question(QUESTION), session=student, lang="en")
        view.answer_widget.value = OPEN
        assert view.last_feedback.message_key == "feedback.saved"
        assert view.self_marking is None and "dokhae-expected" not in view.feedback.value
        assert view.mark_myself(True) is None
        with pytest.raises(ValueError, match="marked by the teacher"):
            self_mark(student, QUESTION, OPEN, True)
        assert [(a.status, a.mode) for a in store.list_attempts()] == [("pending", "assignment")]
