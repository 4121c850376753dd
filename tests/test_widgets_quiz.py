"""Quiz and arithmetic views, driven without a browser: set values, click, look at state
and at what the progress store recorded."""

from __future__ import annotations

import html
import re
import unicodedata

import ipywidgets as widgets
import pytest

from dokhae import i18n
from dokhae import session as session_module
from dokhae.lesson import Choice, Cloze, Matching, MultipleChoice, Ordering, Pair, Text
from dokhae.progress import ProgressStore, ProgressStoreError
from dokhae.session import Session, UnknownExerciseError
from dokhae.widgets import (
    ArithmeticView,
    ClozeView,
    MatchingView,
    MultipleChoiceView,
    NumericView,
    OrderingView,
    QuizSet,
    ShortTextView,
    TrueFalseNotGivenView,
    question_view,
)

SLUG = "steel-dialogue-2023"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as s:
        yield s


@pytest.fixture
def session(lesson, store):
    return Session(lesson, store=store)


@pytest.fixture(autouse=True)
def _isolate(monkeypatch):
    monkeypatch.setattr(i18n, "_current", None)
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setattr(session_module, "_current", None)


# --------------------------------------------------------------------------- helpers


def first(lesson, qtype, **where):
    for q in lesson.exercises.questions:
        if q.type == qtype and all(getattr(q, k) == v for k, v in where.items()):
            return q
    raise LookupError(qtype)


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def all_html(view):
    return "\n".join(w.value for w in descendants(view) if isinstance(w, widgets.HTML))


def classes(widget):
    return set(widget._dom_classes)


def select_label(radio, label):
    """Choose a RadioButtons option by its label, as a student (or a browser) does."""
    radio.label = label
    assert radio.label == label


def with_questions(lesson, *questions):
    bank = lesson.exercises.model_copy(update={"questions": questions})
    return lesson.model_copy(update={"exercises": bank})


def text(en, ko=None):
    return Text(en=en, ko=ko or f"{en} (한국어)")


# --------------------------------------------------------------------------- multiple choice


def test_multiple_choice_right_wrong_and_empty(lesson, session):
    q = lesson.questions["main-idea"]
    view = question_view(q, session, "en")
    assert isinstance(view, MultipleChoiceView)
    assert {"dokhae", "dokhae-question", "dokhae-mc"} <= classes(view)
    assert "dokhae-check" in classes(view.check_button)
    assert "dokhae-feedback" in classes(view.feedback)
    labels = view.answer_widget.options
    assert next(label for label, _ in labels).startswith("a. South Korea and Japan held")

    view.check_button.click()  # nothing chosen
    assert view.last_feedback.status == "unanswered"
    assert view.last_feedback.message("en") in view.feedback.value
    assert "dokhae-unanswered" in view.feedback.value
    assert session.store.list_attempts() == []

    select_label(view.answer_widget, "b. " + q.choices[1].en)
    view.check_button.click()
    assert view.last_feedback.status == "wrong"
    assert "dokhae-wrong" in view.feedback.value
    assert "The answer" not in view.feedback.value  # a first wrong try: no answer (issue 26)
    assert "dokhae-explanation" not in view.feedback.value
    view.check_button.click()  # the second wrong try shows the answer and the explanation
    assert "The answer: a. South Korea" in view.feedback.value
    assert "dokhae-explanation" in view.feedback.value

    select_label(view.answer_widget, "a. " + q.choices[0].en)
    view.check_button.click()
    fb = view.last_feedback
    assert fb.status == "correct" and fb.explanation == q.explanation
    assert "Correct!" in view.feedback.value
    assert "The headline and paragraph 1" in view.feedback.value  # the explanation, both languages
    assert "제목과 1문단" in view.feedback.value
    recorded = session.store.list_attempts(exercise="main-idea")
    assert [(a.answer, a.status, a.score) for a in recorded] == [
        ("b", "wrong", 0.0),
        ("b", "wrong", 0.0),
        ("a", "correct", 1.0),
    ]


def test_multiple_choice_labels_follow_the_language(lesson, session):
    q = lesson.questions["where-held"]  # ids are words, not letters
    view = question_view(q, session, "ko")
    assert [label for label, _ in view.answer_widget.options] == [c.ko for c in q.choices]
    assert '<div class="dokhae-prompt-main" lang="ko">' in view.prompt.value
    assert 'class="dokhae-prompt-other" lang="en"' in view.prompt.value
    view.answer_widget.value = "tokyo"
    assert view.check().status == "correct"
    assert "정답입니다!" in view.feedback.value


# ------------------------------------------------------------------ true / false / not given


def test_true_false_not_given(lesson, session):
    q = lesson.questions["tfng-photo"]  # the answer is false
    view = question_view(q, session, "ko")
    assert isinstance(view, TrueFalseNotGivenView)
    assert "dokhae-tfng" in classes(view)
    assert [label for label, _ in view.answer_widget.options] == ["참", "거짓", "언급 없음"]
    view.check_button.click()
    assert view.last_feedback.status == "unanswered"
    select_label(view.answer_widget, "참")
    view.check_button.click()
    assert view.last_feedback.status == "wrong"
    assert "정답: " not in view.feedback.value  # a first wrong try: no answer (issue 26)
    select_label(view.answer_widget, "언급 없음")
    view.check_button.click()
    assert "정답: 거짓" in view.feedback.value
    select_label(view.answer_widget, "거짓")
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    assert [(a.answer, a.status) for a in session.store.list_attempts()] == [
        ("true", "wrong"),
        ("not_given", "wrong"),
        ("false", "correct"),
    ]


# --------------------------------------------------------------------------- cloze


def test_cloze_with_word_bank(lesson, session):
    q = lesson.questions["cloze-hiatus"]
    view = question_view(q, session, "en")
    assert isinstance(view, ClozeView) and isinstance(view.answer_widget, widgets.Dropdown)
    # a "Choose…" prompt first (walk-through 13), then the words, not answer-first
    assert list(view.answer_widget.options) == [("Choose…", None)] + [
        (w, w) for w in sorted(q.choices)
    ]
    assert view.answer_widget.value is None and view.answer_widget.label == "Choose…"
    assert question_view(q, session, "ko").answer_widget.label == "선택하세요…"
    assert 'class="dokhae-blank"' in view.sentence.value
    assert "Fill in the blank with a word from the box." in view.instruction.value
    view.check_button.click()
    assert view.last_feedback.status == "unanswered"
    view.answer_widget.value = "summit"
    view.check_button.click()
    assert view.last_feedback.status == "wrong"
    view.answer_widget.value = "hiatus"
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    assert [a.status for a in session.store.list_attempts()] == ["wrong", "correct"]


