"""Grading a written (서술형) answer with its rubric, explaining every point taken off.

:func:`grade_rubric` applies a :class:`~dokhae.exam.items.Rubric` the way a school's 채점 기준
reads: points per part; case ignored unless the rubric says otherwise (then a case slip
costs like a misspelling); a minor misspelling (one letter off, two in a long word) costs
``misspelling`` points; another form of the right word (``held`` for ``holding``) is a
wrong answer, except in a word arrangement where the order is right and exactly one form
is wrong, which earns ``form_wrong`` of the part (half marks). Points never go below zero.

Every deduction is a :class:`Note` with a key of the interface catalogs
(``exam_rubric.*`` in ``dokhae/data/i18n``), so the explanation reads in Korean and English.
Pure: no files, no analysers (other forms of a word come from
:func:`dokhae.answers.same_english_word` and the part's ``other_forms``). The item models
are :mod:`dokhae.exam.items` (content layer); grading is answer checking, so it is here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import i18n
from ..answers.english import same_english_word
from ..exam.items import Rubric, RubricPart
from .spelling import near_miss

__all__ = ["RubricGrade", "grade_rubric"]

_EDGE = " .,;:!?\"'()[]“”‘’"
_STRAIGHT = str.maketrans("‘’“”", "''\"\"")


def points_text(points: float) -> str:
    """``1.0`` -> ``1``, ``0.5`` -> ``0.5``."""
    return f"{points:g}"


@dataclass(frozen=True)
class Note:
    """One line of the explanation: what was found and the points it cost."""

    key: str
    lost: float = 0.0
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        return i18n.t(
            f"exam_rubric.{self.key}", language, points=points_text(self.lost), **self.fields
        )


@dataclass(frozen=True)
class PartGrade:
    label: str
    points: float
    total: float
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class RubricGrade:
    points: float
    total: float
    parts: tuple[PartGrade, ...]
    notes: tuple[Note, ...] = ()  # about the answer as a whole (a part named that is not wrong)

    def explain(self, language: str | None = None) -> list[str]:
        """One line per part and note, in ``language`` (the interface language by default)."""
        lines = []
        for part in self.parts:
            head = i18n.t(
                "exam_rubric.part",
                language,
                label=part.label,
                points=points_text(part.points),
                total=points_text(part.total),
            )
            lines.append(head + " " + " ".join(n.text(language) for n in part.notes))
        lines += [n.text(language) for n in self.notes]
        return lines


def _clean(text: object) -> str:
    s = unicodedata.normalize("NFKC", "" if text is None else str(text)).translate(_STRAIGHT)
    return unicodedata.normalize("NFC", " ".join(s.split())).strip(_EDGE)


def _kind(given: str, expected: str, part: RubricPart) -> str:
    """How one word differs: ``same``, ``form``, ``typo`` or ``wrong`` (both case-folded)."""
    if given == expected:
        return "same"
    if given in (f.casefold() for f in part.other_forms) or same_english_word(given, expected):
        return "form"
    if near_miss(given, expected):
        return "typo"
    return "wrong"


def _grade_part(part: RubricPart, value: object, rubric: Rubric) -> PartGrade:
    given = _clean(value)
    full = part.points
    if not given:
        return PartGrade(part.label, 0.0, full, (Note("empty", full),))
    targets = [_clean(t) for t in (part.answer, *part.accept)]
    folded = given.casefold()
    for target in targets:
        if folded == target.casefold():
            if rubric.case_sensitive and given != target:
                lost = min(full, rubric.misspelling)
                return PartGrade(
                    part.label, full - lost, full, (Note("case", lost, {"expected": target}),)
                )
            return PartGrade(part.label, full, full, (Note("correct", 0.0, {"answer": target}),))
    expected = targets[0]
    g, e = folded.split(), expected.casefold().split()
    if len(g) != len(e):
        key = "count" if rubric.mode == "arrange" else "wrong"
        return PartGrade(
            part.label,
            0.0,
            full,
            (Note(key, full, {"given": given, "expected_n": len(e), "given_n": len(g)}),),
        )
    kinds = [(_kind(a, b, part), a, b) for a, b in zip(g, e)]
    wrong = [k for k in kinds if k[0] == "wrong"]
    forms = [k for k in kinds if k[0] == "form"]
    typos = [k for k in kinds if k[0] == "typo"]
    if wrong:
        if rubric.mode == "arrange" and sorted(g) == sorted(e):
            return PartGrade(part.label, 0.0, full, (Note("order", full),))
        if rubric.mode == "arrange" and len(g) > 1:
            return PartGrade(
                part.label, 0.0, full, (Note("arrange_wrong", full, {"given": given}),)
            )
        return PartGrade(part.label, 0.0, full, (Note("wrong", full, {"given": given}),))
    notes: list[Note] = []
    points = full
    if forms:
        if rubric.mode != "arrange":
            _, a, b = forms[0]
            return PartGrade(
                part.label, 0.0, full, (Note("wrong_form", full, {"given": a, "expected": b}),)
            )
        if len(forms) > 1:
            return PartGrade(part.label, 0.0, full, (Note("forms", full, {"n": len(forms)}),))
        _, a, b = forms[0]
        lost = full * (1 - rubric.form_wrong)
        points -= lost
        notes.append(Note("form_wrong", lost, {"given": a, "expected": b}))
    for _, a, b in typos:
        lost = min(points, rubric.misspelling)
        points -= lost
        notes.append(Note("misspelling", lost, {"given": a, "expected": b}))
    return PartGrade(part.label, max(points, 0.0), full, tuple(notes))


def grade_rubric(rubric: Rubric, answer: object) -> RubricGrade:
    """Grade ``answer`` with ``rubric``.

    ``answer``: the text of a one-part rubric, or ``{label: text}`` (for 어법 고쳐쓰기 the
    labels are the symbols the student names, ``{"ⓑ": "held"}``, in any order). A label
    the rubric has no part for is reported (no points taken, none given).
    """
    if isinstance(answer, Mapping):
        given = {unicodedata.normalize("NFC", str(k)).strip(): v for k, v in answer.items()}
    elif len(rubric.parts) == 1:
        given = {rubric.parts[0].label: answer}
    else:
        raise TypeError(
            f"this rubric has {len(rubric.parts)} parts: give the answer as {{label: text}}"
        )
    parts = tuple(_grade_part(p, given.get(p.label), rubric) for p in rubric.parts)
    labels = {p.label for p in rubric.parts}
    extra = tuple(
        Note("not_a_part", 0.0, {"label": k}) for k in given if k not in labels and _clean(given[k])
    )
    return RubricGrade(sum(p.points for p in parts), rubric.total, parts, extra)
