"""`dokhae assign`: one folder per student, the key apart, and no answer in a student's folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from dokhae.arithmetic import make_exercise
from dokhae.teacher import SelectionError, assign, select_exercises
from dokhae.teacher.key import AnswerKey
from dokhae.teacher.secret import read_secret, variant_seed, variant_tag
from test_teacher_support import EVERY_TYPE, LESSON, folder_files, lesson, tree_digest, write_roster


@pytest.fixture(scope="module")
def whole_lesson(tmp_path_factory):
    """Every exercise of the lesson for 12 students, with the nbgrader source too: named
    by id, so that the questions for learners of Korean (``tests: ko``, left out by
    default) are checked for leaks as well."""
    base = tmp_path_factory.mktemp("assign")
    write_roster(base / "class.csv", 12)
    every = [*lesson().questions, *lesson().templates]
    return assign(
        LESSON,
        base / "class.csv",
        base / "out",
        assignment_id="leak-check",
        nbgrader=True,
        exercises=every,
    )


# --------------------------------------------------------------------------- layout


def test_one_folder_per_student_and_the_key_apart(whole_lesson):
    out = whole_lesson.out_dir
    assert sorted(p.name for p in (out / "students").iterdir()) == [
        s.id for s in whole_lesson.students
    ]
    for student in whole_lesson.students:
        assert sorted(p.name for p in whole_lesson.folder(student.id).iterdir()) == [
            "assignment.ipynb",
            "manifest.json",
            "questions.json",
        ]
    assert (out / "teacher" / "key.json").is_file()
    assert len(whole_lesson.exercises) == len(lesson().questions) + len(lesson().templates)


def test_the_manifest_names_assignment_student_exercises_and_folder_tag(whole_lesson):
    student = whole_lesson.students[3]
    manifest, questions = folder_files(whole_lesson.folder(student.id))
    secret = read_secret(whole_lesson.secret_path)
    assert manifest == {  # no seed: it is the teacher's (the key records it)
        "format": "dokhae-assignment",
        "version": 1,
        "assignment_id": "leak-check",
        "student_id": student.id,
        "name": student.name,
        "lesson": LESSON,
        "exercises": list(whole_lesson.exercises),
        "variant": variant_tag(secret, "leak-check", student.id),
    }
    key = AnswerKey.load(whole_lesson.key_path)
    assert key.students[student.id]["seed"] == variant_seed(secret, "leak-check", student.id)
    assert key.students[student.id]["variant"] == manifest["variant"]
    assert [q["id"] for q in questions] == list(whole_lesson.exercises)


def test_the_notebook_is_valid_and_carries_the_students_numbers(whole_lesson):
    student = whole_lesson.students[0]
    folder = whole_lesson.folder(student.id)
    nb = nbformat.read(folder / "assignment.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["dokhae"] == {
        "assignment_id": "leak-check",
        "student_id": student.id,
        "lesson": LESSON,
    }
    assert all(c.get("outputs", []) == [] for c in nb.cells)
    text = "\n".join(c.source for c in nb.cells)
    seed = AnswerKey.load(whole_lesson.key_path).students[student.id]["seed"]
    exercise = make_exercise(lesson().templates["e05-embedded-emissions"], seed)
    assert exercise.prompt.en.replace("*", "\\*") in text or exercise.prompt.en in text.replace(
        "\\", ""
    )
    assert f"M = {exercise.params['M']!r}" in text
    assert student.name in text
    for exercise_id in whole_lesson.exercises:
        assert f'check("{exercise_id}", ' in text


def test_students_get_different_numbers_and_orders(whole_lesson):
    prompts, orders = set(), set()
    for student in whole_lesson.students:
        _, questions = folder_files(whole_lesson.folder(student.id))
        by_id = {q["id"]: q for q in questions}
        prompts.add(by_id["e05-embedded-emissions"]["prompt"]["en"])
        orders.add(tuple(c["en"] for c in by_id["main-idea"]["choices"]))
    assert len(prompts) > 6 and len(orders) > 3


def test_making_it_again_gives_the_same_files_and_keeps_answers(whole_lesson, tmp_path):
    roster = tmp_path / "class.csv"
    write_roster(roster, 12)
    out = tmp_path / "again"
    shutil.copytree(whole_lesson.out_dir, out)
    answers = out / "students" / whole_lesson.students[0].id / "answers.json"
    answers.write_text('{"kept": true}', encoding="utf-8")
    before = tree_digest(out)
    every = list(whole_lesson.exercises)  # the same choice as the first time
    assign(LESSON, roster, out, assignment_id="leak-check", nbgrader=True, exercises=every)
    after = tree_digest(out)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}


def test_seeds_are_keyed_by_the_teacher_secret():
    one, other = b"1" * 32, b"2" * 32
    assert variant_seed(one, "hw1", "2024001") == variant_seed(one, "hw1", "2024001")
    assert (
        len(
            {
                variant_seed(one, "hw1", "2024001"),
                variant_seed(one, "hw2", "2024001"),
                variant_seed(one, "hw1", "2024002"),
                variant_seed(other, "hw1", "2024001"),
            }
        )
        == 4
    )
    assert re.fullmatch(r"[0-9a-f]{32}", variant_seed(one, "hw1", "2024001"))
    assert variant_tag(one, "hw1", "2024001") != variant_seed(one, "hw1", "2024001")[:16]


def test_the_secret_stays_in_the_teachers_folder_readable_by_the_teacher_only(whole_lesson):
    secret = whole_lesson.secret_path
    assert secret.parent == whole_lesson.out_dir / "teacher"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert secret.parent.stat().st_mode & 0o077 == 0
    text = secret.read_text(encoding="ascii").split()[1]
    for path in (whole_lesson.out_dir / "students").rglob("*"):
        if path.is_file():
            assert text not in path.read_text(encoding="utf-8")


def test_another_assignment_in_the_output_folder_is_refused(whole_lesson, tmp_path):
    roster = tmp_path / "class.csv"
    write_roster(roster, 2)
    with pytest.raises(FileExistsError, match="already holds assignment 'leak-check'"):
        assign(LESSON, roster, whole_lesson.out_dir, assignment_id="other-id")


def test_an_unusable_assignment_id_is_refused(tmp_path):
    write_roster(tmp_path / "class.csv", 2)
    with pytest.raises(ValueError, match="letters, digits"):
        assign(LESSON, tmp_path / "class.csv", tmp_path / "out", assignment_id="../hw 1")


# --------------------------------------------------------------------------- nothing leaks


def _number_forms(value: float) -> set[str]:
    forms = set()
    for decimals in (0, 1, 2):
        rounded = round(value, decimals)
        for spec in (f".{decimals}f", f",.{decimals}f"):
            forms.add(format(rounded, spec))
    forms.add(repr(value))
    forms.add(f"{value:g}")
    return {f for f in forms if len(f.replace(",", "").replace(".", "").lstrip("-0")) >= 3}


def _number_pattern(forms: list[str]) -> re.Pattern[str] | None:
    """A number written in one of ``forms``, standing alone (not part of a longer number or word)."""
    if not forms:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<![\w.,])(?:{alternatives})(?![\w]|[.,]\d)")


def _pieces(*texts: str) -> list[str]:
    """Each text, and each of its sentences long enough to be telling (a copied half of
    an explanation is a leak too)."""
    out = []
    for text in texts:
        out.append(text)
        out += [s for s in re.split(r"(?<=[.!?다:;])\s+", text) if len(s) >= 20]
    return out


def _secrets(key: AnswerKey, student_id: str) -> tuple[list[str], list[str]]:
    """(texts, numbers) that must not be in this student's folder: explanations and hints,
    accepted answers, matching pairs, orders, and this student's arithmetic answers."""
    texts: list[str] = []
    numbers: list[str] = []
    for q in key.questions.values():
        texts += _pieces(q["explanation"]["en"], q["explanation"]["ko"])
        if q.get("hint"):
            texts += _pieces(q["hint"]["en"], q["hint"]["ko"])
        if q["type"] == "short_text":
            texts += list(q["accept"])
        if q["type"] == "cloze" and not q.get("choices"):
            texts += [q["answer"], *q.get("accept", [])]
        if q["type"] == "matching":
            texts += [f"{p['left']} → {p['right']}" for p in q["pairs"]]
            texts += [
                json.dumps({"left": p["left"], "right": p["right"]}, ensure_ascii=False)
                for p in q["pairs"]
            ]
        if q["type"] == "ordering":
            texts += [", ".join(q["answer"]), json.dumps(q["answer"])]
        if q["type"] == "numeric":
            numbers += sorted(_number_forms(float(q["answer"])))
    for exercise_id, own in key.students[student_id]["arithmetic"].items():
        numbers += sorted(_number_forms(float(own["answer"])))
        template = lesson().templates[exercise_id]
        exercise = make_exercise(template, key.students[student_id]["seed"])
        texts += _pieces(exercise.explanation.en, exercise.explanation.ko)
        texts += _pieces(*(h.en for h in exercise.hints), *(h.ko for h in exercise.hints))
        if exercise.caveat is not None:
            texts += _pieces(exercise.caveat.en, exercise.caveat.ko)
    return texts, numbers


