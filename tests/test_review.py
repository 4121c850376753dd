"""Spaced review on fsrs, remembered in the progress store between days."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from fsrs import Rating, State

from dokhae.progress import ProgressStore
from dokhae.review import (
    Reviewer,
    card_id,
    card_number,
    due_cards,
    make_scheduler,
    missed_cards,
    parse_rating,
    rate,
    study_order,
    when_text,
)

LESSON = "steel-dialogue-2023"
T0 = datetime(2023, 6, 1, 9, 0, tzinfo=timezone.utc)
CARDS = ["hiatus:en-ko", "resume:en-ko", "levy:en-ko", "hiatus:ko-en"]


@pytest.fixture
def scheduler():
    return make_scheduler(fuzzing=False)


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite3") as s:
        yield s


def test_card_ids():
    assert card_id("hiatus", "en-ko") == "hiatus:en-ko"
    with pytest.raises(
        ValueError,
        match=re.escape("unknown card direction 'en-jp': choose one of 'en-ko', 'ko-en'"),
    ):
        card_id("hiatus", "en-jp")


def test_card_number_is_stable_across_processes():
    """fsrs needs an int id; it must not change between kernels (Python's hash() does)."""
    here = card_number(LESSON, "hiatus:en-ko")
    code = f"from dokhae.review import card_number; print(card_number({LESSON!r}, 'hiatus:en-ko'))"
    there = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    ).stdout.strip()
    assert int(there) == here
    assert 0 < here < 2**48
    assert card_number(LESSON, "hiatus:ko-en") != here


@pytest.mark.parametrize(
    ("given", "rating"),
    [
        ("again", Rating.Again),
        ("Hard", Rating.Hard),
        (" GOOD ", Rating.Good),
        ("easy", Rating.Easy),
        (1, Rating.Again),
        (4, Rating.Easy),
        (Rating.Good, Rating.Good),
    ],
)
def test_parse_rating(given, rating):
    assert parse_rating(given) is rating


@pytest.mark.parametrize("given", [0, 5, "ok", True, None, 2.0])
def test_bad_rating(given):
    with pytest.raises(ValueError, match=re.escape(f"unknown rating {given!r}: use 1-4")):
        parse_rating(given)


def test_new_cards_are_all_due_in_the_given_order(store, scheduler):
    assert due_cards(store, LESSON, CARDS, T0, scheduler=scheduler) == CARDS
    assert due_cards(store, LESSON, CARDS, T0, scheduler=scheduler, new_limit=2) == CARDS[:2]
    assert due_cards(store, LESSON, [*CARDS, "hiatus:en-ko"], T0, scheduler=scheduler) == CARDS


def test_rating_schedules_and_records(store, scheduler):
    due = rate(store, LESSON, "hiatus:en-ko", "good", T0, scheduler=scheduler)
    assert due == T0 + timedelta(minutes=10)  # fsrs's second learning step
    assert due.tzinfo == timezone.utc
    due = rate(store, LESSON, "hiatus:en-ko", Rating.Good, due, scheduler=scheduler)
    assert due == T0 + timedelta(days=2, minutes=10)
    reviews = store.reviews(LESSON)
    assert reviews["rating"].tolist() == [3, 3]
    assert reviews["card"].tolist() == ["hiatus:en-ko"] * 2
    state = json.loads(store.card_state(LESSON, "hiatus:en-ko"))
    assert state["card_id"] == card_number(LESSON, "hiatus:en-ko")
    assert state["state"] == State.Review.value


def test_due_cards_come_before_new_cards_most_overdue_first(store, scheduler):
    rate(store, LESSON, "levy:en-ko", "good", T0, scheduler=scheduler)  # due T0+10 min
    rate(store, LESSON, "resume:en-ko", "again", T0, scheduler=scheduler)  # due T0+1 min
    assert due_cards(store, LESSON, CARDS, T0, scheduler=scheduler) == [
        "hiatus:en-ko",
        "hiatus:ko-en",
    ]
    later = T0 + timedelta(minutes=30)
    assert due_cards(store, LESSON, CARDS, later, scheduler=scheduler) == [
        "resume:en-ko",
        "levy:en-ko",
        "hiatus:en-ko",
        "hiatus:ko-en",
    ]
    assert due_cards(
        store, LESSON, CARDS, T0, scheduler=scheduler, new_limit=0, learn_ahead=timedelta(minutes=5)
    ) == ["resume:en-ko"]


