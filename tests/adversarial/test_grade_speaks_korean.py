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
from dokhae.teacher import submissions
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
    rest = [line for line in lines[start + 1 :] if line.startswith("    ")]
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    assert rest, output
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
