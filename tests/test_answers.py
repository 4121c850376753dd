"""Answer checking: one checker per question type, and the normalisers."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest

from dokhae import i18n
from dokhae.answers import (
    AnswerFormatError,
    Feedback,
    UnitMismatchError,
    check_cloze,
    check_matching,
    check_multiple_choice,
    check_number,
    check_numeric,
    check_ordering,
    check_question,
    check_short_text,
    check_true_false_not_given,
    english_forms,
    format_number,
    is_empty,
    normalize_text,
    parse_number,
    same_english_word,
    units_match,
    within_tolerance,
)
from dokhae.lesson import (
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    Text,
    Tolerance,
    TrueFalseNotGiven,
)

EXPLANATION = Text(
    en="Sentence p1s1 says the talks resumed.", ko="p1s1에 대화가 재개되었다고 나옵니다."
)
HINT = Text(en="Look at the headline.", ko="제목을 보세요.")
COMMON = {
    "skill": "detail",
    "sentences": ("p1s1",),
    "prompt": Text(en="Question?", ko="질문?"),
    "explanation": EXPLANATION,
    "hint": HINT,
}

MC = MultipleChoice(
    id="q-mc",
    type="multiple_choice",
    answer="b",
    choices=(
        {"id": "a", "en": "Trade in cars", "ko": "자동차 무역"},
        {"id": "b", "en": "Steel cooperation", "ko": "철강 협력"},
        {"id": "c", "en": "Fishing rights", "ko": "어업권"},
    ),
    **COMMON,
)
TFNG = TrueFalseNotGiven(id="q-tf", type="true_false_not_given", answer="not_given", **COMMON)
CLOZE = Cloze(
    id="q-cloze",
    type="cloze",
    text="They ___ the dialogue.",
    answer="resumed",
    inflections=True,
    **COMMON,
)
CLOZE_STRICT = Cloze(
    id="q-strict",
    type="cloze",
    text="after a five-year ___",
    answer="hiatus",
    accept=("break",),
    **COMMON,
)
MATCHING = Matching(
    id="q-match",
    type="matching",
    pairs=(
        {"left": "hiatus", "right": "중단"},
        {"left": "resume", "right": "재개하다"},
        {"left": "levy", "right": "부과하다"},
        {"left": "cooperation", "right": "협력"},
    ),
    **COMMON,
)
ORDERING = Ordering(
    id="q-order",
    type="ordering",
    answer=("a", "b", "c", "d"),
    items=tuple({"id": x, "en": x.upper(), "ko": x} for x in "abcd"),
    **COMMON,
)
SHORT = ShortText(id="q-short", type="short_text", accept=("협력", "cooperation"), **COMMON)
SHORT_MANUAL = ShortText(
    id="q-manual", type="short_text", accept=("steel talks",), manual=True, **COMMON
)
SHORT_COMPOUND = ShortText(id="q-cbam", type="short_text", accept=("탄소국경조정제도",), **COMMON)
NUMERIC = Numeric(
    id="q-num",
    type="numeric",
    answer=4981.25,
    unit="certificates",
    tolerance=Tolerance(absolute=1),
    **COMMON,
)
NUMERIC_KRW = Numeric(
    id="q-krw",
    type="numeric",
    answer=517459153,
    unit="₩",
    tolerance=Tolerance(relative=0.005),
    **COMMON,
)


@pytest.fixture(autouse=True)
def _english_interface():
    with i18n.using_language("en"):
        yield


# --------------------------------------------------------------------------- Feedback


def test_feedback_carries_status_explanation_hint_and_message():
    """Does a result carry right/wrong, the bilingual explanation, a hint and a message?"""
    fb = check_multiple_choice(MC, "b")
    assert fb.correct and fb.status == "correct" and fb.score == 1.0
    assert fb.explanation == EXPLANATION and fb.hint == HINT
    assert fb.message() == "Correct!"
    assert fb.message("ko") == "정답입니다!"
    assert fb.to_dict()["explanation"]["ko"] == EXPLANATION.ko


def test_feedback_rejects_unknown_status_and_bad_score():
    with pytest.raises(ValueError, match=re.escape("Feedback status 'right' is not one of")):
        Feedback("right")
    with pytest.raises(ValueError, match=re.escape("Feedback score 2 must be between 0 and 1")):
        Feedback("correct", score=2)


def test_feedback_is_immutable():
    fb = Feedback("wrong", fields={"a": 1})
    with pytest.raises(AttributeError):
        fb.status = "correct"  # type: ignore[misc]
    with pytest.raises(TypeError):
        fb.fields["a"] = 2  # type: ignore[index]


# --------------------------------------------------------------------------- normalising


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (unicodedata.normalize("NFD", "협력"), "협력"),  # macOS decomposed jamo
        ("ＲＥＳＵＭＥ", "resume"),  # full-width letters
        ("１０００", "1000"),  # full-width digits
        ("ｶﾀｶﾅ", "カタカナ"),  # half-width forms
        ("  Resumed  ", "resumed"),
        ("steel\u3000\u3000talks", "steel talks"),  # ideographic spaces collapsed
        ("\u201cHiatus\u201d", '"hiatus"'),  # curly double quotes
        ("Korea\u2019s", "korea's"),  # curly apostrophe
        ("five\u2013year", "five-year"),  # en dash
        ("co\u200boperation", "cooperation"),  # zero-width space
        ("STRASSE", "strasse"),
        (None, ""),
    ],
)
def test_normalize_text(typed, expected):
    assert normalize_text(typed) == expected


@pytest.mark.parametrize(
    "value", [None, "", "   ", "\u3000", "\u200b", [], {}, {"a": ""}, ("", None)]
)
def test_is_empty(value):
    assert is_empty(value)


@pytest.mark.parametrize("value", ["0", 0, 0.0, ["a"], {"a": "b"}, False])
def test_is_not_empty(value):
    assert not is_empty(value)


# --------------------------------------------------------------------------- English forms


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("resume", {"resume", "resumes", "resumed", "resuming"}),
        ("levy", {"levy", "levies", "levied", "levying"}),
        ("vow", {"vow", "vows", "vowed", "vowing"}),
        ("beef", {"beef", "beefs", "beefed", "beefing"}),
        ("join", {"join", "joins", "joined", "joining"}),
        ("stop", {"stop", "stops", "stopped", "stopping"}),
        ("commit", {"commit", "commits", "committed", "committing"}),
        ("visit", {"visit", "visits", "visited", "visiting"}),
        ("rise", {"rise", "rises", "rose", "risen", "rising"}),
        ("tax", {"tax", "taxes", "taxed", "taxing"}),
        ("die", {"die", "dies", "died", "dying"}),
        ("agree", {"agree", "agrees", "agreed", "agreeing"}),
        ("panic", {"panic", "panics", "panicked", "panicking"}),
        ("crisis", {"crisis", "crises"}),
        ("overtake", {"overtake", "overtook", "overtaken", "overtaking"}),
        ("chairman", {"chairman", "chairmen"}),
    ],
)
def test_english_forms_include(lemma, forms):
    assert forms <= english_forms(lemma)


@pytest.mark.parametrize(
    ("lemma", "not_a_form"),
    [
        ("rise", "rised"),
        ("stop", "stoped"),
        ("visit", "visitted"),
        ("be", "bed"),
        ("she", "shed"),
        ("the", "thing"),
    ],
)
def test_english_forms_exclude(lemma, not_a_form):
    assert not_a_form not in english_forms(lemma)


@pytest.mark.parametrize(
    ("answer", "expected", "same"),
    [
        ("Resumed ", "resume", True),
        ("resuming", "resumed", True),
        ("levied", "levying", True),
        ("vowed", "vow", True),
        ("beefed up", "beef up", True),
        ("joined hands", "join hands", True),
        ("carbon taxes", "carbon tax", True),
        ("went", "go", True),
        ("result", "resumed", False),
        ("level", "levy", False),
        ("hands joined", "join hands", False),
        ("joined feet", "join hands", False),
        ("", "resume", False),
    ],
)
def test_same_english_word(answer, expected, same):
    assert same_english_word(answer, expected) is same


def test_english_forms_agree_with_lemminflect():
    """Does the small rule set accept every form lemminflect knows for the lesson's words?"""
    lemminflect = pytest.importorskip("lemminflect")
    words = [
        "resume",
        "levy",
        "vow",
        "beef",
        "join",
        "cooperate",
        "emit",
        "export",
        "impose",
        "phase",
        "hiatus",
        "steelmaker",
        "tariff",
        "thaw",
        "pledge",
        "agree",
        "hold",
        "strengthen",
        "ease",
        "tax",
        "report",
        "commit",
        "rise",
        "meet",
        "lead",
    ]
    for word in words:
        for forms in lemminflect.getAllInflections(word).values():
            for form in forms:
                assert same_english_word(form, word), (form, word)
                assert same_english_word(word, form), (word, form)


