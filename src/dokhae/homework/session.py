"""A student working on an assignment: every answer is saved beside the notebook."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import i18n, locking
from ..answers import Feedback, empty_message_key, is_empty
from ..cleaning import plain_answer
from ..json_files import write_json_atomic
from ..lesson import Lesson
from ..problems import did_you_mean
from ..session import Session, UnknownExerciseError
from .files import (
    ANSWERS_FILE,
    AnswersFile,
    AssignmentError,
    read_answers,
    read_attempt,
    read_folder,
)
from .questions import BlankExercise, BlankQuestion, blank, text
from .readable import refusal
from .words import WORD_TYPE, record_for_review

"""How long a save waits for another kernel saving to the same answers file."""

__all__ = ["AssignmentSession"]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class AssignmentSession(Session):
    """A student working on an assignment: every answer is saved beside the notebook.

    Built from the folder holding ``manifest.json`` and ``questions.json`` (see
    :func:`open_assignment`). The student's numbers and letters are in
    ``questions.json``; the lesson's own data is not needed (it is loaded only if a view
    asks for ``session.lesson``), and nothing here can check an answer.

    Args:
        folder: the assignment folder (the notebook's folder).
        store: the progress store (default: the student's own, opened on first use).
        attempt: which attempt of a retake assignment (1, 2, ... up to the manifest's
            ``max_attempts``): its questions are ``questions-<n>.json``, and its answers
            are saved apart from the other attempts' (``retakes`` in ``answers.json``).
    """

    mode = "assignment"

    def __init__(
        self, folder: str | os.PathLike[str] = ".", *, store: Any = None, attempt: int = 1
    ) -> None:
        # No Session.__init__: it would load the lesson with its answer key, which an
        # assignment does not need. These are the attributes Session keeps.
        self.folder = Path(folder)
        self.manifest, self.questions = read_folder(self.folder)
        self.attempt = int(attempt)
        if self.attempt != 1:
            self.questions = read_attempt(self.folder, self.manifest, self.attempt)
        self.seed = None  # no seed reaches a student: numbers come with the questions
        self._store = store
        self._exercises: dict[str, Any] = {}
        self._wrong: dict[str, int] = {}  # the tries policy is practice's (unused here)
        self._revealed: set[str] = set()
        self._direction: str | None = None  # the learner's direction, read on first use
        self._lesson: Lesson | None = None
        self.answers_path = self.folder / ANSWERS_FILE
        self.submitted = self._read_saved()

    # ----------------------------------------------------------------- identity

    def __repr__(self) -> str:
        return (
            f"<AssignmentSession {self.manifest.assignment_id} for {self.manifest.student_id}: "
            f"{len(self.manifest.exercises)} exercises>"
        )

    @property
    def lesson(self) -> Lesson:
        """The lesson (loaded on first use; assignments work without it)."""
        if self._lesson is None:
            from ..validation import load_lesson

            self._lesson = load_lesson(self.manifest.lesson)
        return self._lesson

    @lesson.setter
    def lesson(self, value: Lesson) -> None:
        self._lesson = value

    # ----------------------------------------------------------------- questions

    def question(self, exercise_id: str) -> BlankQuestion | BlankExercise:
        """The blank question or arithmetic exercise to show (no answer in it)."""
        return blank(self._entry(exercise_id))

    def exercise(self, template_id: str) -> BlankExercise:  # type: ignore[override]
        """The arithmetic exercise with this student's numbers, without its answer."""
        found = self.question(template_id)
        if not isinstance(found, BlankExercise):
            raise UnknownExerciseError(f"{template_id!r} is a question, not an arithmetic exercise")
        return found

    def exercise_ids(self) -> list[str]:
        """The assignment's exercises only (not the rest of the lesson)."""
        return list(self.manifest.exercises)

    def unknown_text(self, exercise_id: object, lang: str) -> str:
        return i18n.t(
            "quiz.unknown_in_assignment",
            lang,
            exercise=repr(str(exercise_id)),
            assignment=self.manifest.assignment_id,
        )

    def _entry(self, exercise_id: str) -> Mapping[str, Any]:
        entry = self.questions.get(exercise_id)
        if entry is None:
            hint = did_you_mean(exercise_id, self.questions)
            raise UnknownExerciseError(
                f"assignment {self.manifest.assignment_id!r} has no exercise {exercise_id!r}.{hint}"
            )
        return entry

    # ----------------------------------------------------------------- answering

    def feedback(
        self, exercise_id: str, value: Any, steps: Mapping[str, Any] | None = None
    ) -> Feedback:
        """In an assignment nothing is checked: the answer is not shown (nor its steps)."""
        self._entry(exercise_id)
        return Feedback("pending", message_key="answer.hidden")

    def answer(
        self, exercise_id: str, value: Any, steps: Mapping[str, Any] | None = None
    ) -> Feedback:
        """Save the answer beside the notebook and record it; it is not checked (named
        ``steps`` of a practice ``check(...)`` are ignored: only ``value`` is handed in).

        Returns ``Feedback("pending", message_key="feedback.saved")``; an empty answer is
        not saved (``unanswered``, with the checkers' message for an empty answer:
        ``answer.choose_first`` for choice questions, else ``answer.empty``); neither is
        an answer grading could not read (:func:`.readable.refusal`: ``unanswered`` with
        the message practice gives, e.g. ``answer.number_format`` for ``"3,5"``); an
        answer that cannot be written gives ``unanswered`` with ``feedback.not_saved``.
        """
        entry = self._entry(exercise_id)
        plain = plain_answer(value)
        if is_empty(plain):
            return Feedback("unanswered", message_key=empty_message_key(entry.get("type")))
        refused = refusal(entry, plain)
        if refused is not None:
            return refused
        try:
            self._save(exercise_id, plain)
        except (
            OSError
        ):  # the lock not had in time (filelock's Timeout is an OSError) or a full disk
            return Feedback("unanswered", message_key="feedback.not_saved")
        return self.record(exercise_id, plain, Feedback("pending", message_key="feedback.saved"))

    def record(self, exercise_id: str, value: Any, feedback: Feedback) -> Feedback:
        """Record an answer in the progress store (under the lesson's slug)."""
        if feedback.answered:
            from ..progress import ProgressStoreError

            # answers.json is the submission; the progress store is only history
            with contextlib.suppress(ProgressStoreError):
                self.store.record_attempt(
                    self.manifest.lesson, exercise_id, value, feedback, mode=self.mode
                )
                self._review_word(exercise_id, value)
        return feedback

    def _review_word(self, exercise_id: str, value: Any) -> None:
        """A word-test answer also goes to the spaced review (:mod:`.words`)."""
        entry = self.questions.get(exercise_id)
        if entry is None or entry.get("type") != WORD_TYPE:
            return
        with contextlib.suppress(OSError, ValueError, AssignmentError, LookupError):
            record_for_review(self.store, self.lesson, entry, value)

    def saved(self) -> dict[str, Any]:
        """The answers saved so far: exercise id -> value."""
        try:
            with locking.answers_lock(self.answers_path):
                saved = self._read_saved()
        except OSError:  # a lock held too long, or no lock folder: read the file as it is
            saved = self._read_saved()
        return {k: v["value"] for k, v in self._answers_of(saved).items()}

    def _answers_of(self, data: Mapping[str, Any]) -> Mapping[str, Any]:
        """The saved answers of this session's attempt in an answers file's data."""
        if self.attempt == 1:
            return data.get("answers", {})
        return data.get("retakes", {}).get(str(self.attempt), {}).get("answers", {})

    def status(self) -> str:
        """Which exercises have a saved answer (not whether it is right), in both languages."""
        saved = self.saved()
        missing = [e for e in self.manifest.exercises if e not in saved]
        counts = {
            "answered": len(self.manifest.exercises) - len(missing),
            "total": len(self.manifest.exercises),
        }
        lines = [
            f"{text('progress.answered', 'ko', **counts)} / {text('progress.answered', 'en', **counts)}"
        ]
        if missing:
            lines.append(
                f"{text('assignment.missing', 'ko')} / {text('assignment.missing', 'en')}: "
                + ", ".join(missing)
            )
        return "\n".join(lines)

    def _read_saved(self) -> dict[str, Any]:
        data = self._read_file()
        return data if data is not None else self._empty_answers()

    def _read_file(self) -> dict[str, Any] | None:
        """The answers file of this folder's student, or None when there is none, or it
        is damaged, or it is another assignment's or student's."""
        try:
            data = json.loads(self.answers_path.read_text(encoding="utf-8"))
            data = read_answers(data, str(self.answers_path))
        except (OSError, ValueError):
            return None
        if (data["assignment_id"], data["student_id"]) != (
            self.manifest.assignment_id,
            self.manifest.student_id,
        ):
            return None
        return data

    def _empty_answers(self) -> dict[str, Any]:
        m = self.manifest
        return AnswersFile(
            assignment_id=m.assignment_id,
            student_id=m.student_id,
            lesson=m.lesson,
            variant=m.variant,
            seed=m.seed,
            answers={},
        ).to_dict()

    def _save(self, exercise_id: str, value: Any) -> None:
        """Add one answer to ``answers.json``: locked across processes (two kernels of
        the same assignment wait for each other), read again under the lock, written
        atomically. A file there that is not this student's answers is kept aside
        (``answers.json.unreadable-<time>``), never overwritten."""
        with locking.answers_lock(self.answers_path):
            data = self._read_file()
            if data is None:
                if self.answers_path.exists():
                    stamp = _now().replace(":", "").replace("+", "Z")[:22]
                    os.replace(
                        self.answers_path,
                        self.answers_path.with_name(f"{self.answers_path.name}.unreadable-{stamp}"),
                    )
                data = self._empty_answers()
            saved_at = _now()
            saved = {"value": value, "saved_at": saved_at}
            if self.attempt == 1:
                data["answers"] = {**data.get("answers", {}), exercise_id: saved}
            else:
                retakes = dict(data.get("retakes") or {})
                this = dict(retakes.get(str(self.attempt)) or {"started_at": saved_at})
                this["answers"] = {**this.get("answers", {}), exercise_id: saved}
                retakes[str(self.attempt)] = this
                data["retakes"] = retakes
            data["log"] = [
                *data.get("log", []),
                {
                    "exercise": exercise_id,
                    "value": value,
                    "saved_at": saved_at,
                    "attempt": self.attempt,
                },
            ]
            write_json_atomic(self.answers_path, data)
