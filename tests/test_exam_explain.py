"""Explanations of exam items (dokhae.exam.explain, worded by dokhae.answers.exam): each
says why the key is right with the proof's own evidence, in Korean and in English.

The expectations are recomputed here from the article and the item (where the word the
boxed sentence points back to is first named, the values of the chart's rows, the fact
changed), never copied from the explanation.
"""

from __future__ import annotations

import re

import pytest
from pydantic import TypeAdapter

from dokhae import i18n, load_lesson
from dokhae.answers.exam import english_sentences, exam_explanation, exam_hint
from dokhae.exam.explain import claim_text, expansion, opener, reasons
from dokhae.exam.items import GRAMMAR_RULES, KINDS, ORDERS, RULE_NAMES_KO, ExamItem
from dokhae.exam.proofs import END, evaluate_claim, span_source

LESSON = load_lesson("steel-dialogue-2023")
S = english_sentences(LESSON)
ITEMS = {i.kind: i for i in LESSON.exam_items.values()}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
ITEM = TypeAdapter(ExamItem)


def explained(kind: str):
    text = exam_explanation(ITEMS[kind], S)
    assert text is not None
    return text


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_explained_in_both_languages(kind):
    text = explained(kind)
    assert HANGUL.search(text.ko) and not HANGUL.search(text.en)
    hint = exam_hint(ITEMS[kind])
    assert HANGUL.search(hint.ko) and not HANGUL.search(hint.en)
    # a hint says how to look, never which option: no circled number of the key
    key = getattr(ITEMS[kind], "key", None)
    if key is not None:
        assert "①②③④⑤"[key - 1] not in hint.ko + hint.en


def test_insertion_names_what_the_opening_points_back_to_and_where():
    item = ITEMS["insertion"]
    boxed = S[item.sentence]
    head = opener(boxed)
    assert head and boxed.startswith(head)
    text = explained("insertion")
    assert f"‘{head}’" in text.ko and f"'{head}'" in text.en
    acronym = re.search(r"\b[A-Z]{2,}\b", boxed).group(0)
    rest = [s for s in item.passage if s != item.sentence]
    at = item.gaps[item.key - 1]
    before = rest[: len(rest) if at == END else rest.index(at)]
    # the spelled-out name stands in the text before the keyed gap, and nowhere after it
    spelled = expansion(acronym, " ".join(S[s] for s in before))
    assert spelled and "".join(w[0] for w in spelled.split()) == acronym
    assert spelled in text.ko and spelled in text.en
    assert f"( {'①②③④⑤'[item.key - 1]} )" in text.ko


def test_insertion_with_this_points_back_to_the_word_first_named_before_the_gap():
    sentences = {
        "s1": "The city council met on Monday to discuss the school budget.",
        "s2": "Members agreed to build a new library next to the river.",
        "s3": "This library will open to students in March.",
        "s4": "Students will be able to borrow laptops there.",
        "s5": "Parents welcomed the plan at a meeting on Tuesday.",
        "s6": "The council will vote on the final budget in April.",
        "s7": "A decision is expected by the end of spring.",
    }
    item = ITEM.validate_python(
        {
            "id": "ins",
            "kind": "insertion",
            "passage": list(sentences),
            "sentence": "s3",
            "gaps": ["s2", "s4", "s5", "s6", "s7"],
            "key": 2,
        }
    )
    keys = [r.key for r in reasons(item, sentences)]
    assert keys[0] == "insertion.opener" and "insertion.word" in keys
    text = exam_explanation(item, sentences)
    assert "‘This library’" in text.ko and "'This library'" in text.en
    assert sentences["s2"] in text.ko  # where "library" is first named
    assert "‘library’" in text.ko


def test_order_names_a_link_word_of_each_chunk():
    item = ITEMS["order"]
    order = ORDERS[item.key - 1]
    text = explained("order")
    assert "-".join(f"({x})" for x in order) in text.ko
    found = {r.fields["label"]: r for r in reasons(item, S) if "label" in r.fields}
    assert set(found) == set(order)
    parts = [item.opening] + [item.chunks[label] for label in order]
    for n, label in enumerate(order, start=1):
        before = " ".join(S[s] for s in parts[n - 1]).lower()
        first = S[parts[n][0]]
        fields = found[label].fields
        words = [fields["acronym"]] if "acronym" in fields else fields["words"].split(", ")
        for word in words:
            assert word in first
        if "expansion" in fields:
            assert fields["expansion"].lower() in before
        else:
            assert all(w.lower() in before for w in words)