# --------------------------------------------------------------------------- multiple choice


@pytest.mark.parametrize(
    "value", ["b", "B", " b ", "Ｂ", "Steel cooperation", "철강 협력", "철강협력"]
)
def test_multiple_choice_correct(value):
    assert check_multiple_choice(MC, value).status == "correct"


def test_multiple_choice_wrong_names_the_answer():
    fb = check_multiple_choice(MC, "a")
    assert (fb.status, fb.expected, fb.score, fb.message()) == ("wrong", "b", 0.0, "Not quite.")


@pytest.mark.parametrize("value", ["", None, "   "])
def test_multiple_choice_empty_is_unanswered_never_wrong(value):
    fb = check_multiple_choice(MC, value)
    assert fb.status == "unanswered" and not fb.answered and fb.expected is None
    assert fb.message_key == "answer.choose_first"
    assert fb.message() == "Choose an answer first."
    assert fb.message("ko") == "먼저 답을 고르세요."


def test_multiple_choice_unknown_choice_gets_a_message():
    fb = check_multiple_choice(MC, "e")
    assert fb.status == "unanswered"
    assert fb.message() == "Choose one of: a, b, c."
    assert fb.message("ko") == "다음 중에서 고르세요: a, b, c"


# --------------------------------------------------------------------------- true/false/NG


