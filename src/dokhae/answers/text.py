"""Typed text against the accepted answers: the same after normalisation, another form of
the same English word, a near miss (one letter or one jamo off: "check your spelling"),
or wrong.

Package-private: the checkers of typed answers (:mod:`dokhae.answers.checkers`) use it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..words import almost, same_english_word
from .normalize import _HANGUL, _answer_key


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
    if any(almost(given, _answer_key(target)) for target in targets):
        return "almost"
    return "wrong"
