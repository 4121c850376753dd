"""Exam item models (dokhae.exam.items) and the proof checks (dokhae.exam.proofs), by hand.

Items are written here the way a teacher or a generator would write them, on the shipped
lesson's sentences; each broken variant must be caught with a message naming the problem.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from dokhae import load_lesson
from dokhae.exam.items import (
    STEMS,
    ChartRow,
    ChartTable,
    Claim,
    ExamItem,
    Status,
    approved,
    awaiting,
    decided,
)
from dokhae.exam.proofs import evaluate_claim, problems, rule_shape

ITEM = TypeAdapter(ExamItem)
S = {s.id: s.en for s in load_lesson("steel-dialogue-2023").article.sentences.values()}


def item(**fields):
    return ITEM.validate_python(fields)


def span(
    sentence: str, word: str, text: str | None = None, occurrence: int = 0, rule: str | None = None
):
    start = -1
    for _ in range(occurrence + 1):
        start = S[sentence].index(word, start + 1)
    return {
        "sentence": sentence,
        "start": start,
        "end": start + len(word),
        "text": text or word,
        "rule": rule,
    }


# ---------------------------------------------------------------- the models


def test_stems_are_the_printed_ones():
    """The reference's stems, copied from korean-exam-formats.md."""
    assert STEMS["title"] == "다음 글의 제목으로 가장 적절한 것은?"
    assert STEMS["topic"] == "다음 글의 주제로 가장 적절한 것은?"
    assert STEMS["facts"] == "다음 글의 내용과 일치하지 않는 것은?"
    assert (
        STEMS["vocabulary"] == "다음 글의 밑줄 친 부분 중, 문맥상 낱말의 쓰임이 적절하지 않은 것은?"
    )
    assert STEMS["blank"] == "다음 빈칸에 들어갈 말로 가장 적절한 것을 고르시오."
    assert STEMS["irrelevant"] == "다음 글에서 전체 흐름과 관계 없는 문장은?"
    assert STEMS["summary"] == (
        "다음 글의 내용을 한 문장으로 요약하고자 한다. 빈칸 (A), (B)에 들어갈 말로 "
        "가장 적절한 것은?"
    )
    title = item(id="t", kind="title", variant="topic", options=["a", "b", "c", "d", "e"], key=1)
    assert title.stem == STEMS["topic"]


def test_five_options_exactly():
    with pytest.raises(ValidationError, match="exactly 5 entries"):
        item(id="g", kind="grammar", passage=["p1s1"], key=1, marks=[span("p1s1", "held")] * 4)
    with pytest.raises(ValidationError):
        item(id="t", kind="title", options=["a"] * 5, key=6)


def test_decisions_are_signed_and_dated():
    with pytest.raises(ValidationError, match="needs `by`"):
        Status(state="approved")
    approved = Status(state="approved", by="김지은", at=dt.datetime(2026, 12, 5, 9, 0))
    assert approved.at == "2026-12-05T09:00:00"
    with pytest.raises(ValidationError):
        item(id="t", kind="title", options=["a"] * 5, key=1, colour="red")


# ---------------------------------------------------------------- 삽입, 순서

INSERTION = {
    "id": "ins",
    "kind": "insertion",
    "passage": ["p1s1", "p2s1", "p2s2", "p3s1", "p4s1", "p5s1", "p5s2"],
    "sentence": "p5s1",
    "gaps": ["p2s1", "p2s2", "p3s1", "p4s1", "p5s2"],
    "key": 5,
}


def test_insertion_proven():
    assert problems(item(**INSERTION), S) == []


def test_insertion_wrong_key_does_not_rebuild():
    assert "does not rebuild" in problems(item(**INSERTION | {"key": 4}), S)[0]


def test_insertion_gap_the_text_does_not_rule_out():
    # p2s2 ("The last meeting of its kind ...") fits after p2s1 and, by its words, after p3s1 too
    bad = INSERTION | {
        "passage": ["p1s1", "p2s1", "p2s2", "p3s1", "p4s1", "p5s1", "p5s2"],
        "sentence": "p2s2",
        "gaps": ["p2s1", "p3s1", "p4s1", "p5s1", "p5s2"],
        "key": 2,
    }
    assert any("nothing in the text rules out gap" in p for p in problems(item(**bad), S))


