"""``dokhae lesson status``: what is missing before a lesson is ready, with counts and places.

A lesson is ready when ``dokhae check`` finds no error: the status is that same check,
sorted for a teacher completing a draft — untranslated sentences (Korean, or English in a
lesson drafted from a Korean article), empty Korean glosses, empty definitions, empty
English headwords of Korean terms, other empty glossary cells, stub questions, [TODO]
markers left elsewhere, and any other problem — each with its file and line. The glossary
cells that ``dokhae lesson forms`` fills (romanization, example_ko, ko_forms, ...; see
:data:`~dokhae.authoring.forms.FILLED_BY_FORMS`) are listed apart, last among the cells, so
that the teacher writes only what a person must (issue 24). Needs none of the language
tools.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..loading import (
    EMPTY_MESSAGE,
    ENGLISH_UNTRANSLATED_MESSAGE,
    STUB_MESSAGE,
    TODO_MESSAGE,
    UNTRANSLATED_MESSAGE,
    content_root,
    lesson_slugs,
    read_text,
)
from ..problems import Problem, Report
from ..validation import validate
from .draft import AuthoringError, lesson_paths
from .forms import FILLED_BY_FORMS, stale_cells

__all__ = ["KINDS", "LessonStatus", "Missing", "lesson_status"]

KINDS = {
    "untranslated": "Untranslated sentences",
    "gloss": "Empty Korean glosses (ko)",
    "definition": "Empty definitions (definition)",
    "english_gloss": "Empty English headwords of Korean terms (headword)",
    "glossary": "Other empty glossary cells",
    "computed": "Cells `dokhae lesson forms` fills (do not write them)",
    "stub": "Stub questions",
    "marker": "Other [TODO] markers",
    "problem": "Other problems",
}
"""The kinds of missing things, in the order they are listed, with their headings."""

_NO_TRANSLATION = "this English sentence has no Korean translation"


@dataclass(frozen=True)
class Missing:
    """One thing to do before the lesson is ready."""

    kind: str
    file: str
    line: int | None
    label: str  # the sentence id, glossary row id, question id, or field
    what: str  # what to write

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return (
            f"{self.where}  {self.label}: {self.what}"
            if self.label
            else f"{self.where}  {self.what}"
        )


@dataclass(frozen=True)
class LessonStatus:
    """What ``dokhae check`` still finds in one lesson, sorted by kind."""

    slug: str
    root: Path
    missing: tuple[Missing, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def ready(self) -> bool:
        """True when nothing is missing: ``dokhae check`` accepts the lesson."""
        return not self.missing

    def counts(self) -> dict[str, int]:
        """``{kind: number of things}`` for every kind, zeros included."""
        out = dict.fromkeys(KINDS, 0)
        for item in self.missing:
            out[item.kind] += 1
        return out

    def of(self, kind: str) -> list[Missing]:
        return [m for m in self.missing if m.kind == kind]

    def __str__(self) -> str:
        if self.ready:
            lines = [f"Lesson {self.slug} is ready: dokhae check finds no problem."]
            lines += [f"  note: {n}" for n in self.notes]
            return "\n".join(lines)
        n = len(self.missing)
        counts = self.counts()
        computed = (
            f" ({counts['computed']} of them filled by `dokhae lesson forms {self.slug}`)"
            if counts["computed"]
            else ""
        )
        lines = [f"Lesson {self.slug} is not ready: {n} thing{'s' * (n != 1)} to do{computed}."]
        for kind, heading in KINDS.items():
            if not counts[kind]:
                continue
            items = self.of(kind)
            if kind in ("glossary", "computed"):
                rows = _group_rows(items)
                lines += [
                    "",
                    f"{heading}: {counts[kind]} (in {len(rows)} row{'s' * (len(rows) != 1)})",
                ]
                lines += [
                    f"  {where}  {label}: {', '.join(fields)}"
                    for (where, label), fields in rows.items()
                ]
            else:
                lines += ["", f"{heading}: {counts[kind]}"]
                lines += [f"  {item}" for item in items]
        lines += ["", "Next:"] + [f"  {step}" for step in self.next_steps()]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def next_steps(self) -> list[str]:
        counts = self.counts()
        paths = {k: v.as_posix() for k, v in lesson_paths(Path(""), self.slug).items()}
        steps = []
        untranslated = {Path(m.file).name for m in self.of("untranslated")}
        if "article.ko.md" in untranslated:
            steps.append(f"write the Korean sentences in {paths['ko']}")
        if "article.en.md" in untranslated:
            steps.append(f"write the English sentences in {paths['en']}")
        written = [
            name
            for kind, name in (
                ("gloss", "the Korean glosses (ko)"),
                ("english_gloss", "the English headwords of the Korean terms (headword)"),
                ("definition", "the definitions (definition)"),
                ("glossary", "the other cells listed above"),
            )
            if counts[kind]
        ]
        if written:
            listed = " and ".join(
                [", ".join(written[:-1]), written[-1]] if written[1:] else written
            )
            steps.append(
                f"write {listed} in {paths['glossary']} (Excel is fine); "
                "leave the cells `dokhae lesson forms` fills empty"
            )
        if written or counts["computed"]:
            steps.append(
                f"run `dokhae lesson forms {self.slug}`: it fills "
                + ", ".join(FILLED_BY_FORMS)
                + " from your glosses and the Korean sentences"
            )
        if counts["stub"]:
            steps.append(f"write or delete the stub questions in {paths['exercises']}")
        if counts["marker"] or counts["problem"]:
            steps.append(f"`dokhae check articles/{self.slug}` shows every problem with its fix")
        steps.append(f"then run `dokhae lesson status {self.slug}` again")
        return steps


def _group_rows(items: list[Missing]) -> dict[tuple[str, str], list[str]]:
    rows: dict[tuple[str, str], list[str]] = {}
    for item in items:
        row_label, _, field_name = item.label.partition(" ")
        rows.setdefault((item.where, row_label), []).append(field_name.strip("()") or item.label)
    return rows


def _row_ids(path: Path) -> dict[int, tuple[str, str]]:
    """``{line: (id, audience)}`` of the glossary's rows (the headword when the id is empty)."""
    text = read_text(path, Report())
    if text is None:
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return {}
    out: dict[int, tuple[str, str]] = {}
    line = reader.line_num + 1
    for row in reader:
        start, line = line, reader.line_num + 1
        record = dict(zip(header, (c.strip() for c in row)))
        out[start] = (
            record.get("id") or record.get("headword") or f"row at line {start}",
            record.get("audience") or "both",
        )
    return out


