"""A class roster as schools export it: CSV (UTF-8, or Excel's Korean CP949, read
without a word) or an Excel workbook (.xlsx, its first sheet).

The header names the columns: ``student_id`` (or ``id``, ``학번``, ``학생번호``) and
``name`` (or ``이름``, ``성명``); other columns are ignored. A roster as NEIS and school
systems export it, with ``학년``, ``반`` and ``번호`` columns and no 학번, gets the id
made from them the way schools write a 학번: 학년, then 반 and 번호 in two digits each
(2학년 3반 6번 is ``20306``). The header may follow a few title lines. Every problem is
gathered (line numbers included) before :class:`RosterError` is raised.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..files import decode, read_bytes
from ..problems import Report

__all__ = ["ID_COLUMNS", "NAME_COLUMNS", "Roster", "RosterError", "Student", "read_roster"]

ID_COLUMNS = ("student_id", "studentid", "student id", "id", "학번", "학생번호", "학생 번호")
NAME_COLUMNS = ("name", "student_name", "student name", "이름", "성명", "학생 이름", "학생이름")

MAX_ID_LENGTH = 64
"""The longest student id: it names a folder, and ids are short (a file name may have at
most 255 bytes, and a Hangul letter takes 3 of them)."""
_SAFE_ID = re.compile(r"^[0-9A-Za-z\uac00-\ud7a3][0-9A-Za-z\uac00-\ud7a3._@-]*$")
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE]\+\d+$")


@dataclass(frozen=True)
class Student:
    """One row of the roster."""

    id: str
    name: str
    line: int


@dataclass(frozen=True)
class Roster:
    """The students of a class, in the roster's order, and what was noticed reading it."""

    path: Path
    students: tuple[Student, ...]
    report: Report

    def __len__(self) -> int:
        return len(self.students)

    def __iter__(self):
        return iter(self.students)

    def __repr__(self) -> str:
        return f"<Roster {self.path.name}: {len(self.students)} students>"


class RosterError(ValueError):
    """The roster has problems; ``report`` lists every one with its line."""

    def __init__(self, report: Report) -> None:
        self.report = report
        n = len(report.errors)
        super().__init__(f"the roster has {n} problem{'s' * (n != 1)}:\n{report}")


def _key(header: str) -> str:
    return " ".join(
        unicodedata.normalize("NFKC", header).strip().casefold().replace("_", " ").split()
    )


_ID_KEYS = {_key(h) for h in ID_COLUMNS}
_NAME_KEYS = {_key(h) for h in NAME_COLUMNS}


def read_roster(path: str | Path) -> Roster:
    """Read and check a roster (CSV or .xlsx).

    Raises:
        RosterError: the file is missing or unreadable, has no student id column (nor
            학년/반/번호 columns), or has empty, duplicate or unusable ids (all listed,
            each with its line).
    """
    path = Path(path)
    report = Report()
    data = read_bytes(
        path,
        report,
        missing_fix="give the path of the class roster: a CSV or an Excel .xlsx file "
        "(columns student_id,name, 학번,이름 or 학년,반,번호,이름)",
        missing_key="roster_missing",
        missing_fields=_WORDS,
    )
    if data is None:
        raise RosterError(report)
    if data.startswith(_ZIP_MAGIC):
        rows = _workbook_rows(path, data, report)
    else:
        rows = _text_rows(decode(path, _as_utf8(data), report))
    if report.errors:
        raise RosterError(report)
    students = _parse(path, rows, report)
    if report.errors:
        raise RosterError(report)
    return Roster(path=path, students=tuple(students), report=report)


# --------------------------------------------------------------------------- reading rows

_ZIP_MAGIC = b"PK\x03\x04"
MAX_ROWS = 5000
"""The rows of a roster read at most (a school's roster file has fewer)."""
MAX_COLUMNS = 60
MAX_WORKBOOK_BYTES = 50_000_000
"""The most an .xlsx roster may hold unpacked (a roster of 1,000 students is under 1 MB):
a workbook that unpacks to more is not read, so that a crafted one cannot fill memory."""
_HEADER_SEARCH = 10
"""The header is looked for in the first rows that hold something (after a title)."""
_CELL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")

Rows = list[tuple[int, list[str]]]
"""The roster's rows that hold something: (line or Excel row number, cells as text)."""