def _visible(folder: Path) -> str:
    """What a student is meant to see: the prompts, choices and numbers of questions.json,
    and the article the questions are about (in the notebook, as in the lesson's own
    reading notebook: a word or number a reading question asks for is in it)."""
    _, questions = folder_files(folder)
    article = "\n".join(p.text("en") for p in lesson().article.paragraphs)
    return json.dumps(questions, ensure_ascii=False) + "\n" + article


def test_no_student_folder_holds_an_answer_or_an_explanation(whole_lesson):
    key = AnswerKey.load(whole_lesson.key_path)
    for student in whole_lesson.students:
        folder = whole_lesson.folder(student.id)
        texts, numbers = _secrets(key, student.id)
        shown = _visible(folder)
        # What the lesson itself shows (a word bank, a number in a prompt) is not a leak.
        texts = [t for t in texts if t not in shown]
        numbers = _number_pattern([n for n in numbers if not _number_pattern([n]).search(shown)])
        for path in sorted(folder.rglob("*")):
            content = path.read_text(encoding="utf-8")
            # as stored, with \uXXXX escapes decoded, and without Markdown's backslashes
            decoded = json.dumps(json.loads(content), ensure_ascii=False, indent=0)
            for variant in (content, decoded, decoded.replace("\\", "")):
                for secret in texts:
                    assert secret not in variant, (path.name, secret[:60])
                found = numbers.search(variant) if numbers else None
                assert found is None, (path.name, found and found.group())
            assert not re.search(r"\b[0-9a-f]{32,}\b", content), path.name  # no hash of anything


