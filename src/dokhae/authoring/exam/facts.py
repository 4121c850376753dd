"""내용 일치·불일치: five statements from the passage's sentences, one with a fact changed.

A fact is a number (``2018`` -> ``2016``, ``20th`` -> ``21st``, ``97.5`` -> ``95.5``), a
month or weekday (``November`` -> ``October``), or a number word (``five`` -> ``six``). The
other four statements are their sentences as written. The printed wording is the
article's: a teacher rewrites the statements (the 수능 prints them in Korean) while
keeping the fact. A Korean statement is drafted from the lesson's Korean sentence when
the changed fact appears there in digits, or as a month (``11월``).
"""

from __future__ import annotations

import random
import re

from ...exam.items import FactItem, FactStatement, Proof
from ...templates import MONTH_NAMES
from .structure import MAX_WORDS, Refused, proven
from .text import ArticleText, passage_words

MONTHS = list(MONTH_NAMES)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_NUMBER = re.compile(r"^(\d[\d,]*)(\.\d+)?(st|nd|rd|th)?$")
_TOKEN = re.compile(r"[^\s]+")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_MONTH_ABBREVIATIONS = {m[:3] + "." for m in MONTHS} | {"Sept."}


def changed_fact(token: str, rng: random.Random, before: str = "") -> tuple[str, str, str] | None:
    """(the fact in ``token``, its changed value, the kind: number/date) or None.

    ``before``: the token before it (a day after a month name stays a day: 1-28)."""
    core = token.strip(".,;:!?\"'()“”‘’")
    if core in MONTHS:
        i = MONTHS.index(core)
        return core, MONTHS[(i + rng.choice((-1, 1))) % 12], "date"
    if core in DAYS:
        i = DAYS.index(core)
        return core, DAYS[(i + rng.choice((-1, 1))) % 7], "date"
    if core.lower() in NUMBER_WORDS:
        i = NUMBER_WORDS.index(core.lower())
        new = NUMBER_WORDS[i + 1] if i + 1 < len(NUMBER_WORDS) else NUMBER_WORDS[i - 1]
        return core, new if core.islower() else new.capitalize(), "number"
    m = _NUMBER.match(core)
    if not m:
        return None
    whole, fraction, suffix = m.group(1), m.group(2) or "", m.group(3)
    n = int(whole.replace(",", ""))
    if 1900 <= n <= 2100 and not fraction and not suffix and "," not in whole:
        return core, str(n + rng.choice((-2, -1, 1, 2))), "date"
    if before.strip(",") in MONTHS or before in _MONTH_ABBREVIATIONS:
        day = n + rng.choice((-3, -2, 2, 3))
        return core, str(day if 1 <= day <= 28 else n + 3 if n < 4 else n - 3), "date"
    if suffix:
        return core, _ordinal(n + 1), "number"
    if fraction:
        digits = fraction[1:]
        last = int(digits[-1])
        new_last = (last + rng.choice((2, 3))) % 10 or 1
        return core, f"{whole}.{digits[:-1]}{new_last}", "number"
    step = max(1, round(n * rng.choice((0.2, 0.5))))
    changed = n + step
    return core, f"{changed:,}" if "," in whole else str(changed), "number"


def _facts_in(text: str, rng: random.Random) -> list[tuple[re.Match, tuple[str, str, str]]]:
    tokens = list(_TOKEN.finditer(text))
    return [
        (m, f)
        for i, m in enumerate(tokens)
        if (f := changed_fact(m.group(0), rng, tokens[i - 1].group(0) if i else ""))
    ]


def _korean(text: str | None, original: str, changed: str, kind: str) -> str | None:
    if not text:
        return None
    if original in MONTHS and f"{MONTHS.index(original) + 1}월" in text:
        return text.replace(f"{MONTHS.index(original) + 1}월", f"{MONTHS.index(changed) + 1}월", 1)
    digits = re.sub(r"(st|nd|rd|th)$", "", original)
    new_digits = re.sub(r"(st|nd|rd|th)$", "", changed)
    if digits[:1].isdigit() and text.count(digits) == 1:
        return text.replace(digits, new_digits)
    return None


def fact_item(article: ArticleText, rng: random.Random, item_id: str = "facts") -> FactItem:
    """A 내용 불일치 item: five sentences of the passage as statements, one fact changed."""
    options = []
    for window in article.windows(5, 12):
        if passage_words(article, window) > MAX_WORDS + 60:
            continue
        with_facts = [s for s in window if _facts_in(article.en[s], random.Random(0))]
        if with_facts:
            options.append((min(len(window), 8) + rng.random(), window, with_facts))
    if not options:
        raise Refused("no sentence of the article has a number, date or month to change")
    _, window, with_facts = max(options, key=lambda o: o[0])
    target = rng.choice(with_facts)
    text = article.en[target]
    facts = [(m, f) for m, f in _facts_in(text, rng) if f[1] not in text]
    if not facts:
        raise Refused(f"every changed value of {target} already stands in the sentence")
    m, (original, changed, kind) = rng.choice(facts)
    new_text = text[: m.start()] + m.group(0).replace(original, changed, 1) + text[m.end() :]
    others = [s for s in window if s != target]
    rng.shuffle(others)
    chosen = sorted([target, *others[:4]], key=window.index)
    statements = tuple(
        FactStatement(
            sentence=s,
            en=new_text if s == target else article.en[s],
            ko=_korean(article.ko.get(s), original, changed, kind)
            if s == target
            else article.ko.get(s),
        )
        for s in chosen
    )
    item = FactItem(
        id=item_id,
        kind="facts",
        passage=window,
        statements=statements,
        key=chosen.index(target) + 1,
        proof=Proof(
            rule=f"facts.{kind}",
            sources=(target,),
            original=original,
            changed=changed,
            note="the four other statements are their sentences as written; reword all five "
            "(in Korean for the 수능 format) keeping the facts",
        ),
    )
    return proven(item, article)