def test_cloze_typed_normalises_case_width_and_spaces(lesson, session):
    q = lesson.questions["cloze-thaw"]
    view = question_view(q, session, "en")
    assert isinstance(view.answer_widget, widgets.Text)
    assert view.answer_widget.continuous_update is False
    view.answer_widget.value = "   "
    view.check_button.click()
    assert view.last_feedback.status == "unanswered"
    assert session.store.list_attempts() == []
    view.answer_widget.value = "ｔｈａｗ"  # full-width
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    view.answer_widget.value = " Thaw "
    assert view.check().status == "correct"
    view.answer_widget.value = "freeze"
    assert view.check().status == "wrong"
    assert [a.answer for a in session.store.list_attempts()] == ["ｔｈａｗ", " Thaw ", "freeze"]


def test_cloze_accepts_an_inflected_form_when_allowed(lesson, store):
    resume = Cloze(
        id="cloze-resume",
        type="cloze",
        skill="vocabulary",
        sentences=("h1",),
        prompt=text("Complete the headline."),
        explanation=text("The headline says resume."),
        text="S. Korea, Japan ___ dialogue on steel cooperation after 5-year hiatus",
        answer="resume",
        inflections=True,
    )
    strict = resume.model_copy(update={"id": "cloze-resume-strict", "inflections": False})
    session = Session(with_questions(lesson, resume, strict), store=store)
    view = question_view(resume, session, "en")
    assert "Any form of the word is accepted" in view.instruction.value
    view.answer_widget.value = "resumed"
    assert view.check().status == "correct"
    other = question_view(strict, session, "en")
    other.answer_widget.value = "resumed"
    assert other.check().status == "wrong"


# --------------------------------------------------------------------------- matching


def test_matching_full_partial_and_empty(lesson, session):
    q = lesson.questions["roles-matching"]
    view = question_view(q, session, "en")
    assert isinstance(view, MatchingView) and "dokhae-matching-question" in classes(view)
    rights = [p.right for p in q.pairs]
    for select in view.selects.values():
        assert select.options[0] == ("Choose…", None) and select.label == "Choose…"
        assert sorted(value for _, value in select.options[1:]) == sorted(rights)
        assert select.value is None
        assert "dokhae-match-select" in classes(select)
    # shuffled, and the same for every view of the question
    again = question_view(q, session, "en")
    assert [s.options for s in again.selects.values()] == [s.options for s in view.selects.values()]

    view.check_button.click()
    assert view.last_feedback.status == "unanswered"
    assert session.store.list_attempts() == []

    pairs = {p.left: p.right for p in q.pairs}
    lefts = list(pairs)
    for left in lefts[:3]:
        view.selects[left].value = pairs[left]
    view.selects[lefts[3]].value = pairs[lefts[4]]
    view.selects[lefts[4]].value = pairs[lefts[3]]
    view.check_button.click()
    fb = view.last_feedback
    assert fb.status == "partial" and fb.score == pytest.approx(0.6)
    assert "3 of 5 pairs are right." in view.feedback.value
    assert "dokhae-right" in classes(view.rows[lefts[0]])
    assert "dokhae-wrong" in classes(view.rows[lefts[3]])
    assert "✘" in view.marks[lefts[4]].value

    for left in lefts:
        view.selects[left].value = pairs[left]
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    recorded = session.store.list_attempts(exercise=q.id)
    assert [(a.status, a.score) for a in recorded] == [("partial", 0.6), ("correct", 1.0)]
    assert recorded[-1].answer == pairs


# --------------------------------------------------------------------------- ordering


def order_with_buttons(view, target):
    """Reach ``target`` by clicking the move-up buttons only."""
    for goal, item in enumerate(target):
        while view.order.index(item) > goal:
            view.up_buttons[view.order.index(item)].click()


def test_ordering_with_move_buttons(lesson, session):
    q = lesson.questions["article-structure"]
    view = question_view(q, session, "en")
    assert isinstance(view, OrderingView)
    assert view.order != list(q.answer)  # the starting order is never the answer
    assert view.order == list(question_view(q, session, "en").order)  # and always the same
    assert view.up_buttons[0].disabled and view.down_buttons[-1].disabled
    assert all("dokhae-move-up" in classes(b) for b in view.up_buttons)
    assert all("dokhae-ordering-item" in classes(r) for r in view.rows)

    view.check_button.click()  # nothing moved yet: not an answer
    assert view.last_feedback.status == "unanswered"
    assert session.store.list_attempts() == []

    first_item = view.order[0]
    view.down_buttons[0].click()
    assert view.order[1] == first_item
    assert f'data-item="{first_item}"' in view.texts[1].value
    view.up_buttons[1].click()
    assert view.order[0] == first_item

    wrong_two = list(q.answer)
    wrong_two[0], wrong_two[1] = wrong_two[1], wrong_two[0]
    order_with_buttons(view, wrong_two)
    assert view.order == wrong_two
    view.check_button.click()
    assert view.last_feedback.status == "partial"
    assert "4 of 6 items are in the right place." in view.feedback.value
    assert "dokhae-wrong" in classes(view.rows[0]) and "dokhae-right" in classes(view.rows[2])

    view.down_buttons[0].click()
    assert view.order == list(q.answer)
    assert "dokhae-wrong" not in classes(view.rows[0])  # marks go when items move
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    recorded = session.store.list_attempts(exercise=q.id)
    assert [a.status for a in recorded] == ["partial", "correct"]
    assert recorded[-1].answer == list(q.answer)


def test_ordering_expected_answer_is_shown_as_text(lesson, session):
    q = lesson.questions["timeline-caption"]
    view = question_view(q, session, "en")
    wrong = [q.answer[1], q.answer[0], *q.answer[2:]]
    order_with_buttons(view, wrong)
    assert view.check().status == "partial"
    assert "The answer" not in view.feedback.value  # a first try partly right: no answer
    assert view.check().status == "partial"  # the second try shows it
    expected = " → ".join(item.en for item in q.items)  # the items are listed in order
    assert "The answer: " + html.escape(expected) in view.feedback.value


