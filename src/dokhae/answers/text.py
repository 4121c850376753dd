"""Typed text against the accepted answers: the same after normalisation, another form of
the same English word, a near miss (one letter or one jamo off: "check your spelling"),
or wrong.

Package-private: the checkers of typed answers (:mod:`dokhae.answers.checkers`) use it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from .english import same_english_word
from .normalize import _HANGUL, _answer_key


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` when it is larger than ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _almost(answer: str, expected: str) -> bool:
    """A likely typo: one letter (one jamo for Hangul) off, two for long words."""
    a = unicodedata.normalize("NFD", answer)
    e = unicodedata.normalize("NFD", expected)
    letters = len(e.replace(" ", ""))
    if letters < 4:
        return False
    limit = 2 if letters >= 9 else 1
    return _edit_distance(a, e, limit) <= limit


def _match_text(value: object, targets: Sequence[str], inflections: bool) -> str:
    """``"correct"``, ``"almost"`` (a near miss, still wrong) or ``"wrong"``."""
    for target in targets:
        drop = bool(_HANGUL.search(target))
        if _answer_key(value, drop_spaces=drop) == _answer_key(target, drop_spaces=drop):
            return "correct"
    if inflections:
        given = _answer_key(value)
        for target in targets:
            if same_english_word(given, _answer_key(target)):
                return "correct"
    given = _answer_key(value)
    if any(_almost(given, _answer_key(target)) for target in targets):
        return "almost"
    return "wrong"