@pytest.mark.parametrize(
    "value", ["not_given", "Not given", "NG", "ng", "언급 없음", "언급없음", "알 수 없음"]
)
def test_tfng_not_given_spellings(value):
    assert check_true_false_not_given(TFNG, value).status == "correct"


@pytest.mark.parametrize("value", [True, False, "true", "F", "참", "거짓"])
def test_tfng_wrong(value):
    fb = check_true_false_not_given(TFNG, value)
    assert fb.status == "wrong" and fb.expected == "not_given"


def test_tfng_empty_and_unreadable():
    empty = check_true_false_not_given(TFNG, "")
    assert empty.status == "unanswered" and empty.message() == "Choose an answer first."
    fb = check_true_false_not_given(TFNG, "maybe")
    assert fb.status == "unanswered"
    assert fb.message() == "Answer True, False or Not given."


# --------------------------------------------------------------------------- cloze


@pytest.mark.parametrize(
    "value",
    [
        "resumed",
        "Resumed ",
        "RESUMED",
        "resume",
        "resumes",
        "resuming",
        "ｒｅｓｕｍｅｄ",
        "resumed.",
    ],
)
def test_cloze_with_inflections_accepts_every_form(value):
    assert check_cloze(CLOZE, value).status == "correct"


def test_cloze_without_inflections_is_strict_but_accepts_alternatives():
    assert check_cloze(CLOZE_STRICT, "Hiatus").status == "correct"
    assert check_cloze(CLOZE_STRICT, "break").status == "correct"
    fb = check_cloze(CLOZE_STRICT, "hiatuses")
    assert fb.status == "wrong" and fb.expected == "hiatus"


def test_cloze_near_miss_says_almost_but_stays_wrong():
    fb = check_cloze(CLOZE, "resumd")
    assert fb.status == "wrong" and not fb.correct
    assert fb.message() == "Almost: check your spelling."
    assert check_cloze(CLOZE, "started").message_key == "feedback.wrong"


@pytest.mark.parametrize("value", ["", "  ", None, "\u3000"])
def test_cloze_empty_is_unanswered_never_wrong(value):
    """Is an empty answer "not answered", and is the answer kept hidden?"""
    fb = check_cloze(CLOZE, value)
    assert (fb.status, fb.score, fb.expected, fb.message_key) == (
        "unanswered",
        0.0,
        None,
        "answer.empty",
    )


# --------------------------------------------------------------------------- short text


@pytest.mark.parametrize(
    "value",
    ["협력", unicodedata.normalize("NFD", "협력"), " 협력 ", "Cooperation", "cooperation!"],
)
def test_short_text_accepts_nfc_nfd_case_and_spaces(value):
    assert check_short_text(SHORT, value).status == "correct"


