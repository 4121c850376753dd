"""The comparison form of a typed answer, and what counts as no answer at all.

Pure text: NFKC (so NFC Hangul, and full-/half-width forms), curly quotes and dashes
straightened, case folded, spaces collapsed (:func:`dokhae.words.normalize_text`). Every
other module of :mod:`dokhae.answers` compares text through :func:`normalize_text` (or ``_answer_key``, which also drops the
punctuation around an answer, and the spaces of a Korean one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..words import normalize_text

__all__ = ["is_empty", "normalize_text"]

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
