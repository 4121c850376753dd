"""Grade a class: every submission scored against the key with the checking core.

:func:`grade` reads the collected submissions (never changing them), reports and skips
what cannot be graded (a damaged, empty, duplicated or foreign submission) without
stopping, and takes each student's identity from where their work was collected (a
folder or file named after them, as collected or as an LMS exports it), never from the
file: a file naming another student, a copy of a classmate's file and a second,
different file of one student are reported, and only the student's own work is graded.
It scores every answer with :meth:`AnswerKey.check` (the practice checkers), applies the manual marks the teacher gave, and stores the result in the gradebook.
Answers a person must mark (``short_text`` items with ``manual: true`` whose answer is
not in ``accept``) are listed in ``manual_marks.csv``; the teacher fills in ``points``
and the next run reads them and keeps them.

Grading the same submissions twice gives the same gradebook.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answers import format_number, normalize_text, parse_number
from ..problems import Problem, Report
from .accepted import ACCEPTED_FILE, accepted_answers
from .gradebook import Gradebook, named, read_marks, same_answer, shown_answer, write_marks
from .key import AnswerKey, UnreadableAnswerError
from .retakes import grade_attempts
from .submissions import Submission, collect

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GradeResult", "grade"]

GRADEBOOK_FILE = "gradebook.sqlite3"
MARKS_FILE = "manual_marks.csv"


@dataclass
class GradeResult:
    """What :func:`grade` did: where things are, what was reported, the scores."""

    assignment_id: str
    gradebook_path: Path
    manual_marks_path: Path
    problems: list[Problem]
    submitted: list[str]
    missing: list[str]
    pending: int
    totals: dict[str, float] = field(default_factory=dict)
    max_points: float = 0.0
    damaged: list[str] = field(default_factory=list)
    """Students who handed in only files that cannot be read (the problems say which)."""
    names: dict[str, str] = field(default_factory=dict)
    """Every student's name from the roster, by id."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def table(self) -> pd.DataFrame:
        """One row per student, one column per exercise (see :func:`export_grades`)."""
        with Gradebook(self.gradebook_path) as book:
            return book.table(self.assignment_id)

    def __repr__(self) -> str:
        return (
            f"<GradeResult {self.assignment_id}: {len(self.submitted)} graded, "
            f"{len(self.missing)} missing, {len(self.damaged)} damaged, "
            f"{len(self.problems)} problems, {self.pending} to mark>"
        )

    def status_lines(self, language: str | None = None) -> list[str]:
        """One line naming who has not handed in, one naming who handed in a damaged
        file (each only when there is someone), in ``language`` (default: the interface
        language)."""
        from .. import i18n

        lines = []
        for key, ids in (
            ("grading.not_submitted", self.missing),
            ("grading.damaged", self.damaged),
        ):
            if ids:
                lines.append(i18n.t(key, language, count=len(ids), names=named(ids, self.names)))
        return lines


def _canonical_shown(key: AnswerKey, exercise_id: str, canonical: Any) -> str:
    """The answer in the lesson's terms as text, so equal answers group together
    (a choice as ``id: text``, an order as ``id, id, id``, a number formatted)."""
    kind = key.kind(exercise_id)
    if canonical is None:
        return ""
    if kind == "multiple_choice" and isinstance(canonical, str):
        for choice in key.questions[exercise_id]["choices"]:
            if choice["id"] == canonical:
                return f"{canonical}: {choice['en']}"
    if kind == "ordering" and isinstance(canonical, list):
        return ", ".join(str(x) for x in canonical)
    if kind in ("numeric", "arithmetic"):
        try:
            number = parse_number(canonical)
        except ValueError:
            number = None
        if number is not None:
            return format_number(number)
    if isinstance(canonical, str):
        return normalize_text(canonical)
    return shown_answer(canonical)


_TOKENS = re.compile(r"[^_\-.\s]+")
FIX_WHERE = (
    "put each student's work in a folder named after their student id (<collected>/<student id>/"
    "answers.json), or name the file after them (<student id>-answers.json)"
)
IDENTICAL_MIN = 3
"""Two students' files with at least this many answers, all identical, are reported."""


def owner_of(source: str, roster: Mapping[str, Any] | Iterable[str]) -> str | None:
    """The student a submission was collected from: the first (outermost) folder, zip or
    file name in ``source`` that is, or contains as a ``_``/``-``/``.`` separated word, a
    student id of the roster (``2024001/answers.json``, ``export.zip!kim_2024001_answers.json``).
    None when the place names nobody. What the file itself says is not used."""
    known = roster if isinstance(roster, (Mapping, set, frozenset)) else set(roster)
    for part in re.split(r"[/!]", source):
        if part in known:
            return part
        for token in _TOKENS.findall(part):
            if token in known:
                return token
    return None