@pytest.mark.parametrize("rule", GRAMMAR_RULES)
def test_grammar_names_its_rule_in_korean_and_english(rule):
    marks = [
        {
            "sentence": "p1s1",
            "start": S["p1s1"].index(w),
            "end": S["p1s1"].index(w) + len(w),
            "text": w,
        }
        for w in ("held", "regular", "dialogue", "discuss", "boost")
    ]
    original, changed = {
        "agreement": ("held", "helds"),
        "participle": ("held", "holding"),
        "that_what": ("held", "what"),
        "adjective_adverb": ("regular", "regularly"),
        "finite_verbal": ("held", "holding"),
        "tense": ("held", "has held"),
    }[rule]
    n = [m["text"] for m in marks].index(original)
    marks[n] = marks[n] | {"text": changed}
    item = ITEM.validate_python(
        {
            "id": "g",
            "kind": "grammar",
            "passage": ["p1s1"],
            "marks": marks,
            "key": n + 1,
            "proof": {"rule": f"grammar.{rule}", "original": original, "changed": changed},
        }
    )
    text = exam_explanation(item, S)
    assert f"({RULE_NAMES_KO[rule]})" in text.ko
    english = {
        "agreement": "subject–verb agreement",
        "participle": "active or passive participle",
        "that_what": "that or what",
        "adjective_adverb": "adjective or adverb",
        "finite_verbal": "finite verb or verbal",
        "tense": "tense",
    }[rule]
    assert f"({english})" in text.en
    assert f"{changed} → {original}" in text.ko and f"{changed} → {original}" in text.en


def test_shipped_grammar_item_says_which_form_is_right():
    item = ITEMS["grammar"]
    mark = item.marks[item.key - 1]
    text = explained("grammar")
    assert f"{mark.text} → {span_source(mark, S)}" in text.ko
    assert RULE_NAMES_KO[item.proof.rule.removeprefix("grammar.")] in text.ko


def test_chart_gives_the_computed_values_against_the_statement():
    item = ITEMS["chart"]
    false = item.statements[item.key - 1]
    rows = {r.key: r for r in item.table.rows}
    a, b = rows[false.claim.a], rows[false.claim.b]
    assert not evaluate_claim(item.table, false.claim)
    relation = "<" if a.value < b.value else ">" if a.value > b.value else "="
    computed = f"{a.label} {a.value:g} {relation} {b.label} {b.value:g}"
    text = explained("chart")
    assert false.en in text.en and computed in text.en and computed in text.ko
    # every other statement is shown true on the data
    for n, s in enumerate(item.statements, start=1):
        if n != item.key:
            assert claim_text(item.table, s.claim) in text.ko


def test_chart_gap_claims_compute_the_gap():
    item = ITEMS["chart"]
    gap = next(s.claim for s in item.statements if s.claim.op.startswith("gap"))
    rows = {r.key: r.value for r in item.table.rows}
    assert f"= {round(abs(rows[gap.a] - rows[gap.b]), 3):g}" in claim_text(item.table, gap)


def test_facts_names_the_changed_fact_and_the_source():
    item = ITEMS["facts"]
    statement = item.statements[item.key - 1]
    text = explained("facts")
    assert item.proof.original in S[statement.sentence]
    assert item.proof.changed not in S[statement.sentence]
    for lang in ("ko", "en"):
        assert item.proof.original in text(lang) and item.proof.changed in text(lang)
        assert S[statement.sentence] in text(lang)
    assert "날짜" in text.ko and "date" in text.en


def test_blank_and_written_kinds_quote_the_source():
    blank = ITEMS["blank"]
    assert span_source(blank.gap, S) in explained("blank").en
    arrange = ITEMS["written_arrange"]
    text = explained("written_arrange")
    changed = [w for w in arrange.words if w not in arrange.rubric.parts[0].answer.split()]
    assert changed and all(f"{w} →" in text.ko for w in changed)
    grammar = ITEMS["written_grammar"]
    text = explained("written_grammar")
    for part in grammar.rubric.parts:
        assert part.label in text.ko and part.answer in text.en


def test_summaries_are_filled_with_the_key():
    summary = ITEMS["summary"]
    a, b = summary.options[summary.key - 1]
    text = explained("summary")
    assert "________" not in text.ko and f" {a} " in text.ko and f" {b} " in text.en
    written = ITEMS["written_summary"]
    text = explained("written_summary")
    assert all(p.answer in text.en for p in written.rubric.parts)


def test_quotes_cut_around_the_words_they_are_for():
    item = ITEMS["insertion"]
    (reason,) = [r for r in reasons(item, S) if r.key == "insertion.acronym"]
    source = reason.fields["source"]
    assert len(source) < 200 and reason.fields["expansion"] in source


def test_korean_explanations_put_no_particle_after_a_field():
    """Fields hold English words; a particle after them (을/를, 이/가) would be wrong half the time."""
    particle = re.compile(r"\}[’”']?(은|는|이|가|을|를|와|과|으로|로)(\s|$|[.,!?])")
    texts = {k: v for k, v in i18n.catalog("ko").items() if k.startswith("exam_explain.")}
    assert texts and [k for k, v in texts.items() if particle.search(v)] == []


def test_vocabulary_names_the_replaced_word_and_its_sentence():
    item = ITEMS["vocabulary"]
    mark = item.marks[item.key - 1]
    original = span_source(mark, S)
    text = explained("vocabulary")
    assert f"{mark.text} → {original}" in text.ko
    assert S[mark.sentence].strip('"') in text.en
    if item.proof.rule == "vocabulary.contrast":
        assert "반대" in text.ko and "opposite" in text.en