# --------------------------------------------------------------------------- short text and numbers


def test_short_text_nfd_and_pending(lesson, session):
    q = lesson.questions["ref-two-sides"]  # manual: a person marks other answers
    view = question_view(q, session, "ko")
    assert isinstance(view, ShortTextView) and "dokhae-short-text" in classes(view)
    view.answer_widget.value = unicodedata.normalize("NFD", "한국과 일본")
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    view.answer_widget.value = "the governments of the two countries"
    view.check_button.click()
    assert view.last_feedback.status == "pending"
    # practice has no teacher: the model answer is shown, the student marks it (issue 25)
    assert "스스로 채점하세요" in view.feedback.value and "한국과 일본" in view.feedback.value
    assert view.self_marking in view.children
    recorded = session.store.list_attempts(exercise=q.id)
    assert [a.status for a in recorded] == ["correct", "pending"]
    assert recorded[0].answer == "한국과 일본"  # stored in NFC


def test_short_text_inflections(lesson, session):
    view = question_view(lesson.questions["vocab-join-hands"], session, "en")
    view.answer_widget.value = "joined hands"
    assert view.check().status == "correct"
    view.answer_widget.value = "shake hands"
    assert view.check().status == "wrong"


def test_numeric_units_and_full_width(lesson, session):
    q = lesson.questions["hiatus-months"]
    view = question_view(q, session, "en")
    assert isinstance(view, NumericView) and "dokhae-numeric" in classes(view)
    assert "Unit: months" in all_html(view)
    view.answer_widget.value = "５４"
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    view.answer_widget.value = "54 years"
    view.check_button.click()
    assert view.last_feedback.status == "unanswered"
    assert "Check the unit" in view.feedback.value
    view.answer_widget.value = "fifty-four"
    view.check_button.click()
    assert view.last_feedback.status == "unanswered"
    view.answer_widget.value = "60 months"
    view.check_button.click()
    assert view.last_feedback.status == "wrong"
    assert "The answer" not in view.feedback.value  # the first wrong try since the right one
    view.answer_widget.value = "55 months"
    view.check_button.click()
    assert "The answer: 54 months" in view.feedback.value
    assert [(a.answer, a.status) for a in session.store.list_attempts()] == [
        ("５４", "correct"),
        ("60 months", "wrong"),
        ("55 months", "wrong"),
    ]


def test_every_question_of_the_lesson_has_a_view(lesson, session):
    kinds = {type(question_view(q, session, "en")).__name__ for q in lesson.exercises.questions}
    assert kinds == {
        "MultipleChoiceView",
        "TrueFalseNotGivenView",
        "ClozeView",
        "MatchingView",
        "OrderingView",
        "ShortTextView",
        "NumericView",
    }


# --------------------------------------------------------------------------- tries before answers


def test_a_wrong_first_try_shows_the_next_hint_and_no_answer(lesson, session):
    """Issue 26: a wrong first try gets the verdict, the tries left and the next hint
    (in the hint area); the answer and the explanation come at the second wrong try."""
    q = lesson.questions["main-idea"]
    assert q.hint is not None and q.choices[1].id == "b"
    view = question_view(q, session, "en")
    assert view.hint_area.value == ""
    view.answer_widget.value = "b"
    view.check_button.click()
    fb = view.last_feedback
    assert fb.status == "wrong" and not fb.reveal and fb.attempt == 1 and fb.tries_left == 1
    assert fb.next_hint == q.hint
    assert "The answer" not in view.feedback.value
    assert "dokhae-explanation" not in view.feedback.value
    assert html.escape(q.explanation.en) not in all_html(view)
    assert "dokhae-tries-left" in view.feedback.value
    assert html.escape(q.hint.en) in view.hint_area.value  # the hint, shown once, in its area
    assert html.escape(q.hint.en) not in view.feedback.value
    assert view.hint_button.disabled

    view.answer_widget.value = "d"
    view.check_button.click()
    fb = view.last_feedback
    assert fb.status == "wrong" and fb.reveal and fb.attempt == 2
    assert "The answer: a. " + html.escape(q.choices[0].en) in view.feedback.value
    assert html.escape(q.explanation.en) in view.feedback.value
    assert "dokhae-tries-left" not in view.feedback.value


def test_the_show_answer_button_reveals_without_recording(lesson, session):
    q = lesson.questions["tfng-photo"]  # the answer is false
    view = question_view(q, session, "ko")
    assert view.show_answer_button is not None
    assert "dokhae-show-answer" in classes(view.show_answer_button)
    assert view.show_answer_button.description == "정답 보기"
    assert view.show_answer_button in descendants(view)
    view.show_answer_button.click()
    fb = view.last_feedback
    assert fb.reveal and fb.expected == "false"
    assert "정답: 거짓" in view.feedback.value
    assert html.escape(q.explanation.ko) in view.feedback.value
    assert session.store.list_attempts() == []  # asking for the answer is not an answer
    view.answer_widget.value = "true"
    view.check_button.click()  # once shown, a wrong try shows it again
    assert view.last_feedback.reveal and "정답: 거짓" in view.feedback.value
    assert [(a.answer, a.status) for a in session.store.list_attempts()] == [("true", "wrong")]


def test_a_distractor_says_why_it_is_wrong(lesson, session):
    """Issue 26: a distractor that encodes a known confusion has its own explanation
    (``why_wrong``), shown when it is chosen, at the first try, without the answer."""
    q = lesson.questions["main-idea"]
    chosen = next(c for c in q.choices if getattr(c, "why_wrong", None) is not None)
    assert chosen.id != q.answer
    view = question_view(q, session, "en")
    view.answer_widget.value = chosen.id
    view.check_button.click()
    assert view.last_feedback.mistake == chosen.why_wrong
    assert html.escape(chosen.why_wrong.en) in view.feedback.value
    assert html.escape(chosen.why_wrong.ko) in view.feedback.value  # both languages
    assert "dokhae-mistake" in view.feedback.value
    assert "The answer" not in view.feedback.value
    other = next(c for c in q.choices if c.id not in (q.answer, chosen.id))
    view.answer_widget.value = other.id
    view.check_button.click()
    assert html.escape(chosen.why_wrong.en) not in view.feedback.value  # only the one chosen


