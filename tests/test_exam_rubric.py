"""서술형 rubrics: the 채점 기준 tables a school would publish, applied by dokhae.answers.rubric.

Each table row is (the student's answer, the points, the notes a teacher would write);
the notes are the catalog keys of the explanations (``exam_rubric.*``).
"""

from __future__ import annotations

import pytest

from dokhae import i18n
from dokhae.answers.rubric import grade_rubric as grade
from dokhae.exam.items import Rubric, RubricPart

# ---------------------------------------------------------------- 어법 고쳐쓰기
# 채점 기준: ⓑ, ⓓ 각 2점 (기호와 고친 형태가 모두 맞아야 함). 대소문자 무관. 사소한 철자 오류 −1점.
# 원형이나 다른 형태로 고친 경우 0점.
GRAMMAR = Rubric(
    mode="words",
    parts=(
        RubricPart(label="ⓑ", answer="held", points=2, other_forms=("holding",)),
        RubricPart(label="ⓓ", answer="calls", points=2, other_forms=("call",)),
    ),
)
GRAMMAR_TABLE = [
    ({"ⓑ": "held", "ⓓ": "calls"}, 4, ["correct", "correct"]),
    ({"ⓓ": "CALLS", "ⓑ": "Held"}, 4, ["correct", "correct"]),  # any order, case ignored
    ({"ⓑ": "helld", "ⓓ": "calls"}, 3, ["misspelling", "correct"]),
    ({"ⓑ": "holding", "ⓓ": "calls"}, 2, ["wrong_form", "correct"]),  # the broken form again
    ({"ⓑ": "hold", "ⓓ": "calls."}, 2, ["wrong_form", "correct"]),  # another form of the word
    ({"ⓓ": "calls"}, 2, ["empty", "correct"]),
    ({"ⓑ": "held", "ⓒ": "were", "ⓓ": "calls"}, 4, ["correct", "correct", "not_a_part"]),
    ({"ⓐ": "held", "ⓓ": "calls"}, 2, ["empty", "correct", "not_a_part"]),  # wrong symbol: no credit
    ({"ⓑ": "was held", "ⓓ": "calls"}, 2, ["wrong", "correct"]),
]

# ---------------------------------------------------------------- 단어 배열 〈조건〉
# 채점 기준: 4점. 어순이 맞고 어형 하나가 틀린 경우 2점. 사소한 철자 오류 −1점. 대소문자·문장 부호 무관.
# 어순이 틀리거나 단어를 빼거나 더한 경우 0점.
ARRANGE = Rubric(
    mode="arrange",
    parts=(
        RubricPart(
            label="(A)",
            answer="sides vowed to continue to join hands",
            points=4,
            other_forms=("vow", "vows", "vowing"),
        ),
    ),
)
ARRANGE_TABLE = [
    ("sides vowed to continue to join hands", 4, ["correct"]),
    ("Sides vowed to continue to join hands.", 4, ["correct"]),
    ("sides vow to continue to join hands", 2, ["form_wrong"]),
    ("sides vowed to continu to join hands", 3, ["misspelling"]),
    ("sides vow to continu to join hands", 1, ["form_wrong", "misspelling"]),
    ("sides vowed to join to continue hands", 0, ["order"]),
    ("sides vowed to continue join hands", 0, ["count"]),
    ("sides vowing to continue to joining hands", 0, ["forms"]),
    ("sides promised to continue to join hands", 0, ["arrange_wrong"]),
    ("", 0, ["empty"]),
]
ARRANGE_CASE = Rubric(
    mode="arrange",
    case_sensitive=True,
    parts=(RubricPart(label="(A)", answer="the European Union's border", points=4),),
)
ARRANGE_CASE_TABLE = [
    ("the European Union's border", 4, ["correct"]),
    ("the european union's border", 3, ["case"]),
]

# ---------------------------------------------------------------- 빈칸 (첫 글자 제시)
# 채점 기준: 2점. 사소한 철자 오류 −1점. 다른 어형 0점. 대소문자 무관.
BLANK = Rubric(
    mode="words",
    parts=(
        RubricPart(
            label="(A)", answer="resumed", points=2, other_forms=("resume", "resumes", "resuming")
        ),
    ),
)
BLANK_TABLE = [
    ("resumed", 2, ["correct"]),
    ("Resumed", 2, ["correct"]),
    ("resumd", 1, ["misspelling"]),
    ("resume", 0, ["wrong_form"]),  # one letter off, but a real form: not a misspelling
    ("restarted", 0, ["wrong"]),
    ("  ", 0, ["empty"]),
]
LONG_BLANK = Rubric(parts=(RubricPart(label="(A)", answer="protectionism", points=2),))
LONG_BLANK_TABLE = [
    ("protectionsim", 1, ["misspelling"]),  # two letters swapped in a long word: minor
    ("protection", 0, ["wrong"]),
]

