"""Revised Romanization (RR) of Korean: a word, and a whole sentence for the learner of Korean.

koroman (MIT, pure Python, pinned in constraints.txt) writes RR with its sound changes inside a
word (협력 → hyeomnyeok, 목요일 → mongnyoil). This module adds what it lacks:

* official names, which RR must not respell, and the few words whose standard pronunciation
  koroman's rules miss: ``data/romanization_overrides.csv`` (포스코 → POSCO, 도쿄 → Tokyo;
  목요일 [모교일] → mogyoil, where koroman inserts a ㄴ);
* a final ㄺ/ㄼ/ㄵ before ㅎ as said (밝혔다 [발켣따] → balkyeotda, not bakhyeotda);
* in a sentence (:func:`romanize_sentence`), the glossary's teacher-reviewed spelling of a word
  where it differs from koroman's (:func:`glossary_spellings`): a noun keeps the ㅎ after
  ㄱ/ㄷ/ㅂ (협회도 → hyeophoedo, where koroman aspirates as in a verb ending: hyeopoe), which
  only the lesson-building analyser can tell;
* text that is not Hangul passes through as written (EU, CBAM, 2018, punctuation); koroman
  would lower-case it.

RR romanizes word by word: no sound change crosses a space (한국과 일본 → hangukgwa ilbon).

This is the one module of the student side that loads koroman (``[tool.importlinter]``); the
lesson-building side (:func:`dokhae.authoring.korean.romanize`) builds on :func:`romanize_word`
and adds the analyser's view of nouns.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import koroman

from .lesson import GlossaryEntry

__all__ = [
    "comparable",
    "glossary_spellings",
    "h_places",
    "romanization_overrides",
    "romanize_sentence",
    "romanize_word",
]

_OVERRIDES_FILE = "romanization_overrides.csv"
_JONG_GDB = frozenset({1, 7, 17})  # final ㄱ, ㄷ, ㅂ
_CHO_H = 18  # initial ㅎ
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


@lru_cache(maxsize=1)
def romanization_overrides() -> dict[str, str]:
    """``data/romanization_overrides.csv``: official spellings that romanization must not
    change (포스코 → POSCO, 도쿄 → Tokyo) and words koroman's rules mispronounce (목요일
    → mogyoil), each with its source, keyed by the NFC Korean word."""
    source = resources.files("dokhae") / "data" / _OVERRIDES_FILE
    # typeshed's Traversable.open omits `newline`, which every implementation passes on
    with source.open(encoding="utf-8", newline="") as handle:  # type: ignore[call-overload]
        rows = [row for row in csv.DictReader(handle) if (row.get("korean") or "").strip()]
    return {_nfc(row["korean"].strip()): row["romanization"].strip() for row in rows}


def h_places(word: str) -> list[int]:
    """Where a final ㄱ/ㄷ/ㅂ meets an initial ㅎ (협회 → [1]): RR writes it one way in a
    noun (hyeophoe), another in a verb ending (모색하다 → mosaekada)."""
    return [
        i + 1
        for i in range(len(word) - 1)
        if _hangul(word[i])
        and _hangul(word[i + 1])
        and (ord(word[i]) - 0xAC00) % 28 in _JONG_GDB
        and (ord(word[i + 1]) - 0xAC00) // 588 == _CHO_H
    ]


_CLUSTER_H = {9: (8, 15), 11: (8, 17), 5: (4, 14)}
"""A final ㄺ/ㄼ/ㄵ before an initial ㅎ: (final left, initial it becomes). 밝히다 is said
[발키다] (balkida), 넓히다 [널피다], 앉히다 [안치다]; koroman reads the cluster as ㄱ + ㅎ."""


def _said_clusters(word: str) -> str:
    """``word`` with each ㄺ/ㄼ/ㄵ + ㅎ written as pronounced (밝히다 → 발키다)."""
    chars = list(word)
    for i in range(len(chars) - 1):
        a, b = chars[i], chars[i + 1]
        if not (_hangul(a) and _hangul(b)):
            continue
        jong = (ord(a) - 0xAC00) % 28
        if jong in _CLUSTER_H and (ord(b) - 0xAC00) // 588 == _CHO_H:
            left, initial = _CLUSTER_H[jong]
            chars[i] = chr(ord(a) - jong + left)
            chars[i + 1] = chr(0xAC00 + initial * 588 + (ord(b) - 0xAC00) % 588)
    return "".join(chars)


def romanize_word(word: str, breaks: Iterable[int] = ()) -> str:
    """RR of one word (no spaces), lower case, with its sound changes; an official name
    keeps its spelling (포스코 → POSCO). ``breaks``: the places (from :func:`h_places`)
    where a noun ends before ㅎ, romanized apart so the ㅎ is written (협회, [1] →
    hyeophoe); elsewhere ㄱ/ㄷ/ㅂ + ㅎ is aspirated as in a verb ending (mosaekada)."""
    word = _nfc(word)
    overrides = romanization_overrides()
    if word in overrides:
        return overrides[word]
    word = _said_clusters(word)
    pieces, last = [], 0
    for p in sorted(breaks):
        pieces.append(word[last:p])
        last = p
    pieces.append(word[last:])
    return "".join(koroman.romanize(piece, use_custom_dictionary=False) for piece in pieces)


def _letters(romanization: str) -> str:
    return re.sub(r"[\s'’-]", "", romanization)


def comparable(romanization: str) -> str:
    """``romanization`` as compared: no spaces, hyphens or apostrophes, case folded
    (Hyeop-hoe = hyeophoe)."""
    return _letters(romanization).casefold()


def glossary_spellings(glossary: Iterable[GlossaryEntry]) -> dict[str, str]:
    """The glossary's romanizations that :func:`romanize_sentence` must follow: each
    entry's main Korean word (one word; not a grammar pattern) whose reviewed
    ``romanization`` has other letters than :func:`romanize_word` gives it (협회 →
    hyeophoe), or capitals (a proper name: 부산 → Busan), keyed by the NFC word. Hyphens,
    spaces and apostrophes do not count (hyeop-hoe is hyeophoe)."""
    spellings: dict[str, str] = {}
    for entry in glossary:
        word = _nfc(entry.korean).strip().strip("~…〜").strip()
        spelling = entry.romanization.strip()
        if entry.pos == "grammar" or not word or " " in word or not spelling:
            continue
        if not _HANGUL_RUN.fullmatch(word):
            continue
        if _letters(spelling) != _letters(romanize_word(word)):
            spellings.setdefault(word, spelling)
    return spellings


class _Piece(NamedTuple):
    text: str
    kind: str  # "ko" (romanized Hangul) or "kept" (as written: not Hangul, an official name)


def _breaks_for(word: str, spelling: str) -> tuple[int, ...] | None:
    """The noun breaks that make :func:`romanize_word` give ``spelling`` (협회, hyeophoe →
    (1,)); None when no choice does (a name, or a teacher's own spelling)."""
    places = h_places(word)
    for n in range(1, len(places) + 1):
        for chosen in itertools.combinations(places, n):
            if _letters(romanize_word(word, chosen)) == _letters(spelling):
                return chosen
    return None


def _romanize_run(run: str, spellings: Mapping[str, str]) -> list[_Piece]:
    """A run of Hangul syllables (part of one word) as pieces: where a word of
    ``spellings`` (or an official name) stands in it, its spelling, either as noun breaks
    (so the particle after it still joins by the sound rules) or written as given."""
    table = {**romanization_overrides(), **spellings}
    taken: list[tuple[int, int, str]] = []  # (start, end, spelling), not overlapping
    for word in sorted(table, key=len, reverse=True):
        start = run.find(word)
        while start != -1:
            end = start + len(word)
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, table[word]))
            start = run.find(word, end)
    taken.sort()
    pieces: list[_Piece] = []
    breaks: list[int] = []
    plain_start = 0  # where the Hangul romanized by koroman began

    def flush(end: int) -> None:
        if end > plain_start:
            part = run[plain_start:end]
            inside = [b - plain_start for b in breaks if plain_start < b < end]
            pieces.append(_Piece(romanize_word(part, inside), "ko"))

    for start, end, spelling in taken:
        chosen = _breaks_for(run[start:end], spelling)
        if chosen is not None:
            breaks.extend(start + p for p in chosen)
            continue
        flush(start)
        named = spelling != spelling.lower() or " " in spelling
        pieces.append(_Piece(spelling, "kept" if named else "ko"))
        plain_start = end
    flush(len(run))
    return pieces


