"""The exam item view: each approved item drawn as printed (escaped), answered through the
session; drafts cannot be opened."""

from __future__ import annotations

import re

import pytest

from dokhae import load_lesson
from dokhae.exam.explain import opener
from dokhae.exam.items import CIRCLED, KINDS, LETTERED
from dokhae.session import Session
from dokhae.widgets.exam import ExamChooser, exam_item, item_html

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
    box.value = "market circumstances and the grow trade protectionism"  # Enter checks
    written.check()  # the same answer again: shown, not recorded twice
    assert len(session.store.attempts(SLUG, "written-arrange-0")) == 1
    # first try: the points per part and the tries left, not yet the rubric's reasons
    # (they name the right form)
    assert "dokhae-partial" in written.feedback.value and "2점 / 4점" in written.feedback.value
    assert "부분 점수" not in written.feedback.value and "growing" not in written.feedback.value
    assert "dokhae-tries-left" in written.feedback.value
    box.value = "market circumstances and the grow trade protectionism."  # a second try
    # the last try: the rubric's reasons, the answer and the explanation
    assert "부분 점수" in written.feedback.value and "growing" in written.feedback.value
    assert "dokhae-explanation" in written.feedback.value


def test_a_draft_cannot_be_opened(lesson):
    session = Session(lesson)
    with pytest.raises(KeyError, match="no approved exam item 'grammar-0'"):
        exam_item("grammar-0", session)


def test_a_wrong_try_gets_the_hint_then_the_explanation_in_both_languages(lesson):
    session = Session(lesson)
    item = lesson.exam_items["insertion-0"]
    view = exam_item(item.id, session)
    wrong = 1 if item.key != 1 else 2
    view.choice.value = wrong
    feedback = view.check()
    assert feedback.status == "wrong" and not feedback.reveal
    assert "dokhae-tries-left" in view.feedback.value
    assert "dokhae-explanation" not in view.feedback.value and "정답:" not in view.feedback.value
    assert "가리키거나 이어받는지" in view.hint_area.value  # the kind's hint, both languages
    assert "points back to or takes up" in view.hint_area.value
    view.show_answer()
    shown = view.feedback.value
    assert f"정답: {CIRCLED[item.key - 1]}" in shown
    head = opener(sentences(lesson)[item.sentence])
    assert f"‘{head}’" in shown and "dokhae-explanation-other" in shown
    assert "Carbon Border Adjustment Mechanism" in shown
    # the hint came before any answer: there is a hint button, and "정답 보기"
    assert view.hint_button is not None and view.show_answer_button is not None


def test_explanations_are_escaped(lesson):
    session = Session(lesson)
    item = lesson.exam_items["chart-0"]
    view = exam_item(item.id, session)
    view.show_answer()
    assert "&lt;" in view.feedback.value  # "South Korea 2.33 < other countries 4.45"
    assert not re.search(r"\d < [A-Za-z]", view.feedback.value)


def test_written_answers_shown_with_show_answer(lesson):
    session = Session(lesson)
    item = lesson.exam_items["written-grammar-0"]
    view = exam_item(item.id, session)
    view.show_answer()
    for part in item.rubric.parts:
        assert part.label in view.feedback.value and part.answer in view.feedback.value
    assert session.store.attempts(SLUG, item.id).empty  # nothing recorded
    for (symbol, text), part in zip(view.inputs.values(), item.rubric.parts):
        symbol.value, text.value = part.label, part.answer
    assert view.check().status == "correct"


def test_the_chart_is_drawn_with_its_values_for_screen_readers(lesson):
    view = exam_item("chart-0", Session(lesson))
    html = view.printed.value
    assert 'src="data:image/png;base64,' in html and "dokhae-exam-table" not in html
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert all(f"{r.value:g}" in alt for r in lesson.exam_items["chart-0"].table.rows)


def test_the_chooser_offers_every_approved_item_by_kind(lesson):
    session = Session(lesson)
    chooser = ExamChooser(session)
    ids = [value for _, value in chooser.select.options]
    assert sorted(ids) == sorted(lesson.exam_items)
    kinds = [lesson.exam_items[i].kind for i in ids]
    assert kinds == sorted(kinds, key=KINDS.index)
    assert chooser.select.options[0][0] == "1. 문장 삽입"
    chooser.select.value = "grammar-1"
    assert chooser.view.item.id == "grammar-1" and chooser.stage.children == (chooser.view,)
    chooser.view.choice.value = lesson.exam_items["grammar-1"].key
    chooser.view.check()
    chooser.select.value = ids[0]
    chooser.select.value = "grammar-1"  # kept, answer and all
    assert "dokhae-correct" in chooser.view.feedback.value
    assert "문항 14개 / 14 items" in repr(chooser)
    with pytest.raises(KeyError, match="no approved exam item 'grammar-0'"):
        chooser.show("grammar-0")


def test_a_lesson_without_approved_items_says_so():
    from pathlib import Path

    mini = load_lesson("mini-lesson", root=Path(__file__).parent / "data" / "mini")
    chooser = ExamChooser(Session(mini))
    assert chooser.select is None
    assert "승인한 수능·내신 유형 문항이 없습니다" in repr(chooser)


def test_exam_answers_count_as_exam_items_in_the_score_summary(lesson):
    from dokhae.tables import exercise_label, progress_summary

    session = Session(lesson)
    right = lesson.exam_items["grammar-1"].key
    view = exam_item("grammar-1", session)
    view.choice.value = right
    view.check()
    table = progress_summary(session, "ko")
    assert list(table.index) == ["수능 유형"] and table.iloc[0, 1] == 1
    assert exercise_label(lesson, "grammar-1", "en") == "Exam-style item · Grammar"
