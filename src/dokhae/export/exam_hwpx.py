"""The exam as HWPX documents for 한글 (Hancom Office), written with ``python-hwpx``.

Teachers write exam drafts (원안지) in 한글; these files open there to be edited:

- ``<name>-A.hwpx``, ``<name>-B.hwpx``: one per form, the header table, then the items in
  two columns (단 나누기): the stem with its number and 배점, the passage with its
  underlined spans and their symbols, the boxed sentences (one-cell tables), the chart
  as a picture, the options ①-⑤ and the 서술형 answer spaces;
- ``<name>-key.hwpx``: per form the 정답표, the 서술형 채점 기준 and the 문항정보표, as tables.

Every text goes in as text (python-hwpx escapes it): nothing becomes markup or a field.
The same :class:`~dokhae.exam.layout.ItemLayout` as the HTML paper is drawn here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..exam.items import CIRCLED, KIND_NAMES_KO, ChartItem
from ..exam.layout import Block, Run
from .exam import Exam, entry_views, info_rows, key_text

__all__ = ["exam_document", "key_document", "write_exam_hwpx"]

CHART_WIDTH_MM = 80


def _runs(paragraph: Any, runs: Sequence[Run]) -> None:
    for r in runs:
        if r.style == "underline":
            paragraph.add_run(r.symbol, bold=True)
            paragraph.add_run(r.text, underline=True)
        elif r.style == "blank":
            paragraph.add_run(r.text + "\u3000" * 6, underline=True)
        elif r.style in ("gap", "symbol"):
            paragraph.add_run(r.text, bold=True)
        elif r.text:
            paragraph.add_run(r.text)


def _plain(runs: Sequence[Run]) -> str:
    """Runs as the text of a table cell (no underlines there): a blank is ``(A) ______``."""
    return "".join(r.text + "______" if r.style == "blank" else r.text for r in runs)


def _text(doc: Any, text: str = "", *, bold: bool = False) -> Any:
    paragraph = doc.add_paragraph("", inherit_style=False)
    if text:
        paragraph.add_run(text, bold=bold)
    return paragraph


def _table(doc: Any, rows: Sequence[Sequence[object]]) -> Any:
    table = doc.add_table(len(rows), max(len(r) for r in rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.set_cell_text(i, j, "" if value is None else _shown(value))
    return table


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _block(doc: Any, block: Block, chart: bytes | None) -> None:
    if block.kind == "text":
        _runs(_text(doc), block.runs)
    elif block.kind == "box":
        _table(doc, [[_plain(block.runs)]])
    elif block.kind == "chunk":
        paragraph = _text(doc, f"({block.label}) ", bold=True)
        _runs(paragraph, block.runs)
    elif block.kind == "chart":
        assert chart is not None  # the chart's title is in the picture
        doc.add_picture(chart, "png", width_mm=CHART_WIDTH_MM, height_mm=CHART_WIDTH_MM * 9 / 16)
    elif block.kind == "summary":
        _text(doc, "↓")
        _table(doc, [[_plain(block.runs)]])
    elif block.kind == "words":
        _table(doc, [["〈보기〉 " + " / ".join(block.lines)]])
    elif block.kind == "conditions":
        _table(doc, [["〈조건〉\n" + "\n".join(f"· {c}" for c in block.lines)]])


def exam_document(exam: Exam, label: str) -> Any:
    """Form ``label`` of ``exam`` as an :class:`hwpx.HwpxDocument`."""
    from hwpx import HwpxDocument

    from ..exam.chart import chart_png

    header = exam.header
    form = exam.form(label)
    doc = HwpxDocument.new()
    title = " ".join(
        x for x in (f"{header.year}학년도" if header.year else "", header.school, header.term) if x
    )
    _text(doc, title or "학년도  학기  고사", bold=True)
    _table(
        doc,
        [
            [
                "과목",
                header.subject,
                "학년",
                f"{header.grade}학년" if header.grade else "",
                f"{label}형",
            ],
            ["시간", f"{header.minutes}분" if header.minutes else "", "학번", "", "성명"],
        ],
    )
    doc.page.set_columns(2, separator_type="SOLID", paragraph=_text(doc))
    charts = {i.id: chart_png(i.table) for i in exam.items if isinstance(i, ChartItem)}
    for view in entry_views(exam, form):
        stem = _text(doc, f"{view.number}. ", bold=True)
        stem.add_run(view.layout.stem, bold=True)
        stem.add_run(f" [{view.points:g}점]")
        for block in view.layout.blocks:
            _block(doc, block, charts.get(view.item_id))
        for n, option in enumerate(view.layout.options):
            _text(doc, f"{CIRCLED[n]} {option}")
        if view.layout.numbers_only:
            _text(doc, "   ".join(CIRCLED))
        if view.layout.written:
            _table(doc, [[part, ""] for part in view.parts])
        _text(doc)
    return doc


def key_document(exam: Exam) -> Any:
    """The keys of every form, the 채점 기준 and the 문항정보표 as an :class:`hwpx.HwpxDocument`."""
    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    _text(doc, f"{exam.header.subject} {exam.header.term} 정답 및 문항정보표 (교사용)", bold=True)
    _text(doc, f"시드(seed) {exam.seed}")
    for form in exam.forms:
        _text(doc, f"{form.label}형 정답표 (총 {form.total:g}점)", bold=True)
        _table(
            doc,
            [
                ["번호", "정답", "배점"],
                *([e.number, key_text(e), e.points] for e in form.entries),
            ],
        )
    written = [e for e in exam.forms[0].entries if e.written]
    if written:
        _text(doc, "서술형 채점 기준", bold=True)
        for e in written:
            numbers = ", ".join(f"{f.label}형 {f.number_of(e.item.id)}번" for f in exam.forms)
            _text(doc, f"{numbers} — {KIND_NAMES_KO[e.item.kind]} ({e.points:g}점)")
            rubric = e.item.rubric  # type: ignore[union-attr]
            _table(
                doc,
                [
                    ["부분", "모범 답안", "함께 인정하는 답", "배점"],
                    *([p.label, p.answer, ", ".join(p.accept), p.points] for p in rubric.parts),
                ],
            )
    _text(doc, "문항정보표", bold=True)
    rows = info_rows(exam)
    columns = [c for c in rows[0] if c != "kind"]
    _table(doc, [columns, *([row[c] for c in columns] for row in rows)])
    return doc


def write_exam_hwpx(exam: Exam, stem: Path) -> tuple[Path, ...]:
    """Write ``<stem>-A.hwpx`` ... and ``<stem>-key.hwpx`` (the key last); return the paths."""
    from ..json_files import atomic_output

    written = []
    Path(stem).parent.mkdir(parents=True, exist_ok=True)
    documents = [(f"{stem}-{f.label}.hwpx", exam_document(exam, f.label)) for f in exam.forms]
    documents.append((f"{stem}-key.hwpx", key_document(exam)))
    for name, doc in documents:
        path = Path(name)
        with atomic_output(path) as tmp:
            doc.save_to_path(tmp)
        written.append(path)
    return tuple(written)
