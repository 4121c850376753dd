"""The problems that spoke only English under the Korean lead line now speak Korean too:
the glossary's pronunciation and notes, the text a question tests, arithmetic templates,
glossary cells left stale by a changed gloss, an exam item's span, YAML dokhae refuses, a
file that is no text, and (in ``dokhae assign``) the roster and the selection file.

Each family breaks a copy of the shipped lesson (or gives ``dokhae assign`` a broken
roster or selection) the way a teacher might, and checks both languages: in Korean each
problem names its file, line and field in Korean words from the catalog, with no English
sentence left; in English the library's own words are unchanged.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae import i18n
from dokhae.authoring.forms import stale_cells
from dokhae.cli import main
from dokhae.hanja import check_lessons as check_hanja
from dokhae.problem_text import problem_text, said
from dokhae.problems import Report
from dokhae.teacher.roster import RosterError, read_roster
from dokhae.validation import validate
from test_check_speaks_korean import (
    EXERCISES,
    GLOSSARY,
    ROOT,
    SLUG,
    content,
    edit,
    line_of,
)
from test_cli_speaks_korean import english_lines

__all__ = ["content"]  # the fixture: a copy of the shipped lesson

LEAD = i18n.t("check.text.english_only", "ko")


def set_cells(root: Path, changes: dict[str, dict[str, str]]) -> None:
    """Change cells of the glossary's rows by id, as a teacher does in Excel."""
    path = root / GLOSSARY
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        columns, rows = list(reader.fieldnames or ()), list(reader)
    for row in rows:
        row.update(changes.pop(row["id"], {}))
    assert not changes, changes  # every row named is in the glossary
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def row_line(root: Path, entry: str) -> int:
    lines = (root / GLOSSARY).read_text(encoding="utf-8-sig").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(entry + ","))


def run(root: Path, language: str) -> str:
    """`dokhae check` of the copy in ``language``: its output, which must list errors."""
    result = CliRunner(env={"DOKHAE_LANGUAGE": language}).invoke(main, ["check", str(root)])
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == 1, result.output
    return result.output


def said_at(output: str, where: str, field: str, severity: str) -> str:
    """The problem of ``output`` at ``where`` (file:line) on ``field``: its head line and
    the lines under it, up to the next problem."""
    lines = output.splitlines()
    for n, line in enumerate(lines):
        if line.startswith(f"{where}: {severity}: {field}"):
            rest = []
            for under in lines[n + 1 :]:
                if not under.startswith("    "):
                    break
                rest.append(under)
            return "\n".join([line, *rest])
    raise AssertionError(f"no {severity} on {field} at {where}:\n{output}")


# A copy of the shipped lesson with a problem of each family that `dokhae check` reads on
# (the lesson still loads): glossary cells, a question's `tests`, a template, an exam span.


def _break_glossary_and_exercises(root: Path) -> None:
    set_cells(
        root,
        {
            "ko-cheolgang": {"pronunciation": "cheolgang"},  # not Hangul in brackets
            "ko-gyoryu": {"pronunciation": "[교류류]"},  # 3 syllables for 교류
            "ko-bangan": {"pronunciation": "[방안]"},  # the spelling itself
            "hiatus": {"ko_notes": "공백은 한자어입니다."},  # audience en: never seen
            "ko-daeeung": {"notes": "A note for the English side.", "ko_notes": ""},
            "dialogue": {"romanization": "gongbaek"},  # the romanization of another gloss
            "thaw": {"hanja": "解"},  # one character for 해빙
            "resume": {"hanja": "再關"},  # 關 관 is not the 개 of 재개
        },
    )
    edit(
        root,
        EXERCISES,
        "  - id: cloze-hiatus\n    type: cloze\n    skill: vocabulary\n    tests: en\n",
        "  - id: cloze-hiatus\n    type: cloze\n    skill: vocabulary\n    tests: ko\n",
    )
    edit(
        root,
        EXERCISES,
        'd1: {kind: month, min: "2015-01", max: "2019-12", example: "2018-11"}',
        'd1: {kind: month, min: "2019-12", max: "2015-01", example: "2018-11"}',
    )
    edit(root, EXERCISES, "      start: 9\n      end: 16\n", "      start: 9\n      end: 5\n")


