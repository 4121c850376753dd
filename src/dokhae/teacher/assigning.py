"""Making an assignment (the teacher's side): one folder per student and an answer key.

The student's side, the folder's notebook at work, is :mod:`dokhae.homework`.

::

    <out>/students/<student id>/assignment.ipynb   the questions, with the student's numbers
    <out>/students/<student id>/manifest.json      assignment id, student id, exercises, seed
    <out>/students/<student id>/questions.json     prompts and choices (no answers)
    <out>/teacher/key.json                         answers, explanations, letter mappings,
                                                   each student's seed and folder tag
    <out>/teacher/secret                           the teacher secret (mode 0600)
    <out>/students/<student id>/questions-<n>.json  with --max-attempts: attempt n's questions
    <out>/students/<student id>/attempt-<n>.ipynb   and notebook (:mod:`.retakes`)
    <out>/nbgrader/source/<id>/<id>.ipynb          with nbgrader=True (see nbgrader_bridge)

Students' folders never hold an answer, an explanation, an ``accept`` list, a seed or a
hash of one. Seeds are keyed hashes of the teacher secret, the assignment id and the
student id (:mod:`.secret`), so making the same assignment again in the same folder
gives the same files (answers.json files already there are kept), and nobody without
the secret can recompute them. The items come from a teacher's private bank
(``bank=``, :mod:`.bank`) or from the practice bank shipped with dokhae, whose answers
students can look up: :attr:`AssignmentResult.notices` then says so, in both languages
(the trust model: ``docs/trust-model.md``).
"""

from __future__ import annotations

import errno
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .. import i18n
from ..homework.files import (
    ANSWERS_FILE,
    MANIFEST_FILE,
    NOTEBOOK_FILE,
    QUESTIONS_FILE,
    Manifest,
    QuestionsFile,
)
from ..homework.questions import prompt_languages
from ..homework.words import slot_ids
from ..learner import DIRECTIONS
from ..lesson import SKILLS, Lesson
from ..problems import Problem, Report
from ..tables import ARITHMETIC_SKILL  # the skill that selects every template
from .choosing import SelectionError, report_unknown, wanted
from .key import AnswerKey
from .notebook import student_notebook
from .retakes import attempt_notebook_dict, check_retakes, write_attempts
from .roster import Roster, Student, read_roster
from .secret import (
    SECRET_FILE,
    attempt_seed,
    attempt_tag,
    make_secret,
    variant_tag,
)
from .variants import key_questions, student_variant

__all__ = [
    "ARITHMETIC_SKILL",
    "AssignmentResult",
    "assign",
    "select_exercises",
]


EXAM_SKILL = "exam"
"""The skill name that selects every approved exam item (수능·내신형); they are assigned
only when chosen (by id or by this skill), never by default."""

ASSIGNMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")


@dataclass(frozen=True)
class AssignmentResult:
    """What :func:`assign` wrote."""

    assignment_id: str
    lesson: str
    exercises: tuple[str, ...]
    students: tuple[Student, ...]
    out_dir: Path
    key_path: Path
    nbgrader_source: Path | None
    warnings: tuple[Problem, ...] = ()
    bank: Path | None = None
    notices: tuple[str, ...] = ()
    """Bilingual notices for the teacher (the practice-bank warning), Korean line first."""

    @property
    def secret_path(self) -> Path:
        return self.out_dir / "teacher" / SECRET_FILE

    @property
    def students_dir(self) -> Path:
        return self.out_dir / "students"

    def folder(self, student_id: str) -> Path:
        return self.students_dir / student_id

    def __repr__(self) -> str:
        return (
            f"<AssignmentResult {self.assignment_id}: {len(self.students)} students, "
            f"{len(self.exercises)} exercises in {self.out_dir}>"
        )


# --------------------------------------------------------------------------- selection


def _known(lesson: Lesson) -> list[str]:
    return [*lesson.questions, *lesson.templates, *lesson.exam_items]


def _skill_of(lesson: Lesson, exercise_id: str) -> str:
    question = lesson.questions.get(exercise_id)
    if exercise_id in lesson.exam_items:
        return EXAM_SKILL
    return question.skill if question is not None else ARITHMETIC_SKILL


