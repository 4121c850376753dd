"""A verdict is coloured and marked wherever it is shown (walk-through 12): in a quiz
question, the arithmetic view, typed recall, matching and ``check()``'s display.

The CSS is matched the way a browser would (soupsieve over the view's classes and its
feedback HTML), so a verdict outside the selectors of the stylesheet is found uncoloured.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest
import soupsieve
import tinycss2
from bs4 import BeautifulSoup

from dokhae import check, i18n
from dokhae import session as session_module
from dokhae.markup import VERDICT_CSS
from dokhae.progress import ProgressStore
from dokhae.session import Session
from dokhae.widgets import ArithmeticView, MatchingGame, TypedRecall, question_view
from dokhae.widgets._base import STYLESHEET

COLOURS = {"correct": "#1b5e20", "wrong": "#b71c1c", "partial": "#5d4000"}
MARKS = {"correct": "✔", "wrong": "✘", "partial": "◐"}


@pytest.fixture
def session(lesson, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "_current", None)
    monkeypatch.setattr(session_module, "_current", None)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        yield Session(lesson, store=store)


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of each rule of ``css``."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type != "qualified-rule":
            continue
        declarations = {
            d.lower_name: tinycss2.serialize(d.value).strip()
            for d in tinycss2.parse_declaration_list(rule.content, True, True)
            if d.type == "declaration"
        }
        found.append((tinycss2.serialize(rule.prelude).strip(), declarations))
    return found


def top_level(selector: str) -> list[str]:
    """The selectors of a list, split at the commas outside ``:is(...)``."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(selector):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
    return [*parts, selector[start:]]


def look(html: str, css: str, status: str) -> tuple[dict[str, str], str]:
    """The declarations that apply to the page's verdict of ``status``, and its mark."""
    page = BeautifulSoup(html, "html.parser")
    verdict = page.select_one(f".dokhae-verdict.dokhae-{status}")
    assert verdict is not None, html
    style: dict[str, str] = {}
    mark = ""
    for selector, declarations in rules(css):
        for part in top_level(selector):
            before = part.strip().endswith("::before")
            plain = re.sub(r"::before$", "", part.strip())
            if soupsieve.match(plain, verdict):
                if before:
                    mark = declarations.get("content", "")
                else:
                    style.update(declarations)
    return style, mark


def in_view(view: widgets.DOMWidget, area: widgets.HTML) -> str:
    """The view's element around its feedback area, with their classes."""
    return (
        f'<div class="{" ".join(view._dom_classes)}">'
        f'<div class="{" ".join(area._dom_classes)}">{area.value}</div></div>'
    )


def assert_coloured(html: str, css: str, status: str) -> None:
    style, mark = look(html, css, status)
    assert style.get("color") == COLOURS[status], style
    assert "background" in style and "border-color" in style, style
    assert MARKS[status] in mark


def test_the_arithmetic_view_colours_its_verdict(session):
    view = ArithmeticView("e04-free-allocation-phase-out", session, "ko")
    view.answer_widget.value = "12"
    assert view.check().status == "wrong"
    assert_coloured(in_view(view, view.feedback), STYLESHEET, "wrong")
    view.answer_widget.value = str(view.exercise.answer)
    assert view.check().status == "correct"
    assert_coloured(in_view(view, view.feedback), STYLESHEET, "correct")


def test_a_quiz_question_colours_its_verdict(session, lesson):
    question = next(q for q in lesson.exercises.questions if q.type == "multiple_choice")
    view = question_view(question.id, session, "ko")
    view.answer_widget.value = next(c.id for c in question.choices if c.id != question.answer)
    assert view.check().status == "wrong"
    assert_coloured(in_view(view, view.feedback), STYLESHEET, "wrong")


def partly_right_round(session) -> tuple[MatchingGame, tuple[str, str]]:
    """A matching round checked with its first two words swapped: the game, and a word
    matched wrong and one matched right."""
    game = MatchingGame(session, lang="ko", order="glossary")
    right = {p.left: p.right for p in game.pairs}
    first, second, *_, last = right
    for left, choice in game.choices.items():
        choice.value = right[left]
    game.choices[first].value, game.choices[second].value = right[second], right[first]
    game.check_button.click()
    return game, (first, last)


def test_typed_recall_and_matching_colour_their_verdicts(session):
    recall = TypedRecall(session, lang="ko", order="glossary")
    recall.go([e.id for e in recall.entries].index("resume"))
    recall.answer.value = "stop"
    assert_coloured(in_view(recall, recall.feedback_area), STYLESHEET, "wrong")
    recall.answer.value = "resume"
    assert_coloured(in_view(recall, recall.feedback_area), STYLESHEET, "correct")

    game, _ = partly_right_round(session)
    assert game.feedback.status == "partial"
    assert_coloured(in_view(game, game.feedback_area), STYLESHEET, "partial")


def test_check_carries_the_colours_of_its_verdict(session):
    """A check() cell run alone has no widget (whose stylesheet would colour it) on the
    page: its display brings the verdict's rules along."""
    result = check("e04-free-allocation-phase-out", 12, session=session, lang="ko")
    html = result._repr_html_()
    css = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    assert css == VERDICT_CSS
    assert_coloured(html, css, "wrong")
    assert "<style>" not in repr(result)  # the plain text (what nbval compares) has none


def test_a_verdict_outside_a_dokhae_element_is_left_alone():
    html = '<div class="other"><div class="dokhae-verdict dokhae-wrong">x</div></div>'
    style, mark = look(html, STYLESHEET, "wrong")
    assert style == {} and mark == ""


def test_the_marks_of_a_matching_row_are_coloured(session):
    """✓ and ✗ were small and black (walk-through 12)."""
    game, (wrong, right) = partly_right_round(session)
    for left, colour in ((wrong, COLOURS["wrong"]), (right, COLOURS["correct"])):
        row, mark = game.rows[left], game.marks[left]
        html = (
            f'<div class="{" ".join(game._dom_classes)}"><div class="{" ".join(row._dom_classes)}">'
            f'<div class="{" ".join(mark._dom_classes)}">{mark.value}</div></div></div>'
        )
        page = BeautifulSoup(html, "html.parser").select_one(".dokhae-mark")
        style = {}
        for selector, declarations in rules(STYLESHEET):
            parts = [x.strip() for x in top_level(selector) if "::" not in x]
            if any(soupsieve.match(part, page) for part in parts):
                style.update(declarations)
        assert style.get("color") == colour, (left, style)
