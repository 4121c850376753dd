"""A teacher's own Hanja data (issue 25): `hanja.csv` in the content folder, beside
glossary/, read after the shipped data (the teacher's row wins for the same character and
reading); `dokhae check` validates it, and its warning about a character missing from the
data names that file."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.hanja import COLUMNS, characters, content_table, data_path, shipped_table
from dokhae.validation import load_lesson
from dokhae.widgets.hanja import hanja_html

ROOT = Path(__file__).resolve().parents[1]
SLUG = "steel-dialogue-2023"
HEADER = ",".join(COLUMNS) + "\n"
PLANTED = "協曆"
"""협력 with 曆 (책력 력, read 력 as 力 is) in place of 力: a character the shipped data lack."""


def run(root: Path, language: str = "en"):
    result = CliRunner(env={"DOKHAE_LANGUAGE": language}).invoke(main, ["check", str(root)])
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped lesson whose 협력 row has the Hanja 協曆."""
    root = tmp_path / "content"
    for folder in ("articles", "glossary", "exercises"):
        shutil.copytree(ROOT / folder, root / folder)
    path = root / "glossary" / f"{SLUG}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for record in rows:
        if record["id"] == "ko-hyeomnyeok":
            record["hanja"] = PLANTED
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return root


def test_the_planted_character_is_not_shipped():
    assert "曆" not in shipped_table() and "協" in shipped_table()


def test_the_missing_character_fix_names_the_teachers_file(content):
    result = run(content)
    assert result.exit_code == 0, result.output  # a warning
    own = content / "hanja.csv"
    assert f"add a row for 曆 to {own} (a CSV file with the header row" in result.output
    assert str(data_path()) not in result.output
    korean = run(content, "ko")
    assert f"한자 자료 {own} 파일에 曆 행을 더하세요" in korean.output


def test_the_teachers_row_fills_the_gap_for_check_and_for_the_gloss(content, monkeypatch):
    (content / "hanja.csv").write_text(HEADER + "曆,책력,력,calendar,\n", encoding="utf-8")
    result = run(content)
    assert result.exit_code == 0, result.output
    assert "曆" not in result.output  # neither missing nor misread
    lesson = load_lesson(SLUG, content)
    entry = lesson.entry("ko-hyeomnyeok")
    found = characters(entry, content_table(content))
    assert [(c.hanja, c.reading and c.reading.hun_eum) for c in found] == [
        ("協", "화할 협"),
        ("曆", "책력 력"),
    ]
    # the notebooks use the content folder's data: the gloss shows the teacher's row
    monkeypatch.setenv("DOKHAE_CONTENT", str(content))
    html = hanja_html(entry, lesson.glossary, "en")
    assert '<span lang="ko">책력 력</span> <span lang="en">“calendar”</span>' in html


def test_the_teachers_row_wins_for_the_same_character_and_reading(content, tmp_path):
    own = content / "hanja.csv"
    own.write_text(HEADER + "再,두,재,twice,\n易,쉬울,이,easy,\n", encoding="utf-8")
    table = content_table(content)
    assert [r.hun_eum for r in table.get("再")] == ["두 재"]  # the shipped 다시 재 replaced
    assert {r.eum for r in table.get("易")} >= {"이"}
    assert table.get("開") == shipped_table().get("開")  # the rest as shipped
    entry = load_lesson(SLUG, content).entry("resume")
    assert characters(entry, table)[0].reading.meaning == "twice"
    # a change to the file is read again
    own.write_text(HEADER + "再,다시,재,once more,\n", encoding="utf-8")
    assert content_table(content).get("再")[0].meaning == "once more"
    # without the file: the shipped data
    assert content_table(tmp_path) is shipped_table()


def test_check_validates_the_teachers_file(content):
    own = content / "hanja.csv"
    own.write_text(HEADER + "曆,책력,력,calendar,\n再,다시,재개,again,\n", encoding="utf-8")
    result = run(content)
    assert result.exit_code == 1, result.output
    # named relative to the content folder, as the lesson's files are
    assert "\nhanja.csv:3: error: eum:" in result.output and "'재개'" in result.output
    own.write_text("char,reading\n曆,력\n", encoding="utf-8")
    result = run(content)
    assert result.exit_code == 1 and "\nhanja.csv:1: error:" in result.output
    assert "the header row must be hanja,hun,eum,meaning,unsure" in result.output


def test_a_broken_teachers_row_leaves_that_character_without_its_reading(content):
    (content / "hanja.csv").write_text(HEADER + "曆,책력,,calendar,\n", encoding="utf-8")
    entry = load_lesson(SLUG, content).entry("ko-hyeomnyeok")
    found = characters(entry, content_table(content))
    assert found[1].hanja == "曆" and found[1].reading is None
