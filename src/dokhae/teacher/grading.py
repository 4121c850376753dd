"""Grade a class: every submission scored against the key with the checking core.

:func:`grade` reads the collected submissions (never changing them), reports and skips
what cannot be graded (a damaged, empty, duplicated or foreign submission) without
stopping, scores every answer with :meth:`AnswerKey.check` (the practice checkers),
applies the manual marks the teacher gave, and stores the result in the gradebook.
Answers a person must mark (``short_text`` items with ``manual: true`` whose answer is
not in ``accept``) are listed in ``manual_marks.csv``; the teacher fills in ``points``
and the next run reads them and keeps them.

Grading the same submissions twice gives the same gradebook.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answers import format_number, normalize_text, parse_number
from ..problems import Problem, Report
from .gradebook import Gradebook, read_marks, same_answer, shown_answer, write_marks
from .key import AnswerKey, UnreadableAnswerError
from .submissions import FIX_RESUBMIT, Submission, collect

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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def table(self) -> pd.DataFrame:
        """One row per student, one column per exercise (see :func:`export_grades`)."""
        with Gradebook(self.gradebook_path) as book:
            return book.table(self.assignment_id)

    def __repr__(self) -> str:
        return (f"<GradeResult {self.assignment_id}: {len(self.submitted)} graded, "
                f"{len(self.missing)} missing, {len(self.problems)} problems, {self.pending} to mark>")


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


def _choose(found: list[Submission], key: AnswerKey, report: Report) -> dict[str, Submission]:
    """One submission per student of the key; the others reported."""
    by_student: dict[str, list[Submission]] = defaultdict(list)
    for sub in found:
        if sub.assignment_id != key.assignment_id:
            report.error(sub.source, None, "assignment_id",
                         f"answers of another assignment ({sub.assignment_id!r}, not {key.assignment_id!r}); skipped",
                         "grade it with that assignment's key, or remove it from this folder",
                         value=sub.student_id)
            continue
        if sub.student_id not in key.students:
            report.error(sub.source, None, "student_id", "this student is not on the assignment's roster; skipped",
                         "check the id, or make the assignment for this student too", value=sub.student_id)
            continue
        if sub.seed is not None and sub.seed != key.students[sub.student_id]["seed"]:
            report.error(sub.source, None, "seed",
                         "these answers were made for another variant of the assignment (its seed differs "
                         "from the key's); skipped", FIX_RESUBMIT, value=sub.student_id)
            continue
        unknown = sorted(e for e in sub.answers if e not in key.exercises)
        if unknown:
            report.warning(sub.source, None, "answers", f"answers to exercises not in this assignment "
                           f"are ignored: {', '.join(unknown)}", "nothing to do", value=sub.student_id)
        if not any(e in key.exercises for e in sub.answers):
            report.error(sub.source, None, "answers", "the submission has no answers (empty); skipped",
                         FIX_RESUBMIT, value=sub.student_id)
            continue
        by_student[sub.student_id].append(sub)
    chosen: dict[str, Submission] = {}
    for student, subs in by_student.items():
        kept = max(subs, key=lambda s: (s.kind == "answers", s.latest, s.source))
        chosen[student] = kept
        for other in subs:
            if other is kept:
                continue
            if other.digest == kept.digest:
                report.warning(other.source, None, "student_id",
                               f"a second copy of the same answers (also in {kept.source}); counted once",
                               "nothing to do", value=student)
            else:
                report.error(other.source, None, "student_id",
                             f"duplicate submission: {kept.source} has newer answers of this student and is "
                             "graded; this one is skipped",
                             "if this one is the right one, remove the other from the folder and grade again",
                             value=student)
    return chosen


def grade(submissions_dir: str | Path, key_path: str | Path, *, gradebook_path: str | Path | None = None,
          manual_marks: str | Path | None = None, progress: bool | None = None) -> GradeResult:
    """Grade every submission under ``submissions_dir`` against the key.

    Args:
        submissions_dir: the collected submissions (folders, answers files, zip files).
        key_path: ``teacher/key.json`` written by :func:`dokhae.teacher.assign`.
        gradebook_path: the SQLite gradebook (default: ``gradebook.sqlite3`` beside the key).
        manual_marks: the CSV of answers to mark by hand (default: ``manual_marks.csv``
            beside the gradebook); read if it exists, then written again.
        progress: show a progress bar (None: only on a terminal).

    Raises:
        KeyFileError: the key is missing or damaged.
        FileNotFoundError: ``submissions_dir`` is not a folder.
        GradebookError: ``gradebook_path`` is not a dokhae gradebook.
    """
    key = AnswerKey.load(key_path)
    root = Path(submissions_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"no folder {root}; give the folder where the students' submissions "
                                "were collected")
    book_path = Path(gradebook_path) if gradebook_path else Path(key_path).parent / GRADEBOOK_FILE
    marks_path = Path(manual_marks) if manual_marks is not None else book_path.parent / MARKS_FILE
    report = Report(root=root)
    with Gradebook(book_path) as book:
        chosen = _choose(collect(root, report, progress=progress), key, report)

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

        exercises = [{"exercise_id": e, "position": i, "type": key.kind(e), "points": points[e],
                      "manual": key.manual(e), "prompt_en": key.prompt(e)["en"],
                      "prompt_ko": key.prompt(e)["ko"]} for i, e in enumerate(key.exercises)]
        students, results, to_mark = [], [], []
        totals: dict[str, float] = {}
        for position, (sid, info) in enumerate(key.students.items()):
            sub = chosen.get(sid)
            students.append({"student_id": sid, "position": position, "name": info.get("name", ""),
                             "status": "submitted" if sub else "missing",
                             "submission": sub.source if sub else None})
            if sub is None:
                continue
            total = 0.0
            for exercise_id in key.exercises:
                if exercise_id in sub.answers:
                    value = sub.answers[exercise_id]
                    try:
                        feedback, canonical = key.check(sid, exercise_id, value)
                        status, score = feedback.status, feedback.score
                    except UnreadableAnswerError as exc:
                        report.warning(sub.source, None, exercise_id, f"{exc}; it counts as not answered",
                                       "nothing to do, or ask the student", value=sid)
                        canonical, status, score = None, "unanswered", 0.0
                    except Exception as exc:  # noqa: BLE001 - one answer never stops the class
                        report.error(sub.source, None, exercise_id,
                                     f"this answer cannot be checked ({type(exc).__name__}); it counts "
                                     "as not answered", "ask the student to answer it again", value=sid)
                        value, canonical, status, score = None, None, "unanswered", 0.0
                else:
                    value, canonical, status, score = None, None, "unanswered", 0.0
                earned, manual = score * points[exercise_id], False
                shown = shown_answer(value)
                if status == "pending":
                    mark = marks.get((sid, exercise_id))
                    if mark is not None and not same_answer(mark.answer, shown):
                        report.warning(sub.source, None, exercise_id,
                                       "the answer changed since it was marked by hand; the mark is dropped",
                                       f"mark the new answer in {marks_path.name}", value=sid)
                        marks.pop((sid, exercise_id))
                        mark = None
                    to_mark.append({"assignment_id": key.assignment_id, "student_id": sid,
                                    "name": info.get("name", ""), "exercise_id": exercise_id,
                                    "question": key.prompt(exercise_id)["en"], "answer": shown,
                                    "max_points": f"{points[exercise_id]:g}",
                                    "points": "" if mark is None else f"{mark.points:g}",
                                    "comment": "" if mark is None else mark.comment})
                    if mark is not None:
                        earned, manual = mark.points, True
                        share = earned / points[exercise_id] if points[exercise_id] else 0.0
                        status = "correct" if share >= 1 else "wrong" if share <= 0 else "partial"
                        score = min(1.0, share)
                total += earned
                results.append({
                    "student_id": sid, "exercise_id": exercise_id,
                    "answer": None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True),
                    "canonical": _canonical_shown(key, exercise_id, canonical),
                    "status": status, "score": score, "points": earned, "max_points": points[exercise_id],
                    "manual": manual, "saved_at": sub.saved_at.get(exercise_id),
                })
            totals[sid] = total
        book.replace({"assignment_id": key.assignment_id, "lesson": key.lesson, "max_points": key.max_points},
                     exercises, students, results, report.problems,
                     [marks[k] for k in sorted(marks)])
    order = {sid: i for i, sid in enumerate(key.students)}
    to_mark.sort(key=lambda r: (r["exercise_id"], order[r["student_id"]]))
    if to_mark or marks_path.exists():
        write_marks(marks_path, to_mark)
    submitted = [s["student_id"] for s in students if s["status"] == "submitted"]
    missing = [s["student_id"] for s in students if s["status"] == "missing"]
    pending = sum(1 for r in to_mark if r["points"] == "")
    return GradeResult(assignment_id=key.assignment_id, gradebook_path=book_path,
                       manual_marks_path=marks_path, problems=list(report.problems), submitted=submitted,
                       missing=missing, pending=pending, totals=totals, max_points=key.max_points)
