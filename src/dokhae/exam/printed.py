"""An exam item as printed, in plain text: for review in a terminal and for tests.

Underlined spans are ``①[held]`` (``ⓐ[held]`` in 서술형), gaps ``( ① )``, blanks
``________``, boxes ``┌ … ┐``. What is printed, and in which order, is the item's
:func:`~dokhae.exam.layout.item_layout`; the exam paper (HTML) and the HWPX document draw
the same layout their own way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .items import CIRCLED, ExamItem, InsertionItem
from .layout import BLANK, Block, Run, insertion_runs, item_layout

__all__ = ["BLANK", "insertion_passage", "printed", "runs_text"]


def runs_text(runs: Sequence[Run], shown: Callable[[str], str] = str) -> str:
    """Runs as plain text: ``①[held]``, ``h________``; ``shown`` turns each piece of the
    source's text into what is printed (``escape`` for HTML)."""
    out = []
    for run in runs:
        if run.style == "underline":
            out.append(f"{run.symbol}[{shown(run.text)}]")
        elif run.style == "blank":
            out.append(f"{shown(run.text)}{BLANK}")
        else:
            out.append(shown(run.text))
    return "".join(out)


def insertion_passage(
    item: InsertionItem, sentences: Mapping[str, str], shown: Callable[[str], str] = str
) -> str:
    """The passage of a 삽입 item without its given sentence, with ( ① ) ... ( ⑤ ) at the
    gaps; ``shown`` turns each sentence into what is printed (``escape`` for HTML)."""
    return runs_text(insertion_runs(item, sentences), shown)


def _block_lines(block: Block) -> list[str]:
    text = runs_text(block.runs)
    if block.kind == "box":
        return [f"┌ {text} ┐", ""]
    if block.kind == "chunk":
        return [f"({block.label}) {text}"]
    if block.kind == "chart":
        table = block.table
        assert table is not None
        return [f"{table.title} ({table.unit})", *(f"  {r.label}: {r.value:g}" for r in table.rows)]
    if block.kind == "summary":
        return ["", "↓", text]
    if block.kind == "words":
        return ["", "〈보기〉 " + " / ".join(block.lines)]
    if block.kind == "conditions":
        return ["〈조건〉", *(f"· {c}" for c in block.lines)]
    return [text]


def printed(item: ExamItem, sentences: Mapping[str, str]) -> str:
    """``item`` as a test paper prints it (stem, passage, options), in plain text."""
    layout = item_layout(item, sentences)
    lines = [layout.stem, ""]
    for block in layout.blocks:
        lines += _block_lines(block)
    if layout.options:
        lines.append("")
        lines += [f"{CIRCLED[n]} {o}" for n, o in enumerate(layout.options)]
    elif layout.numbers_only:
        lines += ["", "  ".join(CIRCLED)]
    return "\n".join(lines)
