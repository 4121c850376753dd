"""Numbers as a learner of Korean or a Korean student writes them (issue 25, point 9):
제20차 and 다섯 are numbers; 이 in 이 같은 ("this kind of") is not 2. Every expected
value below is written by hand, not computed by the reader under test."""

from __future__ import annotations

import pytest

from dokhae.answers import (
    AnswerFormatError,
    UnitMismatchError,
    check_question,
    counter_form_slip,
    parse_number,
    read_korean_numeral,
)

READINGS = [
    # Sino-Korean numerals in words
    ("이", 2),
    ("오", 5),
    ("십", 10),
    ("이십", 20),
    ("이십오", 25),
    ("백이십", 120),
    ("삼백오십", 350),
    ("천", 1000),
    ("만", 10_000),
    ("만 이천", 12_000),
    ("일만 이천", 12_000),
    ("천이백만", 12_000_000),
    ("이천이십삼", 2023),
    ("오십사 개월", 54),
    ("이십 년", 20),
    ("백 명", 100),
    ("만 원", 10_000),  # ₩10,000: how Koreans write the note
    # a one-syllable Sino-Korean digit, typed apart from a Sino-Korean counter
    ("오 년", 5),
    ("일 년", 1),
    ("삼 개월", 3),
    ("이 개월", 2),
    ("일 등", 1),
    ("사 회", 4),
    # native numerals, alone
    ("하나", 1),
    ("둘", 2),
    ("셋", 3),
    ("넷", 4),
    ("다섯", 5),
    ("여덟", 8),
    ("열", 10),
    ("열다섯", 15),
    ("스물", 20),
    ("스물다섯", 25),
    ("스물 다섯", 25),
    ("쉰넷", 54),
    ("아흔아홉", 99),
    # native numerals before a counter
    ("한 개", 1),
    ("두 개", 2),
    ("세 명", 3),
    ("네 가지", 4),
    ("석 달", 3),
    ("넉 달", 4),
    ("다섯 개", 5),
    ("다섯개", 5),
    ("다섯 가지", 5),
    ("다섯 품목", 5),
    ("다섯 개 품목", 5),
    ("열두 달", 12),
    ("스무 개", 20),
    ("쉰네 달", 54),
    ("한 해", 1),
    # ordinals
    ("첫째", 1),
    ("첫 번째", 1),
    ("둘째", 2),
    ("두 번째", 2),
    ("셋째", 3),
    ("다섯째", 5),
    ("열한 번째", 11),
    ("스무째", 20),
    ("스무 번째", 20),
    ("제20차", 20),
    ("제 20 차", 20),
    ("제20차 회의", 20),
    ("20차", 20),
    ("20번째", 20),
    ("제이십차", 20),
    ("20th", 20),
    # digits with counters and Korean scale words
    ("5년", 5),
    ("5개", 5),
    ("5개 품목", 5),
    ("1만 2천", 12_000),
    ("1,200만", 12_000_000),
    ("54개월", 54),
    # a hedge or a copula around it
    ("약 다섯 개", 5),
    ("다섯 개입니다", 5),
    ("다섯입니다", 5),
    ("스무 번째예요", 20),
    ("열이다", 10),
    # a learner's known slips: read, and named (test_a_known_slip_is_read_and_named)
    ("하나 개", 1),
    ("스물 개", 20),
    ("둘 번째", 2),
    ("오 개", 5),
    ("삼 명", 3),
]


@pytest.mark.parametrize(("typed", "value"), READINGS)
def test_korean_numbers_are_read(typed, value):
    assert parse_number(typed) == value


