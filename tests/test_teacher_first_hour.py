"""A Korean teacher's first hour (issue 24, points 1, 2, 3 and 10): files for Korean Excel,
a damaged file named as such, the lesson and folder a command used, `dokhae lesson show`,
and a command line that speaks Korean."""

from __future__ import annotations

import codecs
import csv
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dokhae import i18n
from dokhae.cli import main
from dokhae.cli.language import cli_language, commands, help_keys, translated_help
from dokhae.files import garbled_korean
from dokhae.sources import lesson_slugs
from test_teacher_support import write_roster

ROOT = Path(__file__).resolve().parents[1]
SLUG = "steel-dialogue-2023"
MINI = ROOT / "tests" / "data" / "mini"
GLOSSARY = ROOT / "glossary" / f"{SLUG}.csv"
HANGUL = "가-힣"


def run(*args: object, language: str = "en", **kwargs):
    result = CliRunner(env={"DOKHAE_LANGUAGE": language}).invoke(
        main, [str(a) for a in args], **kwargs
    )
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def excel_reads(data: bytes) -> str:
    """What Korean Excel shows when a CSV file is double-clicked: UTF-8 when the file
    starts with a byte-order mark, else the ANSI code page CP949."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig")
    return data.decode("cp949", errors="replace")


def excel_saves(text: str) -> bytes:
    """What Excel's default "CSV" format writes back on a Korean system."""
    return text.encode("cp949", errors="replace")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped lesson."""
    root = tmp_path / "content"
    for part in ("articles", "glossary", "exercises"):
        shutil.copytree(ROOT / part, root / part)
    return root


@pytest.fixture
def two_lessons(content: Path, monkeypatch) -> Path:
    """The shipped lesson and a second one (mini-lesson, first in the alphabet), the
    content folder chosen by DOKHAE_CONTENT."""
    for part in ("articles", "glossary", "exercises"):
        shutil.copytree(MINI / part, content / part, dirs_exist_ok=True)
    assert lesson_slugs(content) == ["mini-lesson", SLUG]
    monkeypatch.setenv("DOKHAE_CONTENT", str(content))
    return content


# --------------------------------------------------------------------------- 1. Korean Excel


def test_the_shipped_glossary_opens_in_korean_excel_with_its_korean_intact():
    data = GLOSSARY.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    shown = excel_reads(data)
    assert shown == data.decode("utf-8-sig")
    assert "공백" in shown and "怨듬갚" not in shown


def test_glossaries_dokhae_writes_have_a_bom(content, monkeypatch):
    """`lesson forms` writes the glossary back with a byte-order mark even when the file
    it read had none (it used to keep the file without one)."""
    path = content / "glossary" / f"{SLUG}.csv"
    path.write_bytes(path.read_bytes().removeprefix(codecs.BOM_UTF8))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("gongbaek", ""), encoding="utf-8", newline="")  # one cell to fill
    result = run("lesson", "forms", SLUG, "--root", content)
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    assert "gongbaek" in path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("saved_as", ["cp949", "utf-8"])
def test_check_names_a_glossary_garbled_by_excel_instead_of_listing_its_damage(content, saved_as):
    """The walk-through: opened without a BOM (read as CP949), saved again. Saved as CSV
    (CP949) or as "CSV UTF-8", the Korean is garbled: one error says so, in Korean and
    English, with how to restore the file, and nothing else is reported about it."""
    path = content / "glossary" / f"{SLUG}.csv"
    garbled = excel_reads(path.read_bytes().removeprefix(codecs.BOM_UTF8))
    path.write_bytes(excel_saves(garbled) if saved_as == "cp949" else garbled.encode("utf-8"))
    result = run("check", content)
    assert result.exit_code == 1
    assert result.output.count(": error:") == 1, result.output
    assert "opened in the wrong encoding" in result.output and "'공백'" in result.output
    assert "한글이 깨졌습니다" in result.output  # the Korean explanation, whatever the language
    assert "restore the file" in result.output and "read it correctly" not in result.output
    assert "1 error" in result.output


def test_a_glossary_saved_as_cp949_is_still_read_correctly(content):
    """A file Excel saved as CP949 from correct Korean is no damage: read, with a warning."""
    path = content / "glossary" / f"{SLUG}.csv"
    path.write_bytes(excel_saves(path.read_text(encoding="utf-8-sig")))
    result = run("check", content)
    assert result.exit_code == 0, result.output
    assert "CP949" in result.output and "wrong encoding" not in result.output


def test_garbled_korean_is_told_apart_from_sound_text():
    sound = GLOSSARY.read_text(encoding="utf-8-sig")
    assert garbled_korean(sound) is None
    assert garbled_korean("plain English") is None
    assert garbled_korean("空白; 中斷 한자와 한글") is None
    assert garbled_korean(excel_reads(sound.encode("utf-8"))) == ("怨듬갚", "공백")


# --------------------------------------------------------------------------- 2. which lesson


def test_a_second_lesson_does_not_change_what_assign_picks(two_lessons, tmp_path):
    """Without -l, assign asks which lesson (in both languages) instead of taking the
    first in the alphabet; with -l, it says the lesson it used and the folder."""
    write_roster(tmp_path / "class.csv", 2)
    asked = run("assign", tmp_path / "class.csv", "-o", tmp_path / "hw", "-e", "main-idea")
    assert asked.exit_code == 2
    assert "mini-lesson, steel-dialogue-2023" in asked.output
    assert "-l mini-lesson" in asked.output and "-l로 수업을 고르세요" in asked.output
    assert not (tmp_path / "hw").exists()
    made = run(
        "assign", tmp_path / "class.csv", "-o", tmp_path / "hw", "-l", SLUG, "-e", "main-idea"
    )
    assert made.exit_code == 0, made.output
    assert f"(lesson {SLUG})" in made.output
    assert f"Lessons from: {two_lessons} (set by DOKHAE_CONTENT)" in made.output


def test_exports_ask_for_the_lesson_when_there_are_several(two_lessons, tmp_path):
    asked = run("export", "glossary", "-o", tmp_path / "g.csv")
    assert asked.exit_code == 2 and "dokhae export glossary mini-lesson" in asked.output
    done = run("export", "glossary", SLUG, "-o", tmp_path / "g.csv")
    assert done.exit_code == 0 and f"Lesson: {SLUG} — S. Korea, Japan" in done.output


def test_one_lesson_needs_no_name(content, monkeypatch, tmp_path):
    monkeypatch.setenv("DOKHAE_CONTENT", str(content))
    write_roster(tmp_path / "class.csv", 1)
    made = run("assign", tmp_path / "class.csv", "-o", tmp_path / "hw", "-e", "main-idea")
    assert made.exit_code == 0, made.output
    # one exercise, one student: the singular
    assert "Assignment" in made.output and "1 exercise for 1 student (lesson" in made.output


def test_lessons_come_from_the_current_folder_when_it_holds_them(two_lessons, monkeypatch):
    monkeypatch.delenv("DOKHAE_CONTENT")
    monkeypatch.chdir(two_lessons)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert f"Lessons from: {two_lessons} (the current folder)" in result.output
    assert "Lessons checked: mini-lesson, steel-dialogue-2023" in result.output


# --------------------------------------------------------------------------- 3. lesson show


def test_lesson_show_lists_every_exercise_with_its_answer(lesson, tmp_path):
    result = run("lesson", "show", SLUG)
    assert result.exit_code == 0, result.output
    ids = [*lesson.questions, *lesson.templates]
    for exercise_id in ids:
        assert exercise_id in result.output
    assert f"{len(ids)} exercises in lesson {SLUG}." in result.output
    assert "Main idea (main_idea)" in result.output
    assert "CBAM arithmetic (arithmetic)" in result.output
    assert "1,244,490,624 ₩ (cost_in_krw, level 2)" in result.output  # e08-cost-in-krw

    written = run("lesson", "show", SLUG, "-o", tmp_path / "items.csv")
    assert written.exit_code == 0, written.output
    data = (tmp_path / "items.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = data.decode("utf-8-sig").splitlines()
    assert rows[0] == "no,id,kind,skill (-s),text tested,points,answer,sentences"
    assert len(rows) == len(ids) + 1 and rows[1].startswith("1,main-idea,Multiple choice,")
    tested = {row[1]: row[4] for row in csv.reader(rows[1:])}
    assert {q.id: q.tests for q in lesson.exercises.questions}.items() <= tested.items()
    assert set(tested.values()) == {"en", "ko", "both"}
    full = lesson.questions["main-idea"].choices[0].en
    assert full in data.decode("utf-8-sig")  # not cut as on screen


def test_lesson_show_writes_excel_with_korean_headers(tmp_path):
    from openpyxl import load_workbook

    result = run("lesson", "show", SLUG, "-o", tmp_path / "items.xlsx", language="ko")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "items.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header == ["번호", "id", "유형", "영역 (-s)", "묻는 글", "배점", "정답", "근거 문장"]
    assert sheet["B2"].value == "main-idea" and sheet["C2"].value == "객관식"
    rows = {r[1]: r[4] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["vocab-hiatus"] == "en" and rows["vocab-ko-jaegae"] == "ko"


def test_an_unknown_exercise_points_to_lesson_show(tmp_path):
    write_roster(tmp_path / "class.csv", 1)
    result = run("assign", tmp_path / "class.csv", "-o", tmp_path / "hw", "-e", "cbam-cost")
    assert result.exit_code == 1
    assert f"dokhae lesson show {SLUG} lists the lesson's exercise ids" in result.output


# --------------------------------------------------------------------------- 10. Korean


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"DOKHAE_LANGUAGE": "en", "LANG": "ko_KR.UTF-8"}, "en"),
        ({"DOKHAE_LANGUAGE": "ko", "LANG": "en_US.UTF-8"}, "ko"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "ko_KR.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "ko"),
        ({"LANG": "POSIX"}, "ko"),
        ({}, "ko"),
    ],
)
def test_the_language_of_the_command_line(environ, language):
    assert cli_language(environ) == language


def test_an_unknown_language_is_named_in_both_languages():
    with pytest.raises(click.UsageError, match=r"DOKHAE_LANGUAGE='fr'.*\n.*set it to ko"):
        cli_language({"DOKHAE_LANGUAGE": "fr"})


def test_every_command_and_option_has_korean_help():
    """A help text whose English changed, or a new option, without Korean is listed."""
    untranslated = [
        key
        for command, path in commands(main)
        for _, _, key, english in help_keys(command, path)
        if translated_help(key, english, "ko") is None
    ]
    assert untranslated == []


@pytest.mark.parametrize("command", [[], ["assign"], ["lesson", "show"], ["export", "glossary"]])
def test_help_speaks_korean(command):
    result = run(*command, "--help", language="ko")
    assert result.exit_code == 0
    assert result.output.startswith("사용법:") and "옵션:" in result.output
    assert "이 도움말을 보이고 끝냅니다." in result.output
    assert "Show this message" not in result.output
    english = run(*command, "--help", language="en")
    assert english.output.startswith("Usage:") and "Show this message and exit." in english.output


def test_messages_and_next_lines_speak_korean(tmp_path):
    write_roster(tmp_path / "class.csv", 2)
    made = run(
        "assign",
        tmp_path / "class.csv",
        "-o",
        tmp_path / "hw",
        "--id",
        "hw1",
        "-e",
        "main-idea",
        language="ko",
    )
    assert made.exit_code == 0, made.output
    assert f"과제 hw1: 학생 2명, 문항 1개 (수업 {SLUG})." in made.output
    assert "다음 단계: 학생 폴더들" in made.output and "Next:" not in made.output
    checked = run("check", language="ko")
    assert "확인 완료: 모든 수업에 문제가 없습니다(오류 0개" in checked.output
    missing = run("check", "--quiet", "--nope", language="ko")
    assert missing.exit_code == 2 and "그런 옵션이 없습니다: '--nope'" in missing.output


def test_the_command_leaves_the_interface_language_as_it_was():
    """The notebooks' language (Korean by default) is not changed by a command run in
    English in the same process."""
    assert i18n.get_language() == "ko"
    run("check", "--help", language="en")
    assert i18n.get_language() == "ko" and i18n.t("button.check") == "확인"


def test_exports_take_the_lesson_with_l_too(two_lessons, tmp_path):
    """`-l LESSON` as for assign (it was "No such option"), or LESSON; not two different."""
    done = run("export", "glossary", "-l", SLUG, "-o", tmp_path / "g.csv")
    assert done.exit_code == 0 and f"Lesson: {SLUG}" in done.output, done.output
    both = run("export", "glossary", "mini-lesson", "-l", SLUG, "-o", tmp_path / "g.csv")
    assert both.exit_code == 2 and "two lessons given" in both.output


def test_the_restore_hint_names_git_in_a_checkout_and_the_package_copy(tmp_path):
    from dokhae.files import restore_hint

    own = tmp_path / "lessons" / "glossary" / f"{SLUG}.csv"
    own.parent.mkdir(parents=True)
    (tmp_path / "lessons" / ".git").mkdir()
    hint = restore_hint(own)
    assert f'git checkout -- "{SLUG}.csv"' in hint
    assert f'"{GLOSSARY}"' in hint  # the shipped lesson's own copy
    assert "git checkout" not in restore_hint(tmp_path / "elsewhere" / "other.csv")
