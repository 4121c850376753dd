"""A printable worksheet and its separate answer key (HTML; PDF with a Chromium-type browser).

The worksheet holds, for one student or as one generic sheet: a header (title in English
and Korean, outlet, date, source, a name line), the article with numbered lines, a
vocabulary section, and the chosen questions with room to answer. With a class roster
there is one page set per student: their letters and their arithmetic numbers, made by
the same functions as ``dokhae assign`` (:func:`~dokhae.teacher.variants.variant_seed`,
:func:`~dokhae.teacher.variants.student_variant`), so a worksheet and an assignment
with the same id give each student the same numbers. Without a roster the arithmetic
uses the templates' example numbers.

Answers, meanings and explanations go only into the key (``<name>-key.html``).
With ``gaps=True`` the glossary words of the article become numbered gaps with a word
bank, in place of the vocabulary list.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import i18n
from ..arithmetic import example_exercise
from ..json_files import write_text_atomic
from ..lesson import ArithmeticTemplate, Lesson, MultipleChoice
from ..terms import check_language
from .worksheet_pages import Sheet, Worksheet

__all__ = [
    "Sheet",
    "Worksheet",
    "WorksheetFiles",
    "default_exercises",
    "make_worksheet",
    "write_worksheet",
]

SUFFIXES = (".html", ".htm")
GENERIC_STUDENT = "worksheet"
GENERIC_SECRET = b"dokhae-generic-sheet"
"""The one sheet for everyone is practice: its fixed order needs no secret."""
"""Stands for the student in the seed of the generic sheet's item order."""


@dataclass(frozen=True)
class WorksheetFiles:
    """What :func:`write_worksheet` wrote."""

    worksheet: Path
    key: Path
    pdf: Path | None = None
    key_pdf: Path | None = None


# --------------------------------------------------------------------------- making


def default_exercises(lesson: Lesson, arithmetic: int = 2, learners: str = "en") -> list[str]:
    """A sensible set for one printed worksheet, in the lesson's order: the first
    question of each skill and of each question type, and the first ``arithmetic``
    templates of the lowest levels. The questions are those of the class's ``learners``:
    for Korean students of English (``"en"``, the default) none on the Korean text only
    (``tests: ko``), for learners of Korean (``"ko"``) none on the English text only."""
    firsts: dict[str, str] = {}
    for q in lesson.questions_for(learners):
        firsts.setdefault(f"skill:{q.skill}", q.id)
        firsts.setdefault(f"type:{q.type}", q.id)
    chosen = set(firsts.values())
    templates = sorted(lesson.exercises.templates, key=lambda t: t.level)[:arithmetic]
    chosen |= {t.id for t in templates}
    return [e for e in (*lesson.questions, *lesson.templates) if e in chosen]


def _example_variant(template: ArithmeticTemplate) -> tuple[dict[str, Any], dict[str, Any]]:
    """The generic sheet's arithmetic exercise: the template's example numbers, in the
    form of a student's variant."""
    from ..teacher.variants import ARITHMETIC_POINTS

    exercise = example_exercise(template)
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in exercise.params.items()}
    safe = {
        "id": template.id,
        "type": "arithmetic",
        "skill": "arithmetic",
        "points": ARITHMETIC_POINTS,
        "level": template.level,
        "title": template.title.model_dump(),
        "prompt": exercise.prompt.model_dump(),
        "unit": exercise.unit,
        "params": params,
        "param_units": {name: p.unit for name, p in template.params.items() if p.unit},
        "tolerance": exercise.tolerance.model_dump(),
    }
    return safe, {
        "answer": exercise.answer,
        "unit": exercise.unit,
        "tolerance": exercise.tolerance.model_dump(),
        "params": params,
    }


def _generic_sheet(lesson: Lesson, chosen: Sequence[str]) -> Sheet:
    """One sheet for everyone: multiple-choice options in the lesson's order (so the
    explanations' letters fit), other items in a fixed shuffled order, example numbers."""
    from ..teacher.variants import LABELS, student_variant, variant_seed

    question_ids = [e for e in chosen if e in lesson.questions]
    safe, key = student_variant(
        lesson, question_ids, variant_seed(GENERIC_SECRET, GENERIC_STUDENT, lesson.slug)
    )
    by_id = {entry["id"]: entry for entry in safe}
    entries = []
    for exercise_id in chosen:
        question = lesson.questions.get(exercise_id)
        if question is None:
            entry, part = _example_variant(lesson.templates[exercise_id])
            key["arithmetic"][exercise_id] = part
        else:
            entry = by_id[exercise_id]
            if isinstance(question, MultipleChoice):
                entry["choices"] = [
                    {"label": LABELS[i], "en": c.en, "ko": c.ko}
                    for i, c in enumerate(question.choices)
                ]
                key["labels"][exercise_id] = {
                    LABELS[i]: c.id for i, c in enumerate(question.choices)
                }
        entries.append(entry)
    return Sheet(None, "", tuple(entries), key)


