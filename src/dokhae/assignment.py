"""The student side of an assignment: answers are saved, not checked.

A teacher's ``dokhae assign`` writes one folder per student::

    assignment.ipynb   the questions, with this student's choice letters and numbers
    manifest.json      assignment id, student id, lesson, exercise ids, variant seed
    questions.json     a student-safe copy of the questions: prompts and choices only

Nothing in the folder reveals an answer: no key, no explanation, no ``accept`` list and
no hash of one. Multiple-choice choices and ordering items are re-labelled ``a, b, c …``
in an order shuffled for each student; matching keeps its left items (numbered
``1, 2, …``) apart from its right items (lettered, shuffled). The teacher's key maps the
letters back.

In the notebook, :func:`start` makes an :class:`AssignmentSession` the kernel's session
(``dokhae.session.current_session()``), so the widgets and :func:`check` go through the
one answer path of :class:`dokhae.session.Session`. In assignment mode that path does
not check: :meth:`AssignmentSession.answer` writes the answer to ``answers.json`` beside
the notebook (atomically, on every answer), records it in the progress store with
status ``pending``, and returns ``Feedback("pending", message_key="feedback.saved")``
with no explanation and no expected answer.

``answers.json`` is what the teacher collects and ``dokhae grade`` reads::

    {"format": "dokhae-answers", "version": 1, "assignment_id": "...",
     "student_id": "...", "lesson": "...", "seed": "...",
     "answers": {"<exercise id>": {"value": ..., "saved_at": "2023-06-01T09:00:00+00:00"}}}
"""

from __future__ import annotations

import contextlib
import difflib
import json
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import i18n, locking
from .answers import Feedback, empty_message_key, is_empty
from .lesson import BLANK, Choice, Text, Tolerance
from .session import Session, UnknownExerciseError

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
    "AssignmentError",
    "AssignmentSession",
    "BlankExercise",
    "BlankQuestion",
    "Manifest",
    "check",
    "open_assignment",
    "plain_answer",
    "write_json_atomic",
    "write_text_atomic",
    "question_markdown",
    "read_answers",
    "show",
    "start",
    "submitted_answers",
    "text",
]

FORMAT_VERSION = 1
"""The version of the assignment files this dokhae writes and reads."""

MANIFEST_FILE = "manifest.json"
QUESTIONS_FILE = "questions.json"
ANSWERS_FILE = "answers.json"
NOTEBOOK_FILE = "assignment.ipynb"
VARIANTS_FILE = "variants.json"
"""nbgrader releases one folder to every student: this file holds every student's
manifest and safe questions (no answers), and :func:`start` picks the student's own."""

MANIFEST_FORMAT = "dokhae-assignment"
QUESTIONS_FORMAT = "dokhae-questions"
ANSWERS_FORMAT = "dokhae-answers"
VARIANTS_FORMAT = "dokhae-variants"

STUDENT_ENVIRONMENT_VARIABLES = ("DOKHAE_STUDENT_ID", "JUPYTERHUB_USER")
"""Where :func:`start` looks for the student's id when the folder has no manifest."""


class AssignmentError(RuntimeError):
    """The assignment files cannot be used; the message says what to do."""


# --------------------------------------------------------------------------- texts


def text(key: str, language: str, /, **fields: object) -> str:
    """Interface text of assignments and reports in ``language``: the catalog text
    ``key`` (:func:`dokhae.i18n.t`; keys ``assignment.*``, ``report.*`` and the rest)."""
    return i18n.t(key, language, **fields)


# --------------------------------------------------------------------------- manifest


