"""Typed Korean answers know particles and endings (issue 25, point 4): 협력을 and
모색했다 are the word, with a message naming the dictionary form; no analyser runs, only
the stems the lesson stores (``ko_forms``)."""

from __future__ import annotations

import pytest

from dokhae.answers import check_term, korean_form_of, korean_stems
from dokhae.progress import ProgressStore
from dokhae.session import Session
from dokhae.widgets import TypedRecall


@pytest.mark.parametrize(
    ("typed", "words", "forms", "word"),
    [
        ("협력을", ("협력", "협조"), ("협력",), "협력"),
        ("협력 을", ("협력", "협조"), ("협력",), "협력"),
        ("관계자들이", ("관계자",), ("관계자",), "관계자"),
        ("을", ("협력",), ("협력",), None),  # a particle alone
        ("모색했다", ("모색하다", "탐색하다"), ("모색",), "모색하다"),
        ("모색하기로", ("모색하다",), ("모색",), "모색하다"),
        ("재개했다", ("재개하다",), ("재개",), "재개하다"),
        ("맞잡았다", ("손을 맞잡다",), ("맞잡",), "손을 맞잡다"),
        ("직면해", ("~에 직면하여",), ("직면",), "~에 직면하여"),
        ("산업부는", ("부처", "부"), ("산업부",), "산업부"),  # a form of its own: named as it is
        ("협력", ("협력",), ("협력",), None),  # exactly the word: nothing to recognise
        ("협력하는중입니다", ("협력",), ("협력",), None),  # a noun takes particles only
        ("협조를", ("협력",), ("협력",), None),  # another word
        ("cooperation", ("협력",), ("협력",), None),
    ],
)
def test_a_form_is_recognised_as_its_word(typed, words, forms, word):
    assert korean_form_of(typed, words, forms) == word


def test_stems_longest_first():
    stems = [stem for stem, _ in korean_stems(("모색하다",), ("모색",))]
    assert stems == ["모색하다", "모색하", "모색"]


def test_check_term_says_right_and_names_the_word_or_its_dictionary_form():
    """The questions' one rule: a particle after a noun names the word, a verb in another
    ending its dictionary form (issue 25: "맞아요 — the dictionary form is ...")."""
    feedback = check_term("협력을", ("협력", "협조"), korean_forms=("협력",))
    assert feedback.correct and feedback.score == 1.0
    assert feedback.message_key == "answer_forms.korean_answer"
    assert feedback.message("ko") == (
        "맞았습니다. 답은 ‘협력’입니다. 뒤에 조사나 어미가 붙어도 같은 답입니다."
    )
    assert feedback.message("en") == (
        "Right: the answer is 협력. A particle or an ending after it does not change the answer."
    )
    moved = check_term("모색했다", ("모색하다",), korean_forms=("모색",))
    assert moved.correct and moved.message_key == "answer_forms.korean_form"
    assert (
        moved.message("en") == "Right: the dictionary form is 모색하다."
    )  # was "check your spelling"
    assert moved.message("ko") == "맞았습니다. 사전형은 모색하다입니다."
    assert check_term("협력", ("협력",), korean_forms=("협력",)).message("en") == "Correct!"
    assert check_term("에 따르면", ("~에 따르면",), korean_forms=()).correct  # no ~ to type
    slip = check_term("협렵", ("협력",), korean_forms=("협력",))
    assert slip.status == "wrong" and slip.message_key == "feedback.almost"
    assert not check_term("협력을", ("협력",)).correct  # only where the answer is Korean


def test_typed_recall_in_korean_accepts_the_forms_of_the_text(lesson, tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = Session(lesson, store=store, direction="ko")
        recall = TypedRecall(session, lang="en", order="glossary")
        assert recall.direction == "en-ko"
        for entry_id, typed, said in (
            ("ko-hyeomnyeok", "협력을", "the answer is 협력"),
            ("explore", "모색했다", "the dictionary form is 모색하다"),
        ):
            recall.go([e.id for e in recall.entries].index(entry_id))
            recall.answer.value = typed
            assert recall.feedback.correct, (typed, recall.feedback_area.value)
            assert said in recall.feedback_area.value
        statuses = [a.status for a in store.list_attempts()]
        assert statuses == ["correct", "correct"]