def romanize_sentence(text: str, spellings: Mapping[str, str] | None = None) -> str:
    """The RR of a Korean sentence (NFC first), word by word, for the learner of Korean.

    Each word's sound changes are koroman's (협력을 → hyeomnyeogeul), none across a
    space; official names keep their spelling (도쿄에서 → Tokyo-eseo) and so do the words of
    ``spellings`` (the glossary's, from :func:`glossary_spellings`: 협회도 → hyeophoedo).
    What is not Hangul stays as written (EU, 2018, “ ” ( ) , .); a hyphen joins Korean to
    a number, Latin letters or a name in the same word (2018-nyeon, CBAM-eun), so each
    reads apart."""
    text = _nfc(text)
    spellings = {_nfc(k): v for k, v in (spellings or {}).items()}
    pieces: list[_Piece] = []
    position = 0
    for m in _HANGUL_RUN.finditer(text):
        if m.start() > position:
            pieces.append(_Piece(text[position : m.start()], "kept"))
        pieces.extend(_romanize_run(m.group(), spellings))
        position = m.end()
    if position < len(text):
        pieces.append(_Piece(text[position:], "kept"))
    out: list[str] = []
    for previous, piece in zip([None, *pieces], pieces):
        if (
            previous is not None
            and "kept" in (previous.kind, piece.kind)
            and previous.kind != piece.kind
            and previous.text[-1:].isalnum()
            and piece.text[:1].isalnum()
        ):
            out.append("-")
        out.append(piece.text)
    return "".join(out)
