"""Forms of one exam (A형, B형, ...): the same items in another order, each with its key.

A form is drawn from the exam's **seed** and the form's label, so the same seed gives the
same forms again (the seed is printed on the key and the 문항정보표). In every form:

- the five-option items (선택형) come first, then the 서술형 items, as in a 내신 paper;
- items on one passage (the same sentence ids) stay together, in the bank's order;
- the groups are shuffled, and the options of :data:`~dokhae.exam.layout.SHUFFLED_KINDS`
  items are printed in the form's own order; the key follows that order.

Two forms never share an item order when the items can be put in another order.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .items import WRITTEN_KINDS, ExamItem
from .layout import SHUFFLED_KINDS, option_texts

__all__ = ["FORM_LABELS", "ExamForm", "FormEntry", "form_labels", "make_forms", "passage_groups"]

FORM_LABELS = ("A", "B", "C", "D")
"""The labels a form may have (A형 ... D형)."""

TRIES = 20
"""Draws of a form's order before accepting one another form already has."""


def form_labels(forms: Iterable[str]) -> list[str]:
    """The labels asked for (``["a", " B"]`` → ``["A", "B"]``).

    Raises:
        ValueError: none, one not in :data:`FORM_LABELS`, or one given twice.
    """
    given = list(forms)
    labels = [f.strip().upper() for f in given if f.strip()]
    if not labels or any(f not in FORM_LABELS for f in labels) or len(set(labels)) != len(labels):
        raise ValueError(
            f"forms {','.join(given)!r}: give different labels from {', '.join(FORM_LABELS)}, "
            "e.g. --forms A,B"
        )
    return labels


@dataclass(frozen=True)
class FormEntry:
    """Item number ``number`` of a form: ``item``, its options' order (indexes into the
    bank's options; None when they keep their order), ``key`` (1-5 in the printed order;
    None for 서술형) and ``points`` (배점)."""

    number: int
    item: ExamItem
    option_order: tuple[int, ...] | None
    key: int | None
    points: float

    @property
    def written(self) -> bool:
        return self.item.kind in WRITTEN_KINDS


@dataclass(frozen=True)
class ExamForm:
    """One form: its label (``"A"``) and its numbered items."""

    label: str
    entries: tuple[FormEntry, ...]

    @property
    def total(self) -> float:
        return sum(e.points for e in self.entries)

    def number_of(self, item_id: str) -> int:
        """The number the item ``item_id`` has on this form."""
        return next(e.number for e in self.entries if e.item.id == item_id)


def passage_groups(items: Sequence[ExamItem]) -> list[list[ExamItem]]:
    """``items`` in groups that stay together: those on the same passage (the same
    sentence ids), in the order they come; an item without a passage is alone."""
    groups: dict[object, list[ExamItem]] = {}
    for n, item in enumerate(items):
        key: object = item.passage or n
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def _random(seed: int, label: str, attempt: int) -> random.Random:
    return random.Random(f"dokhae-exam:{seed}:{label}:{attempt}")


def _order(items: Sequence[ExamItem], rng: random.Random) -> list[ExamItem]:
    chosen: list[ExamItem] = []
    for written in (False, True):
        groups = passage_groups([i for i in items if (i.kind in WRITTEN_KINDS) == written])
        rng.shuffle(groups)
        chosen += [item for group in groups for item in group]
    return chosen


def _entry(number: int, item: ExamItem, points: float, rng: random.Random) -> FormEntry:
    if item.kind in WRITTEN_KINDS:
        return FormEntry(number, item, None, None, points)
    key: int = item.key  # type: ignore[union-attr]
    if item.kind not in SHUFFLED_KINDS or not option_texts(item):
        return FormEntry(number, item, None, key, points)
    order = list(range(5))
    rng.shuffle(order)
    return FormEntry(number, item, tuple(order), order.index(key - 1) + 1, points)


def make_forms(
    items: Sequence[ExamItem],
    labels: Iterable[str],
    seed: int,
    points: Mapping[str, float] | None = None,
) -> tuple[ExamForm, ...]:
    """The forms ``labels`` of an exam of ``items`` drawn from ``seed``; ``points``:
    배점 by item id (default: each item's own ``points``)."""
    points = points or {}
    forms: list[ExamForm] = []
    seen: set[tuple[str, ...]] = set()
    for label in labels:
        for attempt in range(TRIES):
            rng = _random(seed, label, attempt)
            ordered = _order(items, rng)
            ids = tuple(i.id for i in ordered)
            if ids not in seen:
                break
        seen.add(ids)
        entries = tuple(
            _entry(n, item, points.get(item.id, item.points), rng)
            for n, item in enumerate(ordered, 1)
        )
        forms.append(ExamForm(label, entries))
    return tuple(forms)