def test_the_safe_questions_hold_only_named_fields(whole_lesson):
    allowed = {
        "multiple_choice": {"choices"},
        "true_false_not_given": set(),
        "cloze": {"text", "choices", "inflections"},
        "matching": {"left", "right"},
        "ordering": {"items"},
        "short_text": {"inflections", "manual"},
        "numeric": {"unit"},
        "arithmetic": {"level", "title", "unit", "params", "param_units", "tolerance"},
    }
    for student in whole_lesson.students:
        _, questions = folder_files(whole_lesson.folder(student.id))
        for q in questions:
            assert set(q) - {"id", "type", "skill", "points", "prompt"} <= allowed[q["type"]], q[
                "id"
            ]
            for entry in q.get("choices", []) + q.get("items", []):
                if isinstance(entry, dict):
                    assert set(entry) == {"label", "en", "ko"}
            for side in ("left", "right"):
                for entry in q.get(side, []):
                    assert set(entry) == {"label", "text"}


def test_letters_do_not_give_the_answer_away(whole_lesson):
    """Choices are lettered in each student's own order; matching's right side and
    ordering's items are never shown in the answer's order."""
    key = AnswerKey.load(whole_lesson.key_path)
    right_letters = {}
    for student in whole_lesson.students:
        _, questions = folder_files(whole_lesson.folder(student.id))
        for q in questions:
            full = key.questions.get(q["id"])
            if q["type"] == "multiple_choice":
                right_text = next(c["en"] for c in full["choices"] if c["id"] == full["answer"])
                right_letters.setdefault(q["id"], set()).add(
                    next(c["label"] for c in q["choices"] if c["en"] == right_text)
                )
                assert [c["label"] for c in q["choices"]] == list("abcdefgh"[: len(q["choices"])])
            if q["type"] == "matching" and len(full["pairs"]) >= 3:
                assert [r["text"] for r in q["right"]] != [p["right"] for p in full["pairs"]]
            if q["type"] == "ordering" and len(full["items"]) >= 3:
                by_id = {i["id"]: i["en"] for i in full["items"]}
                assert [i["en"] for i in q["items"]] != [by_id[i] for i in full["answer"]]
    assert all(len(letters) > 1 for letters in right_letters.values())


