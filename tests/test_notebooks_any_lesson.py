"""The notebooks work for any lesson: the lesson chooser, the generic views behind the
notebooks, and every notebook run under strict nbval on the small test lesson and on a
lesson without arithmetic templates (tests/notebook_runner.py)."""

from __future__ import annotations

import html
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml

import dokhae
from dokhae import i18n
from dokhae.learner import LESSON_SETTING, UnknownLessonError, chosen_lesson, default_lesson
from dokhae.progress import ProgressStore
from dokhae.session import Session
from dokhae.tables import (
    busiest_paragraph,
    paragraph_group_label,
    paragraph_groups,
    paragraph_word_counts,
    templates_table,
)
from dokhae.widgets import (
    ArithmeticChooser,
    ArithmeticOverview,
    ArithmeticView,
    LessonChooser,
    MissingExercise,
    QuizSet,
    arithmetic_view,
)
from notebook_runner import notebook_names, outputs_text, run_notebooks

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
SLUG = "mini-lesson"
STEEL = "steel-dialogue-2023"


def copy_lesson(source: Path, slug: str, target: Path) -> None:
    """Copy lesson ``slug``'s files from content folder ``source`` into ``target``."""
    shutil.copytree(source / "articles" / slug, target / "articles" / slug)
    for folder, suffix in (("glossary", ".csv"), ("exercises", ".yaml")):
        (target / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / folder / f"{slug}{suffix}", target / folder / f"{slug}{suffix}")


@pytest.fixture
def no_templates(tmp_path) -> Path:
    """A content folder with the test lesson minus its arithmetic templates."""
    root = tmp_path / "no-templates"
    copy_lesson(MINI, SLUG, root)
    path = root / "exercises" / f"{SLUG}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["templates"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = dokhae.validate(root)
    assert report.errors == [], [str(p) for p in report.errors]
    return root


@pytest.fixture
def two_lessons(tmp_path, monkeypatch) -> Path:
    """A content folder with the steel lesson and the test lesson, used by default."""
    root = tmp_path / "two-lessons"
    copy_lesson(ROOT, STEEL, root)
    copy_lesson(MINI, SLUG, root)
    monkeypatch.setenv("DOKHAE_CONTENT", str(root))
    return root


def store_path() -> Path:
    return ProgressStore().path  # DOKHAE_PROGRESS: each test's own (tests/conftest.py)


# --------------------------------------------------------------------------- the chooser


def test_nothing_chosen_opens_the_first_lesson_by_slug(two_lessons):
    assert default_lesson() == SLUG  # "mini-lesson" < "steel-dialogue-2023"
    assert chosen_lesson() == SLUG
    assert dokhae.start(None).lesson.slug == SLUG
    assert dokhae.start().lesson.slug == SLUG
    assert dokhae.available_lessons()[0].slug == SLUG


def test_the_choice_is_remembered_across_sessions_and_stores(two_lessons):
    with ProgressStore() as store:
        assert dokhae.choose_lesson(STEEL, store) == STEEL
    with ProgressStore(store_path()) as again:  # another day, another notebook
        assert again.setting(LESSON_SETTING) == STEEL
        assert chosen_lesson(again) == STEEL
        assert Session(None, store=again).lesson.slug == STEEL
    assert dokhae.start(None).lesson.slug == STEEL
    assert dokhae.current_session().lesson.slug == STEEL
    # a slug in the parameters cell always wins over the choice
    assert dokhae.start(SLUG).lesson.slug == SLUG
    assert chosen_lesson() == STEEL


def test_a_chosen_lesson_that_is_gone_falls_back_to_the_default(two_lessons):
    dokhae.choose_lesson(STEEL)
    shutil.rmtree(two_lessons / "articles" / STEEL)
    assert chosen_lesson() == SLUG
    assert dokhae.start(None).lesson.slug == SLUG


