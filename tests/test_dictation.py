"""Dictation (받아쓰기) graded word by word: missed, extra, misspelt and spacing, in English
and Korean (dokhae.answers.dictation)."""

from __future__ import annotations

import pytest

from dokhae.answers import grade_dictation, sentence_words


def kinds(result):
    return [(m.kind, m.expected, m.given) for m in result.marks]


def test_every_word_right_ignores_case_and_punctuation():
    result = grade_dictation(
        "the eu and korea resumed their talks", "The EU and Korea resumed their talks."
    )
    assert result.feedback.status == "correct"
    assert result.feedback.score == 1.0
    assert (result.right, result.total) == (7, 7)
    assert {m.kind for m in result.marks} == {"right"}


def test_english_missed_word():
    result = grade_dictation("Korea and the EU held talks", "Korea and the EU held steel talks.")
    assert result.missed == ("steel",)
    assert result.extra == ()
    assert result.feedback.status == "partial"
    assert result.feedback.score == pytest.approx(6 / 7)
    assert ("missed", "steel", None) in kinds(result)


def test_english_extra_word_lowers_the_score():
    result = grade_dictation("The talks were very long", "The talks were long.")
    assert result.extra == ("very",)
    assert result.missed == ()
    assert result.right == 4
    assert result.feedback.status == "partial"  # every word right, but one too many
    assert result.feedback.score == pytest.approx(4 / 5)


def test_english_misspelt_word_is_paired_with_the_right_one():
    result = grade_dictation("The emisions are high", "The emissions are high.")
    assert result.misspelt == (("emissions", "emisions"),)
    assert result.missed == () and result.extra == ()
    assert result.right == 3


def test_a_different_word_is_missed_plus_extra_not_misspelt():
    result = grade_dictation("The steel industry", "The carbon industry")
    assert result.missed == ("carbon",)
    assert result.extra == ("steel",)
    assert result.misspelt == ()


def test_korean_missed_extra_and_misspelt():
    sentence = "한국과 일본이 철강 협력을 논의했다."
    result = grade_dictation("한국과 일븐이 협력을 다시 논의했다", sentence)
    assert result.misspelt == (("일본이", "일븐이"),)  # one jamo off
    assert result.missed == ("철강",)
    assert result.extra == ("다시",)
    assert result.right == 3
    assert result.total == 5
    assert result.feedback.score == pytest.approx(3 / 6)


def test_korean_spacing_is_its_own_mark():
    result = grade_dictation("탄소국경 조정 제도", "탄소 국경 조정 제도")
    assert kinds(result)[0] == ("spacing", "탄소 국경", "탄소국경")
    assert result.right == 2
    assert result.feedback.status == "partial"
    split = grade_dictation("탄소 국경 조 정", "탄소 국경 조정")
    assert ("spacing", "조정", "조 정") in kinds(split)


def test_nothing_typed_is_not_judged():
    result = grade_dictation("  ", "The EU and Korea.")
    assert result.feedback.status == "unanswered"
    assert result.feedback.message_key == "answer.empty"
    assert result.marks == ()


def test_wrong_korean_english_key_is_not_judged():
    result = grade_dictation("ㅅㅗㄷ ㄷㅕ", "The EU")
    assert result.feedback.status == "unanswered"
    assert result.feedback.message_key == "keyboard.korean_on"


def test_nothing_right_is_wrong():
    result = grade_dictation("completely different", "The EU")
    assert result.feedback.status == "wrong"
    assert result.feedback.score == 0.0


def test_words_keep_their_punctuation_for_display():
    assert sentence_words("Korea's steel, too.") == ["Korea's", "steel,", "too."]
    with pytest.raises(ValueError, match="at least one word"):
        grade_dictation("x", "  ")
