"""A worksheet (:class:`Worksheet`, one :class:`Sheet` per student) and how it looks: the
HTML of the students' sheets and of the answer key (making one: :mod:`.worksheet`).

The students' file is built from what a student may see (the article, glossary words,
the safe entries of their variant); answers, meanings and explanations are written only
by :func:`key_html`. Every lesson text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import i18n
from ..lesson import Lesson
from ..problems import Problem
from .worksheet_article import Gap, Line, article_lines, line_numbers, vocabulary_entries
from .worksheet_questions import explanation_text, key_answer_html, numbers_text, question_html


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

    def html(self) -> str:
        """The students' file: every sheet, each starting on a new page."""
        shown = "ko" if self.gaps and self.text == "en" else "en"  # a gapped headline stays gapped
        title = getattr(self.lesson.article.title, shown)
        return page(
            self,
            i18n.t("export.worksheet_title", self.language, title=title),
            [sheet_html(self, sheet) for sheet in self.sheets],
        )

    def key_html(self) -> str:
        """The teacher's file: the answers of every sheet and the explanations."""
        title = i18n.t(
            "export.worksheet_key_title", self.language, title=self.lesson.article.title.en
        )
        return page(self, title, [key_html(self)])

    def __repr__(self) -> str:
        return (
            f"<Worksheet {self.lesson.slug}: {len(self.exercises)} exercises, {len(self.sheets)} "
            f"sheet{'s' * (len(self.sheets) != 1)}>"
        )


__all__ = ["CSS", "key_html", "page", "sheet_html"]

FONTS = (
    '"Noto Sans KR", "Noto Sans CJK KR", "Nanum Gothic", "NanumGothic", "Apple SD Gothic Neo", '
    '"Malgun Gothic", sans-serif'
)
CSS = """\
@page { size: A4; margin: 14mm 15mm; }
body { font-family: FONTS; font-size: 10.5pt; line-height: 1.55; color: black;
       max-width: 50em; margin: 1.5em auto; }
@media print { body { max-width: none; margin: 0; } }
.sheet + .sheet { break-before: page; }
h1 { font-size: 1.45em; margin: 0 0 0.2em; }
h2 { font-size: 1.15em; border-bottom: 1.5px solid black; margin: 1.3em 0 0.5em; padding-bottom: 0.1em; }
h3 { font-size: 1em; margin: 0 0 0.2em; }
p { margin: 0.2em 0; }
.title-en { font-size: 1.15em; font-weight: bold; }
.title-ko { font-size: 1.05em; }
.source, .note, .how, .qid, .points, .tag, .hint, .pos, .where { color: #444; }
.source, .note { font-size: 0.9em; }
.how { font-style: italic; font-size: 0.92em; }
.qid, .pos, .where, .tag { font-size: 0.8em; font-weight: normal; }
.name { margin: 1em 0; padding: 0.45em 0; border-top: 1px solid black; border-bottom: 1px solid black;
        white-space: pre-wrap; }
.warning { border: 2px solid black; padding: 0.4em 0.8em; font-weight: bold; }
table.article { border-collapse: collapse; width: 100%; }
table.article td { vertical-align: top; padding: 0.05em 0.4em; }
td.para, td.ln { width: 1.6em; color: #555; font-size: 0.85em; text-align: right; white-space: nowrap; }
td.ln { border-right: 1px solid #999; font-variant-numeric: tabular-nums; }
tr.first td { padding-top: 0.55em; }
tr.headline td.text { font-weight: bold; }
tr.caption td.text { font-style: italic; }
.blank { display: inline-block; min-width: 4.5em; border-bottom: 1px solid black; margin: 0 0.2em;
         height: 1.1em; vertical-align: baseline; }
.blank.wide { min-width: 9em; }
.gap { white-space: nowrap; }
.hint { font-size: 0.8em; }
.vocab { display: grid; grid-template-columns: 1fr 1fr; column-gap: 2em; row-gap: 0.45em; margin: 0.4em 0; }
.vocab .item { display: flex; align-items: baseline; gap: 0.3em; break-inside: avoid; }
.vocab .no { min-width: 1.6em; text-align: right; }
.vocab .what { flex: 0 1 auto; }
.vocab .fill { flex: 1 0 5em; border-bottom: 1px solid black; height: 1.2em; }
.bank, .box { border: 1px solid #666; padding: 0.3em 0.8em; }
.bank .word, .box .word { display: inline-block; margin-right: 1.6em; }
.question { break-inside: avoid; margin: 0 0 1.1em; }
ol.choices, ol.left, ol.right { list-style: none; padding-left: 0.6em; margin: 0.3em 0; }
ol.choices li, ol.left li, ol.right li { padding-left: 1.4em; text-indent: -1.4em; }
.label { display: inline-block; min-width: 1.4em; text-indent: 0; font-weight: bold; }
.options .option { display: inline-block; margin: 0.2em 2.5em 0.2em 0.6em; }
.match { display: grid; grid-template-columns: 1fr 1.4fr; gap: 1.2em; }
.pairs .pair { display: inline-block; margin-right: 1.2em; }
.order, .pairs, .cloze-text, .answer-line { margin: 0.5em 0 0.2em 0.6em; }
.rules div { height: 1.9em; border-bottom: 1px solid #777; }
.working { border: 1px solid #777; padding: 0.2em 0.6em 0.6em; margin: 0.4em 0; }
.answer { font-weight: bold; }
ol.answers { padding-left: 2.2em; }
ol.answers li { margin-bottom: 0.25em; }
.explanations li { margin-bottom: 0.5em; }
"""


