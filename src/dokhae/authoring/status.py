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

from .. import i18n
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

KINDS = (
    "untranslated",
    "gloss",
    "definition",
    "english_gloss",
    "glossary",
    "computed",
    "stub",
    "marker",
    "problem",
)
"""The kinds of missing things, in the order they are listed; their headings are the
catalog's ``lesson_status.kind.<kind>``."""

_NO_TRANSLATION = "this English sentence has no Korean translation"


@dataclass(frozen=True)
class Missing:
    """One thing to do before the lesson is ready: ``what`` in English, and the catalog's
    ``lesson_status.what.<key>`` with ``fields`` for it in any language (:meth:`text`)."""

    kind: str
    file: str
    line: int | None
    label: str  # the sentence id, glossary row id, question id, or field
    what: str  # what to write
    key: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def todo(self, language: str | None = None) -> str:
        """What to write, in ``language`` (the interface language when None)."""
        if not self.key:
            return self.what
        return i18n.t(f"lesson_status.what.{self.key}", language, **dict(self.fields))

    def text(self, language: str | None = None) -> str:
        what = self.todo(language)
        return f"{self.where}  {self.label}: {what}" if self.label else f"{self.where}  {what}"

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class LessonStatus:
    """What ``dokhae check`` still finds in one lesson, sorted by kind."""

    slug: str
    root: Path
    missing: tuple[Missing, ...]
    warnings: tuple[str, ...] = field(default=())
    """The warnings ``dokhae check`` finds, each with its place (English, as it gives them)."""
    unformed: tuple[str, ...] = field(default=())
    """Glossary rows with a Korean gloss but no ko_forms that `dokhae lesson forms` has not
    reached yet (not an error: a translation may lack the word)."""
    unfound: tuple[str, ...] = field(default=())
    """Glossary rows `dokhae lesson forms` reached whose Korean gloss the Korean text does
    not use: the teacher writes the form the text uses in ko_forms, or leaves it empty."""

    @property
    def notes(self) -> tuple[str, ...]:
        """The warnings and the rows without ko_forms, in English."""
        return self._notes("en")

    def _notes(self, language: str | None) -> tuple[str, ...]:
        notes = list(self.warnings)
        for rows, key in ((self.unformed, "no_ko_forms"), (self.unfound, "not_in_korean_text")):
            if not rows:
                continue
            shown = ", ".join(rows[:6]) + (", ..." if len(rows) > 6 else "")
            form = "one" if len(rows) == 1 else "other"
            notes.append(
                i18n.t(
                    f"lesson_status.{key}_{form}", language, n=len(rows), rows=shown, slug=self.slug
                )
            )
        return tuple(notes)

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
        return self.text("en")

    def text(self, language: str | None = None) -> str:
        """What is missing, for a terminal, in ``language`` (the interface language when
        None); ``str(status)`` is the English."""

        def t(key: str, count: int | None = None, **fields: object) -> str:
            if count is not None:
                key, fields = f"{key}_{'one' if count == 1 else 'other'}", {"n": count, **fields}
            return i18n.t(f"lesson_status.{key}", language, **fields)

        notes = [t("note", text=n) for n in self._notes(language)]
        if self.ready:
            return "\n".join([t("ready", slug=self.slug)] + [f"  {n}" for n in notes])
        counts = self.counts()
        computed = (
            " " + t("computed", counts["computed"], slug=self.slug) if counts["computed"] else ""
        )
        lines = [t("not_ready", len(self.missing), slug=self.slug, computed=computed)]
        for kind in KINDS:
            if not counts[kind]:
                continue
            heading = t(f"kind.{kind}")
            items = self.of(kind)
            if kind in ("glossary", "computed"):
                rows = _group_rows(items)
                lines += ["", t("heading_rows", counts[kind], heading=heading, rows=len(rows))]
                lines += [
                    f"  {where}  {label}: {', '.join(fields)}"
                    for (where, label), fields in rows.items()
                ]
            else:
                lines += ["", t("heading", heading=heading, n=counts[kind])]
                lines += [f"  {item.text(language)}" for item in items]
        lines += ["", t("next")] + [f"  {step}" for step in self.next_steps(language)]
        lines += [f"  {n}" for n in notes]
        return "\n".join(lines)

    def next_steps(self, language: str | None = "en") -> list[str]:
        """What to do next, in ``language`` (English unless asked)."""

        def t(key: str, **fields: object) -> str:
            return i18n.t(f"lesson_status.step.{key}", language, **fields)

        counts = self.counts()
        paths = {k: v.as_posix() for k, v in lesson_paths(Path(""), self.slug).items()}
        steps = []
        untranslated = {Path(m.file).name for m in self.of("untranslated")}
        if "article.ko.md" in untranslated:
            steps.append(t("korean", file=paths["ko"]))
        if "article.en.md" in untranslated:
            steps.append(t("english", file=paths["en"]))
        written = [
            t(kind) for kind in ("gloss", "english_gloss", "definition", "glossary") if counts[kind]
        ]
        if written:
            listed = (
                t("listed", first=", ".join(written[:-1]), last=written[-1])
                if written[1:]
                else written[0]
            )
            steps.append(t("write", listed=listed, file=paths["glossary"]))
        if written or counts["computed"]:
            steps.append(t("forms", slug=self.slug, fields=", ".join(FILLED_BY_FORMS)))
        if counts["stub"]:
            steps.append(t("stubs", file=paths["exercises"]))
        if counts["marker"] or counts["problem"]:
            steps.append(t("check", slug=self.slug))
        steps.append(t("again", slug=self.slug))
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
        key = "write_korean_at" if where else "write_korean"
        return Missing(
            "untranslated", file, problem.line, problem.field, what, key, (("where", where),)
        )
    if file.endswith("article.en.md") and problem.message == ENGLISH_UNTRANSLATED_MESSAGE:
        korean = re.search(r"article\.ko\.md line \d+", problem.fix)
        where = korean.group(0) if korean else ""
        what = "write the English sentence" + (f" (the Korean is on {where})" if where else "")
        key = "write_english_at" if where else "write_english"
        return Missing(
            "untranslated", file, problem.line, problem.field, what, key, (("where", where),)
        )
    if file.startswith("glossary/") and problem.message in (EMPTY_MESSAGE, TODO_MESSAGE):
        row, audience = row_ids.get(problem.line or 0, ("", "both"))
        if problem.field == "ko":
            what = "write the Korean equivalents (ko)"
            return Missing("gloss", file, problem.line, row, what, "gloss")
        if problem.field == "definition":
            return Missing(
                "definition", file, problem.line, row, "write the definition", "definition"
            )
        if problem.field in FILLED_BY_FORMS:
            return Missing("computed", file, problem.line, f"{row} ({problem.field})", problem.fix)
        if problem.field == "headword" and audience == "ko":
            return Missing(
                "english_gloss",
                file,
                problem.line,
                row,
                "write the English meaning of the Korean term (headword)",
                "english_gloss",
            )
        return Missing("glossary", file, problem.line, f"{row} ({problem.field})", problem.fix)
    if file.startswith("exercises/") and problem.message.startswith(STUB_MESSAGE):
        todo = problem.message[len(STUB_MESSAGE) :].lstrip(": ") or problem.fix
        label = problem.field.rsplit(".", 1)[0]
        return Missing("stub", file, problem.line, label, todo, "stub", (("todo", todo),))
    if problem.message == TODO_MESSAGE:
        fix = (("fix", problem.fix),)
        return Missing("marker", file, problem.line, problem.field, problem.fix, "marker", fix)
    what = problem.message + (f" (value: {problem.value!r})" if problem.value is not None else "")
    return Missing(
        "problem",
        file,
        problem.line,
        problem.field,
        f"{what}; fix: {problem.fix}",
        "problem",
        (("what", what), ("fix", problem.fix)),
    )


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
    warnings = tuple(
        f"{p.file}:{p.line}: {p.field}: {p.message}" if p.line else f"{p.file}: {p.message}"
        for p in report.warnings
    )
    unformed, unfound = _unformed(root, slug)
    return LessonStatus(slug, root, missing, warnings=warnings, unformed=unformed, unfound=unfound)


def _unformed(root: Path, slug: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Rows with a Korean gloss but no ko_forms (not an error: a translation may lack the
    word), in two groups: those `dokhae lesson forms` has not reached yet (no
    romanization: it always writes the romanization of a gloss), which need that command,
    and those it did reach, whose gloss the Korean text does not use (running the command
    again would change nothing)."""
    text = read_text(lesson_paths(root, slug)["glossary"], Report())
    if not text:
        return (), ()
    rows = csv.DictReader(io.StringIO(text, newline=""))
    glossed = [
        r for r in rows if (r.get("ko") or "").strip() and not (r.get("ko_forms") or "").strip()
    ]

    def ids(group: list[dict[str, str]]) -> tuple[str, ...]:
        return tuple(r.get("id") or r.get("headword") or "?" for r in group)

    never = [r for r in glossed if not (r.get("romanization") or "").strip()]
    reached = [r for r in glossed if (r.get("romanization") or "").strip()]
    return ids(never), ids(reached)
