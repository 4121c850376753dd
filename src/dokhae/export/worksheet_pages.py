"""A worksheet (:class:`Worksheet`, one :class:`Sheet` per student) and how it looks: the
HTML of the students' sheets and of the answer key (making one: :mod:`.worksheet`).

The pages come from the templates ``worksheet.html.j2`` and ``worksheet_key.html.j2``;
this module gives them the data. The students' file is built from what a student may
see (the article, glossary words, the safe entries of their variant); answers, meanings
and explanations go only to the key. For a class (a roster), the article and the
vocabulary are printed once, then each student's questions; the key starts with a
one-page 정답표 (a row per student, a column per question). Every lesson text is escaped
by the templates; the article's lines come escaped from :mod:`.worksheet_article`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import i18n
from ..lesson import Lesson
from ..problems import Problem
from .templating import render
from .worksheet_article import article_lines, line_numbers, vocabulary_entries
from .worksheet_questions import (
    explanation_text,
    given_text,
    key_answer,
    question_view,
    short_answer,
)


@dataclass(frozen=True)
class Sheet:
    """One page set: a student's (``student_id``) or the generic one (None)."""

    student_id: str | None
    name: str
    questions: tuple[dict[str, Any], ...]
    """Safe entries (as in a student's ``questions.json``): never an answer."""
    key: dict[str, Any]
    """The key part of the variant: ``labels``, ``matching``, ``arithmetic``."""


@dataclass(frozen=True)
class Worksheet:
    """A lesson's worksheet: the chosen exercises on one sheet per student (or one)."""

    lesson: Lesson
    exercises: tuple[str, ...]
    sheets: tuple[Sheet, ...]
    assignment_id: str | None = None
    language: str = i18n.DEFAULT_LANGUAGE
    text: str = "en"
    gaps: bool = False
    warnings: tuple[Problem, ...] = ()
    gap_limit: int | None = None
    """With ``gaps``: at most this many words blanked (None: every glossary word)."""

    def html(self) -> str:
        """The students' file: every sheet, each starting on a new page."""
        shown = "ko" if self.gaps and self.text == "en" else "en"  # a gapped headline stays gapped
        title = getattr(self.lesson.article.title, shown)
        return _render(
            self,
            "worksheet.html.j2",
            i18n.t("export.worksheet_title", self.language, title=title),
            sheets_page(self),
        )

    def key_html(self) -> str:
        """The teacher's file: the answers of every sheet and the explanations."""
        title = i18n.t(
            "export.worksheet_key_title", self.language, title=self.lesson.article.title.en
        )
        return _render(self, "worksheet_key.html.j2", title, key_page(self))

    def __repr__(self) -> str:
        return (
            f"<Worksheet {self.lesson.slug}: {len(self.exercises)} exercises, {len(self.sheets)} "
            f"sheet{'s' * (len(self.sheets) != 1)}>"
        )


__all__ = ["key_page", "sheets_page"]


def _render(ws: Worksheet, template: str, title: str, page: dict[str, Any]) -> str:
    lang = ws.language

    def t(key: str, **fields: object) -> str:
        return i18n.t(key, lang, **fields)

    return render(template, lang=lang, title=title, page=page, t=t)


def _header(ws: Worksheet, for_sheet: bool, heading: str) -> dict[str, Any]:
    article = ws.lesson.article
    meta = article.meta
    # with gaps, the headline in the article's language would fill its own gaps
    hidden = ws.text if ws.gaps and for_sheet else None
    return {
        "heading": heading,
        "titles": [(t, getattr(article.title, t)) for t in ("en", "ko") if t != hidden],
        "outlet": meta.outlet + (f" ({meta.agency})" if meta.agency else ""),
        "date": meta.published[:10],
        "url": meta.source_url,
    }


def _student_line(ws: Worksheet, sheet: Sheet) -> str:
    lang = ws.language
    if sheet.student_id is None:
        return i18n.t("export.worksheet_name_line", lang)
    line = i18n.t(
        "export.worksheet_student_line",
        lang,
        name=sheet.name or "____________",
        student_id=sheet.student_id,
    )
    return (
        line
        + "   "
        + i18n.t("export.worksheet_assignment_line", lang, assignment_id=ws.assignment_id)
    )