@dataclass(frozen=True)
class Manifest:
    """``manifest.json``: who the folder is for and what it asks."""

    assignment_id: str
    student_id: str
    lesson: str
    exercises: tuple[str, ...]
    seed: str
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "version": FORMAT_VERSION,
            "assignment_id": self.assignment_id,
            "student_id": self.student_id,
            "name": self.name,
            "lesson": self.lesson,
            "exercises": list(self.exercises),
            "seed": self.seed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = MANIFEST_FILE) -> Manifest:
        """Read a manifest dict; raise :class:`AssignmentError` if it is not one."""
        if not isinstance(data, Mapping) or data.get("format") != MANIFEST_FORMAT:
            raise AssignmentError(f"{where} is not a dokhae assignment manifest; "
                                  "use the folder your teacher gave you")
        if data.get("version") != FORMAT_VERSION:
            raise AssignmentError(f"{where} has version {data.get('version')!r}, but this dokhae "
                                  f"reads version {FORMAT_VERSION}; update dokhae")
        try:
            return cls(
                assignment_id=str(data["assignment_id"]),
                student_id=str(data["student_id"]),
                lesson=str(data["lesson"]),
                exercises=tuple(str(x) for x in data["exercises"]),
                seed=str(data["seed"]),
                name=str(data.get("name") or ""),
            )
        except (KeyError, TypeError) as exc:
            raise AssignmentError(f"{where} lacks {exc}; ask your teacher for the folder again") from None


# --------------------------------------------------------------------------- blank questions


@dataclass(frozen=True)
class BlankQuestion:
    """A question as a student sees it in an assignment: no answer, no explanation.

    It has the attributes a quiz view reads from a lesson question, with the answer
    parts empty (``answer`` None, ``explanation`` None, ``hint`` None, ``accept`` and
    ``pairs`` empty). Choice and item ids are the student's letters. A matching question
    has ``left`` and ``right`` (the right items shuffled) instead of ``pairs``.
    """

    id: str
    type: str
    prompt: Text
    skill: str = ""
    points: float = 1.0
    choices: tuple = ()
    text: str = ""
    items: tuple[Choice, ...] = ()
    left: tuple[Choice, ...] = ()
    right: tuple[Choice, ...] = ()
    unit: str = ""
    inflections: bool = False
    manual: bool = False
    sentences: tuple[str, ...] = ()
    answer: None = None
    explanation: None = None
    hint: None = None
    accept: tuple = ()
    pairs: tuple = ()


@dataclass(frozen=True)
class BlankExercise:
    """An arithmetic exercise with this student's numbers and no answer.

    The attributes of :class:`dokhae.arithmetic.ArithmeticExercise` a view shows
    (``prompt``, ``params``, ``unit``, ``tolerance``, ...); ``answer``, ``explanation``
    and ``caveat`` are None and ``hints`` is empty.
    """

    template_id: str
    title: Text
    prompt: Text
    params: Mapping[str, Any]
    unit: str
    tolerance: Tolerance
    level: int = 1
    points: float = 1.0
    seed: str = ""
    answer: None = None
    explanation: None = None
    caveat: None = None
    hints: tuple = ()

    @property
    def id(self) -> str:
        return self.template_id

    @property
    def type(self) -> str:
        return "arithmetic"


def _choices(entries: Any) -> tuple[Choice, ...]:
    return tuple(Choice(id=e["label"], en=e.get("en") or e.get("text", ""),
                        ko=e.get("ko") or e.get("text", "")) for e in entries)


