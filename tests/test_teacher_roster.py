"""Class rosters: UTF-8, Excel's CP949, Korean headers, and every problem with its line."""

from __future__ import annotations

import pytest

from dokhae.teacher import RosterError, read_roster
from dokhae.teacher.roster import Student
from test_teacher_support import NAMES


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


def test_excel_cp949_is_read_correctly_without_a_warning(tmp_path):
    # Korean Excel's "CSV" is CP949: a roster saved that way is what schools have, not a
    # mistake to be corrected every time (issue 24)
    roster = read_roster(
        write(tmp_path / "c.csv", "학번,이름\n2024001,김민준\n2024002,최수아\n", "cp949")
    )
    assert [s.name for s in roster] == ["김민준", "최수아"]
    assert roster.report.problems == []


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
    # the message names the columns a NEIS roster has, from which the id is made
    assert "학년,반,번호,이름" in problem.fix and "20306" in problem.fix


def test_missing_empty_and_unnamed(tmp_path):
    with pytest.raises(RosterError, match="file not found"):
        read_roster(tmp_path / "nope.csv")
    with pytest.raises(RosterError, match="the roster is empty"):
        read_roster(write(tmp_path / "e.csv", ""))
    with pytest.raises(RosterError, match="lists no students"):
        read_roster(write(tmp_path / "h.csv", "student_id,name\n"))
    roster = read_roster(write(tmp_path / "n.csv", "student_id\n1\n"))
    assert roster.students[0].name == "" and "no name column" in roster.report.warnings[0].message


# --------------------------------------------------------------------------- as schools export them


def neis_rows(n: int = 30) -> list[list[object]]:
    """A class of ``n`` as NEIS lists it: 학년, 반, 번호, 이름 (no 학번)."""
    return [[2, 3, i, f"{NAMES[i % len(NAMES)]}{i}"] for i in range(1, n + 1)]


def test_grade_class_and_number_make_the_student_id(tmp_path):
    lines = ["학년,반,번호,이름"] + [",".join(map(str, row)) for row in neis_rows(12)]
    roster = read_roster(write(tmp_path / "c.csv", "\n".join(lines) + "\n", "cp949"))
    assert [s.id for s in roster][:2] == ["20301", "20302"] and roster.students[-1].id == "20312"
    assert roster.students[5].name == f"{NAMES[6]}6"
    assert roster.report.problems == []


def test_an_xlsx_roster_with_a_title_row(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2026학년도 2학년 3반 명렬표"])  # a title above the header, as schools print
    sheet.append(["학년", "반", "번호", "성명", "비고"])
    for row in neis_rows(30):
        sheet.append([float(row[0]), row[1], row[2], row[3], None])  # 2.0: a number cell
    book.save(tmp_path / "class.xlsx")
    roster = read_roster(tmp_path / "class.xlsx")
    assert len(roster) == 30
    assert [s.id for s in roster][:3] == ["20301", "20302", "20303"]
    assert roster.students[0] == Student("20301", f"{NAMES[1]}1", 3)  # its Excel row
    assert roster.report.problems == []


def test_an_xlsx_roster_with_a_student_id_column(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["학번", "이름"])
    book.active.append(["20301", "김민준"])
    book.active.append([20302, "=HYPERLINK(1)"])
    book.save(tmp_path / "c.xlsx")
    roster = read_roster(tmp_path / "c.xlsx")
    # a formula is never run: its cell holds no value, so the name is empty (with a warning)
    assert [(s.id, s.name) for s in roster] == [("20301", "김민준"), ("20302", "")]
    assert [p.message for p in roster.report.warnings] == ["the name is empty"]


def test_bad_grade_class_or_number_is_named_with_its_line(tmp_path):
    path = write(
        tmp_path / "c.csv", "학년,반,번호,이름\n2,3,1,가\n2,3반,2,나\n2,3,,다\n2,100,4,라\n"
    )
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    found = [(p.line, p.field, p.value) for p in caught.value.report.errors]
    assert found == [(4, "번호", ""), (5, "반", "100")]


def test_a_file_that_is_no_workbook_is_a_clear_error(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "c.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(RosterError, match="not an Excel workbook"):
        read_roster(tmp_path / "c.xlsx")
    (tmp_path / "d.xlsx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(RosterError, match="not a readable Excel workbook"):
        read_roster(tmp_path / "d.xlsx")


def test_a_workbook_that_unpacks_to_far_more_than_a_roster_is_not_read(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "c.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * 60_000_000)  # ~60 kB packed
    assert (tmp_path / "c.xlsx").stat().st_size < 1_000_000
    with pytest.raises(RosterError, match="unpacks to more than 50 MB"):
        read_roster(tmp_path / "c.xlsx")
