"""An exam item (수능·내신 format) as a student sees it printed, answered through the session.

:func:`item_html` draws the item as a test paper prints it: the Korean stem, the boxed
sentence or opening, the passage with underlined spans numbered ①–⑤ (ⓐ–ⓔ in 서술형),
gaps ( ① ) and blanks, the chart (or its table), and the options. Everything is escaped.

:class:`ExamItemView` is a question view (:class:`~dokhae.widgets.quiz.QuestionView`):
the printed item, the answer (①–⑤ buttons, or the boxes a 서술형 item needs), Check,
the hint of the item's kind and, in practice, "정답 보기". It follows the tries policy of
every quiz view: a wrong try gets the verdict, the tries left and the hint; the answer and
the explanation built from the item's proof (:func:`dokhae.answers.exam_explanation`,
Korean and English) come with a right answer, the last try or "정답 보기". A 서술형
answer also shows its points per part, and once the answer is shown the rubric's reasons.
Answers go through ``session.answer(item.id, value)``, the one path every answer takes:
only approved items can be answered (:attr:`dokhae.lesson.Lesson.exam_items`).

:class:`ExamChooser` is the 수능 유형 section of notebook 03: a Dropdown of the lesson's
approved items by kind, and the view of the chosen one.

Stable CSS classes: ``dokhae-exam`` (the view, also ``dokhae-question``),
``dokhae-exam-item`` (the printed item; inside it ``dokhae-exam-stem``, ``-box``,
``-passage``, ``-options``, ``-chart``), ``dokhae-exam-choice`` (the ①–⑤ buttons),
``dokhae-exam-written`` (the boxes), ``dokhae-exam-rubric`` (a rubric line), and
``dokhae-exam-chooser``, ``dokhae-exam-select``, ``dokhae-exam-stage``.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from ..answers import Feedback
from ..answers.exam import english_sentences, exam_hint
from ..answers.rubric import grade_rubric, points_text
from ..exam.items import CIRCLED, KINDS, LETTERED, ORDERS, WRITTEN_KINDS
from ..exam.printed import insertion_passage
from ..lesson import Text
from ..session import Session
from ._base import ChooserView, classed, escape, fallback_text, light, resolve_session
from .quiz.question import QuestionView

__all__ = ["ExamChooser", "ExamItemView", "exam_item", "item_html"]

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


def _chart_html(item: Any, png: bytes) -> str:
    table = item.table
    alt = f"{table.title} ({table.unit}): " + ", ".join(
        f"{r.label} {r.value:g}" for r in table.rows
    )
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img class="dokhae-exam-chart" alt="{escape(alt)}" '
        f'style="max-width:100%;width:560px" src="data:image/png;base64,{data}">'
    )


def item_html(item: Any, sentences: Mapping[str, str], *, chart: bytes | None = None) -> str:
    """``item`` as printed, as escaped HTML (``sentences``: ``{id: English text}``);
    ``chart``: the PNG of a 도표 item's chart, drawn instead of its table."""
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
            _chart_html(item, chart)
            if chart is not None
            else f"<table class='dokhae-exam-table'><caption>{escape(item.table.title)} "
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


@dataclass(frozen=True)
class _Shown:
    """What :class:`QuestionView` reads of its question: the id answers go to, the hint."""

    id: str
    hint: Text
    prompt: Text | None = None


