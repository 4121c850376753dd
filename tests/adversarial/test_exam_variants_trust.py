"""Exam items and word tests in graded work: every variant proves itself (recomputed here,
not with the generator's or the assigner's code), students get different spans, and no key
reaches a student's files, whatever the student tries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dokhae.exam.items import CIRCLED, ORDERS
from dokhae.homework import open_assignment
from dokhae.progress import ProgressStore
from dokhae.teacher import assign, grade
from dokhae.teacher.exam_variants import ExamItemError, break_form, exam_variant, exam_variants
from dokhae.teacher.key import AnswerKey
from dokhae.validation import load_lesson
from test_teacher_support import write_roster

LESSON = "steel-dialogue-2023"
VARIED = ["grammar-1", "insertion-0", "order-0", "chart-0", "facts-0", "title-0"]
WRITTEN = ["written-grammar-0", "written-blank-0"]


@pytest.fixture(scope="module")
def shipped():
    lesson = load_lesson(LESSON)
    return lesson, {sid: s.en for sid, s in lesson.article.sentences.items()}


# --------------------------------------------------------------------------- proofs, recomputed


def test_every_grammar_variant_breaks_exactly_the_keyed_span(shipped):
    lesson, en = shipped
    variants = exam_variants(lesson.exam_items["grammar-1"], en)
    assert len(variants) >= 2
    for v in variants:
        differing = [
            n for n, m in enumerate(v.marks, start=1) if en[m.sentence][m.start : m.end] != m.text
        ]
        assert differing == [v.key]
        mark = v.marks[v.key - 1]
        # the hand-checked broken forms of this article's marks
        assert (en[mark.sentence][mark.start : mark.end], mark.text) in {
            ("was", "were"),
            ("calls", "call"),
            ("shared", "sharing"),
        }


def test_every_insertion_variant_puts_its_sentence_back_at_the_key_only(shipped):
    lesson, en = shipped
    item = lesson.exam_items["insertion-0"]
    variants = exam_variants(item, en)
    assert {v.sentence for v in variants} - {item.sentence}  # another sentence is lifted
    for v in variants:
        rest = [s for s in v.passage if s != v.sentence]
        at = v.gaps[v.key - 1]
        place = len(rest) if at == "end" else rest.index(at)
        assert tuple(rest[:place] + [v.sentence] + rest[place:]) == v.passage
        assert len(set(v.gaps)) == 5 and v.gaps[0] != rest[0]


def test_every_order_variant_has_exactly_one_printed_order_that_rebuilds(shipped):
    lesson, en = shipped
    for v in exam_variants(lesson.exam_items["order-0"], en):
        rebuilding = [
            n
            for n, order in enumerate(ORDERS, start=1)
            if (*v.opening, *(s for label in order for s in v.chunks[label])) == v.passage
        ]
        assert rebuilding == [v.key]


def test_a_reshuffled_chart_keeps_the_one_false_statement_as_the_key(shipped):
    lesson, en = shipped
    item = lesson.exam_items["chart-0"]
    (v,) = exam_variants(item, en)
    assert v.statements[v.key - 1] == item.statements[item.key - 1]
    assert sorted(s.en for s in v.statements) == sorted(s.en for s in item.statements)


def test_a_form_is_broken_only_where_the_rule_makes_it_without_a_dictionary():
    assert break_form("agreement", "Calls") == "Call"
    assert break_form("that_what", "that") == "what"
    assert break_form("finite_verbal", "agreed") == "agreeing"
    assert break_form("participle", "made") is None  # needs an inflection dictionary
    assert break_form("agreement", "has been") is None


def test_an_item_whose_proof_fails_is_refused_before_any_student_sees_it(shipped):
    lesson, en = shipped
    item = lesson.exam_items["grammar-1"]
    broken = item.model_copy(update={"key": 1})  # the key points at an unchanged span
    with pytest.raises(ExamItemError, match=r"grammar-1.*proof fails"):
        exam_variant(broken, en, "seed")


# --------------------------------------------------------------------------- a class


@pytest.fixture(scope="module")
def class_of_eight(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exam-class")
    write_roster(tmp / "class.csv", 8)
    result = assign(
        LESSON,
        tmp / "class.csv",
        tmp / "out",
        exercises=[*VARIED, *WRITTEN],
        words=4,
        assignment_id="exam-1",
        max_attempts=2,
        target=80,
    )
    return result, AnswerKey.load(result.key_path)


def test_two_students_get_different_spans_and_sentences(class_of_eight):
    result, key = class_of_eight
    parts = [key.part(s.id) for s in result.students]
    assert len({p["exam"]["grammar-1"]["key"] for p in parts}) >= 2
    assert len({p["exam"]["insertion-0"]["sentence"] for p in parts}) >= 2
    assert len({p["exam"]["order-0"]["key"] for p in parts}) >= 2
    first, second = (result.folder(s.id) for s in result.students[:2])
    shown = [
        {
            e["id"]: e["printed"]
            for e in json.loads((f / "questions.json").read_text())["questions"]
            if e["type"] == "exam"
        }
        for f in (first, second)
    ]
    assert any(shown[0][i] != shown[1][i] for i in ("grammar-1", "insertion-0", "order-0"))


def _folder_text(folder: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.iterdir())
        if p.is_file()
    )


def test_no_key_proof_rubric_or_accepted_word_reaches_a_students_files(class_of_eight):
    """Every file of every student's folder (all attempts' questions and notebooks) is
    searched for what only the key holds."""
    result, key = class_of_eight
    for student in result.students:
        folder = result.folder(student.id)
        everything = _folder_text(folder)
        assert not re.search(
            r'"(key|proof|rubric|answer|accept|accepted|explanation|seed|status|entry)"\s*:',
            everything,
        )
        assert "approved" not in everything and "dokhae authors" not in everything
        for attempt in (1, 2):
            part = key.part(student.id, attempt)
            name = "questions.json" if attempt == 1 else f"questions-{attempt}.json"
            entries = {
                e["id"]: e
                for e in json.loads((folder / name).read_text(encoding="utf-8"))["questions"]
            }
            for slot, word in part["words"].items():
                shown = json.dumps(entries[slot], ensure_ascii=False)
                assert not [a for a in word["accepted"] if a in shown]
                if word["direction"] == "ko-en":  # the entry id spells the English answer
                    assert f'"{word["entry"]}"' not in everything
            for exercise_id in WRITTEN:
                item = part["exam"][exercise_id]
                entry = entries[exercise_id]
                assert set(entry) == {
                    "id",
                    "type",
                    "kind",
                    "skill",
                    "points",
                    "prompt",
                    "printed",
                    "written",
                    "parts",
                }
                for rubric_part in item["rubric"]["parts"]:
                    assert (
                        rubric_part["label"] not in entry["printed"]
                        or exercise_id == "written-grammar-0"
                    )


def test_the_shipped_items_key_does_not_answer_every_students_variant(class_of_eight):
    """The approved items ship with dokhae (a student can read their keys): with variants,
    answering every item with the shipped key scores below a student who knows the text."""
    result, key = class_of_eight
    lesson = load_lesson(LESSON)
    misses = 0
    for student in result.students:
        for exercise_id in ("grammar-1", "insertion-0", "order-0"):
            feedback, _ = key.check(student.id, exercise_id, lesson.exam_items[exercise_id].key)
            misses += feedback.status != "correct"
    assert misses >= 8  # at least a third of the 24 answers copied from the package are wrong


def test_a_forged_attempt_beyond_the_limit_is_not_graded(class_of_eight, tmp_path):
    result, _ = class_of_eight
    student = result.students[0]
    folder = tmp_path / "collected" / student.id
    import shutil

    shutil.copytree(result.folder(student.id), folder)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        session = open_assignment(folder, store=store)
        session.answer("grammar-1", 1)
    data = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    data["retakes"] = {"7": {"answers": {"grammar-1": {"value": CIRCLED[0]}}}}
    (folder / "answers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    graded = grade(tmp_path / "collected", result.key_path, gradebook_path=tmp_path / "g.sqlite3")
    from dokhae.teacher.gradebook import Gradebook, attempt_results

    with Gradebook(tmp_path / "g.sqlite3") as book:
        rows = attempt_results(book, "exam-1")
    assert sorted(set(rows["attempt"])) == [1]
    assert graded.submitted == [student.id]


def test_the_students_script_finds_no_answer_in_any_attempts_folder(class_of_eight, tmp_path):
    """The trust suite's student script (the package, every public function, the folder's
    files) run on retake folders with exam items and a word test: it finds nothing."""
    from test_trust import run_as_student

    result, _ = class_of_eight
    folders = [result.folder(s.id) for s in result.students[:3]]
    found = run_as_student(folders, tmp_path)
    assert sorted(found[str(folders[0])]) == sorted(result.exercises)
    assert not [(f, e) for f, answers in found.items() for e, a in answers.items() if a["found"]]


def test_a_retake_notebook_starts_its_own_attempt(class_of_eight, tmp_path, monkeypatch):
    """What ``attempt-2.ipynb``'s first cell runs: the session shows attempt 2's questions
    and saves to attempt 2, leaving attempt 1's answers as they were."""
    import shutil

    import dokhae.homework as homework

    result, _ = class_of_eight
    folder = tmp_path / "mine"
    shutil.copytree(result.folder(result.students[1].id), folder)
    monkeypatch.setattr("dokhae.homework._snapshots", {})
    monkeypatch.setenv("DOKHAE_PROGRESS", str(tmp_path / "p.sqlite3"))
    first = homework.start(folder)
    first.answer("grammar-1", 2)
    second = homework.start(folder, attempt=2)
    shown = homework.show("grammar-1").markdown
    assert shown == homework.question_markdown(second.questions["grammar-1"])
    assert shown != homework.question_markdown(first.questions["grammar-1"])
    assert second.answer("grammar-1", "④").status == "pending"
    saved = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    assert saved["answers"]["grammar-1"]["value"] == 2
    assert saved["retakes"]["2"]["answers"]["grammar-1"]["value"] == "④"
    assert second.saved() == {"grammar-1": "④"} and first.saved() == {"grammar-1": 2}
