"""A learner of Korean through notebooks 01–05, with the questions of 03 on the Korean text
(issue 25, walk-through friction point 9).

The learner chooses once in 00-start-here (direction ``ko``, English interface; the
fixture clicks it, see tests/test_learner_direction.py); every notebook's cell then runs
alone in a new kernel. Notebook 03 shows no question that tests only the English article
(``tests: en``), its choices and statements are Korean with the English available, and a
Korean cloze takes the word with its particle (협력을) as the word. A Korean student of
English keeps exactly the 40 questions, assignments and worksheets of before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import dokhae
from dokhae import i18n, load_lesson
from dokhae import validate as check
from dokhae.export.worksheet import default_exercises
from dokhae.session import right_answer
from dokhae.tables import study_next
from dokhae.teacher import select_exercises
from dokhae.widgets import QuizGroups, SkillQuiz
from test_cells_alone import run_alone
from test_learner_direction import cell_with, learner_of_korean, new_kernel  # noqa: F401

SLUG = "steel-dialogue-2023"

ENGLISH_BANK = [
    "main-idea", "topics-discussed", "article-structure", "where-held", "dialogue-number",
    "participants", "goods-count", "roles-matching", "name-of-cbam", "tfng-photo",
    "tfng-hydrogen", "tfng-transition", "tfng-every-year", "tfng-companies", "tfng-agreement",
    "tfng-first-dialogue", "tfng-less-important", "vocab-hiatus", "vocab-thaw",
    "vocab-beef-up", "vocab-join-hands", "vocab-regular", "vocab-matching", "cloze-hiatus",
    "cloze-thaw", "cloze-levying", "cloze-beef", "cloze-join", "ref-its-kind",
    "ref-their-emissions", "ref-regulation-scheme", "ref-two-sides", "infer-headline-rounding",
    "infer-relations-before", "infer-why-cbam", "infer-series", "timeline-order",
    "timeline-caption", "timeline-matching", "hiatus-months",
]  # fmt: skip
"""The questions of the lesson before the Korean-side ones came, in order: what a Korean
student of English answers, is assigned and gets on a worksheet, unchanged."""

ENGLISH_WORKSHEET = [
    "main-idea", "article-structure", "where-held", "dialogue-number", "roles-matching",
    "name-of-cbam", "tfng-photo", "tfng-less-important", "vocab-hiatus", "cloze-hiatus",
    "ref-its-kind", "timeline-order", "e01-months-between-dialogues", "e02-transition-reports",
]  # fmt: skip
"""The default worksheet before the Korean-side questions came."""


@pytest.fixture(scope="module")
def shipped():
    return load_lesson(SLUG)


def english_only(lesson) -> set[str]:
    return {q.id for q in lesson.exercises.questions if q.tests == "en"}


def korean_side(lesson) -> set[str]:
    return {q.id for q in lesson.exercises.questions if q.tests == "ko"}


# --------------------------------------------------------------------------- the bank


def test_the_bank_has_a_korean_side_beside_the_english_only_questions(shipped):
    english, korean = english_only(shipped), korean_side(shipped)
    assert {"vocab-hiatus", "cloze-join", "ref-its-kind", "name-of-cbam"} <= english
    assert len(korean) >= len(english) - 2  # roughly one counterpart each
    assert {q.skill for q in shipped.exercises.questions if q.id in korean} >= {
        "vocabulary",
        "reference",
        "detail",
        "inference",
    }
    for q in shipped.exercises.questions:
        if q.id in korean:  # bilingual, with a hint before the answer, on the Korean text
            assert q.prompt.en and q.prompt.ko and q.explanation.en and q.explanation.ko
            assert q.hint is not None, q.id
            quoted = [shipped.article.sentences[s].ko for s in q.sentences]
            assert any(word in " ".join(quoted) for word in _korean_words(q)), q.id
    assert [q.id for q in shipped.questions_for("en")] == ENGLISH_BANK


def _korean_words(question) -> list[str]:
    """Hangul words the question's explanation quotes (it teaches from the Korean text)."""
    import re

    return re.findall(r"[\uac00-\ud7a3]{2,}", question.explanation.en)


# --------------------------------------------------------------------------- 01 to 05


@pytest.mark.usefixtures("learner_of_korean")
def test_the_direction_chosen_once_holds_from_01_to_05(monkeypatch):
    reading = run_alone(cell_with("01", "ReadingView()"))
    assert reading.direction.value == "ko" and reading.lang == "en"

    new_kernel(monkeypatch)
    assert run_alone(cell_with("02", "Flashcards()")).direction.value == "ko-en"

    new_kernel(monkeypatch)
    groups = run_alone(cell_with("03", "by_paragraph_groups"))
    assert isinstance(groups, QuizGroups) and groups.lang == "en"
    assert groups.session.direction == "ko"

    new_kernel(monkeypatch)
    feedback = run_alone(cell_with("04", 'check("e01-months-between-dialogues", months)'))
    assert feedback.status == "correct"
    assert dokhae.session.current_session().direction == "ko"

    new_kernel(monkeypatch)
    review = run_alone(cell_with("05", "ReviewSession()"))
    assert review.cards[0].endswith(":ko-en") and review.lang == "en"


