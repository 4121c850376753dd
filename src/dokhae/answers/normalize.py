"""The comparison form of a typed answer, and what counts as no answer at all.

Pure text: NFKC (so NFC Hangul, and full-/half-width forms), curly quotes and dashes
straightened, case folded, spaces collapsed. Every other module of :mod:`dokhae.answers`
compares text through :func:`normalize_text` (or ``_answer_key``, which also drops the
punctuation around an answer, and the spaces of a Korean one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

__all__ = ["is_empty", "normalize_text"]

_STRAIGHTEN = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    "'" * 7 + '"' * 7 + "-" * 7,
    "\u200b\u200c\u200d\u2060\ufeff\u00ad",  # zero-width characters and soft hyphens
)
"""Curly quotes, primes and guillemets to straight quotes; dashes and minus to "-"."""


def normalize_text(text: object) -> str:
    """The comparison form of a text answer (not for display).

    NFKC (canonical composition, so NFD Hangul from macOS equals NFC; full-width
    ``ＡＢＣ１２３`` and half-width forms become ordinary letters and digits; the
    ideographic space becomes a space), curly quotes and dashes straightened,
    zero-width characters removed, case folded, spaces trimmed and collapsed.
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_STRAIGHTEN).casefold()
    return unicodedata.normalize("NFC", " ".join(s.split()))


_EDGE_PUNCTUATION = " .,;:!?'\"()[]{}<>。、·…"
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def _answer_key(text: object, *, drop_spaces: bool = False) -> str:
    s = normalize_text(text).strip(_EDGE_PUNCTUATION)
    return s.replace(" ", "") if drop_spaces else s


def is_empty(value: object) -> bool:
    """True for "no answer": None, blank text, an empty collection, or a mapping or
    sequence whose items are all empty."""
    if value is None:
        return True
    if isinstance(value, str):
        return normalize_text(value) == ""
    if isinstance(value, Mapping):
        return all(is_empty(v) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(is_empty(v) for v in value)
    return False
