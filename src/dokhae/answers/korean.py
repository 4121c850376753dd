"""A Korean word typed with its particle or in another ending (협력을, 모색했다).

A learner of Korean types what the text has, not the dictionary form: 협력을 for 협력,
모색했다 for 모색하다, 직면해 for ~에 직면하여. :func:`korean_form_of` recognises such an
answer from the stems the lesson stores (the glossary's ``ko_forms``, found when the
lesson is built: 협력, 모색, 직면) and the dictionary forms themselves, with a short
list of particles for nouns and any short ending for verbs. No analyser runs when a
student answers.

The rule: the answer (spaces and the placeholder ``~`` ignored) is a stem followed by

- particles as Korean chains them (을, 에서는, 들이, 과의, 만을), or a copula ending
  (이다, 입니다, 였다), for any word: no particle twice (협력을을), at most one case
  particle (협력이가, 협력을를), 들 first and the copula last;
- when the word is a verb or adjective (a dictionary form ending in 다), any ending of
  one to five syllables (했다, 한, 하기로, 해, 된다, 았다).

So 협력하는중 is not 협력 (하는중 is neither), and 협력을 is never 협조.

One rule for every typed Korean answer: questions (practice and graded assignments),
typed recall and word tests. The glossary's dictionary forms and stems reach it as
:class:`KoreanWords` (:func:`glossary_korean_words`), passed in by the caller: nothing
here loads a lesson. The message names what was recognised (:func:`korean_answer`): a
particle after the answer (``answer_forms.korean_answer``: "the answer is 협력"), or a
verb in another ending (``answer_forms.korean_form``: "the dictionary form is 모색하다").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .normalize import normalize_text

__all__ = [
    "KOREAN_ANSWER",
    "KOREAN_FORM",
    "NO_KOREAN_WORDS",
    "PARTICLES",
    "KoreanForm",
    "KoreanWords",
    "glossary_korean_words",
    "korean_answer",
    "korean_form_of",
    "korean_stems",
]

KOREAN_ANSWER = "answer_forms.korean_answer"
"""The ``message_key`` of a Korean answer typed with a particle (협력을, 한국과 일본이):
right, and the answer named (field ``word``)."""

KOREAN_FORM = "answer_forms.korean_form"
"""The ``message_key`` of a verb typed in another ending (모색했다), or in its dictionary
form where the key has its stem (부과하다 for 부과): right, and the dictionary form named
(field ``word``)."""

_CASE = (
    "이", "가", "을", "를", "에", "에서", "에게", "께", "한테", "와", "과", "하고", "랑",
    "이랑", "로", "으로", "보다", "처럼",
)  # fmt: skip
"""Case particles: at most one in a chain (협력을를, 협력이가 are no Korean)."""
_AUXILIARY = (
    "의", "은", "는", "도", "만", "까지", "부터", "마다", "이나", "나", "이며", "며",
    "이라는", "라는", "이란", "란",
)  # fmt: skip
"""The genitive and the auxiliary particles: after a case particle or alone (과의,
에서는, 만을)."""
_COPULA = (
    "이다", "다", "입니다", "이었다", "였다", "이고", "고", "이에요", "예요", "이야", "야",
)  # fmt: skip
"""The copula's common endings: last in a chain (협력이다, 협력입니다)."""
_PAIRS = (("은", "는"), ("이라는", "라는"), ("이란", "란"), ("이나", "나"), ("이며", "며"))
"""Two spellings of one particle (after a consonant or a vowel): never both in a chain."""

PARTICLES = ("들", *_CASE, *_AUXILIARY, *_COPULA)
"""Particles (and the copula's common endings) that may follow a noun, alone or chained
(들+이, 에서+는, 과+의)."""

_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
VERB_ENDINGS = ("다", "하여")
"""How a verb or adjective ends in the glossary: the dictionary form (모색하다), or the
connective the article uses (~에 직면하여)."""
MAX_ENDING = 5
"""The longest verb ending accepted, in syllables (하기로 했다 → 했다: 2; 하였습니다: 5)."""


class KoreanWords(NamedTuple):
    """What the glossary knows of the Korean words an answer may be: their dictionary
    forms (``words``: 부과하다 beside an answer 부과) and the stems found in the text
    when the lesson was built (``forms``: the entries' ``ko_forms``)."""

    words: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()


NO_KOREAN_WORDS = KoreanWords()
"""Nothing known of the glossary: the particle and verb-ending rule on the answers alone."""