def blank(entry: Mapping[str, Any]) -> BlankQuestion | BlankExercise:
    """The blank question (or exercise) of one entry of ``questions.json``."""
    prompt = Text(**entry["prompt"])
    if entry["type"] == "arithmetic":
        return BlankExercise(
            template_id=entry["id"], title=Text(**entry["title"]), prompt=prompt,
            params=MappingProxyType({k: tuple(v) if isinstance(v, list) else v
                                     for k, v in entry.get("params", {}).items()}),
            unit=entry.get("unit", ""), tolerance=Tolerance(**entry.get("tolerance", {})),
            level=int(entry.get("level", 1)), points=float(entry.get("points", 1.0)),
        )
    kind = entry["type"]
    return BlankQuestion(
        id=entry["id"], type=kind, prompt=prompt, skill=entry.get("skill", ""),
        points=float(entry.get("points", 1.0)),
        choices=(_choices(entry["choices"]) if kind == "multiple_choice"
                 else tuple(entry.get("choices", ()))),
        text=entry.get("text", ""),
        items=_choices(entry.get("items", ())),
        left=_choices(entry.get("left", ())),
        right=_choices(entry.get("right", ())),
        unit=entry.get("unit", ""),
        inflections=bool(entry.get("inflections", False)),
        manual=bool(entry.get("manual", False)),
        sentences=tuple(entry.get("sentences", ())),
    )


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md(value: object) -> str:
    """Text safe inside Markdown: ``*``, ``_``, ``<`` ... are shown, not interpreted."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def _both(entry: Mapping[str, str]) -> str:
    return f"{_md(entry['ko'])}  \n{_md(entry['en'])}"


def question_markdown(entry: Mapping[str, Any], number: int | None = None) -> str:
    """One question of ``questions.json`` as bilingual Markdown (Korean first).

    The prompt, the student's choices with their letters, the word bank, the student's
    numbers and how to answer; never an answer.
    """
    kind = entry["type"]
    qid = entry["id"]
    points = entry.get("points", 1.0)
    shown_points = f"{points:g}"
    label = {lang: (text("arithmetic.title", lang) if kind == "arithmetic"
                    else text(f"question_type.{kind}", lang)) for lang in ("ko", "en")}
    title = f"{number}. " if number is not None else ""
    lines = [
        f"### {title}{_md(label['ko'])} / {_md(label['en'])} "
        f"({_md(text('assignment.points', 'ko', points=shown_points))} / "
        f"{_md(text('assignment.points', 'en', points=shown_points))})",
        "",
        f"`{qid}`",
        "",
    ]
    if kind == "arithmetic":
        lines += [f"**{_md(entry['title']['ko'])} / {_md(entry['title']['en'])}**", ""]
    lines += [_both(entry["prompt"]), ""]
    if kind == "multiple_choice":
        lines += [f"- **{c['label']}** {_md(c['ko'])} / {_md(c['en'])}" for c in entry["choices"]]
        lines.append("")
    elif kind == "cloze":
        shown = "\\_\\_\\_\\_\\_".join(_md(part) for part in entry["text"].split(BLANK))
        lines += [f"> {shown}", ""]
        if entry.get("choices"):
            lines += ["[ " + " · ".join(_md(w) for w in entry["choices"]) + " ]", ""]
    elif kind == "matching":
        lines += [f"- **{c['label']}** {_md(c['text'])}" for c in entry["left"]]
        lines.append("")
        # another bullet, so that Markdown shows two lists
        lines += [f"* **{c['label']}** {_md(c['text'])}" for c in entry["right"]]
        lines.append("")
    elif kind == "ordering":
        lines += [f"- **{c['label']}** {_md(c['ko'])} / {_md(c['en'])}" for c in entry["items"]]
        lines.append("")
    elif kind == "arithmetic" and entry.get("unit"):
        unit = entry["unit"]
        lines += [f"{_md(text('arithmetic.unit', 'ko', unit=unit))} / "
                  f"{_md(text('arithmetic.unit', 'en', unit=unit))}", ""]
    elif kind == "numeric" and entry.get("unit"):
        unit = entry["unit"]
        lines += [f"{_md(text('arithmetic.unit', 'ko', unit=unit))} / "
                  f"{_md(text('arithmetic.unit', 'en', unit=unit))}", ""]
    how = {lang: text(f"assignment.how.{kind}", lang, id=qid) for lang in ("ko", "en")}
    lines += [f"*{_md(how['ko'])}*  \n*{_md(how['en'])}*"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- answers file


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def plain_answer(value: Any) -> Any:
    """A JSON-ready copy of an answer: text in NFC, ``...`` as None, tuples as lists."""
    if value is None or value is Ellipsis:
        return None
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Choice):
        return value.id
    if isinstance(value, Mapping):
        return {plain_answer(str(k)): plain_answer(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_answer(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain_answer(v) for v in value), key=repr)
    if hasattr(value, "left") and hasattr(value, "right"):  # a Pair
        return [plain_answer(value.left), plain_answer(value.right)]
    if hasattr(value, "item"):  # numpy scalars
        return plain_answer(value.item())
    if hasattr(value, "tolist"):  # numpy arrays
        return plain_answer(value.tolist())
    if hasattr(value, "__float__"):  # Decimal, Fraction
        return float(value)
    return unicodedata.normalize("NFC", str(value))


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as UTF-8 JSON to ``path`` so that a reader sees the old or the new
    file, never half of one (a temporary file in the same folder, then ``os.replace``)."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def write_text_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`write_json_atomic`)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _file_mode() -> int:
    """The mode a new file gets (0o666 less the umask); temporary files start at 0o600."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def read_answers(data: Any, where: str = ANSWERS_FILE) -> dict[str, Any]:
    """Check the parsed JSON of an answers file; return it (raise ``ValueError`` naming
    what is wrong and where)."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: not an answers file (the JSON is not an object)")
    if data.get("format") != ANSWERS_FORMAT:
        raise ValueError(f"{where}: not a dokhae answers file (format is {data.get('format')!r}, "
                         f"expected {ANSWERS_FORMAT!r})")
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"{where}: answers file version {data.get('version')!r}; this dokhae "
                         f"reads version {FORMAT_VERSION}")
    for name in ("assignment_id", "student_id"):
        if not isinstance(data.get(name), str) or not data[name]:
            raise ValueError(f"{where}: {name} is missing or empty")
    answers = data.get("answers")
    if not isinstance(answers, Mapping):
        raise ValueError(f"{where}: 'answers' is missing or not an object")
    for exercise_id, entry in answers.items():
        if not isinstance(entry, Mapping) or "value" not in entry:
            raise ValueError(f"{where}: answers[{exercise_id!r}] has no 'value'")
    return dict(data)


# --------------------------------------------------------------------------- session


class AssignmentSession(Session):
    """A student working on an assignment: every answer is saved beside the notebook.

    Built from the folder holding ``manifest.json`` and ``questions.json`` (see
    :func:`open_assignment`). Arithmetic numbers come from the manifest's seed; the
    lesson's own data is not needed (it is loaded only if a view asks for
    ``session.lesson``).

    Args:
        folder: the assignment folder (the notebook's folder).
        store: the progress store (default: the student's own, opened on first use).
    """

    mode = "assignment"

    def __init__(self, folder: str | os.PathLike[str] = ".", *, store: Any = None) -> None:
        # No Session.__init__: it would load the lesson with its answer key, which an
        # assignment does not need. These are the attributes Session keeps.
        self.folder = Path(folder)
        self.manifest = _read_manifest(self.folder)
        self.seed = self.manifest.seed
        self._store = store
        self._exercises: dict[str, Any] = {}
        self._lesson = None
        self.questions = _read_questions(self.folder, self.manifest)
        self.answers_path = self.folder / ANSWERS_FILE
        self.submitted = self._read_saved()

    # ----------------------------------------------------------------- identity

    def __repr__(self) -> str:
        return (f"<AssignmentSession {self.manifest.assignment_id} for {self.manifest.student_id}: "
                f"{len(self.manifest.exercises)} exercises>")

    @property
    def lesson(self):  # type: ignore[override]
        """The lesson (loaded on first use; assignments work without it)."""
        if self._lesson is None:
            from .validation import load_lesson

            self._lesson = load_lesson(self.manifest.lesson)
        return self._lesson

    @lesson.setter
    def lesson(self, value) -> None:
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

    def _entry(self, exercise_id: str) -> Mapping[str, Any]:
        entry = self.questions.get(exercise_id)
        if entry is None:
            close = difflib.get_close_matches(str(exercise_id), list(self.questions), n=3)
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise UnknownExerciseError(
                f"assignment {self.manifest.assignment_id!r} has no exercise {exercise_id!r}.{hint}"
            )
        return entry

    # ----------------------------------------------------------------- answering

    def feedback(self, exercise_id: str, value: Any) -> Feedback:
        """In an assignment nothing is checked: the answer is not shown."""
        self._entry(exercise_id)
        return Feedback("pending", message_key="answer.hidden")

    def answer(self, exercise_id: str, value: Any) -> Feedback:
        """Save the answer beside the notebook and record it; it is not checked.

        Returns ``Feedback("pending", message_key="feedback.saved")``; an empty answer is
        not saved (``unanswered``, with the checkers' message for an empty answer:
        ``answer.choose_first`` for choice questions, else ``answer.empty``), and an
        answer that cannot be written gives ``unanswered`` with ``feedback.not_saved``.
        """
        entry = self._entry(exercise_id)
        plain = plain_answer(value)
        if is_empty(plain):
            return Feedback("unanswered", message_key=empty_message_key(entry.get("type")))
        try:
            self._save(exercise_id, plain)
        except OSError:
            return Feedback("unanswered", message_key="feedback.not_saved")
        return self.record(exercise_id, plain, Feedback("pending", message_key="feedback.saved"))

    def record(self, exercise_id: str, value: Any, feedback: Feedback) -> Feedback:
        """Record an answer in the progress store (under the lesson's slug)."""
        if feedback.answered:
            from .progress import ProgressStoreError

            try:
                self.store.record_attempt(self.manifest.lesson, exercise_id, value, feedback,
                                          mode=self.mode)
            except ProgressStoreError:
                pass  # answers.json is the submission; the progress store is only history
        return feedback

    def saved(self) -> dict[str, Any]:
        """The answers saved so far: exercise id -> value."""
        try:
            with locking.answers_lock(self.answers_path):
                saved = self._read_saved()
        except OSError:  # a lock held too long, or no lock folder: read the file as it is
            saved = self._read_saved()
        return {k: v["value"] for k, v in saved.get("answers", {}).items()}

    def status(self) -> str:
        """Which exercises have a saved answer (not whether it is right), in both languages."""
        saved = self.saved()
        missing = [e for e in self.manifest.exercises if e not in saved]
        counts = {"answered": len(self.manifest.exercises) - len(missing),
                  "total": len(self.manifest.exercises)}
        lines = [f"{text('progress.answered', 'ko', **counts)} / {text('progress.answered', 'en', **counts)}"]
        if missing:
            lines.append(f"{text('assignment.missing', 'ko')} / {text('assignment.missing', 'en')}: "
                         + ", ".join(missing))
        return "\n".join(lines)

    def _read_saved(self) -> dict[str, Any]:
        try:
            data = json.loads(self.answers_path.read_text(encoding="utf-8"))
            data = read_answers(data, str(self.answers_path))
        except (OSError, ValueError):
            return self._empty_answers()
        if (data["assignment_id"], data["student_id"]) != (self.manifest.assignment_id,
                                                           self.manifest.student_id):
            return self._empty_answers()
        return data

    def _empty_answers(self) -> dict[str, Any]:
        return {
            "format": ANSWERS_FORMAT,
            "version": FORMAT_VERSION,
            "assignment_id": self.manifest.assignment_id,
            "student_id": self.manifest.student_id,
            "lesson": self.manifest.lesson,
            "seed": self.manifest.seed,
            "answers": {},
        }

    def _save(self, exercise_id: str, value: Any) -> None:
        # Read again first: another notebook of the same assignment may have saved since.
        # The lock keeps another kernel from saving in between (and, on Windows, from
        # reading the file while it is replaced, which fails there and read as "no answers").
        with locking.answers_lock(self.answers_path):
            data = self._read_saved()
            data["answers"] = dict(data.get("answers", {}))
            data["answers"][exercise_id] = {"value": value, "saved_at": _now()}
            write_json_atomic(self.answers_path, data)


# --------------------------------------------------------------------------- files


def _load_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssignmentError(f"there is no {path.name} in {path.parent}; open the notebook in the "
                              f"folder your teacher gave you ({what})") from None
    except (OSError, ValueError) as exc:
        raise AssignmentError(f"{path} cannot be read ({exc}); ask your teacher for the "
                              "assignment folder again") from None


def _student_from_environment() -> str | None:
    for name in STUDENT_ENVIRONMENT_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def _read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST_FILE
    if path.exists():
        return Manifest.from_dict(_load_json(path, "the manifest"), str(path))
    variants = folder / VARIANTS_FILE
    if variants.exists():
        return _variant(folder)[0]
    return Manifest.from_dict(_load_json(path, "the manifest"), str(path))


def _variant(folder: Path) -> tuple[Manifest, dict[str, Any]]:
    """The student's manifest and questions from ``variants.json`` (nbgrader releases)."""
    data = _load_json(folder / VARIANTS_FILE, "the list of variants")
    if not isinstance(data, Mapping) or data.get("format") != VARIANTS_FORMAT:
        raise AssignmentError(f"{folder / VARIANTS_FILE} is not a dokhae variants file")
    student = None
    with contextlib.suppress(OSError, ValueError):  # an answers file says whose folder it is
        student = read_answers(json.loads((folder / ANSWERS_FILE).read_text(encoding="utf-8")))["student_id"]
    student = student or _student_from_environment()
    students = data.get("students", {})
    if student is None or student not in students:
        who = "no student id was found" if student is None else f"student id {student!r} is not in it"
        raise AssignmentError(
            f"{folder / VARIANTS_FILE} has one variant per student, but {who}; set "
            f"DOKHAE_STUDENT_ID to your student id (os.environ['DOKHAE_STUDENT_ID'] = '...') "
            "and run this cell again, or ask your teacher"
        )
    entry = students[student]
    return Manifest.from_dict(entry["manifest"]), entry["questions"]


def _read_questions(folder: Path, manifest: Manifest) -> dict[str, Mapping[str, Any]]:
    path = folder / QUESTIONS_FILE
    if path.exists():
        data = _load_json(path, "the questions")
        entries = data.get("questions") if isinstance(data, Mapping) else None
    elif (folder / VARIANTS_FILE).exists():
        entries = _variant(folder)[1]["questions"]
    else:
        entries = _load_json(path, "the questions")
    if not isinstance(entries, list):
        raise AssignmentError(f"{path} is not a dokhae questions file; ask your teacher for "
                              "the assignment folder again")
    by_id = {e["id"]: e for e in entries}
    missing = [e for e in manifest.exercises if e not in by_id]
    if missing:
        raise AssignmentError(f"{path} lacks the exercises {', '.join(missing)}; ask your "
                              "teacher for the assignment folder again")
    return {e: by_id[e] for e in manifest.exercises}


def open_assignment(path: str | os.PathLike[str] = ".", *, store: Any = None) -> AssignmentSession:
    """The assignment in ``path``: a folder, or a file in it (the notebook or manifest)."""
    folder = Path(path)
    if folder.is_file():
        folder = folder.parent
    return AssignmentSession(folder, store=store)


_snapshots: dict[Path, dict[str, Any]] = {}


def start(path: str | os.PathLike[str] = ".", **options: Any) -> AssignmentSession:
    """Open the assignment in ``path`` and make it this kernel's session.

    After this, widgets and :func:`check` save answers to ``answers.json`` instead of
    checking them. The answers saved before the call are kept as the "submitted"
    answers (see :func:`submitted_answers`).
    """
    from . import session as _session

    opened = open_assignment(path, **options)
    _snapshots.setdefault(opened.folder.resolve(), opened.submitted)
    _session._current = opened
    return opened


def check(exercise_id: str, value: Any) -> Any:
    """Answer an exercise from a code cell: :func:`dokhae.results.check`, the same path as
    a widget click. With an assignment started (:func:`start`) the answer is saved, not
    checked, and the result shown says "Saved" and repeats the answer."""
    from .results import check as _check

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
    from .session import current_session

    session = current_session()
    if not isinstance(session, AssignmentSession):
        raise AssignmentError("no assignment is open; run the first cell (assignment.start()) first")
    return _Shown(question_markdown(session._entry(exercise_id), number))


def submitted_answers(path: str | os.PathLike[str] = ".") -> dict[str, Any]:
    """The answers file as it was when the assignment was first started in this kernel
    (what the student handed in, even if cells run later save again), or as it is now."""
    folder = Path(path)
    snapshot = _snapshots.get(folder.resolve())
    if snapshot is not None:
        return snapshot
    return read_answers(json.loads((folder / ANSWERS_FILE).read_text(encoding="utf-8")),
                        str(folder / ANSWERS_FILE))
