"""Numbers and units as students type them.

``1,234.5``, ``₩517,459,153``, ``5억 1745만 9153원``, ``1.2 million``, ``48.5%``, ``1/3``;
Korean ordinals and counters (``제20차``, ``20번째``, ``5개 품목``) and numbers in Korean
words (``다섯 개``, ``스무 번째``, ``이십``: :mod:`dokhae.answers.korean_numerals`);
units in English and Korean (``t`` = ``tonnes`` = ``톤``), tolerances, and the way a
number is shown back to a student. An answer that is not a number raises
:class:`AnswerFormatError`, which carries the catalog key of the message for the student.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from ..words import STRAIGHTEN as _STRAIGHTEN
from .korean_numerals import ORDINAL_PREFIX, read_korean_numeral
from .normalize import normalize_text

__all__ = [
    "AnswerFormatError",
    "UnitMismatchError",
    "format_number",
    "parse_number",
    "units_match",
    "within_tolerance",
]


class AnswerFormatError(ValueError):
    """An answer that cannot be read (for example "abc" where a number is asked for).

    ``message_key`` and ``fields`` give the bilingual message for the student
    (``dokhae.i18n.t(err.message_key, **err.fields)``); ``str(err)`` is English.
    """

    def __init__(
        self, message: str, message_key: str = "answer.number_format", **fields: object
    ) -> None:
        super().__init__(message)
        self.message_key = message_key
        self.fields = fields


class UnitMismatchError(AnswerFormatError):
    """A number given in another unit than the one asked for (€ where ₩ is asked)."""

    def __init__(self, given: str, expected: str) -> None:
        super().__init__(
            f"the answer is asked in {expected!r} but the unit given is {given!r}",
            "answer.unit_mismatch",
            given=given,
            expected=expected,
        )
        self.given = given
        self.expected = expected


_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_KOREAN_SMALL = {"십": 10.0, "백": 100.0, "천": 1000.0}
_KOREAN_BIG = {"만": 1e4, "억": 1e8, "조": 1e12}
_HEDGES = re.compile(
    r"^(?:about|approx\.?|approximately|around|roughly|ca\.?|약|대략|=|≈|~|:)\s*", re.IGNORECASE
)
_TOKEN = re.compile(
    r"\s*(?:(?P<number>(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<korean>[십백천만억조])"
    r"|(?P<scale>thousand|million|billion|trillion)\b)",
    re.IGNORECASE,
)
_FRACTION = re.compile(r"\s*/\s*(\d+(?:\.\d+)?)")


def _format_error(text: str) -> AnswerFormatError:
    return AnswerFormatError(
        f"{text!r} is not a number; write it like 1,234.5 (a point for decimals, "
        "commas between thousands) with an optional unit",
    )


def _to_float(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # a numpy array, 10**400, Decimal("sNaN")
        raise AnswerFormatError(f"{value!r} is not a number") from None
    if not math.isfinite(number):
        raise AnswerFormatError(f"{value!r} is not a finite number")
    return number


def _parse_body(s: str, original: str) -> tuple[float, str]:
    """Read the number at the start of ``s`` (with 만/억/조 or million/billion);
    return it and the rest of the text."""
    total = section = 0.0
    pending: float | None = None
    last_big = math.inf
    last_small = math.inf
    pos = 0
    seen = False
    while True:
        m = _TOKEN.match(s, pos)
        if not m:
            break
        if m.group("number") is not None:
            if pending is not None:
                raise _format_error(original)  # two numbers in a row: "1 000", "5 6"
            pending = float(m.group("number").replace(",", ""))
            seen = True
        elif m.group("korean") is not None and m.group("korean") in _KOREAN_SMALL:
            factor = _KOREAN_SMALL[m.group("korean")]
            if factor >= last_small or (pending is None and not seen):
                raise _format_error(original)
            section += (1.0 if pending is None else pending) * factor
            pending, last_small = None, factor
        else:
            word = (m.group("korean") or m.group("scale")).lower()
            factor = _KOREAN_BIG.get(word) or _SCALE_WORDS[word]
            if factor >= last_big or not seen:
                raise _format_error(original)
            group = section + (pending or 0.0)
            total += (group or 1.0) * factor
            section, pending, last_big, last_small = 0.0, None, factor, math.inf
        pos = m.end()
    if not seen:
        raise _format_error(original)
    value = total + section + (pending or 0.0)
    rest = s[pos:]
    fraction = _FRACTION.match(rest)
    if fraction and total == section == 0.0:
        denominator = float(fraction.group(1))
        if denominator == 0:
            raise _format_error(original)
        value /= denominator
        rest = rest[fraction.end() :]
    return value, rest.strip()


def _split_number(text: str) -> tuple[float, str]:
    """(value, unit text) from a typed answer; raises AnswerFormatError."""
    s = unicodedata.normalize("NFKC", text).translate(_STRAIGHTEN).strip()
    s = re.sub(r"(?<=\d)_(?=\d)", "", s)  # Python style 1_000
    s = ORDINAL_PREFIX.sub("", _HEDGES.sub("", s))  # 제20차: the 20th
    first = re.search(r"[+-]?\s*\.?\d", s)
    if first is None:  # a number in Korean words (다섯 개, 스무 번째), or none
        read = read_korean_numeral(s, _KOREAN_UNITS)
        if read is None:
            raise _format_error(text)
        return float(read[0]), read[1]
    prefix = s[: first.start()].strip()
    body = s[first.start() :]
    sign = 1.0
    if body[0] in "+-":
        sign = -1.0 if body[0] == "-" else 1.0
        body = body[1:].lstrip()
    if prefix.endswith(("-", "+")):  # "-€5" is read as "€-5"
        if sign == -1.0 and prefix.endswith("-"):
            raise _format_error(text)
        sign = -1.0 if prefix.endswith("-") else sign
        prefix = prefix[:-1].strip()
    if prefix.startswith(("-", "+")):
        sign = -1.0 if prefix[0] == "-" else 1.0
        prefix = prefix[1:].strip()
    value, suffix = _parse_body(body, text)
    if suffix[:1] in {",", "."} or suffix[:1].isdigit() or re.match(r"[+\-/]\s*\d", suffix):
        raise _format_error(text)  # "1,00", "1.2.3", "5-6", "3/"
    if prefix and not _unit_parts(prefix)[0] & _CURRENCIES:
        raise _format_error(text)  # only a currency goes before the number: "€5", "KRW 1,000"
    if prefix and suffix:
        if _unit_key(prefix) != _unit_key(suffix):
            raise _format_error(text)
        unit = suffix
    else:
        unit = prefix or suffix
    return sign * value, unit


def parse_number(text: object, unit: str = "") -> float | None:
    """The number in a typed answer; ``None`` when it is empty.

    Reads ``"1,000"``, ``"1000.0"``, ``"１０００"`` (full width), ``"-12.5"`` / ``"−12.5"``,
    ``"₩517,459,153"``, ``"517,459,153원"``, ``"5억 1745만 9153원"``, ``"1.2 million"``,
    ``"4,981.25 certificates"``, ``"48.5%"``, ``"11,660 tCO2e"``, ``"€ 375,387"``,
    ``"about 5,000 t"``, ``"1/3"``, ``"1.5e3"``, ``"제20차"``, ``"다섯 개"``, ``"스무 번째"``,
    ``"만 이천"`` (see :func:`~dokhae.answers.korean_numerals.read_korean_numeral`); also
    Python numbers.

    A text that is not a number raises :class:`AnswerFormatError`. When ``unit`` is
    given and the answer names another unit, :class:`UnitMismatchError` is raised
    (a missing unit is fine; with ``unit=""`` any unit is ignored). Units are compared
    by :func:`units_match`.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise AnswerFormatError(f"{text!r} is not a number")
    if isinstance(text, (int, float, Decimal, Fraction)):
        return _to_float(text)
    if not isinstance(text, str):
        if hasattr(text, "__float__"):  # numpy numbers
            return _to_float(text)
        raise AnswerFormatError(f"{text!r} is not a number")
    if normalize_text(text) == "":
        return None
    value, given = _split_number(text)
    if unit and given and not units_match(given, unit):
        raise UnitMismatchError(given=given, expected=unit)
    return value


_UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "t": ("t", "tonne", "tonnes", "ton", "tons", "톤", "metricton", "metrictons"),
    "tco2e": (
        "tco2e",
        "tco2",
        "tco2eq",
        "tco2-eq",
        "tco2-e",
        "tonco2e",
        "tonneco2e",
        "tonnesco2e",
        "tonnesco2",
        "tonsco2e",
        "tonsco2",
        "톤co2e",
        "톤co2",
    ),
    "kg": ("kg", "kilogram", "kilograms", "킬로그램"),
    "eur": ("€", "eur", "euro", "euros", "유로"),
    "krw": ("₩", "krw", "won", "원", "원화"),
    "jpy": ("¥", "jpy", "yen", "엔", "円"),
    "usd": ("$", "usd", "us$", "dollar", "dollars", "달러"),
    "%": ("%", "percent", "percentage", "pct", "퍼센트", "프로", "%p", "퍼센트포인트"),
    "certificate": ("certificate", "certificates", "cert", "certs", "인증서", "개", "장"),
    "month": ("month", "months", "mo", "개월", "달"),
    "year": ("year", "years", "yr", "yrs", "년", "해"),
    "report": ("report", "reports", "보고서", "건", "회", "번", "개"),
    "day": ("day", "days", "일"),
}
_CURRENCIES = frozenset({"eur", "krw", "jpy", "usd"})
_KOREAN_UNITS = tuple(
    a for aliases in _UNIT_ALIASES.values() for a in aliases if "가" <= a[0] <= "힣"
)
"""The Korean units, which may follow a number in words too (이십 톤, 백 유로)."""
_UNIT_INDEX: dict[str, set[str]] = {}
for _canonical, _aliases in _UNIT_ALIASES.items():
    for _alias in _aliases:
        _UNIT_INDEX.setdefault(_alias, set()).add(_canonical)
