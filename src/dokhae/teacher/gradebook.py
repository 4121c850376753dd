"""The gradebook: one SQLite file of results, manual marks, and the exports teachers use.

Tables (one set of rows per assignment; ``dokhae grade`` replaces an assignment's
computed rows in one transaction and keeps its manual marks):

``assignments``  id, lesson, max points
``exercises``    each exercise of an assignment: position, type, points, prompt
``students``     each student of the roster: name, status (``submitted``; ``missing``:
                 nothing handed in; ``damaged``: only a file that cannot be read), the
                 submission graded
``results``      one row per student and exercise: the answer as handed in, the answer
                 in the lesson's terms, status, score (0..1), points
``marks``        manual marks: points a person gave to an answer (kept across runs)
``problems``     what was reported while grading

Nothing in the file depends on when grading ran, so grading the same submissions twice
gives the same rows. Exports: :func:`export_grades` writes CSV (UTF-8 with BOM, so Excel
shows Korean) and Excel with one row per student and one column per exercise.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answers import normalize_text
from ..files import decode, read_bytes
from ..problems import Problem, Report
from ..spreadsheet import restore_cell, write_csv, write_excel, write_frame_csv

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "APPLICATION_ID",
    "ATTEMPT_COLUMNS",
    "MARKS_COLUMNS",
    "STATUSES",
    "Gradebook",
    "GradebookError",
    "Mark",
    "attempt_results",
    "export_grades",
    "named",
    "read_marks",
    "replace_attempt_results",
    "status_label",
    "with_status_labels",
    "write_marks",
]

APPLICATION_ID = 0x646F6B67
"""``PRAGMA application_id`` of a dokhae gradebook ("dokg")."""
SCHEMA_VERSION = 2
"""Version 2 added the student status ``damaged`` (version 1 files are brought up to
date when opened: :func:`_upgrade`)."""

STATUSES = ("submitted", "missing", "damaged")
"""A student's status in the gradebook: work graded; nothing handed in (미제출); only a
damaged file handed in (파일 손상, the problem is listed with the file)."""

_SCHEMA = """
CREATE TABLE assignments (
    assignment_id TEXT PRIMARY KEY,
    lesson        TEXT NOT NULL,
    max_points    REAL NOT NULL
);
CREATE TABLE exercises (
    assignment_id TEXT NOT NULL,
    exercise_id   TEXT NOT NULL,
    position      INTEGER NOT NULL,
    type          TEXT NOT NULL,
    points        REAL NOT NULL,
    manual        INTEGER NOT NULL,
    prompt_en     TEXT NOT NULL,
    prompt_ko     TEXT NOT NULL,
    PRIMARY KEY (assignment_id, exercise_id)
);
CREATE TABLE students (
    assignment_id TEXT NOT NULL,
    student_id    TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('submitted', 'missing', 'damaged')),
    submission    TEXT,
    PRIMARY KEY (assignment_id, student_id)
);
CREATE TABLE results (
    assignment_id TEXT NOT NULL,
    student_id    TEXT NOT NULL,
    exercise_id   TEXT NOT NULL,
    answer        TEXT,              -- JSON, as handed in
    canonical     TEXT,              -- the answer in the lesson's terms (letters mapped back), shown
    status        TEXT NOT NULL,
    score         REAL NOT NULL,
    points        REAL NOT NULL,
    max_points    REAL NOT NULL,
    manual        INTEGER NOT NULL DEFAULT 0,
    saved_at      TEXT,
    PRIMARY KEY (assignment_id, student_id, exercise_id)
);
CREATE TABLE marks (
    assignment_id TEXT NOT NULL,
    student_id    TEXT NOT NULL,
    exercise_id   TEXT NOT NULL,
    answer        TEXT NOT NULL,     -- the answer the mark was given to, as shown
    points        REAL NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assignment_id, student_id, exercise_id)
);
CREATE TABLE problems (
    assignment_id TEXT NOT NULL,
    position      INTEGER NOT NULL,
    severity      TEXT NOT NULL,
    file          TEXT NOT NULL,
    field         TEXT NOT NULL,
    message       TEXT NOT NULL,
    fix           TEXT NOT NULL,
    PRIMARY KEY (assignment_id, position)
);
"""

MARKS_COLUMNS = (
    "assignment_id",
    "student_id",
    "name",
    "exercise_id",
    "question",
    "answer",
    "max_points",
    "points",
    "comment",
)
"""The columns of ``manual_marks.csv``; the teacher fills in ``points`` (and ``comment``)."""


class GradebookError(RuntimeError):
    """The file is not a dokhae gradebook, or the assignment asked for is not in it."""


@dataclass(frozen=True)
class Mark:
    """Points a person gave to one answer."""

    student_id: str
    exercise_id: str
    answer: str
    points: float
    comment: str = ""


def shown_answer(value: Any) -> str:
    """An answer as text for people (CSV, reports): text as is, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def same_answer(a: str, b: str) -> bool:
    """Equal after the text normalisation of answer checking (Excel may change spaces).

    ``a`` is the answer as read back from ``manual_marks.csv``: when Excel saved it as
    Korean CSV (CP949), each character CP949 lacks became ``?``, so ``b`` with those
    characters replaced the same way is the same answer too.
    """
    if normalize_text(a) == normalize_text(b):
        return True
    if "?" not in a:
        return False
    as_saved = b.encode("cp949", errors="replace").decode("cp949")
    return normalize_text(a) == normalize_text(as_saved)


