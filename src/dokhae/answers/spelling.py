"""How far a typed answer may be from the right one and still be "a spelling slip".

One rule for every typed answer (cloze, short text, typed recall): the slips allowed
grow with the length of the expected answer (:func:`typo_allowance`), and a slip is one
letter added, dropped, changed, or two neighbours swapped (*dialouge*, *thwa*), counted
by :func:`edit_distance`. Hangul is compared jamo by jamo (대응하다 / 대웅하다 is one
slip). A near miss stays wrong: the student is told to check the spelling
(``feedback.almost``).

===========================  ==================
letters of the right answer  slips allowed
===========================  ==================
1–3                          0
4–8                          1
9–15                         2
16 or more                   3
===========================  ==================

Letters are counted without spaces; for Hangul, in jamo (재개 has 4).
"""

from __future__ import annotations

import unicodedata

__all__ = ["edit_distance", "near_miss", "typo_allowance"]

_STEPS = ((4, 1), (9, 2), (16, 3))
"""(letters from which, slips allowed): the table of the module docstring."""


def typo_allowance(letters: int) -> int:
    """The spelling slips allowed in an answer whose right form has ``letters`` letters."""
    allowed = 0
    for start, slips in _STEPS:
        if letters >= start:
            allowed = slips
    return allowed


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """The slips between ``a`` and ``b``: letters added, dropped or changed, and two
    neighbouring letters swapped (each one slip; the optimal string alignment distance).
    With ``limit``, any distance above it is returned as ``limit + 1`` (faster)."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if limit is not None and min(current) > limit:
            return limit + 1
        before, previous = previous, current
    distance = previous[-1]
    return distance if limit is None else min(distance, limit + 1)


def _letters(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def near_miss(answer: str, expected: str) -> bool:
    """True when ``answer`` is a spelling slip away from ``expected`` (both already in
    comparison form): at least one slip and no more than :func:`typo_allowance` of the
    expected answer's length."""
    a, e = _letters(answer), _letters(expected)
    allowed = typo_allowance(len(e.replace(" ", "")))
    return allowed > 0 and 0 < edit_distance(a, e, allowed) <= allowed
