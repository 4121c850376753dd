"""One rule for typed Korean answers (issue 25, point 4), wherever they are checked:
practice, typed recall, word tests and graded assignments recognise 협력을 and 부과하도록
as the word with the same messages (a particle names the answer, a verb in another ending
its dictionary form). With the faults found after the two first paths were merged: a
doubled particle (협력을을), CBAM taken for a keyboard slip (츄므), an explanation that said
only the teacher marks open answers, and a self-marked answer that kept 05 pointing at 03."""

from __future__ import annotations

import pytest

from dokhae import i18n
from dokhae.answers import Feedback, check_term, korean_form_of
from dokhae.progress import ProgressStore
from dokhae.results import self_mark
from dokhae.session import Session, right_answer
from dokhae.tables import study_next


@pytest.fixture
def session(lesson, tmp_path):
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        yield Session(lesson, store=store, direction="ko")


# --------------------------------------------------------------------------- particles


@pytest.mark.parametrize("typed", ["협력을을", "협력을를", "협력이가", "협력은는", "협력들들"])
def test_a_doubled_particle_is_not_the_word(session, typed):
    assert korean_form_of(typed, ("협력",), ("협력",)) is None
    feedback = session.feedback("cloze-ko-hyeomnyeok", typed)
    assert feedback.status == "wrong" and feedback.score == 0.0


@pytest.mark.parametrize("typed", ["협력에서는", "협력과의", "협력만을", "협력들이", "협력입니다"])
def test_particles_chained_as_korean_chains_them_are_still_the_word(session, typed):
    feedback = session.feedback("cloze-ko-hyeomnyeok", typed)
    assert feedback.correct and feedback.message_key == "answer_forms.korean_answer"
    assert feedback.fields["word"] == "협력"


# --------------------------------------------------------------------------- one rule


def test_practice_and_recall_say_the_same(session, lesson):
    """A cloze and typed recall name the word the same way."""
    question = session.feedback("cloze-ko-hyeomnyeok", "협력을")
    entry = next(e for e in lesson.glossary if e.id == "ko-hyeomnyeok")
    recall = check_term("협력을", (*entry.ko, *entry.ko_forms), korean_forms=entry.ko_forms)
    assert question.message_key == recall.message_key == "answer_forms.korean_answer"
    assert question.message("en") == recall.message("en")
    assert "협력" in question.message("ko")
    verb = session.feedback("cloze-ko-bugwa", "부과하도록")
    assert (verb.message_key, verb.fields["word"]) == ("answer_forms.korean_form", "부과하다")
    assert verb.message("en") == "Right: the dictionary form is 부과하다."


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    from dokhae.teacher import assign

    base = tmp_path_factory.mktemp("korean-grading")
    (base / "class.csv").write_text("student_id,name\r\n2024001,김민준\r\n", encoding="utf-8")
    return assign(
        "steel-dialogue-2023",
        base / "class.csv",
        base / "out",
        exercises=["cloze-ko-bugwa", "cloze-ko-hyeomnyeok"],
        assignment_id="hw-ko",
        words=6,
    )


@pytest.mark.parametrize(
    ("exercise", "typed", "word", "key"),
    [
        ("cloze-ko-bugwa", "부과하도록", "부과하다", "answer_forms.korean_form"),
        ("cloze-ko-bugwa", "부과하다", "부과하다", "answer_forms.korean_form"),
        ("cloze-ko-hyeomnyeok", "협력을", "협력", "answer_forms.korean_answer"),
    ],
)
def test_grading_a_korean_item_knows_the_glossary_forms(assigned, exercise, typed, word, key):
    """Was: a teacher who assigned a ``tests: ko`` item graded 부과하도록 wrong."""
    from dokhae.teacher.key import AnswerKey

    answer_key = AnswerKey.load(assigned.key_path)
    feedback, _ = answer_key.check(assigned.students[0].id, exercise, typed)
    assert (feedback.status, feedback.score) == ("correct", 1.0)
    assert (feedback.message_key, feedback.fields["word"]) == (key, word)
    assert not answer_key.check(assigned.students[0].id, exercise, "징수하도록")[0].correct