class Gradebook:
    """A gradebook file (created when missing). Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists() or self.path.stat().st_size == 0
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout = 30000")
            if new:
                with self.transaction() as db:
                    if db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                        return  # another `dokhae grade` made it a moment ago (it held the lock)
                    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
            else:
                app = self._db.execute("PRAGMA application_id").fetchone()[0]
                if app != APPLICATION_ID:
                    raise GradebookError(
                        f"{self.path} is not a dokhae gradebook; give another file "
                        "name with --gradebook"
                    )
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                if version == 1:
                    _upgrade(self)
                    version = SCHEMA_VERSION
                if version != SCHEMA_VERSION:
                    raise GradebookError(
                        f"{self.path} was written by another dokhae version "
                        f"(gradebook version {version}); give a new file with --gradebook"
                    )
        except sqlite3.DatabaseError as exc:
            raise GradebookError(
                f"{self.path} cannot be opened as a gradebook ({exc}); give another "
                "file name with --gradebook"
            ) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ----------------------------------------------------------------- writing

    def replace(
        self,
        assignment: Mapping[str, Any],
        exercises: Sequence[Mapping[str, Any]],
        students: Sequence[Mapping[str, Any]],
        results: Sequence[Mapping[str, Any]],
        problems: Sequence[Problem],
        marks: Sequence[Mark],
    ) -> None:
        """Replace everything stored for one assignment, in one transaction."""
        aid = assignment["assignment_id"]
        with self.transaction() as db:
            for table in ("assignments", "exercises", "students", "results", "problems", "marks"):
                db.execute(f"DELETE FROM {table} WHERE assignment_id = ?", (aid,))
            db.execute(
                "INSERT INTO assignments VALUES (?, ?, ?)",
                (aid, assignment["lesson"], assignment["max_points"]),
            )
            db.executemany(
                "INSERT INTO exercises VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        aid,
                        e["exercise_id"],
                        e["position"],
                        e["type"],
                        e["points"],
                        int(e["manual"]),
                        e["prompt_en"],
                        e["prompt_ko"],
                    )
                    for e in exercises
                ],
            )
            db.executemany(
                "INSERT INTO students VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (aid, s["student_id"], s["position"], s["name"], s["status"], s["submission"])
                    for s in students
                ],
            )
            db.executemany(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        aid,
                        r["student_id"],
                        r["exercise_id"],
                        r["answer"],
                        r["canonical"],
                        r["status"],
                        r["score"],
                        r["points"],
                        r["max_points"],
                        int(r["manual"]),
                        r["saved_at"],
                    )
                    for r in results
                ],
            )
            db.executemany(
                "INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (aid, i, p.severity, p.file, p.field, p.message, p.fix)
                    for i, p in enumerate(problems)
                ],
            )
            db.executemany(
                "INSERT INTO marks VALUES (?, ?, ?, ?, ?, ?)",
                [(aid, m.student_id, m.exercise_id, m.answer, m.points, m.comment) for m in marks],
            )

    # ----------------------------------------------------------------- reading

    def assignments(self) -> list[str]:
        rows = self._db.execute("SELECT assignment_id FROM assignments ORDER BY assignment_id")
        return [row[0] for row in rows]

    def assignment(self, assignment_id: str | None = None) -> str:
        """``assignment_id`` if stored, or the only assignment when None."""
        stored = self.assignments()
        if assignment_id is None:
            if len(stored) == 1:
                return stored[0]
            if not stored:
                raise GradebookError(
                    f"{self.path} holds no graded assignment yet; run dokhae grade first"
                )
            raise GradebookError(
                f"{self.path} holds several assignments ({', '.join(stored)}); "
                "choose one with --assignment"
            )
        if assignment_id not in stored:
            raise GradebookError(
                f"{self.path} has no assignment {assignment_id!r}"
                + (f"; it has {', '.join(stored)}" if stored else "")
            )
        return assignment_id

    def marks(self, assignment_id: str) -> dict[tuple[str, str], Mark]:
        rows = self._db.execute(
            "SELECT student_id, exercise_id, answer, points, comment FROM marks WHERE assignment_id = ?",
            (assignment_id,),
        )
        return {(r[0], r[1]): Mark(*r) for r in rows}

    def frame(self, table: str, assignment_id: str) -> pd.DataFrame:
        """One table's rows of an assignment as a DataFrame (in a stable order)."""
        import pandas as pd

        order = {
            "exercises": "position",
            "students": "position",
            "problems": "position",
            "results": "student_id, exercise_id",
            "marks": "student_id, exercise_id",
            "assignments": "assignment_id",
        }[table]
        with closing(
            self._db.execute(
                f"SELECT * FROM {table} WHERE assignment_id = ? ORDER BY {order}", (assignment_id,)
            )
        ) as cursor:
            columns = [c[0] for c in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=columns)

    def dump(self) -> list[str]:
        """Every row as SQL text (to compare two gradebooks)."""
        return list(self._db.iterdump())

    def table(self, assignment_id: str | None = None) -> pd.DataFrame:
        """One row per student, one column per exercise (points), and the totals."""
        import pandas as pd

        aid = self.assignment(assignment_id)
        exercises = self.frame("exercises", aid)
        students = self.frame("students", aid)
        results = self.frame("results", aid)
        max_points = float(exercises["points"].sum()) if len(exercises) else 0.0
        ids = list(exercises["exercise_id"])
        shown = results.assign(points=results["points"].where(results["status"] != "pending"))
        if len(shown):
            wide = shown.pivot(index="student_id", columns="exercise_id", values="points")
        else:
            wide = pd.DataFrame(columns=ids)
        wide = wide.reindex(index=list(students["student_id"]), columns=ids)
        pending = results[results["status"] == "pending"].groupby("student_id").size()
        out = pd.DataFrame(
            {
                "assignment_id": aid,
                "student_id": students["student_id"].to_numpy(),
                "name": students["name"].to_numpy(),
                "status": students["status"].to_numpy(),
            }
        )
        for exercise_id in ids:
            out[exercise_id] = wide[exercise_id].to_numpy(dtype=float)
        totals = results.groupby("student_id")["points"].sum()
        out["total"] = [round(float(totals.get(s, 0.0)), 6) for s in out["student_id"]]
        out["max_points"] = max_points
        out["percent"] = (100 * out["total"] / max_points).round(1) if max_points else 0.0
        out["pending"] = [int(pending.get(s, 0)) for s in out["student_id"]]
        return out