FALSE_FRIENDS = [
    "이 같은",  # "this kind of": the demonstrative 이, not 2
    "이 개",  # "this dog"
    "이 차",  # "this car"
    "이다",  # the copula
    "오다",  # "to come"
    "사다",  # "to buy"
    "이 년",  # 이 takes only 개월, 주년, 퍼센트: else it may be "this"
    "이 층",  # "this floor"
    "오년",  # a one-syllable digit takes a counter typed apart only:
    "사회",  # society
    "오차",  # an error
    "오일",  # oil
    "사위",  # a son-in-law
    "한",  # Korea; "one" only before a counter
    "한국과 일본",
    "한일",  # Korea–Japan, not "one day"
    "세",  # age, tax; "three" only before a counter
    "네",  # "yes"
    "세계",  # the world
    "열차",  # a train
    "한층",  # "even more"
    "첫",  # "first" only in 첫째 / 첫 번째
    "이오",  # two digits in a row
    "만만",
    "다섯 나라 사람",  # a number in words needs a counter after it
]


@pytest.mark.parametrize("typed", FALSE_FRIENDS)
def test_false_friends_are_not_numbers(typed):
    assert read_korean_numeral(typed) is None
    with pytest.raises(AnswerFormatError) as caught:
        parse_number(typed)
    assert caught.value.message_key == "answer.number_format"


@pytest.mark.parametrize(
    ("typed", "en", "ko"),
    [
        (
            "하나 개",
            "Before a counter, 하나 becomes 한: 한 개, not 하나 개.",
            "단위 명사 앞에서는 ‘하나’ 대신 ‘한’ 꼴을 씁니다. 예: ‘하나 개’ → ‘한 개’",
        ),
        (
            "스물 번째",
            "Before a counter, 스물 becomes 스무: 스무 번째, not 스물 번째.",
            "단위 명사 앞에서는 ‘스물’ 대신 ‘스무’ 꼴을 씁니다. 예: ‘스물 번째’ → ‘스무 번째’",
        ),
        (
            "오 개",
            "개 counts with native Korean numbers: 다섯 개, not 오 개.",
            "‘개’ 앞에는 고유어 수사를 씁니다. 예: ‘오 개’ → ‘다섯 개’",
        ),
    ],
)
def test_a_known_slip_is_read_and_named(lesson, typed, en, ko):
    question = "goods-count" if "개" in typed else "dialogue-number"
    feedback = check_question(lesson.questions[question], typed)
    assert feedback.mistake is not None
    assert (feedback.mistake.en, feedback.mistake.ko) == (en, ko)
    assert feedback.status == ("correct" if typed != "하나 개" else "wrong")


@pytest.mark.parametrize("typed", ["다섯 개", "스무 번째", "둘째", "셋째", "다섯", "5개", "오 년"])
def test_right_forms_name_no_slip(typed):
    assert counter_form_slip(typed) is None


def test_the_counter_is_the_unit_as_typed():
    assert read_korean_numeral("다섯 개") == (5, "개")
    assert read_korean_numeral("스무 번째") == (20, "번째")
    assert read_korean_numeral("오십사 개월입니다") == (54, "개월")
    assert read_korean_numeral("다섯") == (5, "")
    assert parse_number("쉰네 달", "months") == 54  # 달 is a month
    assert parse_number("오십사 개월", "months") == 54
    with pytest.raises(UnitMismatchError) as caught:
        parse_number("다섯 개", "months")
    assert caught.value.given == "개"


@pytest.mark.parametrize(
    ("question", "typed", "status"),
    [
        ("dialogue-number", "제20차", "correct"),
        ("dialogue-number", "스무 번째", "correct"),
        ("dialogue-number", "이십", "correct"),
        ("dialogue-number", "제21차", "wrong"),
        ("dialogue-number", "이 같은", "unanswered"),
        ("goods-count", "다섯", "correct"),
        ("goods-count", "다섯 가지", "correct"),
        ("goods-count", "5개 품목", "correct"),
        ("goods-count", "여섯 개", "wrong"),
        ("hiatus-months", "쉰네 달", "correct"),
        ("hiatus-months", "54개월", "correct"),
        ("hiatus-months", "쉰다섯 달", "wrong"),
    ],
)
def test_the_lessons_number_questions_take_korean_numbers(lesson, question, typed, status):
    assert check_question(lesson.questions[question], typed).status == status