def test_a_graded_word_test_takes_a_korean_word_with_its_particle(assigned):
    from dokhae.teacher.key import AnswerKey

    answer_key = AnswerKey.load(assigned.key_path)
    student = assigned.students[0].id
    words = answer_key.part(student)["words"]
    to_korean = [(slot, w) for slot, w in words.items() if w["direction"] == "en-ko"]
    assert to_korean
    for slot, word in to_korean:
        typed = word["accepted"][0].replace("~", "").strip() + "도"
        feedback, _ = answer_key.check(student, slot, typed)
        assert feedback.correct, (slot, typed, feedback.message("en"))
        assert feedback.message_key == "answer_forms.korean_answer"


# --------------------------------------------------------------------------- CBAM


def test_an_abbreviation_for_a_korean_answer_is_named_not_a_keyboard_slip(session):
    feedback = session.feedback("name-of-cbam-ko", "CBAM")
    assert feedback.status == "wrong"
    assert feedback.message_key == "answer_forms.latin_abbreviation"
    assert "츄므" not in feedback.message("en") and "츄므" not in feedback.message("ko")
    assert "CBAM" in feedback.message("en") and "Korean" in feedback.message("en")
    assert "CBAM" in feedback.message("ko") and "한국어" in feedback.message("ko")


def test_a_word_of_the_question_in_latin_letters_is_not_a_keyboard_slip(session):
    feedback = session.feedback("name-of-cbam-ko", "cbam")  # the prompt's own word
    assert (feedback.status, feedback.message_key) == ("wrong", "answer_forms.latin_for_korean")
    assert i18n.t("answer_forms.latin_for_korean", "ko").startswith("이 문제는 한국어로")


def test_the_korean_name_typed_with_the_keyboard_off_is_still_a_slip(session):
    feedback = session.feedback("name-of-cbam-ko", "xksthrnrrudwhwjdwpeh")
    assert (feedback.status, feedback.message_key) == ("unanswered", "keyboard.korean_off")
    assert feedback.fields["typed"] == "탄소국경조정제도"
    assert check_term("woro", ["재개하다", "재개"]).message_key == "keyboard.korean_off"


# --------------------------------------------------------------------------- self-marking


def test_open_answers_explanations_say_who_marks_them_truly(lesson):
    """An open answer is marked by the learner in practice and by the teacher in an
    assignment: no explanation says only the teacher marks it."""
    for question in lesson.exercises.questions:
        if not getattr(question, "manual", False) or question.explanation is None:
            continue
        en, ko = question.explanation.en, question.explanation.ko
        if "teacher" in en:
            assert "in practice" in en and "assignment" in en, question.id
        if "선생님" in ko:
            assert "스스로" in ko and "과제" in ko, question.id


def test_a_self_marked_answer_counts_as_done_not_correct(lesson, tmp_path):
    """Was: every question answered and the open one self-marked, 05 still sent the
    learner back to 03."""
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = Session(lesson, store=store, direction="en")
        session.record("vocab:resume", "resume", Feedback("correct", score=1.0))
        for q in lesson.questions_for("en"):
            if q.id != "ref-two-sides":
                assert session.answer(q.id, right_answer(q)).correct, q.id
        assert session.answer("ref-two-sides", "양국").status == "pending"
        assert study_next(session, language="en").notebook.startswith("03")  # not marked yet
        self_mark(session, "ref-two-sides", "양국", False)
        assert study_next(session, language="en").notebook.startswith("04")
        latest = {a.exercise: a for a in store.latest_attempts(lesson.slug)}
        assert latest["ref-two-sides"].status == "pending"  # never counted as correct


def test_a_word_test_asks_words_never_grammar_patterns():
    """Was: a word test could ask for 제N차 (a grammar pattern of the glossary): the
    pattern is read in the text, not typed, and 제N차도 was graded wrong."""
    from dokhae.teacher.variants import _word_slots
    from dokhae.validation import load_lesson

    lesson = load_lesson("steel-dialogue-2023")
    grammar = {e.id for e in lesson.glossary if e.pos == "grammar"}
    assert grammar  # the shipped lesson has patterns to leave out
    slots = [f"word-{n:02d}" for n in range(12)]
    for seed in range(40):
        chosen = {key["entry"] for _, key in _word_slots(lesson, slots, str(seed), []).values()}
        assert chosen and not chosen & grammar
