"""The files of a student's assignment folder, as checked models.

::

    manifest.json    who the folder is for and what it asks       (Manifest)
    questions.json   prompts and choices, no answers              (QuestionsFile)
    answers.json     the student's saved answers, handed in       (AnswersFile)
    variants.json    nbgrader: every student's manifest and questions (VariantsFile)

The format and version of each are checked in one place,
:meth:`dokhae.json_files.VersionedFile.read`. Reading a folder turns every problem into
an :class:`AssignmentError` whose message tells the student what to do.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..json_files import FileFormatError, VersionedFile

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
    "AnswersFile",
    "AssignmentError",
    "LoggedSave",
    "Manifest",
    "QuestionsFile",
    "Retake",
    "SavedAnswer",
    "Variant",
    "VariantsFile",
    "attempt_notebook",
    "attempt_questions",
    "read_answers",
    "read_attempt",
    "read_folder",
]

FORMAT_VERSION = VersionedFile.VERSION
"""The version of the assignment files this dokhae writes and reads (every model's)."""

MANIFEST_FILE = "manifest.json"
QUESTIONS_FILE = "questions.json"
ANSWERS_FILE = "answers.json"
NOTEBOOK_FILE = "assignment.ipynb"
VARIANTS_FILE = "variants.json"
"""nbgrader releases one folder to every student: this file holds every student's
manifest and safe questions (no answers), and :func:`read_folder` picks the student's own."""


def attempt_questions(attempt: int) -> str:
    """The questions file of ``attempt``: ``questions.json``, then ``questions-2.json`` ..."""
    return QUESTIONS_FILE if attempt <= 1 else f"questions-{attempt}.json"


def attempt_notebook(attempt: int) -> str:
    """The notebook of ``attempt``: ``assignment.ipynb``, then ``attempt-2.ipynb`` ..."""
    return NOTEBOOK_FILE if attempt <= 1 else f"attempt-{attempt}.ipynb"


MANIFEST_FORMAT = "dokhae-assignment"
QUESTIONS_FORMAT = "dokhae-questions"
ANSWERS_FORMAT = "dokhae-answers"
VARIANTS_FORMAT = "dokhae-variants"

STUDENT_ENVIRONMENT_VARIABLES = ("DOKHAE_STUDENT_ID", "JUPYTERHUB_USER")
"""Where the student's id is looked for when the folder has no manifest."""

ASK_AGAIN = "ask your teacher for the assignment folder again"
NonEmpty = Annotated[str, Field(min_length=1)]


class AssignmentError(RuntimeError):
    """The assignment files cannot be used; the message says what to do."""


class Manifest(VersionedFile):
    """``manifest.json``: who the folder is for and what it asks."""

    FORMAT: ClassVar[str] = MANIFEST_FORMAT
    KIND: ClassVar[str] = "a dokhae assignment manifest"
    FIX: ClassVar[str] = "use the folder your teacher gave you, or " + ASK_AGAIN

    assignment_id: NonEmpty
    student_id: NonEmpty
    name: str = ""
    lesson: str
    exercises: tuple[str, ...]
    variant: str = ""
    """A keyed tag of this folder (:func:`dokhae.teacher.secret.variant_tag`): which
    student's folder an answers file was made in. Not a seed: nothing can be computed
    from it."""
    seed: str | None = None
    """Folders made before the teacher secret carried their (public) seed here."""
    target: float | None = None
    """A retake assignment's target, in percent of the points (None: no target)."""
    max_attempts: int = 1
    """How many attempts the student may make; attempt ``n`` > 1 has its own questions
    (``questions-<n>.json``) and notebook (``attempt-<n>.ipynb``)."""

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if data.get("seed") is None:
            data.pop("seed", None)
        if data.get("max_attempts") == 1 and data.get("target") is None:
            data.pop("max_attempts", None)
            data.pop("target", None)
        return data


class QuestionList(BaseModel):
    """The questions as the student sees them (see :func:`dokhae.homework.questions.blank`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    questions: list[dict[str, Any]]


class QuestionsFile(VersionedFile):
    """``questions.json``: a student-safe copy of the questions (prompts and choices only)."""

    FORMAT: ClassVar[str] = QUESTIONS_FORMAT
    KIND: ClassVar[str] = "a dokhae questions file"
    FIX: ClassVar[str] = ASK_AGAIN

    assignment_id: str = ""
    student_id: str = ""
    questions: list[dict[str, Any]]
    attempt: int = 1


class SavedAnswer(BaseModel):
    """One answer in ``answers.json``: the value and when it was saved (UTC ISO text)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    value: Any
    saved_at: Any = None


class LoggedSave(BaseModel):
    """One save, in the order they were made (``answers.json``'s ``log``)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    exercise: str
    value: Any
    saved_at: Any = None
    attempt: int = 1


class Retake(BaseModel):
    """The answers of one later attempt (``answers.json``'s ``retakes``)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    answers: dict[str, SavedAnswer] = Field(default_factory=dict)
    started_at: Any = None


class AnswersFile(VersionedFile):
    """``answers.json``: what the teacher collects and ``dokhae grade`` reads."""

    FORMAT: ClassVar[str] = ANSWERS_FORMAT
    KIND: ClassVar[str] = "a dokhae answers file"
    FIX: ClassVar[str] = "hand in the assignment folder again (answers.json beside the notebook)"

    assignment_id: NonEmpty
    student_id: NonEmpty
    lesson: str = ""
    variant: str = ""
    seed: str | None = None
    answers: dict[str, SavedAnswer]
    log: list[LoggedSave] = Field(default_factory=list)
    """Every save in order, so that no answer a student saved is lost (the teacher can
    see earlier answers); ``answers`` holds the last answer to each exercise."""
    retakes: dict[str, Retake] = Field(default_factory=dict)
    """The answers of attempts 2, 3, ... of a retake assignment, by attempt number;
    ``answers`` is always the first attempt's. Every attempt is kept."""

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        if not data.get("retakes"):
            data.pop("retakes", None)
        return data


class Variant(BaseModel):
    """One student's part of ``variants.json``."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    manifest: Manifest
    questions: QuestionList


class VariantsFile(VersionedFile):
    """``variants.json`` of an nbgrader release: one variant per student, no answers."""

    FORMAT: ClassVar[str] = VARIANTS_FORMAT
    KIND: ClassVar[str] = "a dokhae variants file"
    FIX: ClassVar[str] = ASK_AGAIN

    assignment_id: str = ""
    students: dict[str, Variant]


def read_answers(data: Any, where: str = ANSWERS_FILE) -> dict[str, Any]:
    """Check the parsed JSON of an answers file; return it as a dict.

    Raises:
        dokhae.json_files.FileFormatError: (a ``ValueError``) naming the file, the field
            and the fix.
    """
    return AnswersFile.read(data, where).to_dict()


# --------------------------------------------------------------------------- a folder


def _load_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssignmentError(
            f"there is no {path.name} in {path.parent}; open the notebook in the "
            f"folder your teacher gave you ({what})"
        ) from None
    except (OSError, ValueError) as exc:
        raise AssignmentError(f"{path} cannot be read ({exc}); {ASK_AGAIN}") from None


def _checked(model: type[VersionedFile], data: Any, where: Path) -> Any:
    try:
        return model.read(data, str(where))
    except FileFormatError as exc:
        raise AssignmentError(str(exc)) from None


def _student_from_environment() -> str | None:
    for name in STUDENT_ENVIRONMENT_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def _variant(folder: Path) -> Variant:
    """The student's manifest and questions from ``variants.json`` (nbgrader releases)."""
    path = folder / VARIANTS_FILE
    variants: VariantsFile = _checked(VariantsFile, _load_json(path, "the list of variants"), path)
    student = None
    with contextlib.suppress(OSError, ValueError):  # an answers file says whose folder it is
        student = read_answers(json.loads((folder / ANSWERS_FILE).read_text(encoding="utf-8")))[
            "student_id"
        ]
    student = student or _student_from_environment()
    if student is None or student not in variants.students:
        who = (
            "no student id was found" if student is None else f"student id {student!r} is not in it"
        )
        raise AssignmentError(
            f"{path} has one variant per student, but {who}; set "
            f"DOKHAE_STUDENT_ID to your student id (os.environ['DOKHAE_STUDENT_ID'] = '...') "
            "and run this cell again, or ask your teacher"
        )
    return variants.students[student]


def read_folder(folder: Path) -> tuple[Manifest, dict[str, Mapping[str, Any]]]:
    """The manifest and the questions (exercise id -> entry, in the manifest's order) of
    an assignment folder: ``manifest.json`` and ``questions.json``, or the student's
    variant in ``variants.json``.

    Raises:
        AssignmentError: a file is missing or cannot be used (the message says what to do).
    """
    manifest_path, questions_path = folder / MANIFEST_FILE, folder / QUESTIONS_FILE
    variant = None
    if manifest_path.exists() or not (folder / VARIANTS_FILE).exists():
        manifest = _checked(Manifest, _load_json(manifest_path, "the manifest"), manifest_path)
    else:
        variant = _variant(folder)
        manifest = variant.manifest
    if questions_path.exists() or not (folder / VARIANTS_FILE).exists():
        data = _load_json(questions_path, "the questions")
        entries = _checked(QuestionsFile, data, questions_path).questions
    else:
        entries = (variant or _variant(folder)).questions.questions
    by_id = {e.get("id"): e for e in entries}
    missing = [e for e in manifest.exercises if e not in by_id]
    if missing:
        raise AssignmentError(
            f"{questions_path} lacks the exercises {', '.join(missing)}; {ASK_AGAIN}"
        )
    return manifest, {e: by_id[e] for e in manifest.exercises}


def read_attempt(folder: Path, manifest: Manifest, attempt: int) -> dict[str, Mapping[str, Any]]:
    """The questions of ``attempt`` of a retake assignment (exercise id -> entry).

    Raises:
        AssignmentError: the assignment has no such attempt, or its file cannot be used.
    """
    if not 1 <= attempt <= manifest.max_attempts:
        allowed = (
            "this assignment has one attempt"
            if manifest.max_attempts == 1
            else f"this assignment allows attempts 1 to {manifest.max_attempts}"
        )
        raise AssignmentError(f"there is no attempt {attempt}: {allowed}")
    if attempt == 1:
        return read_folder(folder)[1]
    path = folder / attempt_questions(attempt)
    entries = _checked(QuestionsFile, _load_json(path, f"the questions of attempt {attempt}"), path)
    by_id = {e.get("id"): e for e in entries.questions}
    missing = [e for e in manifest.exercises if e not in by_id]
    if missing:
        raise AssignmentError(f"{path} lacks the exercises {', '.join(missing)}; {ASK_AGAIN}")
    return {e: by_id[e] for e in manifest.exercises}
