"""Progress a student reads (notebook 05): headwords, percentages, the interface language,
worked examples left out, and what to study next."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from dokhae.progress import ProgressStore
from dokhae.review import make_scheduler
from dokhae.session import Session
from dokhae.tables import exercise_label, progress_summary, progress_table, study_next
from dokhae.widgets.vocabulary import ReviewSession, TypedRecall


@pytest.fixture
def session(lesson, tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        yield Session(lesson, store=store)


def answer_some(session):
    session.answer("e01-months-between-dialogues", 54)  # a worked example: not counted
    session.answer("e04-free-allocation-phase-out", 0.485)  # wrong (a share, not a percent)
    session.answer("main-idea", session.lesson.questions["main-idea"].answer)
    recall = TypedRecall(session, lang="en", order="glossary")
    recall.go([e.id for e in recall.entries].index("ko-daeeung"))
    recall.answer.value = "reply"
    recall.go([e.id for e in recall.entries].index("resume"))
    recall.answer.value = "resume"


def test_the_table_names_words_by_headword_with_percentages_in_korean(session):
    answer_some(session)
    table = progress_table(session, "ko")
    assert list(table.columns) == ["문제", "종류", "결과", "점수"]
    assert list(table.index) == [1, 2, 3, 4]
    text = table.to_string()
    assert "respond — 대응하다" in text and "resume — 재개하다" in text
    assert "vocab:" not in text and "ko-daeeung" not in text and "e04-" not in text
    assert "두 대화 사이의 개월 수" not in text  # the worked example e01 is not counted
    rows = {row["문제"]: row for _, row in table.iterrows()}
    assert (
        rows["respond — 대응하다"]["결과"] == "오답" and rows["respond — 대응하다"]["점수"] == "0%"
    )
    assert rows["resume — 재개하다"]["점수"] == "100%"
    assert rows["resume — 재개하다"]["종류"] == "어휘 · 영어로 쓰기"


def test_the_summary_is_in_the_interface_language_with_percentages(session):
    answer_some(session)
    summary = progress_summary(session, "en")
    assert list(summary.columns) == ["Answered", "Correct", "Share correct"]
    assert summary.loc["Vocabulary · typing the English", "Share correct"] == "50%"
    assert summary.loc["CBAM arithmetic", "Answered"] == 1  # e01 (worked) left out
    assert list(summary.index) == [
        "Main idea",
        "CBAM arithmetic",
        "Vocabulary · typing the English",
    ]
    assert "share_correct" not in summary.to_string()


def test_nothing_answered_says_so_instead_of_an_empty_dataframe(session):
    for table in (progress_table(session, "ko"), progress_summary(session, "ko")):
        assert "아직 푼 문제가 없습니다." in table.to_string()
        assert "Empty DataFrame" not in repr(table)


def test_labels_never_show_ids(lesson):
    assert exercise_label(lesson, "vocab-ko:ko-daeeung", "ko") == "respond — 대응하다"
    assert exercise_label(lesson, "vocab-matching:3", "ko") == "짝 맞추기 3회차"
    assert exercise_label(lesson, "vocab:gone", "en") == "not in this lesson"
    label = exercise_label(lesson, "name-of-cbam", "ko")
    assert label.startswith("CBAM은 무엇의 약자") and len(label) <= 48


def test_study_next_with_nothing_done_points_to_vocabulary(session):
    plan = study_next(session, language="ko")
    assert plan.notebook == "02-vocabulary.ipynb"
    assert "다음 노트북: 02 · 어휘" in repr(plan)
    assert '<a href="02-vocabulary.ipynb">02 · 어휘</a>' in plan._repr_html_()
    assert "오늘 새로 시작할 수 있는 카드: 10장" in repr(plan)


def test_study_next_names_due_cards_missed_words_and_questions(session):
    answer_some(session)
    plan = study_next(session, language="en")
    text = repr(plan)
    assert "Words you missed (they come first in the review): respond" in text
    assert "How much free allocation is phased out?" in text  # e04, wrong
    assert "Months between two dialogues" not in text  # worked example
    assert plan.notebook == "03-comprehension.ipynb"  # questions still unanswered
    start = datetime.now(timezone.utc).astimezone()
    review = ReviewSession(session, now=start, lang="en", scheduler=make_scheduler(fuzzing=False))
    for _ in range(3):  # the missed word first; Good on a new card: due in 10 minutes
        review.show_button.click()
        review.rate_buttons["good"].click()
    later = study_next(session, start + timedelta(minutes=30), "ko")
    assert "지금 복습할 단어 카드: 3장" in repr(later)
    assert "오늘 새로 시작할 수 있는 카드: 7장" in repr(later)
    assert "respond" not in repr(later)  # reviewed since the miss
    soon = study_next(session, start + timedelta(seconds=30), "ko")
    assert "다음 복습: 10분 뒤" in repr(soon)


def test_study_next_escapes_its_html(session, lesson):
    plan = study_next(session, language="en")
    evil = type(plan)("<b>", ("<img src=x>",), None, "")
    assert "<img" not in evil._repr_html_() and "&lt;img" in evil._repr_html_()


def test_the_summary_reports_vocabulary_by_direction(session):
    """Typing the English (Korean → English) and typing the Korean (English → Korean) are
    rows of their own, so a learner of Korean sees each direction (issue 25)."""
    answer_some(session)
    recall = TypedRecall(session, lang="en", direction="en-ko", order="glossary")
    recall.go([e.id for e in recall.entries].index("ko-hyeomnyeok"))
    recall.answer.value = "협력을"  # the word with a particle: right
    summary = progress_summary(session, "ko")
    assert list(summary.index)[-2:] == ["어휘 · 영어로 쓰기", "어휘 · 한국어로 쓰기"]
    assert summary.loc["어휘 · 한국어로 쓰기", "맞힌 문제"] == 1
    assert summary.loc["어휘 · 영어로 쓰기", "푼 문제"] == 2
