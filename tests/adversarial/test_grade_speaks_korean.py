"""`dokhae grade` says what is wrong with a broken or foreign submission in the command's
language: in Korean, words of the catalog naming the file and the fix (no English sentence
under a Korean lead line); in English, the library's own words, unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae import i18n
from dokhae.cli import main
from dokhae.problem_text import said
from dokhae.problems import Report
from dokhae.teacher import grade, submissions
from dokhae.teacher.submissions import FIX_RESUBMIT, collect

LEAD = i18n.t("check.text.english_only", "ko")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _break(collected):
    """A damaged answers file, a file of another program named answers.json, a notebook
    with no answers file and no student id, and an LMS zip that is no zip."""
    (collected / "s1" / "answers.json").write_text('{"format": "dokhae-answers', encoding="utf-8")
    (collected / "s2" / "answers.json").write_text('{"format": "kahoot"}', encoding="utf-8")
    stray = collected / "stray"
    stray.mkdir()
    notebook = {"metadata": {"dokhae": {"assignment_id": "hw1"}}, "cells": []}
    (stray / "copy.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (collected / "lms.zip").write_bytes(b"PK\x03\x04 not really a zip")


def _foreign(collected):
    """Files of another assignment, of a stranger and of nobody's folder; a forged file
    (s1's answers planted in s2's folder) and a copy (s1's file renamed to s3)."""
    data = json.loads((collected / "s1" / "answers.json").read_text(encoding="utf-8"))
    files = {
        "other-answers.json": dict(data, assignment_id="hw-old"),
        "stranger-answers.json": dict(data, student_id="s9"),
        "loose-answers.json": data,
        "s2/forged-answers.json": data,
        "s3/copied-answers.json": dict(data, student_id="s3"),
    }
    for name, content in files.items():
        (collected / name).write_text(json.dumps(content), encoding="utf-8")


def _grade(collected, assigned, tmp_path, language):
    args = ["grade", str(collected), "--key", str(assigned.key), "--no-progress"]
    args += ["--gradebook", str(tmp_path / f"book-{language}.sqlite3")]
    result = CliRunner(env={"DOKHAE_LANGUAGE": language}).invoke(main, args)
    assert "Traceback" not in result.output, result.output
    return result.output


def _block(output, where):
    """The lines of ``output`` from the problem at ``where`` up to the next problem."""
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(where + ":"))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    assert len(block) > 1, output  # a fix line under the problem
    return "\n".join(block)


def test_grade_says_broken_submissions_in_korean(assigned, collected, tmp_path):
    _break(collected)
    out = _grade(collected, assigned, tmp_path, "ko")
    assert LEAD not in out, out
    damaged = _block(out, "s1/answers.json")
    assert "오류: 답안 파일이 손상되었습니다(올바른 JSON이 아닙니다:" in damaged, damaged
    assert "고칠 방법: 학생에게 과제 폴더를 다시 내도록 하세요" in damaged, damaged
    foreign = _block(out, "s2/answers.json")
    assert "format: dokhae 답안 파일이 아닙니다 (값: 'kahoot')" in foreign, foreign
    assert "이 파일이 이 과제의 것인지 확인하세요" in foreign, foreign
    nobody = _block(out, "stray/copy.ipynb")
    assert "경고: 노트북 옆에 `answers.json` 파일이 없고" in nobody, nobody
    zipped = _block(out, "lms.zip")
    assert "읽을 수 없는 zip 파일입니다(" in zipped and "다시 내려받으세요" in zipped, zipped
    for block in (damaged, foreign, nobody, zipped):
        assert "fix:" not in block and "ask the student" not in block, block


def test_grade_keeps_its_english(assigned, collected, tmp_path):
    _break(collected)
    out = _grade(collected, assigned, tmp_path, "en")
    assert not HANGUL.search(_block(out, "s1/answers.json"))
    assert "s1/answers.json: error: the answers file is damaged (not valid JSON:" in out, out
    assert f"    fix: {FIX_RESUBMIT}" in out, out
    assert "s2/answers.json: error: format: not a dokhae answers file (value: 'kahoot')" in out
    assert "stray/copy.ipynb: warning: a notebook with no answers.json beside it" in out, out
    assert "lms.zip: error: not a readable zip file (" in out, out