class KoreanForm(NamedTuple):
    """A Korean answer recognised as ``word``: with particles after it (``ending``
    False), or a verb in another ending (``ending`` True: ``word`` is the dictionary form)."""

    word: str
    ending: bool

    @property
    def message_key(self) -> str:
        return KOREAN_FORM if self.ending else KOREAN_ANSWER


def _bare(text: str) -> str:
    """``text`` as compared here: normalised, no spaces, no placeholder ``~``."""
    return normalize_text(text).replace(" ", "").replace("~", "").replace("∼", "")


def _is_particle_chain(rest: str, used: tuple[str, ...] = ()) -> bool:
    """Whether ``rest`` is particles as Korean chains them (see the module docstring)."""
    if not rest:
        return bool(used)
    if used and used[-1] in _COPULA:
        return False  # the copula ends a chain
    for particle in PARTICLES:
        if not rest.startswith(particle) or particle in used:
            continue
        if particle == "들" and used:
            continue
        if particle in _CASE and any(u in _CASE for u in used):
            continue
        if any(particle in pair and any(u in pair for u in used) for pair in _PAIRS):
            continue
        if _is_particle_chain(rest[len(particle) :], (*used, particle)):
            return True
    return False


def glossary_korean_words(targets: Iterable[str], glossary: Iterable[Any]) -> KoreanWords:
    """The dictionary forms and stems of the glossary entries (anything with ``ko`` and
    ``ko_forms``) whose stems begin one of the Korean ``targets``: for an answer 부과,
    the entry 부과하다 (stem 부과), so that 부과하도록 and 부과하다 are the word."""
    words: list[str] = []
    forms: list[str] = []
    for target in map(_bare, targets):
        for entry in glossary:
            for form in entry.ko_forms:
                stem = _bare(form)
                if stem and target.startswith(stem):
                    forms.append(form)
                    words += [w for w in entry.ko if _bare(w).startswith(stem)]
    return KoreanWords(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(forms)))


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


def _korean_form(value: str, words: Sequence[str], forms: Sequence[str]) -> KoreanForm | None:
    typed = _bare(value)
    if not typed or not _HANGUL.fullmatch(typed):
        return None
    if any(typed == _bare(w) for w in words):
        return None
    for stem, word in korean_stems(words, forms):
        if not typed.startswith(stem) or len(typed) == len(stem):
            continue
        rest = typed[len(stem) :]
        if _is_particle_chain(rest):  # named as the word typed: 부과를 is 부과, not 부과하다
            noun = next((w for w in words if _bare(w) == stem), word)
            return KoreanForm(noun, ending=False)
        # an ending only after a verb's stem: 한국과 일본어 is not 한국과 일본 beside an
        # answer 협력하다, but 시행된다 is 시행되다 when the stem 시행 is listed as a word
        verb = _verb_of(stem, word, words)
        if verb is not None and len(rest) <= MAX_ENDING:
            return KoreanForm(verb, ending=True)
    return None


def korean_form_of(value: str, words: Sequence[str], forms: Sequence[str] = ()) -> str | None:
    """The dictionary form among ``words`` that ``value`` is, with a particle or in
    another ending (협력을 → 협력; 모색했다 → 모색하다), or None (also when ``value`` is
    exactly one of ``words``: nothing to recognise). ``forms``: the stems the lesson
    stores for the word (``ko_forms``)."""
    found = _korean_form(value, words, forms)
    return None if found is None else found.word


def korean_answer(
    value: str, targets: Sequence[str], known: KoreanWords | None = None
) -> KoreanForm | None:
    """The Korean accepted answer among ``targets`` that ``value`` is with particles
    (협력을), or the verb it is in another ending (모색했다 → 모색하다), or the glossary's
    dictionary form of an answer typed as such (부과하다 where the key has 부과); None
    when it is none of them, or exactly one of ``targets``. ``known``: the glossary's
    words and stems for the answers (:func:`glossary_korean_words`)."""
    known = known or NO_KOREAN_WORDS
    typed = _bare(value)
    if any(typed == _bare(t) for t in targets):
        return None
    exact = next((w for w in known.words if _bare(w) == typed), None)
    if exact is not None:
        return KoreanForm(exact, ending=True)
    words = list(dict.fromkeys([*known.words, *targets]))  # dictionary forms first: they name it
    return _korean_form(value, words, known.forms)
