"""`dokhae check` on the fields of issue 26: the lesson's practice settings (tries, path),
a template's difficulty and a distractor's why_wrong. Bad values get file, line, field
and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dokhae import load_lesson
from dokhae import validate as check

MINI = Path(__file__).parent / "data" / "mini"
SLUG = "mini-lesson"


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root / "exercises" / f"{SLUG}.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(
        i
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )


def problems(path: Path, field: str):
    report = check(path.parent.parent)
    return [p for p in report.problems if p.severity == "error" and field in p.field]


def test_defaults_when_a_lesson_sets_nothing(exercises):
    lesson = load_lesson(SLUG, root=exercises.parent.parent)
    assert (lesson.practice.tries, lesson.practice.path) == (2, "standard")
    assert lesson.templates["emissions"].difficulty == "standard"


def test_good_settings_are_read(exercises):
    edit(
        exercises,
        "lesson: mini-lesson\n",
        "lesson: mini-lesson\npractice:\n  tries: 3\n  path: basic\n",
    )
    edit(exercises, "    level: 2\n", "    level: 2\n    difficulty: challenge\n")
    lesson = load_lesson(SLUG, root=exercises.parent.parent)
    assert (lesson.practice.tries, lesson.practice.path) == (3, "basic")
    assert lesson.path_templates() == []  # a challenge is beyond a basic path
    assert not lesson.practice.on_path("challenge") and lesson.practice.on_path("basic")


@pytest.mark.parametrize(
    ("setting", "field", "hint"),
    [
        ("tries: 0", "practice.tries", "1"),
        ("tries: many", "practice.tries", "integer"),
        ("path: hard", "practice.path", "'basic'"),
    ],
)
def test_bad_practice_settings_name_their_line_and_fix(exercises, setting, field, hint):
    edit(exercises, "lesson: mini-lesson\n", f"lesson: mini-lesson\npractice:\n  {setting}\n")
    [problem] = problems(exercises, field)
    assert problem.line == line_of(exercises, setting)
    assert problem.file.endswith(".yaml") and hint in problem.message + problem.fix
    assert problem.fix


def test_a_bad_difficulty_names_its_line(exercises):
    edit(exercises, "    level: 2\n", "    level: 2\n    difficulty: easy\n")
    [problem] = problems(exercises, "difficulty")
    assert problem.line == line_of(exercises, "difficulty: easy") and problem.value == "easy"
    assert "'basic'" in problem.message and "'challenge'" in problem.message


def test_why_wrong_on_the_right_answer_is_an_error(exercises):
    edit(
        exercises,
        "      - {id: a, en: the dialogue meeting, ko: 대화 회의}\n",
        "      - id: a\n        en: the dialogue meeting\n        ko: 대화 회의\n"
        "        why_wrong: {en: Not so., ko: 아닙니다.}\n",
    )
    [problem] = problems(exercises, "q1.choices.why_wrong")
    assert problem.line == line_of(exercises, "why_wrong:") and problem.value == "a"
    assert "distractor" in problem.fix


def test_why_wrong_on_a_distractor_is_read_and_not_on_an_ordering_item(exercises):
    edit(
        exercises,
        "      - {id: b, en: the city of Busan, ko: 부산시}\n",
        "      - id: b\n        en: the city of Busan\n        ko: 부산시\n"
        "        why_wrong: {en: Busan is only in the caption., ko: 부산은 사진 설명에만 나옵니다.}\n",
    )
    lesson = load_lesson(SLUG, root=exercises.parent.parent)
    assert lesson.questions["q1"].choices[1].why_wrong.ko == "부산은 사진 설명에만 나옵니다."
    edit(
        exercises,
        "      - {id: old, en: the last meeting, ko: 지난 회의}\n",
        "      - {id: old, en: the last meeting, ko: 지난 회의, why_wrong: {en: x, ko: x}}\n",
    )
    [problem] = problems(exercises, "why_wrong")
    assert problem.message == "unknown field" and problem.line == line_of(exercises, "id: old")
