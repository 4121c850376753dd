"""Print how long the teacher's commands take, beside the budgets of DESIGN.md.

- making an assignment (every exercise of the lesson) for 200 students: budget 20 s;
- grading 1,000 collected answers files: budget 5 s (also shown with the CSV and Excel
  exports);
- nbgrader autograde of 20 submissions beside ``dokhae grade`` of the same 20, as a
  ratio (nbgrader re-executes every notebook; dokhae reads the answers files).

Everything happens in a temporary folder; the progress store is a temporary file too.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LESSON = "steel-dialogue-2023"
BIN = Path(sys.executable).parent


def roster(path: Path, n: int) -> Path:
    rows = ["학번,이름"] + [f"{2024000 + i},학생{i}" for i in range(1, n + 1)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def answers_file(folder: Path, key: dict, rng: random.Random) -> None:
    """A plausible answers.json (some right, some wrong) for the student of ``folder``."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    questions = json.loads((folder / "questions.json").read_text(encoding="utf-8"))["questions"]
    own = key["students"][manifest["student_id"]]
    answers = {}
    for q in questions:
        kind = q["type"]
        if kind == "multiple_choice":
            value = rng.choice(q["choices"])["label"]
        elif kind == "true_false_not_given":
            value = rng.choice(["true", "false", "not_given", "참"])
        elif kind == "cloze":
            value = rng.choice(q["choices"] or [key["questions"][q["id"]]["answer"], "word"])
        elif kind == "matching":
            rights = [r["label"] for r in q["right"]]
            rng.shuffle(rights)
            value = {left["label"]: right for left, right in zip(q["left"], rights)}
        elif kind == "ordering":
            labels = [i["label"] for i in q["items"]]
            rng.shuffle(labels)
            value = ", ".join(labels)
        elif kind == "short_text":
            value = rng.choice(
                key["questions"][q["id"]]["accept"] + ["the two governments", "모르겠음"]
            )
        elif kind == "numeric":
            value = rng.choice([key["questions"][q["id"]]["answer"], 7])
        else:
            value = f"{own['arithmetic'][q['id']]['answer'] * rng.choice([1, 1, 1.3]):,.2f}"
        answers[q["id"]] = {"value": value, "saved_at": "2023-06-01T09:00:00.000000+00:00"}
    data = {
        "format": "dokhae-answers",
        "version": 1,
        "assignment_id": manifest["assignment_id"],
        "student_id": manifest["student_id"],
        "lesson": manifest["lesson"],
        "variant": manifest["variant"],
        "answers": answers,
    }
    (folder / "answers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def timed(label: str, budget: float | None, action):
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    verdict = (
        ""
        if budget is None
        else f"   (budget {budget:g} s: {'within' if seconds <= budget else 'OVER'})"
    )
    print(f"{label:<52} {seconds:8.2f} s{verdict}", flush=True)
    return result, seconds


def bench_assign(base: Path) -> None:
    from dokhae import load_lesson
    from dokhae.teacher import assign

    lesson = load_lesson(LESSON)
    timed(
        "assign: 200 students, every exercise (55)",
        20,
        lambda: assign(
            lesson, roster(base / "200.csv", 200), base / "a200", assignment_id="bench-200"
        ),
    )


def bench_grade(base: Path) -> None:
    from dokhae import load_lesson
    from dokhae.teacher import assign, export_grades, grade

    made, _ = timed(
        "  (setup) assign: 1,000 students",
        None,
        lambda: assign(
            load_lesson(LESSON),
            roster(base / "1000.csv", 1000),
            base / "a1000",
            assignment_id="bench-1000",
        ),
    )
    key = json.loads(made.key_path.read_text(encoding="utf-8"))
    rng = random.Random(1)
    for student in made.students:
        answers_file(made.folder(student.id), key, rng)
    book = base / "gb.sqlite3"
    result, _ = timed(
        "grade: 1,000 answers files (55 answers each)",
        5,
        lambda: grade(made.students_dir, made.key_path, gradebook_path=book, progress=False),
    )
    assert len(result.submitted) == 1000, result
    timed(
        "  export: CSV + Excel, 1,000 rows",
        None,
        lambda: export_grades(book, csv_path=base / "g.csv", excel_path=base / "g.xlsx"),
    )
    timed(
        "grade again (same gradebook, re-run)",
        5,
        lambda: grade(made.students_dir, made.key_path, gradebook_path=book, progress=False),
    )


def nbgrader(course: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("JUPYTERHUB_USER", "DOKHAE_STUDENT_ID")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        [str(BIN / "nbgrader"), *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def bench_nbgrader(base: Path) -> None:
    from dokhae import load_lesson
    from dokhae.teacher import assign, grade

    made = assign(
        load_lesson(LESSON),
        roster(base / "20.csv", 20),
        base / "a20",
        assignment_id="ps1",
        nbgrader=True,
    )
    course = base / "course"
    (course / "source").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n", encoding="utf-8"
    )
    shutil.copytree(made.nbgrader_source.parent, course / "source" / "ps1")
    nbgrader(course, "generate_assignment", "ps1", "--force")
    key = json.loads(made.key_path.read_text(encoding="utf-8"))
    rng = random.Random(2)
    for student in made.students:
        folder = course / "submitted" / student.id / "ps1"
        shutil.copytree(course / "release" / "ps1", folder)
        for name in ("manifest.json", "questions.json"):
            shutil.copy(made.folder(student.id) / name, folder)
        answers_file(folder, key, rng)
    _, theirs = timed(
        "nbgrader autograde: 20 submissions (55 test cells)",
        None,
        lambda: nbgrader(course, "autograde", "ps1", "--create"),
    )
    _, ours = timed(
        "dokhae grade: the same 20 submissions",
        None,
        lambda: grade(
            course / "submitted",
            made.key_path,
            gradebook_path=base / "gb20.sqlite3",
            progress=False,
        ),
    )
    print(f"{'ratio nbgrader autograde / dokhae grade':<52} {theirs / ours:8.0f} x")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dokhae-bench-") as tmp:
        base = Path(tmp)
        os.environ["DOKHAE_PROGRESS"] = str(base / "progress.sqlite3")
        bench_assign(base)
        bench_grade(base)
        if "--no-nbgrader" not in sys.argv:
            bench_nbgrader(base)


if __name__ == "__main__":
    main()