def test_enter_checks_a_typed_answer_and_check_after_it_records_nothing_more(lesson, session):
    """Issue 26: Enter in a typed answer checks it (with ``continuous_update=False`` the
    value arrives at Enter); Check right after sends the same answer: shown, not recorded
    again. Another answer is checked as usual."""
    for qid, answer in (("cloze-thaw", "thaw"), ("hiatus-months", "54")):
        view = question_view(lesson.questions[qid], session, "en")
        assert view.answer_widget.continuous_update is False
        view.answer_widget.value = answer  # what the browser sends when Enter is pressed
        assert view.last_feedback is not None and view.last_feedback.status == "correct"
        assert "dokhae-correct" in view.feedback.value
        view.check_button.click()
        assert [a.answer for a in session.store.list_attempts(exercise=qid)] == [answer]
        view.answer_widget.value = "   "  # an empty box is not checked on Enter
        assert view.last_feedback.status == "correct"
        view.answer_widget.value = "99"
        assert view.last_feedback.status == "wrong"
        assert [a.answer for a in session.store.list_attempts(exercise=qid)] == [answer, "99"]
    view.reset()  # after a reset the same answer is a new try
    view.answer_widget.value = "99"
    assert len(session.store.list_attempts(exercise="hiatus-months")) == 3


# --------------------------------------------------------------------------- hints, reset, fallback


def test_hint_button_shows_the_hint(lesson, session):
    q = lesson.questions["where-held"]
    view = question_view(q, session, "en")
    assert view.hint_area.value == ""
    view.hint_button.click()
    assert html.escape(q.hint.en) in view.hint_area.value
    assert html.escape(q.hint.ko) in view.hint_area.value
    assert view.hint_button.disabled
    view.reset()
    assert view.hint_area.value == "" and not view.hint_button.disabled


def test_repr_is_the_friendly_fallback(lesson, session):
    view = question_view(lesson.questions["main-idea"], session, "ko")
    shown = repr(view)
    assert shown.startswith("▶ 이 셀을 실행하면 객관식 문제에 답할 수 있습니다.\n▶ Run this cell")
    assert "What is the article mainly about?" in shown and "VBox" not in shown
    assert "0x" not in shown
    for q in lesson.exercises.questions:
        assert repr(question_view(q, session, "en")).startswith("▶ ")
    quiz = QuizSet.by_skill(lesson, "inference", session=session, lang="en")
    assert repr(quiz).startswith("▶ 이 셀을 실행하면 문제를 풀 수 있습니다.")
    assert "VBox" not in repr(ArithmeticView("e01-months-between-dialogues", session, "en"))


def test_no_output_while_building_and_checking(lesson, session, capsys):
    quiz = QuizSet(session=session, lang="ko")
    for view in quiz.views:
        view.check_button.click()
    ArithmeticView("e09-certificates-after-faa", session).check_button.click()
    assert capsys.readouterr() == ("", "")


def test_views_use_the_kernel_session_when_none_is_given(lesson, session, monkeypatch):
    monkeypatch.setattr(session_module, "_current", session)
    view = question_view("dialogue-number")
    view.answer_widget.value = "20"
    view.check_button.click()
    assert view.last_feedback.correct
    assert [a.exercise for a in session.store.list_attempts()] == ["dialogue-number"]
    assert view.lang == "ko"  # the default interface language


def test_unknown_question_id_names_close_ids(session):
    with pytest.raises(UnknownExerciseError, match="Did you mean 'main-idea'"):
        question_view("main-ideas", session)


def test_an_unwritable_store_still_gives_feedback(lesson, session, monkeypatch):
    def broken(*args, **kwargs):
        raise ProgressStoreError(session.store.path, "the disk is read-only")

    monkeypatch.setattr(session.store, "record_attempt", broken)
    view = question_view(lesson.questions["dialogue-number"], session, "en")
    view.answer_widget.value = "20"
    view.check_button.click()
    assert view.last_feedback.correct and view.saved is False
    assert "Your answer could not be saved." in view.feedback.value


# --------------------------------------------------------------------------- escaping


def test_content_and_answers_are_escaped(lesson, store):
    mc = MultipleChoice(
        id="evil-mc",
        type="multiple_choice",
        skill="detail",
        sentences=("p1s1",),
        prompt=text(f"Pick {EVIL}"),
        explanation=text(f"Because {EVIL}"),
        hint=text(EVIL),
        choices=(Choice(id="a", en=EVIL, ko=EVIL), Choice(id="b", en="no", ko="아니요")),
        answer="a",
    )
    match = Matching(
        id="evil-matching",
        type="matching",
        skill="detail",
        sentences=("p1s1",),
        prompt=text(EVIL),
        explanation=text(EVIL),
        pairs=(Pair(left=EVIL, right="x"), Pair(left="y", right=EVIL)),
    )
    order = Ordering(
        id="evil-ordering",
        type="ordering",
        skill="timeline",
        sentences=("p1s1",),
        prompt=text(EVIL),
        explanation=text(EVIL),
        items=(Choice(id="one", en=EVIL, ko=EVIL), Choice(id="two", en="2", ko="2")),
        answer=("one", "two"),
    )
    cloze = Cloze(
        id="evil-cloze",
        type="cloze",
        skill="vocabulary",
        sentences=("p1s1",),
        prompt=text(EVIL),
        explanation=text(EVIL),
        text=f"{EVIL} ___ {EVIL}",
        answer="word",
    )
    session = Session(with_questions(lesson, mc, match, order, cloze), store=store)

    views = [question_view(q, session, "en") for q in (mc, match, order, cloze)]
    views[0].answer_widget.value = "b"
    views[1].selects[EVIL].value = EVIL
    views[2].move(views[2].order[0], +1)
    views[3].answer_widget.value = EVIL
    for view in views:
        view.hint_button and view.hint_button.click()
        view.check_button.click()
        assert view.last_feedback.answered, view.question.id
        shown = all_html(view)
        assert "&lt;img src=x onerror=alert(1)&gt;" in shown, view.question.id
        assert "<img" not in shown, view.question.id
    assert views[0].answer_widget.options[0][0] == "a. " + EVIL  # a label is text, not HTML


