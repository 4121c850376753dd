"""nbgrader with exam items and a word test (issue 17): the hidden test cells carry each
student's exam variant and words (``AnswerKey.subset``), and the real nbgrader's
autograde gives the same scores as ``dokhae grade``."""

from __future__ import annotations

import json
import shutil
from typing import Any

import nbformat
import pytest

from dokhae.homework import open_assignment
from dokhae.progress import ProgressStore
from dokhae.teacher import assign, grade
from dokhae.teacher.key import AnswerKey
from test_retakes import right_value, wrong_value
from test_teacher_nbgrader import autograded, generated
from test_teacher_support import LESSON, write_roster

pytestmark = pytest.mark.slow

EXAM = ["grammar-1", "insertion-0", "order-0", "written-grammar-0"]
WORDS = 2


def wrong(key: AnswerKey, sid: str, attempt: int, exercise_id: str) -> Any:
    """A wrong answer the checker reads (a Korean word where Korean is asked)."""
    word = key.part(sid, attempt).get("words", {}).get(exercise_id)
    if word and word["direction"] == "en-ko":
        return "바나나"
    return wrong_value(key, sid, attempt, exercise_id)


def test_nbgrader_autograde_scores_exam_items_and_words_as_dokhae_grade(tmp_path, monkeypatch):
    students = [sid for sid, _ in write_roster(tmp_path / "class.csv", 3)]
    made = assign(
        LESSON,
        tmp_path / "class.csv",
        tmp_path / "hw",
        exercises=["main-idea", *EXAM],
        words=WORDS,
        assignment_id="ps2",
        nbgrader=True,
    )
    key = AnswerKey.load(made.key_path)
    kinds = {key.kind(e) for e in key.exercises}
    assert {"exam", "vocabulary"} <= kinds
    # each exam item's and word's key part is in the hidden tests, per student
    for exercise_id in [*EXAM, "word-01"]:
        part = key.subset(exercise_id)
        section = "exam" if exercise_id in EXAM else "words"
        assert all(exercise_id in s[section] for s in part["students"].values()), exercise_id

    course = generated(tmp_path / "course", made.nbgrader_source.parent)
    release = course / "release" / "ps2"
    hidden, released = (
        "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        for path in (course / "source" / "ps2" / "ps2.ipynb", release / "ps2.ipynb")
    )
    released += json.dumps(
        json.loads((release / "variants.json").read_text(encoding="utf-8")), ensure_ascii=False
    )
    assert "HIDDEN TESTS" in hidden and "HIDDEN TESTS" not in released
    for sid in students:  # each student's broken form and accepted words: hidden, not released
        proof = key.part(sid)["exam"]["grammar-1"]["proof"]
        needles = [f'"changed": "{proof["changed"]}"'] + [
            f'"accepted": {json.dumps(w["accepted"], ensure_ascii=False)}'
            for w in key.part(sid)["words"].values()
        ]
        for needle in needles:
            assert needle in hidden and needle not in released, needle

    # each student answers another set of the items right
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for i, sid in enumerate(students):
            folder = course / "submitted" / sid / "ps2"
            shutil.copytree(release, folder)
            monkeypatch.setenv("DOKHAE_STUDENT_ID", sid)
            session = open_assignment(folder, store=store)
            for j, exercise_id in enumerate(key.exercises):
                make = right_value if (i + j) % (i + 2) == 0 else wrong
                session.answer(exercise_id, make(key, sid, 1, exercise_id))
    monkeypatch.delenv("DOKHAE_STUDENT_ID")

    theirs = autograded(course, "ps2")

    ours = grade(course / "submitted", made.key_path, gradebook_path=tmp_path / "gb.sqlite3")
    assert ours.problems == []
    assert set(theirs) == set(ours.submitted) == set(students)
    assert theirs == pytest.approx(ours.totals, abs=1e-6)
    assert len(set(theirs.values())) > 1  # the students do not all score the same
    assert min(theirs.values()) > 0  # exam items and words earned points under nbgrader