def _missing(problem: Problem, slug: str, row_ids: dict[int, tuple[str, str]]) -> Missing:
    file = problem.file
    if file.endswith("article.ko.md") and problem.message in (
        UNTRANSLATED_MESSAGE,
        _NO_TRANSLATION,
    ):
        english = re.search(r"article\.en\.md line \d+|English on line \d+", problem.fix)
        where = english.group(0).replace("English on line", "article.en.md line") if english else ""
        what = "write the Korean sentence" + (f" (the English is on {where})" if where else "")
        return Missing("untranslated", file, problem.line, problem.field, what)
    if file.endswith("article.en.md") and problem.message == ENGLISH_UNTRANSLATED_MESSAGE:
        korean = re.search(r"article\.ko\.md line \d+", problem.fix)
        what = "write the English sentence" + (
            f" (the Korean is on {korean.group(0)})" if korean else ""
        )
        return Missing("untranslated", file, problem.line, problem.field, what)
    if file.startswith("glossary/") and problem.message in (EMPTY_MESSAGE, TODO_MESSAGE):
        row, audience = row_ids.get(problem.line or 0, ("", "both"))
        if problem.field == "ko":
            return Missing("gloss", file, problem.line, row, "write the Korean equivalents (ko)")
        if problem.field == "definition":
            return Missing("definition", file, problem.line, row, "write the definition")
        if problem.field in FILLED_BY_FORMS:
            return Missing("computed", file, problem.line, f"{row} ({problem.field})", problem.fix)
        if problem.field == "headword" and audience == "ko":
            return Missing(
                "english_gloss",
                file,
                problem.line,
                row,
                "write the English meaning of the Korean term (headword)",
            )
        return Missing("glossary", file, problem.line, f"{row} ({problem.field})", problem.fix)
    if file.startswith("exercises/") and problem.message.startswith(STUB_MESSAGE):
        todo = problem.message[len(STUB_MESSAGE) :].lstrip(": ") or problem.fix
        return Missing("stub", file, problem.line, problem.field.rsplit(".", 1)[0], todo)
    if problem.message == TODO_MESSAGE:
        return Missing("marker", file, problem.line, problem.field, problem.fix)
    what = problem.message + (f" (value: {problem.value!r})" if problem.value is not None else "")
    return Missing("problem", file, problem.line, problem.field, f"{what}; fix: {problem.fix}")


