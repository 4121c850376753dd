"""An exam item (수능·내신 format) as a student sees it printed, answered through the session.

:func:`item_html` draws the item as a test paper prints it: the Korean stem, the boxed
sentence or opening, the passage with underlined spans numbered ①–⑤ (ⓐ–ⓔ in 서술형),
gaps ( ① ) and blanks, the chart's table, and the options. Everything is escaped.
:class:`ExamItemView` adds the answer (①–⑤ buttons, or the boxes a 서술형 item needs) and
checks it with ``session.answer(item.id, value)``, the one path every answer takes: only
approved items can be answered (:attr:`dokhae.lesson.Lesson.exam_items`).

The quiz views of notebook 03 and of assignments are to use this module (issue 15,
point 4); this module does not change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from ..answers.rubric import grade_rubric
from ..exam.items import CIRCLED, LETTERED, ORDERS, WRITTEN_KINDS
from ..exam.printed import insertion_passage
from ..session import Session
from ._base import (
    View,
    button,
    classed,
    escape,
    fallback_text,
    feedback_area,
    feedback_html,
    resolve_session,
)

__all__ = ["ExamItemView", "exam_item", "item_html"]

BLANK_HTML = '<span class="dokhae-exam-blank">&nbsp;' + "&nbsp;" * 12 + "</span>"


def _marked(item: Any, sentences: Mapping[str, str], marks: Any, symbols: Any) -> str:
    """The passage, each mark underlined with its symbol (or blanked when no symbols)."""
    by_sentence: dict[str, list] = {}
    for n, m in enumerate(marks):
        by_sentence.setdefault(m.sentence, []).append((m, symbols[n] if symbols else None))
    out = []
    for s in item.passage:
        text, pieces, at = sentences[s], [], 0
        for m, symbol in sorted(by_sentence.get(s, []), key=lambda x: x[0].start):
            pieces.append(escape(text[at : m.start]))
            if symbol is None:
                pieces.append(BLANK_HTML)
            else:
                pieces.append(f"{symbol}<u>{escape(m.text)}</u>")
            at = m.end
        pieces.append(escape(text[at:]))
        out.append("".join(pieces))
    return " ".join(out)


def _box(html: str) -> str:
    return f'<div class="dokhae-exam-box" style="border:1px solid #555;padding:6px 10px;margin:6px 0">{html}</div>'


def _options_html(options: list[str]) -> str:
    rows = "".join(f"<li>{CIRCLED[n]} {escape(o)}</li>" for n, o in enumerate(options))
    return f'<ul class="dokhae-exam-options" style="list-style:none;padding-left:0">{rows}</ul>'


def item_html(item: Any, sentences: Mapping[str, str]) -> str:
    """``item`` as printed, as escaped HTML (``sentences``: ``{id: English text}``)."""
    kind = item.kind
    parts = [f'<div class="dokhae-exam-stem" lang="ko"><b>{escape(item.stem)}</b></div>']
    options: list[str] = []
    passage = ""
    if kind == "insertion":
        parts.append(_box(escape(sentences[item.sentence])))
        passage = insertion_passage(item, sentences, escape)
    elif kind == "order":
        parts.append(_box(escape(" ".join(sentences[s] for s in item.opening))))
        passage = "".join(
            f"<p>({label}) {escape(' '.join(sentences[s] for s in item.chunks[label]))}</p>"
            for label in "ABC"
        )
        options = ["-".join(f"({x})" for x in order) for order in ORDERS]
    elif kind in ("grammar", "vocabulary"):
        passage = _marked(item, sentences, item.marks, CIRCLED)
    elif kind == "written_grammar":
        passage = _marked(item, sentences, item.marks, LETTERED)
    elif kind == "chart":
        rows = "".join(
            f"<tr><td>{escape(r.label)}</td><td style='text-align:right'>{r.value:g}</td></tr>"
            for r in item.table.rows
        )
        passage = (
            f"<table class='dokhae-exam-table'><caption>{escape(item.table.title)} "
            f"({escape(item.table.unit)})</caption>{rows}</table>"
            f"<div style='font-size:0.8em'>{escape(item.table.source)}</div>"
        )
        options = [s.en for s in item.statements]
    elif kind == "facts":
        passage = escape(" ".join(sentences[s] for s in item.passage))
        options = [s.ko or s.en for s in item.statements]
    elif kind in ("title", "blank"):
        passage = (
            _marked(item, sentences, [item.gap], None)
            if kind == "blank"
            else escape(" ".join(sentences[s] for s in item.passage))
        )
        options = list(item.options)
    elif kind in ("written_blank", "written_arrange"):
        passage = _marked(item, sentences, [item.gap], None)
        if kind == "written_blank" and item.first_letter:
            passage = passage.replace(BLANK_HTML, escape(item.gap.text[0]) + BLANK_HTML, 1)
    elif kind in ("summary", "written_summary"):
        passage = escape(" ".join(sentences[s] for s in item.passage))
        passage += "<p style='text-align:center'>↓</p>" + _box(escape(item.summary))
        if kind == "summary":
            options = [f"(A) {a} – (B) {b}" for a, b in item.options]
    elif kind == "irrelevant":
        numbered = [escape(sentences[item.passage[0]])]
        for n, s in enumerate(item.numbered):
            text = item.inserted if s == "inserted" else sentences[s]
            numbered.append(f"{CIRCLED[n]} {escape(text)}")
        passage = " ".join(numbered)
    parts.append(
        f'<div class="dokhae-exam-passage" lang="en" style="line-height:1.7">{passage}</div>'
    )
    if kind == "written_arrange":
        parts.append(
            "<div>〈보기〉 "
            + escape(" / ".join(item.words))
            + "</div><div>〈조건〉</div>"
            + "".join(f"<div>· {escape(c)}</div>" for c in item.conditions)
        )
    if options:
        parts.append(_options_html(options))
    return "\n".join(parts)


class ExamItemView(View):
    """One approved exam item, printed, with its answer and a Check button."""

    kind = "exam"

    def __init__(self, item: Any, session: Session | None = None, *, lang: str | None = None):
        self.session = resolve_session(session)
        self.item = item
        sentences = {sid: s.en for sid, s in self.session.lesson.article.sentences.items()}
        self.printed = classed(widgets.HTML(value=item_html(item, sentences)), "exam-item")
        self.feedback = feedback_area()
        self.inputs: dict[str, Any] = {}
        super().__init__(lang=lang)
        self.check_button = button(self.t("button.check"), "check")
        self.check_button.on_click(lambda _: self.check())
        self.children = (self.printed, self._answer_box(), self.check_button, self.feedback)

    def __repr__(self) -> str:
        return fallback_text(self.kind, "exam_view.fallback")

    def _answer_box(self) -> widgets.Widget:
        item = self.item
        if item.kind not in WRITTEN_KINDS:
            self.choice = classed(
                widgets.ToggleButtons(
                    options=[(c, n) for n, c in enumerate(CIRCLED, start=1)], value=None
                ),
                "exam-choice",
            )
            return self.choice
        rows = []
        if item.kind == "written_grammar":  # the student names the wrong parts
            for n in range(len(item.rubric.parts)):
                symbol = widgets.Dropdown(
                    options=[("", "")] + [(s, s) for s in LETTERED],
                    value="",
                    description=self.t("exam_view.symbol"),
                )
                text = widgets.Text(description=self.t("exam_view.correction"))
                self.inputs[f"row{n}"] = (symbol, text)
                rows.append(widgets.HBox([symbol, text]))
        else:
            for part in item.rubric.parts:
                text = widgets.Text(description=part.label)
                self.inputs[part.label] = text
                rows.append(text)
        return classed(widgets.VBox(rows), "exam-written")

    def value(self) -> object:
        """The answer as the session takes it."""
        item = self.item
        if item.kind not in WRITTEN_KINDS:
            return self.choice.value
        if item.kind == "written_grammar":
            return {s.value: t.value for s, t in self.inputs.values() if s.value}
        if len(item.rubric.parts) == 1:
            return next(iter(self.inputs.values())).value
        return {label: box.value for label, box in self.inputs.items()}

    def check(self) -> None:
        """Check the answer through the session (recorded like every answer)."""
        value = self.value()
        feedback = self.session.answer(self.item.id, value)
        html = feedback_html(feedback, self.lang)
        if self.item.kind in WRITTEN_KINDS and feedback.answered:
            lines = grade_rubric(self.item.rubric, value).explain(self.lang)
            html += "".join(f'<div class="dokhae-exam-rubric">{escape(x)}</div>' for x in lines)
        self.feedback.value = html


def exam_item(
    item_id: str, session: Session | None = None, *, lang: str | None = None
) -> ExamItemView:
    """The view of approved exam item ``item_id`` of the session's lesson."""
    session = resolve_session(session)
    item = session.lesson.exam_items.get(item_id)
    if item is None:
        raise KeyError(
            f"lesson {session.lesson.slug!r} has no approved exam item {item_id!r} "
            f"(approved: {', '.join(session.lesson.exam_items) or 'none'})"
        )
    return ExamItemView(item, session, lang=lang)