@pytest.mark.parametrize("value", ["탄소국경조정제도", "탄소 국경 조정 제도", "탄소국경 조정제도"])
def test_short_text_korean_ignores_spacing(value):
    assert check_short_text(SHORT_COMPOUND, value).status == "correct"


def test_short_text_korean_near_miss_by_one_jamo():
    assert check_short_text(SHORT_COMPOUND, "탄소국경조정재도").message_key == "feedback.almost"


def test_short_text_wrong_and_manual():
    assert check_short_text(SHORT, "대화").status == "wrong"
    fb = check_short_text(SHORT_MANUAL, "The two countries talked about steel")
    assert fb.status == "pending" and fb.score == 0.0
    assert fb.message() == "Your teacher will mark this answer."
    assert check_short_text(SHORT_MANUAL, "Steel talks").status == "correct"


# --------------------------------------------------------------------------- matching


ALL_RIGHT = {"hiatus": "중단", "resume": "재개하다", "levy": "부과하다", "cooperation": "협력"}


def test_matching_all_right():
    fb = check_matching(MATCHING, ALL_RIGHT)
    assert fb.status == "correct" and fb.score == 1.0
    assert fb.message() == "Correct!"


def test_matching_partial_credit_is_share_of_right_pairs():
    answer = dict(ALL_RIGHT, levy="협력", cooperation="부과하다")
    fb = check_matching(MATCHING, answer)
    assert fb.status == "partial" and fb.score == 0.5
    assert fb.details == {"hiatus": True, "resume": True, "levy": False, "cooperation": False}
    assert i18n.t("feedback.correct_pairs", **fb.fields) == "2 of 4 pairs are right."


def test_matching_accepts_pairs_normalised_and_missing_counts_wrong():
    pairs = [("Hiatus", unicodedata.normalize("NFD", "중단")), ("RESUME ", "재개 하다")]
    fb = check_matching(MATCHING, pairs)
    assert fb.status == "partial" and fb.score == 0.5


def test_matching_none_right_and_empty():
    wrong = dict(zip(ALL_RIGHT, ["협력", "중단", "재개하다", "부과하다"], strict=True))
    assert check_matching(MATCHING, wrong).status == "wrong"
    assert check_matching(MATCHING, {}).status == "unanswered"
    fb = check_matching(MATCHING, {"hiatus": "", "levy": None})
    assert fb.status == "unanswered" and fb.expected is None
    assert fb.message() == "Choose an answer first."
    assert fb.message("ko") == "먼저 답을 고르세요."


# --------------------------------------------------------------------------- ordering


def test_ordering():
    assert check_ordering(ORDERING, ["a", "b", "c", "d"]).status == "correct"
    assert check_ordering(ORDERING, "A, B, C, D").status == "correct"
    fb = check_ordering(ORDERING, ["a", "b", "d", "c"])
    assert fb.status == "partial" and fb.score == 0.5
    assert fb.details == {"a": True, "b": True, "d": False, "c": False}
    assert fb.message() == "Partly right."
    assert (
        i18n.t("feedback.correct_positions", **fb.fields) == "2 of 4 items are in the right place."
    )
    assert check_ordering(ORDERING, ["d", "c", "b", "a"]).status == "wrong"


@pytest.mark.parametrize("value", [["a", "b", "c"], ["a", "a", "b", "c"], ["a", "b", "c", "x"]])
def test_ordering_not_a_permutation_gets_a_message(value):
    fb = check_ordering(ORDERING, value)
    assert fb.status == "unanswered"
    assert fb.message() == "Put all 4 items in order, each once."