def lesson_status(slug: str, root: Path | str | None = None) -> LessonStatus:
    """What is missing in lesson ``slug`` before it is ready (see :class:`LessonStatus`).

    Raises:
        AuthoringError: there is no such lesson.
    """
    root = content_root() if root is None else Path(root)
    folder = root / "articles" / slug
    if not folder.is_dir():
        known = ", ".join(lesson_slugs(root)) or "none"
        raise AuthoringError(
            f"no lesson {slug!r} under {root / 'articles'} (lessons there: {known}); "
            f"make one with `dokhae lesson new {slug} --from <article.txt>`"
        )
    report = validate(folder)
    stale_cells(root, slug, report)
    row_ids = _row_ids(lesson_paths(root, slug)["glossary"])
    missing = tuple(_missing(p, slug, row_ids) for p in report.errors)
    notes = [
        f"{p.file}:{p.line}: {p.field}: {p.message}" if p.line else f"{p.file}: {p.message}"
        for p in report.warnings
    ]
    notes += _forms_notes(root, slug, row_ids)
    return LessonStatus(slug=slug, root=root, missing=missing, notes=tuple(notes))


def _forms_notes(root: Path, slug: str, row_ids: dict[int, tuple[str, str]]) -> list[str]:
    """Rows with a Korean gloss but no ko_forms (not an error: a translation may lack the
    word). A row `dokhae lesson forms` has not reached yet (no romanization) needs that
    command; one it did reach (it always writes the romanization of a gloss) has a gloss
    the Korean text does not use: running the command again would change nothing."""
    text = read_text(lesson_paths(root, slug)["glossary"], Report())
    if not text:
        return []
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    glossed = [
        r for r in rows if (r.get("ko") or "").strip() and not (r.get("ko_forms") or "").strip()
    ]
    never = [r for r in glossed if not (r.get("romanization") or "").strip()]
    reached = [r for r in glossed if (r.get("romanization") or "").strip()]
    notes = []
    if never:
        notes.append(
            f"{_rows(never)} with a Korean gloss but no ko_forms yet: "
            f"run `dokhae lesson forms {slug}`"
        )
    if reached:
        notes.append(
            f"{_rows(reached)} whose Korean gloss does not occur in article.ko.md "
            "(`dokhae lesson forms` found no form of it): write in ko_forms the form the "
            "Korean text uses (e.g. 내재된 for 내재하다), or leave it empty where the "
            "translation has no such word"
        )
    return notes


def _rows(rows: list[dict[str, str]]) -> str:
    """``2 glossary rows (embed, tonne)``: the ids of the first six."""
    ids = [r.get("id") or r.get("headword") or "?" for r in rows]
    shown = ", ".join(ids[:6]) + (", ..." if len(ids) > 6 else "")
    return f"{len(ids)} glossary row{'s' * (len(ids) != 1)} ({shown})"
