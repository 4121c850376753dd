"""Shared set-up of the adversarial suite (issue 14): a copy of the mini lesson to damage,
a small class assigned and answered, and the `dokhae` command run in-process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))  # the helpers of the teacher tests

MINI = TESTS / "data" / "mini"
LESSON = "steel-dialogue-2023"
EXERCISES = ["main-idea", "name-of-cbam", "ref-two-sides", "dialogue-number"]


@pytest.fixture
def content(tmp_path):
    """A writable copy of the mini lesson: a content folder with articles/, glossary/, exercises/."""
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return SimpleNamespace(
        root=root,
        meta=root / "articles" / "mini-lesson" / "lesson.yaml",
        exercises=root / "exercises" / "mini-lesson.yaml",
        glossary=root / "glossary" / "mini-lesson.csv",
        en=root / "articles" / "mini-lesson" / "article.en.md",
    )


def dokhae(*args: str) -> SimpleNamespace:
    """Run `dokhae ARGS` in-process; exit code and the text written (stdout + stderr)."""
    from dokhae.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    return SimpleNamespace(code=result.exit_code, out=result.output, exception=result.exception)


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    """Three students assigned four exercises (one marked by hand), answers not yet given."""
    from dokhae.teacher import assign

    base = tmp_path_factory.mktemp("class")
    roster = base / "roster.csv"
    roster.write_text("student_id,name\ns1,김민준\ns2,이서연\ns3,박지호\n", encoding="utf-8")
    made = assign(LESSON, roster, base / "hw", exercises=EXERCISES, assignment_id="hw1")
    return SimpleNamespace(base=base, roster=roster, made=made, key=made.key_path)


def answer(folder: Path, answers: dict) -> None:
    """Save answers the way a student's notebook does (through the assignment session)."""
    import dokhae.homework as homework

    session = homework.open_assignment(folder)
    for exercise_id, value in answers.items():
        session.answer(exercise_id, value)


@pytest.fixture
def collected(assigned, tmp_path):
    """The class's folders collected, every student having answered."""
    target = tmp_path / "collected"
    shutil.copytree(assigned.made.students_dir, target)
    for sid in ("s1", "s2", "s3"):
        answer(
            target / sid,
            {
                "main-idea": "a",
                "name-of-cbam": "carbon border adjustment mechanism",
                "ref-two-sides": "Korea and the EU",
                "dialogue-number": 3,
            },
        )
    return target
