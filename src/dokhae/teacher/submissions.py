"""Finding students' answers in a folder of collected submissions, without changing it.

The folder may hold the students' assignment folders as they handed them in, loose
answers files, and zip files as a learning-management system exports them (one zip of
everything, or a zip per student inside it; files renamed like
``kimminjun_12345_answers.json``). Zip files are read in memory, never extracted.

An answers file is recognised by its content (``"format": "dokhae-answers"``), so a
renamed one is found; a file whose name contains ``answers`` but that cannot be read
is reported. A notebook is read only for a student with no answers file: the
written-out values of its ``check("<id>", value)`` calls are taken as the answers.
Every problem goes into the :class:`~dokhae.problems.Report`; nothing stops the walk.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..answers import is_empty
from ..cleaning import plain_answer
from ..homework.files import ANSWERS_FORMAT, read_answers
from ..json_files import FileFormatError
from ..problems import Report

__all__ = ["Submission", "collect"]

_SKIP_NAMES = {"manifest.json", "questions.json", "variants.json"}
_MAX_ZIP_DEPTH = 3
_MAX_MEMBER_BYTES = 50 * 1024 * 1024
_NOTEBOOK_METADATA = re.compile(rb'"dokhae"\s*:\s*(\{[^{}]*\})')

FIX_RESUBMIT = (
    "ask the student to hand in the assignment folder again (answers.json beside the notebook)"
)


@dataclass(frozen=True)
class Submission:
    """One student's answers as found in one file."""

    source: str
    assignment_id: str
    student_id: str
    seed: str | None
    answers: dict[str, Any]
    saved_at: dict[str, str | None] = field(default_factory=dict)
    kind: str = "answers"
    variant: str | None = None
    """The folder tag the file carries (see :mod:`dokhae.teacher.secret`)."""
    retakes: dict[int, dict[str, Any]] = field(default_factory=dict)
    """A retake assignment's later attempts: attempt number -> exercise id -> value."""

    @property
    def latest(self) -> str:
        """The newest ``saved_at`` (ISO text sorts by time), or "" when none is known."""
        return max((t for t in self.saved_at.values() if t), default="")

    @property
    def digest(self) -> str:
        """A fingerprint of the answers (to tell identical copies from different ones)."""
        payload = json.dumps(self.answers, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class _Entry:
    """A file to look at: where it is shown, its name, how to read it."""

    shown: str
    name: str
    folder: str
    read: Callable[[], bytes]


def _zip_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # no UTF-8 flag: Windows zips name files in the local code page
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("cp949")
    return name


def _ignored(name: str) -> bool:
    base = PurePosixPath(name).name
    return base.startswith((".", "~$")) or "__MACOSX" in name or base.endswith(".tmp")


def _walk_zip(data: bytes, shown: str, report: Report, depth: int) -> Iterator[_Entry]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        report.error(
            shown,
            None,
            "",
            f"not a readable zip file ({exc})",
            "download the submissions from the learning-management system again",
            key="submission_zip_unreadable",
            fields={"reason": exc},
        )
        return
    for info in sorted(infos, key=lambda i: i.filename):
        if info.is_dir():
            continue
        name = _zip_name(info)
        if _ignored(name):
            continue
        inner = f"{shown}!{name}"
        if info.file_size > _MAX_MEMBER_BYTES:
            report.warning(
                inner,
                None,
                "",
                "file too large to be a submission; skipped",
                "remove it from the zip if it is not a submission",
                key="submission_zip_member_large",
            )
            continue

        def read(info: zipfile.ZipInfo = info, inner: str = inner) -> bytes:
            return archive.read(info)

        if name.lower().endswith(".zip"):
            if depth >= _MAX_ZIP_DEPTH:
                report.warning(
                    inner,
                    None,
                    "",
                    "zip files nested too deep; skipped",
                    "unpack the outer zip",
                    key="submission_zip_too_deep",
                )
                continue
            try:
                payload = read()
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
                report.error(
                    inner,
                    None,
                    "",
                    f"cannot be read from the zip ({exc})",
                    FIX_RESUBMIT,
                    key="submission_zip_member_unreadable",
                    fields={"fix_key": "submission_resubmit", "reason": exc},
                )
                continue
            yield from _walk_zip(payload, inner, report, depth + 1)
        else:
            folder = f"{shown}!{PurePosixPath(name).parent}"
            yield _Entry(inner, PurePosixPath(name).name, folder, read)


def _entries(root: Path, report: Report, progress: bool | None) -> Iterator[_Entry]:
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and not _ignored(p.relative_to(root).as_posix())
    )
    from tqdm.auto import tqdm

    disable = None if progress is None else not progress  # None: only on a terminal
    for path in tqdm(files, desc="submissions", unit="file", disable=disable, leave=False):
        shown = path.relative_to(root).as_posix()
        if path.suffix.lower() == ".zip":
            try:
                data = path.read_bytes()
            except OSError as exc:
                report.error(
                    shown,
                    None,
                    "",
                    f"cannot read the file: {exc.strerror}",
                    "check the file's permissions",
                    key="submission_file_permissions",
                    fields={"reason": exc.strerror},
                )
                continue
            yield from _walk_zip(data, shown, report, 1)
        else:
            yield _Entry(
                shown, path.name, path.parent.relative_to(root).as_posix(), path.read_bytes
            )


