"""An exam item as it is laid out on paper: its stem, blocks and options, as data.

One place says what each item kind prints and in which order: the boxed sentence of
문장 삽입, the chunks (A)-(C) of 글의 순서, the underlined spans ①-⑤ of 어법, the blanks of
빈칸, the 〈보기〉 and 〈조건〉 of 단어 배열, ... Every printer draws the same
:class:`ItemLayout` its own way: plain text (:mod:`.printed`), the HTML of the exam paper
and the HWPX document for 한글 (:mod:`dokhae.export`).

A block's text is a sequence of :class:`Run`: plain text, an underlined span with its
symbol (``①``, ``ⓐ``), a blank (with the first letter when given), a gap ``( ① )``, or a
bare symbol. Nothing here is markup: printers escape what they print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .items import (
    CHUNK_LABELS,
    CIRCLED,
    LETTERED,
    ORDERS,
    BlankItem,
    ChartItem,
    ChartTable,
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

__all__ = [
    "BLANK",
    "SHUFFLED_KINDS",
    "Block",
    "ItemLayout",
    "Run",
    "insertion_runs",
    "item_layout",
    "option_texts",
]

Style = Literal["", "underline", "blank", "gap", "symbol"]

BLANK = "________"
"""A blank as plain text."""

SHUFFLED_KINDS = ("title", "blank", "summary", "chart")
"""Kinds whose five options may be printed in another order (a form's own order): their
options are phrases or statements. The others keep theirs: ①-⑤ of 삽입, 어법, 어휘 and
무관한 문장 are positions in the passage, 글의 순서 prints its five orders in the fixed 수능
order, and the statements of 내용 일치 follow the text."""


@dataclass(frozen=True)
class Run:
    """A piece of a block's text: ``style`` says how it is drawn; ``symbol`` is the
    ①/ⓐ printed before an underlined span."""

    text: str
    style: Style = ""
    symbol: str = ""


@dataclass(frozen=True)
class Block:
    """One part of an item under its stem.

    ``kind``: ``text`` (a passage), ``box`` (a boxed given sentence), ``chunk`` (a part
    (A)-(C) of 글의 순서, ``label`` its letter), ``chart`` (``table`` drawn as a chart),
    ``summary`` (the summary sentence after an arrow), ``words`` (〈보기〉: ``lines`` the
    given words) or ``conditions`` (〈조건〉: ``lines``)."""

    kind: Literal["text", "box", "chunk", "chart", "summary", "words", "conditions"]
    runs: tuple[Run, ...] = ()
    label: str = ""
    lines: tuple[str, ...] = ()
    table: ChartTable | None = None

    @property
    def text(self) -> str:
        """The runs as plain text (an underlined span without its marks)."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class ItemLayout:
    """An item as printed: stem, blocks, and ``options`` (five texts, in the printed
    order; empty when the options are the bare numbers ①-⑤, ``numbers_only``)."""

    stem: str
    blocks: tuple[Block, ...]
    options: tuple[str, ...]
    numbers_only: bool
    written: bool


def _marked(
    passage: Sequence[str],
    sentences: Mapping[str, str],
    marks: Sequence[Span],
    symbols: Sequence[str] | None,
    blank_first_letter: bool = False,
) -> tuple[Run, ...]:
    by_sentence: dict[str, list[tuple[Span, str]]] = {}
    for n, m in enumerate(marks):
        by_sentence.setdefault(m.sentence, []).append((m, symbols[n] if symbols else ""))
    runs: list[Run] = []
    for i, s in enumerate(passage):
        text, at = sentences[s], 0
        if i:
            runs.append(Run(" "))
        for m, symbol in sorted(by_sentence.get(s, []), key=lambda x: x[0].start):
            runs.append(Run(text[at : m.start]))
            if symbols is None:
                runs.append(Run(m.text[0] if blank_first_letter else "", "blank"))
            else:
                runs.append(Run(m.text, "underline", symbol))
            at = m.end
        runs.append(Run(text[at:]))
    return tuple(r for r in runs if r.text or r.style)


def _plain(passage: Sequence[str], sentences: Mapping[str, str]) -> tuple[Run, ...]:
    return (Run(" ".join(sentences[s] for s in passage)),)


def insertion_runs(item: InsertionItem, sentences: Mapping[str, str]) -> tuple[Run, ...]:
    gap_at = {g: CIRCLED[n] for n, g in enumerate(item.gaps)}
    parts: list[Run] = []
    for s in item.passage:
        if s == item.sentence:
            continue
        if s in gap_at:
            parts.append(Run(f"( {gap_at[s]} )", "gap"))
        parts.append(Run(sentences[s]))
    if END in gap_at:
        parts.append(Run(f"( {gap_at[END]} )", "gap"))
    out: list[Run] = []
    for n, run in enumerate(parts):
        if n:
            out.append(Run(" "))
        out.append(run)
    return tuple(out)


def _summary(text: str) -> tuple[Run, ...]:
    """The summary sentence, its blanks ``________`` as blank runs."""
    pieces = text.split(BLANK)
    runs: list[Run] = []
    for n, piece in enumerate(pieces):
        if n:
            runs.append(Run("", "blank"))
        if piece:
            runs.append(Run(piece))
    return tuple(runs)


def option_texts(item: ExamItem) -> tuple[str, ...]:
    """The five option texts of ``item`` in the bank's order (empty: ①-⑤ alone, or 서술형)."""
    if isinstance(item, OrderItem):
        return tuple("-".join(f"({x})" for x in order) for order in ORDERS)
    if isinstance(item, ChartItem):
        return tuple(s.en for s in item.statements)
    if isinstance(item, FactItem):
        return tuple(s.ko or s.en for s in item.statements)
    if isinstance(item, (TitleItem, BlankItem)):
        return tuple(item.options)
    if isinstance(item, SummaryItem):
        return tuple(f"(A) {a} – (B) {b}" for a, b in item.options)
    return ()


def _blocks(item: ExamItem, sentences: Mapping[str, str]) -> list[Block]:
    if isinstance(item, InsertionItem):
        return [
            Block("box", (Run(sentences[item.sentence]),)),
            Block("text", insertion_runs(item, sentences)),
        ]
    if isinstance(item, OrderItem):
        return [
            Block("box", (Run(" ".join(sentences[s] for s in item.opening)),)),
            *(
                Block("chunk", (Run(" ".join(sentences[s] for s in item.chunks[label])),), label)
                for label in CHUNK_LABELS
            ),
        ]
    if isinstance(item, (GrammarItem, VocabularyItem)):
        return [Block("text", _marked(item.passage, sentences, item.marks, CIRCLED))]
    if isinstance(item, WrittenGrammarItem):
        return [Block("text", _marked(item.passage, sentences, item.marks, LETTERED))]
    if isinstance(item, ChartItem):
        return [Block("chart", table=item.table)]
    if isinstance(item, (FactItem, TitleItem)):
        return [Block("text", _plain(item.passage, sentences))]
    if isinstance(item, (BlankItem, WrittenBlankItem, WrittenArrangeItem)):
        first = isinstance(item, WrittenBlankItem) and item.first_letter
        blocks = [Block("text", _marked(item.passage, sentences, [item.gap], None, first))]
        if isinstance(item, WrittenArrangeItem):
            blocks.append(Block("words", lines=tuple(item.words)))
            blocks.append(Block("conditions", lines=tuple(item.conditions)))
        return blocks
    if isinstance(item, (SummaryItem, WrittenSummaryItem)):
        return [
            Block("text", _plain(item.passage, sentences)),
            Block("summary", _summary(item.summary)),
        ]
    if isinstance(item, IrrelevantItem):
        runs = [Run(sentences[item.passage[0]])]
        for n, s in enumerate(item.numbered):
            runs += [Run(" "), Run(CIRCLED[n], "symbol"), Run(" ")]
            runs.append(Run(item.inserted if s == "inserted" else sentences[s]))
        return [Block("text", tuple(runs))]
    raise TypeError(f"no printed form for exam item kind {item.kind!r}")


def item_layout(
    item: ExamItem, sentences: Mapping[str, str], option_order: Sequence[int] | None = None
) -> ItemLayout:
    """``item`` as printed; ``option_order`` (indexes into the bank's options) prints the
    options of a :data:`SHUFFLED_KINDS` item in a form's own order."""
    from .items import WRITTEN_KINDS

    options = option_texts(item)
    if option_order is not None and options:
        options = tuple(options[i] for i in option_order)
    written = item.kind in WRITTEN_KINDS
    return ItemLayout(
        item.stem,
        tuple(_blocks(item, sentences)),
        options,
        numbers_only=not written and not options,
        written=written,
    )