def make_worksheet(
    lesson: Lesson,
    *,
    exercises: Iterable[str] | None = None,
    skills: Iterable[str] | None = None,
    selection_file: str | Path | None = None,
    learners: str = "en",
    roster: str | Path | None = None,
    assignment_id: str | None = None,
    language: str | None = None,
    text: str = "en",
    gaps: bool = False,
    secret: bytes | None = None,
    gap_limit: int | None = None,
) -> Worksheet:
    """The worksheet of ``lesson``.

    Args:
        exercises, skills, selection_file: the choice of exercises, as for ``dokhae assign``
            (:func:`dokhae.teacher.select_exercises`); none given: :func:`default_exercises`.
        learners: whose class it is, ``"en"`` (Korean students of English) or ``"ko"``
            (learners of Korean): the questions on the other text only are left out.
        roster: a class roster CSV: one sheet per student, with the numbers ``dokhae
            assign`` gives them for ``assignment_id`` (default ``<lesson>-<today>``).
        language: of instructions and questions (default: the interface language).
        text: the language of the article, ``"en"`` or ``"ko"``.
        gaps: glossary words as numbered gaps with a word bank, in place of the vocabulary list.
        gap_limit: with ``gaps``, blank at most this many words: the hardest, spread over
            the article (:func:`dokhae.export.worksheet_article.words_worth_a_gap`).
        secret: with ``roster``, the teacher secret of the assignment (``teacher/secret``
            of ``dokhae assign``) so that each student gets the numbers of the assignment;
            None: a new random one (each printing has new numbers).

    Raises:
        SelectionError: unknown exercise ids or skills, or nothing chosen.
        RosterError: the roster has problems (all listed with their lines).
        ValueError: an unusable assignment id, an assignment id without a roster, or an
            unknown language.
    """
    from ..problems import Report
    from ..teacher.assigning import assignment_id_for, select_exercises
    from ..teacher.choosing import SelectionError

    lang = i18n.get_language() if language is None else language
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose 'ko' or 'en'")
    check_language(text)
    if exercises or skills or selection_file is not None:
        chosen = select_exercises(
            lesson,
            exercises=exercises,
            skills=skills,
            selection_file=selection_file,
            direction=learners,
        )
        if not chosen:
            report = Report()
            report.error(
                str(selection_file or "skill"),
                None,
                "skill",
                "no exercise of the lesson has these skills",
                "choose other skills or exercise ids (dokhae lesson show LESSON lists the lesson's exercises)",
                value=", ".join(skills or ()),
                key="no_exercise_of_skills",
            )
            raise SelectionError(report)
    else:
        chosen = default_exercises(lesson, learners=learners)
    if roster is None:
        if assignment_id is not None:
            raise ValueError(
                "--id needs --roster: without a class roster the worksheet uses the "
                "example numbers; give the roster to print each student's own numbers"
            )
        return Worksheet(
            lesson,
            tuple(chosen),
            (_generic_sheet(lesson, chosen),),
            None,
            lang,
            text,
            gaps,
            gap_limit=gap_limit,
        )

    from ..teacher.roster import read_roster
    from ..teacher.variants import student_variant, variant_seed

    aid = assignment_id_for(lesson.slug, assignment_id)
    students = read_roster(roster)
    secret = secret if secret is not None else secrets.token_bytes(32)
    sheets = []
    for student in students:
        safe, key = student_variant(lesson, chosen, variant_seed(secret, aid, student.id))
        sheets.append(Sheet(student.id, student.name, tuple(safe), key))
    return Worksheet(
        lesson,
        tuple(chosen),
        tuple(sheets),
        aid,
        lang,
        text,
        gaps,
        tuple(students.report.warnings),
        gap_limit=gap_limit,
    )


# --------------------------------------------------------------------------- writing


def key_path_for(path: Path) -> Path:
    """``worksheet.html`` → ``worksheet-key.html``."""
    return path.with_name(f"{path.stem}-key{path.suffix}")


def write_worksheet(worksheet: Worksheet, path: Path | str, *, pdf: bool = False) -> WorksheetFiles:
    """Write the students' file to ``path`` (``.html``) and the key beside it
    (``<name>-key.html``); with ``pdf``, print both to PDF as well.

    Raises:
        ValueError: ``path`` does not end in ``.html``.
        PdfError: ``pdf`` and no Chromium-type browser, no Korean font, or printing failed
            (checked before anything is written, except a failure while printing).
    """
    from .pdf import check_korean_font, print_to_pdf, require_browser

    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        hint = " (add --pdf to get a PDF as well)" if path.suffix.lower() == ".pdf" else ""
        raise ValueError(
            f"cannot write the worksheet to {path.name!r}: the file name must end in .html{hint}"
        )
    browser = None
    if pdf:
        browser = require_browser()
        check_korean_font()
    key = key_path_for(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, worksheet.html())  # a reader never sees half a page
    write_text_atomic(key, worksheet.key_html())
    if browser is None:
        return WorksheetFiles(path, key)
    return WorksheetFiles(
        path,
        key,
        print_to_pdf(path, path.with_suffix(".pdf"), browser),
        print_to_pdf(key, key.with_suffix(".pdf"), browser),
    )
