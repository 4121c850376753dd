"""Retake assignments: a target score, several attempts, each with a fresh variant.

``dokhae assign ... --target 80 --max-attempts 3`` gives every student, besides the
usual folder, the questions and notebook of each later attempt (``questions-2.json``,
``attempt-2.ipynb``, ...), each made from its own keyed seed
(:func:`dokhae.teacher.secret.attempt_seed`): new numbers, reshuffled letters and
options, another span or sentence of an exam item where its kind allows, other words
of a word test. They hold no answer, so the student can retake offline, in their own
folder, whenever they like; the answers of each attempt are kept apart in
``answers.json`` (``answers`` for the first, ``retakes`` for the others).

The key holds every attempt's part (``students[<id>]["attempts"]``). :func:`grade_attempts`
(called by :func:`dokhae.teacher.grade`) grades every attempt handed in and keeps each
row in the gradebook (``attempt_results``: attempt, variant, points, rubric parts);
:func:`target_summary` gives each student's attempts, best and last score and whether
they reached the target, and :func:`not_yet` who has not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..homework.files import (
    Manifest,
    QuestionsFile,
    attempt_notebook,
    attempt_questions,
)
from ..homework.questions import text
from ..problems import Report
from .gradebook import Gradebook, attempt_results, replace_attempt_results
from .key import AnswerKey, UnreadableAnswerError

if TYPE_CHECKING:
    import pandas as pd

    from ..lesson import Article
    from .submissions import Submission

__all__ = [
    "MAX_ATTEMPTS",
    "attempt_notebook_dict",
    "check_retakes",
    "grade_attempts",
    "has_retakes",
    "not_yet",
    "target_lines",
    "target_summary",
    "write_attempts",
]

MAX_ATTEMPTS = 10
"""The most attempts an assignment may allow (each is a notebook in the student's folder)."""


def check_retakes(target: float | None, max_attempts: int, words: int, nbgrader: bool) -> None:
    """Refuse options that cannot make an assignment, saying what to give instead."""
    if not isinstance(max_attempts, int) or not 1 <= max_attempts <= MAX_ATTEMPTS:
        raise ValueError(
            f"--max-attempts {max_attempts!r} cannot be used: give a whole number from 1 to "
            f"{MAX_ATTEMPTS}"
        )
    if target is not None and not 0 < float(target) <= 100:
        raise ValueError(
            f"--target {target!r} cannot be used: give a percentage of the points, more than 0 "
            "and at most 100 (e.g. --target 80)"
        )
    if not isinstance(words, int) or words < 0:
        raise ValueError(f"--words {words!r} cannot be used: give how many words (e.g. 10)")
    if nbgrader and max_attempts > 1:
        raise ValueError(
            "--nbgrader and --max-attempts cannot be used together: nbgrader releases one "
            "notebook per assignment; leave out --nbgrader for a retake assignment"
        )


# --------------------------------------------------------------------------- the student's folder


def _both(key: str, **fields: object) -> str:
    return f"{text(key, 'ko', **fields)}  \n{text(key, 'en', **fields)}"


def _target(manifest: Manifest) -> str:
    return f"{manifest.target:g}" if manifest.target is not None else "-"


def attempt_notebook_dict(
    notebook: dict[str, Any], manifest: Manifest, attempt: int
) -> dict[str, Any]:
    """The notebook of ``attempt``: the first attempt's notebook gains a note on the
    target and the next attempt; a later one starts its own attempt and says which it is.
    An assignment without retakes is returned as it is."""
    if manifest.max_attempts <= 1:
        return notebook
    cells = [dict(c) for c in notebook["cells"]]
    lines = [
        f"**{_both('target_test.attempt_heading', attempt=attempt, max=manifest.max_attempts)}**",
        "",
    ]
    if manifest.target is not None:
        lines += [
            _both("target_test.target_note", target=_target(manifest), max=manifest.max_attempts),
            "",
        ]
    if attempt > 1:
        lines += [_both("target_test.attempt_intro"), ""]
        for cell in cells:
            if cell["id"] == "setup":
                cell["source"] = cell["source"].replace(
                    "homework.start()", f"homework.start(attempt={attempt})"
                )
    if attempt < manifest.max_attempts:
        lines += [_both("target_test.retake_note", notebook=attempt_notebook(attempt + 1))]
    at = next((i + 1 for i, c in enumerate(cells) if c["id"] == "header"), 0)
    cells.insert(
        at,
        {"cell_type": "markdown", "id": "attempt", "metadata": {}, "source": "\n".join(lines)},
    )
    metadata = dict(notebook["metadata"])
    metadata["dokhae"] = {**metadata.get("dokhae", {}), "attempt": attempt}
    return {**notebook, "cells": cells, "metadata": metadata}


def write_attempts(
    folder: Path,
    manifest: Manifest,
    retakes: Sequence[tuple[int, list[dict[str, Any]]]],
    title: Mapping[str, str],
    *,
    article: Article | None = None,
    prompts: str = "both",
) -> None:
    """Write each later attempt's questions and notebook into a student's folder (with
    the article and the prompt language of the first, :func:`.notebook.student_notebook`).
    A notebook already there that differs (the student may have worked in it) is kept."""
    from .notebook import student_notebook

    for attempt, safe in retakes:
        questions = QuestionsFile(
            assignment_id=manifest.assignment_id,
            student_id=manifest.student_id,
            questions=safe,
            attempt=attempt,
        )
        (folder / attempt_questions(attempt)).write_text(
            json.dumps(questions.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        first = student_notebook(manifest, safe, title, article=article, prompts=prompts)
        notebook = attempt_notebook_dict(first, manifest, attempt)
        path = folder / attempt_notebook(attempt)
        new = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
        if not path.exists():
            path.write_text(new, encoding="utf-8")


# --------------------------------------------------------------------------- grading


def _attempts_of(sub: Submission) -> dict[int, dict[str, Any]]:
    return {1: sub.answers, **{int(n): a for n, a in sub.retakes.items()}}


def grade_attempts(
    book: Gradebook,
    key: AnswerKey,
    chosen: Mapping[str, Submission],
    report: Report,
    *,
    accepted: Mapping[str, Sequence[str]] | None = None,
    partial: bool = True,
) -> int:
    """Grade every attempt each student handed in and store the rows in the gradebook
    (``attempt_results``); return how many attempts were graded. ``accepted`` and
    ``partial`` are the teacher's choices for this grading, as for the first attempt
    (:meth:`.key.AnswerKey.check`). Attempt 1 is the
    answers the gradebook's ``results`` hold; an answer marked by hand there keeps its
    points. Does nothing for an assignment without retakes, target or exam items (an exam
    item's rows keep its rubric parts' points)."""
    if key.max_attempts <= 1 and key.target is None and "exam" not in map(key.kind, key.exercises):
        return 0
    marked = {}
    results = book.frame("results", key.assignment_id)
    for _, row in results[results["manual"] == 1].iterrows():
        marked[(row["student_id"], row["exercise_id"])] = (
            row["status"],
            row["score"],
            row["points"],
        )
    rows: list[dict[str, Any]] = []
    graded = 0
    for sid, sub in chosen.items():
        for attempt, answers in sorted(_attempts_of(sub).items()):
            if attempt > key.max_attempts or not any(e in key.exercises for e in answers):
                if attempt > key.max_attempts:
                    report.warning(
                        sub.source,
                        None,
                        "retakes",
                        f"attempt {attempt} is beyond the {key.max_attempts} this assignment "
                        "allows; not graded",
                        "nothing to do",
                        value=sid,
                        key="retake_beyond_limit",
                        fields={
                            "attempt": attempt,
                            "most": key.max_attempts,
                            "fix_key": "grade_nothing_to_do",
                        },
                    )
                continue
            graded += 1
            tag = str(key.part(sid, attempt).get("tag", ""))
            for exercise_id in key.exercises:
                value = answers.get(exercise_id)
                points_max = key.points(exercise_id)
                parts = None
                if value is None:
                    status, score = "unanswered", 0.0
                else:
                    try:
                        feedback, _ = key.check(
                            sid,
                            exercise_id,
                            value,
                            attempt,
                            accepted=(accepted or {}).get(exercise_id, ()),
                            partial=partial,
                        )
                        status, score = feedback.status, feedback.score
                        parts = key.rubric_parts(sid, exercise_id, value, attempt)
                    except UnreadableAnswerError:
                        status, score = "unanswered", 0.0
                points = score * points_max
                if attempt == 1 and (sid, exercise_id) in marked:
                    status, score, points = marked[(sid, exercise_id)]
                rows.append(
                    {
                        "student_id": sid,
                        "attempt": attempt,
                        "variant": tag,
                        "exercise_id": exercise_id,
                        "answer": None
                        if value is None
                        else json.dumps(value, ensure_ascii=False, sort_keys=True),
                        "status": status,
                        "score": float(score),
                        "points": float(points),
                        "max_points": points_max,
                        "parts": None if parts is None else json.dumps(parts, ensure_ascii=False),
                    }
                )
    replace_attempt_results(book, key.assignment_id, rows)
    return graded


# --------------------------------------------------------------------------- the report


def target_summary(
    gradebook_path: str | Path, assignment_id: str | None = None, *, target: float | None = None
) -> pd.DataFrame:
    """One row per student of the roster: ``student_id``, ``name``, ``attempts`` (graded),
    ``best`` and ``last`` (percent of the points; NaN before any attempt) and ``reached``
    (best >= ``target``; the key's target, read from the gradebook's folder when not given).
    """
    import pandas as pd

    with Gradebook(gradebook_path) as book:
        aid = book.assignment(assignment_id)
        rows = attempt_results(book, aid)
        students = book.frame("students", aid)
        max_points = float(book.frame("assignments", aid)["max_points"].iloc[0])
    if target is None:
        target = _key_target(Path(gradebook_path), aid)
    totals = (
        rows.groupby(["student_id", "attempt"])["points"].sum().reset_index()
        if len(rows)
        else pd.DataFrame(columns=["student_id", "attempt", "points"])
    )
    out = []
    for _, student in students.iterrows():
        mine = totals[totals["student_id"] == student["student_id"]].sort_values("attempt")
        percents = [round(100 * p / max_points, 1) if max_points else 0.0 for p in mine["points"]]
        best = max(percents) if percents else float("nan")
        out.append(
            {
                "student_id": student["student_id"],
                "name": student["name"],
                "attempts": len(percents),
                "best": best,
                "last": percents[-1] if percents else float("nan"),
                "reached": bool(percents) and target is not None and best >= float(target),
            }
        )
    frame = pd.DataFrame(out, columns=["student_id", "name", "attempts", "best", "last", "reached"])
    frame.attrs["target"] = target
    return frame


def _key_target(gradebook_path: Path, assignment_id: str) -> float | None:
    """The target of the key beside the gradebook (``teacher/key.json``), if it is this
    assignment's."""
    path = gradebook_path.parent / "key.json"
    try:
        key = AnswerKey.load(path)
    except ValueError:
        return None
    return key.target if key.assignment_id == assignment_id else None


def has_retakes(summary: pd.DataFrame) -> bool:
    """Whether a :func:`target_summary` is of an assignment with a target or retakes
    (some student made more than one attempt): the report and ``dokhae grade`` then say
    how the attempts went."""
    return summary.attrs.get("target") is not None or bool((summary["attempts"] > 1).any())


def not_yet(summary: pd.DataFrame) -> list[str]:
    """The students who have not reached the target, in roster order."""
    return [str(s) for s, reached in zip(summary["student_id"], summary["reached"]) if not reached]


def target_lines(summary: pd.DataFrame, language: str = "ko") -> list[str]:
    """The retake section of the report as text: a table, then who is not yet at target."""
    target = summary.attrs.get("target")
    shown = f"{target:g}" if target is not None else "-"
    header = [
        text("target_test.student", language),
        text("target_test.attempts", language),
        text("target_test.best", language),
        text("target_test.last", language),
        text("target_test.reached", language),
    ]
    lines = [text("target_test.report_title", language), "", " | ".join(header)]
    for _, row in summary.iterrows():
        who = f"{row['name']} ({row['student_id']})" if row["name"] else str(row["student_id"])
        reached = text(
            "target_test.reached_yes" if row["reached"] else "target_test.reached_no", language
        )
        best = "-" if row["attempts"] == 0 else f"{row['best']:g}"
        last = "-" if row["attempts"] == 0 else f"{row['last']:g}"
        lines.append(" | ".join([who, str(row["attempts"]), best, last, reached]))
    names = [
        f"{n} ({s})" if n else str(s)
        for s, n, r in zip(summary["student_id"], summary["name"], summary["reached"])
        if not r
    ]
    lines.append("")
    lines.append(
        text("target_test.not_yet", language, target=shown, names=", ".join(names))
        if names
        else text("target_test.all_reached", language, target=shown)
    )
    return lines