# --------------------------------------------------------------------------- quiz set


def test_quiz_set_score_and_retry(lesson, session):
    quiz = QuizSet(["main-idea", "tfng-photo", "roles-matching"], session, "en")
    assert "dokhae-quiz" in classes(quiz)
    assert quiz.score_label.value == "Score: 0 / 3"
    assert "dokhae-score" in classes(quiz.score_label)
    assert "dokhae-retry" in classes(quiz.retry_button)
    # one question at a time (the default): each is reached with Next
    assert quiz.position_label.value == "Question 1 of 3"
    assert len(quiz.built) == 1  # only the question shown is built
    mc = quiz.stage.children[0]
    mc.answer_widget.value = "a"
    mc.check_button.click()
    quiz.next_button.click()
    tfng = quiz.stage.children[0]
    tfng.answer_widget.value = "false"
    tfng.check_button.click()
    assert quiz.score_label.value == "Score: 2 / 3"
    quiz.next_button.click()
    matching = quiz.stage.children[0]
    assert quiz.next_button.disabled and quiz.position_label.value == "Question 3 of 3"
    pairs = [(p.left, p.right) for p in lesson.questions["roles-matching"].pairs]
    for left, right in pairs[:3]:
        matching.selects[left].value = right
    matching.check_button.click()
    assert quiz.score_label.value == "Score: 2.6 / 3"
    assert [mc, tfng, matching] == quiz.views == quiz.built
    tfng.answer_widget.value = "true"  # the latest result counts
    tfng.check_button.click()
    assert quiz.score == pytest.approx(1.6)
    tfng.answer_widget.value = None  # an empty check changes nothing
    tfng.check_button.click()
    assert quiz.score == pytest.approx(1.6)

    quiz.retry_button.click()
    assert quiz.score_label.value == "Score: 0 / 3"
    assert mc.answer_widget.value is None and tfng.answer_widget.value is None
    assert all(s.value is None for s in matching.selects.values())
    assert all(v.feedback.value == "" and v.last_feedback is None for v in quiz.views)
    assert len(session.store.list_attempts()) == 4  # the store keeps the history


def test_quiz_set_filters(lesson, session):
    inference = QuizSet.by_skill(lesson, "inference", session=session, lang="en")
    assert inference.views and {v.question.skill for v in inference.views} == {"inference"}
    p5 = QuizSet.by_paragraph(lesson, "p5", session=session, lang="en")
    ids = [v.question.id for v in p5.views]
    assert "tfng-hydrogen" in ids and "main-idea" not in ids
    assert all(any(s.startswith("p5s") for s in v.question.sentences) for v in p5.views)
    cloze = QuizSet(session=session, lang="en", type="cloze", skill="vocabulary")
    assert {v.question.type for v in cloze.views} == {"cloze"}
    # every question a Korean student of English answers (the session's direction): not
    # the ones on the Korean text only, which are for learners of Korean
    assert session.direction == "en"
    assert len(QuizSet(session=session).views) == len(lesson.questions_for("en"))
    with pytest.raises(ValueError, match="use one of h1, c1, p1"):
        QuizSet(session=session, paragraph="p22")
    with pytest.raises(ValueError, match="not a skill"):
        QuizSet.by_skill(lesson, "grammar", session=session)
    empty = QuizSet(session=session, lang="en", paragraph="c1", type="cloze")
    assert "No questions match this choice." in all_html(empty)


def test_quiz_set_one_at_a_time(lesson, session):
    quiz = QuizSet.by_skill(lesson, "reference", session=session, lang="en", one_at_a_time=True)
    n = len(quiz.views)
    assert quiz.stage.children == (quiz.views[0],)
    assert quiz.position_label.value == f"Question 1 of {n}"
    assert quiz.previous_button.disabled
    quiz.next_button.click()
    assert quiz.stage.children == (quiz.views[1],)
    assert quiz.position_label.value == f"Question 2 of {n}"
    quiz.views[1].answer_widget.value = "a"
    quiz.views[1].check_button.click()
    quiz.retry_button.click()
    assert quiz.current == 0 and quiz.stage.children == (quiz.views[0],)


def test_the_progress_row_marks_each_question_in_one_model(lesson, session):
    quiz = QuizSet(["main-idea", "tfng-photo", "dialogue-number"], session, "en")
    assert "dokhae-quiz-progress" in classes(quiz.progress) and quiz.progress in quiz.content
    steps = re.findall(r'<span class="([^"]+)" title="([^"]+)">([^<]+)</span>', quiz.progress.value)
    assert [text for _, _, text in steps] == ["1", "2", "3"]
    assert "dokhae-step-current" in steps[0][0] and steps[1][1] == "Question 2 of 3: Not answered"
    quiz.stage.children[0].answer_widget.value = lesson.questions["main-idea"].answer  # right
    quiz.stage.children[0].check_button.click()
    quiz.next_button.click()
    tfng = lesson.questions["tfng-photo"]
    quiz.stage.children[0].answer_widget.value = next(
        v for v in ("true", "false") if v != tfng.answer
    )
    quiz.stage.children[0].check_button.click()
    steps = re.findall(r'<span class="([^"]+)" title="([^"]+)">([^<]+)</span>', quiz.progress.value)
    assert [text for _, _, text in steps] == ["1✔", "2✘", "3"]
    assert "dokhae-step-wrong dokhae-step-current" in steps[1][0]
    assert steps[0][1] == "Question 1 of 3: Correct" and steps[1][1] == "Question 2 of 3: Wrong"
    assert quiz.show_question("dialogue-number") is quiz.stage.children[0]
    assert quiz.current == 2 and quiz.next_button.disabled and not quiz.previous_button.disabled
    with pytest.raises(ValueError, match="no question 'nope'"):
        quiz.show_question("nope")
    quiz.retry_button.click()
    assert "✔" not in quiz.progress.value and "✘" not in quiz.progress.value


def test_a_quiz_set_all_at_once_numbers_every_question(lesson, session):
    quiz = QuizSet(
        ["main-idea", "tfng-photo", "roles-matching"], session, "en", one_at_a_time=False
    )
    assert quiz.stage.children == tuple(quiz.views) == tuple(quiz.built)
    assert [v.position_label.value for v in quiz.views] == [
        "Question 1 of 3",
        "Question 2 of 3",
        "Question 3 of 3",
    ]
    assert all(v.content[0] is v.position_label for v in quiz.views)
    assert quiz.progress not in quiz.children and quiz.previous_button not in quiz.children
    alone = question_view("main-idea", session, "en")
    assert alone.position_label not in alone.children  # no position line outside a set