def test_ordering_empty():
    fb = check_ordering(ORDERING, [])
    assert fb.status == "unanswered" and fb.expected is None
    assert fb.message() == "Choose an answer first."
    assert fb.message("ko") == "먼저 답을 고르세요."


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,000", 1000.0),
        ("1000.0", 1000.0),
        ("１０００", 1000.0),
        ("１，０００．５", 1000.5),
        ("₩517,459,153", 517459153.0),
        ("517,459,153원", 517459153.0),
        ("517,459,153 KRW", 517459153.0),
        ("5억 1745만 9153원", 517459153.0),
        ("3천만 원", 30_000_000.0),
        ("1.2 million", 1_200_000.0),
        ("4,981.25 certificates", 4981.25),
        ("48.5%", 48.5),
        ("11,660 tCO2e", 11660.0),
        ("11,660 tCO₂e", 11660.0),
        ("€ 375,387", 375387.0),
        ("-12.5", -12.5),
        ("\u221212.5", -12.5),  # minus sign
        ("-€5", -5.0),
        ("about 5,000 t", 5000.0),
        ("약 5,000톤", 5000.0),
        ("1/4", 0.25),
        ("1.5e3", 1500.0),
        ("1_000", 1000.0),
        (".5", 0.5),
        (1000, 1000.0),
        (Decimal("2.5"), 2.5),
        (Fraction(1, 4), 0.25),
    ],
)
def test_parse_number(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", [None, "", "   ", "\u3000"])
def test_parse_number_empty_is_none(typed):
    assert parse_number(typed) is None


@pytest.mark.parametrize(
    "typed", ["abc", "1,00", "1.2.3", "5-6", "1 000", "이 같은", "e5", "3/0", True, "twelve"]
)
def test_parse_number_not_a_number(typed):
    with pytest.raises(AnswerFormatError) as caught:
        parse_number(typed)
    assert caught.value.message_key == "answer.number_format"


def test_parse_number_error_message_is_exact():
    with pytest.raises(
        AnswerFormatError,
        match=re.escape(
            "'abc' is not a number; write it like 1,234.5 (a point for decimals, "
            "commas between thousands) with an optional unit"
        ),
    ):
        parse_number("abc")


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("5 tonnes", "t", 5),
        ("5톤", "t", 5),
        ("5 t", "tCO2e", 5),
        ("5 tCO2", "tCO2e", 5),
        ("5 EUR", "€", 5),
        ("5 euros", "€", 5),
        ("5 유로", "€", 5),
        ("5 won", "₩", 5),
        ("₩5", "원", 5),
        ("5 €/t", "EUR per tonne", 5),
        ("5 percent", "%", 5),
        ("12개월", "months", 12),
        ("1 certificate", "certificates", 1),
        ("5", "t", 5),
        ("7 reports", "", 7),
    ],
)
def test_units_accepted(typed, unit, value):
    """Is a unit accepted in its English and Korean spellings, and is it optional?"""
    assert parse_number(typed, unit) == value


def test_wrong_unit_is_told_not_accepted():
    with pytest.raises(
        UnitMismatchError, match=re.escape("the answer is asked in '₩' but the unit given is '€'")
    ) as caught:
        parse_number("€ 375,387", "₩")
    assert caught.value.message_key == "answer.unit_mismatch"
    assert caught.value.fields == {"given": "€", "expected": "₩"}


@pytest.mark.parametrize(
    ("given", "expected"), [("tCO2e", "t"), ("kg", "t"), ("€", "₩"), ("%", "t")]
)
def test_units_do_not_match(given, expected):
    assert not units_match(given, expected)


@pytest.mark.parametrize(
    ("value", "right"),
    [
        (4982.25, True),  # exactly on the absolute bound
        (4980.25, True),
        (4982.26, False),
        (4980.24, False),
    ],
)
def test_tolerance_absolute_edges(value, right):
    assert within_tolerance(value, 4981.25, Tolerance(absolute=1)) is right


@pytest.mark.parametrize(
    ("value", "right"), [(1005.0, True), (995.0, True), (1005.01, False), (994.99, False)]
)
def test_tolerance_relative_edges(value, right):
    assert within_tolerance(value, 1000.0, Tolerance(relative=0.005)) is right


def test_tolerance_is_the_larger_of_absolute_and_relative():
    tol = Tolerance(absolute=10, relative=0.001)
    assert within_tolerance(1010, 1000, tol) and not within_tolerance(1010.5, 1000, tol)
    assert within_tolerance(100_100, 100_000, tol)


def test_exact_tolerance_forgives_float_rounding():
    assert within_tolerance(0.1 + 0.2, 0.3, None)
    assert not within_tolerance(0.3001, 0.3, None)


def test_check_numeric():
    assert check_numeric(NUMERIC, "4,981.25 certificates").correct
    assert check_numeric(NUMERIC, "4982").correct
    fb = check_numeric(NUMERIC, "4,990")
    assert fb.status == "wrong" and fb.expected == "4,981.25 certificates"
    assert fb.explanation == EXPLANATION


