"""The exam items of a lesson as one JSON document, for other tools (``dokhae export items``).

The format is documented in ``docs/exam-items.md`` ("Export"); :data:`FORMAT` and
:data:`VERSION` name it. Every item carries its kind, its passage (sentence ids and the
article's text), the item as printed, its marks, options and key, the rubric of a 서술형
item, its proof with the proof recomputed here, and its status, so that a tool outside
dokhae can check an item and reuse it without reading the lesson files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .items import CIRCLED, KIND_NAMES_KO, LETTERED, ORDERS, WRITTEN_KINDS, ExamItem, Span
from .printed import printed
from .proofs import END, problems

__all__ = ["FORMAT", "VERSION", "item_record", "items_document"]

FORMAT = "dokhae-exam-items"
VERSION = 1


def _span(span: Span, sentences: Mapping[str, str], symbol: str | None, role: str) -> dict:
    return {
        "symbol": symbol,
        "role": role,
        "sentence": span.sentence,
        "start": span.start,
        "end": span.end,
        "printed": span.text,
        "source": sentences[span.sentence][span.start : span.end],
        "rule": span.rule,
    }


def _marks(item: Any, sentences: Mapping[str, str]) -> list[dict]:
    kind = item.kind
    if kind in ("grammar", "vocabulary"):
        return [_span(m, sentences, CIRCLED[n], "underline") for n, m in enumerate(item.marks)]
    if kind == "written_grammar":
        return [_span(m, sentences, LETTERED[n], "underline") for n, m in enumerate(item.marks)]
    if kind in ("blank", "written_blank", "written_arrange"):
        return [_span(item.gap, sentences, None, "blank")]
    if kind == "insertion":
        return [
            {"symbol": CIRCLED[n], "role": "gap", "before": None if g == END else g}
            for n, g in enumerate(item.gaps)
        ]
    if kind == "irrelevant":
        return [
            {"symbol": CIRCLED[n], "role": "numbered", "sentence": None if s == "inserted" else s}
            for n, s in enumerate(item.numbered)
        ]
    return []


def _options(item: Any) -> list[str]:
    kind = item.kind
    if kind in ("insertion", "grammar", "vocabulary", "irrelevant"):
        return list(CIRCLED)
    if kind == "order":
        return ["-".join(f"({x})" for x in order) for order in ORDERS]
    if kind == "chart":
        return [s.en for s in item.statements]
    if kind == "facts":
        return [s.ko or s.en for s in item.statements]
    if kind in ("title", "blank"):
        return list(item.options)
    if kind == "summary":
        return [f"(A) {a} – (B) {b}" for a, b in item.options]
    return []


def item_record(item: Any, sentences: Mapping[str, str]) -> dict:
    """One item of the export (see the module docstring)."""
    written = item.kind in WRITTEN_KINDS
    key = None if written else item.key
    return {
        "id": item.id,
        "kind": item.kind,
        "kind_ko": KIND_NAMES_KO[item.kind],
        "stem": item.stem,
        "points": item.points,
        "passage": {
            "sentences": list(item.passage),
            "text": " ".join(sentences[s] for s in item.passage),
        },
        "printed": printed(item, sentences),
        "marks": _marks(item, sentences),
        "options": _options(item),
        "key": key,
        "key_symbol": None if key is None else CIRCLED[key - 1],
        "answers": {p.label: p.answer for p in item.rubric.parts} if written else None,
        "rubric": item.rubric.model_dump(mode="json") if written else None,
        "proof": item.proof.model_dump(mode="json") if item.proof else None,
        "proof_problems": problems(item, sentences),
        "status": item.status.model_dump(mode="json"),
        "todo": item.todo,
        "item": item.model_dump(mode="json", exclude_defaults=True),
    }


def items_document(lesson: Any, items: Sequence[ExamItem] | None = None) -> dict:
    # ``lesson``: a :class:`dokhae.lesson.Lesson` (not imported: the lesson model imports this package)
    """The export of ``items`` (default: every exam item of ``lesson``'s bank)."""
    sentences = {sid: s.en for sid, s in lesson.article.sentences.items()}
    meta = lesson.article.meta
    chosen = lesson.exercises.exam_items if items is None else items
    return {
        "format": FORMAT,
        "version": VERSION,
        "lesson": lesson.slug,
        "source": {
            "headline": sentences.get("h1"),
            "outlet": meta.outlet,
            "published": str(meta.published),
            "url": meta.source_url,
        },
        "items": [item_record(i, sentences) for i in chosen],
    }