ORDER = {
    "id": "ord",
    "kind": "order",
    "passage": ["p4s1", "p5s1", "p5s2", "p6s1", "p7s1", "p7s2"],
    "opening": ["p4s1"],
    "chunks": {"A": ["p7s1", "p7s2"], "B": ["p5s1", "p5s2"], "C": ["p6s1"]},
    "key": 3,
}


def test_order_proven_and_wrong_key_caught():
    assert problems(item(**ORDER), S) == []
    assert "not exactly [2]" in problems(item(**ORDER | {"key": 2}), S)[0]


def test_order_chunk_without_link():
    # (C) = p2s2 after p1s1: "The last meeting of its kind" shares no word with p1s1's opening
    unlinked = {
        "id": "ord",
        "kind": "order",
        "passage": ["p1s1", "p2s2", "p3s1", "p4s1"],
        "opening": ["p1s1"],
        "chunks": {"B": ["p2s2"], "A": ["p3s1"], "C": ["p4s1"]},
        "key": 2,
    }
    assert any("does not open with a link" in p for p in problems(item(**unlinked), S))


# ---------------------------------------------------------------- 어법, 어휘

MARKS = [
    span("p1s1", "jointly"),
    span("p2s2", "was"),
    span("p2s2", "held"),
    span("p4s1", "shared"),
    span("p5s1", "calls"),
]


def test_grammar_one_broken_span_by_its_rule():
    marks = list(MARKS)
    marks[4] = span("p5s1", "calls", "call")
    good = {
        "id": "g",
        "kind": "grammar",
        "passage": ["p1s1", "p2s1", "p2s2", "p3s1", "p4s1", "p5s1"],
        "marks": marks,
        "key": 5,
        "proof": {"rule": "grammar.agreement", "original": "calls", "changed": "call"},
    }
    assert problems(item(**good), S) == []
    assert (
        "not a participle change"
        in problems(item(**good | {"proof": {"rule": "grammar.participle"}}), S)[0]
    )
    assert "not exactly the key [4]" in problems(item(**good | {"key": 4}), S)[0]
    two = list(marks)
    two[0] = span("p1s1", "jointly", "joint")
    assert "[1, 5]" in problems(item(**good | {"marks": two}), S)[0]
    assert "[]" in problems(item(**good | {"marks": MARKS}), S)[0]
    outside = list(marks)
    outside[0] = span("p7s2", "vowed")
    assert "not in the passage" in problems(item(**good | {"marks": outside}), S)[0]


@pytest.mark.parametrize(
    ("rule", "original", "changed", "shape"),
    [
        ("agreement", "was", "were", True),
        ("agreement", "calls", "call", True),
        ("agreement", "held", "hold", False),
        ("participle", "held", "holding", True),
        ("participle", "held", "hold", False),
        ("that_what", "that", "what", True),
        ("that_what", "that", "which", False),
        ("adjective_adverb", "jointly", "joint", True),
        ("adjective_adverb", "easily", "easy", True),
        ("adjective_adverb", "fully", "full", True),
        ("adjective_adverb", "held", "helds", False),
        ("finite_verbal", "shared", "sharing", True),
        ("finite_verbal", "shared", "shares", False),
        ("tense", "was held", "has been held", True),
        ("tense", "held", "holds", False),
        ("nonsense", "a", "b", False),
    ],
)
def test_rule_shapes(rule, original, changed, shape):
    assert rule_shape(rule, original, changed) is shape


def test_vocabulary_needs_another_word_not_another_form():
    marks = [
        span("p2s2", "meeting"),
        span("p3s1", "governments"),
        span("p4s1", "cooperation"),
        span("p5s2", "begin", "end"),
        span("p7s2", "vowed"),
    ]
    good = {
        "id": "v",
        "kind": "vocabulary",
        "passage": ["p2s2", "p3s1", "p4s1", "p5s1", "p5s2", "p6s1", "p7s1", "p7s2"],
        "marks": marks,
        "key": 4,
        "proof": {"rule": "vocabulary.contrast", "original": "begin", "changed": "end"},
    }
    assert problems(item(**good), S) == []
    marks[3] = span("p5s2", "begin", "began")
    form = good | {
        "marks": marks,
        "proof": {"rule": "vocabulary.contrast", "original": "begin", "changed": "began"},
    }
    assert "another form" in problems(item(**form), S)[0]


# ---------------------------------------------------------------- 도표