def test_state_is_remembered_between_days(tmp_path, scheduler):
    """Is a card learnt today left out until its due date, after the notebook is closed?"""
    path = tmp_path / "progress.sqlite3"
    with ProgressStore(path) as s:
        t = rate(s, LESSON, "hiatus:en-ko", "good", T0, scheduler=scheduler)
        due = rate(s, LESSON, "hiatus:en-ko", "easy", t, scheduler=scheduler)
    assert due > T0 + timedelta(days=3)
    with ProgressStore(path) as s:  # another day, another kernel
        reviewer = Reviewer(s, LESSON, scheduler=scheduler)
        assert "hiatus:en-ko" not in reviewer.due(CARDS, T0 + timedelta(days=1))
        assert "hiatus:en-ko" not in reviewer.due(CARDS, due - timedelta(seconds=1))
        assert reviewer.due(CARDS, due)[0] == "hiatus:en-ko"
        assert reviewer.next_due(CARDS) == due
        assert reviewer.card("hiatus:en-ko").due == due
        assert reviewer.card("levy:en-ko") is None


def test_any_time_zone_is_converted_to_utc(store, scheduler):
    seoul = T0.astimezone(ZoneInfo("Asia/Seoul"))
    assert seoul.hour == 18
    due = rate(store, LESSON, "hiatus:en-ko", "good", seoul, scheduler=scheduler)
    assert due == T0 + timedelta(minutes=10) and due.tzinfo == timezone.utc
    assert store.reviews()["at_utc"].tolist()[0].to_pydatetime() == T0


def test_naive_times_are_refused(store, scheduler):
    with pytest.raises(
        ValueError,
        match=re.escape(
            "the review time 2023-06-01T09:00:00 has no time zone; dokhae stores UTC times. "
            "Use datetime.now(timezone.utc), or attach a zone"
        ),
    ):
        rate(store, LESSON, "hiatus:en-ko", "good", datetime(2023, 6, 1, 9), scheduler=scheduler)
    with pytest.raises(
        ValueError, match=re.escape("the review time 2023-06-01T09:00:00 has no time zone")
    ):
        due_cards(store, LESSON, CARDS, datetime(2023, 6, 1, 9), scheduler=scheduler)
    assert store.reviews().empty


def test_a_review_before_the_last_one_is_refused(store, scheduler):
    rate(store, LESSON, "hiatus:en-ko", "good", T0, scheduler=scheduler)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "review time 2023-06-01T08:00:00+00:00 is before the last review of 'hiatus:en-ko' "
            "(2023-06-01T09:00:00+00:00); check the clock"
        ),
    ):
        rate(store, LESSON, "hiatus:en-ko", "good", T0 - timedelta(hours=1), scheduler=scheduler)
    assert len(store.reviews()) == 1


def test_retrievability(store, scheduler):
    reviewer = Reviewer(store, LESSON, scheduler=scheduler)
    assert reviewer.retrievability("hiatus:en-ko", T0) is None
    t = reviewer.rate("hiatus:en-ko", "good", T0)
    t = reviewer.rate("hiatus:en-ko", "good", t)
    soon, late = (
        reviewer.retrievability("hiatus:en-ko", t),
        reviewer.retrievability("hiatus:en-ko", t + timedelta(days=30)),
    )
    assert 0 < late < soon <= 1


def test_lessons_are_kept_apart(store, scheduler):
    rate(store, LESSON, "hiatus:en-ko", "easy", T0, scheduler=scheduler)
    assert due_cards(store, "another-lesson", ["hiatus:en-ko"], T0, scheduler=scheduler) == [
        "hiatus:en-ko"
    ]


