"""An exam item as printed, in plain text: for review in a terminal and for tests.

Underlined spans are ``①[held]`` (``ⓐ[held]`` in 서술형), gaps ``( ① )``, blanks
``________``, boxes ``┌ … ┐``. The quiz views and exports draw the same parts their own way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .items import (
    CHUNK_LABELS,
    CIRCLED,
    LETTERED,
    ORDERS,
    BlankItem,
    ChartItem,
    ExamItem,
    FactItem,
    GrammarItem,
    InsertionItem,
    IrrelevantItem,
    OrderItem,
    Span,
    SummaryItem,
    TitleItem,
    VocabularyItem,
    WrittenArrangeItem,
    WrittenBlankItem,
    WrittenGrammarItem,
    WrittenSummaryItem,
)
from .proofs import END

__all__ = ["insertion_passage", "printed"]

BLANK = "________"


def _marked(
    passage: Sequence[str],
    sentences: Mapping[str, str],
    marks: Sequence[Span],
    symbols: Sequence[str] | None,
    blank: bool = False,
) -> str:
    by_sentence: dict[str, list[tuple[Span, str | None]]] = {}
    for n, m in enumerate(marks):
        by_sentence.setdefault(m.sentence, []).append((m, symbols[n] if symbols else None))
    out = []
    for s in passage:
        text = sentences[s]
        for m, symbol in sorted(by_sentence.get(s, []), key=lambda x: -x[0].start):
            shown = BLANK if blank else f"{symbol}[{m.text}]"
            text = text[: m.start] + shown + text[m.end :]
        out.append(text)
    return " ".join(out)


def _box(text: str) -> str:
    return f"┌ {text} ┐"


def insertion_passage(
    item: InsertionItem, sentences: Mapping[str, str], shown: Callable[[str], str] = str
) -> str:
    """The passage of a 삽입 item without its given sentence, with ( ① ) ... ( ⑤ ) at the
    gaps; ``shown`` turns each sentence into what is printed (``escape`` for HTML)."""
    gap_at = {g: CIRCLED[n] for n, g in enumerate(item.gaps)}
    parts = []
    for s in item.passage:
        if s == item.sentence:
            continue
        if s in gap_at:
            parts.append(f"( {gap_at[s]} )")
        parts.append(shown(sentences[s]))
    if END in gap_at:
        parts.append(f"( {gap_at[END]} )")
    return " ".join(parts)


def printed(item: ExamItem, sentences: Mapping[str, str]) -> str:
    """``item`` as a test paper prints it (stem, passage, options), in plain text."""
    lines = [item.stem, ""]
    options: list[str] = []
    if isinstance(item, InsertionItem):
        lines += [_box(sentences[item.sentence]), ""]
        lines.append(insertion_passage(item, sentences))
        options = list(CIRCLED)
    elif isinstance(item, OrderItem):
        lines += [_box(" ".join(sentences[s] for s in item.opening)), ""]
        lines += [
            f"({label}) " + " ".join(sentences[s] for s in item.chunks[label])
            for label in CHUNK_LABELS
        ]
        options = ["-".join(f"({x})" for x in order) for order in ORDERS]
    elif isinstance(item, (GrammarItem, VocabularyItem)):
        lines.append(_marked(item.passage, sentences, item.marks, CIRCLED))
        options = list(CIRCLED)
    elif isinstance(item, WrittenGrammarItem):
        lines.append(_marked(item.passage, sentences, item.marks, LETTERED))
    elif isinstance(item, ChartItem):
        lines.append(f"{item.table.title} ({item.table.unit})")
        lines += [f"  {r.label}: {r.value:g}" for r in item.table.rows]
        options = [s.en for s in item.statements]
    elif isinstance(item, FactItem):
        lines.append(" ".join(sentences[s] for s in item.passage))
        options = [s.ko or s.en for s in item.statements]
    elif isinstance(item, TitleItem):
        lines.append(" ".join(sentences[s] for s in item.passage))
        options = list(item.options)
    elif isinstance(item, (BlankItem, WrittenBlankItem, WrittenArrangeItem)):
        text = _marked(item.passage, sentences, [item.gap], None, blank=True)
        if isinstance(item, WrittenBlankItem) and item.first_letter:
            text = text.replace(BLANK, f"{item.gap.text[0]}{BLANK}", 1)
        lines.append(text)
        if isinstance(item, BlankItem):
            options = list(item.options)
        if isinstance(item, WrittenArrangeItem):
            lines += ["", "〈보기〉 " + " / ".join(item.words), "〈조건〉"]
            lines += [f"· {c}" for c in item.conditions]
    elif isinstance(item, (SummaryItem, WrittenSummaryItem)):
        lines += [" ".join(sentences[s] for s in item.passage), "", "↓", item.summary]
        if isinstance(item, SummaryItem):
            options = [f"(A) {a} – (B) {b}" for a, b in item.options]
    elif isinstance(item, IrrelevantItem):
        numbered = iter(CIRCLED)
        parts = [sentences[item.passage[0]]]
        for s in item.numbered:
            parts.append(f"{next(numbered)} {item.inserted if s == 'inserted' else sentences[s]}")
        lines.append(" ".join(parts))
        options = list(CIRCLED)
    if options and options != list(CIRCLED):
        lines.append("")
        lines += [f"{CIRCLED[n]} {o}" for n, o in enumerate(options)]
    elif options:
        lines += ["", "  ".join(CIRCLED)]
    return "\n".join(lines)