def test_quiz_cells_build_few_widget_models(lesson, session):
    """Issue 23: what a quiz cell sends is one question, not the whole set (the first
    paragraph group once built 1,154 widget models in one cell)."""
    from ipywidgets.widgets.widget import _instances

    for make in (
        lambda: QuizSet.by_paragraph_groups(lesson, session=session, lang="ko"),
        lambda: QuizSet.skill_chooser(lesson, "inference", session=session, lang="ko"),
        lambda: QuizSet(session=session, lang="ko"),
    ):  # all 40 questions, paged
        before = len(_instances)
        made = make()
        assert len(_instances) - before <= 100, made
    every = [question_view(q, session, "en") for q in lesson.exercises.questions]
    before = len(_instances)
    for q in lesson.exercises.questions:
        question_view(q, session, "en")
    per_question = (len(_instances) - before) / len(every)
    assert per_question <= 20  # about a dozen: the views share their layouts and styles


def test_shared_layouts_and_styles_are_shared_and_made_again_when_closed():
    import ipywidgets as widgets

    from dokhae.widgets._base import light, shared_layout, stylesheet

    first, second = light(widgets.HTML, "a"), light(widgets.HTML, "b")
    assert first.layout is second.layout and first.style is second.style
    assert light(widgets.HTML, "c", layout={"width": "40%"}).layout is shared_layout(width="40%")
    assert light(widgets.Button).style is not first.style  # one style per kind (ButtonStyle)
    own = widgets.Layout(display="none")
    assert light(widgets.HTML, layout=own).layout is own
    sheet = stylesheet()
    assert stylesheet() is sheet
    layout = shared_layout(width="40%")
    layout.close()
    sheet.close()
    assert shared_layout(width="40%") is not layout and shared_layout(width="40%").comm is not None
    assert stylesheet() is not sheet and stylesheet().comm is not None


# --------------------------------------------------------------------------- arithmetic


def test_arithmetic_hints_one_at_a_time_and_check(lesson, session):
    view = ArithmeticView("e09-certificates-after-faa", session, "en")
    assert {"dokhae", "dokhae-arithmetic"} <= classes(view)
    shown = all_html(view)
    assert "ships 5,000 t of hot-rolled coil" in shown
    assert "M = 5000  # t" in shown and "year = 2026" in shown
    assert "Uncertain figures" in view.caveat.value
    assert "Unit: certificates" in shown
    assert view.hints_shown == 0 and view.hints_area.children == ()

    for n in (1, 2, 3):
        view.hint_button.click()
        assert view.hints_shown == n and len(view.hints_area.children) == n
        assert f"Hint {n} of 3" in view.hints_area.children[-1].value
        assert view.exercise.hints[n - 1].en in view.hints_area.children[-1].value
    assert view.hint_button.disabled and view.hint_button.description == "No more hints."
    view.hint_button.click()
    assert view.hints_shown == 3

    view.answer_widget.value = "5,100 certificates"
    view.check_button.click()
    assert view.last_feedback.status == "wrong"
    assert "The answer" not in view.feedback.value  # the first try: no answer yet (issue 26)
    view.check_button.click()
    assert "The answer: 4,981.25 certificates" in view.feedback.value
    view.answer_widget.value = "4981 €"
    view.check_button.click()
    assert view.last_feedback.status == "unanswered"
    view.answer_widget.value = "4,981 certificates"
    view.check_button.click()
    assert view.last_feedback.status == "correct"
    assert "N = max(0" in view.feedback.value
    recorded = session.store.list_attempts(exercise="e09-certificates-after-faa")
    assert [(a.answer, a.status) for a in recorded] == [
        ("5,100 certificates", "wrong"),
        ("5,100 certificates", "wrong"),
        ("4,981 certificates", "correct"),
    ]

    view.reset()
    assert view.hints_shown == 0 and not view.hint_button.disabled and view.feedback.value == ""


def test_arithmetic_uses_the_students_numbers(lesson, store):
    seeded = Session(lesson, store=store, seed="student-7")
    view = ArithmeticView("e09-certificates-after-faa", seeded, "ko")
    assert view.exercise.seed == "student-7"
    assert view.exercise.prompt.ko in all_html(view)
    view.answer_widget.value = str(view.exercise.answer)
    view.check_button.click()
    assert view.last_feedback.correct
    with pytest.raises(UnknownExerciseError, match="Did you mean"):
        ArithmeticView("e09-certificates", seeded)


def test_every_template_has_a_view(lesson, session):
    for template_id in lesson.templates:
        view = ArithmeticView(template_id, session, "en")
        shown = all_html(view)
        assert html.escape(view.exercise.prompt.en) in shown
        assert html.escape(view.exercise.title.ko) in shown
        assert repr(view).startswith("▶ ")


def test_widgets_package_exports():
    import dokhae.widgets as package

    for name in ("QuizSet", "ArithmeticView", "question_view", "MultipleChoiceView"):
        assert name in package.__all__ and getattr(package, name)
    assert not hasattr(package, "NoSuchView")


# --------------------------------------------------------------------------- assignment mode

ASSIGNED = [
    "main-idea",
    "tfng-photo",
    "cloze-thaw",
    "cloze-hiatus",
    "dialogue-number",
    "roles-matching",
    "article-structure",
    "e05-embedded-emissions",
]


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    """An assignment made by the teacher's own command for a class of one."""
    from dokhae.teacher import assign

    base = tmp_path_factory.mktemp("assigned")
    (base / "class.csv").write_text("student_id,name\r\n2024001,김민준\r\n", encoding="utf-8")
    return assign(
        SLUG, base / "class.csv", base / "out", exercises=ASSIGNED, assignment_id="hw-views"
    )


@pytest.fixture
def student(assigned, tmp_path, store):
    """The student's session on a fresh copy of their folder."""
    import shutil

    from dokhae.homework import open_assignment

    folder = tmp_path / "hw-views"
    shutil.copytree(assigned.folder(assigned.students[0].id), folder)
    return open_assignment(folder, store=store)