TABLE = ChartTable(
    title="t",
    unit="%",
    subject="the share kept in {label}",
    source="s",
    rows=(
        ChartRow(key="2026", label="2026", value=97.5),
        ChartRow(key="2030", label="2030", value=51.5),
        ChartRow(key="2034", label="2034", value=0.0),
    ),
)


@pytest.mark.parametrize(
    ("claim", "truth"),
    [
        (Claim(op="highest", a="2026"), True),
        (Claim(op="lowest", a="2030"), False),
        (Claim(op="greater", a="2030", b="2034"), True),
        (Claim(op="less", a="2030", b="2034"), False),
        (Claim(op="times_more", a="2026", b="2030", amount=2), False),  # 97.5 < 103
        (Claim(op="times_less", a="2026", b="2030", amount=2), True),
        (Claim(op="gap_more", a="2026", b="2030", amount=40), True),
        (Claim(op="gap_less", a="2026", b="2030", amount=40), False),
        (Claim(op="equals", a="2030", amount=51.5), True),
    ],
)
def test_claims_on_the_data(claim, truth):
    assert evaluate_claim(TABLE, claim) is truth


def _chart(statements, key):
    return item(
        id="c",
        kind="chart",
        table=TABLE.model_dump(),
        key=key,
        statements=[{"en": en, "claim": c} for en, c in statements],
    )


def test_chart_exactly_one_false():
    true = ("The share kept in 2026 is the highest of all.", {"op": "highest", "a": "2026"})
    false = (
        "The share kept in 2034 is higher than the share kept in 2030.",
        {"op": "greater", "a": "2034", "b": "2030"},
    )
    assert problems(_chart([true, true, false, true, true], 3), {}) == []
    assert "[3, 4]" in problems(_chart([true, true, false, false, true], 3), {})[0]
    unnamed = ("It is the highest.", {"op": "highest", "a": "2026"})
    assert "does not name '2026'" in problems(_chart([unnamed, true, false, true, true], 3), {})[0]


# ---------------------------------------------------------------- 일치, 제목, 빈칸, 서술형

FACTS = {
    "id": "f",
    "kind": "facts",
    "passage": ["p1s1", "p2s1", "p2s2", "p3s1", "p4s1", "p5s1", "p5s2"],
    "key": 3,
    "statements": [{"sentence": s, "en": S[s]} for s in ("p1s1", "p2s1")]
    + [{"sentence": "p2s2", "en": S["p2s2"].replace("2018", "2016")}]
    + [{"sentence": s, "en": S[s]} for s in ("p3s1", "p5s2")],
    "proof": {"rule": "facts.date", "original": "2018", "changed": "2016"},
}


def test_facts_one_fact_changed():
    assert problems(item(**FACTS), S) == []
    same = [dict(x) for x in FACTS["statements"]]
    same[2]["en"] = S["p2s2"].replace("November", "October")
    assert "must name the original fact" in problems(item(**FACTS | {"statements": same}), S)[0]
    other = [dict(x) for x in FACTS["statements"]]
    other[0]["en"] = S["p1s1"].replace("five", "six")
    assert (
        "statement 1 is not the text of p1s1"
        in problems(item(**FACTS | {"statements": other}), S)[0]
    )
    word = [dict(x) for x in FACTS["statements"]]
    word[2]["en"] = S["p2s2"].replace("last", "first")
    assert "not a number, date or name" in problems(item(**FACTS | {"statements": word}), S)[0]


def test_title_and_blank_keys_are_the_source():
    options = ["x", S["h1"], "y", "z", "w"]
    title = {
        "id": "t",
        "kind": "title",
        "options": options,
        "key": 2,
        "proof": {"rule": "source.headline"},
    }
    assert problems(item(**title), S) == []
    assert problems(item(**title | {"key": 1}), S) == ["the key option is not the headline"]
    gap = span("p2s1", "diplomatic relations")
    blank = {
        "id": "b",
        "kind": "blank",
        "passage": ["p2s1"],
        "gap": gap,
        "key": 1,
        "options": ["diplomatic relations", "a", "b", "c", "d"],
    }
    assert problems(item(**blank), S) == []
    assert "not the original phrase" in problems(item(**blank | {"key": 2}), S)[0]


