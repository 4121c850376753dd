"""Graded work a student cannot look up, forge or lose (docs/trust-model.md).

The tests play the student: a script that has only the installed package and the
student's own folder, and uses any public function, tries to answer every item; two
kernels save to one assignment at once; a forged file and a classmate's copy are
handed in; and every file students are given is searched for a key.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.homework import open_assignment
from dokhae.progress import ProgressStore
from dokhae.session import Session, UnknownExerciseError
from dokhae.teacher import assign, grade
from dokhae.teacher.key import AnswerKey
from test_teacher_support import LESSON, lesson, write_roster

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "tests" / "data" / "private-bank" / "unit-test.yaml"
PRIVATE_ITEMS = [
    "t1-host-city",
    "t1-previous-year",
    "t1-not-covered",
    "t1-organiser",
    "t1-transition-year",
    "t1-plate-emissions",
]
PRACTICE_ITEMS = [
    "main-idea",
    "where-held",
    "tfng-photo",
    "dialogue-number",
    "e05-embedded-emissions",
    "e01-months-between-dialogues",
]

# --------------------------------------------------------------------------- the student's script

CHEAT = textwrap.dedent('''
    """What a curious student can do with the package and their own folder."""
    import json, re, sys
    from pathlib import Path

    import dokhae
    from dokhae.arithmetic import COMPUTE, compute_parameters
    from dokhae.session import Session, UnknownExerciseError

    GUESS = {"multiple_choice": "a", "true_false_not_given": "true", "numeric": "0", "arithmetic": "0"}

    def attempt(folder):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        entries = json.loads((folder / "questions.json").read_text(encoding="utf-8"))["questions"]
        everything = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.iterdir()
                              if p.is_file())
        lesson = dokhae.load_lesson(manifest["lesson"])
        practice = Session(lesson, store=None)
        by_prompt = {q.prompt.en: q for q in lesson.exercises.questions}
        templates = {t.prompt.en.split("{")[0]: t for t in lesson.exercises.templates}
        out = {}
        for entry in entries:
            eid, kind, found = entry["id"], entry["type"], None
            # 1. the practice checker: try every possible answer, keep the one it calls right
            candidates = ([c["label"] for c in entry.get("choices", [])]
                          if kind == "multiple_choice" else ["true", "false", "not_given"]
                          if kind == "true_false_not_given" else [])
            for label in candidates:
                shown = next((c["en"] for c in entry.get("choices", []) if c["label"] == label), label)
                try:
                    if practice.feedback(eid, shown).status == "correct":
                        found = label
                except UnknownExerciseError:
                    break
            # 2. the practice bank: the same prompt, and its answer
            same = by_prompt.get(entry["prompt"]["en"])
            if found is None and same is not None:
                if kind == "multiple_choice":
                    right = next(c.en for c in same.choices if c.id == same.answer)
                    found = next(c["label"] for c in entry["choices"] if c["en"] == right)
                elif kind in ("numeric", "true_false_not_given"):
                    found = same.answer
            # 3. arithmetic: the practice template's formula on my numbers
            if found is None and kind == "arithmetic":
                template = lesson.templates.get(eid) or next(
                    (t for start, t in templates.items() if entry["prompt"]["en"].startswith(start)), None)
                if template is not None:
                    compute = template.answer.compute
                    params = {k: tuple(v) if isinstance(v, list) else v for k, v in entry["params"].items()}
                    found = COMPUTE[compute](*(params[n] for n in compute_parameters(compute)))
            # 4. anything in the folder that looks like an answer, or a seed to regenerate one
            if found is None and re.search(r'"(answer|accept|explanation|key|seed)"', everything):
                found = "look in the folder"
            out[eid] = {"value": found if found is not None else GUESS.get(kind, "x"),
                        "found": found is not None}
        return out

    print(json.dumps({f: attempt(Path(f)) for f in sys.argv[1:]}))
''')


def run_as_student(folders: list[Path], tmp_path: Path) -> dict[str, dict]:
    """The student's script in a fresh interpreter: only the package and the folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOKHAE_")}
    env["DOKHAE_PROGRESS"] = str(tmp_path / "student-progress.sqlite3")
    done = subprocess.run(
        [sys.executable, "-c", CHEAT, *map(str, folders)],
        capture_output=True,
        text=True,
        env=env,
        cwd=folders[0],
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def hand_in(found: dict[str, dict], store: ProgressStore) -> None:
    for folder, answers in found.items():
        session = open_assignment(folder, store=store)
        for exercise_id, answer in answers.items():
            session.answer(exercise_id, answer["value"])


def make(tmp_path: Path, name: str, *args: str) -> tuple[Path, str]:
    """``dokhae assign`` as a teacher runs it; returns the folder and what it printed."""
    out = tmp_path / name
    result = CliRunner().invoke(
        main,
        [
            "assign",
            str(tmp_path / "class.csv"),
            "-o",
            str(out),
            "--id",
            name,
            "--lesson",
            LESSON,
            *args,
        ],
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_a_student_with_the_package_scores_no_better_than_guessing(tmp_path):
    """Private bank + per-student variants: no public function, no file of the student
    and nothing in the package finds an answer; the score is that of the blind guesses."""
    write_roster(tmp_path / "class.csv", 6)
    out, printed = make(tmp_path, "test1", "--bank", str(BANK))
    assert "practice bank" not in printed and "연습 문제" not in printed
    folders = sorted((out / "students").iterdir())
    found = run_as_student(folders, tmp_path)
    assert sorted(found[str(folders[0])]) == sorted(PRIVATE_ITEMS)
    assert not [(f, e) for f, answers in found.items() for e, a in answers.items() if a["found"]]

    with ProgressStore(tmp_path / "p.sqlite3") as store:
        hand_in(found, store)
    cheat = grade(out / "students", out / "teacher" / "key.json")
    # the blind guesses, handed in by a student who does not even try: the same score
    guesses = {
        str(f): {
            e: {
                "value": {"multiple_choice": "a", "true_false_not_given": "true"}.get(
                    AnswerKey.load(out / "teacher" / "key.json").kind(e), "0"
                )
            }
            for e in PRIVATE_ITEMS
        }
        for f in folders
    }
    blind_dir = tmp_path / "blind-copy"
    shutil.copytree(
        out / "students", blind_dir, ignore=shutil.ignore_patterns("answers.json", ".*")
    )
    with ProgressStore(tmp_path / "q.sqlite3") as store:
        hand_in({str(blind_dir / Path(f).name): a for f, a in guesses.items()}, store)
    blind = grade(
        blind_dir, out / "teacher" / "key.json", gradebook_path=tmp_path / "blind.sqlite3"
    )
    assert cheat.errors == [] and len(cheat.submitted) == 6
    chance = sum(cheat.totals.values()) / (6 * cheat.max_points)
    assert chance < 0.5  # guessing: about one in four multiple-choice items, nothing else
    assert (
        cheat.totals == blind.totals
    )  # the script found nothing: exactly the blind guesses' score


def test_the_same_script_finds_every_answer_of_a_practice_bank_assignment_and_the_warning_said_so(
    tmp_path,
):
    write_roster(tmp_path / "class.csv", 3)
    out, printed = make(tmp_path, "homework", *[x for e in PRACTICE_ITEMS for x in ("-e", e)])
    assert "students can look it up" in printed or "answers can be looked up" in printed
    assert "정답을\n찾아볼 수 있습니다" in printed or "정답을 찾아볼 수 있습니다" in printed
    folders = sorted((out / "students").iterdir())
    found = run_as_student(folders, tmp_path)
    assert all(a["found"] for answers in found.values() for a in answers.values())
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        hand_in(found, store)
    result = grade(out / "students", out / "teacher" / "key.json")
    assert result.totals == {
        f.name: result.max_points for f in folders
    }  # full marks: hence the warning


def test_practice_mode_knows_nothing_of_a_private_item(tmp_path):
    practice = Session(lesson(), store=ProgressStore(tmp_path / "p.sqlite3"))
    for exercise_id in PRIVATE_ITEMS:
        with pytest.raises(UnknownExerciseError):
            practice.feedback(exercise_id, "a")
    from dokhae.results import check

    assert check("t1-host-city", "a", session=practice, lang="en").status == "unknown"
    installed = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in (ROOT / "src" / "dokhae").rglob("*")
        if p.is_file() and p.suffix != ".pyc"
    )
    bank = BANK.read_text(encoding="utf-8")
    for secret in ('held in Tokyo". Busan', "plastics are not named", "t1-plate-emissions"):
        assert secret in bank and secret not in installed


# --------------------------------------------------------------------------- the teacher's bank


def test_dokhae_check_validates_a_private_bank_like_a_lesson_bank(tmp_path):
    ok = CliRunner().invoke(main, ["check", str(BANK)])
    assert ok.exit_code == 0, ok.output
    broken = tmp_path / "my-test.yaml"
    broken.write_text(
        BANK.read_text(encoding="utf-8")
        .replace("    answer: c\n", "    answer: z\n", 1)
        .replace("sentences: [p3s1]", "sentences: [p9s9]"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code != 0
    assert (
        "my-test.yaml:38: error: t1-previous-year.answer: the answer is not among the choices"
        in result.output
    )
    assert "t1-organiser.sentences" in result.output and "no sentence with this id" in result.output
    copied = tmp_path / "copied.yaml"
    copied.write_text(
        BANK.read_text(encoding="utf-8").replace(
            "In which city did the 20th Korea-Japan Steel Dialogue take place?",
            "What is the article mainly about?",
        ),
        encoding="utf-8",
    )
    warned = CliRunner().invoke(main, ["check", str(copied)])
    assert (
        "the same prompt as the practice item 'main-idea'" in warned.output
        and "students can look it up" in warned.output
    )
    nowhere = tmp_path / "nowhere.yaml"
    nowhere.write_text(
        "schema_version: 1\nlesson: no-such-lesson\nquestions: []\n", encoding="utf-8"
    )
    missing = CliRunner().invoke(main, ["check", str(nowhere)])
    assert (
        "nowhere.yaml:2: error: lesson:" in missing.output and f"lesson: {LESSON}" in missing.output
    )


def test_a_bank_with_errors_is_refused_by_assign_with_every_problem(tmp_path):
    write_roster(tmp_path / "class.csv", 2)
    broken = tmp_path / "my-test.yaml"
    broken.write_text(
        BANK.read_text(encoding="utf-8").replace("    answer: c\n", "    answer: z\n"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["assign", str(tmp_path / "class.csv"), "-o", str(tmp_path / "out"), "--bank", str(broken)],
    )
    assert result.exit_code != 0 and result.output.count("the answer is not among the choices") == 2
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- forged and copied files


def test_a_forged_file_and_a_classmates_copy_are_reported_and_each_students_work_kept(tmp_path):
    students = write_roster(tmp_path / "class.csv", 4)
    made = assign(None, tmp_path / "class.csv", tmp_path / "hw", bank=BANK, assignment_id="quiz")
    a, b, c, d = (sid for sid, _ in students)
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        for sid, value in ((a, "a"), (b, "b"), (c, "c")):
            session = open_assignment(made.folder(sid), store=store)
            for exercise_id in ("t1-host-city", "t1-previous-year", "t1-not-covered"):
                session.answer(exercise_id, value)
    own = {
        sid: json.loads((made.folder(sid) / "answers.json").read_text(encoding="utf-8"))
        for sid in (a, b, c)
    }

    # b plants a forged file in a's folder: it names a, with b's answers and a newer clock
    forged = dict(own[b], student_id=a)
    for entry in forged["answers"].values():
        entry["saved_at"] = "2099-12-31T00:00:00+00:00"
    (made.folder(a) / "answers (1).json").write_text(json.dumps(forged), encoding="utf-8")
    # d, who did nothing, hands in c's file under d's own name
    copied = dict(own[c], student_id=d)
    (made.folder(d) / "answers.json").write_text(json.dumps(copied), encoding="utf-8")

    result = grade(made.students_dir, made.key_path)
    errors = {p.file: p.message for p in result.errors}
    assert f"made in {c}'s folder (a copy of {c}'s file)" in errors[f"{d}/answers.json"]
    assert f"made in {b}'s folder (a copy of {b}'s file)" in errors[f"{a}/answers (1).json"]
    table = result.table().set_index("student_id")
    for sid in (a, b, c):  # each student's own work, whatever the forged file's clock says
        key = AnswerKey.load(made.key_path)
        expected = sum(
            key.check(sid, e, own[sid]["answers"][e]["value"])[0].score * key.points(e)
            for e in own[sid]["answers"]
        )
        assert table.loc[sid, "total"] == pytest.approx(expected)
    assert table.loc[d, "status"] == "missing" and d in result.missing

    # a file naming another student, found in a student's folder: graded for nobody
    (made.folder(a) / "answers (1).json").unlink()
    (made.folder(d) / "answers.json").write_text(json.dumps(own[c]), encoding="utf-8")
    again = grade(made.students_dir, made.key_path)
    [found] = [p for p in again.errors if p.file == f"{d}/answers.json"]
    assert f"names student '{c}'" in found.message and "graded for nobody" in found.message
    assert again.totals[c] == result.totals[c] and d in again.missing


# --------------------------------------------------------------------------- nothing lost

KERNEL = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from dokhae.homework import open_assignment

    folder, me, go = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    session = open_assignment(folder)
    while not go.exists():
        time.sleep(0.005)
    saved = 0
    for entry in session.questions.values():
        kind = entry["type"]
        if kind == "multiple_choice":
            value = entry["choices"][me]["label"]
        elif kind == "ordering":
            labels = [i["label"] for i in entry["items"]]
            value = ", ".join(labels if me == 0 else labels[::-1])
        elif kind == "matching":
            value = {entry["left"][0]["label"]: entry["right"][me]["label"]}
        elif kind == "true_false_not_given":
            value = ["true", "false"][me]
        elif kind in ("numeric", "arithmetic"):
            value = 1000 + me
        else:
            value = f"kernel{me}"
        saved += session.answer(entry["id"], value).message_key == "feedback.saved"
    print(saved)
""")


def test_two_kernels_saving_55_answers_each_keep_all_110(tmp_path):
    write_roster(tmp_path / "class.csv", 1)
    made = assign(LESSON, tmp_path / "class.csv", tmp_path / "hw", assignment_id="busy")
    assert len(made.exercises) == 55
    folder = made.folder(made.students[0].id)
    go = tmp_path / "go"
    env = {**os.environ, "DOKHAE_PROGRESS": str(tmp_path / "progress.sqlite3")}
    kernels = [
        subprocess.Popen(
            [sys.executable, "-c", KERNEL, str(folder), str(me), str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me in (0, 1)
    ]
    time.sleep(1.0)  # both kernels have opened the assignment and wait
    go.touch()
    outputs = [k.communicate(timeout=300) for k in kernels]
    assert [k.returncode for k in kernels] == [0, 0], outputs
    assert [int(out) for out, _ in outputs] == [55, 55]  # every answer said "saved"...
    data = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    assert len(data["log"]) == 110  # ... and every save is in the file
    values: dict[str, set[str]] = {}
    for save in data["log"]:
        values.setdefault(save["exercise"], set()).add(json.dumps(save["value"], sort_keys=True))
    # each exercise: one save of each kernel (the kernels answer differently)
    assert set(values) == set(made.exercises) and all(len(v) == 2 for v in values.values())
    assert set(data["answers"]) == set(made.exercises)


# --------------------------------------------------------------------------- what students are given


def _pieces(text: str) -> list[str]:
    """A text and its sentences long enough to be telling."""
    return [text, *(s for s in re.split(r"(?<=[.!?다])\s+", text) if len(s) >= 25)]


def _keys() -> list[str]:
    """Texts that give an item's answer away: the explanation and accepted answers of
    every question (the answer table), the private bank's explanations, and the markers
    of a key or a teacher secret. (A practice notebook's worked arithmetic example is
    practice content: its numbers are the template's example, never a student's.)"""
    found: list[str] = ['"format": "dokhae-key"', "dokhae-secret-1", '"format": "dokhae-key"']
    for q in lesson().exercises.questions:
        found += _pieces(q.explanation.en) + _pieces(q.explanation.ko)
        found += [a for a in getattr(q, "accept", ()) if len(a) >= 8]
    bank = BANK.read_text(encoding="utf-8")
    found += [
        line.split(":", 1)[1].strip()
        for line in bank.splitlines()
        if line.strip().startswith(("en: Paragraph", "ko: "))
    ][:4]
    shown = " ".join(f"{s.en} {s.ko}" for s in lesson().article.sentences.values())
    shown += " ".join(f"{g.headword} {' '.join(g.ko)} {g.definition}" for g in lesson().glossary)
    return [
        k for k in found if len(k) >= 12 and k not in shown
    ]  # the article's own words are no key


def _hub_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("JupyterHub")
    start = readme.rindex("\n## ", 0, start)
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end != -1 else None]


def _student_facing() -> dict[str, str]:
    """Every file students are given, as text: stored notebook outputs, Binder's files,
    the README's hub steps, and whatever those steps copy to students."""
    files: dict[str, str] = {}
    hub = _hub_section()
    files["README.md (hub steps)"] = hub
    copied = set()
    if re.search(
        r"\bdokhae lab --copy-only\b", hub
    ):  # the student notebooks, as dokhae lab copies them
        from dokhae.workspace import shipped_notebooks

        copied.add(shipped_notebooks("student"))
    copied |= {
        ROOT / m for m in re.findall(r"\bcp\s+(?:-\w+\s+)*([\w./-]+)", hub) if (ROOT / m).exists()
    }
    for path in sorted((ROOT / "binder").rglob("*")):
        if path.is_file():
            files[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8", errors="replace")
    for root in copied:
        for path in sorted(root.rglob("*.ipynb")) if root.is_dir() else [root]:
            if path.suffix != ".ipynb":
                continue
            nb = nbformat.read(path, as_version=4)
            outputs = [json.dumps(c.get("outputs", []), ensure_ascii=False) for c in nb.cells]
            files[str(path.relative_to(ROOT))] = "\n".join(outputs)
    return files


def test_no_student_facing_file_holds_a_key():
    keys = _keys()
    assert len(keys) > 100  # the search looks for something
    facing = _student_facing()
    assert any(
        name.startswith("notebooks/") for name in facing
    )  # the hub steps hand out the notebooks
    for name, text in facing.items():
        readable = text.replace("\\n", " ").replace('\\"', '"')
        for key in keys:
            assert key not in readable, (name, key[:80])


def test_the_teacher_guide_shows_the_answer_tables_only_when_run():
    nb = nbformat.read(ROOT / "teacher" / "90-teacher-guide.ipynb", as_version=4)
    tables = [
        c
        for c in nb.cells
        if c.cell_type == "code" and "answer_key_table" in c.source and "import" not in c.source
    ]
    assert tables and all(
        "teacher-only" in c.metadata.get("tags", []) and c.outputs == [] for c in tables
    )
    # run, the cell does show the table (what the teacher sees)
    from dokhae.tables import answer_key_table

    shown = answer_key_table(lesson(), "ko").to_string()
    assert lesson().exercises.questions[0].id in shown


def test_the_hub_steps_give_students_no_teacher_material():
    copied = [n for n in _student_facing() if n.endswith(".ipynb")]
    assert copied and not [n for n in copied if "teacher" in n]


# --------------------------------------------------------------------------- the nbgrader path


def test_nbgrader_release_holds_no_answer_and_grades_the_folder_it_was_collected_from(
    tmp_path, monkeypatch
):
    """What nbgrader releases (everything outside the hidden tests, and variants.json)
    holds no answer, seed or folder tag; the hidden tests score the student nbgrader
    collected the work from, not the one a file names."""
    from dokhae.teacher.nbgrader_bridge import autograde_points

    students = write_roster(tmp_path / "class.csv", 3)
    made = assign(
        None, tmp_path / "class.csv", tmp_path / "hw", bank=BANK, assignment_id="ps1", nbgrader=True
    )
    key = AnswerKey.load(made.key_path)
    source = nbformat.read(made.nbgrader_source, as_version=4)
    released = "\n".join(
        re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", c.source, flags=re.DOTALL)
        for c in source.cells
    )
    variants = (made.nbgrader_source.parent / "variants.json").read_text(encoding="utf-8")
    for text in (released, variants):
        for part in key.students.values():
            assert part["seed"] not in text and part["variant"] not in text
        for q in key.questions.values():
            assert q["explanation"]["en"] not in text
    hidden = [c for c in source.cells if "BEGIN HIDDEN TESTS" in c.source]
    assert hidden and all("autograde_points" in c.source for c in hidden)

    a, b = students[0][0], students[1][0]
    layout = tmp_path / "autograded"
    for sid in (a, b):
        shutil.copytree(made.folder(sid), layout / sid / "ps1")
    monkeypatch.setattr("dokhae.homework._snapshots", {})
    with ProgressStore(tmp_path / "p.sqlite3") as store:
        entry = open_assignment(layout / a / "ps1", store=store).questions["t1-host-city"]
        right = key.students[a]["labels"]["t1-host-city"]
        letter = next(label for label, choice in right.items() if choice == "a")
        assert (
            open_assignment(layout / a / "ps1", store=store).answer("t1-host-city", letter).status
            == "pending"
        )
    assert entry["type"] == "multiple_choice"
    part = json.dumps(key.subset("t1-host-city"))
    assert autograde_points(part, "t1-host-city", layout / a / "ps1") == key.points("t1-host-city")
    # a's right answer, handed in by b: nbgrader collected it from b's folder
    shutil.copy(layout / a / "ps1" / "answers.json", layout / b / "ps1" / "answers.json")
    assert autograde_points(part, "t1-host-city", layout / b / "ps1") == 0.0
