"""The arithmetic view follows "tries before answers" (issue 26) and the class's path."""

from __future__ import annotations

import pytest

from dokhae import cbam
from dokhae.progress import ProgressStore
from dokhae.session import Session
from dokhae.widgets import ArithmeticChooser, ArithmeticView

E09 = "e09-certificates-after-faa"


@pytest.fixture
def session(lesson, tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        yield Session(lesson, store=store)


def test_a_wrong_first_try_shows_the_next_hint_and_no_answer(session):
    view = ArithmeticView(E09, session, "ko")
    p = view.exercise.params
    no_markup = (p["DV"] - cbam.free_allocation_adjustment(p["year"], p["BM"])) * p["M"]
    view.answer_widget.value = f"{no_markup:.2f}"
    view.check_button.click()
    page = view.feedback.value
    assert view.last_feedback.status == "wrong" and not view.last_feedback.reveal
    assert "dokhae-expected" not in page and "dokhae-explanation" not in page
    assert "가산율을 빠뜨렸습니다" in page  # the mistake made
    assert view.hints_shown == 1  # the next hint, in the hints list
    assert view.exercise.hints[0].ko in view.hints_area.children[0].value
    assert "dokhae-next-hint" not in page  # not twice

    view.check_button.click()  # the second wrong try
    page = view.feedback.value
    assert view.last_feedback.reveal and "dokhae-expected" in page
    assert "dokhae-explanation" in page and "정답: 4,981.25" in page
    assert [a.status for a in session.store.list_attempts()] == ["wrong", "wrong"]


def test_show_answer_button_reveals_and_records_nothing(session):
    view = ArithmeticView(E09, session, "en")
    assert view.show_answer_button.description == "Show answer"
    view.show_answer_button.click()
    assert "The answer: 4,981.25 certificates" in view.feedback.value
    assert "dokhae-explanation" in view.feedback.value
    assert session.store.list_attempts() == []
    view.answer_widget.value = "6000"
    view.check_button.click()  # already shown: shown again
    assert view.last_feedback.reveal and "The answer" in view.feedback.value


def test_the_chooser_leads_with_the_basic_exercises_and_marks_the_optional(lesson, session):
    chooser = ArithmeticChooser(session, lang="ko")
    order = [lesson.templates[t].difficulty for t in chooser.template_ids]
    on_path = [d for d in order if d != "challenge"]
    assert order == sorted(on_path, key=["basic", "standard"].index) + ["challenge"] * order.count(
        "challenge"
    )
    labels = [label for label, _ in chooser.select.options]
    assert "기본" in labels[0] and all(
        ("☆" in label) == (d == "challenge") for label, d in zip(labels, order)
    )


def test_an_exercise_beyond_the_path_says_it_is_optional(session):
    beyond = ArithmeticView("e12-korea-full-chain", session, "ko")
    assert "도전 문제(선택)" in beyond.content[1].value  # after the title
    on_path = ArithmeticView(E09, session, "ko")
    assert not any("dokhae-beyond-path" in c._dom_classes for c in on_path.children)