def saved_answers(session):
    import json

    return {
        k: v["value"]
        for k, v in json.loads(session.answers_path.read_text(encoding="utf-8"))["answers"].items()
    }


def safe_entry(session, exercise_id):
    """The student's entry of questions.json: their letters, in their order."""
    return session.questions[exercise_id]


def assert_saved_only(view, lesson, exercise_id):
    """Does the view say "Saved." and nothing that would give the answer away?"""
    assert view.last_feedback.status == "pending"
    assert view.last_feedback.message_key == "feedback.saved"
    assert "Saved." in view.feedback.value and "dokhae-pending" in view.feedback.value
    for revealing in ("dokhae-expected", "dokhae-explanation", "dokhae-details", "The answer"):
        assert revealing not in view.feedback.value
    if exercise_id in lesson.questions and lesson.questions[exercise_id].explanation is not None:
        assert html.escape(lesson.questions[exercise_id].explanation.en) not in all_html(view)


def test_assignment_views_save_every_answer_and_say_saved(lesson, student):
    """Blank questions (no answers in them) work in every view: the answers go to
    answers.json in the student's letters, and the views only say "Saved"."""
    s = student
    mc = question_view(s.question("main-idea"), session=s, lang="en")
    assert mc.question.answer is None and mc.hint_button is None
    assert mc.show_answer_button is None  # no answers shown in an assignment
    assert [v for _, v in mc.answer_widget.options] == ["a", "b", "c", "d"]
    select_label(mc.answer_widget, mc.answer_widget.options[2][0])
    mc.check_button.click()
    assert_saved_only(mc, lesson, "main-idea")

    tfng = question_view(s.question("tfng-photo"), session=s, lang="en")
    select_label(tfng.answer_widget, "Not given")
    tfng.check_button.click()
    assert_saved_only(tfng, lesson, "tfng-photo")

    typed = question_view(s.question("cloze-thaw"), session=s, lang="en")
    typed.answer_widget.value = "thaw"
    typed.check_button.click()
    assert_saved_only(typed, lesson, "cloze-thaw")

    bank = question_view(s.question("cloze-hiatus"), session=s, lang="en")
    words = [value for _, value in bank.answer_widget.options[1:]]
    assert set(words) == set(safe_entry(s, "cloze-hiatus")["choices"])
    bank.answer_widget.value = words[0]
    bank.check_button.click()
    assert_saved_only(bank, lesson, "cloze-hiatus")

    number = question_view(s.question("dialogue-number"), session=s, lang="en")
    assert isinstance(number, NumericView)
    number.answer_widget.value = "２０"
    number.check_button.click()
    assert_saved_only(number, lesson, "dialogue-number")

    answers = saved_answers(s)
    assert answers == {
        "main-idea": "c",
        "tfng-photo": "not_given",
        "cloze-thaw": "thaw",
        "cloze-hiatus": words[0],
        "dialogue-number": "２０",
    }
    assert [a.status for a in s.store.list_attempts()] == ["pending"] * 5


def test_assignment_matching_uses_the_students_numbers_and_letters(lesson, student):
    s = student
    entry = safe_entry(s, "roles-matching")
    view = question_view(s.question("roles-matching"), session=s, lang="en")
    assert isinstance(view, MatchingView) and view.question.pairs == ()
    assert list(view.selects) == [c["label"] for c in entry["left"]] == ["1", "2", "3", "4", "5"]
    for select in view.selects.values():  # the student's shuffled order, not shuffled again
        assert select.options == (("Choose…", None),) + tuple(
            (f"{c['label']}. {c['text']}", c["label"]) for c in entry["right"]
        )
    assert f"1. {html.escape(entry['left'][0]['text'])}" in all_html(view)

    view.check_button.click()  # nothing chosen: not saved
    assert view.last_feedback.message_key == "answer.choose_first"
    assert "Choose an answer first." in view.feedback.value
    assert not s.answers_path.exists()

    view.selects["1"].value = "c"
    view.selects["3"].value = "a"
    assert view.value == {"1": "c", "2": None, "3": "a", "4": None, "5": None}
    view.check_button.click()
    assert_saved_only(view, lesson, "roles-matching")
    assert not any(view.marks[k].value for k in view.marks)  # no ✔/✘ in an assignment
    assert saved_answers(s)["roles-matching"] == {
        "1": "c",
        "2": None,
        "3": "a",
        "4": None,
        "5": None,
    }


def test_assignment_ordering_starts_in_the_students_order_and_saves_letters(lesson, student):
    s = student
    entry = safe_entry(s, "article-structure")
    view = question_view(s.question("article-structure"), session=s, lang="en")
    assert isinstance(view, OrderingView) and view.question.answer is None
    assert view.order == [c["label"] for c in entry["items"]] == list("abcdef")
    assert html.escape(entry["items"][0]["en"]) in view.texts[0].value

    view.check_button.click()  # nothing moved: not an answer, and not saved
    assert view.last_feedback.status == "unanswered"
    assert "Choose an answer first." in view.feedback.value
    assert not s.answers_path.exists()

    view.move("c", -1)
    view.move("c", -1)
    view.down_buttons[4].click()
    assert view.order == ["c", "a", "b", "d", "f", "e"]
    view.check_button.click()
    assert_saved_only(view, lesson, "article-structure")
    assert not any(mark.value for mark in view.marks)
    assert saved_answers(s)["article-structure"] == ["c", "a", "b", "d", "f", "e"]


def test_assignment_arithmetic_view_uses_the_students_numbers_and_saves(lesson, student):
    s = student
    params = safe_entry(s, "e05-embedded-emissions")["params"]
    view = ArithmeticView("e05-embedded-emissions", s, "en")
    assert view.exercise.answer is None
    shown = all_html(view)
    assert f"M = {params['M']!r}" in shown and f"SEE = {params['SEE']!r}" in shown
    view.answer_widget.value = str(params["M"] * params["SEE"])
    view.check_button.click()
    assert view.last_feedback.message_key == "feedback.saved"
    assert "Saved." in view.feedback.value and "The answer" not in view.feedback.value
    assert saved_answers(s)["e05-embedded-emissions"] == str(params["M"] * params["SEE"])


