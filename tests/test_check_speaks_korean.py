"""`dokhae check` speaks the command's language: Korean under DOKHAE_LANGUAGE=ko (and on a
C locale), English under en; in both, each problem names its file, line and field, the
bad value and the fix.

Each case breaks a copy of the shipped lesson the way a teacher might (a field left out, a
wrong word for a fixed value, a bad number, an unknown or repeated id, a glossary row cut
short, a glossary garbled by Excel) and checks both languages. The Korean comes from the
catalog by the problem's key (pydantic's error type, or dokhae's own rule); a problem with
no Korean words keeps its English under a Korean lead line.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import test_teacher_first_hour as first_hour
from dokhae import i18n
from dokhae.cli import main
from dokhae.problem_text import problem_text, said
from dokhae.problems import Problem
from dokhae.validation import validate
from test_cli_speaks_korean import english_lines

ROOT = Path(__file__).resolve().parents[1]
SLUG = "steel-dialogue-2023"
EXERCISES = f"exercises/{SLUG}.yaml"
GLOSSARY = f"glossary/{SLUG}.csv"
META = f"articles/{SLUG}/lesson.yaml"
HANGUL = re.compile("[\uac00-\ud7a3]")
content = first_hour.content
"""The fixture: a copy of the shipped lesson."""


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8-sig")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, name: str, text: str) -> int:
    lines = (root / name).read_text(encoding="utf-8-sig").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def check(root: Path, env: dict[str, str]) -> str:
    result = CliRunner(env=env).invoke(main, ["check", str(root)])
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 1, result.output
    return result.output


MAIN_IDEA = "  - id: main-idea\n    type: multiple_choice\n    skill: main_idea\n"


def _missing_field(root: Path) -> None:
    edit(root, META, "outlet: The Korea Herald\n", "")


def _wrong_literal(root: Path) -> None:
    edit(root, EXERCISES, MAIN_IDEA, MAIN_IDEA.replace("main_idea", "mainidea"))


def _bad_number(root: Path) -> None:
    edit(root, EXERCISES, MAIN_IDEA, MAIN_IDEA + "    points: -2\n")


def _not_a_number(root: Path) -> None:
    edit(root, EXERCISES, MAIN_IDEA, MAIN_IDEA + "    points: two\n")


def _unknown_sentence(root: Path) -> None:
    edit(
        root,
        EXERCISES,
        MAIN_IDEA + "    sentences: [h1, p1s1]",
        MAIN_IDEA + "    sentences: [h1, p9s9]",
    )


def _repeated_id(root: Path) -> None:
    edit(root, EXERCISES, "  - id: vocab-hiatus\n", "  - id: main-idea\n")


def _short_glossary_row(root: Path) -> None:
    path = root / GLOSSARY
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    lines[2] = "resume,resume,resume,verb"
    path.write_text("\n".join(lines), encoding="utf-8-sig")


def _header_cells(root: Path) -> int:
    with (ROOT / GLOSSARY).open(encoding="utf-8-sig", newline="") as f:
        return len(next(csv.reader(f)))


# case: (break the copy, the file, the text on the reported line, the field,
#        Korean words, English words)
CASES: dict[str, tuple[Callable[[Path], None], str, str | None, str, list[str], list[str]]] = {
    "a missing field": (
        _missing_field,
        META,
        None,
        "outlet",
        ["꼭 있어야 하는 항목이 없습니다", "고칠 방법: `outlet` 항목을 추가하세요"],
        ["required but missing", "fix: add the field `outlet`"],
    ),
    "a wrong literal": (
        _wrong_literal,
        EXERCISES,
        "skill: mainidea",
        "questions[0].skill",
        [
            "쓸 수 있는 값이 아닙니다 (값: 'mainidea')",
            "다음 중 하나를 쓰세요: 'main_idea', 'detail'",
        ],
        ["Input should be 'main_idea'", "(value: 'mainidea')"],
    ),
    "a number out of range": (
        _bad_number,
        EXERCISES,
        "points: -2",
        "questions[0].points",
        ["0보다 커야 합니다 (값: -2)", "고칠 방법: `points`를 0보다 큰 값으로 고치세요"],
        ["Input should be greater than 0", "(value: -2)"],
    ),
    "a word for a number": (
        _not_a_number,
        EXERCISES,
        "points: two",
        "questions[0].points",
        ["숫자로 읽을 수 없습니다 (값: 'two')", "따옴표나 단위 없이 숫자"],
        ["Input should be a valid number", "(value: 'two')"],
    ),
    "an unknown sentence id": (
        _unknown_sentence,
        EXERCISES,
        "sentences: [h1, p9s9]",
        "main-idea.sentences",
        [
            "기사에 이 id의 문장이 없습니다 (값: 'p9s9')",
            "article.en.md의 id(h1, c1, p1s1 등)를 쓰세요",
        ],
        ["no sentence with this id in the article", "(value: 'p9s9')"],
    ),
    "a repeated exercise id": (
        _repeated_id,
        EXERCISES,
        None,
        ".id",
        [
            "id가 겹칩니다(",
            "번째 줄에서 먼저 썼습니다)",
            "문항, 템플릿, 시험 문항마다 다른 id를 쓰세요",
        ],
        ["duplicate id (first used on line", "give every question, template and exam item"],
    ),
    "a glossary row cut short": (
        _short_glossary_row,
        GLOSSARY,
        "resume,resume,resume,verb",
        "",
        [
            "이 행은 칸이 4개인데 머리글은 {header}개입니다",
            "쉼표가 든 칸은 큰따옴표로 감싸야 합니다",
        ],
        ["the row has 4 cells but the header has {header}", "check for a stray comma"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_check_says_each_problem_in_korean_and_in_english(content, case):
    broken, name, text, field, korean, english = CASES[case]
    broken(content)
    header = _header_cells(content)
    where = f"{name}:{line_of(content, name, text)}" if text else name
    ko = check(content, {"DOKHAE_LANGUAGE": "ko"})
    en = check(content, {"DOKHAE_LANGUAGE": "en"})
    for output, words, severity in ((ko, korean, "오류"), (en, english, "error")):
        lines = output.splitlines()
        head = next((line for line in lines if line.startswith(where)), None)
        assert head is not None, f"no problem on {where}:\n{output}"
        assert f": {severity}: " in head and field in head, head
        for word in words:
            assert word.format(header=header) in output, output
    assert not english_lines(ko), ko  # no English sentence in Korean
    assert not HANGUL.search(" ".join(english_lines(en, set()) or [""])), en


def test_a_c_locale_gets_korean(content):
    """No DOKHAE_LANGUAGE and a C locale (a server, a container): Korean."""
    _wrong_literal(content)
    output = check(content, {"DOKHAE_LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C"})
    assert "오류: questions[0].skill: 쓸 수 있는 값이 아닙니다" in output, output


def test_a_glossary_garbled_by_excel_is_named_in_korean(content):
    path = content / GLOSSARY
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    path.write_bytes(data.decode("cp949", errors="replace").encode("cp949", errors="replace"))
    output = check(content, {"DOKHAE_LANGUAGE": "ko"})
    head = next(line for line in output.splitlines() if line.startswith(GLOSSARY))
    assert ": 오류: 잘못된 인코딩으로 열린 뒤 다시 저장되어 한글이 깨진 파일입니다" in head, head
    assert "(예: '공백' → '怨듬갚')" in head, head
    assert "고칠 방법: " in output and "파일을 되살리세요" in output, output
    assert output.count(": 오류: ") == 1, output


def test_the_english_of_the_catalog_is_the_codes(content):
    """dokhae's own messages: the catalog's English, filled with the problem's fields, is
    what the code says (one text, not two that drift apart)."""
    for broken in (_unknown_sentence, _repeated_id, _short_glossary_row):
        broken(content)
    edit(content, EXERCISES, f"lesson: {SLUG}", "lesson: another-lesson")
    problems = [
        p for p in validate(content).problems if p.key and not p.key.startswith("pydantic.")
    ]
    assert {p.key for p in problems} >= {
        "exercise_sentence_unknown",
        "duplicate_exercise_id",
        "row_cells",
        "lesson_slug",
    }, problems
    for problem in problems:
        message, fix = said(problem, "en") or ("", "")
        assert message == problem.message, problem
        if "fix_key" not in dict(problem.fields):
            assert fix == problem.fix, problem


def test_a_problem_without_korean_words_keeps_its_english_under_a_korean_lead():
    problem = Problem(
        "error",
        "exercises/x.yaml",
        12,
        "q1.span",
        "span end 3 must be after start 5",
        "correct it",
        3,
    )
    text = problem_text(problem, "ko")
    first, *rest = text.splitlines()
    assert first.startswith("exercises/x.yaml:12: 오류: q1.span: ") and HANGUL.search(first)
    assert first.endswith(i18n.t("check.text.english_only", "ko"))
    assert "span end 3 must be after start 5 (value: 3)" in rest[0] and "correct it" in rest[1]
    assert problem_text(problem, "en") == str(problem)
    unknown = Problem("error", "f.yaml", 1, "x", "odd", "fix it", key="pydantic.no_such_type")
    assert (
        problem_text(unknown, "ko")
        .splitlines()[0]
        .endswith(i18n.t("check.text.english_only", "ko"))
    )


def test_the_library_keeps_its_english(content):
    """str(problem), what a notebook or a log shows, stays the code's English."""
    _wrong_literal(content)
    (problem,) = [p for p in validate(content).errors if p.field == "questions[0].skill"]
    assert str(problem).startswith(f"{EXERCISES}:") and ": error: " in str(problem)
    assert problem.key == "pydantic.literal_error"


