"""A CSV the csv module cannot read on (a cell over its 131,072-character limit): the
glossary and a teacher's hanja.csv report the line, keep the rows before it and never
stop on a traceback (files.counted_rows, the one row loop of both readers)."""

from __future__ import annotations

from pathlib import Path

import test_teacher_first_hour as first_hour
from test_check_speaks_korean import GLOSSARY, check, line_of
from test_hanja import table_of

HUGE = "x" * 200_000
content = first_hour.content
"""The fixture: a copy of the shipped lesson."""


def test_a_hanja_file_with_a_huge_cell_keeps_the_rows_before_it(tmp_path: Path):
    table, report = table_of(
        tmp_path, f"再,다시,재,again,\n開,열,개,{HUGE},\n協,화할,협,together,\n"
    )
    assert [(p.line, p.key) for p in report.errors] == [(3, "csv_unreadable")]
    assert "field larger than field limit" in report.errors[0].message
    assert table.get("再") and not table.get("協")


def test_a_glossary_with_a_huge_cell_is_reported_in_both_languages(content: Path):
    path = content / GLOSSARY
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    lines[2] += HUGE  # the second entry's last cell
    path.write_text("\n".join(lines), encoding="utf-8")
    line = line_of(content, GLOSSARY, HUGE)
    english = check(content, {"DOKHAE_LANGUAGE": "en"})
    assert f"{GLOSSARY}:{line}: error: the CSV cannot be read from this line on" in english
    korean = check(content, {"DOKHAE_LANGUAGE": "ko"})
    assert f"{GLOSSARY}:{line}: 오류: 이 줄부터는 CSV 파일을 읽을 수 없습니다" in korean
