"""Typed text against the accepted answers: the same after normalisation (a hyphen and a
space count as the same), another form of the same English word, a near miss (a spelling
slip, by the one rule of :mod:`dokhae.answers.spelling`: "check your spelling"), or wrong.

Package-private: the checkers of typed answers (:mod:`dokhae.answers.checkers`) use it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .english import same_english_word
from .normalize import _HANGUL, _answer_key
from .spelling import near_miss


def _same_spelling(a: str, b: str) -> bool:
    """Equal, or equal but for hyphens written as spaces (net zero / net-zero)."""
    return a == b or a.replace("-", " ") == b.replace("-", " ")


def _match_text(value: object, targets: Sequence[str], inflections: bool) -> str:
    """``"correct"``, ``"almost"`` (a near miss, still wrong) or ``"wrong"``."""
    for target in targets:
        drop = bool(_HANGUL.search(target))
        if _same_spelling(
            _answer_key(value, drop_spaces=drop), _answer_key(target, drop_spaces=drop)
        ):
            return "correct"
    if inflections:
        given = _answer_key(value)
        for target in targets:
            if same_english_word(given, _answer_key(target)):
                return "correct"
    given = _answer_key(value)
    if any(near_miss(given, _answer_key(target)) for target in targets):
        return "almost"
    return "wrong"