class ExamItemView(QuestionView):
    """One approved exam item, printed, answered like every quiz question.

    Args:
        item: an approved item of the session's lesson (:attr:`~dokhae.lesson.Lesson.exam_items`).
        session: the session that checks and records answers (None: this kernel's).
        lang: the interface language (None: the current setting).

    Attributes:
        item: the exam item.
        printed: the HTML of the item as printed (class ``dokhae-exam-item``).
        choice: the ①–⑤ ToggleButtons of a five-option item (value 1..5 or None).
        inputs: the boxes of a 서술형 item: ``{label: Text}``, or for 어법 고쳐쓰기
            ``{"row<n>": (symbol Dropdown, correction Text)}``.
    """

    kind = "exam"

    def __init__(self, item: Any, session: Session | None = None, *, lang: str | None = None):
        self.item = item
        self.inputs: dict[str, Any] = {}
        lesson = resolve_session(session).lesson
        self._sentences = english_sentences(lesson)
        super().__init__(_Shown(item.id, exam_hint(item)), session, lang)
        self.printed = self.prompt
        classed(self.printed, "exam-item")

    def __repr__(self) -> str:
        return fallback_text(self.kind, "exam_view.fallback")

    def _prompt_html(self) -> str:
        chart = None
        if self.item.kind == "chart":
            from ..exam.chart import chart_png  # matplotlib: only for a chart

            chart = chart_png(self.item.table)
        return item_html(self.item, self._sentences, chart=chart)

    def _instruction_keys(self) -> list[str]:
        written = self.item.kind in WRITTEN_KINDS
        return [f"exam_choose.instruction_{'written' if written else 'choice'}"]

    def _build(self) -> list[widgets.Widget]:
        item = self.item
        if item.kind not in WRITTEN_KINDS:
            self.choice = classed(
                light(
                    widgets.ToggleButtons,
                    options=[(c, n) for n, c in enumerate(CIRCLED, start=1)],
                    value=None,
                    style={"button_width": "3.2em"},
                ),
                "exam-choice",
            )
            self.answer_widget = self.choice
            return [self.choice]
        rows: list[widgets.Widget] = []
        if item.kind == "written_grammar":  # the student names the wrong parts
            for n in range(len(item.rubric.parts)):
                symbol = widgets.Dropdown(
                    options=[("", "")] + [(s, s) for s in LETTERED],
                    value="",
                    description=self.t("exam_view.symbol"),
                    style={"description_width": "initial"},
                    layout={"width": "9em"},
                )
                text = widgets.Text(description=self.t("exam_view.correction"))
                self.inputs[f"row{n}"] = (symbol, text)
                rows.append(widgets.HBox([symbol, text]))
        elif len(item.rubric.parts) == 1:
            (part,) = item.rubric.parts
            box = self._typed_answer(description=part.label)
            self.inputs[part.label] = box
            rows.append(box)
        else:
            for part in item.rubric.parts:
                box = classed(widgets.Text(description=part.label), "answer")
                self.inputs[part.label] = box
                rows.append(box)
        self.answer_widget = classed(widgets.VBox(rows), "exam-written")
        return [self.answer_widget]

    @property
    def value(self) -> object:
        """The answer as the session takes it: 1..5, a text, or ``{label: text}``."""
        item = self.item
        if item.kind not in WRITTEN_KINDS:
            return self.choice.value
        if item.kind == "written_grammar":
            return {s.value: t.value for s, t in self.inputs.values() if s.value}
        if len(item.rubric.parts) == 1:
            return next(iter(self.inputs.values())).value
        return {label: box.value for label, box in self.inputs.items()}

    def clear(self) -> None:
        if self.item.kind not in WRITTEN_KINDS:
            self.choice.value = None
            return
        for entry in self.inputs.values():
            for box in entry if isinstance(entry, tuple) else (entry,):
                box.value = ""

    def _show(self, feedback: Feedback) -> None:
        """As every question (the tries policy), and for a 서술형 answer its points per part;
        the rubric's reasons (which can name the right form) only once the answer is shown."""
        super()._show(feedback)
        if self.item.kind not in WRITTEN_KINDS or not feedback.answered:
            return
        graded = grade_rubric(self.item.rubric, self.value)
        practice = getattr(self.session, "mode", "practice") == "practice"
        if practice and feedback.reveal:
            lines = graded.explain(self.lang)
        else:
            lines = [
                self.t(
                    "exam_rubric.part",
                    label=p.label,
                    points=points_text(p.points),
                    total=points_text(p.total),
                )
                for p in graded.parts
            ]
        verdict, _, rest = self.feedback.value.partition("\n")
        rubric = "".join(f'<div class="dokhae-exam-rubric">{escape(x)}</div>' for x in lines)
        self.feedback.value = "\n".join(p for p in (verdict, rubric, rest) if p)


class ExamChooser(ChooserView):
    """The 수능 유형 section: a Dropdown of the lesson's approved exam items, by kind in the
    order of :data:`dokhae.exam.items.KINDS`, and the view of the chosen item (each view
    is made on first use and kept, answers and all).

    Args:
        session: the session (None: this kernel's).
        lang: the interface language (None: the current setting).
        item: the id of the item shown first (None: the first).

    Attributes:
        items: the approved items offered, by id.
        select: the Dropdown (class ``dokhae-exam-select``; value: the item id), or None
            when the lesson has no approved item.
        view: the :class:`ExamItemView` shown.
    """

    kind = "exam-chooser"
    fallback_key = "exam_choose.fallback"
    empty_key = "exam_choose.empty"

    def __init__(
        self, session: Session | None = None, lang: str | None = None, *, item: str | None = None
    ) -> None:
        super().__init__(lang=lang)
        self._session = session
        found = resolve_session(session).lesson.exam_items
        ordered = sorted(found.values(), key=lambda i: KINDS.index(i.kind))
        self.items: dict[str, Any] = {i.id: i for i in ordered}
        self.view: ExamItemView | None = None
        if not self.items:
            self._nothing_to_choose("exam-empty")
            return
        if item is not None and item not in self.items:
            raise KeyError(self._unknown(item))
        counts = {k: sum(i.kind == k for i in ordered) for k in KINDS}
        options, seen = [], dict.fromkeys(KINDS, 0)
        for n, i in enumerate(ordered, start=1):
            seen[i.kind] += 1
            kind = self.t(f"exam_kind.{i.kind}")
            if counts[i.kind] > 1:
                kind += f" {seen[i.kind]}"
            options.append((self.t("exam_choose.option", n=n, kind=kind), i.id))
        self._choose_from(
            options,
            item or ordered[0].id,
            "exam-select",
            "exam-stage",
            description=self.t("exam_choose.label"),
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )

    def _unknown(self, item_id: str) -> str:
        return (
            f"lesson {resolve_session(self._session).lesson.slug!r} has no approved exam item "
            f"{item_id!r} (approved: {', '.join(self.items) or 'none'})"
        )

    def _make(self, item_id: str) -> ExamItemView:
        return ExamItemView(self.items[item_id], self._session, lang=self.lang)

    def show(self, item_id: str) -> ExamItemView:
        """Show (and return) the view of item ``item_id``, made on first use."""
        if item_id not in self.items:
            raise KeyError(self._unknown(item_id))
        self.view = self._shown(item_id)
        return self.view

    def _summary(self) -> list[str]:
        return [self.t_both("exam_choose.count", n=len(self.items))]


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
