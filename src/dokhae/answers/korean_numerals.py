"""Numbers written in Korean words, as a learner or a Korean student types them.

:func:`read_korean_numeral` reads a whole answer such as ``다섯``, ``다섯 개``, ``스무
번째``, ``이십``, ``만 이천`` or ``첫째`` (the number and the counter after it);
:func:`~dokhae.answers.numbers.parse_number` asks it when the answer has no digits.
Digits with Korean scale words (``1만 2천``, ``1,200만``, ``20차``, ``5개 품목``) are read
by :mod:`dokhae.answers.numbers` itself; the ordinal prefix 제 (``제20차``) is dropped
there with :data:`ORDINAL_PREFIX`. No library on PyPI reads native numerals, counters
and ordinals together (the few there read Sino-Korean numerals only), so the readings
are the tables below.

===================  ==============================================  ==================
kind                 written                                         read
===================  ==============================================  ==================
Sino-Korean          일 이 삼 … 구, 십 백 천, 만 억 조 (이십오, 만 이천)  25, 12000
native, alone        하나 둘 셋 넷 다섯 … 아홉, 열, 스물 … 아흔         1 … 99
native, before a     한 두 세 네 (석 넉), 스무, 열한, 스물두 + counter   1, 2, 3, 4, 20, …
counter
ordinal              첫째, 둘째, 다섯째, 스무째; 첫 번째, 스무 번째       1, 2, 5, 20
after the number     a counter (:data:`COUNTERS`: 개, 명, 가지, 번째,
                     차, 년, 개월, …), then anything (다섯 개 품목)
===================  ==============================================  ==================

False friends are not read. A whole answer is read, or a number followed by a counter,
never a word that only starts like a number:

- a Sino-Korean digit of one syllable (일 … 구) is read only as the whole answer:
  ``이 같은`` ("this kind of"), ``이 개`` ("this dog"), ``이 차`` ("this car"), ``일 년``
  is not read (write 1년 or 한 해);
- the forms used before a counter (한, 두, 세, 네, 스무) are not numbers on their own:
  ``한`` (Korea), ``세`` (age, tax), ``네`` (yes), ``한국과 일본``;
- 첫 ("first") is read only in 첫째 and 첫 번째.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "COUNTERS",
    "NATIVE_ALONE",
    "NATIVE_BEFORE_COUNTER",
    "NATIVE_TENS",
    "ORDINAL_PREFIX",
    "SINO_DIGITS",
    "read_korean_numeral",
]

SINO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
"""The Sino-Korean digits (一 二 三 …)."""
_SINO_SMALL = {"십": 10, "백": 100, "천": 1000}
_SINO_BIG = {"만": 10**4, "억": 10**8, "조": 10**12}

NATIVE_TENS = {
    "열": 10, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50,
    "예순": 60, "일흔": 70, "여든": 80, "아흔": 90,
}  # fmt: skip
"""The native tens (열 … 아흔), also before a counter (열 개, 서른 명); 스물 becomes 스무
there (:data:`NATIVE_BEFORE_COUNTER`)."""

NATIVE_ALONE = {
    "하나": 1, "둘": 2, "셋": 3, "넷": 4, "다섯": 5,
    "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9,
}  # fmt: skip
"""The native units as said alone (하나, 둘 …); 다섯 … 아홉 also before a counter."""

NATIVE_BEFORE_COUNTER = {
    "한": 1, "두": 2, "세": 3, "석": 3, "서": 3, "네": 4, "넉": 4, "너": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9,
}  # fmt: skip
"""The native units before a counter (한 개, 두 번째, 세 명, 석 달, 넉 달)."""

_TWENTY_BEFORE_COUNTER = "스무"  # 스무 개, 스무 번째, 스무째 (not 스물 개)
_FIRST = "첫"  # 첫째, 첫 번째

ORDINALS = ("번째", "째")
"""The ordinal endings: 두 번째 / 둘째 (second), 스무 번째 / 스무째 (twentieth)."""

NATIVE_COUNTERS = (
    *ORDINALS,
    "개", "명", "가지", "번", "차례", "살", "해", "달", "주", "시간", "시", "마리", "곳",
    "권", "장", "배", "개국", "종류", "품목",
)  # fmt: skip
"""The counters a native number takes (다섯 개, 스무 번째, 석 달, 한 해). Not the
Sino-Korean ones (일 "day", 차, 년, 층): 한일 is Korea–Japan, 열차 a train, 한층 "even
more", not numbers."""

COUNTERS = (
    *NATIVE_COUNTERS,
    "일", "년", "주년", "개월", "차", "회", "호", "등", "위", "층", "초", "분", "원",
    "달러", "유로", "엔", "톤", "퍼센트", "프로", "%", "세", "건", "종", "항목",
)  # fmt: skip
"""The counters (and units) a Sino-Korean number of two syllables or more takes (이십
년, 십오 일, 백 명, 제이십차). A number in words followed by anything else is not read."""

_COPULA = ("입니다", "이에요", "예요", "이요", "이다", "요", "다")
"""What may close an answer after a number (다섯입니다, 스무 번째예요)."""

