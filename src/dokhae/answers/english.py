"""The other forms of an English word, as the checkers of :mod:`dokhae.answers` use them.

The rules live in :mod:`dokhae.words` (the content layer), where the proofs of exam items
use them too; this module gives the answer checkers their public names.
"""

from __future__ import annotations

from ..words import english_forms, same_english_word

__all__ = ["english_forms", "same_english_word"]
