"""Problems found in lesson files: where, what, the bad value and how to fix it.

A problem's ``message`` and ``fix`` are English (the library's own words, what
``str(problem)`` says). A problem may also name its text in the interface catalogs:
``key`` (``check.<key>.message`` and ``check.<key>.fix`` in ``dokhae/data/i18n``) and the
``fields`` that fill it, so ``dokhae check`` can say it in the teacher's language
(:mod:`dokhae.problem_text`; this module is content and loads no catalog).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import field as _field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``error``) or worth knowing (``warning``) in a lesson file."""

    severity: Literal["error", "warning"]
    file: str
    line: int | None
    field: str
    message: str
    fix: str
    value: object = None
    key: str = _field(default="", compare=False)
    """The catalog text of the problem (``check.<key>.message``/``.fix``); "" for none."""
    fields: tuple[tuple[str, object], ...] = _field(default=(), compare=False)
    """What fills the catalog text, as ``(name, value)`` pairs."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.field}: {self.message}" if self.field else self.message
        if self.value is not None:
            what += f" (value: {self.shown_value})"
        return f"{where}: {self.severity}: {what}\n    fix: {self.fix}"

    @property
    def shown_value(self) -> str:
        """The bad value as a problem shows it: its ``repr``, cut at 80 characters."""
        shown = repr(self.value)
        return shown if len(shown) <= 80 else shown[:77] + "..."


@dataclass
class Report:
    """Every problem found while reading and checking lessons, in the order found."""

    problems: list[Problem] = field(default_factory=list)
    root: Path | None = None

    def _rel(self, file: Path | str) -> str:
        path = Path(file)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except (ValueError, RuntimeError, OSError):  # elsewhere; a symbolic link loop
                pass
        return path.as_posix()

    def error(
        self,
        file: Path | str,
        line: int | None,
        field: str,
        message: str,
        fix: str,
        value: object = None,
        *,
        key: str = "",
        fields: Mapping[str, object] | None = None,
    ) -> None:
        """Record an error; ``key`` and ``fields`` name its text in the catalogs."""
        self._add("error", file, line, field, message, fix, value, key, fields)

    def warning(
        self,
        file: Path | str,
        line: int | None,
        field: str,
        message: str,
        fix: str,
        value: object = None,
        *,
        key: str = "",
        fields: Mapping[str, object] | None = None,
    ) -> None:
        """Record a warning; ``key`` and ``fields`` as for :meth:`error`."""
        self._add("warning", file, line, field, message, fix, value, key, fields)

    def _add(
        self,
        severity: Literal["error", "warning"],
        file: Path | str,
        line: int | None,
        field: str,
        message: str,
        fix: str,
        value: object,
        key: str,
        fields: Mapping[str, object] | None,
    ) -> None:
        said = tuple((fields or {}).items())
        self.problems.append(
            Problem(severity, self._rel(file), line, field, message, fix, value, key, said)
        )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class LessonError(Exception):
    """A lesson could not be loaded; ``report`` holds every problem found."""

    def __init__(self, report: Report, what: str = "lesson") -> None:
        self.report = report
        n = len(report.errors)
        super().__init__(
            f"The {what} has {n} problem{'s' if n != 1 else ''}; "
            f"run `dokhae check` for the full list.\n{report}"
        )


def close_matches(name: object, known: Iterable[str]) -> list[str]:
    """Up to three of the ``known`` names closest to ``name`` (a likely typo), best first."""
    return difflib.get_close_matches(str(name), list(known), n=3)


def did_you_mean(name: object, known: Iterable[str]) -> str:
    """`` Did you mean 'p1-q1', 'p1-q2'?`` naming the ``known`` names close to ``name``,
    or ``""`` when none is: the tail of an error message about an unknown name."""
    close = close_matches(name, known)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
