"""nbgrader interoperability: an assignment as an nbgrader source notebook.

:func:`write_source` writes an nbgrader course layout::

    <out>/source/<assignment id>/<assignment id>.ipynb
    <out>/source/<assignment id>/variants.json

Copy ``source/<assignment id>`` into the course's ``source/`` folder, then run
``nbgrader generate_assignment``, release, collect and ``nbgrader autograde`` as usual.

The notebook is one for the whole class; each student's letters and numbers come from
``variants.json`` (every student's manifest and safe questions; no answers, seeds,
folder tags or names), chosen by
the ``manifest.json`` beside the notebook if there is one, else by the student id in
``$DOKHAE_STUDENT_ID`` or ``$JUPYTERHUB_USER`` (see :func:`dokhae.homework.start`).

Cells carry nbgrader metadata (schema version 3): the header, the setup cell and the
question cells are read-only; the answer cells are ordinary cells; after each answer
cell a read-only autograder test cell holds, between ``### BEGIN HIDDEN TESTS`` and
``### END HIDDEN TESTS``, this exercise's part of the key and a call to
:func:`autograde_points`. nbgrader removes the hidden part from the students' copy and
puts it back when it autogrades. The call reads the answers the student handed in
(``answers.json``, as it was before autograde re-ran the notebook), scores them with
the same code as ``dokhae grade`` and ends the cell with the points earned, which
nbgrader takes as partial credit. The student is the one nbgrader collected the
folder from (``<student id>/<assignment id>``), not the one the file names. Answers a person must mark score 0 here, as they do
in ``dokhae grade`` before a manual mark.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..homework.files import VARIANTS_FILE, VariantsFile
from ..homework.questions import text
from ..markup import markdown_text
from .key import AnswerKey, UnreadableAnswerError
from .notebook import SETUP_SOURCE, STATUS_SOURCE, both, code_cell, markdown_cell, notebook

__all__ = ["autograde_points", "nbgrader_metadata", "write_source"]

SCHEMA_VERSION = 3


def nbgrader_metadata(
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = False,
    points: float | None = None,
) -> dict[str, Any]:
    """The ``nbgrader`` cell metadata (schema version 3)."""
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _test_source(key: AnswerKey, exercise_id: str) -> str:
    part = json.dumps(key.subset(exercise_id), ensure_ascii=False, sort_keys=True)
    return "\n".join(
        [
            f"# dokhae: {exercise_id}",
            "### BEGIN HIDDEN TESTS",
            "from dokhae.teacher.nbgrader_bridge import autograde_points",
            f"autograde_points({part!r}, {json.dumps(exercise_id)})",
            "### END HIDDEN TESTS",
        ]
    )


def source_notebook(key: AnswerKey, title: Mapping[str, str]) -> dict[str, Any]:
    """The nbgrader source notebook of an assignment."""
    header = "\n".join(
        [
            f"# {markdown_text(title['ko'])}",
            f"## {markdown_text(title['en'])}",
            "",
            f"**{text('assignment.title', 'ko')} / {text('assignment.title', 'en')}** · {key.assignment_id}",
            "",
            text("assignment.intro", "ko"),
            "",
            text("assignment.intro", "en"),
            "",
            both("assignment.setup"),
        ]
    )
    cells = [
        markdown_cell("header", header, **nbgrader_metadata("dokhae-header", locked=True)),
        code_cell("setup", SETUP_SOURCE, **nbgrader_metadata("dokhae-setup", locked=True)),
    ]
    for n, exercise_id in enumerate(key.exercises, 1):
        cells.append(
            code_cell(
                f"q{n:02d}-question",
                f"homework.show({json.dumps(exercise_id)}, {n})",
                **nbgrader_metadata(f"show-{exercise_id}", locked=True),
            )
        )
        comment = (
            f"# {text('assignment.answer_here', 'ko')} / {text('assignment.answer_here', 'en')}"
        )
        cells.append(
            code_cell(f"q{n:02d}-answer", f"{comment}\ncheck({json.dumps(exercise_id)}, ...)")
        )
        cells.append(
            code_cell(
                f"q{n:02d}-test",
                _test_source(key, exercise_id),
                **nbgrader_metadata(
                    f"test-{exercise_id}", grade=True, locked=True, points=key.points(exercise_id)
                ),
            )
        )
    cells.append(
        markdown_cell(
            "finish", both("assignment.finish"), **nbgrader_metadata("dokhae-finish", locked=True)
        )
    )
    cells.append(code_cell("status", STATUS_SOURCE))
    return notebook(cells, assignment_id=key.assignment_id, lesson=key.lesson)


def write_source(
    key: AnswerKey, variants: Mapping[str, Any], title: Mapping[str, str], out_dir: str | Path
) -> Path:
    """Write ``<out_dir>/source/<id>/<id>.ipynb`` and ``variants.json``; return the notebook path."""
    folder = Path(out_dir) / "source" / key.assignment_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key.assignment_id}.ipynb"
    path.write_text(
        json.dumps(source_notebook(key, title), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    released = {
        **VariantsFile.header(),
        "assignment_id": key.assignment_id,
        "students": dict(variants),
    }
    (folder / VARIANTS_FILE).write_text(
        json.dumps(released, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path


def autograde_points(
    key_part: str | Mapping[str, Any], exercise_id: str, path: str | Path = "."
) -> float:
    """The points the student in ``path`` earned on ``exercise_id`` (an nbgrader test cell).

    ``key_part`` is the JSON of :meth:`AnswerKey.subset`. The student is the one nbgrader
    collected the work from (the folder ``<student id>/<assignment id>`` being graded),
    not the one the file names. Answers of another assignment or student, a file made
    in another student's folder, and missing answers earn 0.
    """
    from ..homework import submitted_answers

    key = AnswerKey.from_dict(json.loads(key_part) if isinstance(key_part, str) else key_part)
    try:
        answers = submitted_answers(path)
    except (OSError, ValueError):
        return 0.0
    student = answers.get("student_id")
    collected_from = Path(path).resolve().parent.name
    if collected_from in key.students and collected_from != student:
        return 0.0
    if answers.get("assignment_id") != key.assignment_id or student not in key.students:
        return 0.0
    if key.made_for(student, answers.get("variant"), answers.get("seed")) is False:
        return 0.0
    entry = answers.get("answers", {}).get(exercise_id)
    if entry is None:
        return 0.0
    try:
        feedback, _ = key.check(student, exercise_id, entry.get("value"))
    except UnreadableAnswerError:
        return 0.0
    return min(key.points(exercise_id), feedback.score * key.points(exercise_id))
