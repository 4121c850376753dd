"""`dokhae export glossary`: the glossary as CSV (UTF-8 with BOM) or Excel."""

from __future__ import annotations

import codecs

import pandas as pd
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.export import glossary_export_table, write_glossary


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_csv_has_a_byte_order_mark_and_korean_round_trips(lesson, tmp_path):
    out = tmp_path / "glossary.csv"
    result = run("export", "glossary", lesson.slug, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"Wrote {len(lesson.glossary)} glossary entries" in result.output
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # so Excel reads the file as UTF-8
    table = pd.read_csv(out, encoding="utf-8-sig", keep_default_na=False)
    assert list(table["id"]) == [e.id for e in lesson.glossary]
    assert table.columns[0] == "id"  # the BOM is not part of the first header
    steel = table.set_index("id").loc["ko-cheolgang"]
    assert steel["ko"] == "; ".join(lesson.entry("ko-cheolgang").ko)
    assert "철강" in steel["sentence_ko"] and steel["hanja"] == "鐵鋼"


def test_xlsx_is_readable_with_pandas(lesson, tmp_path):
    out = tmp_path / "glossary.xlsx"
    write_glossary(lesson, out, language="ko")
    sheets = pd.read_excel(out, sheet_name=None, keep_default_na=False)
    assert list(sheets) == ["어휘 목록"]
    table = sheets["어휘 목록"]
    expected = glossary_export_table(lesson)
    assert list(table.columns) == list(expected.columns)
    assert list(table["ko"]) == list(expected["ko"])
    assert table.loc[0, "headword"] == lesson.glossary[0].headword


def test_english_sheet_name(lesson, tmp_path):
    out = tmp_path / "g.xlsx"
    assert run("export", "glossary", "-o", out, "--language", "en").exit_code == 0
    assert list(pd.read_excel(out, sheet_name=None)) == ["Glossary"]


def test_unknown_suffix_and_unknown_lesson_are_errors(tmp_path):
    result = run("export", "glossary", "-o", tmp_path / "g.txt")
    assert result.exit_code == 1 and "must end in .csv or .xlsx" in result.output
    assert not (tmp_path / "g.txt").exists()
    result = run("export", "glossary", "no-such-lesson", "-o", tmp_path / "g.csv")
    assert result.exit_code == 1 and "Error:" in result.output


def test_export_commands_have_help():
    for command in ("glossary", "anki", "worksheet"):
        result = run("export", command, "--help")
        assert result.exit_code == 0 and f"Example: dokhae export {command}" in result.output
