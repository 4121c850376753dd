"""The student's side of an assignment: answers are saved beside the notebook, not checked."""

from __future__ import annotations

import json
import os
import shutil
import unicodedata

import pytest

import dokhae.homework as assignment
from dokhae import session as session_module
from dokhae.homework import AssignmentError, BlankExercise, BlankQuestion, open_assignment
from dokhae.progress import ProgressStore
from dokhae.session import Session, UnknownExerciseError, current_session
from dokhae.teacher import assign
from test_teacher_support import EVERY_TYPE, LESSON, write_roster


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    base = tmp_path_factory.mktemp("student")
    write_roster(base / "class.csv", 2)
    return assign(
        LESSON,
        base / "class.csv",
        base / "out",
        exercises=EVERY_TYPE,
        assignment_id="hw1",
        nbgrader=True,
    )


@pytest.fixture
def folder(made, tmp_path):
    """A fresh copy of one student's folder."""
    target = tmp_path / "hw1"
    shutil.copytree(made.folder(made.students[0].id), target)
    return target


@pytest.fixture
def store(tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite3") as s:
        yield s


@pytest.fixture(autouse=True)
def _restore_current_session():
    before = session_module._current
    yield
    session_module._current = before
    assignment._snapshots.clear()


def saved(folder):
    return json.loads((folder / "answers.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- saving


def test_an_answer_is_saved_not_checked(folder, store):
    s = open_assignment(folder, store=store)
    feedback = s.answer("main-idea", "b")
    assert feedback.status == "pending" and feedback.message_key == "feedback.saved"
    assert feedback.expected is None and feedback.explanation is None and feedback.hint is None
    assert feedback.message("en") == "Saved." and feedback.message("ko") == "저장되었습니다."
    data = saved(folder)
    assert data["format"] == "dokhae-answers" and data["assignment_id"] == "hw1"
    assert data["student_id"] == s.manifest.student_id and data["variant"] == s.manifest.variant
    assert data["answers"]["main-idea"]["value"] == "b"
    assert data["answers"]["main-idea"]["saved_at"].endswith("+00:00")


def test_the_latest_answer_is_kept_in_nfc(folder, store):
    s = open_assignment(folder, store=store)
    s.answer("ref-two-sides", "일본")
    s.answer("ref-two-sides", unicodedata.normalize("NFD", "한국과 일본"))
    s.answer("roles-matching", {1: "c", 2: ...})
    s.answer("e05-embedded-emissions", 93005.0)
    answers = saved(folder)["answers"]
    assert answers["ref-two-sides"]["value"] == "한국과 일본"
    assert unicodedata.is_normalized("NFC", answers["ref-two-sides"]["value"])
    assert answers["roles-matching"]["value"] == {"1": "c", "2": None}
    assert answers["e05-embedded-emissions"]["value"] == 93005.0
    # no temporary file left, and no lock file: locks live in the user's cache folder (locking.py)
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_empty_answers_are_not_saved(folder, store):
    """Nothing is saved for an empty answer, and the student is told what practice would
    tell them: choose (a choice question) or type (a typed one) an answer first."""
    s = open_assignment(folder, store=store)
    for empty in ("", "  ", None, ..., {"1": ..., "2": ""}):
        feedback = s.answer("main-idea" if not isinstance(empty, dict) else "roles-matching", empty)
        assert feedback.status == "unanswered" and feedback.message_key == "answer.choose_first"
        assert feedback.message("en") == "Choose an answer first."
    for exercise_id in ("tfng-photo", "article-structure"):
        assert s.answer(exercise_id, []).message_key == "answer.choose_first"
    for exercise_id in ("cloze-thaw", "name-of-cbam", "dialogue-number", "e05-embedded-emissions"):
        feedback = s.answer(exercise_id, " ")
        assert feedback.status == "unanswered" and feedback.message_key == "answer.empty"
        assert feedback.message("en") == "Type an answer first."
    assert not (folder / "answers.json").exists()


def test_a_failed_write_leaves_the_old_file_and_says_so(folder, store, monkeypatch):
    s = open_assignment(folder, store=store)
    s.answer("main-idea", "a")
    before = (folder / "answers.json").read_bytes()

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    feedback = s.answer("main-idea", "c")
    assert feedback.status == "unanswered" and feedback.message_key == "feedback.not_saved"
    assert (folder / "answers.json").read_bytes() == before
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_two_notebooks_of_one_assignment_keep_both_answers(folder, store):
    first, second = (
        open_assignment(folder, store=store),
        open_assignment(folder / "assignment.ipynb", store=store),
    )
    first.answer("main-idea", "a")
    second.answer("tfng-photo", "false")
    assert set(saved(folder)["answers"]) == {"main-idea", "tfng-photo"}


def test_answers_go_to_the_progress_store_as_pending(folder, store):
    s = open_assignment(folder, store=store)
    s.answer("main-idea", "b")
    [attempt] = store.list_attempts(LESSON)
    assert (attempt.exercise, attempt.status, attempt.mode) == (
        "main-idea",
        "pending",
        "assignment",
    )


def test_unknown_exercises_are_refused_with_a_suggestion(folder, store):
    s = open_assignment(folder, store=store)
    with pytest.raises(UnknownExerciseError, match="Did you mean 'main-idea'"):
        s.answer("main-ide", "a")
    with pytest.raises(UnknownExerciseError):
        s.answer("vocab-thaw", "a")  # in the lesson, not in this assignment


def test_unknown_ids_name_the_assignment_and_only_its_exercises(folder, store):
    """check() with a mistyped id suggests this assignment's ids, never ids of the lesson
    that are not in it, and does not need the lesson (with its answers) to say so."""
    from dokhae.results import check, unknown_message

    s = open_assignment(folder, store=store)
    message = unknown_message(s, "vocab-thaw", "en")  # a lesson exercise, not in this assignment
    assert message.startswith("There is no exercise 'vocab-thaw' in this assignment (hw1).")
    suggested = message.partition("Did you mean")[2]
    assert "'cloze-thaw'" in suggested and "vocab" not in suggested
    assert unknown_message(s, "main-ide", "ko") == (
        "이 과제(hw1)에는 'main-ide' 문제가 없습니다. 혹시 'main-idea' 문제를 찾으시나요?"
    )
    assert s._lesson is None  # the lesson was not loaded
    result = check("tfng-phot", "true", session=s, lang="en")
    assert result.status == "unknown" and "Did you mean 'tfng-photo'?" in repr(result)
    assert not (folder / "answers.json").exists()


def test_any_value_is_saved_or_refused_never_an_error(folder, store):
    """A student can pass anything to check(): what grading can read is saved; the rest
    is refused at once with the message practice gives (not saved, to score 0 later);
    never a traceback in the student's notebook."""
    s = open_assignment(folder, store=store)
    refused = 0
    for exercise_id in ("article-structure", "roles-matching", "cloze-thaw", "dialogue-number"):
        for value in (5, "abc", object(), {"x": [1]}, [None, 1]):
            before = (
                saved(folder)["answers"].get(exercise_id)
                if (folder / "answers.json").exists()
                else None
            )
            feedback = s.answer(exercise_id, value)
            assert feedback.status in ("pending", "unanswered")
            if feedback.status == "unanswered":
                refused += 1
                assert feedback.message_key.startswith("answer.") and feedback.expected is None
                assert (
                    feedback.explanation is None
                    and feedback.message("ko")
                    and feedback.message("en")
                )
                after = (
                    saved(folder)["answers"].get(exercise_id)
                    if (folder / "answers.json").exists()
                    else None
                )
                assert after == before
    assert refused >= 10
    log = saved(folder)["log"]
    assert {"exercise": "cloze-thaw", "value": "abc"} in [
        {k: e[k] for k in ("exercise", "value")} for e in log
    ]
    assert not any(e["exercise"] == "dialogue-number" and e["value"] == "abc" for e in log)


def test_an_answer_grading_could_not_read_is_refused_with_the_practice_message(folder, store):
    """A decimal comma, a wrong unit, text for a number, a letter that is no choice:
    refused when answered, with the message practice gives; nothing is saved."""
    from dokhae.answers import check_number

    s = open_assignment(folder, store=store)
    entry = s.questions["e05-embedded-emissions"]
    cases = [
        ("e05-embedded-emissions", "93,5", "answer.number_format"),
        ("e05-embedded-emissions", "three thousand", "answer.number_format"),
        ("e05-embedded-emissions", "93 km", "answer.unit_mismatch"),
        ("main-idea", "z", "answer.unknown_choice"),
        ("article-structure", 5, "answer.ordering_format"),
    ]
    for exercise_id, value, key in cases:
        feedback = s.answer(exercise_id, value)
        assert (feedback.status, feedback.message_key) == ("unanswered", key), (exercise_id, value)
    practice = check_number("93,5", 1.0, entry["tolerance"], entry["unit"])
    assert s.answer("e05-embedded-emissions", "93,5").message("ko") == practice.message("ko")
    assert not (folder / "answers.json").exists()
    assert s.answer("e05-embedded-emissions", f"93005 {entry['unit']}").status == "pending"
    assert s.answer("main-idea", "B").status == "pending"


# --------------------------------------------------------------------------- the one path


def test_start_makes_it_the_kernels_session_and_check_saves(folder, store, monkeypatch):
    monkeypatch.chdir(folder)
    s = assignment.start(store=store)
    assert isinstance(s, Session) and current_session() is s and s.mode == "assignment"
    result = assignment.check("tfng-photo", "not given")
    assert result.feedback.message_key == "feedback.saved"
    assert repr(result).splitlines() == ["✎ 저장되었습니다. / Saved.", "내 답: not given"]
    assert current_session().answer("cloze-thaw", "thaw").status == "pending"
    assert set(saved(folder)["answers"]) == {"tfng-photo", "cloze-thaw"}


def test_feedback_never_reveals(folder, store):
    s = open_assignment(folder, store=store)
    feedback = s.feedback("main-idea", "a")
    assert (
        feedback.status == "pending"
        and feedback.message_key == "answer.hidden"
        and feedback.expected is None
    )


def test_blank_questions_for_the_views_have_no_answer(folder, store):
    s = open_assignment(folder, store=store)
    for exercise_id in EVERY_TYPE:
        q = s.question(exercise_id)
        assert q.answer is None and q.explanation is None and getattr(q, "accept", ()) == ()
    mc = s.question("main-idea")
    assert isinstance(mc, BlankQuestion) and [c.id for c in mc.choices] == ["a", "b", "c", "d"]
    matching = s.question("roles-matching")
    assert matching.pairs == () and len(matching.left) == len(matching.right) == 5
    ordering = s.question("article-structure")
    assert [i.id for i in ordering.items] == list("abcdef")
    exercise = s.exercise("e05-embedded-emissions")
    assert isinstance(exercise, BlankExercise) and exercise.answer is None and exercise.hints == ()
    assert set(exercise.params) == {"M", "SEE"} and exercise.unit == "tCO2e"


def test_interface_text_comes_from_the_one_catalog():
    """Assignment and report texts are catalog keys, in both languages (no second file)."""
    from importlib import resources

    from dokhae import i18n

    assert not (resources.files("dokhae.teacher") / "texts.yaml").is_file()
    for key in ("assignment.title", "assignment.intro", "assignment.how.matching", "report.title"):
        for language in i18n.LANGUAGES:
            assert assignment.text(key, language, id="q", assignment_id="a", students=2) == i18n.t(
                key, language, id="q", assignment_id="a", students=2
            )
    assert assignment.text("assignment.how.matching", "en", id="roles") == (
        "Give one letter on the right for each number on the left, "
        'e.g. check("roles", {"1": "c", "2": "a"})'
    )
    with pytest.raises(KeyError, match=r"no interface text 'assignment\.nope'"):
        assignment.text("assignment.nope", "ko")


def test_show_renders_the_students_question(folder, store, monkeypatch):
    monkeypatch.chdir(folder)
    assignment.start(store=store)
    shown = assignment.show("main-idea", 1)
    assert "**a**" in shown._repr_markdown_() and 'check("main-idea", "b")' in repr(shown)


def test_status_lists_what_is_not_answered_yet(folder, store):
    s = open_assignment(folder, store=store)
    s.answer("main-idea", "a")
    status = s.status()
    assert (
        f"1 / {len(EVERY_TYPE)}" in status and "tfng-photo" in status and "main-idea," not in status
    )


def test_submitted_answers_are_those_before_the_notebook_ran_again(folder, store, monkeypatch):
    open_assignment(folder, store=store).answer("main-idea", "a")
    monkeypatch.chdir(folder)
    assignment.start(store=store)
    assignment.check("main-idea", "c")  # autograde re-running a cell
    assert assignment.submitted_answers(".")["answers"]["main-idea"]["value"] == "a"
    assert saved(folder)["answers"]["main-idea"]["value"] == "c"


# --------------------------------------------------------------------------- folders that cannot be used


def test_a_folder_without_a_manifest_says_what_to_do(tmp_path):
    with pytest.raises(
        AssignmentError, match=r"no manifest\.json in .*folder your teacher gave you"
    ):
        open_assignment(tmp_path)
    (tmp_path / "manifest.json").write_text('{"format": "x"}', encoding="utf-8")
    with pytest.raises(AssignmentError, match="not a dokhae assignment manifest"):
        open_assignment(tmp_path)


def test_an_nbgrader_release_picks_the_students_variant(made, tmp_path, store, monkeypatch):
    release = tmp_path / "release"
    release.mkdir()
    shutil.copy(made.nbgrader_source.parent / "variants.json", release)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("DOKHAE_STUDENT_ID", raising=False)
    with pytest.raises(AssignmentError, match="DOKHAE_STUDENT_ID"):
        open_assignment(release, store=store)
    student = made.students[1]
    monkeypatch.setenv("JUPYTERHUB_USER", student.id)
    s = open_assignment(release, store=store)
    assert s.manifest.student_id == student.id
    own = json.loads((made.folder(student.id) / "questions.json").read_text(encoding="utf-8"))[
        "questions"
    ]
    assert s.questions["main-idea"] == own[0]
    s.answer("main-idea", "a")
    monkeypatch.setenv(
        "JUPYTERHUB_USER", "teacher"
    )  # at autograde: the answers file says whose it is
    assert open_assignment(release, store=store).manifest.student_id == student.id


def test_the_student_notebook_runs_and_saves(made, tmp_path):
    """The generated notebook executes in a kernel; its check cells save the answers."""
    import nbformat
    from nbclient import NotebookClient

    folder = tmp_path / "hw1"
    shutil.copytree(made.folder(made.students[0].id), folder)
    nb = nbformat.read(folder / "assignment.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.source.endswith('check("cloze-thaw", ...)'):
            cell.source = cell.source.replace("...", '"thaw"')
        if cell.source.endswith('check("e05-embedded-emissions", ...)'):
            cell.source = cell.source.replace("...", "M * SEE")
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    answers = saved(folder)["answers"]
    params = json.loads((folder / "questions.json").read_text(encoding="utf-8"))["questions"]
    e05 = next(q for q in params if q["id"] == "e05-embedded-emissions")["params"]
    assert answers["cloze-thaw"]["value"] == "thaw"
    assert answers["e05-embedded-emissions"]["value"] == pytest.approx(e05["M"] * e05["SEE"])
    assert set(answers) == {"cloze-thaw", "e05-embedded-emissions"}


def test_an_assignment_session_has_what_a_session_keeps(folder, store):
    """AssignmentSession does not run Session.__init__ (it would load the answer key):
    does it still set every attribute Session sets?"""
    from dokhae.validation import load_lesson

    practice = Session(load_lesson(LESSON), store=store)
    s = open_assignment(folder, store=store)
    assert set(vars(practice)) - {"lesson"} <= set(vars(s))
    assert s.lesson.slug == LESSON  # loaded on first use


def test_a_notebook_handed_out_before_the_rename_still_runs(folder, store, monkeypatch):
    """Notebooks already in students' folders start with ``import dokhae.assignment``
    (and nbgrader releases call ``assignment.show``): the old name keeps working."""
    import dokhae.homework as homework

    monkeypatch.chdir(folder)
    cell = (
        "import dokhae.assignment as assignment\n\n"
        "session = assignment.start(store=store)  # answers.json, beside this notebook\n"
        "check = assignment.check"
    )
    names = {"store": store}
    exec(cell, names)
    assert names["assignment"].start is homework.start and current_session() is names["session"]
    assert names["check"]("main-idea", "b").feedback.message_key == "feedback.saved"
    assert "**a**" in names["assignment"].show("main-idea", 1)._repr_markdown_()
    assert saved(folder)["answers"]["main-idea"]["value"] == "b"