def test_an_unknown_lesson_gets_a_clear_message(two_lessons):
    with pytest.raises(UnknownLessonError) as caught:
        dokhae.choose_lesson("stel-dialogue-2023")
    message = str(caught.value)
    assert "there is no lesson 'stel-dialogue-2023'" in message
    assert "Did you mean 'steel-dialogue-2023'?" in message
    assert "The lessons there: 'mini-lesson', 'steel-dialogue-2023'." in message
    assert chosen_lesson() == SLUG  # nothing was saved
    chooser = LessonChooser(dokhae.start(None), "en")
    with pytest.raises(UnknownLessonError, match="no lesson 'nope'"):
        chooser.choose("nope")


def test_the_setting_works_with_a_store_made_before_settings_existed(tmp_path):
    path = tmp_path / "old.sqlite3"
    ProgressStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE settings")
    with ProgressStore(path) as store:
        assert store.setting(LESSON_SETTING) is None
        store.set_setting(LESSON_SETTING, STEEL)
        assert store.setting(LESSON_SETTING) == STEEL
        store.set_setting(LESSON_SETTING, None)
        assert store.setting(LESSON_SETTING) is None


def test_lesson_chooser_lists_the_lessons_and_saves_the_choice(two_lessons):
    session = dokhae.start(None)
    chooser = LessonChooser(session, "ko")
    labels = [label for label, _ in chooser.select.options]
    assert [slug for _, slug in chooser.select.options] == [SLUG, STEEL]
    assert labels[1] == "한일, 5년 만에 철강 협력 대화 재개 — The Korea Herald, 2023-05-31"
    assert chooser.select.value == SLUG and chooser.feedback.value == ""
    shown = repr(chooser)
    assert shown.startswith(
        "▶ 이 셀을 실행하면 공부할 수업(기사)을 고를 수 있습니다.\n▶ Run this cell"
    )
    assert "오랜 공백 끝에 대화 재개" in shown and "VBox" not in shown

    chooser.select.value = STEEL  # what a click in the Dropdown does
    assert chooser.chosen == STEEL
    assert i18n.t("chooser.saved", "ko") in html.unescape(chooser.feedback.value)
    assert "The Korea Herald (Yonhap)" in chooser.details.value
    assert chosen_lesson() == STEEL
    assert session.lesson.slug == SLUG  # the running notebook is not switched under the student
    assert LessonChooser(dokhae.start(None), "en").select.value == STEEL


def test_lesson_chooser_escapes_lesson_text_and_leaves_out_broken_lessons(tmp_path, monkeypatch):
    root = tmp_path / "content"
    copy_lesson(MINI, SLUG, root)
    article = root / "articles" / SLUG / "article.en.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "Talks resume after a long hiatus", "Talks resume after a long hiatus <b>at last</b>"
        ),
        encoding="utf-8",
    )
    copy_lesson(MINI, SLUG, tmp_path / "broken")
    shutil.move(tmp_path / "broken" / "articles" / SLUG, root / "articles" / "zz-broken")
    monkeypatch.setenv("DOKHAE_CONTENT", str(root))
    chooser = LessonChooser(dokhae.start(SLUG), "en")
    assert (
        "&lt;b&gt;at last&lt;/b&gt;" in chooser.details.value
        and "<b>at last" not in chooser.details.value
    )
    assert [i.slug for i in chooser.lessons] == [SLUG]
    assert [i.slug for i in chooser.unavailable] == ["zz-broken"]
    note = chooser.content[-1]
    assert "zz-broken" in note.value and "dokhae check" in note.value
    chooser.choose("zz-broken")
    assert i18n.t("chooser.broken", "en") in chooser.feedback.value
    assert chosen_lesson() == SLUG


# --------------------------------------------------------------------------- generic views