def _as_utf8(data: bytes) -> bytes:
    """``data`` as UTF-8. A file in another encoding (Excel's Korean "CSV" is CP949) is
    recognised, CP949 first, then charset-normalizer's guess, and converted without a
    warning: a roster holds ids and names, and the encoding was Excel's choice, not a
    mistake to correct. Bytes that are text in no encoding are left for
    :func:`dokhae.files.decode` to report."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in body[:4096]:
        return data
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    for encoding in ("cp949", best.encoding if best is not None else None):
        if encoding is None:
            continue
        try:
            return body.decode(encoding).encode("utf-8")
        except (UnicodeDecodeError, LookupError):
            continue
    return data


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel
    # Only the delimiter is guessed from the header; quotes are always Excel's: a name
    # such as "Kim ""Jimmy"" Min-jun" has its quotes doubled.
    dialect.doublequote, dialect.quotechar, dialect.escapechar = True, '"', None
    return dialect


def _text_rows(text: str) -> Rows:
    reader = csv.reader(io.StringIO(text), _dialect(text))
    rows: Rows = []
    line = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append((line, row[:MAX_COLUMNS]))
            if len(rows) >= MAX_ROWS:
                break
        line = reader.line_num + 1
    return rows


def _cell_text(value: object) -> str:
    """An Excel cell as the text a teacher sees: whole numbers without ``.0``, text NFC."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return _CELL_CONTROL.sub("", unicodedata.normalize("NFC", value))
    return str(value)


def _workbook_rows(path: Path, data: bytes, report: Report) -> Rows:
    """The rows of the workbook's first sheet; a file that is no workbook is reported."""
    import zipfile

    fix = "open it in Excel and save it again as .xlsx (or as 'CSV UTF-8')"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        report.error(
            path,
            None,
            "",
            f"this is a zip file, but not a readable Excel workbook ({exc})",
            fix,
            key="roster_bad_zip",
            fields={"reason": exc, "fix_key": "roster_resave"},
        )
        return []
    if "xl/workbook.xml" not in names:
        report.error(
            path,
            None,
            "",
            "this is a zip file, but not an Excel workbook (a Word document?)",
            "give the class roster: a CSV or an Excel .xlsx file",
            key="roster_not_workbook",
        )
        return []
    if unpacked > MAX_WORKBOOK_BYTES:
        report.error(
            path,
            None,
            "",
            f"the workbook unpacks to more than {MAX_WORKBOOK_BYTES // 1_000_000} MB, far "
            "more than a roster holds; it was not read",
            "check that this is the right file, or save the roster sheet alone as CSV",
            key="roster_too_large",
            fields={"mb": MAX_WORKBOOK_BYTES // 1_000_000},
        )
        return []
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # types-openpyxl not installed

    rows: Rows = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = book.worksheets
            if len(sheets) > 1:
                report.warning(
                    path,
                    None,
                    "",
                    f"the workbook has {len(sheets)} sheets; the roster is read from the "
                    f"first, {sheets[0].title!r}",
                    "nothing to do if that is the class; otherwise move its sheet to the front",
                    key="roster_sheets",
                    fields={"sheets": len(sheets), "first": repr(sheets[0].title)},
                )
            for number, row in enumerate(
                sheets[0].iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True), 1
            ):
                cells = [_cell_text(v) for v in row]
                if any(c.strip() for c in cells):
                    rows.append((number, cells))
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged or crafted file
        report.error(
            path,
            None,
            "",
            f"this Excel file cannot be read ({type(exc).__name__}: {str(exc)[:120]})",
            fix,
            key="roster_unreadable",
            fields={
                "reason": f"{type(exc).__name__}: {str(exc)[:120]}",
                "fix_key": "roster_resave",
            },
        )
        return []
    return rows


# --------------------------------------------------------------------------- columns

_GRADE_KEYS = {"학년", "grade", "year"}
_CLASS_KEYS = {"반", "class", "학급"}
_NUMBER_KEYS = {"번호", "번", "number", "no", "no."}
_PART = re.compile(r"^(\d{1,3})(?:\.0+)?\s*(?:학년|반|번)?$")
_WORDS = {
    "id": "학번",
    "name": "이름",
    "grade": "학년",
    "group": "반",
    "number": "번호",
    "example": "2학년 3반 6번 → 20306",
}
"""The Korean column names the roster's messages name (fields of their catalog text)."""
FIX_HEADER = (
    "the first line must name the columns: student_id,name or 학번,이름; a roster with "
    "학년,반,번호,이름 columns (as NEIS exports it) is read too, and the 학번 is made from "
    "them (2학년 3반 6번 → 20306)"
)


@dataclass(frozen=True)
class _Columns:
    """Where the header is and which columns hold what."""

    line: int
    header: list[str]
    id: int | None
    name: int | None
    parts: tuple[int, int, int] | None
    """The columns of 학년, 반 and 번호, when there is no id column."""


def _find(keys: list[str], wanted: set[str]) -> int | None:
    return next((i for i, k in enumerate(keys) if k in wanted), None)


def _columns(rows: Rows) -> _Columns | None:
    """The header: the first of the first rows that names an id column or 학년/반/번호."""
    for line, header in rows[:_HEADER_SEARCH]:
        keys = [_key(h) for h in header]
        id_col, name_col = _find(keys, _ID_KEYS), _find(keys, _NAME_KEYS)
        grade, group, number = (_find(keys, k) for k in (_GRADE_KEYS, _CLASS_KEYS, _NUMBER_KEYS))
        if id_col is not None:
            return _Columns(line, header, id_col, name_col, None)
        if grade is not None and group is not None and number is not None:
            return _Columns(line, header, None, name_col, (grade, group, number))
    return None