def select_exercises(
    lesson: Lesson,
    *,
    exercises: Iterable[str] | None = None,
    skills: Iterable[str] | None = None,
    selection_file: str | Path | None = None,
    direction: str = "en",
) -> list[str]:
    """The exercise ids chosen by id, by skill and/or by a saved selection file, in the
    lesson's order (questions, then arithmetic templates). Nothing chosen: all of them.

    Skills are the lesson's (``main_idea``, ``detail``, ...) plus ``arithmetic`` for the
    arithmetic templates.

    ``direction``: whose class it is. ``"en"`` (Korean students of English, the default)
    leaves out the questions on the Korean text only (``tests: ko``, for learners of
    Korean); ``"ko"`` leaves out those on the English text only. This holds for
    everything chosen by skill or by default; a question chosen by its id is always
    assigned.

    Raises:
        SelectionError: unknown ids or skills (all listed, with close matches), or an
            unreadable selection file.
        ValueError: ``direction`` is neither ``"en"`` nor ``"ko"``.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown learners {direction!r}: choose 'en' or 'ko'")
    report = Report()
    known = _known(lesson)
    wanted_ids, wanted_skills = wanted(report, exercises, skills, selection_file, group="skill")
    report_unknown(
        report,
        wanted_ids,
        known,
        field="exercise",
        message="lesson {lesson!r} has no exercise {value!r}",
        fix="use one of the lesson's ids{suggestion}",
        key="unknown_exercise",
        lesson=lesson.slug,
    )
    report_unknown(
        report,
        wanted_skills,
        (*SKILLS, ARITHMETIC_SKILL, EXAM_SKILL),
        field="skill",
        message="{value!r} is not a skill",
        fix="use one of: {known}",
        key="unknown_skill",
    )
    if report.errors:
        raise SelectionError(report)
    other_side = {q.id for q in lesson.exercises.questions if not q.for_direction(direction)}
    if not wanted_ids and not wanted_skills:
        return [e for e in known if e not in lesson.exam_items and e not in other_side]
    chosen_ids = {e for e, _, _ in wanted_ids}
    chosen_skills = {s for s, _, _ in wanted_skills}
    return [
        e
        for e in known
        if e in chosen_ids or (_skill_of(lesson, e) in chosen_skills and e not in other_side)
    ]


# --------------------------------------------------------------------------- writing


def _json(path: Path, data: Any) -> None:
    path.write_text(_json_text(data), encoding="utf-8")


def _json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _students_work(
    students_dir: Path, notebooks: dict[str, str], force: bool, report: Report
) -> None:
    """Keep what students have done in an assignment made again: ``answers.json`` is never
    written over (each one kept is listed); a notebook that differs from the one dokhae
    would write now may hold a student's work, so without ``force`` nothing is written and
    :class:`FileExistsError` names them; with ``force`` each is kept beside the new one as
    ``assignment.ipynb.bak`` (and listed)."""

    def differs(sid: str, text: str) -> bool:
        path = students_dir / sid / NOTEBOOK_FILE
        return path.is_file() and path.read_text(encoding="utf-8", errors="replace") != text

    changed = [sid for sid, text in notebooks.items() if differs(sid, text)]
    if changed and not force:
        shown = ", ".join(changed[:10]) + (
            f" and {len(changed) - 10} more" if len(changed) > 10 else ""
        )
        raise FileExistsError(
            f"{students_dir} already holds notebooks that differ from this assignment's (students "
            f"{shown}): they may hold the students' work, so nothing was written. Give another "
            "output folder (-o), or add --force to make the assignment again: each such notebook "
            "is then kept as assignment.ipynb.bak beside the new one, and answers.json files are "
            "never replaced"
        )
    for sid in changed:
        notebook_path = students_dir / sid / NOTEBOOK_FILE
        backup = next(
            b
            for n in range(1000)
            if not (
                b := notebook_path.with_name(NOTEBOOK_FILE + (f".{n}" if n else "") + ".bak")
            ).exists()
        )  # never over an older one
        notebook_path.replace(backup)
        report.warning(
            notebook_path,
            None,
            sid,
            f"the notebook differed from the new one: kept as {backup.name}",
            "hand the student the new notebook; their old one is in the .bak file",
            value=sid,
            key="notebook_kept",
            fields={"backup": backup.name},
        )
    for sid in notebooks:
        if (students_dir / sid / ANSWERS_FILE).is_file():
            report.warning(
                students_dir / sid / ANSWERS_FILE,
                None,
                sid,
                "the student's saved answers were kept",
                "nothing to do",
                value=sid,
                key="answers_kept",
            )


def assignment_id_for(lesson_slug: str, value: str | None = None) -> str:
    """The assignment id to use: ``value`` checked, or ``<lesson>-<today>`` when none is given.

    The id fixes each student's numbers, so ``dokhae assign`` and a worksheet for the same
    class and id give every student the same numbers.
    """
    value = value or f"{lesson_slug}-{date.today().isoformat()}"
    if not ASSIGNMENT_ID.match(value):
        raise ValueError(
            f"assignment id {value!r} cannot be used: use 1 to 80 letters, digits, '-' or '_', "
            "starting with a letter or digit (e.g. steel-2023-06-01)"
        )
    return value


def _check_out_dir(out_dir: Path, assignment_id: str) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "a file, not a folder", str(out_dir))
    key_path = out_dir / "teacher" / "key.json"
    if key_path.exists() and not (out_dir / "teacher" / SECRET_FILE).exists():
        raise FileExistsError(
            f"{out_dir} holds an assignment made by an older dokhae, without a teacher secret; "
            "make the new one in another output folder (the students keep their folders)"
        )
    if key_path.exists():
        try:
            existing = json.loads(key_path.read_text(encoding="utf-8")).get("assignment_id")
        except (OSError, ValueError, AttributeError):
            existing = None
        if existing != assignment_id:
            raise FileExistsError(
                f"{out_dir} already holds {'assignment ' + repr(existing) if existing else 'an answer key'}; "
                "choose another output folder, or the same --id to make that assignment again"
            )


def assign(
    lesson: Lesson | str | None,
    roster_path: str | Path,
    out_dir: str | Path,
    *,
    exercises: Iterable[str] | None = None,
    skills: Iterable[str] | None = None,
    selection_file: str | Path | None = None,
    learners: str = "en",
    assignment_id: str | None = None,
    nbgrader: bool = False,
    bank: str | Path | None = None,
    force: bool = False,
    prompts: str = "both",
    target: float | None = None,
    max_attempts: int = 1,
    words: int = 0,
) -> AssignmentResult:
    """Write one folder per student of the roster, the answer key and the teacher secret.

    Args:
        lesson: a :class:`Lesson`, a lesson slug, or None for the first lesson (with
            ``bank``: the bank's own lesson; a different one is refused).
        bank: a teacher's private bank (YAML, see :mod:`dokhae.teacher.bank`): the items
            come from it instead of the practice bank shipped with dokhae.
        roster_path: the class roster CSV (see :func:`dokhae.teacher.roster.read_roster`).
        out_dir: where ``students/``, ``teacher/`` (and ``nbgrader/``) are written.
        exercises, skills, selection_file: the choice of exercises (see
            :func:`select_exercises`); none given means every exercise of the lesson.
        learners: whose class it is, ``"en"`` (Korean students of English, the default)
            or ``"ko"`` (learners of Korean): the questions on the other text only are
            left out (``direction`` of :func:`select_exercises`).
        assignment_id: names the assignment (default ``<lesson>-<today>``); with the
            student id it determines each student's numbers.
        nbgrader: also write an nbgrader source notebook whose hidden tests grade the
            saved answers (see :mod:`dokhae.teacher.nbgrader_bridge`).
        force: make the assignment again over students' notebooks that changed (each kept
            as ``assignment.ipynb.bak``); answers.json files are kept in any case.
        prompts: the language of the prompts and choices in the notebooks: ``both``
            (Korean and English), ``en`` (a reading check in English) or ``ko``.
        target, max_attempts: a retake assignment (:mod:`.retakes`): each student may
            make up to ``max_attempts`` attempts, each with a fresh variant (its own
            ``questions-<n>.json`` and ``attempt-<n>.ipynb``), until reaching ``target``
            percent of the points; every attempt is graded.
        words: add a 단어 test of this many glossary words (slots ``word-01`` ...), typed
            in both directions; with no other choice, the assignment is the word test.

    Raises:
        RosterError: the roster has problems (all listed with line numbers).
        SelectionError: unknown exercises or skills.
        ValueError: an unusable assignment id, or a bank of another lesson.
        FileExistsError: ``out_dir`` holds another assignment, or (without ``force``)
            students' notebooks that differ from the ones to write.
        NotADirectoryError: ``out_dir`` is a file.
        LessonError: the private bank has errors (all listed).
        SecretFileError: the folder's teacher secret is damaged.
    """
    warnings: list[Problem] = []
    if bank is not None:
        from .bank import load_bank

        wanted = lesson.slug if isinstance(lesson, Lesson) else lesson
        lesson, bank_report = load_bank(bank)
        if wanted is not None and wanted != lesson.slug:
            raise ValueError(
                f"{bank}: the private bank is for the lesson {lesson.slug!r}, not {wanted!r}; "
                f"give --lesson {lesson.slug} or no --lesson"
            )
        warnings += bank_report.warnings
    elif not isinstance(lesson, Lesson):
        from ..validation import load_lesson

        lesson = load_lesson(lesson)
    aid = assignment_id_for(lesson.slug, assignment_id)
    prompt_languages(prompts)  # an unknown choice is refused before anything is written
    roster: Roster = read_roster(roster_path)
    check_retakes(target, max_attempts, words, nbgrader)
    if words and not (exercises or skills or selection_file):
        chosen: list[str] = []
    else:
        chosen = select_exercises(
            lesson,
            exercises=exercises,
            skills=skills,
            selection_file=selection_file,
            direction=learners,
        )
    chosen += slot_ids(words)
    out = Path(out_dir)
    _check_out_dir(out, aid)
    secret = make_secret(out / "teacher" / SECRET_FILE)

    questions, templates = key_questions(lesson, chosen)
    title = {"en": lesson.article.title.en, "ko": lesson.article.title.ko}
    key_students: dict[str, Any] = {}
    variants: dict[str, Any] = {}
    students_dir = out / "students"
    prepared = []
    for student in roster:
        tag = variant_tag(secret, aid, student.id)
        attempts: list[tuple[list[dict[str, Any]], dict[str, Any]]] = []
        for n in range(1, max_attempts + 1):  # attempt 1's seed is variant_seed's
            seed = attempt_seed(secret, aid, student.id, n)
            attempts.append(student_variant(lesson, chosen, seed, earlier=[p for _, p in attempts]))
        safe, part = attempts[0]
        manifest = Manifest(
            assignment_id=aid,
            student_id=student.id,
            lesson=lesson.slug,
            exercises=tuple(chosen),
            variant=tag,
            name=student.name,
            target=target,
            max_attempts=max_attempts,
        )
        if max_attempts > 1:
            part = {
                **part,
                "tag": attempt_tag(secret, aid, student.id, 1),
                "attempts": {
                    str(n): {**p, "tag": attempt_tag(secret, aid, student.id, n)}
                    for n, (_, p) in enumerate(attempts[1:], start=2)
                },
            }
        retakes = [(n, s) for n, (s, _) in enumerate(attempts[1:], start=2)]
        prepared.append(
            (
                student,
                safe,
                part,
                manifest,
                _json_text(
                    attempt_notebook_dict(
                        student_notebook(
                            manifest, safe, title, article=lesson.article, prompts=prompts
                        ),
                        manifest,
                        1,
                    )
                ),
                retakes,
            )
        )
    kept = Report()
    _students_work(students_dir, {p[0].id: p[4] for p in prepared}, force, kept)
    students_dir.mkdir(parents=True, exist_ok=True)
    for student, safe, part, manifest, notebook_text, retakes in prepared:
        folder = students_dir / student.id
        folder.mkdir(exist_ok=True)
        _json(folder / MANIFEST_FILE, manifest.to_dict())
        _json(
            folder / QUESTIONS_FILE,
            QuestionsFile(assignment_id=aid, student_id=student.id, questions=safe).to_dict(),
        )
        (folder / NOTEBOOK_FILE).write_text(notebook_text, encoding="utf-8")
        write_attempts(folder, manifest, retakes, title, article=lesson.article, prompts=prompts)
        key_students[student.id] = {"name": student.name, "variant": manifest.variant, **part}
        if nbgrader:
            # every student receives variants.json: no names and no folder tags in it
            variants[student.id] = {
                "manifest": {**manifest.to_dict(), "name": "", "variant": ""},
                "questions": {"questions": safe},
            }

    key = AnswerKey(
        assignment_id=aid,
        lesson=lesson.slug,
        exercises=tuple(chosen),
        questions=questions,
        templates=templates,
        students=key_students,
        bank="private" if bank is not None else "practice",
        target=target,
        max_attempts=max_attempts,
    )
    key_path = out / "teacher" / "key.json"
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key.save(key_path)

    source = None
    if nbgrader:
        from .nbgrader_bridge import write_source

        source = write_source(key, variants, title, out / "nbgrader")
    notices = (
        ()
        if bank is not None
        else tuple(
            i18n.t("assignment.practice_bank_warning", language) for language in ("ko", "en")
        )
    )
    return AssignmentResult(
        assignment_id=aid,
        lesson=lesson.slug,
        exercises=tuple(chosen),
        students=roster.students,
        out_dir=out,
        key_path=key_path,
        nbgrader_source=source,
        warnings=(*warnings, *roster.report.warnings, *kept.warnings),
        bank=Path(bank) if bank is not None else None,
        notices=notices,
    )