# Tonnes of CO2 are often written just "t": "t" is accepted where tCO2e is asked.
_ALSO_ACCEPTED = {"tco2e": {"t"}}


def _unit_part(part: str) -> set[str]:
    key = part.strip().rstrip(".").replace(" ", "")
    if key in _UNIT_INDEX:
        return _UNIT_INDEX[key]
    if key.endswith("s") and key[:-1] in _UNIT_INDEX:
        return _UNIT_INDEX[key[:-1]]
    return {key[:-1] if key.endswith("s") and len(key) > 2 else key}


def _unit_parts(unit: str) -> list[set[str]]:
    s = normalize_text(unit)
    s = re.sub(r"\s+per\s+", "/", s)
    return [_unit_part(p) for p in s.split("/")]


def _unit_key(unit: str) -> str:
    return "/".join(min(p) for p in _unit_parts(unit))


def units_match(given: str, expected: str) -> bool:
    """True when the unit a student wrote is the unit asked for: spellings in English and
    Korean (``t`` = ``tonnes`` = ``톤``; ``₩`` = ``KRW`` = ``원``; ``€`` = ``EUR`` = ``유로``;
    ``tCO2e`` = ``tCO2``, and plain ``t`` is accepted for it), plurals, and "per" or "/"
    (``€/tCO2e`` = ``EUR per tonne CO2e``). Units unknown to the table must be spelt the
    same (case and spaces aside)."""
    g, e = _unit_parts(given), _unit_parts(expected)
    if len(g) != len(e):
        return False
    for gp, ep in zip(g, e, strict=True):
        accepted = set(ep)
        for canonical in ep:
            accepted |= _ALSO_ACCEPTED.get(canonical, set())
        if not gp & accepted:
            return False
    return True


def within_tolerance(value: float, expected: float, tolerance: object = None) -> bool:
    """True when ``value`` is within the absolute or the relative tolerance of
    ``expected`` (a :class:`~dokhae.lesson.Tolerance`, anything with ``absolute`` /
    ``relative``, a mapping, a plain number meaning absolute, or None for "exact").
    A value exactly on the bound is right."""
    absolute, relative = _tolerance(tolerance)
    bound = max(absolute, relative * abs(expected))
    diff = abs(value - expected)
    return diff <= bound or math.isclose(
        diff, bound, rel_tol=1e-9, abs_tol=1e-12 * max(1.0, abs(expected))
    )


def _tolerance(tolerance: object) -> tuple[float, float]:
    if tolerance is None:
        return 0.0, 0.0
    if isinstance(tolerance, (int, float)) and not isinstance(tolerance, bool):
        return float(tolerance), 0.0
    if isinstance(tolerance, Mapping):
        return float(tolerance.get("absolute", 0.0)), float(tolerance.get("relative", 0.0))
    if hasattr(tolerance, "absolute") or hasattr(tolerance, "relative"):
        return (
            float(getattr(tolerance, "absolute", 0.0) or 0.0),
            float(getattr(tolerance, "relative", 0.0) or 0.0),
        )
    raise TypeError(f"tolerance must be a Tolerance, a number or None, not {tolerance!r}")


_PREFIX_UNITS = {"€", "₩", "$", "¥"}
_TIGHT_UNITS = {"%", "원", "%p"}


def format_number(value: float, unit: str = "") -> str:
    """A number as shown to a student: ``4,981.25 certificates``, ``₩517,459,153``,
    ``48.5%``, ``€375,387``."""
    number = f"{value:,.12g}"
    if not unit:
        return number
    if unit in _PREFIX_UNITS:
        return f"-{unit}{number[1:]}" if number.startswith("-") else f"{unit}{number}"
    if unit in _TIGHT_UNITS:
        return f"{number}{unit}"
    return f"{number} {unit}"
