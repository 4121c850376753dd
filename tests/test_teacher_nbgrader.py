"""nbgrader interoperability, with the real nbgrader: generate_assignment, then autograde
filled-in submissions, and the same scores as `dokhae grade`."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from dokhae.progress import ProgressStore
from dokhae.teacher import assign, grade
from test_teacher_support import LESSON, answer_for, fill, folder_files, write_roster

pytestmark = pytest.mark.slow

EXERCISES = [
    "main-idea",
    "article-structure",
    "roles-matching",
    "ref-two-sides",
    "tfng-photo",
    "e05-embedded-emissions",
    "e01-months-between-dialogues",
]
BIN = Path(sys.executable).parent


def nbgrader(course: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTERHUB_USER", "DOKHAE_STUDENT_ID")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # nbgrader runs `alembic` from here
    done = subprocess.run(
        [str(BIN / "nbgrader"), *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,  # the assertion below shows nbgrader's output
    )
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def generated(course: Path, source: Path) -> Path:
    """An nbgrader course at ``course`` with the assignment ``source`` (``write_source``'s
    folder) in it, generated for release by nbgrader; returns the course folder."""
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n", encoding="utf-8"
    )
    shutil.copytree(source, course / "source" / source.name)
    nbgrader(course, "generate_assignment", source.name, "--force")
    return course


def autograded(course: Path, assignment_id: str) -> dict[str, float]:
    """nbgrader's autograde of the submissions in ``course``: each student's raw score."""
    nbgrader(course, "autograde", assignment_id, "--create")
    nbgrader(course, "export", "--to", str(course / "nbgrader.csv"))
    with (course / "nbgrader.csv").open(encoding="utf-8") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}


def test_nbgrader_autograde_gives_the_same_scores_as_dokhae_grade(tmp_path, monkeypatch):
    students = write_roster(tmp_path / "class.csv", 5)
    made = assign(
        LESSON,
        tmp_path / "class.csv",
        tmp_path / "hw",
        exercises=EXERCISES,
        assignment_id="ps1",
        nbgrader=True,
    )
    course = generated(tmp_path / "course", made.nbgrader_source.parent)
    release = course / "release" / "ps1"
    released = (release / "ps1.ipynb").read_text(encoding="utf-8")
    assert "HIDDEN TESTS" not in released and "autograde_points" not in released
    key = json.loads(made.key_path.read_text(encoding="utf-8"))
    for q in key["questions"].values():
        assert q["explanation"]["en"] not in released

    # four students hand in (one of them an answers file only); one does not
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for i, (sid, _) in enumerate(students[:4]):
            folder = course / "submitted" / sid / "ps1"
            shutil.copytree(release, folder)
            monkeypatch.setenv("DOKHAE_STUDENT_ID", sid)
            fill(folder, {e: (i + j) % 3 != 1 for j, e in enumerate(EXERCISES)}, store=store)
            if i == 1:
                # the notebook says something else than what was saved: the saved answers count
                nb = nbformat.read(folder / "ps1.ipynb", as_version=4)
                manifest, questions = folder_files(made.folder(sid))
                right, _ = answer_for(questions[0], manifest, right=True)
                for cell in nb.cells:
                    if cell.source.endswith('check("main-idea", ...)'):
                        cell.source = cell.source.replace("...", json.dumps(right))
                nbformat.write(nb, folder / "ps1.ipynb")
    monkeypatch.delenv("DOKHAE_STUDENT_ID")

    theirs = autograded(course, "ps1")

    ours = grade(course / "submitted", made.key_path, gradebook_path=tmp_path / "gb.sqlite3")
    assert set(theirs) == set(ours.submitted) == {sid for sid, _ in students[:4]}
    assert theirs == pytest.approx({sid: ours.totals[sid] for sid in theirs}, abs=1e-6)
    assert len(set(theirs.values())) > 1  # the students do not all score the same
    assert ours.problems == []
