"""A Korean word typed with its particle or in another ending (협력을, 모색했다).

A learner of Korean types what the text has, not the dictionary form: 협력을 for 협력,
모색했다 for 모색하다, 직면해 for ~에 직면하여. :func:`korean_form_of` recognises such an
answer from the stems the lesson stores (the glossary's ``ko_forms``, found when the
lesson is built: 협력, 모색, 직면) and the dictionary forms themselves, with a short
list of particles for nouns and any short ending for verbs. No analyser runs when a
student answers.

The rule: the answer (spaces and the placeholder ``~`` ignored) is a stem followed by

- a particle or a chain of them (을, 에서는, 들이, 과의, ...), or a copula ending
  (이다, 입니다, 였다), for any word;
- when the word is a verb or adjective (a dictionary form ending in 다), any ending of
  one to five syllables (했다, 한, 하기로, 해, 된다, 았다).

So 협력하는중 is not 협력 (하는중 is neither), and 협력을 is never 협조.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .normalize import normalize_text

__all__ = ["PARTICLES", "korean_form_of", "korean_stems"]

PARTICLES = (
    "이", "가", "은", "는", "을", "를", "의", "에", "에서", "에게", "께", "한테", "와", "과",
    "하고", "랑", "이랑", "로", "으로", "도", "만", "까지", "부터", "보다", "처럼", "마다",
    "이나", "나", "이며", "며", "이라는", "라는", "이란", "란", "들",
    "이다", "다", "입니다", "이었다", "였다", "이고", "고", "이에요", "예요", "이야", "야",
)  # fmt: skip
"""Particles (and the copula's common endings) that may follow a noun, alone or chained
(들+이, 에서+는, 과+의)."""

_PARTICLE_CHAIN = re.compile("(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
VERB_ENDINGS = ("다", "하여")
"""How a verb or adjective ends in the glossary: the dictionary form (모색하다), or the
connective the article uses (~에 직면하여)."""
MAX_ENDING = 5
"""The longest verb ending accepted, in syllables (하기로 했다 → 했다: 2; 하였습니다: 5)."""


def _bare(text: str) -> str:
    """``text`` as compared here: normalised, no spaces, no placeholder ``~``."""
    return normalize_text(text).replace(" ", "").replace("~", "").replace("∼", "")


def korean_stems(words: Sequence[str], forms: Sequence[str] = ()) -> tuple[tuple[str, str], ...]:
    """``(stem, dictionary form)`` pairs to recognise: each of ``words`` (dictionary
    forms: 모색하다) with its stem (모색하, 모색), and the lesson's ``forms`` (stems found in
    the text when the lesson was built: 모색 for 모색하다, or a word of its own such as
    산업부, named as itself), longest first."""
    pairs: dict[str, str] = {}
    for word in words:
        bare = _bare(word)
        if not bare:
            continue
        pairs.setdefault(bare, word)
        if bare.endswith("하다") and len(bare) > 2:
            pairs.setdefault(bare[:-2], word)
        if bare.endswith("다") and len(bare) > 1:
            pairs.setdefault(bare[:-1], word)
    for form in forms:
        bare = _bare(form)
        if bare:  # the stem of a word (모색 of 모색하다), else a word of its own (산업부)
            word = next((w for w in words if bare in _bare(w)), bare)
            pairs.setdefault(bare, word)
    return tuple(sorted(pairs.items(), key=lambda p: len(p[0]), reverse=True))


def _verb_of(stem: str, word: str, words: Sequence[str]) -> str | None:
    """The verb ``stem`` belongs to: ``word`` when it is a verb, else the verb among
    ``words`` that starts with ``stem``; None for a noun."""
    if _bare(word).endswith(VERB_ENDINGS):
        return word
    return next(
        (w for w in words if _bare(w).endswith(VERB_ENDINGS) and _bare(w).startswith(stem)), None
    )


def korean_form_of(value: str, words: Sequence[str], forms: Sequence[str] = ()) -> str | None:
    """The dictionary form among ``words`` that ``value`` is, with a particle or in
    another ending (협력을 → 협력; 모색했다 → 모색하다), or None (also when ``value`` is
    exactly one of ``words``: nothing to recognise). ``forms``: the stems the lesson
    stores for the word (``ko_forms``)."""
    typed = _bare(value)
    if not typed or not _HANGUL.fullmatch(typed):
        return None
    if any(typed == _bare(w) for w in words):
        return None
    for stem, word in korean_stems(words, forms):
        if not typed.startswith(stem) or len(typed) == len(stem):
            continue
        rest = typed[len(stem) :]
        if _PARTICLE_CHAIN.fullmatch(rest):
            return word
        # an ending only after a verb's stem: 한국과 일본어 is not 한국과 일본 beside an
        # answer 협력하다, but 시행된다 is 시행되다 when the stem 시행 is listed as a word
        verb = _verb_of(stem, word, words)
        if verb is not None and len(rest) <= MAX_ENDING:
            return verb
    return None