@pytest.mark.usefixtures("learner_of_korean")
def test_03_shows_the_korean_side_and_no_english_only_question(shipped):
    groups = run_alone(cell_with("03", "by_paragraph_groups"))
    shown = {q.id for quiz in groups.quizzes for q in quiz.questions}
    assert shown == {q.id for q in shipped.questions_for("ko")}
    assert not shown & english_only(shipped)
    assert korean_side(shipped) <= shown and "main-idea" in shown  # and the shared ones
    assert sum(groups.counts) == sum(len(quiz.questions) for quiz in groups.quizzes)

    by_skill = run_alone(cell_with("03", "skill_chooser"))
    assert isinstance(by_skill, SkillQuiz)
    for skill in by_skill.skills:
        ids = {q.id for q in by_skill.show(skill).questions}
        assert not ids & english_only(shipped), skill


@pytest.mark.usefixtures("learner_of_korean")
def test_03_choices_and_statements_are_korean_with_the_english_interface():
    by_skill = run_alone(cell_with("03", "skill_chooser"))
    quiz = by_skill.show("inference")
    view = quiz.show_question("infer-why-cbam")
    question = view.question
    assert view.lang == "en" and view.content_lang == "ko"
    labels = [label for label, _ in view.answer_widget.options]
    assert labels == [f"{c.id}. {c.ko}" for c in question.choices]
    # the English of every choice is there, folded, and escaped
    assert view.choices_other is not None and "<details" in view.choices_other.value
    for choice in question.choices:
        assert i18n.t("quiz_ko.choices_other", "en") in view.choices_other.value
        assert choice.en.replace("'", "&#x27;") in view.choices_other.value
    # the prompt stays in the interface language
    assert view.prompt.value.startswith('<div class="dokhae-prompt-main" lang="en">')

    statement = by_skill.show("detail").show_question("tfng-hydrogen")
    assert statement.prompt.value.startswith('<div class="dokhae-prompt-main" lang="ko">')
    assert statement.question.prompt.ko.split()[0] in statement.prompt.value.split("</div>")[0]
    assert statement.answer_widget.options[0][0] == "True"

    ordering = by_skill.show("timeline").show_question("timeline-order")
    first = ordering.texts[0].value
    assert '<span lang="ko">' in first and first.index('lang="ko"') < first.index('lang="en"')

    # a wrong choice: why it is wrong, in the interface language first
    view.answer_widget.value = "d"
    view.check_button.click()
    assert view.last_feedback.status == "wrong" and view.last_feedback.mistake is not None
    assert "The CBAM does not ban imports" in view.feedback.value


@pytest.mark.usefixtures("learner_of_korean")
def test_03_a_korean_cloze_takes_the_word_with_its_particle():
    vocabulary = run_alone(cell_with("03", "skill_chooser")).show("vocabulary")
    view = vocabulary.show_question("cloze-ko-hyeomnyeok")
    assert view.sentence.value.startswith('<div lang="ko"')  # the Korean sentence
    assert i18n.t("quiz_ko.korean_forms", "en") in view.instruction.value
    view.answer_widget.value = "협력을"  # Enter checks
    feedback = view.last_feedback
    assert feedback.status == "correct" and feedback.message_key == "answer_forms.korean_answer"
    assert feedback.fields["word"] == "협력"
    assert "the answer is 협력. A particle or an ending after it" in view.feedback.value

    verb = vocabulary.show_question("cloze-ko-bugwa")
    verb.answer_widget.value = "부과하도록"
    assert verb.last_feedback.status == "correct"
    assert verb.last_feedback.message_key == "answer_forms.korean_form"
    assert verb.last_feedback.fields["word"] == "부과하다"
    assert "the dictionary form is 부과하다" in verb.feedback.value

    wrong = vocabulary.show_question("cloze-ko-haebing")
    wrong.answer_widget.value = "해방"
    assert wrong.last_feedback.status == "wrong"
    assert not wrong.last_feedback.reveal and "💡" in wrong.hint_area.value  # a hint first


@pytest.mark.parametrize(
    ("question", "typed", "status", "word"),
    [
        ("cloze-ko-hyeomnyeok", "협력", "correct", None),
        ("cloze-ko-hyeomnyeok", "협조를", "wrong", None),  # another word, not a form of it
        ("cloze-ko-bugwa", "부과하다", "correct", "부과하다"),
        ("cloze-ko-bugwa", "징수하도록", "wrong", None),
        ("cloze-ko-matjapda", "맞잡았다", "correct", "맞잡다"),
        ("vocab-ko-son-matjapda", "손을 맞잡기로", "correct", "손을 맞잡다"),
        ("name-of-cbam-ko", "탄소 국경 조정 제도", "correct", None),
        ("name-of-cbam-ko", "탄소국경조정제도를", "correct", "탄소국경조정제도"),
        ("cloze-levying", "levyings", "wrong", None),  # English questions: as before
    ],
)
def test_korean_forms_are_recognised_only_on_the_korean_side(
    shipped, tmp_path, question, typed, status, word
):
    from dokhae.progress import ProgressStore

    session = dokhae.Session(shipped, store=ProgressStore(tmp_path / "p.sqlite3"), direction="ko")
    feedback = session.feedback(question, typed)
    assert feedback.status == status
    assert feedback.fields.get("word") == word


