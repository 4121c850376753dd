"""The 난이도 of the 문항정보표 (`dokhae export exam`): from the share correct (p) where a
gradebook holds the item, else estimated from the item's kind; every cell says which."""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.exam.levels import EASY_ABOVE, HARD_BELOW, KIND_LEVELS, level_of_p
from dokhae.export.exam import info_rows, key_html, make_exam
from dokhae.export.exam_files import write_exam
from dokhae.teacher.gradebook import Gradebook
from dokhae.teacher.reports import item_difficulties

SLUG = "steel-dialogue-2023"


def test_the_bands_of_p():
    assert [level_of_p(p) for p in (0.0, 0.24, 0.25, 0.5, 0.75, 0.76, 1.0)] == [
        "상",
        "상",
        "중",
        "중",
        "중",
        "하",
        "하",
    ]
    assert (HARD_BELOW, EASY_ABOVE) == (0.25, 0.75)
    with pytest.raises(ValueError, match="between 0 and 1"):
        level_of_p(1.5)


def test_without_a_gradebook_each_level_is_the_estimate_of_its_kind(lesson, tmp_path):
    exam = make_exam(lesson, seed=3)
    rows = info_rows(exam)
    assert rows and all(row["난이도 근거"] == "유형별 추정" for row in rows)
    assert [row["난이도"] for row in rows] == [KIND_LEVELS[row["kind"]] for row in rows]
    files = write_exam(exam, tmp_path / "exam.html")
    with files.info_csv.open(encoding="utf-8-sig", newline="") as f:
        written = {r["문항 ID"]: r for r in csv.DictReader(f)}
    for row in rows:
        assert written[row["문항 ID"]]["난이도"] == row["난이도"] in ("상", "중", "하")
    key = html.unescape(files.key.read_text(encoding="utf-8"))
    assert "'유형별 추정'은 문항 유형만 보고 어림한 값입니다" in key
    assert "채점 결과" not in key and "비워 두었습니다" not in key


def write_gradebook(path: Path, scores: dict[str, list[float]], aid: str = "hw1") -> None:
    """A gradebook of one assignment: ``scores[item]`` is each student's share of the
    item's points (students s0, s1, ... in order)."""
    n = len(next(iter(scores.values())))
    with Gradebook(path) as book:
        book.replace(
            {"assignment_id": aid, "lesson": SLUG, "max_points": float(len(scores))},
            [
                {
                    "exercise_id": item,
                    "position": i,
                    "type": "exam",
                    "points": 1.0,
                    "manual": False,
                    "prompt_en": item,
                    "prompt_ko": item,
                }
                for i, item in enumerate(scores)
            ],
            [
                {
                    "student_id": f"s{k}",
                    "position": k,
                    "name": f"학생{k}",
                    "status": "submitted",
                    "submission": None,
                }
                for k in range(n)
            ],
            [
                {
                    "student_id": f"s{k}",
                    "exercise_id": item,
                    "answer": '"x"',
                    "canonical": "x",
                    "status": "correct" if score == 1 else "wrong",
                    "score": score,
                    "points": score,
                    "max_points": 1.0,
                    "manual": False,
                    "saved_at": None,
                }
                for item, row in scores.items()
                for k, score in enumerate(row)
            ],
            [],
            [],
        )


def test_a_graded_item_takes_its_level_from_p(lesson, tmp_path):
    ids = [item.id for item in lesson.exam_items.values()]
    assert len(ids) >= 3
    hard, middle, easy = ids[:3]
    book = tmp_path / "gradebook.sqlite3"
    write_gradebook(
        book,
        {hard: [1, 0, 0, 0, 0], middle: [1, 1, 1, 0, 0], easy: [1, 1, 1, 1, 0]},
    )
    assert item_difficulties([book]) == {hard: (0.2, 5), middle: (0.6, 5), easy: (0.8, 5)}
    exam = make_exam(lesson, seed=3, gradebooks=[book])
    rows = {row["문항 ID"]: row for row in info_rows(exam)}
    assert [rows[i]["난이도"] for i in (hard, middle, easy)] == ["상", "중", "하"]
    assert rows[hard]["난이도 근거"] == "채점 결과 p = 0.20 (5명)"
    assert rows[easy]["난이도 근거"] == "채점 결과 p = 0.80 (5명)"
    for item_id, row in rows.items():
        if item_id not in (hard, middle, easy):
            assert row["난이도 근거"] == "유형별 추정"
            assert row["난이도"] == KIND_LEVELS[row["kind"]]
    key = html.unescape(key_html(exam))
    assert "전에 채점한 성적부의 정답률 p로 정했습니다(p < 0.25 상" in key
    assert "'유형별 추정'은" in key  # the other items are estimated


def test_two_gradebooks_are_pooled_by_students(lesson, tmp_path):
    item = next(iter(lesson.exam_items))
    one, two = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    write_gradebook(one, {item: [1, 1, 0, 0]})  # p 0.5 of 4
    write_gradebook(two, {item: [1, 1, 1, 1, 1, 1]}, aid="hw2")  # p 1.0 of 6
    p, n = item_difficulties([one, two])[item]
    assert n == 10 and p == pytest.approx(0.8)
    rows = info_rows(make_exam(lesson, seed=3, gradebooks=[one, two]))
    row = next(r for r in rows if r["문항 ID"] == item)
    assert row["난이도"] == "하" and row["난이도 근거"] == "채점 결과 p = 0.80 (10명)"


def test_the_command_takes_gradebooks_and_names_a_missing_one(lesson, tmp_path):
    item = next(iter(lesson.exam_items))
    book = tmp_path / "gradebook.sqlite3"
    write_gradebook(book, {item: [0, 0, 0, 0, 1]})
    out = tmp_path / "exam.html"
    runner = CliRunner(env={"DOKHAE_LANGUAGE": "ko"})
    result = runner.invoke(
        main, ["export", "exam", SLUG, "-o", str(out), "--seed", "1", "--gradebook", str(book)]
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "exam-info.csv").open(encoding="utf-8-sig", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["문항 ID"] == item)
    assert (row["난이도"], row["난이도 근거"]) == ("상", "채점 결과 p = 0.20 (5명)")
    missing = tmp_path / "nowhere.sqlite3"
    result = runner.invoke(
        main, ["export", "exam", SLUG, "-o", str(out), "--gradebook", str(missing)]
    )
    assert result.exit_code == 1 and "성적부가 없습니다" in result.output, result.output
    assert not missing.exists()
