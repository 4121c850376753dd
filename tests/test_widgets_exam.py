"""The exam item view: each approved item drawn as printed (escaped), answered through the
session; drafts cannot be opened."""

from __future__ import annotations

import pytest

from dokhae import load_lesson
from dokhae.exam.items import CIRCLED, KINDS, LETTERED
from dokhae.session import Session
from dokhae.widgets.exam import exam_item, item_html

SLUG = "steel-dialogue-2023"


@pytest.fixture(scope="module")
def lesson():
    return load_lesson(SLUG)


def sentences(lesson):
    return {sid: s.en for sid, s in lesson.article.sentences.items()}


def test_every_kind_is_drawn_with_its_stem(lesson):
    drawn = {i.kind: item_html(i, sentences(lesson)) for i in lesson.exam_items.values()}
    assert set(drawn) == set(KINDS)
    for item in lesson.exam_items.values():
        assert item.stem in drawn[item.kind]
    grammar = drawn["grammar"]
    assert all(f"{c}<u>" in grammar for c in CIRCLED)
    assert all(f"{c}<u>" in drawn["written_grammar"] for c in LETTERED)
    assert "( ⑤ )" in drawn["insertion"] and "dokhae-exam-box" in drawn["insertion"]
    assert drawn["order"].count("<p>(") == 3 and "(B)-(C)-(A)" in drawn["order"]
    assert "dokhae-exam-blank" in drawn["blank"] and "diplomatic relations" in drawn["blank"]
    assert "〈조건〉" in drawn["written_arrange"]


def test_text_is_escaped(lesson):
    item = lesson.exam_items["grammar-1"]
    text = dict(sentences(lesson))
    text["p2s1"] = "<script>alert(1)</script> " + text["p2s1"]
    html = item_html(item, text)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_answers_go_through_the_session(lesson):
    session = Session(lesson)
    view = exam_item("grammar-1", session)
    view.choice.value = lesson.exam_items["grammar-1"].key
    view.check()
    assert "dokhae-correct" in view.feedback.value
    recorded = session.store.attempts(SLUG, "grammar-1")
    assert list(recorded["status"]) == ["correct"]
    written = exam_item("written-arrange-0", session)
    (box,) = written.inputs.values()
    box.value = "market circumstances and the grow trade protectionism"
    written.check()
    assert "dokhae-partial" in written.feedback.value and "부분 점수" in written.feedback.value


def test_a_draft_cannot_be_opened(lesson):
    session = Session(lesson)
    with pytest.raises(KeyError, match="no approved exam item 'grammar-0'"):
        exam_item("grammar-0", session)
