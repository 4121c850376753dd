"""Answers typed with the wrong keyboard: the Korean 2-set (두벌식) layout and QWERTY.

A student who types "resume" with the Korean keyboard on gets ``ㄱㄷ녀ㅡㄷ``; one who
types 재개 with it off gets ``woro``. Each key of the 2-set layout carries one jamo, so
both mistakes can be undone: :func:`hangul_to_keys` gives the keys pressed for a Hangul
text (ㄱㄷ녀ㅡㄷ -> resume), :func:`keys_to_hangul` composes the Hangul that keys make
with the Korean keyboard on, as the input method does (wor -> 잭; worogkek ->
재개하다). :func:`keyboard_slip` tells whether an answer was typed with the wrong
keyboard: the checkers then say "check the 한/영 key" and do not count it as wrong.

Pure Python (the layout is a table of 33 keys; syllables are composed by Unicode
arithmetic): no input-method library is loaded on the student's install.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from typing import NamedTuple

from .korean import korean_answer
from .normalize import _answer_key
from .spelling import near_miss

__all__ = ["KeyboardSlip", "hangul_to_keys", "keyboard_slip", "keys_to_hangul"]

# The 2-set layout: each QWERTY key and the jamo it types (Shift gives the tense
# consonants and ㅒ ㅖ; other shifted keys type the same jamo as unshifted).
_KEYS = {
    "q": "ㅂ",
    "w": "ㅈ",
    "e": "ㄷ",
    "r": "ㄱ",
    "t": "ㅅ",
    "y": "ㅛ",
    "u": "ㅕ",
    "i": "ㅑ",
    "o": "ㅐ",
    "p": "ㅔ",
    "a": "ㅁ",
    "s": "ㄴ",
    "d": "ㅇ",
    "f": "ㄹ",
    "g": "ㅎ",
    "h": "ㅗ",
    "j": "ㅓ",
    "k": "ㅏ",
    "l": "ㅣ",
    "z": "ㅋ",
    "x": "ㅌ",
    "c": "ㅊ",
    "v": "ㅍ",
    "b": "ㅠ",
    "n": "ㅜ",
    "m": "ㅡ",
    "Q": "ㅃ",
    "W": "ㅉ",
    "E": "ㄸ",
    "R": "ㄲ",
    "T": "ㅆ",
    "O": "ㅒ",
    "P": "ㅖ",
}
_JAMO_KEYS = {jamo: key for key, jamo in _KEYS.items()}
# Jamo typed with two keys: compound vowels and final consonant clusters.
_PAIRS = {
    "ㅘ": "ㅗㅏ",
    "ㅙ": "ㅗㅐ",
    "ㅚ": "ㅗㅣ",
    "ㅝ": "ㅜㅓ",
    "ㅞ": "ㅜㅔ",
    "ㅟ": "ㅜㅣ",
    "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ",
    "ㄵ": "ㄴㅈ",
    "ㄶ": "ㄴㅎ",
    "ㄺ": "ㄹㄱ",
    "ㄻ": "ㄹㅁ",
    "ㄼ": "ㄹㅂ",
    "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ",
    "ㄿ": "ㄹㅍ",
    "ㅀ": "ㄹㅎ",
    "ㅄ": "ㅂㅅ",
}
_JOIN = {parts: jamo for jamo, parts in _PAIRS.items()}

# Unicode order of the jamo in precomposed syllables (U+AC00 + (L*21 + V)*28 + T).
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # index 0: none
_SYLLABLE_BASE = 0xAC00
_SYLLABLE_LAST = 0xD7A3

_HANGUL = re.compile(r"[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")
_LATIN = re.compile(r"[a-zA-Z]")
_LONE_JAMO = re.compile(r"[\u1100-\u11ff\u3131-\u318e]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _jamo_of(char: str) -> str:
    """The compatibility jamo of one character, as typed (compounds split)."""
    code = ord(char)
    if _SYLLABLE_BASE <= code <= _SYLLABLE_LAST:
        index = code - _SYLLABLE_BASE
        initial, rest = divmod(index, 21 * 28)
        vowel, final = divmod(rest, 28)
        jamo = _INITIALS[initial] + _VOWELS[vowel] + _FINALS[final].strip()
    else:
        jamo = char
    return "".join(_PAIRS.get(j, j) for j in jamo)


def hangul_to_keys(text: str) -> str:
    """The QWERTY keys pressed to type ``text`` with the Korean 2-set keyboard on:
    ``hangul_to_keys("ㄱㄷ녀ㅡㄷ") == "resume"``, ``hangul_to_keys("재개") == "woro"``.
    Characters that are not Hangul stay as they are."""
    return "".join(_JAMO_KEYS.get(j, j) for char in text for j in _jamo_of(char))


def _syllable(initial: str, vowel: str, final: str = "") -> str:
    return chr(
        _SYLLABLE_BASE
        + (_INITIALS.index(initial) * 21 + _VOWELS.index(vowel)) * 28
        + _FINALS.index(final or " ")
    )


def keys_to_hangul(keys: str) -> str:
    """The Hangul that ``keys`` type with the Korean 2-set keyboard on, composed as the
    input method does: ``keys_to_hangul("worogkek") == "재개하다"``,
    ``keys_to_hangul("rkqt") == "값"``, ``keys_to_hangul("dkssud") == "안녕"``.
    Keys that type no jamo (digits, spaces, punctuation) stay as they are; upper-case
    letters other than the shifted ones (Q W E R T O P) type as lower-case."""
    out: list[str] = []
    initial = vowel = final = ""  # the syllable being composed

    def flush() -> None:
        nonlocal initial, vowel, final
        if initial and vowel:
            out.append(_syllable(initial, vowel, final))
        else:
            out.append(initial + vowel + final)
        initial = vowel = final = ""

    for key in keys:
        jamo = _KEYS.get(key) or _KEYS.get(key.lower())
        if jamo is None:
            flush()
            out.append(key)
        elif jamo in _VOWELS:
            if vowel and not final and _JOIN.get(vowel + jamo) and initial:
                vowel = _JOIN[vowel + jamo]  # ㅗ + ㅏ -> ㅘ
            elif initial and not vowel:
                vowel = jamo
            elif final:
                # the last consonant moves on to start the next syllable: 각 + ㅏ -> 가가
                parts = _PAIRS.get(final, final)
                keep, moving = parts[:-1], parts[-1]
                final = _JOIN.get(keep, keep)
                flush()
                initial, vowel = moving, jamo
            else:
                flush()
                vowel = jamo  # a vowel alone
                flush()
        else:  # a consonant
            if not initial or (initial and not vowel):
                if initial:
                    flush()
                initial = jamo
            elif not final and jamo in _FINALS:
                final = jamo
            elif final and (_JOIN.get(final + jamo) or "?") in _FINALS:
                final = _JOIN[final + jamo]  # ㄹ + ㄱ -> ㄺ
            else:
                flush()
                initial = jamo
    flush()
    return "".join(out)


class KeyboardSlip(NamedTuple):
    """An answer typed with the wrong keyboard on.

    ``korean_on``: True when the Korean keyboard was on (Hangul where English was
    wanted), False when it was off (English letters where Korean was wanted). ``meant``:
    the same keys in the other layout (what the student probably meant to type)."""

    korean_on: bool
    meant: str


def _is_abbreviation(text: str) -> bool:
    """Two capitals or more and no lower case: CBAM, EU."""
    return text.isupper() and sum(c.isupper() for c in text) > 1


def _plausible_hangul(
    text: str, meant: str, targets: Sequence[str], english: Collection[str]
) -> bool:
    """Whether ``meant`` (the Hangul the Latin ``text`` types with the Korean keyboard on)
    is plausibly what the student meant: close to one of ``targets`` (the same, a
    spelling slip away, or the answer with a particle or an ending), or at least whole
    syllables, not typed in capitals, that are not an English word of the question
    (``english``). CBAM (an abbreviation, 츄므) and cbam (a word of the question) are
    answers in English, not slips."""
    key = _answer_key(meant, drop_spaces=True)
    for target in targets:
        wanted = _answer_key(target, drop_spaces=True)
        if key == wanted or near_miss(key, wanted):
            return True
    if korean_answer(meant, targets) is not None:
        return True
    if _LONE_JAMO.search(meant) or _is_abbreviation(text):
        return False  # jamo left alone, or an abbreviation in capitals (CBAM)
    return not any(word.casefold() in english for word in _LATIN_WORD.findall(text))


def keyboard_slip(
    value: object, targets: Sequence[str], english_words: Collection[str] = ()
) -> KeyboardSlip | None:
    """Was ``value`` typed with the wrong keyboard, given the accepted answers ``targets``?

    Yes when it has Hangul and the accepted answers are written in Latin letters with no
    Hangul (the Korean keyboard was on for an English answer), and it has jamo left
    alone or its keys spell an answer (정례, a Korean word typed on purpose, is no slip),
    or when it has Latin letters and no Hangul while every
    accepted answer is written in Hangul (it was off for a Korean answer). Answers that
    mix both scripts in ``targets`` (``한국과 일본`` and ``Korea and Japan``) make no
    slip: either script is a real answer there. Latin letters count as a slip only when
    the Hangul they make is plausibly what was meant (:func:`_plausible_hangul`;
    ``english_words``: the English words of the question, casefolded): CBAM for
    탄소국경조정제도 is the English abbreviation, not 츄므.
    """
    # NFC only: NFKC would turn the jamo the input method leaves (ㄱ) into other code points
    text = unicodedata.normalize("NFC", " ".join(str(value).split())) if value is not None else ""
    if not text or not targets:
        return None
    hangul_targets = [bool(_HANGUL.search(t)) for t in targets]
    latin_targets = any(_LATIN.search(t) for t in targets)
    if _HANGUL.search(text) and latin_targets and not any(hangul_targets):
        keys = hangul_to_keys(text)
        # A word typed in Korean on purpose (정례 for "regular", by a learner of Korean)
        # is no slip: a slip leaves jamo the input method could not make into syllables
        # (ㄱㄷ녀ㅡㄷ), or its keys spell one of the answers.
        meant = keys.casefold().replace(" ", "")
        if _LONE_JAMO.search(text) or any(meant == t.casefold().replace(" ", "") for t in targets):
            return KeyboardSlip(True, keys)
        return None
    if _LATIN.search(text) and not _HANGUL.search(text) and all(hangul_targets):
        latin = unicodedata.normalize("NFKC", text)
        meant = keys_to_hangul(latin)
        if _plausible_hangul(latin, meant, targets, english_words):
            return KeyboardSlip(False, meant)
    return None
