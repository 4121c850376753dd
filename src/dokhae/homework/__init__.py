"""The student's side of an assignment: homework whose answers are saved, not checked.

(Making an assignment is the teacher's side: :mod:`dokhae.teacher.assigning`.)

A teacher's ``dokhae assign`` writes one folder per student::

    assignment.ipynb   the questions, with this student's choice letters and numbers
    manifest.json      assignment id, student id, lesson, exercise ids, folder tag
    questions.json     a student-safe copy of the questions: prompts and choices only

Nothing in the folder reveals an answer: no key, no explanation, no ``accept`` list, no
seed and no hash of one (:mod:`.questions`; the trust model: ``docs/trust-model.md``).
The files are checked models (:mod:`.files`).

In the notebook, :func:`start` makes an :class:`AssignmentSession` the kernel's session
(``dokhae.session.current_session()``), so the widgets and :func:`check` go through the
one answer path of :class:`dokhae.session.Session`. In assignment mode that path does
not check: :meth:`AssignmentSession.answer` writes the answer to ``answers.json`` beside
the notebook (locked across processes and atomic, on every answer), records it in the
progress store with status ``pending``, and returns ``Feedback("pending",
message_key="feedback.saved")`` with no explanation and no expected answer. An answer
grading could not read is refused instead, with the message practice gives
(:mod:`.readable`).

``answers.json`` is what the teacher collects and ``dokhae grade`` reads::

    {"format": "dokhae-answers", "version": 1, "assignment_id": "...",
     "student_id": "...", "lesson": "...", "variant": "<folder tag>",
     "answers": {"<exercise id>": {"value": ..., "saved_at": "2023-06-01T09:00:00+00:00"}},
     "log": [{"exercise": "<exercise id>", "value": ..., "saved_at": "..."}, ...]}

Modules: :mod:`.files` (the folder's files), :mod:`.questions` (blank questions and
their Markdown), :mod:`.session` (:class:`AssignmentSession`); the notebook's functions
(:func:`start`, :func:`check`, :func:`show`, :func:`submitted_answers`) are here.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from .files import (
    ANSWERS_FILE,
    ANSWERS_FORMAT,
    FORMAT_VERSION,
    MANIFEST_FILE,
    MANIFEST_FORMAT,
    NOTEBOOK_FILE,
    QUESTIONS_FILE,
    QUESTIONS_FORMAT,
    VARIANTS_FILE,
    VARIANTS_FORMAT,
    AssignmentError,
    Manifest,
    read_answers,
)
from .questions import BlankExercise, BlankQuestion, blank, question_markdown, text
from .session import AssignmentSession

__all__ = [
    "ANSWERS_FILE",
    "ANSWERS_FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_FILE",
    "MANIFEST_FORMAT",
    "NOTEBOOK_FILE",
    "QUESTIONS_FILE",
    "QUESTIONS_FORMAT",
    "VARIANTS_FILE",
    "VARIANTS_FORMAT",
    "AssignmentError",
    "AssignmentSession",
    "BlankExercise",
    "BlankQuestion",
    "Manifest",
    "blank",
    "check",
    "open_assignment",
    "question_markdown",
    "read_answers",
    "show",
    "start",
    "submitted_answers",
    "text",
]


def open_assignment(
    path: str | os.PathLike[str] = ".", *, store: Any = None, attempt: int = 1
) -> AssignmentSession:
    """The assignment in ``path``: a folder, or a file in it (the notebook or manifest);
    ``attempt``: which attempt of a retake assignment (``attempt-<n>.ipynb`` starts its own)."""
    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    return AssignmentSession(folder, store=store, attempt=attempt)


_snapshots: dict[tuple[Path, int], dict[str, Any]] = {}


def start(path: str | os.PathLike[str] = ".", **options: Any) -> AssignmentSession:
    """Open the assignment in ``path`` and make it this kernel's session.

    After this, widgets and :func:`check` save answers to ``answers.json`` instead of
    checking them. The answers saved before the call are kept as the "submitted"
    answers (see :func:`submitted_answers`).
    """
    from .. import session as _session

    opened = open_assignment(path, **options)
    _snapshots.setdefault((opened.folder.resolve(), opened.attempt), opened.submitted)
    _session._current = opened
    return opened


def check(exercise_id: str, value: Any) -> Any:
    """Answer an exercise from a code cell: :func:`dokhae.results.check`, the same path as
    a widget click. With an assignment started (:func:`start`) the answer is saved, not
    checked, and the result shown says "Saved" and repeats the answer."""
    from ..results import check as _check

    return _check(exercise_id, value)


class _Shown:
    """A question displayed in a notebook: Markdown where it renders, text elsewhere."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return re.sub(r"\\(.)", r"\1", self.markdown)


def show(exercise_id: str, number: int | None = None) -> _Shown:
    """Display a question of the current assignment with this student's letters and numbers."""
    from ..session import current_session

    session = current_session()
    if not isinstance(session, AssignmentSession):
        raise AssignmentError("no assignment is open; run the notebook's first cell first")
    return _Shown(question_markdown(session._entry(exercise_id), number))


def submitted_answers(path: str | os.PathLike[str] = ".") -> dict[str, Any]:
    """The answers file as it was when the assignment was first started in this kernel
    (what the student handed in, even if cells run later save again), or as it is now."""
    folder = Path(path)
    snapshot = _snapshots.get((folder.resolve(), 1))
    if snapshot is not None:
        return snapshot
    return read_answers(
        json.loads((folder / ANSWERS_FILE).read_text(encoding="utf-8")), str(folder / ANSWERS_FILE)
    )