def test_written_grammar_rubric_holds_the_source_forms():
    marks = list(MARKS)
    marks[0] = span("p1s1", "jointly", "joint", rule="adjective_adverb")
    marks[4] = span("p5s1", "calls", "call", rule="agreement")
    rubric = {
        "parts": [
            {"label": "ⓐ", "answer": "jointly", "points": 2},
            {"label": "ⓔ", "answer": "calls", "points": 2},
        ]
    }
    good = {
        "id": "w",
        "kind": "written_grammar",
        "passage": ["p1s1", "p2s1", "p2s2", "p3s1", "p4s1", "p5s1"],
        "marks": marks,
        "rubric": rubric,
    }
    written = item(**good)
    assert problems(written, S) == []
    assert (
        written.stem
        == "다음 글의 밑줄 친 ⓐ~ⓔ 중 어법상 틀린 것을 2개 찾아 그 기호를 쓰고 바르게 고쳐 쓰시오."
    )
    wrong = {
        "parts": [
            {"label": "ⓐ", "answer": "joint", "points": 2},
            {"label": "ⓔ", "answer": "calls", "points": 2},
        ]
    }
    assert "not the source form" in problems(item(**good | {"rubric": wrong}), S)[0]
    missing = {"parts": [{"label": "ⓐ", "answer": "jointly", "points": 2}]}
    assert "not the changed marks" in problems(item(**good | {"rubric": missing}), S)[0]


def test_written_arrange_words_are_the_answers():
    gap = span("p7s2", "sides vowed to continue to join hands")
    rubric = {"mode": "arrange", "parts": [{"label": "(A)", "answer": gap["text"], "points": 4}]}
    good = {
        "id": "a",
        "kind": "written_arrange",
        "passage": ["p7s1", "p7s2"],
        "gap": gap,
        "rubric": rubric,
        "words": ["to", "join", "vow", "hands", "sides", "continue", "to"],
        "conditions": ["주어진 단어를 모두 한 번씩만 사용할 것", "필요시 어형을 바꿀 것"],
    }
    assert problems(item(**good), S) == []
    foreign = good | {"words": ["to", "join", "promise", "hands", "sides", "continue", "to"]}
    assert "'promise' is not in the answer" in problems(item(**foreign), S)[0]


def test_written_points_are_the_rubric_total():
    rubric = {
        "parts": [
            {"label": "(A)", "answer": "held", "points": 2},
            {"label": "(B)", "answer": "calls", "points": 1},
        ]
    }
    gap = span("p2s2", "held")
    assert item(id="w", kind="written_blank", passage=["p2s2"], gap=gap, rubric=rubric).points == 3
    with pytest.raises(ValidationError, match="differ from the rubric's total 3"):
        item(id="w", kind="written_blank", passage=["p2s2"], gap=gap, rubric=rubric, points=5)


def test_stubs_and_teacher_kinds_need_approval_not_proof():
    stub = item(
        id="s",
        kind="summary",
        passage=["p1s1"],
        key=1,
        summary="[TODO: x]",
        options=[["a", "b"]] * 5,
        todo="write it",
    )
    assert problems(stub, S) == []
    assert problems(
        item(
            id="s", kind="summary", passage=["p9s9"], key=1, summary="x", options=[["a", "b"]] * 5
        ),
        S,
    )


def test_only_approved_items_reach_students():
    draft = item(**INSERTION)
    stub = item(
        id="s",
        kind="summary",
        passage=["p1s1"],
        key=1,
        summary="[TODO: x]",
        options=[["a", "b"]] * 5,
        todo="write it",
    )
    yes = decided(draft, "approved", by="김지은", at="2026-12-05T09:00:00+09:00")
    no = decided(
        item(**ORDER), "rejected", by="김지은", note="the chunks can be read in another order"
    )
    assert (
        yes.status.state == "approved"
        and yes.status.by == "김지은"
        and yes == draft.model_copy(update={"status": yes.status})
    )
    assert no.status.at and no.status.note
    assert approved([draft, stub, yes, no]) == [yes]
    assert awaiting([draft, stub, yes, no]) == [draft, stub]
    with pytest.raises(ValueError, match="still a stub"):
        decided(stub, "approved", by="김지은")


def test_the_documented_example_is_a_proven_item():
    import re
    from pathlib import Path

    import yaml

    doc = (Path(__file__).parents[1] / "docs" / "exam-items.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", doc, re.DOTALL).group(1)
    (example,) = TypeAdapter(list[ExamItem]).validate_python(yaml.safe_load(block)["exam_items"])
    assert problems(example, S) == []
    assert example.marks[example.key - 1].text == "has been held"