def _rank(sub: Submission, owner: str) -> tuple:
    """Which of a student's files is their own work: an answers file before a notebook,
    the ``answers.json`` their notebook saves to (in their folder) before a renamed or
    loose copy; then the path. The student's clock (``saved_at``) is not used."""
    parts = re.split(r"[/!]", sub.source)
    own_file = parts[-1] == "answers.json" and owner in parts[:-1]
    return (sub.kind != "answers", not own_file, len(parts), sub.source)


def _choose(found: list[Submission], key: AnswerKey, report: Report) -> dict[str, Submission]:
    """One submission per student of the key, who is the student it was collected from
    (:func:`owner_of`); what cannot be graded as that student's own work is reported."""
    by_student: dict[str, list[Submission]] = defaultdict(list)
    for sub in found:
        if sub.assignment_id != key.assignment_id:
            report.error(
                sub.source,
                None,
                "assignment_id",
                f"answers of another assignment ({sub.assignment_id!r}, not {key.assignment_id!r}); skipped",
                "grade it with that assignment's key, or remove it from this folder",
                value=sub.student_id,
                key="grade_other_assignment",
                fields={"found": repr(sub.assignment_id), "expected": repr(key.assignment_id)},
            )
            continue
        owner = owner_of(sub.source, key.students)
        if owner is None:
            if sub.student_id not in key.students:
                report.error(
                    sub.source,
                    None,
                    "student_id",
                    "this student is not on the assignment's roster; skipped",
                    "check the id, or make the assignment for this student too",
                    value=sub.student_id,
                    key="grade_not_on_roster",
                )
            else:
                report.error(
                    sub.source,
                    None,
                    "student_id",
                    f"cannot tell whose work this is: it was not collected from a student's folder "
                    f"(the file says {sub.student_id!r}, but a file can say anything); skipped",
                    FIX_WHERE,
                    value=sub.student_id,
                    key="grade_whose",
                    fields={"said": repr(sub.student_id)},
                )
            continue
        if sub.student_id != owner:
            report.error(
                sub.source,
                None,
                "student_id",
                f"found in {owner}'s work, but the file names student {sub.student_id!r}: forged, or "
                f"copied from {sub.student_id}; graded for nobody",
                f"ask both students; {owner}'s own answers.json, if any, is graded",
                value=owner,
                key="grade_forged",
                fields={"owner": owner, "said": repr(sub.student_id), "named": sub.student_id},
            )
            continue
        made_for = key.made_for(owner, sub.variant, sub.seed)
        if made_for is False:
            source = key.tag_owner(sub.variant)
            whose = (
                f"in {source}'s folder (a copy of {source}'s file)"
                if source and source != owner
                else "for another variant of the assignment"
            )
            report.error(
                sub.source,
                None,
                "variant",
                f"this answers file was made {whose}, not in {owner}'s; graded for nobody",
                "ask the student to hand in their own folder again",
                value=owner,
                key="grade_copied_file" if source and source != owner else "grade_other_variant",
                fields={"source": source, "owner": owner, "fix_key": "grade_copied_file"},
            )
            continue
        unknown = sorted(e for e in sub.answers if e not in key.exercises)
        if unknown:
            report.warning(
                sub.source,
                None,
                "answers",
                f"answers to exercises not in this assignment are ignored: {', '.join(unknown)}",
                "nothing to do",
                value=owner,
                key="grade_unknown_exercises",
                fields={"exercises": ", ".join(unknown), "fix_key": "grade_nothing_to_do"},
            )
        if not any(e in key.exercises for e in sub.answers):
            continue  # an untouched notebook or answers file: not submitted, said once (summary)
        by_student[owner].append(sub)
    chosen: dict[str, Submission] = {}
    for student, subs in by_student.items():
        kept = min(subs, key=lambda s: _rank(s, student))
        chosen[student] = kept
        for other in subs:
            if other is kept:
                continue
            if other.digest == kept.digest:
                report.warning(
                    other.source,
                    None,
                    "student_id",
                    f"a second copy of the same answers (also in {kept.source}); counted once",
                    "nothing to do",
                    value=student,
                    key="grade_second_copy",
                    fields={"kept": kept.source, "fix_key": "grade_nothing_to_do"},
                )
            else:
                why = (
                    "the file the notebook saves to"
                    if not _rank(kept, student)[1]
                    else "found first; neither is the notebook's own answers.json"
                )
                report.error(
                    other.source,
                    None,
                    "student_id",
                    f"two different submissions of this student: {kept.source} (graded: {why}) and "
                    "this one (not graded)",
                    "if this one is the right one, remove the other from the folder and grade again",
                    value=student,
                    key="grade_two_submissions_first"
                    if _rank(kept, student)[1]
                    else "grade_two_submissions_own",
                    fields={"kept": kept.source, "fix_key": "grade_two_submissions"},
                )
    _report_identical(chosen, key, report)
    return chosen


