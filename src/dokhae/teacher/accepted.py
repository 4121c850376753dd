"""Answers the teacher accepts beside the key: ``accepted_answers.csv`` next to the gradebook.

A teacher who decides that "team up" is right too need not edit the lesson's YAML:
``dokhae grade ... --accept vocab-join-hands="team up"`` adds a row to this file, and
every later grading run accepts that answer for every student (checked as the question's
own accepted answers are: case, spaces and, with ``inflections``, word forms do not matter).
The file is plain CSV (UTF-8 with BOM, for Excel): rows may be added or deleted by hand.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..files import decode, read_bytes
from ..problems import Report
from ..spreadsheet import restore_cell, write_csv

ACCEPTED_FILE = "accepted_answers.csv"
ACCEPTED_COLUMNS = ("exercise_id", "answer")
TEXT_KINDS = ("short_text", "cloze")  # the kinds whose answers are typed words


class AcceptError(ValueError):
    """An answer to accept that cannot be: no ``=``, or no short answer or cloze item."""


def _clean(text: str) -> str:
    """NFC, spaces collapsed; the case is kept as the teacher wrote it (the checker ignores it)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_accept(option: str) -> tuple[str, str]:
    """``EXERCISE_ID=answer`` (as given to ``--accept``) -> ``(exercise_id, answer)``.

    Raises:
        AcceptError: there is no ``=`` or one side is empty.
    """
    exercise_id, sep, answer = option.partition("=")
    exercise_id, answer = exercise_id.strip(), _clean(answer.strip().strip('"'))
    if not sep or not exercise_id or not answer:
        raise AcceptError(
            f'{option!r} is not EXERCISE_ID=ANSWER; write it as vocab-join-hands="team up"'
        )
    return exercise_id, answer


def read_accepted(path: Path, report: Report) -> list[tuple[str, str]]:
    """The rows of ``accepted_answers.csv`` (none when the file does not exist)."""
    if not path.exists():
        return []
    data = read_bytes(path, report, missing_fix=f"keep {path.name} where dokhae wrote it")
    if data is None:
        return []
    rows = csv.DictReader(io.StringIO(decode(path, data, report)))
    missing = [c for c in ACCEPTED_COLUMNS if c not in (rows.fieldnames or [])]
    if missing:
        report.error(
            path,
            1,
            "header",
            f"columns missing: {', '.join(missing)}",
            "keep the header dokhae wrote (" + ",".join(ACCEPTED_COLUMNS) + ")",
            key="grade_columns_missing",
            fields={"missing": ", ".join(missing), "columns": ",".join(ACCEPTED_COLUMNS)},
        )
        return []
    found = []
    for row in rows:
        eid = (row.get("exercise_id") or "").strip()
        answer = _clean(restore_cell(row.get("answer") or ""))
        if eid and answer:
            found.append((eid, answer))
    return found


def accepted_answers(
    path: Path,
    new: Iterable[tuple[str, str]],
    kinds: Mapping[str, str],
    report: Report,
) -> dict[str, tuple[str, ...]]:
    """The answers accepted per exercise: the file's rows and ``new`` ones, checked against
    the assignment's exercises (``kinds``: exercise id -> question type). New rows are
    written to the file so that every later grading run keeps them.

    Raises:
        AcceptError: a new answer names no exercise of the assignment, or one whose answers
            are not typed words (a choice, an order, a number).
    """
    new = list(new)
    for eid, _answer in new:
        if eid not in kinds:
            raise AcceptError(
                f"--accept: {eid!r} is not an exercise of this assignment; "
                f"use one of: {', '.join(kinds)}"
            )
        if kinds[eid] not in TEXT_KINDS:
            raise AcceptError(
                f"--accept: {eid} is a {kinds[eid]} item; only short answers and cloze gaps "
                "take other answers (mark the rest in manual_marks.csv)"
            )
    rows = read_accepted(path, report)
    added = [r for r in new if r not in rows]
    if added:
        write_csv(path, [ACCEPTED_COLUMNS, *rows, *added])
    accepted: dict[str, tuple[str, ...]] = {}
    for eid, answer in [*rows, *added]:
        if eid not in kinds or kinds[eid] not in TEXT_KINDS:
            report.warning(
                path,
                None,
                "exercise_id",
                "not a short answer or cloze item of this assignment; the row is ignored",
                "delete the row, or give an exercise id of this assignment",
                value=eid,
                key="accepted_not_text",
            )
            continue
        accepted[eid] = (*accepted.get(eid, ()), answer)
    return accepted