def test_default_scheduler_fuzzes_but_stays_near(store):
    """Without a scheduler, fsrs's fuzzing is on: due dates vary a little, not a lot."""
    t = rate(store, LESSON, "hiatus:en-ko", "good", T0)
    due = rate(store, LESSON, "hiatus:en-ko", "easy", t)
    assert timedelta(days=2) <= due - t <= timedelta(days=30)


# --------------------------------------------------------------------------- study order, review times

KST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("after", "ko", "en"),
    [
        (timedelta(seconds=20), "지금", "now"),
        (timedelta(minutes=1), "1분 뒤", "in a minute"),
        (timedelta(minutes=10), "10분 뒤", "in 10 minutes"),
        (timedelta(hours=1), "1시간 뒤", "in an hour"),
        (timedelta(hours=5), "5시간 뒤", "in 5 hours"),
        (timedelta(hours=20), "내일", "tomorrow"),  # 10:00 -> 06:00 the next day
        (timedelta(days=2), "모레", "the day after tomorrow"),
        (timedelta(days=3), "3일 뒤", "in 3 days"),
        (timedelta(days=90), "3개월 뒤", "in 3 months"),
        (timedelta(minutes=-30), "지금", "now"),  # overdue
    ],
)
def test_review_times_are_said_as_people_say_them(after, ko, en):
    now = datetime(2026, 12, 4, 10, 0, tzinfo=KST)
    assert when_text(now + after, now, "ko") == ko
    assert when_text(now + after, now, "en") == en


def test_ten_minutes_before_midnight_is_not_tomorrow():
    late = datetime(2026, 12, 4, 23, 55, tzinfo=KST)
    assert when_text(late + timedelta(minutes=10), late, "ko") == "10분 뒤"
    assert when_text(late + timedelta(hours=8), late, "ko") == "내일"


def word(entry_id, level):
    return SimpleNamespace(id=entry_id, level=level)


def test_study_order_puts_misses_first_then_the_hardest_level_mixed_by_seed():
    words = [
        word(f"w{i}", level)
        for i, level in enumerate(["A1", "B1", "C1", "B1", "C2", "B1", "A2", "B1", "C1", "B1"])
    ]
    ordered = study_order(words, "seed-1", missed=["w6", "w0"])
    assert [w.id for w in ordered[:2]] == ["w6", "w0"]  # the misses, most recent first
    levels = [w.level for w in ordered[2:]]
    assert levels == sorted(levels, reverse=True)
    assert [w.id for w in study_order(words, "seed-1")] == [
        w.id for w in study_order(words, "seed-1")
    ]
    b1 = {tuple(w.id for w in study_order(words, f"seed-{n}") if w.level == "B1") for n in range(8)}
    assert len(b1) > 1  # the same level in another order with another seed


def test_missed_cards_are_typed_misses_not_reviewed_since(store, scheduler):
    when = datetime(2026, 12, 4, 1, 0, tzinfo=timezone.utc)
    store.record_attempt(LESSON, "vocab:levy", "tax", "wrong", at=when)
    store.record_attempt(LESSON, "vocab-ko:thaw", "해동", "wrong", at=when + timedelta(minutes=1))
    store.record_attempt(LESSON, "vocab:trend", "trand", "wrong", at=when)
    store.record_attempt(LESSON, "vocab:trend", "trend", "correct", at=when + timedelta(minutes=2))
    store.record_attempt(LESSON, "vocab-matching:1", {"levy": "흐름"}, "wrong", at=when)
    store.record_attempt(LESSON, "main-idea", "b", "wrong", at=when)
    assert missed_cards(store, LESSON) == ["thaw:en-ko", "levy:ko-en"]
    Reviewer(store, LESSON, scheduler=scheduler).rate(
        "levy:ko-en", "good", when + timedelta(minutes=5)
    )
    assert missed_cards(store, LESSON) == ["thaw:en-ko"]