def _report_identical(chosen: dict[str, Submission], key: AnswerKey, report: Report) -> None:
    """Students whose answers are all the same: with their own letters and numbers,
    that is rarely chance."""
    by_digest: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for sid, sub in chosen.items():
        graded = {e: v for e, v in sub.answers.items() if e in key.exercises}
        if len(graded) >= IDENTICAL_MIN:
            by_digest[(json.dumps(graded, ensure_ascii=False, sort_keys=True),)].append(sid)
    for students in by_digest.values():
        for sid in students[1:]:
            report.warning(
                chosen[sid].source,
                None,
                "answers",
                f"the same answers, letter for letter, as {students[0]}'s "
                f"({chosen[students[0]].source}), though each student has their own letters "
                "and numbers: perhaps copied",
                "talk to both students; both are graded as handed in",
                value=sid,
                key="grade_identical",
                fields={"first": students[0], "source": chosen[students[0]].source},
            )


def _damaged(
    problems: Iterable[Problem], roster: Mapping[str, Any], chosen: Mapping[str, Submission]
) -> set[str]:
    """The students with nothing graded whose folder (or file) holds a file that could
    not be read (``problems``: what :func:`collect` reported): a damaged or empty
    answers file, not nothing at all."""
    return {
        owner
        for p in problems
        if p.severity == "error"
        and (owner := owner_of(str(p.file), roster)) is not None
        and owner not in chosen
    }