def _text_parts(ws: Worksheet) -> dict[str, Any]:
    from markupsafe import Markup

    lang = ws.language
    lines, gaps = article_lines(ws.lesson, ws.text, gaps=ws.gaps, gap_limit=ws.gap_limit)
    translation = None
    if ws.text == "ko" and ws.lesson.article.meta.translation is not None:
        translation = ws.lesson.article.meta.translation(lang)
    numbers = line_numbers(ws.lesson)
    entries = [] if ws.gaps else vocabulary_entries(ws.lesson, ws.text)
    return {
        "article": {
            "text": ws.text,
            "translation": translation,
            # escaped where the gaps are drawn (worksheet_article.article_lines)
            "lines": [{**line.__dict__, "markup": Markup(line.html)} for line in lines],
        },
        "vocabulary": {
            "gaps": gaps,
            "bank": sorted({g.answer for g in gaps}, key=str.casefold),
            "text": ws.text,
            "how": "export.worksheet_vocabulary_instructions" + ("_ko" if ws.text == "ko" else ""),
            "entries": [
                {
                    "id": e.id,
                    "word": e.headword if ws.text == "en" else e.korean,
                    "pos": i18n.t(f"part_of_speech.{e.pos.replace(' ', '_')}", lang),
                    "where": i18n.t("export.worksheet_line_ref", lang, line=numbers[e.sentence_id]),
                }
                for e in entries
            ],
        },
    }


def sheets_page(ws: Worksheet) -> dict[str, Any]:
    """The students' file: for a class the article once, then each student's questions."""
    return {
        "for_class": ws.sheets[0].student_id is not None,
        "header": _header(ws, True, "export.worksheet_heading"),
        **_text_parts(ws),
        "sheets": [
            {
                "student_id": sheet.student_id,
                "line": _student_line(ws, sheet),
                "questions": [
                    question_view(entry, n, ws.language)
                    for n, entry in enumerate(sheet.questions, 1)
                ],
            }
            for sheet in ws.sheets
        ],
    }


def key_page(ws: Worksheet) -> dict[str, Any]:
    """The teacher's file: the 정답표 of a class, the vocabulary, each sheet's answers and
    the explanations."""
    lang, lesson = ws.language, ws.lesson
    for_class = ws.sheets[0].student_id is not None
    _, gaps = article_lines(lesson, ws.text, gaps=ws.gaps, gap_limit=ws.gap_limit)
    if ws.gaps:
        vocabulary = [{"word": None, "answer": g.answer, "hint": g.hint} for g in gaps]
    else:
        vocabulary = [
            {"word": e.headword, "answer": "; ".join(e.ko)}
            if ws.text == "en"
            else {"word": e.korean, "answer": e.headword}
            for e in vocabulary_entries(lesson, ws.text)
        ]
    sheets: list[dict[str, Any]] = []
    for sheet in ws.sheets:
        answers = [
            {
                "id": entry["id"],
                "pieces": key_answer(entry, sheet.key, lesson, lang),
                "given": given_text(entry["params"], entry.get("param_units", {}))
                if entry["type"] == "arithmetic"
                else "",
            }
            for entry in sheet.questions
        ]
        sheets.append(
            {
                "student_id": sheet.student_id,
                "name": sheet.name,
                "line": i18n.t(
                    "export.worksheet_student_line",
                    lang,
                    name=sheet.name or "-",
                    student_id=sheet.student_id,
                )
                if for_class
                else "",
                "answers": answers,
            }
        )
    note = (
        i18n.t("export.worksheet_assignment_line", lang, assignment_id=ws.assignment_id)
        if for_class
        else i18n.t("export.worksheet_key_example", lang)
    )
    return {
        "header": _header(ws, False, "export.worksheet_answer_key"),
        "note": note,
        "grid": [
            {
                "student_id": s["student_id"],
                "name": s["name"],
                "cells": [short_answer(a["pieces"]) for a in s["answers"]],
            }
            for s in sheets
        ]
        if for_class
        else [],
        "grid_width": len(ws.exercises),
        "vocabulary": vocabulary,
        "sheets": sheets,
        "letters_note": for_class,
        "explanations": [
            {"id": e, "text": explanation_text(lesson, e, lang)} for e in ws.exercises
        ],
    }