@pytest.mark.parametrize(
    "value", ["₩517,459,153", "517,459,153원", "5억 1745만 9153원", "517459153", 517459153]
)
def test_check_numeric_korean_won(value):
    assert check_numeric(NUMERIC_KRW, value).correct


def test_check_numeric_garbage_gets_a_format_message_not_wrong():
    fb = check_numeric(NUMERIC, "abc")
    assert fb.status == "unanswered" and fb.expected is None
    assert fb.message() == "Write a number, for example 1,234.5 (use a point for decimals)."
    assert fb.message("ko") == "숫자로 입력하세요. 예: 1,234.5 (소수점은 마침표로 씁니다)"


def test_check_numeric_wrong_unit_is_told():
    fb = check_numeric(NUMERIC_KRW, "€ 375,387")
    assert fb.status == "unanswered" and fb.expected is None
    assert fb.message() == "Check the unit: the answer is asked in ₩, but you wrote €."
    assert (
        fb.message("ko") == "단위를 확인하세요. 이 문제는 ₩ 단위로 답해야 합니다. (입력한 단위: €)"
    )


@pytest.mark.parametrize("value", ["", None, "  "])
def test_check_numeric_empty_is_unanswered(value):
    fb = check_numeric(NUMERIC, value)
    assert fb.status == "unanswered" and fb.message_key == "answer.empty" and fb.expected is None


def test_check_number_for_arithmetic_exercises():
    fb = check_number("11,660 tCO2e", 11660, Tolerance(relative=0.005), "tCO2e", hint=HINT)
    assert fb.correct and fb.hint == HINT and fb.explanation is None
    assert check_number(11_600, 11660, 60).correct and not check_number(11_599, 11660, 60).correct
    assert not check_number(11_600, 11660, {"absolute": 10}).correct


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (4981.25, "certificates", "4,981.25 certificates"),
        (517459153, "₩", "₩517,459,153"),
        (48.5, "%", "48.5%"),
        (-375387, "€", "-€375,387"),
        (517459153, "원", "517,459,153원"),
        (0.1 + 0.2, "", "0.3"),
    ],
)
def test_format_number(value, unit, shown):
    assert format_number(value, unit) == shown


# --------------------------------------------------------------------------- odd values


class _Odd:
    """Something a student might pass by mistake: no text, no number, no items."""

    def __repr__(self) -> str:
        return "<odd>"


ODD_VALUES = [
    None,
    5,
    "abc",
    [],
    {},
    _Odd(),
    2.5,
    True,
    b"a",
    ("a",),
    {"x": "y"},
    ["a", 1],
    float("nan"),
    10**400,
    Decimal("sNaN"),
    1j,
    {1, 2},
    [[1, 2, 3]],
    [None, None],
]


def _name(x: object) -> str:
    return getattr(x, "__name__", "")


CHECKERS = [
    (check_multiple_choice, MC),
    (check_true_false_not_given, TFNG),
    (check_cloze, CLOZE),
    (check_matching, MATCHING),
    (check_ordering, ORDERING),
    (check_short_text, SHORT),
    (check_numeric, NUMERIC),
]
EMPTY = {
    "multiple_choice": "answer.choose_first",
    "true_false_not_given": "answer.choose_first",
    "matching": "answer.choose_first",
    "ordering": "answer.choose_first",
    "cloze": "answer.empty",
    "short_text": "answer.empty",
    "numeric": "answer.empty",
}
# What a value of the wrong shape is told, per question type.
WRONG_SHAPE = {
    ("multiple_choice", 5): "answer.unknown_choice",
    ("multiple_choice", "abc"): "answer.unknown_choice",
    ("multiple_choice", "odd"): "answer.unknown_choice",
    ("true_false_not_given", 5): "answer.true_false_not_given",
    ("true_false_not_given", "abc"): "answer.true_false_not_given",
    ("true_false_not_given", "odd"): "answer.true_false_not_given",
    ("cloze", "odd"): "answer.text_expected",
    ("short_text", "odd"): "answer.text_expected",
    ("matching", 5): "answer.matching_format",
    ("matching", "abc"): "answer.matching_format",
    ("matching", "odd"): "answer.matching_format",
    ("ordering", 5): "answer.ordering_format",
    ("ordering", "abc"): "answer.ordering_incomplete",
    ("ordering", "odd"): "answer.ordering_format",
    ("numeric", "abc"): "answer.number_format",
    ("numeric", "odd"): "answer.number_format",
}


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
@pytest.mark.parametrize(("checker", "question"), CHECKERS, ids=_name)
def test_every_checker_takes_any_value_without_raising(checker, question, value):
    """A student can call check() with anything: is every odd value a Feedback, never a
    TypeError, and is an unreadable one "unanswered" with a message in both languages
    that does not give the answer away?"""
    fb = checker(question, value)
    assert isinstance(fb, Feedback) and fb.status in ("correct", "wrong", "partial", "unanswered")
    assert fb.message("en") and fb.message("ko")
    if fb.status == "unanswered":
        assert fb.expected is None and fb.score == 0.0 and fb.message_key.startswith("answer.")
    assert check_question(question, value).to_dict() == fb.to_dict()