# family: (where: (file, line of the copy), field, severity, Korean words, English words)
Where = Callable[[Path], tuple[str, int]]
EXPECTED: dict[str, tuple[Where, str, str, list[str], list[str]]] = {
    "a pronunciation not in brackets": (
        lambda r: (GLOSSARY, row_line(r, "ko-cheolgang")),
        "pronunciation",
        "error",
        ["대괄호 안에 한글로 쓴 발음이 아닙니다", "「철강」의 발음을 사전처럼", "정례 [정녜]"],
        ["not a pronunciation in Hangul between brackets", "write how 철강 is said"],
    ),
    "a pronunciation of other syllables": (
        lambda r: (GLOSSARY, row_line(r, "ko-gyoryu")),
        "pronunciation",
        "error",
        ["발음 '교류류': 3음절, 주된 한국어 뜻 '교류': 2음절입니다", "「교류」(ko의 첫 낱말)"],
        ["'교류류' has 3 syllables, the main Korean equivalent '교류' 2"],
    ),
    "a pronunciation as spelt": (
        lambda r: (GLOSSARY, row_line(r, "ko-bangan")),
        "pronunciation",
        "warning",
        ["발음이 표기('방안')와 같습니다", "칸을 비워 두세요"],
        ["the same as the spelling of '방안'", "leave the cell empty"],
    ),
    "ko_notes on a row of audience en": (
        lambda r: (GLOSSARY, row_line(r, "hiatus")),
        "ko_notes",
        "warning",
        ["한국어 학습자에게 보이지 않는 행에 있습니다(audience en)", "audience를 both로"],
        ["a note for learners of Korean on a row they never see (audience en)"],
    ),
    "notes without ko_notes on a row of audience ko": (
        lambda r: (GLOSSARY, row_line(r, "ko-daeeung")),
        "notes",
        "warning",
        ["한국어 학습자용 행(audience ko)인데", "ko_notes 열로 옮기세요"],
        ["a row for learners of Korean (audience ko) with a note only readers"],
    ),
    "a romanization of a changed gloss": (
        lambda r: (GLOSSARY, row_line(r, "dialogue")),
        "romanization",
        "warning",
        [
            "로마자 표기 'gongbaek': 한국어 뜻('대화')에 맞는 표기가 아닙니다",
            f"`dokhae lesson forms {SLUG} --row dialogue`를 실행해",
        ],
        ["'gongbaek' is not the romanization of the Korean gloss '대화'"],
    ),
    "Hanja of a changed gloss": (
        lambda r: (GLOSSARY, row_line(r, "thaw")),
        "hanja",
        "warning",
        ["한자 '解': 1자인데 한국어 뜻('해빙')은 2음절입니다"],
        ["the Hanja '解' has 1 characters, the Korean gloss '해빙' 2 syllables"],
    ),
    "Hanja read otherwise than the word": (
        lambda r: (GLOSSARY, row_line(r, "resume")),
        "hanja",
        "warning",
        ["resume 행: 한자 再關(再 재, 關 관)의 음이 한국어 낱말 ‘재개하다’의 음절과 맞지"],
        ["row resume: the readings of the Hanja 再關 (再 재, 關 관) are not the syllables"],
    ),
    "a cloze that tests the other text": (
        lambda r: (EXERCISES, line_of(r, EXERCISES, "- id: cloze-hiatus") + 3),
        "cloze-hiatus.tests",
        "error",
        ["이 문항은 한국어 본문(article.ko.md)을 묻는다고 되어 있는데", "`tests: en`(또는 `both`)"],
        ["the question tests the Korean text (article.ko.md), but its sentence is from"],
    ),
    "a template's months in the wrong order": (
        lambda r: (EXERCISES, line_of(r, EXERCISES, 'd1: {kind: month, min: "2019-12"')),
        "e01-months-between-dialogues.params.d1",
        "error",
        ["min = '2019-12': max = '2015-01'보다 늦은 달입니다", "min과 max를 서로 바꾸세요"],
        ["min = '2019-12' is after max = '2015-01'", "fix: swap min and max"],
    ),
    "an exam span that ends before it starts": (
        lambda r: (EXERCISES, line_of(r, EXERCISES, "      start: 9") - 1),
        "exam_items[2].marks[0]",
        "error",
        ["밑줄 범위의 끝(end 5)이 시작(start 9)보다 뒤에 있어야 합니다", "`end`를 `start`보다"],
        ["span end 5 must be after start 9"],
    ),
}


