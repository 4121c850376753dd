"""Class rosters: UTF-8, Excel's CP949, Korean headers, and every problem with its line."""

from __future__ import annotations

import pytest

from dokhae.teacher import RosterError, read_roster


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_a_utf8_roster_with_english_headers(tmp_path):
    roster = read_roster(
        write(tmp_path / "c.csv", "student_id,name,email\n2024001,김민준,a@b\n2024002,이서연,c@d\n")
    )
    assert [(s.id, s.name, s.line) for s in roster] == [
        ("2024001", "김민준", 2),
        ("2024002", "이서연", 3),
    ]
    assert roster.report.problems == []


def test_korean_headers_and_a_bom(tmp_path):
    roster = read_roster(write(tmp_path / "c.csv", "\ufeff학번,이름\n2024001,김민준\n", "utf-8"))
    assert [(s.id, s.name) for s in roster] == [("2024001", "김민준")]


def test_excel_cp949_is_read_correctly_with_a_warning(tmp_path):
    roster = read_roster(
        write(tmp_path / "c.csv", "학번,이름\n2024001,김민준\n2024002,최수아\n", "cp949")
    )
    assert [s.name for s in roster] == ["김민준", "최수아"]
    [warning] = roster.report.warnings
    assert "CP949" in warning.message and "CSV UTF-8" in warning.fix


def test_decomposed_hangul_is_composed(tmp_path):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "김민준")
    roster = read_roster(write(tmp_path / "c.csv", f"student_id,name\n1,{nfd}\n"))
    assert roster.students[0].name == "김민준"


def test_semicolons_and_blank_lines(tmp_path):
    roster = read_roster(write(tmp_path / "c.csv", "student_id;name\n\n1;가\n;\n2;나\n"))
    assert [s.id for s in roster] == ["1", "2"]


def test_every_problem_is_listed_with_its_line(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "학번,이름\n2024001,김민준\n,이서연\n2024001,박지호\n2.024E+06,최수아\n2024/05,정하준\nS1,강지우\ns1,조서준\n",
    )
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    found = [(p.line, p.message.split(" (")[0]) for p in caught.value.report.errors]
    assert found == [
        (3, "the student id is empty"),
        (4, "duplicate student id"),
        (5, "the id looks like a number Excel shortened"),
        (6, "the id cannot name a folder"),
        (8, "duplicate student id"),
    ]
    assert "also on line 2" in caught.value.report.errors[1].message
    assert "5 problems" in str(caught.value)


def test_no_id_column_names_the_headers_found(tmp_path):
    with pytest.raises(RosterError) as caught:
        read_roster(write(tmp_path / "c.csv", "번호,성명\n1,김민준\n"))
    [problem] = caught.value.report.errors
    assert problem.line == 1 and problem.value == "번호, 성명" and "학번" in problem.fix


def test_missing_empty_and_unnamed(tmp_path):
    with pytest.raises(RosterError, match="file not found"):
        read_roster(tmp_path / "nope.csv")
    with pytest.raises(RosterError, match="the roster is empty"):
        read_roster(write(tmp_path / "e.csv", ""))
    with pytest.raises(RosterError, match="lists no students"):
        read_roster(write(tmp_path / "h.csv", "student_id,name\n"))
    roster = read_roster(write(tmp_path / "n.csv", "student_id\n1\n"))
    assert roster.students[0].name == "" and "no name column" in roster.report.warnings[0].message
