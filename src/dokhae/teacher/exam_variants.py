"""Per-student variants of an approved exam item, each proven before it is used.

A variant is made from the approved item and the article alone (no analyser), so that
``dokhae assign`` needs nothing of the author extra:

- 문장 삽입: another sentence of the passage is lifted into the box, with five gaps the
  text rules out (:func:`dokhae.exam.proofs.insertion_exclusions`) around its place.
- 어법: another of the five underlined forms is broken, by the rule the mark names
  (수일치 is/are, was/were, has/have and a verb's -s; that → what; a regular past
  verb → its -ing form); the form broken in the approved item is restored.
- 글의 순서: the chunks are lettered anew, so the answer is another of the five orders.
- 도표, 내용 일치, 제목·주제, 빈칸, 요약문: the five options are reshuffled.
- the other kinds (어휘, 무관한 문장, 서술형) have no variant: every student gets the item.

Every variant is re-proved with :func:`dokhae.exam.proofs.problems`; a candidate with a
problem is never used (the next one is tried, the approved item last). An approved item
whose own proof fails is refused with :class:`ExamItemError`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from itertools import permutations
from typing import Any

from ..exam.items import (
    CHUNK_LABELS,
    ORDERS,
    BlankItem,
    ChartItem,
    ExamItem,
    FactItem,
    GrammarItem,
    InsertionItem,
    OrderItem,
    Proof,
    Span,
    SummaryItem,
    TitleItem,
)
from ..exam.proofs import END, insertion_exclusions, problems, rule_shape, span_source

__all__ = [
    "VARIED_KINDS",
    "ExamItemError",
    "break_form",
    "exam_variant",
    "exam_variants",
    "signature",
]

VARIED_KINDS = ("insertion", "grammar", "order", "chart", "facts", "title", "blank", "summary")
"""The kinds that have per-student variants."""

_AGREE = {
    "is": "are",
    "are": "is",
    "was": "were",
    "were": "was",
    "has": "have",
    "have": "has",
    "does": "do",
    "do": "does",
}


class ExamItemError(ValueError):
    """An exam item cannot be assigned: its proof fails (the message says why)."""


def _keep_case(template: str, word: str) -> str:
    return word[:1].upper() + word[1:] if template[:1].isupper() else word


def break_form(rule: str, original: str) -> str | None:
    """The broken form of ``original`` by grammar ``rule``, when it can be made without an
    inflection dictionary (None otherwise); always of the rule's shape
    (:func:`dokhae.exam.proofs.rule_shape`)."""
    low = original.lower()
    broken: str | None = None
    if " " in low or not low.isalpha():
        return None
    if rule == "agreement":
        if low in _AGREE:
            broken = _AGREE[low]
        elif low.endswith("ies") and len(low) > 4:
            broken = low[:-3] + "y"
        elif low.endswith(("ches", "shes", "sses", "xes")):
            broken = low[:-2]
        elif low.endswith("s") and not low.endswith("ss"):
            broken = low[:-1]
    elif rule == "that_what" and low == "that":
        broken = "what"
    elif rule == "finite_verbal" and low.endswith("ed") and len(low) > 4:
        stem = low[:-1] if low.endswith("eed") else low[:-2]
        broken = stem + "ing"
    if broken is None or not rule_shape(rule, low, broken):
        return None
    return _keep_case(original, broken)


# --------------------------------------------------------------------------- the kinds


class _InsertionPlan:
    """A lifted sentence and the gaps that can be offered with it (the rng picks four)."""

    def __init__(
        self,
        item: InsertionItem,
        lifted: str,
        key_gap: str,
        ruled_out: list[str],
        where: dict[str, int],
    ) -> None:
        self.item, self.lifted, self.key_gap = item, lifted, key_gap
        self.ruled_out, self.where = ruled_out, where

    def build(self, rng: random.Random) -> InsertionItem:
        others = rng.sample(self.ruled_out, 4)
        gaps = sorted([self.key_gap, *others], key=self.where.__getitem__)
        return self.item.model_copy(
            update={
                "sentence": self.lifted,
                "gaps": tuple(gaps),
                "key": gaps.index(self.key_gap) + 1,
                "proof": Proof(
                    rule="insertion.rebuilds",
                    sources=self.item.passage,
                    note=f"variant: {self.lifted} lifted",
                ),
            }
        )


def _insertion(item: InsertionItem, sentences: Mapping[str, str]) -> list[_InsertionPlan]:
    out: list[_InsertionPlan] = []
    for lifted in item.passage[1:]:
        rest = [s for s in item.passage if s != lifted]
        key_at = item.passage.index(lifted)  # its place among the rest
        places = [*rest[1:], END]
        where = {g: (len(rest) if g == END else rest.index(g)) for g in places}
        key_gap = places[key_at - 1]
        ruled_out = []
        for gap in places:
            if gap == key_gap:
                continue
            trial = [gap, key_gap] if where[gap] < where[key_gap] else [key_gap, gap]
            found = insertion_exclusions(
                item.passage, lifted, trial, trial.index(key_gap) + 1, sentences
            )
            if all(v is not None for v in found.values()):
                ruled_out.append(gap)
        if len(ruled_out) < 4:
            continue
        out.append(_InsertionPlan(item, lifted, key_gap, ruled_out, where))
    return out


def _grammar(item: GrammarItem, sentences: Mapping[str, str]) -> list[GrammarItem]:
    restored = [
        m.model_copy(update={"text": span_source(m, sentences)}) if n == item.key - 1 else m
        for n, m in enumerate(item.marks)
    ]
    out = []
    for n, mark in enumerate(restored):
        if n == item.key - 1 or not mark.rule:
            continue
        original = span_source(mark, sentences)
        broken = break_form(mark.rule, original)
        if broken is None:
            continue
        marks = list(restored)
        marks[n] = Span(
            sentence=mark.sentence, start=mark.start, end=mark.end, text=broken, rule=mark.rule
        )
        out.append(
            item.model_copy(
                update={
                    "marks": tuple(marks),
                    "key": n + 1,
                    "proof": Proof(
                        rule=f"grammar.{mark.rule}",
                        sources=(mark.sentence,),
                        original=original,
                        changed=broken,
                    ),
                }
            )
        )
    return out


def _order(item: OrderItem) -> list[OrderItem]:
    right = [item.chunks[label] for label in ORDERS[item.key - 1]]  # the chunks in text order
    out = []
    for labels in permutations(CHUNK_LABELS):
        if labels not in ORDERS:
            continue
        chunks = dict(zip(labels, right))
        if chunks == dict(item.chunks):
            continue
        out.append(
            item.model_copy(
                update={
                    "chunks": {label: chunks[label] for label in CHUNK_LABELS},
                    "key": ORDERS.index(labels) + 1,
                }
            )
        )
    return out


def _reshuffled(item: Any, field: str, rng: random.Random) -> Any:
    options = list(getattr(item, field))
    order = list(range(5))
    while order == list(range(5)):
        rng.shuffle(order)
    return item.model_copy(
        update={field: tuple(options[i] for i in order), "key": order.index(item.key - 1) + 1}
    )


# --------------------------------------------------------------------------- choosing


def _candidates(item: ExamItem, sentences: Mapping[str, str], rng: random.Random) -> list[ExamItem]:
    if isinstance(item, InsertionItem):
        plans = _insertion(item, sentences)
        rng.shuffle(plans)
        return [p.build(rng) for p in plans]
    if isinstance(item, GrammarItem):
        found: list[Any] = _grammar(item, sentences)
    elif isinstance(item, OrderItem):
        found = _order(item)
    elif isinstance(item, (ChartItem, FactItem)):
        found = [_reshuffled(item, "statements", rng)]
    elif isinstance(item, (TitleItem, BlankItem, SummaryItem)):
        found = [_reshuffled(item, "options", rng)]
    else:
        found = []
    rng.shuffle(found)
    return found


def exam_variants(item: ExamItem, sentences: Mapping[str, str]) -> list[ExamItem]:
    """Every proven variant of ``item`` other than itself that does not depend on chance
    (삽입: one per sentence that can be lifted, with its first four gaps; 어법: one per
    form that can be broken; 순서: one per lettering), for tests and review."""
    rng = random.Random(0)
    return [v for v in _candidates(item, sentences, rng) if not problems(v, sentences)]


def exam_variant(
    item: ExamItem,
    sentences: Mapping[str, str],
    seed: str,
    *,
    avoid: Sequence[ExamItem] = (),
    proved: Callable[[ExamItem, Mapping[str, str]], list[str]] = problems,
) -> ExamItem:
    """One student's variant of ``item`` for ``seed``: a proven variant, preferring one
    unlike those in ``avoid`` (the student's earlier attempts), or the item itself.

    Raises:
        ExamItemError: the approved item's own proof fails.
    """
    wrong = proved(item, sentences)
    if wrong:
        raise ExamItemError(
            f"exam item {item.id!r} cannot be assigned: its proof fails ({'; '.join(wrong)}); "
            "run dokhae check and fix or reject the item"
        )
    rng = random.Random(f"dokhae-exam:{seed}:{item.id}")
    proven = [v for v in _candidates(item, sentences, rng) if not proved(v, sentences)]
    seen = {signature(a) for a in avoid}
    fresh = [v for v in proven if signature(v) not in seen]
    return (fresh or proven or [item])[0]


def signature(item: ExamItem) -> str:
    """What makes a variant another question: the lifted sentence (삽입), the broken span
    or the keyed option (the other kinds); the same for the kinds without variants."""
    if isinstance(item, InsertionItem):
        return item.sentence
    return str(getattr(item, "key", item.id))