def test_a_lesson_question_in_an_assignment_shows_the_students_variant(lesson, student):
    """Given the lesson's question (with its answer), the view shows the student's blank
    one: their letters are what is saved, and no hint or answer comes along."""
    view = question_view(lesson.questions["main-idea"], student, "en")
    assert view.question == student.question("main-idea") and view.hint_button is None
    by_id = question_view("roles-matching", student, "en")
    assert list(by_id.selects) == ["1", "2", "3", "4", "5"]


def test_assignment_unknown_ids_suggest_only_the_assignments_exercises(lesson, student):
    import dataclasses

    with pytest.raises(UnknownExerciseError, match="Did you mean 'roles-matching'"):
        question_view("roles-matchin", student)
    with pytest.raises(UnknownExerciseError, match="assignment 'hw-views'"):
        question_view("vocab-thaw", student)  # in the lesson, not in this assignment

    stray = dataclasses.replace(student.question("cloze-thaw"), id="cloze-thaws")
    view = question_view(stray, student, "en")
    view.answer_widget.value = "thaw"
    assert view.check() is None
    shown = html.unescape(view.feedback.value)
    assert "There is no exercise 'cloze-thaws' in this assignment (hw-views)." in shown
    suggested = re.findall(r"'([^']+)'", shown.split("Did you mean")[1])
    assert "cloze-thaw" in suggested and set(suggested) <= set(ASSIGNED)
    assert not student.answers_path.exists()


def test_a_quiz_set_in_an_assignment_holds_its_questions_and_counts_answers(lesson, student):
    quiz = QuizSet(session=student, lang="en")
    questions = [e for e in student.manifest.exercises if e in lesson.questions]
    assert [v.question.id for v in quiz.views] == questions and sorted(questions) == sorted(
        e for e in ASSIGNED if e in lesson.questions
    )
    assert quiz.views[0].question.id == "main-idea"
    assert all(v.question.answer is None for v in quiz.views)
    assert quiz.score_label.value == "Answered: 0 / 7"
    mc = quiz.views[0]
    select_label(mc.answer_widget, mc.answer_widget.options[0][0])
    mc.check_button.click()
    assert quiz.score_label.value == "Answered: 1 / 7" and "Score" not in all_html(quiz)
    assert '">1✎</span>' in quiz.progress.value  # saved, not marked right or wrong
    assert saved_answers(student) == {"main-idea": "a"}
    by_id = QuizSet(["tfng-photo", "cloze-thaw"], student, "en")
    assert [v.question for v in by_id.views] == [
        student.question("tfng-photo"),
        student.question("cloze-thaw"),
    ]


# --------------------------------------------------------------------------- stylesheet


def every_view(lesson, session):
    from dokhae.widgets import Flashcards, MatchingGame, ReadingView, ReviewSession, TypedRecall

    views = [question_view(q, session, "en") for q in lesson.exercises.questions]
    views += [
        ArithmeticView("e09-certificates-after-faa", session, "en"),
        QuizSet.by_skill(lesson, "inference", session=session, lang="en"),
        ReadingView(lesson, "en"),
    ]
    views += [
        Flashcards(lesson, lang="en"),
        MatchingGame(session, lang="en"),
        TypedRecall(session, lang="en"),
        ReviewSession(session, lang="en"),
    ]
    return views


def test_every_view_carries_the_stylesheet_once_and_first(lesson, session):
    from dokhae.widgets._base import STYLESHEET, View

    for view in every_view(lesson, session):
        assert isinstance(view, View)
        sheet = view.children[0]
        assert sheet is view.stylesheet and "dokhae-style" in classes(sheet)
        assert sheet.value == f"<style>{STYLESHEET}</style>" and sheet.layout.display == "none"
        assert [c for c in view.children if "dokhae-style" in classes(c)] == [sheet]
        assert view.children[1] is view.keyboard  # arrow keys choose (widgets/keys.py)
        assert view.content == view.children[2:] and view.content  # something to show
        text = repr(view)
        assert text.startswith("▶ ") and "style" not in text and "dokhae" not in text


def test_the_stylesheet_stays_first_when_a_view_changes_its_children(lesson, session):
    view = question_view(lesson.questions["main-idea"], session, "en")
    body = view.content
    hidden = (view.stylesheet, view.keyboard)  # the keyboard guard follows it (keys.py)
    view.children = body[:2]
    assert view.children == (*hidden, *body[:2])
    view.children = (view.stylesheet, *body)
    assert view.children == (*hidden, *body)


def test_the_stylesheet_is_scoped_and_wraps_long_choice_labels():
    import re

    from dokhae.widgets._base import STYLESHEET

    rules = re.sub(r"/\*.*?\*/", "", STYLESHEET, flags=re.DOTALL)
    selectors = [
        sel.strip()
        for block in re.findall(r"([^{}]+)\{[^{}]*\}", rules)
        for sel in re.split(r",(?![^()]*\))", block)
    ]
    assert selectors and all(sel.startswith((".dokhae ", ".dokhae-")) for sel in selectors)
    assert "<" not in STYLESHEET  # nothing can close the <style> element early
    radio = re.search(r"\.dokhae-mc \.widget-radio-box label[^{]*\{([^}]*)\}", rules).group(1)
    for declaration in ("height: auto", "white-space: normal", "line-height: 1.4"):
        assert declaration in radio
    assert re.search(r"\.dokhae \.widget-radio-box[^{]*\{[^}]*width: auto", rules)
    # the circle before its label (ipywidgets puts the input after the text; issue 26)
    circle = re.search(r"\.dokhae-mc \.widget-radio-box input[^{]*\{([^}]*)\}", rules).group(1)
    assert "order: -1" in circle and "float: none" in circle
    # right and wrong: a mark and a colour on a set background (readable in any theme)
    for status, mark in (("correct", "✔"), ("wrong", "✘"), ("partial", "◐")):
        verdict = re.search(rf"\.dokhae-verdict\.dokhae-{status} \{{([^}}]*)\}}", rules).group(1)
        assert "color: #" in verdict and "background: #" in verdict
        assert re.search(
            rf"\.dokhae-verdict\.dokhae-{status}::before \{{ content: \"{mark} \"", rules
        )
    assert re.search(r"\.dokhae \.dokhae-term \{[^}]*height: auto", rules)
