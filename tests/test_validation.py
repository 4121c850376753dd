"""`dokhae check`: every bad input gets a message naming file, line, field, value and fix."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae import LessonError, load_lesson
from dokhae import validate as check
from dokhae.cli import main

MINI = Path(__file__).parent / "data" / "mini"
SLUG = "mini-lesson"


@pytest.fixture
def lesson_dir(tmp_path: Path) -> Path:
    """A writable copy of the small, valid test lesson."""
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def only(report, field: str = "", file_end: str = "", severity: str = "error"):
    """The single problem of ``severity`` whose field contains ``field`` in a file ending so."""
    found = [
        p
        for p in report.problems
        if p.severity == severity and field in p.field and p.file.endswith(file_end)
    ]
    assert len(found) == 1, f"expected one {severity} on {field!r} in *{file_end}, got:\n{report}"
    return found[0]


def test_valid_lesson_has_no_problems(lesson_dir):
    """Is the untouched test lesson accepted with nothing to say?"""
    report = check(lesson_dir)
    assert report.problems == [], str(report)
    lesson = load_lesson(SLUG, root=lesson_dir)
    assert lesson.article.title.en == "Talks resume after a long hiatus"
    assert [p.id for p in lesson.article.paragraphs] == ["h1", "c1", "p1", "p2"]
    assert lesson.article.sentences["p1s2"].ko.startswith("이 같은 회의가")


def test_sentence_without_translation(lesson_dir):
    ko = lesson_dir / "articles" / SLUG / "article.ko.md"
    edit(ko, "p1s2 | 이 같은 회의가 마지막으로 열린 것은 2018년 11월이었다.\n", "")
    p = only(check(lesson_dir), "p1s2", "article.ko.md")
    assert "has no Korean translation" in p.message
    assert "p1s2 |" in p.fix and "paragraph p1" in p.fix


def test_sentence_with_two_translations(lesson_dir):
    ko = lesson_dir / "articles" / SLUG / "article.ko.md"
    edit(
        ko,
        "p2s1 | 양측은 손을 맞잡기로 다짐했다.",
        "p2s1 | 양측은 손을 맞잡기로 다짐했다.\np2s1 | 양측은 협력을 약속했다.",
    )
    report = check(lesson_dir)
    messages = [p for p in report.errors if p.field == "p2s1"]
    assert any("used twice (lines 8 and 9)" in p.message and p.line == 9 for p in messages), str(
        report
    )


def test_korean_line_for_unknown_sentence(lesson_dir):
    ko = lesson_dir / "articles" / SLUG / "article.ko.md"
    edit(ko, "p2s1 | 양측은", "p2s2 | 양측은")
    report = check(lesson_dir)
    found = [p for p in report.errors if p.field == "p2s2" and "no English sentence" in p.message]
    assert len(found) == 1 and found[0].line == 8, str(report)
    assert any(p.field == "p2s1" and "no Korean translation" in p.message for p in report.errors)


def test_malformed_article_line(lesson_dir):
    en = lesson_dir / "articles" / SLUG / "article.en.md"
    edit(en, "p2s1 | They vowed", "p2s1 They vowed")
    p = only(check(lesson_dir), "", "article.en.md")
    assert p.line == 8 and "'id | text'" in p.message


def test_glossary_form_not_in_article(lesson_dir):
    csv_path = lesson_dir / "glossary" / f"{SLUG}.csv"
    edit(csv_path, "resume; resumed,", "resume; resumes,")
    p = only(check(lesson_dir), "forms", ".csv")
    assert (p.line, p.value) == (2, "resumes")
    assert p.message == "this form does not occur in the English article"
    assert "article.en.md" in p.fix


def test_glossary_korean_form_not_in_translation(lesson_dir):
    edit(lesson_dir / "glossary" / f"{SLUG}.csv", ",공백,", ",휴지기,")
    p = only(check(lesson_dir), "ko_forms", ".csv")
    assert (p.line, p.value) == (3, "휴지기")


def test_glossary_duplicate_id(lesson_dir):
    edit(lesson_dir / "glossary" / f"{SLUG}.csv", "\nhiatus,hiatus,", "\nresume,hiatus,")
    p = only(check(lesson_dir), "id", ".csv")
    assert p.line == 3 and "first used on line 2" in p.message and p.value == "resume"


def test_exercise_duplicate_id(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "- id: q2", "- id: q1")
    p = only(check(lesson_dir), ".id", ".yaml")
    assert p.line == 14 and p.value == "q1" and "first used on line 4" in p.message


def test_answer_not_among_choices(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "    answer: a\n", "    answer: c\n")
    p = only(check(lesson_dir), "q1.answer", ".yaml")
    assert p.line == 12 and p.value == "c"
    assert p.message == "the answer is not among the choices" and "a, b" in p.fix


def test_reference_to_missing_sentence(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "sentences: [p2s1]", "sentences: [p9s1]")
    p = only(check(lesson_dir), "q2.sentences", ".yaml")
    assert p.line == 17 and p.value == "p9s1" and "no sentence with this id" in p.message


def test_glossary_reference_to_missing_sentence(lesson_dir):
    edit(lesson_dir / "glossary" / f"{SLUG}.csv", ",p1s1,", ",p1s9,")
    p = only(check(lesson_dir), "sentence_id", ".csv")
    assert (p.line, p.value) == (2, "p1s9")


def test_nfd_hangul_is_normalised_with_a_warning(lesson_dir):
    ko = lesson_dir / "articles" / SLUG / "article.ko.md"
    text = ko.read_text(encoding="utf-8")
    ko.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    report = check(lesson_dir)
    assert report.errors == [], str(report)
    p = only(report, "", "article.ko.md", severity="warning")
    assert "decomposed Hangul (NFD)" in p.message and p.line == 1
    lesson = load_lesson(SLUG, root=lesson_dir)
    assert lesson.article.sentences["p2s1"].ko == "양측은 손을 맞잡기로 다짐했다."


def test_cp949_csv_is_read_with_a_warning(lesson_dir):
    csv_path = lesson_dir / "glossary" / f"{SLUG}.csv"
    csv_path.write_bytes(csv_path.read_text(encoding="utf-8").encode("cp949"))
    report = check(lesson_dir)
    assert report.errors == [], str(report)
    p = only(report, "", ".csv", severity="warning")
    assert "CP949/EUC-KR" in p.message and "CSV UTF-8" in p.fix
    lesson = load_lesson(SLUG, root=lesson_dir)
    assert lesson.entry("resume").ko == ("재개하다", "다시 시작하다")


def test_utf8_bom_is_accepted_silently(lesson_dir):
    csv_path = lesson_dir / "glossary" / f"{SLUG}.csv"
    csv_path.write_bytes(b"\xef\xbb\xbf" + csv_path.read_bytes())
    report = check(lesson_dir)
    assert report.problems == [], str(report)
    assert load_lesson(SLUG, root=lesson_dir).glossary[0].id == "resume"


def test_empty_required_cell(lesson_dir):
    edit(lesson_dir / "glossary" / f"{SLUG}.csv", ",a pause in an activity,", ",,")
    p = only(check(lesson_dir), "definition", ".csv")
    assert p.line == 3 and p.message == "empty required value" and "fill in `definition`" in p.fix


def test_missing_column(lesson_dir):
    csv_path = lesson_dir / "glossary" / f"{SLUG}.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != 6) for line in lines]
    csv_path.write_text("\n".join(cut) + "\n", encoding="utf-8")
    p = only(check(lesson_dir), "definition", ".csv")
    assert p.line == 1 and "missing from the header" in p.message


def test_yaml_syntax_error_names_its_line(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "    answer: join\n", "    answer: [join\n")
    p = only(check(lesson_dir), "", ".yaml")
    assert p.message.startswith("YAML syntax error") and p.line in (20, 21)
    assert "indentation" in p.fix


def test_unknown_field_and_bad_type(lesson_dir):
    path = lesson_dir / "exercises" / f"{SLUG}.yaml"
    edit(path, "    type: cloze\n", "    type: cloze\n    answr: join\n")
    edit(path, "skill: reference", "skill: guessing")
    report = check(lesson_dir)
    unknown = only(report, "answr", ".yaml")
    assert unknown.message == "unknown field" and unknown.line == 16
    skill = only(report, "skill", ".yaml")
    assert skill.line == 6 and skill.value == "guessing" and "'main_idea'" in skill.message


def test_cloze_must_match_the_article(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "    answer: join\n", "    answer: joined\n")
    p = only(check(lesson_dir), "q2.answer", ".yaml")
    assert p.value == "joined" and "not in the cited sentence" in p.message


def test_ordering_answer_must_be_a_permutation(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "answer: [old, new]", "answer: [old, old]")
    p = only(check(lesson_dir), "q3.answer", ".yaml")
    assert p.value == ["old", "old"]


def test_schema_version_is_required(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "schema_version: 1\n", "schema_version: 7\n")
    p = only(check(lesson_dir), "schema_version", ".yaml")
    assert (
        p.value == 7 and "schema_version: 2" in p.fix
    )  # the current version of the exercises file


def test_all_problems_are_reported_at_once(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "    answer: a\n", "    answer: c\n")
    edit(lesson_dir / "glossary" / f"{SLUG}.csv", "resume; resumed,", "resume; resumes,")
    edit(lesson_dir / "articles" / SLUG / "article.ko.md", "p2s1 | ", "p2s2 | ")
    files = {p.file.split("/")[-1] for p in check(lesson_dir).errors}
    assert {"mini-lesson.yaml", "mini-lesson.csv", "article.ko.md"} <= files


def test_load_lesson_raises_with_every_problem(lesson_dir):
    edit(lesson_dir / "exercises" / f"{SLUG}.yaml", "    answer: a\n", "    answer: c\n")
    with pytest.raises(LessonError) as info:
        load_lesson(SLUG, root=lesson_dir)
    assert "the answer is not among the choices" in str(info.value)
    assert info.value.report.errors[0].line == 12


def test_cli_check_exit_codes_and_messages(lesson_dir):
    runner = CliRunner()
    ok = runner.invoke(main, ["check", str(lesson_dir)])
    assert ok.exit_code == 0, ok.output
    assert "OK: every lesson is valid (0 errors, 0 warnings)" in ok.output
    edit(lesson_dir / "glossary" / f"{SLUG}.csv", "resume; resumed,", "resume; resumes,")
    bad = runner.invoke(main, ["check", str(lesson_dir / "glossary" / f"{SLUG}.csv")])
    assert bad.exit_code == 1
    assert "glossary/mini-lesson.csv:2: error: forms: this form does not occur" in bad.output
    assert "Traceback" not in bad.output


def test_cli_check_unknown_lesson(lesson_dir, monkeypatch):
    monkeypatch.setenv("DOKHAE_CONTENT", str(lesson_dir))
    result = CliRunner().invoke(main, ["check", "no-such-lesson"])
    assert result.exit_code == 1
    assert "no lesson called 'no-such-lesson'" in result.output and "mini-lesson" in result.output
