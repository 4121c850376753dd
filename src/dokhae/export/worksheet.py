"""A printable worksheet (one HTML file): the article with glossary words as numbered gaps.

Each gap shows the Korean meaning as a hint; a word bank lists the missing words in
alphabetical order. The answer key is added only when asked for, on a page of its own.
The page needs nothing but a browser: print it or save it as PDF from there.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..lesson import Lesson
from ..terms import find_terms

CSS = """\
body { font-family: "Noto Sans KR", "Nanum Gothic", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif;
       max-width: 48em; margin: 2em auto; line-height: 1.9; color: black; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
.subtitle, .source { color: #444; margin: 0; }
.name { margin: 1.5em 0; }
.gap { white-space: nowrap; }
.hint { font-size: 0.8em; color: #555; }
.bank { border: 1px solid #888; padding: 0.5em 1em; }
.bank span { margin-right: 1.5em; display: inline-block; }
.key { page-break-before: always; break-before: page; }
"""


@dataclass(frozen=True)
class Gap:
    number: int
    answer: str
    hint: str
    entry_id: str


def worksheet_gaps(lesson: Lesson) -> tuple[list[tuple[str, str]], list[Gap]]:
    """The worksheet's paragraphs as ``(kind, html)`` and its gaps, numbered in reading order.

    A glossary entry gives a gap where one of its forms occurs in the sentence it
    belongs to (its first occurrence there).
    """
    by_sentence: dict[str, list] = {}
    for e in lesson.glossary:
        by_sentence.setdefault(e.sentence_id, []).append(e)
    gaps: list[Gap] = []
    paragraphs = []
    for paragraph in lesson.article.paragraphs:
        if paragraph.kind == "caption":
            continue
        parts = []
        for sentence in paragraph.sentences:
            entries = by_sentence.get(sentence.id, [])
            seen: set[str] = set()
            out, at = [], 0
            for term in find_terms(sentence.en, entries, "en"):
                start, end, entry = term
                if entry.id in seen:
                    continue
                seen.add(entry.id)
                gap = Gap(len(gaps) + 1, sentence.en[start:end], entry.korean, entry.id)
                gaps.append(gap)
                out.append(html.escape(sentence.en[at:start]))
                out.append(f'<span class="gap">({gap.number}) ____________ '
                           f'<span class="hint">({html.escape(gap.hint)})</span></span>')
                at = end
            out.append(html.escape(sentence.en[at:]))
            parts.append("".join(out))
        paragraphs.append((paragraph.kind, " ".join(parts)))
    return paragraphs, gaps


def worksheet_html(lesson: Lesson, language: str | None = None, *, answers: bool = False) -> str:
    """The worksheet as one HTML page; instructions in ``language`` (default: the interface language)."""
    lang = i18n.get_language() if language is None else language
    t = lambda key, **fields: html.escape(i18n.t(key, lang, **fields))  # noqa: E731
    title = lesson.article.title
    meta = lesson.article.meta
    paragraphs, gaps = worksheet_gaps(lesson)
    body = [
        f"<h1>{t('export.worksheet_title', title=title.en)}</h1>",
        f'<p class="subtitle">{html.escape(title.ko)}</p>',
        f'<p class="source">{html.escape(meta.outlet)}, {html.escape(meta.published[:10])}</p>',
        f'<p class="name">{t("export.worksheet_name_line")}</p>',
        f"<p><strong>{t('export.worksheet_instructions', count=len(gaps))}</strong></p>",
        f"<h2>{t('export.worksheet_word_bank')}</h2>",
        '<div class="bank">'
        + "".join(f"<span>{html.escape(w)}</span>" for w in sorted({g.answer for g in gaps}, key=str.casefold))
        + "</div>",
        f"<h2>{t('export.worksheet_text')}</h2>",
    ]
    for kind, text in paragraphs:
        body.append(f"<h3>{text}</h3>" if kind == "headline" else f"<p>{text}</p>")
    if answers:
        body.append(f'<section class="key"><h2>{t("export.worksheet_answer_key")}</h2><ol>')
        body.extend(f"<li>{html.escape(g.answer)} ({html.escape(g.hint)})</li>" for g in gaps)
        body.append("</ol></section>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{t('export.worksheet_title', title=title.en)}</title>\n<style>\n{CSS}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def write_worksheet(lesson: Lesson, path: Path | str, language: str | None = None, *,
                    answers: bool = False) -> Path:
    """Write the worksheet to ``path`` (an ``.html`` file) and return the path."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"cannot write the worksheet to {path.name!r}: the file name must end in .html")
    path.write_text(worksheet_html(lesson, language, answers=answers), encoding="utf-8")
    return path