def _combined_id(
    path: Path,
    line: int,
    row: list[str],
    parts: tuple[int, int, int],
    header: list[str],
    report: Report,
) -> str | None:
    """The 학번 made of the row's 학년, 반 and 번호 (``20306``), or None with an error."""
    values = []
    for column, width in zip(parts, (1, 2, 2)):
        cell = row[column].strip() if column < len(row) else ""
        found = _PART.match(cell)
        if found is None or len(str(int(found.group(1)))) > width:
            report.error(
                path,
                line,
                header[column],
                f"not a number of at most {width} digit{'s' * (width > 1)}; the student id is "
                "made from 학년, 반 and 번호",
                "write the number alone (3, not 3-2), or add a 학번 column with the ids",
                value=cell,
                key="roster_part" if width == 1 else "roster_parts",
                fields={"width": width, **_WORDS},
            )
            return None
        values.append(int(found.group(1)))
    grade, group, number = values
    return f"{grade}{group:02d}{number:02d}"


def _parse(path: Path, rows: Rows, report: Report) -> list[Student]:
    if not rows:
        report.error(
            path,
            None,
            "",
            "the roster is empty",
            FIX_HEADER + ", then one student per line",
            key="roster_empty",
            fields=_WORDS,
        )
        return []
    columns = _columns(rows)
    if columns is None:
        line, header = rows[0]
        report.error(
            path,
            line,
            "header",
            "no student id column (학번), and no 학년, 반 and 번호 columns to make one",
            FIX_HEADER,
            value=", ".join(header),
            key="roster_no_id_column",
            fields=_WORDS,
        )
        return []
    header, id_col, name_col = columns.header, columns.id, columns.name
    id_field = header[id_col] if id_col is not None else "학번"
    if name_col is None:
        report.warning(
            path,
            columns.line,
            "header",
            "no name column; students are listed by id only",
            "add a column name (or 이름) to see names in the gradebook",
            value=", ".join(header),
            key="roster_no_name_column",
            fields=_WORDS,
        )
    students: list[Student] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        if line <= columns.line:
            continue
        if columns.parts is not None:
            made = _combined_id(path, line, row, columns.parts, header, report)
            if made is None:
                continue
            sid = made
        else:
            assert id_col is not None
            sid = row[id_col].strip() if id_col < len(row) else ""
        name = row[name_col].strip() if name_col is not None and name_col < len(row) else ""
        if not sid:
            report.error(
                path,
                line,
                id_field,
                "the student id is empty",
                "fill in the student's id or delete the line",
                value=",".join(row),
                key="roster_id_empty",
            )
            continue
        if _SCIENTIFIC.match(sid):
            report.error(
                path,
                line,
                id_field,
                "the id looks like a number Excel shortened (scientific notation)",
                "in Excel format the id column as Text, type the ids again and save as 'CSV UTF-8'",
                value=sid,
                key="roster_id_scientific",
            )
            continue
        if len(sid) > MAX_ID_LENGTH:
            report.error(
                path,
                line,
                id_field,
                f"the id is longer than {MAX_ID_LENGTH} characters "
                f"({len(sid)}); it names the student's folder",
                "shorten the id (is a name or a whole line in the id column?)",
                value=sid[:40] + "...",
                key="roster_id_long",
                fields={"most": MAX_ID_LENGTH, "length": len(sid)},
            )
            continue
        if not _SAFE_ID.match(sid):
            report.error(
                path,
                line,
                id_field,
                "the id cannot name a folder (use letters, digits, Hangul, '.', '_', '-', '@')",
                "change the id, e.g. 2024-0312 instead of 2024/0312",
                value=sid,
                key="roster_id_unsafe",
            )
            continue
        if sid.casefold() in first_line:
            report.error(
                path,
                line,
                id_field,
                f"duplicate student id (also on line {first_line[sid.casefold()]}; "
                "ids that differ only in upper/lower case count as the same)",
                "give every student a different id, or delete the repeated line",
                value=sid,
                key="roster_id_twice",
                fields={"first": first_line[sid.casefold()]},
            )
            continue
        first_line[sid.casefold()] = line
        if name_col is not None and not name:
            report.warning(
                path,
                line,
                header[name_col],
                "the name is empty",
                "fill in the student's name (the gradebook shows it)",
                value=sid,
                key="roster_name_empty",
            )
        students.append(Student(id=sid, name=name, line=line))
    if not students and not report.errors:
        report.error(
            path,
            None,
            "",
            "the roster lists no students",
            "add one student per line under the header",
            key="roster_no_students",
        )
    return students