def _read(entry: _Entry, report: Report) -> bytes | None:
    try:
        return entry.read()
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError) as exc:
        report.error(
            entry.shown,
            None,
            "",
            f"cannot read the file ({exc})",
            FIX_RESUBMIT,
            key="submission_file_unreadable",
            fields={"fix_key": "submission_resubmit", "reason": exc},
        )
        return None


def _answers_file(entry: _Entry, report: Report) -> Submission | None:
    named = "answers" in entry.name.lower()
    data = _read(entry, report)
    if data is None:
        return None
    if not data.strip():
        if named:
            report.error(
                entry.shown,
                None,
                "",
                "the answers file is empty",
                FIX_RESUBMIT,
                key="submission_answers_empty",
                fields={"fix_key": "submission_resubmit"},
            )
        return None
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        if named:
            report.error(
                entry.shown,
                None,
                "",
                f"the answers file is damaged (not valid JSON: {exc})",
                FIX_RESUBMIT,
                key="submission_answers_damaged",
                fields={"fix_key": "submission_resubmit", "reason": exc},
            )
        return None
    kind = str(parsed.get("format", "")) if isinstance(parsed, dict) else ""
    if kind != ANSWERS_FORMAT:
        if named and not kind.startswith("dokhae-"):  # a manifest renamed *answers*.json is fine
            report.error(
                entry.shown,
                None,
                "format",
                "not a dokhae answers file",
                "check that this file belongs to the assignment",
                value=kind or None,
                key="submission_not_answers",
            )
        return None
    try:
        data_ok = read_answers(parsed, entry.shown)
    except FileFormatError as exc:
        report.error(
            entry.shown,
            None,
            exc.field,
            exc.problem,
            FIX_RESUBMIT,
            key="submission_answers_invalid",
            fields={"fix_key": "submission_resubmit", "problem": exc.problem},
        )
        return None
    answers: dict[str, Any] = {}
    saved: dict[str, str | None] = {}
    for exercise_id, item in data_ok["answers"].items():
        answers[str(exercise_id)] = item.get("value")
        saved[str(exercise_id)] = (
            item.get("saved_at") if isinstance(item.get("saved_at"), str) else None
        )
    return Submission(
        source=entry.shown,
        assignment_id=data_ok["assignment_id"],
        student_id=data_ok["student_id"],
        seed=data_ok.get("seed"),
        answers=answers,
        saved_at=saved,
        variant=data_ok.get("variant") or None,
        retakes={
            int(n): {str(e): a.get("value") for e, a in r.get("answers", {}).items()}
            for n, r in (data_ok.get("retakes") or {}).items()
            if str(n).isdigit()
        },
    )