def test_paragraph_groups_of_about_three(lesson):
    assert paragraph_groups(lesson) == [("h1", "p1", "p2"), ("p3", "p4", "p5"), ("p6", "p7", "c1")]
    assert paragraph_group_label(("h1", "p1", "p2"), "en") == "the headline, paragraphs 1–2"
    assert paragraph_group_label(("p6", "p7", "c1"), "ko") == "6–7문단, 사진 설명"
    assert paragraph_group_label(("p3",), "ko") == "3문단"
    mini = dokhae.load_lesson(SLUG, MINI)
    assert paragraph_groups(mini) == [("h1", "p1"), ("p2", "c1")]
    assert paragraph_groups(mini, size=10) == [("h1", "p1", "p2", "c1")]
    with pytest.raises(ValueError, match="size must be at least 1"):
        paragraph_groups(mini, size=0)


def test_words_per_paragraph_and_the_busiest(lesson):
    counts = paragraph_word_counts(lesson)
    assert list(counts.index) == ["h1", "c1", "p1", "p2", "p3", "p4", "p5", "p6", "p7"]
    assert counts.sum() == len(lesson.glossary)
    assert busiest_paragraph(lesson) == "p5"
    mini = dokhae.load_lesson(SLUG, MINI)
    assert busiest_paragraph(mini) == "h1"  # a tie (1 and 1): the first in reading order


def test_quiz_groups_and_skill_chooser_for_any_lesson(lesson, tmp_path):
    session = Session(lesson, store=ProgressStore(tmp_path / "p.sqlite3"))
    groups = QuizSet.by_paragraph_groups(lesson, session=session, lang="en")
    shown = groups.quiz
    assert (
        groups.stage.children == (shown,) and len(groups._made) == 1
    )  # only the shown group is built
    groups.select.value = 2
    assert groups.stage.children == (groups.quiz,) and groups.quiz is not shown
    groups.select.value = 0
    assert groups.quiz is shown  # kept, answers and all
    assert [len(q.views) for q in groups.quizzes] == groups.counts == [23, 17, 16]
    assert groups.quizzes[0].title.ko == "문단별 문제: 제목, 1–2문단"
    assert "paragraphs 3–5 — 17 questions" in repr(groups)
    by_skill = QuizSet.skill_chooser(lesson, "inference", session=session, lang="ko")
    assert by_skill.select.value == "inference" and len(by_skill.quiz.views) == 5
    by_skill.select.value = "detail"
    assert {v.question.skill for v in by_skill.quiz.views} == {"detail"}
    assert by_skill.stage.children == (by_skill.quiz,)

    mini = Session(dokhae.load_lesson(SLUG, MINI), store=session.store)
    groups = QuizSet.by_paragraph_groups(mini.lesson, session=mini)
    assert groups.groups == [("h1", "p1"), ("p2", "c1")]
    by_skill = QuizSet.skill_chooser(mini.lesson, "inference", session=mini, lang="en")
    assert by_skill.skills == ["vocabulary", "reference", "timeline"]  # no inference: the first
    assert by_skill.select.value == "vocabulary"


