"""A class roster: a CSV of student ids and names, read the way ``dokhae check`` reads
teachers' files (UTF-8 with or without BOM; Excel's Korean CP949 with a warning).

The header names the columns: ``student_id`` (or ``id``, ``학번``, ``학생번호``) and
``name`` (or ``이름``, ``성명``); other columns are ignored. Every problem is gathered
(line numbers included) before :class:`RosterError` is raised.
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
    """Read and check a roster CSV.

    Raises:
        RosterError: the file is missing or unreadable, has no student id column, or has
            empty, duplicate or unusable ids (all listed, each with its line).
    """
    path = Path(path)
    report = Report()
    data = read_bytes(
        path,
        report,
        missing_fix="give the path of the class roster CSV (columns student_id,name or 학번,이름)",
    )
    if data is None:
        raise RosterError(report)
    text = decode(path, data, report)
    if report.errors:
        raise RosterError(report)
    students = _parse(path, text, report)
    if report.errors:
        raise RosterError(report)
    return Roster(path=path, students=tuple(students), report=report)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel
    # Only the delimiter is guessed from the header; quotes are always Excel's: a name
    # such as "Kim ""Jimmy"" Min-jun" has its quotes doubled.
    dialect.doublequote, dialect.quotechar, dialect.escapechar = True, '"', None
    return dialect


def _parse(path: Path, text: str, report: Report) -> list[Student]:
    fix_header = "the first line must name the columns, e.g. student_id,name (or 학번,이름)"
    if not text.strip():
        report.error(
            path, None, "", "the roster is empty", fix_header + ", then one student per line"
        )
        return []
    reader = csv.reader(io.StringIO(text), _dialect(text))
    header = next(reader)
    keys = [_key(h) for h in header]
    id_col = next((i for i, k in enumerate(keys) if k in _ID_KEYS), None)
    name_col = next((i for i, k in enumerate(keys) if k in _NAME_KEYS), None)
    if id_col is None:
        report.error(path, 1, "header", "no student id column", fix_header, value=", ".join(header))
        return []
    if name_col is None:
        report.warning(
            path,
            1,
            "header",
            "no name column; students are listed by id only",
            "add a column name (or 이름) to see names in the gradebook",
            value=", ".join(header),
        )
    students: list[Student] = []
    first_line: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        sid = row[id_col].strip() if id_col < len(row) else ""
        name = row[name_col].strip() if name_col is not None and name_col < len(row) else ""
        if not sid:
            report.error(
                path,
                line,
                header[id_col],
                "the student id is empty",
                "fill in the student's id or delete the line",
                value=",".join(row),
            )
            continue
        if _SCIENTIFIC.match(sid):
            report.error(
                path,
                line,
                header[id_col],
                "the id looks like a number Excel shortened (scientific notation)",
                "in Excel format the id column as Text, type the ids again and save as 'CSV UTF-8'",
                value=sid,
            )
            continue
        if len(sid) > MAX_ID_LENGTH:
            report.error(
                path,
                line,
                header[id_col],
                f"the id is longer than {MAX_ID_LENGTH} characters "
                f"({len(sid)}); it names the student's folder",
                "shorten the id (is a name or a whole line in the id column?)",
                value=sid[:40] + "...",
            )
            continue
        if not _SAFE_ID.match(sid):
            report.error(
                path,
                line,
                header[id_col],
                "the id cannot name a folder (use letters, digits, Hangul, '.', '_', '-', '@')",
                "change the id, e.g. 2024-0312 instead of 2024/0312",
                value=sid,
            )
            continue
        if sid.casefold() in first_line:
            report.error(
                path,
                line,
                header[id_col],
                f"duplicate student id (also on line {first_line[sid.casefold()]}; "
                "ids that differ only in upper/lower case count as the same)",
                "give every student a different id, or delete the repeated line",
                value=sid,
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
            )
        students.append(Student(id=sid, name=name, line=line))
    if not students and not report.errors:
        report.error(
            path,
            None,
            "",
            "the roster lists no students",
            "add one student per line under the header",
        )
    return students