@pytest.mark.parametrize("value", [None, [], {}, "", "  ", (), {"a": None}])
@pytest.mark.parametrize(("checker", "question"), CHECKERS, ids=_name)
def test_empty_values_get_the_empty_message_of_their_type(checker, question, value):
    fb = checker(question, value)
    assert (fb.status, fb.message_key) == ("unanswered", EMPTY[question.type])


@pytest.mark.parametrize("shape", [5, "abc", "odd"])
@pytest.mark.parametrize(("checker", "question"), CHECKERS, ids=_name)
def test_a_value_of_the_wrong_shape_says_what_to_give(checker, question, shape):
    expected = WRONG_SHAPE.get((question.type, shape))
    value = _Odd() if shape == "odd" else shape
    fb = checker(question, value)
    if expected is None:  # a number or a text is a fair answer to a typed question
        assert fb.status in ("wrong", "unanswered") and isinstance(value, (int, str))
    else:
        assert (fb.status, fb.message_key) == ("unanswered", expected)


def test_wrong_shape_messages_read_well():
    assert check_ordering(ORDERING, 5).message() == (
        'Give the items in order, as a list or a text: ["c", "a", "b"] or "c, a, b"'
    )
    assert check_matching(MATCHING, "abc").message("ko").startswith("짝을 dict로 쓰세요.")
    assert check_cloze(CLOZE, ["resumed"]).message() == (
        'Write your answer as text in quotes, for example "word".'
    )
    triple = check_matching(MATCHING, [("hiatus", "중단", "extra")])
    assert triple.message_key == "answer.matching_format"
    assert check_numeric(NUMERIC, [4981]).message_key == "answer.number_format"


def test_numbers_and_texts_are_still_read_for_typed_questions():
    assert check_cloze(CLOZE_STRICT, 5).status == "wrong"  # "5" is a word, just not this one
    assert check_short_text(SHORT, "협력").correct
    assert check_ordering(ORDERING, ("a", "b", "c", "d")).correct
    assert check_ordering(ORDERING, iter(["a", "b", "c", "d"])).correct
    assert check_matching(MATCHING, list(ALL_RIGHT.items())).correct


# --------------------------------------------------------------------------- dispatcher


@pytest.mark.parametrize(
    ("question", "value"),
    [
        (MC, "b"),
        (TFNG, "NG"),
        (CLOZE, "resuming"),
        (MATCHING, ALL_RIGHT),
        (ORDERING, ["a", "b", "c", "d"]),
        (SHORT, "협력"),
        (NUMERIC, "4981"),
    ],
)
def test_check_question_dispatches_on_type(question, value):
    assert check_question(question, value).correct


def test_check_question_accepts_a_mapping_and_an_exercise():
    assert check_question(NUMERIC.model_dump(), "4,981").correct
    exercise = SimpleNamespace(
        answer=4981.25,
        unit="certificates",
        tolerance=Tolerance(absolute=1),
        explanation=EXPLANATION,
    )
    fb = check_question(exercise, "4981 certificates")
    assert fb.correct and fb.explanation == EXPLANATION


def test_check_question_rejects_other_objects():
    with pytest.raises(
        TypeError, match=re.escape("cannot check str 'q1': expected a question of type")
    ):
        check_question("q1", "b")