def test_arithmetic_for_a_lesson_with_one_template_and_with_none(no_templates, tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite3")
    mini = Session(dokhae.load_lesson(SLUG, MINI), store=store)
    chooser = ArithmeticChooser(mini, "e09-certificates-after-faa", "en")  # not in this lesson
    assert chooser.select.value == "emissions" and isinstance(chooser.view, ArithmeticView)
    assert "emissions — 내재 배출량 / Embedded emissions" in repr(ArithmeticOverview(mini, "ko"))
    missing = arithmetic_view("e09-certificates-after-faa", mini, "ko")
    assert isinstance(missing, MissingExercise)
    assert repr(missing) == (
        "⚠ 지금 수업(mini-lesson)에는 이 계산 문제가 없습니다: 'e09-certificates-after-faa'. "
        "이 부분은 건너뛰세요.\n  The current lesson (mini-lesson) does not have this arithmetic "
        "exercise: 'e09-certificates-after-faa'. Skip this part."
    )
    assert "Did you mean 'emissions'?" in repr(arithmetic_view("emission", mini, "en"))
    assert isinstance(arithmetic_view("emissions", mini), ArithmeticView)

    bare = Session(dokhae.load_lesson(SLUG, no_templates), store=store)
    overview = ArithmeticOverview(bare, "ko")
    assert repr(overview).startswith("⚠ 이 수업(mini-lesson)에는 CBAM 계산 문제가 없습니다.")
    assert "has no CBAM arithmetic exercises" in repr(overview)
    assert "dokhae-no-arithmetic" in overview._repr_html_()
    empty = ArithmeticChooser(bare)
    assert empty.select is None and empty.view is None
    assert "이 수업에는 CBAM 계산 문제가 없습니다." in repr(empty)
    assert list(templates_table(bare.lesson).columns) == [
        "id",
        "level",
        "compute",
        "example answer",
        "unit",
        "source",
    ]
    assert dokhae.check("e01-months-between-dialogues", 54, session=bare).status == "unknown"


# --------------------------------------------------------------------------- the notebooks


@pytest.mark.slow
def test_every_notebook_runs_on_the_test_lesson(tmp_path):
    work = tmp_path / "notebooks"
    result = run_notebooks(SLUG, MINI, work)
    assert result.returncode == 0, result.stdout[-5000:]
    assert sorted(p.stem for p in work.glob("*.ipynb")) == notebook_names()
    start = outputs_text(work / "00-start-here.ipynb")
    assert "Talks resume after a long hiatus" in start and "오랜 공백 끝에 대화 재개" in start
    assert "Test Times · 2023-05-31" in start  # no agency: no "None"
    assert "CBAM 계산 문제 / CBAM arithmetic exercises: 1" in start
    quiz = outputs_text(work / "03-comprehension.ipynb")
    assert "제목, 1문단 — 문제 2개 / the headline, paragraph 1 — 2 questions" in quiz
    arithmetic = outputs_text(work / "04-cbam-arithmetic.ipynb")
    assert (
        "이 수업의 CBAM 계산 문제: 1개 / CBAM arithmetic exercises in this lesson: 1" in arithmetic
    )
    assert "emissions — 내재 배출량 / Embedded emissions" in arithmetic
    assert "이 수업(mini-lesson)에는 'e01-months-between-dialogues' 문제가 없습니다." in arithmetic
    assert "The current lesson (mini-lesson) does not have this arithmetic exercise" in arithmetic
    teacher = outputs_text(work / "90-teacher-guide.ipynb")
    assert "<Lesson mini-lesson:" in teacher and "['q1']" in teacher


@pytest.mark.slow
def test_every_notebook_runs_on_a_lesson_without_arithmetic(no_templates, tmp_path):
    work = tmp_path / "notebooks"
    result = run_notebooks(SLUG, no_templates, work)
    assert result.returncode == 0, result.stdout[-5000:]
    assert "CBAM 계산 문제 / CBAM arithmetic exercises: 0" in outputs_text(
        work / "00-start-here.ipynb"
    )
    arithmetic = outputs_text(work / "04-cbam-arithmetic.ipynb")
    assert "⚠ 이 수업(mini-lesson)에는 CBAM 계산 문제가 없습니다." in arithmetic
    assert "This lesson (mini-lesson) has no CBAM arithmetic exercises." in arithmetic
    assert "이 수업에는 CBAM 계산 문제가 없습니다." in arithmetic  # the chooser of section 7
    assert "Figure" in arithmetic  # the plot does not depend on the lesson
    teacher = outputs_text(work / "90-teacher-guide.ipynb")
    # the guide runs to its end on a lesson with no templates (its answer tables run too, but
    # are stored without output: they are the teacher's, see docs/trust-model.md)
    assert "0 arithmetic templates" in teacher and "문항 분석" in teacher
