"""The answer key of an assignment, and scoring one answer with the checking core.

``teacher/key.json`` holds everything the students' folders do not: every question with
its answer, ``accept`` list and explanation; for each student the seed, the mapping of
their choice letters back to the lesson's choice ids, their matching letters, the
answer of each arithmetic exercise drawn for them, and the tag of their folder
(``variant``, which their answers file repeats).

Scoring maps a student's letters back and then calls the same checkers as practice mode
(:func:`dokhae.answers.check_question` and :func:`dokhae.answers.check_number`), so an
answer is right in an assignment exactly when it would be right in practice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from pydantic import PrivateAttr, model_validator

from ..answers import (
    SHAPE_MESSAGE_KEYS,
    Feedback,
    KoreanWords,
    check_number,
    check_question,
    is_empty,
)
from ..homework.letters import canonical_answer
from ..homework.words import check_typed_word
from ..json_files import FileFormatError, VersionedFile, write_json_atomic

__all__ = ["KEY_FORMAT", "AnswerKey", "KeyFileError", "UnreadableAnswerError", "canonical_answer"]

KEY_FORMAT = "dokhae-key"
ALL_OR_NOTHING = ("ordering", "matching")
"""The kinds ``--no-partial`` grades all or nothing (they give a share of the points)."""
KEY_VERSION = 1


class KeyFileError(ValueError):
    """The key file cannot be used; the message says why and what to do."""


class UnreadableAnswerError(ValueError):
    """A saved answer of a shape the checker cannot read (a number where an order of
    items is asked for, ...): it earns nothing, and grading reports it."""


class AnswerKey(VersionedFile):
    """An assignment's key (see the module docstring); read with :meth:`load`."""

    FORMAT: ClassVar[str] = KEY_FORMAT
    VERSION: ClassVar[int] = KEY_VERSION
    KIND: ClassVar[str] = "a dokhae answer key"
    FIX: ClassVar[str] = (
        "give the teacher/key.json written by dokhae assign, or make the assignment "
        "again with dokhae assign (the same --id and roster)"
    )

    assignment_id: str
    lesson: str
    exercises: tuple[str, ...]
    questions: dict[str, dict[str, Any]]
    templates: dict[str, dict[str, Any]]
    students: dict[str, dict[str, Any]]
    bank: str = "practice"
    """Where the items came from: ``private`` (a teacher's bank) or ``practice``."""
    target: float | None = None
    """A retake assignment's target, in percent of the points (None: no target)."""
    max_attempts: int = 1
    """How many attempts each student may make; the parts of attempt ``n`` > 1 are in
    ``students[<id>]["attempts"][str(n)]`` (its own seed, letters, numbers, exam variants
    and words)."""
    _models: dict[Any, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _every_exercise_has_a_key(self) -> AnswerKey:
        unknown = [e for e in self.exercises if e not in self.questions and e not in self.templates]
        if unknown:
            raise ValueError(f"lists exercises without a key: {', '.join(unknown)}")
        return self

    @model_validator(mode="after")
    def _every_points_value_is_a_number(self) -> AnswerKey:
        """Checked when the key is read, so that grading never meets a damaged one."""
        for group, entries in (("questions", self.questions), ("templates", self.templates)):
            for exercise_id, entry in entries.items():
                if "points" not in entry:
                    continue
                try:
                    float(entry["points"])
                except (TypeError, ValueError):
                    raise ValueError(
                        f"{group}[{exercise_id!r}].points is {entry['points']!r}, not a number"
                    ) from None
        return self

    # ----------------------------------------------------------------- files

    @classmethod
    def from_dict(cls, data: Any, where: str = "key") -> AnswerKey:
        """Read a key's JSON; raise :class:`KeyFileError` if it is not one."""
        try:
            return cls.read(data, where)
        except FileFormatError as exc:
            raise KeyFileError(str(exc)) from None

    @classmethod
    def load(cls, path: str | Path) -> AnswerKey:
        """Read ``key.json``; raise :class:`KeyFileError` when it is missing or damaged."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KeyFileError(
                f"no answer key at {path}; it is teacher/key.json in the folder dokhae assign wrote"
            ) from None
        except (OSError, ValueError) as exc:
            raise KeyFileError(
                f"the answer key {path} cannot be read ({exc}); make the assignment "
                "again with dokhae assign, with the same --id and roster"
            ) from None
        return cls.from_dict(data, str(path))

    def save(self, path: str | Path) -> None:
        write_json_atomic(Path(path), self.to_dict())

    # ----------------------------------------------------------------- exercises

    def kind(self, exercise_id: str) -> str:
        """The question type, or ``arithmetic`` for a template."""
        if exercise_id in self.questions:
            return self.questions[exercise_id]["type"]
        return "arithmetic"

    def points(self, exercise_id: str) -> float:
        if exercise_id in self.questions:
            return float(self.questions[exercise_id].get("points", 1.0))
        return float(self.templates[exercise_id].get("points", 1.0))

    @property
    def max_points(self) -> float:
        return sum(self.points(e) for e in self.exercises)

    def manual(self, exercise_id: str) -> bool:
        return bool(self.questions.get(exercise_id, {}).get("manual", False))

    def model(self, exercise_id: str) -> Any:
        """The lesson-model question (built once)."""
        found = self._models.get(exercise_id)
        if found is None:
            from pydantic import TypeAdapter

            from ..lesson import Question
            from .variants import KOREAN_WORDS

            stored = {k: v for k, v in self.questions[exercise_id].items() if k != KOREAN_WORDS}
            found = TypeAdapter(Question).validate_python(stored)
            self._models[exercise_id] = found
        return found

    def korean_words(self, exercise_id: str) -> KoreanWords | None:
        """The glossary's Korean words for the question's answers, as stored by
        :func:`dokhae.teacher.variants.key_question` (None in keys made before)."""
        from .variants import KOREAN_WORDS

        stored = self.questions.get(exercise_id, {}).get(KOREAN_WORDS)
        if not isinstance(stored, dict):
            return None
        return KoreanWords(tuple(stored.get("words", ())), tuple(stored.get("forms", ())))

    def prompt(self, exercise_id: str) -> dict[str, str]:
        if exercise_id in self.questions:
            return self.questions[exercise_id]["prompt"]
        return self.templates[exercise_id]["title"]

    # ----------------------------------------------------------------- scoring

    def part(self, student_id: str, attempt: int = 1) -> dict[str, Any]:
        """The key part of one student's variant for ``attempt`` (1: the first)."""
        student = self.students[student_id]
        if attempt <= 1:
            return student
        try:
            return student["attempts"][str(attempt)]
        except KeyError:
            raise UnreadableAnswerError(
                f"the key has no attempt {attempt} for student {student_id} "
                f"(this assignment allows {self.max_attempts})"
            ) from None

    def check(
        self,
        student_id: str,
        exercise_id: str,
        value: Any,
        attempt: int = 1,
        accepted: Sequence[str] = (),
        partial: bool = True,
    ) -> tuple[Feedback, Any]:
        """Check ``value`` for ``student_id`` (``attempt``: which attempt's variant) with
        the checking core; ``accepted``: answers the teacher accepts besides the key's
        (a short answer or cloze item), compared as the key's own are; ``partial``: False
        makes a partly right ordering or matching answer wrong (all or nothing).

        Returns the feedback and the answer in the lesson's terms (letters mapped back).
        An exam item is checked against the student's own variant (a written one with
        its rubric: ``details`` marks each part); a word-test slot against its accepted
        answers.

        Raises:
            UnreadableAnswerError: the answer has a shape the checker cannot read.
        """
        student = self.part(student_id, attempt)
        kind = self.kind(exercise_id)
        try:
            if kind in ("exam", "vocabulary"):
                feedback = self._check_graded_item(student, exercise_id, kind, value)
                unreadable = feedback.message_key in SHAPE_MESSAGE_KEYS
                if (unreadable or feedback.status == "unanswered") and not is_empty(value):
                    raise TypeError(feedback.message("en"))
                return feedback, value
            if exercise_id in self.questions:
                canonical = canonical_answer(self.kind(exercise_id), value, student, exercise_id)
                model = self.model(exercise_id)
                if accepted and hasattr(model, "accept"):
                    model = model.model_copy(update={"accept": (*model.accept, *accepted)})
                feedback = check_question(model, canonical, self.korean_words(exercise_id))
                if feedback.message_key in SHAPE_MESSAGE_KEYS:  # checkers never raise for these
                    raise TypeError(feedback.message("en"))
                if not partial and feedback.status == "partial" and kind in ALL_OR_NOTHING:
                    feedback = replace(feedback, status="wrong", score=0.0)
                return feedback, canonical
            own = student["arithmetic"][exercise_id]
            return check_number(value, float(own["answer"]), own["tolerance"], own["unit"]), value
        except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            raise UnreadableAnswerError(
                f"the answer to {exercise_id} cannot be read ({type(value).__name__}: {exc})"
            ) from None

    def _check_graded_item(
        self, part: dict[str, Any], exercise_id: str, kind: str, value: Any
    ) -> Feedback:
        if kind == "vocabulary":
            own = part["words"][exercise_id]
            return check_typed_word(value, own["accepted"], own.get("direction", ""))
        from ..answers.exam import check_exam_item

        found = self._models.get(("exam", id(part), exercise_id))
        if found is None:
            from .variants import parse_exam_item

            found = parse_exam_item(part["exam"][exercise_id])
            self._models[("exam", id(part), exercise_id)] = found
        return check_exam_item(found, value)

    def rubric_parts(
        self, student_id: str, exercise_id: str, value: Any, attempt: int = 1
    ) -> dict[str, float] | None:
        """The points of each rubric part of a written exam answer (label -> points), or
        None for an item without a rubric or an answer the rubric cannot read."""
        if self.kind(exercise_id) != "exam":
            return None
        data = self.part(student_id, attempt).get("exam", {}).get(exercise_id)
        if not data or "rubric" not in data:
            return None
        from ..answers.rubric import grade_rubric
        from .variants import parse_exam_item

        item = parse_exam_item(data)
        try:
            graded = grade_rubric(item.rubric, value)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            return None
        return {p.label: p.points for p in graded.parts}

    def variant_of(self, student_id: str) -> str | None:
        """The folder tag the student's answers file must carry (None: the key is older
        than tags; then the seed, which older folders held, is compared)."""
        student = self.students[student_id]
        return student.get("variant") or None

    def made_for(self, student_id: str, variant: str | None, seed: str | None) -> bool | None:
        """Whether an answers file with this ``variant`` (or older ``seed``) was made in
        ``student_id``'s folder: None when the file carries neither (nothing to compare)."""
        expected = self.variant_of(student_id)
        if expected is not None and variant:
            return variant == expected
        if expected is None and seed:
            return seed == self.students[student_id].get("seed")
        return None

    def tag_owner(self, variant: str | None) -> str | None:
        """The student whose folder carries ``variant``, if any."""
        if not variant:
            return None
        return next((sid for sid, s in self.students.items() if s.get("variant") == variant), None)

    def subset(self, exercise_id: str) -> dict[str, Any]:
        """The key of one exercise (for an nbgrader hidden test cell); no student names."""
        students = {}
        for sid, student in self.students.items():
            # the folder tag, not the seed: nbgrader's feedback shows hidden tests after grading
            tag = student.get("variant")
            part: dict[str, Any] = {"variant": tag} if tag else {"seed": student["seed"]}
            for section in ("labels", "matching", "arithmetic", "exam", "words"):
                if exercise_id in student.get(section, {}):
                    part[section] = {exercise_id: student[section][exercise_id]}
            students[sid] = part
        return {
            **self.to_dict(),
            "exercises": [exercise_id],
            "questions": {k: v for k, v in self.questions.items() if k == exercise_id},
            "templates": {k: v for k, v in self.templates.items() if k == exercise_id},
            "students": students,
        }
