"""Helpers shared by the teacher tests (no tests here).

Right and wrong answers are worked out from the lesson and the student's own
``questions.json`` (the choice whose text is the right one, the arithmetic answer
computed from the student's numbers), never from the teacher's key, so the key and the
grading are checked against an independent reckoning.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from dokhae import load_lesson
from dokhae.arithmetic import COMPUTE, compute_parameters

LESSON = "steel-dialogue-2023"
EVERY_TYPE = [
    "main-idea",  # multiple choice
    "article-structure",  # ordering (6 items)
    "dialogue-number",  # numeric
    "roles-matching",  # matching (5 pairs)
    "name-of-cbam",  # short text
    "tfng-photo",  # true / false / not given
    "cloze-hiatus",  # cloze with a word bank
    "cloze-thaw",  # cloze
    "ref-two-sides",  # short text marked by hand
    "e01-months-between-dialogues",  # arithmetic with months
    "e03-de-minimis",  # arithmetic with a list
    "e05-embedded-emissions",  # arithmetic
    "e12-korea-full-chain",  # arithmetic in won
]
NAMES = [
    "김민준",
    "이서연",
    "박지호",
    "최수아",
    "정하준",
    "강지우",
    "조서준",
    "윤하은",
    "장도윤",
    "임지아",
]

_lesson = None


def lesson():
    global _lesson
    if _lesson is None:
        _lesson = load_lesson(LESSON)
    return _lesson


def write_roster(
    path: Path,
    n: int,
    *,
    encoding: str = "utf-8",
    header: str = "student_id,name",
    prefix: str = "2024",
) -> list[tuple[str, str]]:
    students = [(f"{prefix}{i:03d}", f"{NAMES[i % len(NAMES)]}{i}") for i in range(1, n + 1)]
    lines = [header] + [f"{sid},{name}" for sid, name in students]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return students


def folder_files(folder: Path) -> tuple[dict, list[dict]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    questions = json.loads((folder / "questions.json").read_text(encoding="utf-8"))["questions"]
    return manifest, questions


def _label_of(entries: list[dict], text: str, field: str = "en") -> str:
    found = [e["label"] for e in entries if e[field] == text]
    assert len(found) == 1, f"{text!r} not shown exactly once in {entries}"
    return found[0]


def worked_out(template, params: dict) -> float:
    """The answer of an arithmetic exercise from the numbers the student was given."""
    compute = template.answer.compute
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in params.items()}
    return float(COMPUTE[compute](*(values[name] for name in compute_parameters(compute))))


def answer_for(entry: dict, manifest: dict, right: bool) -> tuple[Any, float]:
    """An answer to one exercise as the student would write it, and the points it should
    earn (worked out from the lesson, not the key)."""
    kind, eid = entry["type"], entry["id"]
    if kind == "arithmetic":
        expected = worked_out(lesson().templates[eid], entry["params"])
        if right:
            return (f"{expected:,.4f}" if expected > 1000 else expected), 1.0
        return expected + max(1.0, abs(expected) * 0.5), 0.0
    q = lesson().questions[eid]
    points = q.points
    if kind == "multiple_choice":
        right_text = next(c.en for c in q.choices if c.id == q.answer)
        wrong_text = next(c.en for c in q.choices if c.id != q.answer)
        return _label_of(
            entry["choices"], right_text if right else wrong_text
        ), points if right else 0.0
    if kind == "true_false_not_given":
        other = next(v for v in ("true", "false", "not_given") if v != q.answer)
        return (q.answer, points) if right else (other, 0.0)
    if kind == "cloze":
        return (q.answer, points) if right else ("summit" if q.answer != "summit" else "thaw", 0.0)
    if kind == "matching":
        answer = {}
        for left in entry["left"]:
            pair = next(p for p in q.pairs if p.left == left["text"])
            answer[left["label"]] = _label_of(entry["right"], pair.right, "text")
        if right:
            return answer, points
        answer["1"], answer["2"] = answer["2"], answer["1"]
        n = len(q.pairs)
        return answer, points * (n - 2) / n
    if kind == "ordering":
        by_id = {item.id: item.en for item in q.items}
        labels = [_label_of(entry["items"], by_id[i]) for i in q.answer]
        if right:
            return ", ".join(labels), points
        labels[0], labels[1] = labels[1], labels[0]
        n = len(labels)
        return ", ".join(labels), points * (n - 2) / n
    if kind == "short_text":
        if right:
            return q.accept[0], points
        return ("the two governments" if q.manual else "Carbon Border Tax"), 0.0
    if kind == "numeric":
        return (f"{q.answer:g} {q.unit}".strip(), points) if right else (q.answer + 3, 0.0)
    raise AssertionError(kind)


def fill(folder: Path, right: dict[str, bool], *, store=None) -> dict[str, float]:
    """Answer every exercise of a student folder through the assignment session; return
    the points each answer should earn."""
    from dokhae.homework import open_assignment

    session = open_assignment(folder, store=store)  # also an nbgrader release (variants.json)
    manifest, questions = session.manifest.to_dict(), list(session.questions.values())
    expected = {}
    for entry in questions:
        value, points = answer_for(entry, manifest, right[entry["id"]])
        feedback = session.answer(entry["id"], value)
        assert feedback.status == "pending" and feedback.message_key == "feedback.saved"
        expected[entry["id"]] = points
    return expected


def tree_digest(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root``: content hash and modification time."""
    return {
        p.relative_to(root).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))