def test_a_command_that_cannot_load_the_lesson_lists_its_problems_in_korean(content, monkeypatch):
    """Not only `dokhae check`: `lesson show` on a broken lesson says it in Korean too."""
    _wrong_literal(content)
    monkeypatch.setenv("DOKHAE_CONTENT", str(content))
    result = CliRunner(env={"DOKHAE_LANGUAGE": "ko"}).invoke(main, ["lesson", "show", SLUG])
    assert result.exit_code == 1, result.output
    assert i18n.t("cli_text.lesson_problems_one", "ko", n=1) in result.output, result.output
    assert f"{EXERCISES}:" in result.output and "오류: questions[0].skill:" in result.output
    assert not english_lines(result.output), result.output


def test_a_drafts_problems_are_said_in_korean_and_their_english_is_the_codes(tmp_path):
    """A lesson drafted by `dokhae lesson new` is full of [TODO] markers and draft
    questions: each is said in Korean, and the catalog's English is the code's."""
    second = ROOT / "tests" / "data" / "second-article"
    root = tmp_path / "new"
    made = CliRunner().invoke(
        main,
        [
            "lesson",
            "new",
            "second",
            "--from",
            str(second / "article.en.txt"),
            "--korean",
            str(second / "article.ko.txt"),
            "--root",
            str(root),
            "--limit",
            "4",
        ],
    )
    assert made.exit_code == 0, made.output
    problems = validate(root).problems
    assert {"todo", "stub"} <= {p.key for p in problems}, problems
    for problem in problems:
        assert said(problem, "en") == (problem.message, problem.fix), problem
        korean = problem_text(problem, "ko")
        assert i18n.t("check.text.english_only", "ko") not in korean, korean
