"""``check("<exercise id>", value)``: answers computed in a code cell."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import ipywidgets as widgets
import numpy as np
import pytest

from dokhae import i18n
from dokhae import session as session_module
from dokhae.progress import ProgressStore, ProgressStoreError
from dokhae.results import Result, check
from dokhae.session import Session

E09 = "e09-certificates-after-faa"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def session(lesson, tmp_path, monkeypatch):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        s = Session(lesson, store=store)
        monkeypatch.setattr(session_module, "_current", s)  # what check() uses by default
        yield s


@pytest.fixture(autouse=True)
def _language(monkeypatch):
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(i18n, "_current", None)  # Korean, the default


def test_a_computed_float_is_right(session, lesson):
    result = check(E09, 4981.25)
    assert isinstance(result, Result) and not isinstance(result, widgets.Widget)
    assert result.correct and result.status == "correct" and result.score == 1.0
    explanation = lesson.templates[E09].explanation
    assert repr(result) == "\n".join(
        [
            "✔ 정답입니다! / Correct!",
            "내 답: 4,981.25",
            f"해설: {explanation.ko}",
            f"Explanation: {explanation.en}",
        ]
    )
    assert str(result) == repr(result)
    [attempt] = session.store.list_attempts()
    assert (attempt.exercise, attempt.answer, attempt.status) == (E09, 4981.25, "correct")


@pytest.mark.parametrize(
    "value",
    [
        4981.25,
        4981,
        np.float64(4981.25),
        np.float32(4981.25),
        np.int64(4981),
        Decimal("4981.25"),
        Fraction(19925, 4),
        "4,981.25",
        "4,981 certificates",
        "４９８１",
        " 4981.25 인증서 ",
    ],
)
def test_numbers_and_texts_all_work(session, value):
    assert check(E09, value).correct, value
    assert session.store.list_attempts()[-1].status == "correct"


def test_a_wrong_number_shows_the_answer_and_the_explanation_on_the_second_try(session, lesson):
    """Tries before answers (issue 26): the first wrong try gets the verdict, the tries
    left and the next hint; the second (the lesson's ``practice.tries``) the answer."""
    assert session.tries == lesson.practice.tries == 2
    hints = session.exercise(E09).hints
    first = check(E09, 5100, lang="en")
    text = repr(first)
    assert text.startswith("✘ Not quite. / 아쉽지만 정답이 아닙니다.\nYour answer: 5,100")
    assert "The answer" not in text and "Explanation" not in text and "해설" not in text
    assert f"Hint 1: {hints[0].en}" in text and 'show_answer("e09-' in text
    assert not first.reveal and first.feedback.attempt == 1 and first.feedback.tries_left == 1
    page = first._repr_html_()
    assert "dokhae-expected" not in page and "dokhae-explanation" not in page
    assert "dokhae-next-hint" in page

    second = check(E09, 5100, lang="en")
    lines = repr(second).split("\n")
    assert lines[:2] == ["✘ Not quite. / 아쉽지만 정답이 아닙니다.", "Your answer: 5,100"]
    assert "The answer: 4,981.25 certificates" in lines
    assert any(line.startswith("Explanation: N = max(0") for line in lines)
    assert any(line.startswith("해설: N = max(0") for line in lines)
    assert second.feedback.attempt == 2 and "Hint" not in repr(second)
    assert [a.status for a in session.store.list_attempts()] == ["wrong", "wrong"]


def test_show_answer_reveals_at_once_and_records_nothing(session):
    from dokhae.results import show_answer

    shown = show_answer(E09, lang="en")
    assert "The answer: 4,981.25 certificates" in repr(shown)
    assert "Explanation: N = max(0" in repr(shown)
    assert session.store.list_attempts() == []
    assert "The answer: 4,981.25" in repr(check(E09, 5100, lang="en"))  # already shown


def test_tries_count_from_the_store_until_answered_right(lesson, tmp_path):
    """The tries hold when the cell runs again in a new kernel (a new session)."""
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        assert not check(E09, 5100, session=Session(lesson, store=store)).reveal
        assert check(E09, 5100, session=Session(lesson, store=store)).reveal
        assert check(E09, 4981.25, session=Session(lesson, store=store)).correct
        assert not check(E09, 5100, session=Session(lesson, store=store)).reveal


def test_unreadable_answers_are_not_wrong_and_not_recorded(session):
    result = check(E09, "about five thousand", lang="en")
    assert result.status == "unanswered"
    assert repr(result).startswith("? Write a number")
    assert "The answer" not in repr(result)  # not revealed
    unit = check(E09, "4981 €", lang="en")
    assert unit.status == "unanswered" and "Check the unit" in repr(unit)
    empty = check(E09, None, lang="en")
    assert empty.status == "unanswered"
    assert session.store.list_attempts() == []


def test_questions_can_be_checked_from_code(session, lesson):
    assert check("main-idea", "a").correct
    assert check("tfng-photo", False).correct
    assert check("hiatus-months", 54).correct
    assert check("article-structure", list(lesson.questions["article-structure"].answer)).correct
    pairs = lesson.questions["roles-matching"].pairs
    partial = check("roles-matching", {p.left: p.right for p in pairs[:2]}, lang="en")
    assert partial.status == "partial" and partial.score == pytest.approx(0.4)
    assert repr(partial).startswith("◑ Partly right. / 일부만 맞았습니다.")
    pending = check("ref-two-sides", "the two governments")
    assert pending.status == "pending" and repr(pending).startswith("✎ ")
    assert [a.status for a in session.store.list_attempts()] == [
        "correct",
        "correct",
        "correct",
        "correct",
        "partial",
        "pending",
    ]


def test_unknown_id_is_one_clear_line_in_each_language(session):
    result = check("e09-certificates", 4981.25, lang="en")
    assert result.status == "unknown" and not result.correct and result.feedback is None
    english, korean = repr(result).split("\n")
    assert english == (
        "⚠ There is no exercise 'e09-certificates' in this lesson (steel-dialogue-2023). "
        "Did you mean 'e09-certificates-after-faa'?"
    )
    assert korean.startswith("이 수업(steel-dialogue-2023)에는 'e09-certificates' 문제가 없습니다.")
    ko = check("mian-idea", "a")
    assert repr(ko).startswith("⚠ 이 수업(steel-dialogue-2023)에는 'mian-idea' 문제가 없습니다.")
    assert (
        "'main-idea'" in repr(ko) and "There is no exercise 'mian-idea'" in repr(ko).split("\n")[1]
    )
    nothing_close = check("zzz", 1, lang="en")
    assert "Did you mean" not in repr(nothing_close)
    assert session.store.list_attempts() == []
    html = result._repr_html_()
    assert "dokhae-unknown" in html and "dokhae-other-language" in html and "이 수업" in html


def test_text_is_deterministic(session):
    first, second = repr(check(E09, 4981.25000000001)), repr(check(E09, 4981.25000000001))
    assert first == second
    assert not re.search(r"0x[0-9a-f]+|\d{4}-\d{2}-\d{2}[ T]\d{2}:", first)
    assert "내 답: 4,981.25\n" in first  # float noise is not shown


def test_html_is_escaped_and_bilingual(session):
    check("cloze-thaw", EVIL)
    result = check("cloze-thaw", EVIL)  # the second wrong try shows the explanation
    assert result.status == "wrong"
    page = result._repr_html_()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    assert 'class="dokhae dokhae-result dokhae-result-wrong"' in page
    assert 'class="dokhae-explanation" lang="ko"' in page
    assert 'class="dokhae-explanation-other" lang="en"' in page
    assert EVIL in repr(result)  # plain text shows what was typed


def test_language_setting_is_followed(session):
    i18n.set_language("en")
    assert repr(check(E09, 4981.25)).startswith("✔ Correct! / 정답입니다!")


def test_store_problems_do_not_hide_the_feedback(session, monkeypatch):
    def broken(*args, **kwargs):
        raise ProgressStoreError(session.store.path, "the disk is full")

    monkeypatch.setattr(session.store, "record_attempt", broken)
    result = check(E09, 4981.25, lang="en")
    assert result.correct and result.saved is False
    assert repr(result).endswith("Your answer could not be saved. / 답을 저장하지 못했습니다.")
    assert "dokhae-not-saved" in result._repr_html_()


def test_an_explicit_session_is_used(lesson, tmp_path):
    with ProgressStore(tmp_path / "other.sqlite3") as store:
        other = Session(lesson, store=store)
        assert check("goods-count", "5", session=other).correct
        assert [a.exercise for a in store.list_attempts()] == ["goods-count"]


def test_check_prints_nothing(session, capsys):
    check(E09, 4981.25)
    check("nope", 1)
    assert capsys.readouterr() == ("", "")