@pytest.mark.usefixtures("learner_of_korean")
def test_04_reads_for_the_learner_of_korean():
    nb = Path(__file__).resolve().parents[1] / "notebooks" / "04-cbam-arithmetic.ipynb"
    text = nb.read_text("utf-8")
    assert 'the Korean headline: \\"5년 만에\\"' in text  # not only the English headline
    assert "| 말 | English | 쉬운 뜻 |" in text  # the words used there, in English too
    view = run_alone(cell_with("04", 'arithmetic_view("e09-certificates-after-faa")'))
    assert view.lang == "en"
    shown = run_alone(cell_with("04", 'check("e01-months-between-dialogues", months)'))
    assert shown.feedback.status == "correct"
    assert "5년 만에" in shown.feedback.explanation.en  # it names the Korean headline too


def test_05_sends_each_learner_back_to_03_only_for_their_own_questions(shipped, tmp_path):
    """Every question of the learner's side answered right: 05 does not send them back to
    03 for the other side's questions, which 03 never shows them."""
    from dokhae.answers import Feedback
    from dokhae.progress import ProgressStore

    for direction in ("en", "ko"):
        store = ProgressStore(tmp_path / f"{direction}.sqlite3")
        session = dokhae.Session(shipped, store=store, direction=direction)
        session.record("vocab:resume", "resume", Feedback("correct", score=1.0))
        questions = shipped.questions_for(direction)
        for q in questions[:-1]:
            assert session.answer(q.id, right_answer(q)).status == "correct", q.id
        assert study_next(session, language="en").notebook.startswith("03")  # one is left
        session.answer(questions[-1].id, right_answer(questions[-1]))
        assert study_next(session, language="en").notebook.startswith("04"), direction


# --------------------------------------------------------------------------- English side


def test_a_korean_student_of_english_keeps_the_same_questions(monkeypatch, shipped):
    new_kernel(monkeypatch)
    monkeypatch.delenv(i18n.ENVIRONMENT_VARIABLE, raising=False)
    assert dokhae.chosen_direction() == "en"
    groups = run_alone(cell_with("03", "by_paragraph_groups"))
    shown = {q.id for quiz in groups.quizzes for q in quiz.questions}
    assert shown == set(ENGLISH_BANK) and not shown & korean_side(shipped)
    view = run_alone(cell_with("03", "skill_chooser")).show("inference")
    view = view.show_question("infer-why-cbam")
    assert view.lang == "ko" and view.content_lang == "ko" and view.choices_other is None
    labels = [label for label, _ in view.answer_widget.options]
    assert labels == [f"{c.id}. {c.ko}" for c in view.question.choices]  # as before


def test_assignments_and_worksheets_leave_the_korean_side_out(shipped):
    templates = list(shipped.templates)
    assert select_exercises(shipped) == [*ENGLISH_BANK, *templates]
    vocabulary = select_exercises(shipped, skills=["vocabulary"])
    assert vocabulary and not set(vocabulary) & korean_side(shipped)
    assert "vocab-hiatus" in vocabulary
    # named by its id, a Korean-side question is assigned
    assert select_exercises(shipped, exercises=["cloze-ko-hyeomnyeok"]) == ["cloze-ko-hyeomnyeok"]
    # for learners of Korean: their side, none on the English text only
    korean = select_exercises(shipped, direction="ko")
    assert korean_side(shipped) <= set(korean) and not set(korean) & english_only(shipped)
    assert default_exercises(shipped) == ENGLISH_WORKSHEET


# --------------------------------------------------------------------------- dokhae check

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "exercises" / "mini-lesson.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_check_names_a_bad_tests_value_with_its_line_and_fix(mini):
    _edit(mini, "    type: cloze\n", "    type: cloze\n    tests: korean\n")
    (problem,) = check(mini).errors
    assert problem.file.endswith("mini-lesson.yaml") and problem.line == 16
    assert problem.field.endswith(".tests") and problem.value == "korean"
    assert "tests: en" in problem.fix and "tests: ko" in problem.fix


def test_check_names_a_cloze_on_the_other_text(mini):
    _edit(mini, "    type: cloze\n", "    type: cloze\n    tests: ko\n")
    (problem,) = check(mini).errors
    assert problem.field == "q2.tests" and problem.line == 16
    assert "tests the Korean text" in problem.message and "from the English" in problem.message
    _edit(mini, "    tests: ko\n", "    tests: en\n")
    assert check(mini).errors == []
