"""Vocabulary views driven without a browser: flashcards, matching, typed recall, review."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from dokhae.answers import check_term, normalize_text
from dokhae.lesson import Text
from dokhae.progress import ProgressStore
from dokhae.review import make_scheduler
from dokhae.session import Session
from dokhae.widgets.vocabulary import (
    BLANK,
    Flashcards,
    MatchingGame,
    ReviewSession,
    TypedRecall,
    blank_html,
    card_html,
    mark_html,
    matching_rounds,
    new_allowance,
    review_cards,
    shuffled,
)

SLUG = "steel-dialogue-2023"
EVIL = "<img src=x onerror=alert(1)>"
T0 = datetime(2023, 6, 1, 9, 0, tzinfo=timezone.utc)
KST = timezone(timedelta(hours=9))


@pytest.fixture
def path(tmp_path):
    return tmp_path / "progress.sqlite3"


@pytest.fixture
def session(lesson, path):
    with ProgressStore(path) as store:
        yield Session(lesson, store=store)


@pytest.fixture
def scheduler():
    return make_scheduler(fuzzing=False)


def shown(widget):
    return widget.layout.display != "none"


def evil_lesson(lesson):
    entry = lesson.entry("hiatus").model_copy(
        update={
            "definition": EVIL,
            "ko": (EVIL, "중단"),
            "hanja": EVIL,
            "example_en": "after " + EVIL,
            "example_ko": EVIL,
            "romanization": EVIL,
        }
    )
    return lesson.model_copy(
        update={"glossary": tuple(entry if e.id == "hiatus" else e for e in lesson.glossary)}
    )


# --------------------------------------------------------------------------- pure functions


def test_matching_rounds_cover_every_entry_in_rounds_of_five(lesson):
    rounds = matching_rounds(lesson.glossary)
    n = len(lesson.glossary)
    assert [len(r) for r in rounds] == [5] * (n // 5) + ([n % 5] if n % 5 else [])
    assert [e.id for r in rounds for e in r] == [e.id for e in lesson.glossary]


def test_matching_rounds_never_hold_two_entries_with_the_same_side(lesson):
    a, b, c = lesson.glossary[:3]
    twin = c.model_copy(update={"id": "twin", "ko": (a.ko[0],)})  # same Korean as a
    rounds = matching_rounds([a, b, twin, c], size=3)
    for r in rounds:
        assert len({normalize_text(e.korean) for e in r}) == len(r)
    assert [[e.id for e in r] for r in rounds] == [[a.id, b.id, c.id], ["twin"]]


def test_matching_rounds_merge_a_lone_last_pair_and_shuffle_by_seed(lesson):
    assert [len(r) for r in matching_rounds(lesson.glossary[:11], size=5)] == [5, 6]
    one = matching_rounds(lesson.glossary, seed=7)
    assert one == matching_rounds(lesson.glossary, seed=7)
    assert one != matching_rounds(lesson.glossary)
    assert Counter(e.id for r in one for e in r) == Counter(e.id for e in lesson.glossary)
    with pytest.raises(ValueError, match="at least 2 pairs"):
        matching_rounds(lesson.glossary, size=1)


def test_shuffled_is_stable_and_never_the_given_order():
    items = ["가", "나", "다", "라", "마"]
    assert shuffled(items, "k") == shuffled(items, "k")
    assert sorted(shuffled(items, "k")) == sorted(items)
    assert all(shuffled(items[:2], k) == ["나", "가"] for k in range(5))


def test_review_cards_go_one_direction_then_the_other(lesson):
    cards = review_cards(lesson.glossary[:2])
    assert cards == ["hiatus:en-ko", "resume:en-ko", "hiatus:ko-en", "resume:ko-en"]
    assert len(review_cards(lesson.glossary)) == 2 * len(lesson.glossary)


def test_new_allowance_counts_the_cards_started_today():
    now = datetime(2023, 6, 2, 8, 0, tzinfo=KST)  # 1 June 23:00 UTC
    first = {
        "a": datetime(2023, 6, 1, 23, 30, tzinfo=timezone.utc),  # 2 June in Seoul
        "b": datetime(2023, 6, 1, 14, 0, tzinfo=timezone.utc),  # 1 June 23:00 in Seoul
        "c": datetime(2023, 6, 1, 22, 0, tzinfo=timezone.utc),
    }  # 2 June 07:00 in Seoul
    assert new_allowance(first, now, 10) == 8
    assert new_allowance(first, now, 1) == 0
    assert new_allowance({}, now, 10) == 10


def test_check_term_reuses_the_core_normalisation():
    accepted = ("resume",)
    assert check_term("Resumed ", accepted, inflections=True).correct
    assert check_term("resuming", accepted, inflections=True).correct
    assert not check_term("resumed", accepted, inflections=False).correct
    assert check_term("ＲＥＳＵＭＥ", accepted).correct  # full width, case
    assert check_term("resme", accepted).message_key == "feedback.almost"
    assert check_term("  ", accepted).status == "unanswered"
    assert check_term("stop", accepted).status == "wrong"
    nfd = unicodedata.normalize("NFD", "다시시작하다")
    assert check_term(nfd, ("재개하다", "다시 시작하다")).correct  # NFD, spaces in Hangul
    explanation = Text(en="e", ko="k")
    feedback = check_term("x", ("brought together",), inflections=True, explanation=explanation)
    assert feedback.explanation == explanation and feedback.expected == "brought together"
    assert check_term("bring together", ("brought together",), inflections=True).correct
    with pytest.raises(ValueError, match="check_term needs at least one accepted answer"):
        check_term("x", ("", " "))
    assert check_term("Levy", "levy").correct  # one string is one answer, not its letters


def test_marking_and_blanking_escape_the_sentence(lesson):
    hiatus = lesson.entry("hiatus")
    assert mark_html("after 5-year hiatus", hiatus, "en") == (
        'after 5-year <mark class="dokhae-highlight">hiatus</mark>'
    )
    assert blank_html("after 5-year hiatus", hiatus, "en") == (
        f'after 5-year <span class="dokhae-blank">{BLANK}</span>'
    )
    assert blank_html("nothing here", hiatus, "en") is None
    evil = evil_lesson(lesson).entry("hiatus")
    assert "<img" not in mark_html(EVIL + " hiatus", evil, "en")
    assert "&lt;img" in blank_html(EVIL + " hiatus", evil, "en")


# --------------------------------------------------------------------------- fallbacks


@pytest.mark.parametrize(
    "make",
    [
        lambda s: Flashcards(s, lang="en"),
        lambda s: MatchingGame(s, lang="en"),
        lambda s: TypedRecall(s, lang="en"),
        lambda s: ReviewSession(s, now=T0, lang="en", scheduler=make_scheduler(fuzzing=False)),
    ],
)
def test_fallback_is_a_friendly_bilingual_instruction(session, make, capsys):
    view = make(session)
    text = repr(view)
    assert text.startswith("▶ 이 셀을 실행하면") and "\n▶ Run this cell" in text
    assert "Box" not in text and "children" not in text
    assert capsys.readouterr().out == ""  # nothing printed at construction (strict nbval)
    assert f"dokhae-{view.kind}" in view._dom_classes


# --------------------------------------------------------------------------- flashcards


def test_flashcards_flip_and_move_with_the_position(lesson, session):
    cards = Flashcards(session, lang="en", order="glossary")
    assert cards.position.value == f"1 / {len(lesson.glossary)}"
    assert "hiatus" in cards.front.value and "after 5-year" in cards.front.value
    assert not cards.flipped and not shown(cards.back)
    assert "dokhae-flip" in cards.flip_button._dom_classes
    cards.flip_button.click()
    assert cards.flipped and "공백" in cards.back.value and "a pause or break" in cards.back.value
    cards.next_button.click()
    assert cards.position.value == f"2 / {len(lesson.glossary)}" and cards.entry.id == "resume"
    assert not cards.flipped  # a new card starts face up
    cards.go(11)
    assert cards.position.value == f"12 / {len(lesson.glossary)}"
    cards.go(len(lesson.glossary) - 1)
    assert cards.next_button.disabled
    cards.next_button.click()
    n = len(lesson.glossary)
    assert cards.position.value == f"{n} / {n}"
    cards.previous_button.click()
    assert cards.position.value == f"{n - 1} / {n}"


def test_flashcards_both_directions(session):
    cards = Flashcards(session, "ko-en", lang="en")
    assert '<div class="dokhae-card-word" lang="ko"' in cards.front.value
    assert "공백" in cards.front.value and "hiatus" not in cards.front.value
    assert "hiatus" in cards.back.value
    cards.flip_button.click()
    cards.direction.value = "en-ko"  # switching turns the card face up again
    assert not cards.flipped and "hiatus" in cards.front.value
    assert "dokhae-direction" in cards.direction._dom_classes
    with pytest.raises(ValueError, match="unknown card direction 'en-jp'"):
        Flashcards(session, "en-jp")


def test_flashcards_show_the_article_sentence_marked(session):
    cards = Flashcards(session, "ko-en", lang="en")
    cards.go([e.id for e in cards.entries].index("ko-hyeomnyeok"))
    assert '<mark class="dokhae-highlight">협력</mark>' in cards.front.value
    assert "cooperation" in cards.back.value


def test_flashcards_audience_and_romanization(lesson, session):
    for_ko = sum(e.audience in ("ko", "both") for e in lesson.glossary)
    assert Flashcards(session, audience="ko").position.value == f"1 / {for_ko}"
    assert Flashcards(session, audience="en").position.value == "1 / 51"  # 13 en + 38 both
    roman = Flashcards(session, "ko-en", lang="en", romanization=True)
    assert "gongbaek" in roman.front.value
    assert "gongbaek" not in Flashcards(session, "ko-en", lang="en").front.value


def test_flashcards_escape_the_glossary(lesson):
    cards = Flashcards(evil_lesson(lesson), "ko-en", lang="en", romanization=True)
    cards.flip_button.click()
    for html in (cards.front.value, cards.back.value):
        assert "&lt;img" in html and "<img" not in html


# --------------------------------------------------------------------------- matching


def answer_round(game, wrong=()):
    right = {p.left: p.right for p in game.pairs}
    rights = list(right.values())
    for left, choice in game.choices.items():
        choice.value = (
            rights[(rights.index(right[left]) + 1) % len(rights)] if left in wrong else right[left]
        )


def test_matching_round_is_checked_by_the_core_and_recorded(lesson, session):
    game = MatchingGame(session, lang="en", order="glossary")
    assert game.position.value == f"Round 1 of {len(matching_rounds(lesson.glossary))}"
    assert [p.left for p in game.pairs] == ["hiatus", "resume", "dialogue", "steel", "regular"]
    options = [value for _, value in game.choices["hiatus"].options]
    assert options[0] is None and sorted(options[1:]) == sorted(p.right for p in game.pairs)
    assert options[1:] != [p.right for p in game.pairs]  # shuffled
    game.check_button.click()  # nothing chosen: told to match every item, not recorded
    assert "Match every item" in game.feedback_area.value
    assert session.store.attempts().empty
    answer_round(game, wrong=("steel", "regular"))
    game.check_button.click()
    assert game.feedback.status == "partial" and game.feedback.score == pytest.approx(0.6)
    assert "dokhae-right" in game.rows["hiatus"]._dom_classes
    assert "dokhae-wrong" in game.rows["steel"]._dom_classes
    assert game.marks["steel"].value == "✗" and game.marks["hiatus"].value == "✓"
    assert game.score.value == "Score: 3 / 5"
    answer_round(game)
    game.check_button.click()
    assert game.feedback.correct and "dokhae-right" in game.rows["steel"]._dom_classes
    assert "dokhae-wrong" not in game.rows["steel"]._dom_classes
    assert game.score.value == "Score: 5 / 5"
    rows = session.store.attempts()
    assert list(rows["exercise"]) == ["vocab-matching:1", "vocab-matching:1"]
    assert list(rows["status"]) == ["partial", "correct"]
    assert rows["answer"].iloc[-1]["hiatus"] == "공백"


def test_matching_next_round_and_total_score(lesson, session):
    game = MatchingGame(session, lang="en", order="glossary")
    answer_round(game)
    game.check_button.click()
    assert "dokhae-next-round" in game.next_button._dom_classes
    game.next_button.click()
    rounds = len(matching_rounds(lesson.glossary))
    assert game.position.value == f"Round 2 of {rounds}" and game.feedback_area.value == ""
    assert all(c.value is None for c in game.choices.values())
    answer_round(game, wrong=("jointly", "net-zero"))
    game.check_button.click()
    assert game.score.value == "Score: 8 / 10"
    assert list(session.store.attempts()["exercise"]) == ["vocab-matching:1", "vocab-matching:2"]
    game.go(rounds - 1)
    assert game.next_button.disabled
    assert len(game.pairs) == len(matching_rounds(lesson.glossary)[-1])


def test_matching_escapes_the_glossary(lesson, tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        evil = evil_lesson(lesson)
        entry = evil.entry("hiatus").model_copy(update={"notes": EVIL})
        evil = evil.model_copy(
            update={"glossary": tuple(entry if e.id == "hiatus" else e for e in evil.glossary)}
        )
        game = MatchingGame(Session(evil, store=store), lang="en", order="glossary")
        answer_round(game, wrong=("hiatus",))
        game.check_button.click()
        game.reveal_button.click()  # the right pairs and the words' notes
        assert "<img" not in game.feedback_area.value
        # the Korean in the right pairs and in the notes list, and the note
        assert game.feedback_area.value.count("&lt;img") == 3
        assert all("<img" not in row.children[0].value for row in game.rows.values())


def test_matching_a_wrong_round_gets_its_marks_not_the_answer(session):
    """Tries before answers (walk-through 1): the first wrong check marks the rows to
    redo, the right pairs and the explanation come with the lesson's last try, or on
    "정답 보기", together with the glossary's notes on the round's words."""
    game = MatchingGame(session, lang="en", order="glossary")
    assert game.tries == session.tries == 2
    assert game.reveal_button.layout.display == "none"
    answer_round(game, wrong=("steel", "regular"))
    game.check_button.click()
    area = game.feedback_area.value
    assert game.feedback.status == "partial" and "Partly right." in area and "Try again." in area
    assert "The answer" not in area and "철강" not in area and "Explanation" not in area
    assert game.marks["steel"].value == "✗" and game.reveal_button.layout.display is None
    game.check_button.click()  # the second wrong check: the answer, the notes
    area = game.feedback_area.value
    assert "The answer: hiatus → 공백; resume → 재개하다" in area and "Explanation" in area
    assert "About these words" in area and "Not the noun &#x27;résumé&#x27; (이력서)" in area
    assert game.reveal_button.layout.display == "none"
    assert list(session.store.attempts()["status"]) == ["partial", "partial"]  # both recorded

    game.go(1)  # a new round: its own tries; the button shows the answer at once
    answer_round(game, wrong=tuple(p.left for p in game.pairs[:2]))
    game.check_button.click()
    assert "The answer" not in game.feedback_area.value
    game.reveal_button.click()
    assert "The answer" in game.feedback_area.value and "Explanation" in game.feedback_area.value
    assert len(session.store.attempts()) == 3  # showing the answer is no attempt


def test_matching_a_right_round_shows_the_notes_at_once(session):
    game = MatchingGame(session, lang="ko", order="glossary")
    answer_round(game)
    game.check_button.click()
    area = game.feedback_area.value
    assert game.feedback.correct and "단어 참고" in area and "N년 만에" in area


# --------------------------------------------------------------------------- typed recall


def test_typed_recall_accepts_inflected_forms_and_records(lesson, session):
    recall = TypedRecall(session, lang="en", order="glossary")
    assert recall.position.value == f"1 / {len(lesson.glossary)}"
    assert "공백, 중단, 휴지기" in recall.prompt.value
    # the Korean sentence (5년 만에), not the English one that would give the word away
    assert '<div class="dokhae-prompt-sentence" lang="ko">' in recall.prompt.value
    assert "5년 만에" in recall.prompt.value and "after 5-year" not in recall.prompt.value
    assert "hiatus" not in recall.prompt.value
    assert not recall.answer.continuous_update
    recall.next_button.click()
    assert recall.entry.id == "resume" and recall.position.value == f"2 / {len(lesson.glossary)}"
    recall.answer.value = "  Resumed"  # Enter in the box: checked at once
    assert recall.feedback.correct and "Correct!" in recall.feedback_area.value
    recall.check_button.click()  # the same answer again is not a second attempt
    recall.answer.value = "stop"
    recall.check_button.click()
    assert recall.feedback.status == "wrong"
    assert (
        "The answer: resume" in recall.feedback_area.value
    )  # its second try on the card: no tries left
    rows = session.store.attempts()
    assert list(rows["exercise"]) == ["vocab:resume", "vocab:resume"]
    assert list(rows["answer"]) == ["  Resumed", "stop"]
    assert list(rows["status"]) == ["correct", "wrong"]


def test_typed_recall_follows_the_lessons_tries(lesson, path):
    """``practice.tries: 3`` in the lesson: two wrong tries still hide the answer, the third
    shows it; an explicit ``tries=`` still wins."""
    practice = lesson.exercises.practice.model_copy(update={"tries": 3})
    three = lesson.model_copy(
        update={"exercises": lesson.exercises.model_copy(update={"practice": practice})}
    )
    with ProgressStore(path) as store:
        recall = TypedRecall(Session(three, store=store), lang="en", order="glossary")
        assert recall.tries == 3
        recall.go([e.id for e in recall.entries].index("resume"))
        for wrong in ("stop", "start"):
            recall.answer.value = wrong
            assert "The answer" not in recall.feedback_area.value
            assert shown(recall.reveal_button)
        recall.answer.value = "halt"
        assert "The answer: resume" in recall.feedback_area.value
        assert TypedRecall(Session(three, store=store), tries=1).tries == 1


def test_typed_recall_first_wrong_try_gets_a_hint_not_the_answer(session):
    recall = TypedRecall(session, lang="en", order="glossary")
    recall.go([e.id for e in recall.entries].index("resume"))
    assert not shown(recall.reveal_button)
    recall.answer.value = "stop"
    area = recall.feedback_area.value
    assert "Not quite." in area and recall.feedback.status == "wrong"
    assert "resume" not in area and "The answer" not in area
    assert "Hint: it starts with “r” and has 6 letters." in area and shown(recall.reveal_button)
    recall.answer.value = "start"  # the second wrong try shows the answer and the notes
    assert "The answer: resume" in recall.feedback_area.value
    assert "Not the noun" in recall.feedback_area.value
    assert not shown(recall.reveal_button)
    assert list(session.store.attempts()["status"]) == ["wrong", "wrong"]  # both tries counted
    recall.next_button.click()
    recall.reveal_button.click()  # "Show answer" at once, nothing recorded
    assert "The answer: dialogue" in recall.feedback_area.value
    assert len(session.store.attempts()) == 2


def test_typed_recall_empty_answer_is_not_recorded(session):
    recall = TypedRecall(session, lang="en")
    recall.check_button.click()
    assert recall.feedback.status == "unanswered"
    assert "Type an answer first." in recall.feedback_area.value
    assert session.store.attempts().empty


def test_typed_recall_next_card_clears_the_box_without_checking(session):
    recall = TypedRecall(session, lang="en")
    recall.answer.value = "hiatus"
    recall.next_button.click()
    assert recall.answer.value == "" and recall.feedback_area.value == ""
    recall.previous_button.click()
    assert recall.previous_button.disabled
    assert len(session.store.attempts()) == 1


def test_typed_recall_normalises_nfc_case_and_spaces(session):
    recall = TypedRecall(session, lang="en")
    recall.go([e.id for e in recall.entries].index("join-hands"))
    recall.answer.value = "JOINED   hands"
    assert recall.feedback.correct
    korean = TypedRecall(session, "en-ko", lang="en")
    assert "hiatus" in korean.prompt.value
    korean.go([e.id for e in korean.entries].index("resume"))
    assert "재개" not in korean.prompt.value.split("In the article")[1]  # blanked
    korean.answer.value = unicodedata.normalize("NFD", "다시시작하다")
    assert korean.feedback.correct
    assert list(session.store.attempts()["exercise"]) == ["vocab:join-hands", "vocab-ko:resume"]


def test_typed_recall_escapes_answers_and_glossary(lesson, tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        recall = TypedRecall(Session(evil_lesson(lesson), store=store), lang="en")
        assert "<img" not in recall.prompt.value and "&lt;img" in recall.prompt.value
        recall.answer.value = EVIL
        assert recall.feedback.status == "wrong"
        assert "<img" not in recall.feedback_area.value
        assert store.attempts()["answer"].iloc[0] == EVIL  # stored as typed, shown as text


# --------------------------------------------------------------------------- review session


def review(session, scheduler, now=T0, **options):
    """A review in glossary order (these tests follow the cards; the study order has its own)."""
    options.setdefault("order", "glossary")
    return ReviewSession(session, now=now, lang="en", scheduler=scheduler, **options)


def test_review_shows_new_cards_capped_and_records_ratings(session, scheduler):
    view = review(session, scheduler)
    assert view.counts.value == "Cards to review: 0 · New cards: 10"
    assert view.position.value == "1 / 10" and view.card == "hiatus:en-ko"
    assert "hiatus" in view.front.value and not shown(view.back)
    assert not shown(view.ratings_box) and shown(view.show_button)
    assert "dokhae-show-answer" in view.show_button._dom_classes
    view.show_button.click()
    assert shown(view.back) and "공백" in view.back.value and shown(view.ratings_box)
    assert [b._dom_classes[-1] for b in view.rate_buttons.values()] == [
        "dokhae-rate-again",
        "dokhae-rate-hard",
        "dokhae-rate-good",
        "dokhae-rate-easy",
    ]
    assert [b.description for b in view.rate_buttons.values()] == ["Again", "Hard", "Good", "Easy"]
    view.rate_buttons["good"].click()
    assert view.position.value == "2 / 10" and view.card == "resume:en-ko"
    assert not shown(view.back)
    reviews = session.store.reviews()
    assert list(reviews["card"]) == ["hiatus:en-ko"] and list(reviews["rating"]) == [3]
    assert reviews["at_utc"].iloc[0] == T0


def test_again_comes_back_in_the_same_session(session, scheduler):
    view = review(session, scheduler, daily_new=2)
    assert view.queue == ["hiatus:en-ko", "resume:en-ko"]
    view.show_button.click()
    view.rate_buttons["again"].click()
    view.show_button.click()
    view.rate_buttons["good"].click()
    assert view.card == "hiatus:en-ko" and view.position.value == "3 / 3"
    view.show_button.click()
    view.rate_buttons["good"].click()
    assert view.done and shown(view.status) and not shown(view.card_box)
    assert "You have finished today&#x27;s review." in view.status.value
    assert "Next review: in 10 minutes" in view.status.value  # said as people say it
    assert list(session.store.reviews()["rating"]) == [1, 3, 3]


def test_nothing_due(session, scheduler):
    view = review(session, scheduler, cards=["hiatus:en-ko"])
    view.show_button.click()
    view.rate_buttons["easy"].click()
    view.restart_button.click()  # same time: the card is not due for 8 days
    assert view.queue == [] and "Nothing to review now" not in view.status.value
    again = review(session, scheduler, cards=["hiatus:en-ko"])
    assert again.done and "Nothing to review now. Come back later!" in again.status.value
    assert "Next review: in 8 days" in again.status.value
    assert again.counts.value == "Cards to review: 0 · New cards: 0"
    assert "dokhae-start-review" in again.restart_button._dom_classes


def test_due_cards_come_first_and_persist_in_a_new_store(lesson, path, scheduler):
    with ProgressStore(path) as store:
        view = review(Session(lesson, store=store), scheduler, daily_new=3)
        rated = list(view.queue)
        for rating in ("good", "easy", "good"):
            view.show_button.click()
            view.rate_buttons[rating].click()
        assert view.done
    later = T0 + timedelta(hours=1)
    with ProgressStore(path) as store:  # another notebook, the same file
        view = review(Session(lesson, store=store), scheduler, now=later, daily_new=3)
        # the same day: the 3 new cards of today are used up; the two rated Good are due
        assert view.queue == [rated[0], rated[2]]
        assert view.counts.value == "Cards to review: 2 · New cards: 0"
    next_day = T0 + timedelta(days=1)
    with ProgressStore(path) as store:
        view = review(Session(lesson, store=store), scheduler, now=next_day, daily_new=3)
        assert view.queue[:2] == [rated[0], rated[2]]  # due first, not the Easy one (8 days)
        assert rated[1] not in view.queue
        assert view.queue[2:] == ["ko-cheolgang:en-ko", "regular:en-ko", "jointly:en-ko"]
        assert view.counts.value == "Cards to review: 2 · New cards: 3"


def test_review_cards_can_be_given_and_are_checked(session, scheduler):
    view = review(session, scheduler, cards=["levy:ko-en", "hiatus:en-ko"])
    assert view.queue == ["levy:ko-en", "hiatus:en-ko"]
    assert "부과하다" in view.front.value and "levying" not in view.front.value
    with pytest.raises(ValueError, match="not a card id"):
        review(session, scheduler, cards=["levy"])
    with pytest.raises(KeyError):
        review(session, scheduler, cards=["nope:en-ko"])


def test_review_uses_the_clock_function(session, scheduler):
    moments = iter([T0, T0 + timedelta(minutes=5)])
    view = ReviewSession(
        session, cards=["hiatus:en-ko"], now=lambda: next(moments), lang="ko", scheduler=scheduler
    )
    assert view.counts.value == "복습할 카드: 0장 · 새 카드: 1장"
    view.show_button.click()
    view.rate_buttons["good"].click()
    assert session.store.reviews()["at_utc"].iloc[0] == T0 + timedelta(minutes=5)


def test_review_escapes_the_glossary(lesson, tmp_path, scheduler):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        view = review(Session(evil_lesson(lesson), store=store), scheduler, cards=["hiatus:ko-en"])
        view.show_button.click()
        for html in (view.front.value, view.back.value):
            assert "&lt;img" in html and "<img" not in html


def test_card_html_sides(lesson):
    levy = lesson.entry("levy")
    front = card_html(levy, "en-ko", "front", "ko")
    assert "levy" in front and "부과하다" not in front
    assert "동사" in front and "C1" in front  # part of speech and level in the interface language
    back = card_html(levy, "en-ko", "back", "en")
    assert "부과하다" in back and "Definition:" in back
    with pytest.raises(ValueError, match="unknown card direction 'ko-jp'"):
        card_html(levy, "ko-jp", "front", "en")


def test_views_are_exported_and_speak_korean(lesson, session):
    from dokhae import widgets

    assert widgets.Flashcards is Flashcards and widgets.ReviewSession is ReviewSession
    assert widgets.MatchingGame is MatchingGame and widgets.TypedRecall is TypedRecall
    recall = TypedRecall(session, lang="ko")
    assert recall.check_button.description == "확인"
    assert recall.instruction.value == "한국어 뜻에 맞는 영어 단어를 입력하세요."
    assert Flashcards(session, lang="ko").flip_button.description == "뒤집기"
    rounds = len(matching_rounds(lesson.glossary))
    assert MatchingGame(session, lang="ko").position.value == f"라운드 1 / {rounds}"


def test_session_of(lesson, session):
    from dokhae.widgets.vocabulary import session_of

    assert session_of(session) is session
    other = session_of(lesson)
    assert isinstance(other, Session) and other.lesson is lesson


# --------------------------------------------------------------------------- what the student does not know


def now_local():
    return datetime.now(timezone.utc).astimezone()


def test_an_answer_typed_with_the_korean_keyboard_is_not_recorded(session):
    recall = TypedRecall(session, lang="ko")
    recall.go([e.id for e in recall.entries].index("resume"))
    recall.answer.value = "ㄱㄷ녀ㅡㄷ"  # "resume" with 한/영 on (02-12 of the walk-through)
    assert recall.feedback.status == "unanswered"
    assert "한/영 키를 확인하세요" in recall.feedback_area.value
    assert "“resume”" in recall.feedback_area.value and "정답" not in recall.feedback_area.value
    assert session.store.attempts().empty  # the progress store is unchanged
    recall.answer.value = "resume"  # typed again in English: right, and recorded once
    assert recall.feedback.correct
    assert list(session.store.attempts()["exercise"]) == ["vocab:resume"]
    korean = TypedRecall(session, "en-ko", lang="en")
    korean.go([e.id for e in korean.entries].index("resume"))
    korean.answer.value = "worogkek"  # 재개하다 with 한/영 off
    assert "Check the Korean/English key" in korean.feedback_area.value
    assert "재개하다" in korean.feedback_area.value
    assert len(session.store.attempts()) == 1


def test_typed_recall_accepts_the_glossary_variants(session):
    recall = TypedRecall(session, lang="en")
    recall.go([e.id for e in recall.entries].index("dialogue"))
    assert "dialog" in recall.accepted()
    recall.answer.value = "dialog"
    assert recall.feedback.correct
    recall.answer.value = "dialouge"
    assert recall.feedback.message_key == "feedback.almost"


def test_a_missed_word_leads_the_next_review(session, scheduler):
    recall = TypedRecall(session, lang="en")
    recall.go([e.id for e in recall.entries].index("jointly"))
    recall.answer.value = "together"
    assert recall.feedback.status == "wrong"
    recall.go([e.id for e in recall.entries].index("ko-daeeung"))
    recall.answer.value = "reply"  # the most recent miss comes first
    later = now_local() + timedelta(minutes=1)
    view = ReviewSession(session, now=later, lang="en", scheduler=scheduler)
    assert view.queue[:2] == ["ko-daeeung:ko-en", "jointly:ko-en"]
    assert view.counts.value == "Cards to review: 0 · New cards: 10"  # the misses count as new
    view.show_button.click()
    view.rate_buttons["good"].click()  # reviewed since the miss: no longer leads
    again = ReviewSession(session, now=later + timedelta(minutes=1), lang="en", scheduler=scheduler)
    assert again.queue[0] == "jointly:ko-en" and "ko-daeeung:ko-en" not in again.queue


def test_a_missed_word_leads_even_when_not_due(session, scheduler):
    start = now_local()
    view = ReviewSession(
        session, now=start, lang="en", scheduler=scheduler, cards=["thaw:ko-en", "levy:ko-en"]
    )
    for _ in view.queue[:]:
        view.show_button.click()
        view.rate_buttons["easy"].click()
    assert (
        ReviewSession(
            session,
            now=start + timedelta(minutes=1),
            lang="en",
            scheduler=scheduler,
            cards=["thaw:ko-en", "levy:ko-en"],
        ).queue
        == []
    )
    recall = TypedRecall(session, lang="en")
    recall.go([e.id for e in recall.entries].index("levy"))
    recall.answer.value = "tax"
    view = ReviewSession(
        session,
        now=now_local() + timedelta(minutes=1),
        lang="en",
        scheduler=scheduler,
        cards=["thaw:ko-en", "levy:ko-en"],
    )
    assert view.queue == ["levy:ko-en"]


def test_views_start_with_the_hard_words_mixed_the_same_all_day(session):
    level = {e.id: e.level for e in session.lesson.glossary}
    cards = Flashcards(session, lang="en")
    levels = [e.level for e in cards.entries]
    assert levels == sorted(levels, reverse=True)  # C2, C1, ... A1
    assert [e.id for e in cards.entries] != [e.id for e in session.lesson.glossary]
    again = Flashcards(session, lang="en")
    assert [e.id for e in again.entries] == [e.id for e in cards.entries]  # stable today
    recall = TypedRecall(session, lang="en")
    assert [e.id for e in recall.entries] == [e.id for e in cards.entries]
    game = MatchingGame(session, lang="en")
    assert {level[e.id] for e in game.rounds[0]} <= {"C1", "C2"}
    review_view = ReviewSession(session, now=T0, lang="en", scheduler=make_scheduler(fuzzing=False))
    assert {level[c.split(":")[0]] for c in review_view.queue} <= {"C1", "C2"}


def test_the_study_order_differs_by_day_and_student(lesson, tmp_path):
    from dokhae.widgets.vocabulary.deck import ordered

    def order(path, day):
        with ProgressStore(path) as store:
            return [e.id for e in ordered(Session(lesson, store=store), lesson.glossary, day=day)]

    first = tmp_path / "a.sqlite3"
    today = T0.date()
    assert order(first, today) == order(first, today)
    assert order(first, today) != order(first, today + timedelta(days=1))
    assert order(first, today) != order(tmp_path / "b.sqlite3", today)
    with ProgressStore(first) as store, pytest.raises(ValueError, match="unknown order"):
        ordered(Session(lesson, store=store), lesson.glossary, "alphabetical")


def test_a_word_missed_in_typed_recall_comes_first_in_every_view(session):
    recall = TypedRecall(session, lang="en")
    recall.go([e.id for e in recall.entries].index("regular"))  # A2: last in study order
    recall.answer.value = "usual"
    for view in (Flashcards(session, lang="en"), TypedRecall(session, lang="en")):
        assert view.entries[0].id == "regular"
    assert MatchingGame(session, lang="en").rounds[0][0].id == "regular"


def test_the_back_of_a_card_carries_the_glossarys_note(lesson):
    """The notes (pronunciation, usage) reached no learner but the spreadsheet export
    (the Korean learner's review, point 1)."""
    from dokhae.widgets.vocabulary.cards import card_html

    regular = lesson.entry("regular")
    back = card_html(regular, "ko-en", "back", "en")  # the reader of the Korean front
    assert "Note:" in back and "정기적인" in back and "Pronunciation:" in back and "[정녜]" in back
    assert "[정녜]" not in card_html(
        regular, "ko-en", "front", "en"
    )  # the front gives nothing away


@pytest.mark.parametrize(
    ("entry_id", "typed"),
    [
        ("beef-up", "strengthen"),
        ("levy", "impose"),
        ("explore", "seek"),
        ("ko-bangan", "plan"),
        ("circumstance", "conditions"),
        ("release", "press release"),
        ("net-zero", "carbon neutrality"),
        ("on-the-day", "that day"),
        ("vow", "pledge"),
        ("ko-balkida", "announce"),  # a second meaning of the headword (say; announce)
        ("ko-cheolgangeopgye", "steel industry"),
    ],
)
def test_typed_english_meanings_accept_the_glossarys_meanings(lesson, tmp_path, entry_id, typed):
    """The Korean learner's review, point 6: an English meaning the glossary lists is
    right, not only the article's word; the prompt shows the Korean sentence with the
    word marked, never the English sentence (which would give the answer away)."""
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = Session(lesson.slug, store=store)
        recall = TypedRecall(session, audience=None, direction="ko-en")
        index = [e.id for e in recall.entries].index(entry_id)
        recall.go(index)
        entry = recall.entry
        assert entry.example_en not in recall.prompt.value
        assert '<div class="dokhae-prompt-sentence" lang="ko">' in recall.prompt.value
        assert '<b class="dokhae-marked">' in recall.prompt.value
        recall.answer.value = typed
        assert recall.check().correct, (entry_id, typed)
        recall.go(index)
        recall.answer.value = "banana"
        assert not recall.check().correct
