"""The teacher's side: make assignments, grade them, report on them.

- :func:`assign` — one folder per student (notebook, manifest, safe questions) and the
  answer key in a separate teacher folder; optionally an nbgrader source notebook.
- :func:`grade` — score collected submissions (folders and LMS zip files) with the
  answer-checking core, keep a SQLite gradebook, list answers a person must mark.
- :func:`export_grades` — CSV (UTF-8 with BOM) and Excel, one row per student.
- :func:`report` — per-student totals and per-item difficulty, with a chart.

The ``dokhae assign`` / ``grade`` / ``report`` commands are thin layers over these.
Names are imported on first use, so the notebook side (``dokhae.homework`` and the
nbgrader test cells) does not pay for pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "AnswerKey",
    "AssignmentResult",
    "ClassReport",
    "GradeResult",
    "Roster",
    "RosterError",
    "SelectionError",
    "assign",
    "export_grades",
    "grade",
    "read_roster",
    "report",
    "select_exercises",
]

_WHERE = {
    "AnswerKey": "key",
    "AssignmentResult": "assigning",
    "ClassReport": "reports",
    "GradeResult": "grading",
    "Roster": "roster",
    "RosterError": "roster",
    "SelectionError": "choosing",
    "assign": "assigning",
    "export_grades": "gradebook",
    "grade": "grading",
    "read_roster": "roster",
    "report": "reports",
    "select_exercises": "assigning",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