@pytest.fixture
def broken(content: Path) -> tuple[Path, str, str]:
    """The copy with every problem above, and what `dokhae check` says of it in ko and en."""
    _break_glossary_and_exercises(content)
    return content, run(content, "ko"), run(content, "en")


def test_each_family_is_said_in_korean_and_in_english(broken):
    root, ko, en = broken
    severities = {"error": "오류", "warning": "경고"}
    for family, (where, field, severity, korean, english) in EXPECTED.items():
        name, line = where(root)
        said_ko = said_at(ko, f"{name}:{line}", field, severities[severity])
        assert LEAD not in said_ko, (family, said_ko)
        for word in korean:
            assert word in said_ko, (family, said_ko)
        said_en = said_at(en, f"{name}:{line}", field, severity)
        for word in english:
            assert word in said_en, (family, said_en)
        assert "\n    fix: " in said_en, (family, said_en)
    assert LEAD not in ko, ko  # no problem of the copy is left without Korean words
    assert not english_lines(ko), english_lines(ko)


def test_a_yaml_alias_and_a_file_that_is_no_text_are_said_in_korean(content):
    edit(
        content,
        EXERCISES,
        "  - id: main-idea\n",
        "  - id: main-idea\n    note: &shared one\n    other: *shared\n",
    )
    (content / GLOSSARY).write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    alias_line = line_of(content, EXERCISES, "other: *shared")
    ko, en = run(content, "ko"), run(content, "en")
    alias = said_at(ko, f"{EXERCISES}:{alias_line}", "", "오류")
    assert "YAML 별칭 *shared입니다(앵커 &shared 참조)" in alias, alias
    assert "*shared 자리에 값을 직접 쓰고 &shared 표시를 지우세요" in alias, alias
    pdf = said_at(ko, GLOSSARY, "", "오류")
    assert "텍스트 파일이 아니라 PDF 문서입니다" in pdf and "CSV UTF-8(쉼표로 분리)" in pdf, pdf
    assert LEAD not in ko and not english_lines(ko), ko
    assert "YAML alias *shared (a reference to &shared)" in en, en
    assert f"{GLOSSARY}: error: this is a PDF document, not a text file" in en, en


def test_values_nested_too_deep_are_said_in_korean(tmp_path):
    from dokhae.files import MAX_YAML_DEPTH, load_yaml

    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * (MAX_YAML_DEPTH + 2) + "]" * (MAX_YAML_DEPTH + 2) + "\n")
    report = Report()
    assert load_yaml(path, report) is None
    (problem,) = report.errors
    assert (
        problem_text(problem, "ko")
        .splitlines()[0]
        .endswith(f"{MAX_YAML_DEPTH}단계보다 깊게 중첩되어 있습니다")
    )
    assert said(problem, "en") == (problem.message, problem.fix)


# dokhae assign: the roster and the selection file


def assign(root: Path, roster: Path, selection: Path | None, language: str, out: Path) -> str:
    args = ["assign", str(roster), "-o", str(out), "-l", SLUG]
    args += ["--selection", str(selection)] if selection else ["-e", "main-idea"]
    env = {"DOKHAE_LANGUAGE": language, "DOKHAE_CONTENT": str(root)}
    result = CliRunner(env=env).invoke(main, args)
    assert "Traceback" not in result.output, result.output
    assert result.exit_code != 0, result.output
    assert not out.exists() or not any(out.rglob("*.ipynb")), "nothing is written"
    return result.output


