"""The answer core's keyboard slips (한/영 key) and its one rule for spelling slips."""

from __future__ import annotations

import re

import pytest

from dokhae import i18n
from dokhae.answers import (
    check_cloze,
    check_short_text,
    check_term,
    edit_distance,
    hangul_to_keys,
    keyboard_slip,
    keys_to_hangul,
    near_miss,
    typo_allowance,
)
from dokhae.lesson import Cloze, ShortText, Text

# --------------------------------------------------------------------------- keyboard


@pytest.mark.parametrize(
    ("hangul", "keys"),
    [
        ("ㄱㄷ녀ㅡㄷ", "resume"),  # what the student typed for "resume" (02-12 in the walk-through)
        ("재개", "woro"),
        ("재개하다", "worogkek"),
        ("값", "rkqt"),  # a final cluster: ㅂ + ㅅ
        ("꽃", "Rhc"),  # a tense consonant (Shift) and a compound vowel ㅗ + ㅏ
        ("왜", "dho"),
        ("닭은", "ekfrdms"),
        ("안녕 2023", "dkssud 2023"),  # what is not Hangul stays
    ],
)
def test_hangul_to_keys_and_back(hangul, keys):
    assert hangul_to_keys(hangul) == keys
    assert keys_to_hangul(keys) == hangul


@pytest.mark.parametrize(
    ("keys", "hangul"),
    [
        ("rkrk", "가가"),  # the final moves on to the next syllable before a vowel
        ("rkrrk", "각가"),
        ("ekfrk", "달가"),  # ㄺ then ㅏ: ㄹ stays, ㄱ moves on
        ("zzz", "ㅋㅋㅋ"),  # consonants alone
        ("k", "ㅏ"),
        ("RESUME", "ㄲㄸ녀ㅡㄸ"),  # Shift: only Q W E R T O P change the jamo
    ],
)
def test_keys_compose_as_the_input_method_does(keys, hangul):
    assert keys_to_hangul(keys) == hangul


def test_every_korean_gloss_of_the_lesson_survives_the_round_trip(lesson):
    words = {w for e in lesson.glossary for w in (*e.ko, *e.ko_forms)}
    hangul_only = sorted(w for w in words if re.fullmatch(r"[가-힣 ]+", w))
    assert len(hangul_only) > 50
    assert [w for w in hangul_only if keys_to_hangul(hangul_to_keys(w)) != w] == []


def test_keyboard_slip_needs_the_wrong_script_for_every_answer():
    assert keyboard_slip("ㄱㄷ녀ㅡㄷ", ["resume"]) == (True, "resume")
    assert keyboard_slip("worogkek", ["재개하다", "재개"]) == (False, "재개하다")
    assert keyboard_slip("resume", ["resume"]) is None
    assert keyboard_slip("재개", ["재개하다"]) is None
    # either script is a real answer here: no slip
    assert keyboard_slip("한국과 일본", ["Korea and Japan", "한국과 일본"]) is None
    assert keyboard_slip("Korea", ["Korea and Japan", "한일"]) is None
    assert keyboard_slip("2018", ["2018년"]) is None  # no letters: not a keyboard slip
    assert keyboard_slip("", ["resume"]) is None


def test_check_term_does_not_judge_a_keyboard_slip_and_says_why():
    feedback = check_term("ㄱㄷ녀ㅡㄷ", ["resume"], inflections=True)
    assert feedback.status == "unanswered" and not feedback.answered
    assert feedback.expected is None  # the answer is not given away
    assert feedback.message_key == "keyboard.korean_on"
    assert "한/영 키를 확인하세요" in feedback.message("ko") and "“resume”" in feedback.message(
        "ko"
    )
    assert "Check the Korean/English key" in feedback.message("en")
    korean = check_term("woro", ["재개하다", "재개"])
    assert korean.message_key == "keyboard.korean_off" and "“재개”" in korean.message("ko")


def test_the_quiz_checkers_share_the_keyboard_rule():
    text = Text(en="x", ko="x")
    cloze = Cloze(
        id="c",
        type="cloze",
        skill="vocabulary",
        sentences=("p1s1",),
        prompt=text,
        explanation=text,
        text="a _____ b",
        answer="thaw",
    )
    slip = check_cloze(cloze, "솜ㅈ")  # "thaw" with the Korean keyboard on
    assert slip.message_key == "keyboard.korean_on" and slip.fields["typed"] == "thaw"
    short = ShortText(
        id="s",
        type="short_text",
        skill="detail",
        sentences=("p1s1",),
        prompt=text,
        explanation=text,
        accept=("Korea and Japan", "한일"),
    )
    assert check_short_text(short, "gksdlf").status == "wrong"  # Latin is a real answer here


# --------------------------------------------------------------------------- spelling


@pytest.mark.parametrize(
    ("letters", "slips"), [(1, 0), (3, 0), (4, 1), (8, 1), (9, 2), (15, 2), (16, 3), (40, 3)]
)
def test_typo_allowance_grows_with_the_word(letters, slips):
    assert typo_allowance(letters) == slips


def test_a_swap_of_two_neighbours_is_one_slip():
    assert edit_distance("dialouge", "dialogue") == 1
    assert edit_distance("thwa", "thaw") == 1
    assert edit_distance("reguler", "regular") == 1
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("abcdef", "ghijkl", limit=2) == 3


@pytest.mark.parametrize(
    ("answer", "expected", "near"),
    [
        ("dialouge", "dialogue", True),  # swap, 8 letters
        ("thwa", "thaw", True),  # swap, 4 letters (plain wrong before)
        ("reguler", "regular", True),
        ("stel", "steel", True),
        ("wya", "way", False),  # 3 letters: no slip allowed
        ("protectonism", "protectionism", True),
        ("protectnsm", "protectionism", False),  # 3 letters off in 13: too far
        ("대웅하다", "대응하다", True),  # one jamo
        ("regular", "regular", False),  # right is not a near miss
    ],
)
def test_near_miss_table(answer, expected, near):
    assert near_miss(answer, expected) is near


def test_near_misses_stay_wrong_with_check_your_spelling():
    feedback = check_term("dialouge", ["dialogue"])
    assert feedback.status == "wrong" and feedback.message_key == "feedback.almost"
    assert check_term("stop", ["resume"]).message_key == "feedback.wrong"


def test_a_hyphen_and_a_space_are_the_same_spelling():
    assert check_term("net zero", ["net-zero"]).correct
    assert check_term("Net-Zero", ["net-zero"]).correct
    assert check_term("netzero", ["net-zero"]).message_key == "feedback.almost"


def test_keyboard_messages_are_in_both_catalogs():
    for key in ("keyboard.korean_on", "keyboard.korean_off"):
        assert "{typed}" in i18n.catalog("ko")[key] and "{typed}" in i18n.catalog("en")[key]