def _call_answers(source: str) -> Iterator[tuple[str, Any, bool]]:
    """``(exercise id, value, readable)`` of each ``check("<id>", value)`` call in ``source``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) != 2:
            continue
        func = node.func
        name = (
            func.id
            if isinstance(func, ast.Name)
            else func.attr
            if isinstance(func, ast.Attribute)
            else None
        )
        first = node.args[0]
        if name != "check" or not (
            isinstance(first, ast.Constant) and isinstance(first.value, str)
        ):
            continue
        try:
            yield first.value, ast.literal_eval(node.args[1]), True
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            yield first.value, None, False


def _notebook(entry: _Entry, data: bytes, report: Report) -> Submission | None:
    try:
        nb = json.loads(data.decode("utf-8-sig"))
        meta = nb["metadata"]["dokhae"]
        aid, sid = str(meta["assignment_id"]), str(meta["student_id"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        report.warning(
            entry.shown,
            None,
            "",
            f"notebook cannot be read ({exc.__class__.__name__}); ignored",
            FIX_RESUBMIT,
            key="submission_notebook_unreadable",
            fields={"fix_key": "submission_resubmit", "error": exc.__class__.__name__},
        )
        return None
    answers: dict[str, Any] = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        for exercise_id, value, readable in _call_answers(source):
            if not readable:
                report.warning(
                    entry.shown,
                    None,
                    exercise_id,
                    "the answer is computed in code, and the notebook has no answers.json "
                    "beside it; dokhae reads only written-out values, so it counts as not answered",
                    FIX_RESUBMIT,
                    key="submission_answer_computed",
                    fields={"fix_key": "submission_resubmit"},
                )
                answers.pop(exercise_id, None)
                continue
            value = plain_answer(value)
            if not is_empty(value):
                answers[exercise_id] = value
    if answers:
        report.warning(
            entry.shown,
            None,
            "",
            "no answers.json for this student: the answers written in "
            "the notebook's check(...) cells are graded instead",
            FIX_RESUBMIT,
            key="submission_notebook_graded",
            fields={"fix_key": "submission_resubmit"},
        )
    return Submission(
        source=entry.shown,
        assignment_id=aid,
        student_id=sid,
        seed=None,
        answers=answers,
        saved_at=dict.fromkeys(answers),
        kind="notebook",
    )


def _isolated(
    entry: _Entry, report: Report, read: Callable[[], Submission | None]
) -> Submission | None:
    """``read()``, or None with an error when a hand-made file breaks it in a way nobody
    foresaw: one submission is skipped and reported, the class is still graded."""
    try:
        return read()
    except Exception as exc:
        report.error(
            entry.shown,
            None,
            "",
            f"this submission cannot be read ({type(exc).__name__}: {str(exc)[:120]}); skipped",
            FIX_RESUBMIT,
            key="submission_unforeseen",
            fields={
                "fix_key": "submission_resubmit",
                "error": type(exc).__name__,
                "detail": str(exc)[:120],
            },
        )
        return None


def collect(root: str | Path, report: Report, *, progress: bool | None = None) -> list[Submission]:
    """Every submission found under ``root`` (folders, answers files, zips), in path order.

    ``progress``: True shows a progress bar, False never, None when on a terminal.
    """
    root = Path(root)
    found: list[Submission] = []
    notebooks: list[_Entry] = []
    folders_with_answers: set[str] = set()
    for entry in _entries(root, report, progress):
        lower = entry.name.lower()
        if lower.endswith(".json"):
            if lower in _SKIP_NAMES:
                continue
            submission = _isolated(entry, report, functools.partial(_answers_file, entry, report))
            if submission is not None:
                found.append(submission)
            if submission is not None or "answers" in lower:
                folders_with_answers.add(entry.folder)  # even a damaged one: it is reported
        elif lower.endswith(".ipynb"):
            notebooks.append(entry)
    have = {(s.assignment_id, s.student_id) for s in found}
    for entry in notebooks:
        if entry.folder in folders_with_answers:
            continue
        data = _read(entry, report)
        if data is None:
            continue
        match = _NOTEBOOK_METADATA.search(data)
        if match is None:
            continue  # not a dokhae assignment notebook
        try:
            meta = json.loads(match.group(1))
        except ValueError:
            meta = {}
        if not meta.get("student_id"):
            report.warning(
                entry.shown,
                None,
                "",
                "a notebook with no answers.json beside it and no "
                "student id in it: it cannot be told whose it is; ignored",
                FIX_RESUBMIT,
                key="submission_notebook_nobody",
                fields={"fix_key": "submission_resubmit"},
            )
            continue
        if (str(meta.get("assignment_id")), str(meta["student_id"])) in have:
            continue
        submission = _isolated(entry, report, functools.partial(_notebook, entry, data, report))
        if submission is not None:
            found.append(submission)
    return found