def test_a_broken_roster_is_said_in_korean(content, tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text(
        "학번,이름\n2024001,김민준\n2.02E+06,이서연\n2024001,박지호\n", encoding="utf-8"
    )
    ko = assign(content, roster, None, "ko", tmp_path / "ko")
    en = assign(content, roster, None, "en", tmp_path / "en")
    name = roster.as_posix()
    scientific = said_at(ko, f"{name}:3", "학번", "오류")
    assert "엑셀이 줄여 쓴 숫자(지수 표기)로 보이는 학번입니다" in scientific, scientific
    twice = said_at(ko, f"{name}:4", "학번", "오류")
    assert "학번이 겹칩니다(2번째 줄에도 있습니다." in twice, twice
    assert "학생마다 다른 학번을 쓰거나" in twice, twice
    assert LEAD not in ko and not english_lines(ko), ko
    assert "duplicate student id (also on line 2;" in said_at(en, f"{name}:4", "학번", "error")


def test_a_roster_without_an_id_column_names_the_korean_columns():
    """The fields of a roster's text are its Korean column names: the English keeps them."""
    report = Report()
    from dokhae.teacher.roster import _parse

    _parse(Path("class.csv"), [(1, ["name", "score"]), (2, ["Kim", "3"])], report)
    (problem,) = report.errors
    assert problem.key == "roster_no_id_column"
    assert said(problem, "en") == (problem.message, problem.fix)
    korean = problem_text(problem, "ko")
    assert "학번 열(학번)이 없고, 학번을 만들 학년, 반, 번호 열도 없습니다" in korean, korean
    assert "2학년 3반 6번 → 20306" in korean and LEAD not in korean, korean


def test_a_missing_roster_is_said_in_korean(tmp_path):
    with pytest.raises(RosterError) as caught:
        read_roster(tmp_path / "nowhere.csv")
    (problem,) = caught.value.report.errors
    assert said(problem, "en") == (problem.message, problem.fix)
    assert "학급 명단 파일(CSV나 엑셀 .xlsx)의 경로를 주세요" in problem_text(problem, "ko")


def test_a_selection_file_naming_an_unknown_exercise_is_said_in_korean(content, tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("학번,이름\n2024001,김민준\n", encoding="utf-8")
    selection = tmp_path / "pick.txt"
    selection.write_text("main-idea\nmain-ideaa\n", encoding="utf-8")
    ko = assign(content, roster, selection, "ko", tmp_path / "ko")
    en = assign(content, roster, selection, "en", tmp_path / "en")
    where = f"{selection}:2"
    unknown = said_at(ko, where, "exercise", "오류")
    assert f"{SLUG} 수업에 'main-ideaa' 문항이 없습니다" in unknown, unknown
    assert "혹시 main-idea 문항을 뜻하셨습니까?" in unknown, unknown
    assert LEAD not in ko and not english_lines(ko), ko
    said_en = said_at(en, where, "exercise", "error")
    assert f"lesson '{SLUG}' has no exercise 'main-ideaa'" in said_en, said_en
    assert "did you mean main-idea?" in said_en, said_en


def test_a_selection_file_that_is_no_list_is_said_in_korean(content, tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("학번,이름\n2024001,김민준\n", encoding="utf-8")
    selection = tmp_path / "pick.yaml"
    selection.write_text("skills: [vocabulary, [main_idea]]\n", encoding="utf-8")
    ko = assign(content, roster, selection, "ko", tmp_path / "ko")
    said_ko = said_at(ko, f"{selection}:1", "skills", "오류")
    assert "항목 1(0부터 센 순서): id가 아닙니다" in said_ko and "skills: [a, b, c]처럼" in said_ko
    assert LEAD not in ko and not english_lines(ko), ko


def test_the_english_of_the_catalog_is_the_codes(content):
    """Each problem with a key of this round: the catalog's English, filled with the
    problem's fields, is the code's English (one text, not two that drift apart)."""
    _break_glossary_and_exercises(content)
    with i18n.using_language("en"):  # the Hanja checks speak the interface language
        report = validate(content)
        check_hanja(content, [SLUG], report)
    stale_cells(content, SLUG, report)
    keys = {p.key for p in report.problems}
    assert {
        "pronunciation_form",
        "pronunciation_syllables",
        "pronunciation_spelling",
        "ko_notes_unseen",
        "notes_unseen",
        "cloze_tests_ko",
        "template_month_order",
        "romanization_stale",
        "hanja_stale",
        "hanja_reading",
        "pydantic.dokhae_span_order",
    } <= keys, keys
    for problem in report.problems:
        if not problem.key or problem.key.startswith("pydantic."):
            continue
        message, fix = said(problem, "en") or ("", "")
        assert message == problem.message, problem
        assert fix == problem.fix, problem


def test_template_problems_have_the_codes_english():
    """Every rule of a template's parameters: a catalog key whose English is the code's."""
    import yaml

    from dokhae.lesson import ArithmeticTemplate
    from dokhae.templates import template_problems

    shipped = yaml.safe_load((ROOT / EXERCISES).read_text(encoding="utf-8"))["templates"][0]
    assert shipped["answer"]["compute"] == "months_between", shipped
    template = ArithmeticTemplate.model_validate(
        {
            **shipped,
            "params": {
                "d1": {"kind": "month", "min": "2019", "max": "2015-01", "step": 1.5, "example": 1},
                "d2": {"kind": "number", "min": "a", "max": 2, "example": 1},
                "d3": {"kind": "list", "min": 3, "max": 1, "example": 1},
                "d4": {"kind": "choice", "example": 1},
            },
        }
    )
    problems = template_problems(template)
    assert {p.key for p in problems} >= {
        "template_params_unused",
        "template_months",
        "template_month_step",
        "template_range_numbers",
        "template_range_order",
        "template_length",
        "template_choices",
    }, problems
    report = Report()
    for p in problems:
        report.error("x.yaml", 1, p.field, p.message, p.fix, key=p.key, fields=dict(p.fields))
    for problem in report.problems:
        assert said(problem, "en") == (problem.message, problem.fix), problem
        assert LEAD not in problem_text(problem, "ko"), problem


def test_exam_items_not_chosen_are_said_in_korean(content):
    """`dokhae export exam` with an item that is not approved, a misspelt id and an
    unknown kind: each problem in Korean words, the English the code's."""
    from dokhae.export.exam import select_items
    from dokhae.teacher.choosing import SelectionError
    from dokhae.validation import load_lesson

    edit(
        content,
        EXERCISES,
        "    status: {state: approved, by: dokhae authors, at: '2026-12-05T01:15:11+00:00'}",
        "    status: {state: rejected, by: dokhae authors, at: '2026-12-05T01:15:11+00:00'}",
    )
    lesson = load_lesson(SLUG, content)
    with pytest.raises(SelectionError) as caught:
        select_items(lesson, exercises=["insertion-0", "ordr-0"], kinds=["poem"])
    rejected, misspelt, kind = caught.value.report.errors
    for problem in (rejected, misspelt, kind):
        assert said(problem, "en") == (problem.message, problem.fix), problem
    assert (
        problem_text(rejected, "ko")
        .splitlines()[0]
        .endswith(
            "시험 문항 'insertion-0': 아직 승인되지 않았습니다(상태: rejected) (값: 'insertion-0')"
        )
    )
    assert "혹시 order-0 문항을 뜻하셨습니까?" in problem_text(misspelt, "ko")
    assert "'poem': 시험 문항 유형이 아닙니다" in problem_text(kind, "ko")
    korean = "\n".join(problem_text(p, "ko") for p in (rejected, misspelt, kind))
    assert LEAD not in korean and not english_lines(korean), korean


def test_a_private_bank_on_no_lesson_or_a_practice_prompt_is_said_in_korean(tmp_path):
    """`dokhae check my-test.yaml`: a bank naming a lesson that is not installed, and one
    copying a practice item's prompt, in Korean words; in English the code's."""
    from test_trust import BANK

    nowhere = tmp_path / "nowhere.yaml"
    nowhere.write_text("schema_version: 1\nlesson: no-such-lesson\nquestions: []\n")
    copied = tmp_path / "copied.yaml"
    copied.write_text(
        BANK.read_text(encoding="utf-8").replace(
            "In which city did the 20th Korea-Japan Steel Dialogue take place?",
            "What is the article mainly about?",
        ),
        encoding="utf-8",
    )
    ko = CliRunner(env={"DOKHAE_LANGUAGE": "ko"})
    said_ko = ko.invoke(main, ["check", str(nowhere)]).output
    said_ko += ko.invoke(main, ["check", str(copied)]).output
    assert "이 파일이 적은 수업 'no-such-lesson': 설치되어 있지 않습니다" in said_ko, said_ko
    assert f"예: lesson: {SLUG}" in said_ko, said_ko
    assert "연습 문항 'main-idea': 이 문항과 발문이 같습니다" in said_ko, said_ko
    assert LEAD not in said_ko and not english_lines(said_ko), said_ko
    en = CliRunner(env={"DOKHAE_LANGUAGE": "en"}).invoke(main, ["check", str(nowhere)]).output
    assert "names the lesson 'no-such-lesson', which is not installed" in en, en