def _upgrade(book: Gradebook) -> None:
    """Bring a version 1 gradebook to version 2: the students table allows ``damaged``
    (SQLite cannot change a CHECK, so the table is made again with its rows)."""
    students = _SCHEMA[_SCHEMA.index("CREATE TABLE students") :]
    students = students[: students.index(";")]
    with book.transaction() as db:
        if db.execute("PRAGMA user_version").fetchone()[0] != 1:
            return  # another process upgraded it a moment ago
        db.execute("ALTER TABLE students RENAME TO students_v1")
        db.execute(students)
        db.execute("INSERT INTO students SELECT * FROM students_v1")
        db.execute("DROP TABLE students_v1")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# --------------------------------------------------------------------------- manual marks CSV


def read_marks(
    path: Path,
    assignment_id: str,
    max_points: Mapping[str, float],
    report: Report,
    students: Collection[str] | None = None,
) -> dict[tuple[str, str], Mark | None] | None:
    """The marks in a ``manual_marks.csv`` the teacher filled in, by (student, exercise).

    A row with ``points`` left empty maps to None (no mark). Returns None when the file
    does not exist. Bad rows (points not a number, or out of range) are reported and skipped.
    With ``students`` (the assignment's ids), a row of another student is reported, and an
    id Excel shortened (``0312`` saved as ``312``) is given back its zeros, with a warning.
    """
    if not path.exists():
        return None
    data = read_bytes(path, report, missing_fix=f"keep {path.name} where dokhae wrote it")
    if data is None:
        return {}
    text = decode(path, data, report)
    rows = csv.DictReader(io.StringIO(text))
    header = rows.fieldnames or []
    missing = [c for c in ("student_id", "exercise_id", "answer", "points") if c not in header]
    if missing:
        report.error(
            path,
            1,
            "header",
            f"columns missing: {', '.join(missing)}",
            "keep the header dokhae wrote (" + ",".join(MARKS_COLUMNS) + ")",
            key="grade_columns_missing",
            fields={"missing": ", ".join(missing), "columns": ",".join(MARKS_COLUMNS)},
        )
        return {}
    marks: dict[tuple[str, str], Mark | None] = {}
    for row in rows:
        line = rows.line_num
        if (row.get("assignment_id") or assignment_id).strip() != assignment_id:
            continue
        sid, eid = (row.get("student_id") or "").strip(), (row.get("exercise_id") or "").strip()
        raw = (row.get("points") or "").strip()
        if students is not None and sid not in students:
            found = [known for known in students if known.lstrip("0") == sid.lstrip("0")]
            if len(found) != 1:
                if raw:
                    report.error(
                        path,
                        line,
                        "student_id",
                        "not a student of this assignment; the mark is not given",
                        "keep the student ids dokhae wrote",
                        value=sid,
                        key="mark_not_a_student",
                    )
                continue
            if raw:
                report.warning(
                    path,
                    line,
                    "student_id",
                    f"Excel dropped the leading zeros of the id; the mark is given to {found[0]}",
                    "nothing to do (to keep the zeros, open "
                    "the file in Excel with Data > From Text/CSV, the id column as Text)",
                    value=sid,
                    key="mark_zeros_dropped",
                    fields={"student": found[0]},
                )
            sid = found[0]
        if not raw:
            marks[(sid, eid)] = None
            continue
        top = max_points.get(eid)
        try:
            points = float(raw.replace(",", "."))
            if not math.isfinite(points):
                raise ValueError
        except ValueError:
            report.error(
                path,
                line,
                "points",
                "not a number",
                "write the points as a number, e.g. 1 or 0.5",
                value=raw,
                key="mark_not_a_number",
            )
            continue
        if top is None:
            report.error(
                path,
                line,
                "exercise_id",
                "not an exercise of this assignment",
                "keep the exercise ids dokhae wrote",
                value=eid,
                key="mark_not_an_exercise",
            )
            continue
        if not 0 <= points <= top:
            report.error(
                path,
                line,
                "points",
                f"out of range 0..{top:g}",
                f"give between 0 and {top:g} points",
                value=raw,
                key="mark_out_of_range",
                fields={"top": f"{top:g}"},
            )
            continue
        comment = restore_cell((row.get("comment") or "").strip())
        marks[(sid, eid)] = Mark(sid, eid, restore_cell(row.get("answer") or ""), points, comment)
    return marks