def grade(
    submissions_dir: str | Path,
    key_path: str | Path,
    *,
    gradebook_path: str | Path | None = None,
    manual_marks: str | Path | None = None,
    progress: bool | None = None,
    accept: Iterable[tuple[str, str]] = (),
    partial: bool = True,
) -> GradeResult:
    """Grade every submission under ``submissions_dir`` against the key.

    Args:
        submissions_dir: the collected submissions (folders, answers files, zip files).
        key_path: ``teacher/key.json`` written by :func:`dokhae.teacher.assign`.
        gradebook_path: the SQLite gradebook (default: ``gradebook.sqlite3`` beside the key).
        manual_marks: the CSV of answers to mark by hand (default: ``manual_marks.csv``
            beside the gradebook); read if it exists, then written again.
        progress: show a progress bar (None: only on a terminal).
        accept: ``(exercise_id, answer)`` pairs the teacher accepts besides the key's
            (short answers and cloze gaps), added to ``accepted_answers.csv`` beside the
            gradebook; every row of that file is accepted for every student, in this run
            and every later one.
        partial: give partial credit for ordering and matching items (a share of the
            points); False: all or nothing, only a fully right answer scores.

    Raises:
        AcceptError: an ``accept`` pair names no short answer or cloze item of the key.
        KeyFileError: the key is missing or damaged.
        FileNotFoundError: ``submissions_dir`` is not a folder.
        GradebookError: ``gradebook_path`` is not a dokhae gradebook.
    """
    key = AnswerKey.load(key_path)
    root = Path(submissions_dir)
    if not root.is_dir():
        raise FileNotFoundError(
            f"no folder {root}; give the folder where the students' submissions were collected"
        )
    book_path = Path(gradebook_path) if gradebook_path else Path(key_path).parent / GRADEBOOK_FILE
    marks_path = Path(manual_marks) if manual_marks is not None else book_path.parent / MARKS_FILE
    report = Report(root=root)
    accepted = accepted_answers(
        book_path.parent / ACCEPTED_FILE,
        accept,
        {e: key.kind(e) for e in key.exercises},
        report,
    )
    with Gradebook(book_path) as book:
        found = collect(root, report, progress=progress)
        unreadable = list(report.problems)  # the files that could not be read
        chosen = _choose(found, key, report)
        damaged = _damaged(unreadable, key.students, chosen)

        points = {e: key.points(e) for e in key.exercises}
        old_marks = book.marks(key.assignment_id)
        from_csv = read_marks(marks_path, key.assignment_id, points, report, key.students)
        marks = dict(old_marks)
        if from_csv is not None:
            for where, mark in from_csv.items():
                if mark is None:
                    marks.pop(where, None)
                else:
                    marks[where] = mark

        exercises = [
            {
                "exercise_id": e,
                "position": i,
                "type": key.kind(e),
                "points": points[e],
                "manual": key.manual(e),
                "prompt_en": key.prompt(e)["en"],
                "prompt_ko": key.prompt(e)["ko"],
            }
            for i, e in enumerate(key.exercises)
        ]
        students, results, to_mark = [], [], []
        totals: dict[str, float] = {}
        for position, (sid, info) in enumerate(key.students.items()):
            sub = chosen.get(sid)
            students.append(
                {
                    "student_id": sid,
                    "position": position,
                    "name": info.get("name", ""),
                    "status": "submitted" if sub else "damaged" if sid in damaged else "missing",
                    "submission": sub.source if sub else None,
                }
            )
            if sub is None:
                continue
            total = 0.0
            for exercise_id in key.exercises:
                if exercise_id in sub.answers:
                    value = sub.answers[exercise_id]
                    try:
                        feedback, canonical = key.check(
                            sid,
                            exercise_id,
                            value,
                            accepted=accepted.get(exercise_id, ()),
                            partial=partial,
                        )
                        status, score = feedback.status, feedback.score
                    except UnreadableAnswerError as exc:
                        report.warning(
                            sub.source,
                            None,
                            exercise_id,
                            f"{exc}; it counts as not answered",
                            "nothing to do, or ask the student",
                            value=sid,
                            key="grade_answer_unreadable",
                            fields={"reason": exc},
                        )
                        canonical, status, score = None, "unanswered", 0.0
                    except Exception as exc:
                        report.error(
                            sub.source,
                            None,
                            exercise_id,
                            f"this answer cannot be checked ({type(exc).__name__}); it counts "
                            "as not answered",
                            "ask the student to answer it again",
                            value=sid,
                            key="grade_answer_unchecked",
                            fields={"error": type(exc).__name__},
                        )
                        value, canonical, status, score = None, None, "unanswered", 0.0
                else:
                    value, canonical, status, score = None, None, "unanswered", 0.0
                earned, manual = score * points[exercise_id], False
                shown = shown_answer(value)
                if status == "pending":
                    mark = marks.get((sid, exercise_id))
                    if mark is not None and not same_answer(mark.answer, shown):
                        report.warning(
                            sub.source,
                            None,
                            exercise_id,
                            "the answer changed since it was marked by hand; the mark is dropped",
                            f"mark the new answer in {marks_path.name}",
                            value=sid,
                            key="grade_mark_dropped",
                            fields={"marks": marks_path.name},
                        )
                        marks.pop((sid, exercise_id))
                        mark = None
                    to_mark.append(
                        {
                            "assignment_id": key.assignment_id,
                            "student_id": sid,
                            "name": info.get("name", ""),
                            "exercise_id": exercise_id,
                            "question": key.prompt(exercise_id)["en"],
                            "answer": shown,
                            "max_points": f"{points[exercise_id]:g}",
                            "points": "" if mark is None else f"{mark.points:g}",
                            "comment": "" if mark is None else mark.comment,
                        }
                    )
                    if mark is not None:
                        earned, manual = mark.points, True
                        share = earned / points[exercise_id] if points[exercise_id] else 0.0
                        status = "correct" if share >= 1 else "wrong" if share <= 0 else "partial"
                        score = min(1.0, share)
                total += earned
                results.append(
                    {
                        "student_id": sid,
                        "exercise_id": exercise_id,
                        "answer": None
                        if value is None
                        else json.dumps(value, ensure_ascii=False, sort_keys=True),
                        "canonical": _canonical_shown(key, exercise_id, canonical),
                        "status": status,
                        "score": score,
                        "points": earned,
                        "max_points": points[exercise_id],
                        "manual": manual,
                        "saved_at": sub.saved_at.get(exercise_id),
                    }
                )
            totals[sid] = total
        book.replace(
            {
                "assignment_id": key.assignment_id,
                "lesson": key.lesson,
                "max_points": key.max_points,
            },
            exercises,
            students,
            results,
            report.problems,
            [marks[k] for k in sorted(marks)],
        )
        grade_attempts(
            book, key, chosen, report, accepted=accepted, partial=partial
        )  # retake assignments: every attempt
    order = {sid: i for i, sid in enumerate(key.students)}
    to_mark.sort(key=lambda r: (r["exercise_id"], order[r["student_id"]]))
    if to_mark or marks_path.exists():
        write_marks(marks_path, to_mark)
    submitted = [s["student_id"] for s in students if s["status"] == "submitted"]
    missing = [s["student_id"] for s in students if s["status"] == "missing"]
    damaged_ids = [s["student_id"] for s in students if s["status"] == "damaged"]
    pending = sum(1 for r in to_mark if r["points"] == "")
    return GradeResult(
        assignment_id=key.assignment_id,
        gradebook_path=book_path,
        manual_marks_path=marks_path,
        problems=list(report.problems),
        submitted=submitted,
        missing=missing,
        pending=pending,
        totals=totals,
        max_points=key.max_points,
        damaged=damaged_ids,
        names={s["student_id"]: s["name"] for s in students},
    )