def test_grade_says_whose_work_in_korean(assigned, collected, tmp_path):
    _foreign(collected)
    out = _grade(collected, assigned, tmp_path, "ko")
    assert LEAD not in out, out
    said_ko = {
        "other-answers.json": "다른 과제의 답안이라 건너뛰었습니다(이 파일의 과제: 'hw-old'",
        "stranger-answers.json": "과제 명단에 없는 학생이라 건너뛰었습니다",
        "loose-answers.json": "누구의 것인지 알 수 없어 건너뛰었습니다(파일에 적힌 학번: 's1'.",
        "s2/forged-answers.json": "학생 「s2」의 폴더에서 나왔지만 파일에 적힌 학번은 's1'입니다",
        "s3/copied-answers.json": "학생 「s3」의 폴더가 아니라 학생 「s1」의 폴더에서 만들어졌습니다",
        "s2/answers.json": "학생 「s1」의 답안(s1/answers.json)과 글자 하나까지 같습니다",
    }
    for where, words in said_ko.items():
        block = _block(out, where)
        assert words in block and "고칠 방법: " in block, block
        assert "fix:" not in block, block
    assert "두 학생에게 확인하세요. 학생 「s2」 자신의" in _block(out, "s2/forged-answers.json")


def test_grade_keeps_its_english_of_whose_work(assigned, collected, tmp_path):
    _foreign(collected)
    out = _grade(collected, assigned, tmp_path, "en")
    assert "other-answers.json: error: assignment_id: answers of another assignment " in out
    assert "s2/forged-answers.json: error: student_id: found in s2's work, but the file " in out
    assert "made in s1's folder (a copy of s1's file), not in s3's; graded for nobody" in out
    assert "the same answers, letter for letter, as s1's (s1/answers.json)" in out, out
    assert not HANGUL.search(_block(out, "s3/copied-answers.json"))


def test_the_english_of_the_catalog_is_the_codes_for_grading(assigned, collected, tmp_path):
    _foreign(collected)
    result = grade(collected, assigned.key, gradebook_path=tmp_path / "book.sqlite3")
    keys = {p.key for p in result.problems}
    assert {
        "grade_other_assignment",
        "grade_not_on_roster",
        "grade_whose",
        "grade_forged",
        "grade_copied_file",
        "grade_identical",
    } <= keys, keys
    for problem in result.problems:
        if not problem.key:
            continue
        assert said(problem, "ko") is not None, problem
        assert said(problem, "en") == (problem.message, problem.fix), problem


def test_the_english_of_the_catalog_is_the_codes(assigned, collected, tmp_path):
    """Each submission problem: the catalog's English, filled from the problem's fields,
    is the code's English (one text, not two that drift apart)."""
    _break(collected)
    (collected / "s3" / "answers.json").write_text("", encoding="utf-8")
    report = Report(root=collected)
    collect(collected, report, progress=False)
    keys = {p.key for p in report.problems}
    assert {
        "submission_answers_damaged",
        "submission_not_answers",
        "submission_notebook_nobody",
        "submission_zip_unreadable",
        "submission_answers_empty",
    } <= keys, keys
    for problem in report.problems:
        assert problem.key, problem
        for language in ("en", "ko"):
            assert said(problem, language) is not None, (language, problem)
        assert said(problem, "en") == (problem.message, problem.fix), problem


@pytest.mark.parametrize("language", ["ko", "en"])
def test_each_submission_key_is_in_both_catalogs(language):
    texts = i18n.catalog(language)
    source = Path(submissions.__file__ or "").read_text(encoding="utf-8")
    keys = set(re.findall(r'key="(submission_\w+)"', source))
    assert len(keys) >= 14, keys
    for key in keys:
        assert f"check.{key}.message" in texts, key