def write_marks(path: Path, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write ``manual_marks.csv`` (UTF-8 with BOM, for Excel), atomically."""
    write_csv(path, [MARKS_COLUMNS, *([r.get(c, "") for c in MARKS_COLUMNS] for r in rows)])


# --------------------------------------------------------------------------- exports


def export_grades(
    gradebook_path: str | Path,
    *,
    assignment_id: str | None = None,
    csv_path: str | Path | None = None,
    excel_path: str | Path | None = None,
) -> pd.DataFrame:
    """One row per student, one column per exercise (points), total, max and percent.

    Writes ``csv_path`` (UTF-8 with BOM) and/or ``excel_path`` (.xlsx) when given;
    returns the table. Answers waiting for a manual mark are empty cells (and counted
    in ``pending``); missing students have empty cells and a total of 0. In the files the
    status is written for people, in Korean and English (:func:`status_label`).
    """
    with Gradebook(gradebook_path) as book:
        table = book.table(assignment_id)
    rounded = with_status_labels(table.round(4))
    if csv_path is not None:
        write_frame_csv(csv_path, rounded)
    if excel_path is not None:
        write_excel(excel_path, {"grades": rounded}, freeze="E2", widths={"B": 16, "C": 16})
    return table


def named(student_ids: Iterable[str], names: Mapping[str, str]) -> str:
    """Students by name and id, in the order given: ``김민준 (20301), 이서연 (20302)``."""
    return ", ".join(f"{names[sid]} ({sid})" if names.get(sid) else sid for sid in student_ids)


def status_label(status: str) -> str:
    """A student's status as a teacher reads it, in Korean and English
    (``미제출 / not submitted``), from the catalogs (keys ``grading.status.*``)."""
    from .. import i18n

    if status not in STATUSES:
        return status
    key = f"grading.status.{status}"
    return f"{i18n.t(key, 'ko')} / {i18n.t(key, 'en')}"


def with_status_labels(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its ``status`` column in words (:func:`status_label`)."""
    return table.assign(status=[status_label(s) for s in table["status"]])


# --------------------------------------------------------------------------- attempts (retakes)

_ATTEMPT_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempt_results (
    assignment_id TEXT NOT NULL,
    student_id    TEXT NOT NULL,
    attempt       INTEGER NOT NULL,  -- 1, 2, ...: every attempt of a retake assignment
    variant       TEXT NOT NULL,     -- a keyed name of the attempt's variant (secret.attempt_tag)
    exercise_id   TEXT NOT NULL,
    answer        TEXT,              -- JSON, as handed in
    status        TEXT NOT NULL,
    score         REAL NOT NULL,
    points        REAL NOT NULL,
    max_points    REAL NOT NULL,
    parts         TEXT,              -- JSON {rubric part label: points} of a written exam answer
    PRIMARY KEY (assignment_id, student_id, attempt, exercise_id)
)
"""
ATTEMPT_COLUMNS = (
    "student_id",
    "attempt",
    "variant",
    "exercise_id",
    "answer",
    "status",
    "score",
    "points",
    "max_points",
    "parts",
)


def replace_attempt_results(
    book: Gradebook, assignment_id: str, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Replace the per-attempt rows of one assignment (the table is made on first use)."""
    with book.transaction() as db:
        db.execute(_ATTEMPT_SCHEMA)
        db.execute("DELETE FROM attempt_results WHERE assignment_id = ?", (assignment_id,))
        db.executemany(
            "INSERT INTO attempt_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(assignment_id, *(r[c] for c in ATTEMPT_COLUMNS)) for r in rows],
        )


def attempt_results(book: Gradebook, assignment_id: str) -> pd.DataFrame:
    """Every graded attempt's rows (student, attempt, variant, exercise, status, points,
    rubric parts); empty when the assignment has no retakes table yet."""
    import pandas as pd

    known = book._db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attempt_results'"
    ).fetchone()
    if not known:
        return pd.DataFrame(columns=list(ATTEMPT_COLUMNS))
    with closing(
        book._db.execute(
            f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempt_results WHERE assignment_id = ? "
            "ORDER BY student_id, attempt, exercise_id",
            (assignment_id,),
        )
    ) as cursor:
        return pd.DataFrame(cursor.fetchall(), columns=list(ATTEMPT_COLUMNS))