# ---------------------------------------------------------------- 요약문 완성
# 채점 기준: (A), (B) 각 2점. (A)는 단수형도 정답으로 인정. 사소한 철자 오류 −1점.
SUMMARY = Rubric(
    mode="words",
    parts=(
        RubricPart(label="(A)", answer="emissions", accept=("emission",), points=2),
        RubricPart(
            label="(B)", answer="exempt", points=2, other_forms=("exempted", "exempts", "exempting")
        ),
    ),
)
SUMMARY_TABLE = [
    ({"(A)": "emissions", "(B)": "exempt"}, 4, ["correct", "correct"]),
    ({"(A)": "Emission", "(B)": "EXEMPT"}, 4, ["correct", "correct"]),
    ({"(A)": "emmissions", "(B)": "exempt"}, 3, ["misspelling", "correct"]),
    ({"(A)": "emissions", "(B)": "exempted"}, 2, ["correct", "wrong_form"]),
    ({"(B)": "exempt"}, 2, ["empty", "correct"]),
]

TABLES = [
    ("written_grammar", GRAMMAR, GRAMMAR_TABLE),
    ("written_arrange", ARRANGE, ARRANGE_TABLE),
    ("written_arrange", ARRANGE_CASE, ARRANGE_CASE_TABLE),
    ("written_blank", BLANK, BLANK_TABLE),
    ("written_blank", LONG_BLANK, LONG_BLANK_TABLE),
    ("written_summary", SUMMARY, SUMMARY_TABLE),
]
CASES = [
    pytest.param(rubric, answer, points, notes, id=f"{kind}-{n}")
    for kind, rubric, table in TABLES
    for n, (answer, points, notes) in enumerate(table)
]


@pytest.mark.parametrize(("rubric", "answer", "points", "notes"), CASES)
def test_rubric_table(rubric, answer, points, notes):
    result = grade(rubric, answer)
    assert result.points == points
    assert result.total == rubric.total
    found = [n.key for p in result.parts for n in p.notes] + [n.key for n in result.notes]
    assert found == notes


@pytest.mark.parametrize(("rubric", "answer", "points", "notes"), CASES)
def test_every_deduction_is_explained_in_both_languages(rubric, answer, points, notes):
    result = grade(rubric, answer)
    lost = sum(n.lost for p in result.parts for n in p.notes)
    assert result.total - result.points == pytest.approx(lost)
    for language in i18n.LANGUAGES:
        lines = result.explain(language)
        assert len(lines) == len(result.parts) + len(result.notes)
        assert all("{" not in line for line in lines)


def test_explanation_names_what_was_written_and_what_the_text_needs():
    result = grade(GRAMMAR, {"ⓑ": "holding", "ⓓ": "calls"})
    en, ko = result.explain("en"), result.explain("ko")
    assert en[0] == "ⓑ: 0 / 2 points. Wrong form: “holding”; the text needs “held” (−2)."
    assert ko[0] == "ⓑ: 0점 / 2점. 어형이 틀렸습니다: “holding” — 본문에 맞는 형태는 “held” (−2점)."
    half = grade(ARRANGE, "sides vow to continue to join hands").explain("ko")
    assert half == [
        "(A): 2점 / 4점. 어순은 맞지만 어형 하나가 틀렸습니다: “vowed” 대신 “vow” (부분 점수, −2점)."
    ]


def test_points_never_go_below_zero():
    rubric = Rubric(
        mode="arrange",
        misspelling=1,
        parts=(
            RubricPart(
                label="(A)",
                answer="technology exchanges continued",
                points=1,
                other_forms=("continue",),
            ),
        ),
    )
    result = grade(rubric, "technolgy exchanes continue")
    assert result.points == 0
    notes = result.parts[0].notes
    assert [n.key for n in notes] == ["form_wrong", "misspelling", "misspelling"]
    assert [n.lost for n in notes] == [0.5, 0.5, 0.0]


def test_several_parts_need_labels():
    with pytest.raises(TypeError, match="give the answer as"):
        grade(GRAMMAR, "held")