def test_the_nbgrader_files_students_receive_hold_no_answer(whole_lesson):
    source = whole_lesson.nbgrader_source
    variants = json.loads((source.parent / "variants.json").read_text(encoding="utf-8"))
    key = AnswerKey.load(whole_lesson.key_path)
    for student in whole_lesson.students:
        mine = variants["students"][student.id]
        on_disk, questions = folder_files(whole_lesson.folder(student.id))
        # no names and no folder tags: every student receives every variant
        assert mine == {
            "manifest": {**on_disk, "name": "", "variant": ""},
            "questions": {"questions": questions},
        }
        assert student.name not in json.dumps(variants, ensure_ascii=False)
    text = json.dumps(variants, ensure_ascii=False)
    for q in key.questions.values():
        assert q["explanation"]["en"] not in text and q["explanation"]["ko"] not in text


def test_the_nbgrader_source_has_metadata_and_hidden_tests(whole_lesson):
    nb = nbformat.read(whole_lesson.nbgrader_source, as_version=4)
    nbformat.validate(nb)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.metadata.nbgrader.grade_id for c in tests] == [
        f"test-{e}" for e in whole_lesson.exercises
    ]
    for cell in tests:
        meta = cell.metadata.nbgrader
        assert meta.schema_version == 3 and meta.locked and not meta.solution and meta.points > 0
        lines = cell.source.splitlines()
        assert lines[1] == "### BEGIN HIDDEN TESTS" and lines[-1] == "### END HIDDEN TESTS"
    answers = [c for c in nb.cells if "nbgrader" not in c.metadata]
    assert len(answers) == len(whole_lesson.exercises) + 1  # answer cells and the status cell


# --------------------------------------------------------------------------- choosing exercises


def test_choosing_by_id_skill_and_file(tmp_path):
    ids = select_exercises(lesson(), exercises=["e05-embedded-emissions", "main-idea"])
    assert ids == ["main-idea", "e05-embedded-emissions"]  # the lesson's order
    vocabulary = select_exercises(lesson(), skills=["vocabulary"])
    assert vocabulary and all(lesson().questions[e].skill == "vocabulary" for e in vocabulary)
    arithmetic = select_exercises(lesson(), skills=["arithmetic"])
    assert arithmetic == list(lesson().templates)
    listing = tmp_path / "pick.txt"
    listing.write_text(
        "# my choice\nmain-idea\ncloze-thaw, tfng-photo  # two more\n", encoding="utf-8"
    )
    assert select_exercises(lesson(), selection_file=listing) == [
        "main-idea",
        "tfng-photo",
        "cloze-thaw",
    ]
    saved = tmp_path / "pick.yaml"
    saved.write_text("exercises: [main-idea]\nskills: [timeline]\n", encoding="utf-8")
    chosen = select_exercises(lesson(), selection_file=saved)
    assert chosen[0] == "main-idea" and "hiatus-months" in chosen and "tfng-photo" not in chosen
    # nothing chosen: every exercise of a class of Korean students of English (the questions
    # on the Korean text only, for learners of Korean, are assigned by id)
    english = [q.id for q in lesson().questions_for("en")]
    assert select_exercises(lesson()) == [*english, *lesson().templates]
    assert "cloze-ko-hyeomnyeok" in lesson().questions and "cloze-ko-hyeomnyeok" not in english


def test_unknown_ids_and_skills_are_all_listed_with_lines(tmp_path):
    listing = tmp_path / "pick.yaml"
    listing.write_text(
        "exercises:\n  - main-idea\n  - mian-idea\nskills: [grammar]\n", encoding="utf-8"
    )
    with pytest.raises(SelectionError) as caught:
        select_exercises(lesson(), exercises=["e05-embedded-emission"], selection_file=listing)
    problems = caught.value.report.errors
    assert [(p.line, p.value) for p in problems] == [
        (None, "e05-embedded-emission"),
        (3, "mian-idea"),
        (4, "grammar"),
    ]
    assert "did you mean e05-embedded-emissions" in problems[0].fix
    assert "main_idea" in problems[2].fix


def test_every_question_type_can_be_assigned(tmp_path):
    write_roster(tmp_path / "class.csv", 1)
    made = assign(
        LESSON,
        tmp_path / "class.csv",
        tmp_path / "out",
        exercises=EVERY_TYPE,
        assignment_id="types",
    )
    _, questions = folder_files(made.folder(made.students[0].id))
    assert {q["type"] for q in questions} == {
        "multiple_choice",
        "ordering",
        "numeric",
        "matching",
        "short_text",
        "true_false_not_given",
        "cloze",
        "arithmetic",
    }


