"""The student's assignment notebook, written as plain nbformat 4.5 JSON.

Cells: a bilingual header, the article the questions refer to (collapsed, its paragraphs
numbered ¶1, ¶2, … as the questions count them), a setup cell that starts the
assignment session, then for each exercise its Markdown (from
:func:`dokhae.homework.questions.question_markdown`: the student's letters and numbers,
never an answer), for arithmetic a cell with the
student's numbers as Python variables, and an answer cell ``check("<id>", ...)``.
Cell ids are stable (``q03-answer``), so the same assignment gives the same file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..homework.files import Manifest
from ..homework.questions import markdown_escape, prompt_languages, question_markdown, text
from ..lesson import Article
from ..markup import escape, markdown_text

__all__ = [
    "answer_source",
    "article_markdown",
    "code_cell",
    "markdown_cell",
    "notebook",
    "student_notebook",
]

SETUP_SOURCE = (
    "import dokhae.homework as homework\n"
    "\n"
    "session = homework.start()  # answers.json, beside this notebook\n"
    "check = homework.check"
)
STATUS_SOURCE = "print(session.status())"


def markdown_cell(cell_id: str, source: str, **metadata: Any) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": cell_id, "metadata": dict(metadata), "source": source}


def code_cell(cell_id: str, source: str, **metadata: Any) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": cell_id,
        "metadata": dict(metadata),
        "outputs": [],
        "source": source,
    }


def notebook(cells: Sequence[dict[str, Any]], **dokhae_metadata: Any) -> dict[str, Any]:
    return {
        "cells": list(cells),
        "metadata": {
            "kernelspec": {
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
                "name": "python3",
            },
            "language_info": {"name": "python"},
            "dokhae": dict(dokhae_metadata),
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def both(key: str, **fields: object) -> str:
    return f"{text(key, 'ko', **fields)}  \n{text(key, 'en', **fields)}"


def answer_source(entry: Mapping[str, Any]) -> str:
    """The answer cell: a comment and ``check("<id>", ...)`` with a blank to fill in."""
    qid = entry["id"]
    if entry["type"] == "matching":
        blank = "{" + ", ".join(f'"{c["label"]}": ...' for c in entry["left"]) + "}"
    else:
        blank = "..."
    comment = f"# {text('assignment.answer_here', 'ko')} / {text('assignment.answer_here', 'en')}"
    return f"{comment}\ncheck({json.dumps(qid)}, {blank})"


def numbers_source(entry: Mapping[str, Any]) -> str | None:
    """The student's numbers as Python variables, or None if a name is not an identifier."""
    params = entry.get("params", {})
    if not params or not all(name.isidentifier() for name in params):
        return None
    units = entry.get("param_units", {})
    lines = [f"# {text('assignment.numbers', 'ko')}", f"# {text('assignment.numbers', 'en')}"]
    for name, value in params.items():
        literal = repr(tuple(value) if isinstance(value, list) else value)
        lines.append(f"{name} = {literal}" + (f"  # {units[name]}" if name in units else ""))
    return "\n".join(lines)


def _flat(value: str) -> str:
    return markdown_escape(" ".join(value.split()))


def article_markdown(article: Article) -> str:
    """The English article, collapsed in a ``<details>`` block the student opens: the
    headline, each body paragraph with its number (**¶1**, **¶2**, …: the paragraph
    numbers the questions use), then the photo caption (questions ask about the photo).
    Its text is text, never markup (:func:`markdown_escape`)."""
    summary = " / ".join(escape(text("homework_notebook.article", lang)) for lang in ("ko", "en"))
    lines = [
        "<details>",
        f"<summary>{summary}</summary>",
        "",
        f"### {markdown_escape(article.title.en)}",
        "",
    ]
    for number, paragraph in enumerate(article.body, 1):
        lines += [f"**¶{number}** {_flat(paragraph.text('en'))}", ""]
    caption = " / ".join(text("homework_notebook.caption", lang) for lang in ("ko", "en"))
    for paragraph in article.paragraphs:
        if paragraph.kind == "caption":
            lines += [f"*{markdown_escape(caption)}:* {_flat(paragraph.text('en'))}", ""]
    lines.append("</details>")
    return "\n".join(lines)


def student_notebook(
    manifest: Manifest,
    questions: Sequence[Mapping[str, Any]],
    title: Mapping[str, str],
    *,
    article: Article | None = None,
    prompts: str = "both",
) -> dict[str, Any]:
    """The notebook of one student's folder. The roster's name and the lesson's title are
    text in its Markdown, never markup (:func:`dokhae.markup.markdown_text`).

    ``article``: shown collapsed under the header (:func:`article_markdown`). ``prompts``:
    the language of the prompts and choices, ``both``, ``en`` (a reading check in
    English) or ``ko`` (:data:`~dokhae.homework.questions.PROMPT_LANGUAGES`).
    """
    languages = prompt_languages(prompts)
    who = {
        "name": markdown_text(manifest.name or manifest.student_id),
        "student_id": markdown_text(manifest.student_id),
        "assignment_id": markdown_text(manifest.assignment_id),
    }
    header = "\n".join(
        [
            f"# {markdown_text(title['ko'])}",
            f"## {markdown_text(title['en'])}",
            "",
            (
                f"**{text('assignment.title', 'ko')} / {text('assignment.title', 'en')}** · "
                f"{text('assignment.for_student', 'ko', **who)}"
            ),
            "",
            text("assignment.intro", "ko"),
            "",
            text("assignment.intro", "en"),
            "",
            both("assignment.setup"),
        ]
    )
    cells = [markdown_cell("header", header)]
    if article is not None:
        cells.append(markdown_cell("article", article_markdown(article)))
    cells.append(code_cell("setup", SETUP_SOURCE))
    for n, entry in enumerate(questions, 1):
        cells.append(markdown_cell(f"q{n:02d}-question", question_markdown(entry, n, languages)))
        if entry["type"] == "arithmetic":
            numbers = numbers_source(entry)
            if numbers is not None:
                cells.append(code_cell(f"q{n:02d}-numbers", numbers))
        cells.append(code_cell(f"q{n:02d}-answer", answer_source(entry)))
    cells.append(markdown_cell("finish", both("assignment.finish")))
    cells.append(code_cell("status", STATUS_SOURCE))
    return notebook(
        cells,
        assignment_id=manifest.assignment_id,
        student_id=manifest.student_id,
        lesson=manifest.lesson,
    )