def _bad_marks(assigned, tmp_path, language):
    """manual_marks.csv and accepted_answers.csv as a teacher gets them wrong in Excel."""
    folder = tmp_path / language
    folder.mkdir()
    (folder / "manual_marks.csv").write_text(
        "assignment_id,student_id,exercise_id,answer,points\n"
        "hw1,s9,main-idea,a,1\n"
        "hw1,s1,main-idea,a,one\n"
        "hw1,s1,no-such,a,1\n"
        "hw1,s1,main-idea,a,99\n",
        encoding="utf-8",
    )
    (folder / "accepted_answers.csv").write_text("answer\nEU\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("language", ["ko", "en"])
def test_grade_says_a_teachers_bad_marks_in_the_commands_language(
    assigned, collected, tmp_path, language
):
    folder = _bad_marks(assigned, tmp_path, language)
    out = _grade(collected, assigned, folder, language)  # the marks are beside the gradebook
    marks, accepted = str(folder / "manual_marks.csv"), str(folder / "accepted_answers.csv")
    expected = {
        "ko": {
            f"{marks}:2": "student_id: 이 과제를 받은 학생이 아니라서 점수를 주지 않았습니다",
            f"{marks}:3": "points: 숫자가 아닙니다 (값: 'one')\n    고칠 방법: 점수를 숫자로",
            f"{marks}:4": "exercise_id: 이 과제의 문항이 아닙니다",
            f"{marks}:5": "points: 점수 범위(0..1) 밖입니다 (값: '99')\n    고칠 방법: 0점부터 1점",
            f"{accepted}:1": "header: 없는 열이 있습니다: exercise_id\n    고칠 방법: dokhae가 쓴",
        },
        "en": {
            f"{marks}:2": "student_id: not a student of this assignment; the mark is not given",
            f"{marks}:3": "points: not a number (value: 'one')\n    fix: write the points",
            f"{marks}:4": "exercise_id: not an exercise of this assignment",
            f"{marks}:5": "points: out of range 0..1 (value: '99')\n    fix: give between 0 and 1",
            f"{accepted}:1": "header: columns missing: exercise_id\n    fix: keep the header",
        },
    }[language]
    for where, words in expected.items():
        assert words in _block(out, where), out
    assert LEAD not in out, out


def test_the_english_of_the_catalog_is_the_codes_for_marks_and_accepted(assigned, tmp_path):
    from dokhae.teacher.accepted import accepted_answers
    from dokhae.teacher.gradebook import read_marks

    folder = _bad_marks(assigned, tmp_path, "en")
    with (folder / "manual_marks.csv").open("a", encoding="utf-8") as f:
        f.write("hw1,1,main-idea,a,1\n")  # the id 01, as Excel saves it
    report = Report()
    read_marks(folder / "manual_marks.csv", "hw1", {"main-idea": 1.0}, report, {"s1", "01"})
    accepted_answers(folder / "accepted_answers.csv", [], {}, report)
    (folder / "accepted_answers.csv").write_text("exercise_id,answer\nmain-idea,b\n")
    accepted_answers(folder / "accepted_answers.csv", [], {"main-idea": "single_choice"}, report)
    keys = {p.key for p in report.problems}
    assert {
        "mark_not_a_student",
        "mark_zeros_dropped",
        "mark_not_a_number",
        "mark_not_an_exercise",
        "mark_out_of_range",
        "grade_columns_missing",
        "accepted_not_text",
    } <= keys, keys
    for problem in report.problems:
        assert problem.key, problem
        assert said(problem, "ko") is not None, problem
        assert said(problem, "en") == (problem.message, problem.fix), problem


def test_a_hostile_answers_file_is_said_in_korean_with_its_detail(assigned, collected, tmp_path):
    """A list where answers are expected (the file's format check says what, in English,
    as a field) and a dict where words are expected (the key cannot read it)."""
    path = collected / "s2" / "answers.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(dict(data, answers=[1, 2, 3])), encoding="utf-8")
    path = collected / "s3" / "answers.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["answers"]["name-of-cbam"]["value"] = {"__class__": "x"}
    path.write_text(json.dumps(data), encoding="utf-8")
    result = grade(collected, assigned.key, gradebook_path=tmp_path / "book.sqlite3")
    keys = {p.key for p in result.problems}
    assert {"submission_answers_invalid", "grade_answer_unreadable"} <= keys, keys
    for problem in result.problems:
        assert said(problem, "en") == (problem.message, problem.fix), problem
    out = _grade(collected, assigned, tmp_path, "ko")
    assert LEAD not in out, out
    invalid = _block(out, "s2/answers.json")
    assert "오류: answers: 답안 파일의 형식이 맞지 않습니다: " in invalid, invalid
    assert "고칠 방법: 학생에게 과제 폴더를 다시 내도록 하세요" in invalid, invalid
    unreadable = _block(out, "s3/answers.json")
    assert "경고: name-of-cbam: 이 답은 읽을 수 없어 답하지 않은 것으로 봅니다(" in unreadable, out