ORDINAL_PREFIX = re.compile(r"^제\s*(?=[0-9일이삼사오육칠팔구십백천만])")
"""The Sino-Korean ordinal prefix 제 before a number (제20차 = the 20th; 제일 = first)."""

_NUMERAL_START = re.compile(
    "[일이삼사오육칠팔구십백천만억조하둘셋넷다여일아열스서마쉰예한두세석넉너네첫]"
)


def _sino(text: str) -> int | None:
    """The value of a Sino-Korean numeral in words (이십오, 만이천, 천), or None."""
    total = section = 0
    digit: int | None = None
    last_small = last_big = 10**13
    for char in text:
        if char in SINO_DIGITS:
            if digit is not None:  # 이오: two digits in a row are no number
                return None
            digit = SINO_DIGITS[char]
        elif char in _SINO_SMALL:
            factor = _SINO_SMALL[char]
            if factor >= last_small:
                return None
            section += (1 if digit is None else digit) * factor
            digit, last_small = None, factor
        elif char in _SINO_BIG:
            factor = _SINO_BIG[char]
            if factor >= last_big:
                return None
            total += (section + (digit or 0) or 1) * factor
            section, digit, last_big, last_small = 0, None, factor, 10**13
        else:
            return None
    return total + section + (digit or 0) if text else None


def _native(text: str, before_counter: bool) -> int | None:
    """The value of a native numeral (다섯, 스물다섯; before a counter 한, 스무, 열두), or
    None. ``before_counter``: a counter follows (so 한/두/세/네/스무 are numbers)."""
    if before_counter and text == _TWENTY_BEFORE_COUNTER:
        return 20
    units = NATIVE_BEFORE_COUNTER if before_counter else NATIVE_ALONE
    for tens_word, tens in (("", 0), *NATIVE_TENS.items()):
        if not text.startswith(tens_word):
            continue
        rest = text[len(tens_word) :]
        if not rest:
            return tens or None
        if rest in units:
            return tens + units[rest]
        if before_counter and rest in NATIVE_ALONE:  # a learner's 하나 개, 둘 개: still 1, 2
            return tens + NATIVE_ALONE[rest]
    return None


def _counter(rest: str, counters: tuple[str, ...]) -> str | None:
    """The counter at the start of ``rest`` (the longest of ``counters``), or None."""
    return next((c for c in counters if rest.startswith(c)), None)


def _strip_copula(text: str) -> str:
    for ending in _COPULA:
        if text.endswith(ending) and len(text) > len(ending):
            return text[: -len(ending)]
    return text


def _alone(text: str) -> int | None:
    """The value of ``text`` as a whole answer (이, 다섯, 이십오, 만이천, 열이다)."""
    value = _native(text, before_counter=False)
    if value is None:
        value = _sino(text)
    if value is not None:
        return value
    bare = _strip_copula(text)  # 다섯입니다; but 이다, 오다, 사다 are verbs, not numbers
    if bare == text or bare in SINO_DIGITS:
        return None
    value = _native(bare, before_counter=False)
    return _sino(bare) if value is None else value


def _before_counter(numeral: str, counter: str, sino_counters: tuple[str, ...]) -> int | None:
    """The value of ``numeral`` followed by ``counter``, or None (see the false friends)."""
    if numeral == _FIRST:
        return 1 if counter in ORDINALS else None
    if counter in NATIVE_COUNTERS:
        value = _native(numeral, before_counter=True)
        if value is not None:
            return value
    if numeral in SINO_DIGITS or counter not in sino_counters:  # 이 개 is "this dog"
        return None
    return _sino(numeral)


def read_korean_numeral(text: str, units: Iterable[str] = ()) -> tuple[int, str] | None:
    """The number in ``text`` written in Korean words, and what follows it (the counter
    and anything after it, spaces removed: the unit as typed), or None when ``text`` is
    not a number in words (see the module's table and false friends).

    ``units``: more words that may follow a Sino-Korean number, besides
    :data:`COUNTERS` (the units of :mod:`dokhae.answers.numbers`: 톤, 유로, 인증서 …).

    >>> read_korean_numeral("다섯 개")
    (5, '개')
    >>> read_korean_numeral("이 같은") is None
    True
    """
    s = unicodedata.normalize("NFKC", text).strip().rstrip(".")
    s = ORDINAL_PREFIX.sub("", s)
    compact = "".join(s.split())
    if not compact or not _NUMERAL_START.match(compact) or any(c.isdigit() for c in compact):
        return None
    whole = _alone(compact)
    if whole is not None:
        return whole, ""
    sino_counters = tuple(sorted({*COUNTERS, *units}, key=len, reverse=True))
    for end in range(len(compact) - 1, 0, -1):  # the longest number a counter follows
        numeral, rest = compact[:end], compact[end:]
        counter = _counter(rest, sino_counters)
        if counter is None:
            continue
        value = _before_counter(numeral, counter, sino_counters)
        if value is not None:
            return value, _strip_copula(rest)
    return None
