"""The one recording path: Session.answer checks with the core and stores the attempt."""

from __future__ import annotations

import pytest

from dokhae import cbam
from dokhae.progress import ProgressStore
from dokhae.session import Session, UnknownExerciseError


@pytest.fixture
def session(tmp_path):
    return Session("steel-dialogue-2023", store=ProgressStore(tmp_path / "p.sqlite3"))


def test_question_answer_is_checked_and_recorded(session):
    assert session.answer("main-idea", "a").correct
    assert session.answer("main-idea", "b").status == "wrong"
    rows = session.store.attempts()
    assert list(rows["exercise"]) == ["main-idea", "main-idea"]
    assert list(rows["status"]) == ["correct", "wrong"]


def test_empty_answer_is_not_an_attempt(session):
    feedback = session.answer("hiatus-months", "  ")
    assert feedback.status == "unanswered"
    assert session.store.attempts().empty


def test_practice_arithmetic_uses_the_worked_example(session):
    ex = session.exercise("e09-certificates-after-faa")
    assert dict(ex.params)["M"] == 5000 and ex.answer == pytest.approx(4981.25)
    assert session.answer("e09-certificates-after-faa", "4,981 certificates").correct
    assert session.answer("e09-certificates-after-faa", 5050).status == "wrong"  # outside ±0.5 %


def test_seeded_arithmetic_is_checked_against_dokhae_cbam(tmp_path):
    s = Session(
        "steel-dialogue-2023", store=ProgressStore(tmp_path / "p.sqlite3"), seed="student-07"
    )
    ex = s.exercise("e05-embedded-emissions")
    expected = cbam.embedded_emissions(ex.params["M"], ex.params["SEE"])
    assert ex.answer == pytest.approx(expected)
    assert s.answer("e05-embedded-emissions", f"{expected:,.0f} tCO2e").correct
    assert (
        s.answer("e05-embedded-emissions", f"{expected:,.0f} €").status == "unanswered"
    )  # wrong unit
    assert s.exercise("e05-embedded-emissions") is ex


def test_unknown_exercise_names_close_matches(session):
    with pytest.raises(
        UnknownExerciseError, match=r"no exercise 'main-idae'\. Did you mean 'main-idea'"
    ):
        session.answer("main-idae", "a")
