"""The parts of an article in groups for the reader (the quizzes by paragraph): pure
functions of the lesson, kept apart from :mod:`dokhae.tables` so that a quiz view does not
import pandas (half a second the first time, in the student's first quiz cell)."""

from __future__ import annotations

import math

from . import i18n
from .lesson import Lesson

__all__ = ["paragraph_group_label", "paragraph_groups"]


def paragraph_groups(lesson: Lesson, size: int = 3) -> list[tuple[str, ...]]:
    """The parts of the article in reading order, in consecutive groups of about ``size``.

    The order is the headline, the body paragraphs, then the photo caption (it is read
    last, beside the picture). The groups differ in length by at most one, longer ones
    first: 9 parts of ``steel-dialogue-2023`` give ``(h1, p1, p2), (p3, p4, p5),
    (p6, p7, c1)``; 4 parts give two groups of 2.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size!r}")
    paragraphs = lesson.article.paragraphs
    units = (
        [p.id for p in paragraphs if p.kind == "headline"]
        + [p.id for p in paragraphs if p.kind == "body"]
        + [p.id for p in paragraphs if p.kind == "caption"]
    )
    if not units:
        return []
    count = math.ceil(len(units) / size)
    base, extra = divmod(len(units), count)
    groups, start = [], 0
    for index in range(count):
        end = start + base + (1 if index < extra else 0)
        groups.append(tuple(units[start:end]))
        start = end
    return groups


def paragraph_group_label(group: tuple[str, ...] | list[str], language: str | None = None) -> str:
    """``"the headline, paragraphs 1–2"`` / ``"제목, 1–2문단"`` for a group of paragraph ids."""
    lang = i18n.get_language() if language is None else language
    parts: list[str] = []
    run: list[int] = []

    def close_run() -> None:
        if run:
            parts.append(
                i18n.t("notebook.paragraph", lang, n=run[0])
                if len(run) == 1
                else i18n.t("notebook.paragraphs", lang, first=run[0], last=run[-1])
            )
            run.clear()

    for pid in group:
        if pid.startswith("p") and pid[1:].isdigit():
            number = int(pid[1:])
            if run and number != run[-1] + 1:
                close_run()
            run.append(number)
            continue
        close_run()
        kind = {"h": "headline", "c": "caption"}.get(pid[:1])
        parts.append(i18n.t(f"notebook.part_{kind}", lang) if kind else pid)
    close_run()
    return ", ".join(parts)