# --------------------------------------------------------------------------- rosters as schools export them


def test_a_neis_xlsx_roster_assigns_a_class_of_30(tmp_path):
    """학년/반/번호/이름 in an Excel workbook, as the school system exports it (issue 24)."""
    from openpyxl import Workbook

    from test_teacher_support import NAMES

    book = Workbook()
    book.active.append(["학년", "반", "번호", "이름"])
    for number in range(1, 31):
        book.active.append([2, 3, number, NAMES[number % len(NAMES)]])
    book.save(tmp_path / "2-3.xlsx")
    made = assign(
        LESSON, tmp_path / "2-3.xlsx", tmp_path / "hw", exercises=["main-idea"], assignment_id="hw"
    )
    assert [s.id for s in made.students] == [f"203{n:02d}" for n in range(1, 31)]
    assert sorted(p.name for p in made.students_dir.iterdir()) == [
        f"203{n:02d}" for n in range(1, 31)
    ]
    manifest, _ = folder_files(made.students_dir / "20306")
    assert manifest["name"] == NAMES[6]


# --------------------------------------------------------------------------- what the questions refer to


def _cells(folder: Path) -> dict[str, str]:
    nb = nbformat.read(folder / "assignment.ipynb", as_version=4)
    nbformat.validate(nb)
    return {cell.id: cell.source for cell in nb.cells}


def test_the_notebook_holds_the_article_collapsed_with_paragraph_numbers(whole_lesson):
    """The questions say "5문단 첫째 문장…": the article they refer to is in the notebook."""
    cells = _cells(whole_lesson.folder(whole_lesson.students[0].id))
    ids = list(cells)
    assert ids[:3] == ["header", "article", "setup"]
    article = cells["article"]
    assert article.startswith("<details>\n<summary>") and article.endswith("</details>")
    body = lesson().article.body
    for number, paragraph in enumerate(body, 1):
        first_words = " ".join(paragraph.text("en").split()[:6])
        assert f"**¶{number}** {first_words}" in article.replace("\\", "")
    assert f"**¶{len(body) + 1}**" not in article
    # the photo caption, which questions ask about (tfng-photo)
    caption = next(p for p in lesson().article.paragraphs if p.kind == "caption")
    assert " ".join(caption.text("en").split()[:6]) in article.replace("\\", "")
    assert "*사진 설명 / Photo caption:*" in article
    # an apostrophe is an apostrophe, not an HTML entity shown as text
    assert "European Union's" in article and "&#x27;" not in article
    assert lesson().article.body[0].text("ko")[:20] not in article  # no translation given away


def test_prompts_and_choices_in_english_only_for_a_reading_check(tmp_path):
    write_roster(tmp_path / "class.csv", 2)
    question = lesson().questions["main-idea"]
    both = assign(LESSON, tmp_path / "class.csv", tmp_path / "both", exercises=["main-idea"])
    english = assign(
        LESSON, tmp_path / "class.csv", tmp_path / "en", exercises=["main-idea"], prompts="en"
    )
    shown_both = _cells(both.folder(both.students[0].id))["q01-question"]
    shown_en = _cells(english.folder(english.students[0].id))["q01-question"]
    for choice in question.choices:
        assert choice.en.split()[0] in shown_en and choice.ko[:12] not in shown_en
        assert choice.ko[:12] in shown_both
    assert question.prompt.en[:30] in shown_en and question.prompt.ko[:12] not in shown_en
    with pytest.raises(ValueError, match="choose one of both, en, ko"):
        assign(
            LESSON, tmp_path / "class.csv", tmp_path / "x", exercises=["main-idea"], prompts="fr"
        )
    assert not (tmp_path / "x").exists()


def test_the_assign_command_takes_the_language_of_prompts(tmp_path):
    from click.testing import CliRunner

    from dokhae.cli import main

    write_roster(tmp_path / "class.csv", 1)
    out = tmp_path / "hw"
    args = ["assign", tmp_path / "class.csv", "-o", out, "-l", LESSON, "-e", "main-idea"]
    result = CliRunner().invoke(main, [str(a) for a in [*args, "--prompts", "en"]])
    assert result.exit_code == 0, result.output
    shown = _cells(out / "students" / "2024001")["q01-question"]
    assert lesson().questions["main-idea"].prompt.ko[:12] not in shown
