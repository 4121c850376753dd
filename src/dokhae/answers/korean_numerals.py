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

- a Sino-Korean digit of one syllable (일 … 구) takes a counter only typed apart and
  only a Sino-Korean one (:data:`SINO_DIGIT_COUNTERS`: 오 년, 삼 개월, 일 등): 사회
  (society), 오차 (an error), 오일 (oil) are words; and 이 only before 개월, 주년 and
  퍼센트 (:data:`THIS_COUNTERS`): ``이 같은`` ("this kind of"), ``이 개`` ("this dog"),
  ``이 차`` ("this car"), ``이 층`` are not 2;
- the forms used before a counter (한, 두, 세, 네, 스무) are not numbers on their own:
  ``한`` (Korea), ``세`` (age, tax), ``네`` (yes), ``한국과 일본``; a native number takes
  only a native counter (:data:`NATIVE_COUNTERS`): 한일 (Korea–Japan), 열차 (a train);
- 첫 ("first") is read only in 첫째 and 첫 번째.

A learner's known slips are read and named (:func:`counter_form_slip`): the form said
alone before a counter (하나 개 for 한 개, 스물 개 for 스무 개, 둘 번째 for 두 번째), and a
Sino-Korean digit before a counter that takes native numbers (오 개 for 다섯 개, 삼 명
for 세 명; :data:`NATIVE_ONLY_COUNTERS`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

__all__ = [
    "COUNTERS",
    "NATIVE_ALONE",
    "NATIVE_BEFORE_COUNTER",
    "NATIVE_COUNTERS",
    "NATIVE_ONLY_COUNTERS",
    "NATIVE_TENS",
    "ORDINAL_PREFIX",
    "SINO_DIGITS",
    "SINO_DIGIT_COUNTERS",
    "THIS_COUNTERS",
    "CounterSlip",
    "counter_form_slip",
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

SINO_DIGIT_COUNTERS = (
    "년", "개월", "주년", "월", "일", "주", "분", "초", "원", "층", "차", "회", "호", "등",
    "위", "세", "배", "퍼센트", "프로", "%", "달러", "유로", "엔", "톤",
)  # fmt: skip
"""The counters a one-syllable Sino-Korean digit takes, typed apart from it (오 년, 삼
개월, 일 등): 사회 (society), 오차 (an error), 오일 (oil), 사위 (a son-in-law) written
solid are words, not numbers."""

NATIVE_ONLY_COUNTERS = (
    *ORDINALS, "개", "명", "가지", "살", "마리", "시간", "시", "곳", "차례", "달", "해",
)  # fmt: skip
"""The counters that take only native numbers (다섯 개, 세 명, 두 시간): 오 개 and 삼 명
are a learner's known slip, read and named (:func:`counter_form_slip`)."""

THIS_COUNTERS = ("개월", "주년", "퍼센트", "프로", "%")
"""The only counters after 이 read as 2 (이 개월): before any other (이 년, 이 층, 이 차,
이 분) 이 is as likely the demonstrative "this"."""

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


def _before_counter(
    numeral: str, counter: str, sino_counters: tuple[str, ...], apart: bool
) -> int | None:
    """The value of ``numeral`` followed by ``counter``, or None (see the false friends).
    ``apart``: a space was typed between them (오 년, not 오년 or 사회)."""
    if numeral == _FIRST:
        return 1 if counter in ORDINALS else None
    if counter in NATIVE_COUNTERS:
        value = _native(numeral, before_counter=True)
        if value is not None:
            return value
    if numeral in SINO_DIGITS:  # 오 년 and 삼 개월, apart; not 이 개 ("this dog"), 사회
        allowed = (
            THIS_COUNTERS if numeral == "이" else (*SINO_DIGIT_COUNTERS, *NATIVE_ONLY_COUNTERS)
        )
        return SINO_DIGITS[numeral] if apart and counter in allowed else None
    return _sino(numeral) if counter in sino_counters else None


class CounterSlip(NamedTuple):
    """A learner's known slip in a number before a counter, read but named: ``kind``
    ``"alone_form"`` (하나 개: the form said alone; ``form`` 한) or ``"sino_digit"`` (오 개:
    a Sino-Korean digit where the counter takes native numbers; ``form`` 다섯)."""

    kind: str
    typed: str
    form: str
    counter: str


_BEFORE_COUNTER_OF = {
    1: "한",
    2: "두",
    3: "세",
    4: "네",
    5: "다섯",
    6: "여섯",
    7: "일곱",
    8: "여덟",
    9: "아홉",
}


def _slip(numeral: str, counter: str) -> CounterSlip | None:
    """The known slip in ``numeral`` before ``counter`` (see :class:`CounterSlip`)."""
    if counter in NATIVE_ONLY_COUNTERS and numeral in SINO_DIGITS:
        form = _BEFORE_COUNTER_OF[SINO_DIGITS[numeral]]
        return CounterSlip("sino_digit", numeral, form, counter)
    if counter not in NATIVE_COUNTERS or counter == "째":  # 둘째, 셋째 are right
        return None
    if numeral == "스물":
        return CounterSlip("alone_form", numeral, _TWENTY_BEFORE_COUNTER, counter)
    for alone, before in (("하나", "한"), ("둘", "두"), ("셋", "세"), ("넷", "네")):
        if numeral.endswith(alone) and _native(numeral, before_counter=False) is not None:
            return CounterSlip("alone_form", numeral, numeral[: -len(alone)] + before, counter)
    return None


def _read(text: str, units: Iterable[str]) -> tuple[int, str, CounterSlip | None] | None:
    s = unicodedata.normalize("NFKC", text).strip().rstrip(".")
    s = ORDINAL_PREFIX.sub("", s)
    compact = "".join(s.split())
    if not compact or not _NUMERAL_START.match(compact) or any(c.isdigit() for c in compact):
        return None
    whole = _alone(compact)
    if whole is not None:
        return whole, "", None
    sino_counters = tuple(sorted({*COUNTERS, *units}, key=len, reverse=True))
    for end in range(len(compact) - 1, 0, -1):  # the longest number a counter follows
        numeral, rest = compact[:end], compact[end:]
        counter = _counter(rest, sino_counters)
        if counter is None:
            continue
        apart = re.match(re.escape(numeral) + r"\s", s) is not None
        value = _before_counter(numeral, counter, sino_counters, apart)
        if value is not None:
            return value, _strip_copula(rest), _slip(numeral, counter)
    return None


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
    read = _read(text, units)
    return None if read is None else read[:2]


def counter_form_slip(text: object) -> CounterSlip | None:
    """The learner's known slip in a number in Korean words before a counter, read but
    worth naming: the form said alone (하나 개 → 한 개, 둘 번째 → 두 번째, 스물 개 → 스무
    개) or a Sino-Korean digit where the counter takes native numbers (오 개 → 다섯 개,
    삼 명 → 세 명); None otherwise (also for anything not a number in words)."""
    if not isinstance(text, str):
        return None
    read = _read(text, ())
    return None if read is None else read[2]
