"""Short answers in Korean (issue 25, point 9): a particle or an ending after a Korean
accepted answer is the answer (한국과 일본이), an answer in Korean where the key has
none is told so plainly, and the typed-recall remnants of point 5 hold on the shipped
lesson (에따르면, 모색했다: the word, with the dictionary form named)."""

from __future__ import annotations

import pytest

from dokhae.answers import check_question, keyboard_slip, korean_form_of
from dokhae.progress import ProgressStore
from dokhae.session import Session
from dokhae.widgets import TypedRecall


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("한국과 일본이", "한국과 일본"),
        ("한국과 일본은", "한국과 일본"),
        ("한국과일본이", "한국과 일본"),
        ("일본과 한국이다", "일본과 한국"),
        ("한일 양국은", "한일 양국"),
        ("한일이", "한일"),
    ],
)
def test_a_korean_answer_with_a_particle_is_right_and_named(lesson, typed, word):
    feedback = check_question(lesson.questions["ref-two-sides"], typed)
    assert (feedback.status, feedback.score) == ("correct", 1.0)
    assert feedback.message_key == "answer_forms.korean_answer"
    assert feedback.fields["word"] == word
    assert feedback.message("en") == (
        f"Right: the answer is {word}. A particle or an ending after it does not change the answer."
    )
    assert feedback.message("ko") == (
        f"맞았습니다. 답은 ‘{word}’입니다. 뒤에 조사나 어미가 붙어도 같은 답입니다."
    )


def test_the_exact_answer_keeps_the_plain_verdict(lesson):
    feedback = check_question(lesson.questions["ref-two-sides"], "한국과 일본")
    assert feedback.correct and feedback.message("en") == "Correct!"


def test_a_korean_near_miss_shows_the_korean_answer(lesson):
    """Was: "Almost… The answer: South Korea and Japan" for a Korean answer."""
    feedback = check_question(lesson.questions["ref-two-sides"], "한국과 일번")
    assert (feedback.status, feedback.message_key) == ("wrong", "feedback.almost")
    assert feedback.expected == "한국과 일본"


def test_an_ending_is_accepted_only_after_a_verb():
    # a noun answer beside a verb answer: 어 after 한국과 일본 is no particle
    assert korean_form_of("한국과 일본어", ("한국과 일본", "협력하다")) is None
    assert korean_form_of("협력했다", ("한국과 일본", "협력하다")) == "협력하다"


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        ("vocab-regular", "정례"),
        ("name-of-cbam", "탄소국경조정제도"),
        ("vocab-join-hands", "손을 맞잡다"),
        ("cloze-thaw", "해빙"),
    ],
)
def test_korean_where_the_key_has_none_is_said_plainly(lesson, question, typed):
    """Was "check the 한/영 key" or "Not quite": the key lists English answers only."""
    feedback = check_question(lesson.questions[question], typed)
    assert (feedback.status, feedback.message_key) == ("wrong", "answer_forms.no_korean_answer")
    assert feedback.message("en") == (
        "This question has no Korean answer in its key: answer in English, in the words "
        "of the article."
    )
    assert feedback.message("ko") == (
        "이 문제의 정답표에는 한국어 답이 없습니다. 기사에 나온 영어 표현으로 답하세요."
    )
    assert keyboard_slip(typed, lesson.questions[question].accept or ("x",)) is None


def test_a_real_keyboard_slip_is_still_one(lesson):
    slip = check_question(lesson.questions["cloze-thaw"], "솜ㅈ")  # thaw, Korean keyboard on
    assert (slip.status, slip.message_key, slip.fields["typed"]) == (
        "unanswered",
        "keyboard.korean_on",
        "thaw",
    )
    regular = check_question(lesson.questions["vocab-regular"], "ㄱㄷㅎㅕㅣㅁㄱ")
    assert regular.message_key == "keyboard.korean_on"


@pytest.mark.parametrize(
    ("entry_id", "typed", "word"),
    [
        ("ko-ttareumyeon", "에 따르면", None),  # the placeholder ~ need not be typed
        ("ko-ttareumyeon", "에따르면", None),
        ("in-the-face-of", "에 직면하여", None),
        ("explore", "모색했다", "모색하다"),
        ("vow", "다짐했다", "다짐하다"),
        ("take-effect", "시행된다", "시행되다"),
        ("ko-daeeung", "대응할", "대응하다"),
    ],
)
def test_typed_recall_in_korean_point_5_remnants(lesson, tmp_path, entry_id, typed, word):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        recall = TypedRecall(
            Session(lesson, store=store, direction="ko"), lang="en", order="glossary"
        )
        recall.go([e.id for e in recall.entries].index(entry_id))
        recall.answer.value = typed
        feedback = recall.feedback
        assert feedback.correct, (typed, recall.feedback_area.value)
        assert "check your spelling" not in recall.feedback_area.value
        if word is not None:  # the right word in another ending: named
            assert feedback.message_key == "answer_forms.korean_form"
            assert f"the dictionary form is {word}" in recall.feedback_area.value
        assert [a.status for a in store.list_attempts()] == ["correct"]