def _t(key: str, lang: str, **fields: object) -> str:
    return html.escape(i18n.t(key, lang, **fields))


def _e(value: object) -> str:
    return html.escape(str(value))


def page(ws: Worksheet, title: str, body: Sequence[str]) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{ws.language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n<style>\n{CSS.replace('FONTS', FONTS)}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _header(ws: Worksheet, sheet: Sheet | None, heading_key: str) -> list[str]:
    lang, article = ws.language, ws.lesson.article
    meta = article.meta
    outlet = meta.outlet + (f" ({meta.agency})" if meta.agency else "")
    # with gaps, the headline in the article's language would fill its own gaps
    hidden = ws.text if ws.gaps and sheet is not None else None
    titles = [t for t in ("en", "ko") if t != hidden]
    out = [
        f"<h1>{_t(heading_key, lang)}</h1>",
        *(f'<p class="title-{t}" lang="{t}">{_e(getattr(article.title, t))}</p>' for t in titles),
        (
            f'<p class="source">{_t("reading.source", lang, outlet=outlet)} · '
            f"{_t('reading.published', lang, date=meta.published[:10])} · {_e(meta.source_url)}</p>"
        ),
    ]
    if sheet is None:
        return out
    if sheet.student_id is None:
        out.append(f'<p class="name">{_t("export.worksheet_name_line", lang)}</p>')
    else:
        line = i18n.t(
            "export.worksheet_student_line",
            lang,
            name=sheet.name or "____________",
            student_id=sheet.student_id,
        )
        line += "   " + i18n.t(
            "export.worksheet_assignment_line", lang, assignment_id=ws.assignment_id
        )
        out.append(f'<p class="name">{_e(line)}</p>')
    return out


def _article_html(ws: Worksheet, lines: Sequence[Line]) -> list[str]:
    lang = ws.language
    out = [
        f"<h2>{_t('export.worksheet_text', lang)}</h2>",
        f'<p class="note">{_t("export.worksheet_text_instructions", lang)}</p>',
    ]
    if ws.text == "ko" and ws.lesson.article.meta.translation is not None:
        out.append(f'<p class="note">{_e(ws.lesson.article.meta.translation(lang))}</p>')
    out.append(f'<table class="article" lang="{ws.text}">')
    for line in lines:
        classes = f"{line.kind} first" if line.first else line.kind
        para = f"¶{line.paragraph}" if line.paragraph is not None else ""
        tag = (
            f' <span class="tag">[{_t("reading.caption", lang)}]</span>'
            if line.kind == "caption"
            else ""
        )
        out.append(
            f'<tr class="{classes}"><td class="para">{para}</td><td class="ln">{line.number}</td>'
            f'<td class="text">{line.html}{tag}</td></tr>'
        )
    out.append("</table>")
    return out


def _vocabulary_html(ws: Worksheet, gaps: Sequence[Gap]) -> list[str]:
    lang = ws.language
    out = [f'<section class="vocabulary"><h2>{_t("vocabulary.title", lang)}</h2>']
    if ws.gaps:
        out.append(
            f'<p class="how">{_t("export.worksheet_instructions", lang, count=len(gaps))}</p>'
        )
        out.append(
            f'<p class="bank"><strong>{_t("export.worksheet_word_bank", lang)}</strong> '
            + "".join(
                f'<span class="word">{_e(w)}</span>'
                for w in sorted({g.answer for g in gaps}, key=str.casefold)
            )
            + "</p>"
        )
    else:
        numbers = line_numbers(ws.lesson)
        how = "export.worksheet_vocabulary_instructions" + ("_ko" if ws.text == "ko" else "")
        out.append(f'<p class="how">{_t(how, lang)}</p><div class="vocab">')
        for n, e in enumerate(vocabulary_entries(ws.lesson, ws.text), 1):
            word = e.headword if ws.text == "en" else e.korean
            pos = i18n.t(f"part_of_speech.{e.pos.replace(' ', '_')}", lang)
            where = i18n.t("export.worksheet_line_ref", lang, line=numbers[e.sentence_id])
            out.append(
                f'<div class="item" data-entry="{_e(e.id)}"><span class="no">{n}.</span>'
                f'<span class="what"><span class="word" lang="{ws.text}">{_e(word)}</span> '
                f'<span class="pos">{_e(pos)}, {_e(where)}</span></span>'
                '<span class="fill"></span></div>'
            )
        out.append("</div>")
    out.append("</section>")
    return out


def sheet_html(ws: Worksheet, sheet: Sheet) -> str:
    lines, gaps = article_lines(ws.lesson, ws.text, gaps=ws.gaps)
    attrs = f' data-student="{_e(sheet.student_id)}"' if sheet.student_id is not None else ""
    article, vocabulary = _article_html(ws, lines), _vocabulary_html(ws, gaps)
    out = [
        f'<section class="sheet"{attrs}>',
        *_header(ws, sheet, "export.worksheet_heading"),
        # with gaps the word bank comes first: the article is the exercise
        *(vocabulary + article if ws.gaps else article + vocabulary),
        f'<section class="questions"><h2>{_t("export.worksheet_questions", ws.language)}</h2>',
    ]
    out.extend(question_html(entry, n, ws.language) for n, entry in enumerate(sheet.questions, 1))
    out.append("</section></section>")
    return "\n".join(out)


# --------------------------------------------------------------------------- the key


def key_html(ws: Worksheet) -> str:
    lang, lesson = ws.language, ws.lesson
    out = [
        *_header(ws, None, "export.worksheet_answer_key"),
        f'<p class="warning">{_t("export.worksheet_key_warning", lang)}</p>',
    ]
    if ws.sheets[0].student_id is None:
        out.append(f'<p class="note">{_t("export.worksheet_key_example", lang)}</p>')
    else:
        line = i18n.t("export.worksheet_assignment_line", lang, assignment_id=ws.assignment_id)
        out.append(f'<p class="note">{_e(line)}</p>')
    _, gaps = article_lines(lesson, ws.text, gaps=ws.gaps)
    out.append(
        f'<section class="vocabulary"><h2>{_t("vocabulary.title", lang)}</h2><ol class="answers">'
    )
    if ws.gaps:
        out.extend(
            f'<li><span class="answer">{_e(g.answer)}</span> ({_e(g.hint)})</li>' for g in gaps
        )
    else:
        for e in vocabulary_entries(lesson, ws.text):
            word, meaning = (
                (e.headword, "; ".join(e.ko)) if ws.text == "en" else (e.korean, e.headword)
            )
            out.append(f'<li>{_e(word)}: <span class="answer">{_e(meaning)}</span></li>')
    out.append("</ol></section>")
    out.append(f'<section class="key-answers"><h2>{_t("export.worksheet_key_answers", lang)}</h2>')
    for sheet in ws.sheets:
        if sheet.student_id is not None:
            who = i18n.t(
                "export.worksheet_student_line",
                lang,
                name=sheet.name or "-",
                student_id=sheet.student_id,
            )
            out.append(f'<h3 data-student="{_e(sheet.student_id)}">{_e(who)}</h3>')
        out.append('<ol class="answers">')
        for entry in sheet.questions:
            numbers = ""
            if entry["type"] == "arithmetic":
                shown = numbers_text(entry["params"], entry.get("param_units", {}))
                numbers = f' <span class="note">({_e(shown)})</span>'
            out.append(
                f'<li><span class="qid">{_e(entry["id"])}</span> '
                f"{key_answer_html(entry, sheet.key, lesson, lang)}{numbers}</li>"
            )
        out.append("</ol>")
    out.append("</section>")
    out.append(
        f'<section class="explanations"><h2>{_t("export.worksheet_key_explanations", lang)}</h2>'
    )
    if ws.sheets[0].student_id is not None:
        out.append(f'<p class="note">{_t("export.worksheet_key_letters_note", lang)}</p>')
    out.append('<ol class="answers">')
    out.extend(
        f'<li><span class="qid">{_e(e)}</span> {_e(explanation_text(lesson, e, lang))}</li>'
        for e in ws.exercises
    )
    out.append("</ol></section>")
    return "\n".join(out)
