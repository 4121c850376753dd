"""The exercise items of a draft lesson: what a machine can make honestly (cloze items
whose answer is the word in the text, numeric items on the figures of the text, a
vocabulary matching that ``dokhae lesson forms`` completes from the glosses) and the
stubs of the questions that need a teacher's judgement; and the YAML they are written in.

Each item is a plain dict in the exercises format (docs/lesson-format.md), with its
texts in both languages from the interface catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

import yaml

from .. import i18n
from ..lesson import BLANK, STUB_KEY, todo_marker
from ..loading import SENTENCE_ID
from ..validation import form_pattern

if TYPE_CHECKING:
    from .english import Candidate
    from .korean import KoreanCandidate

MAX_CLOZE = 6
MAX_FIGURES = 6
MATCHING_ID = "vocabulary-matching"


# --------------------------------------------------------------------------- helpers


def id_slug(text: str, fallback: str = "term") -> str:
    ascii_text = text.lower().replace("&", " and ")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return out or fallback


def unique_id(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def where(sentence_id: str) -> dict[str, str]:
    """Where a sentence is, in both languages: ``paragraph 2, sentence 1`` / ``2문단 1번째 문장``."""
    if sentence_id == "h1":
        return {lang: i18n.t("authoring.where_headline", lang) for lang in ("en", "ko")}
    if sentence_id == "c1":
        return {lang: i18n.t("authoring.where_caption", lang) for lang in ("en", "ko")}
    m = SENTENCE_ID.match(sentence_id)
    if m is None:
        raise ValueError(f"{sentence_id!r} is not a sentence id (h1, c1 or p<n>s<n>)")
    return {
        lang: i18n.t("authoring.where_sentence", lang, paragraph=m.group(1), sentence=m.group(2))
        for lang in ("en", "ko")
    }


def bilingual(key: str, **fields: object) -> dict[str, str]:
    def filled(lang: str) -> dict[str, object]:
        return {k: (v[lang] if isinstance(v, dict) else v) for k, v in fields.items()}

    return {lang: i18n.t(key, lang, **filled(lang)) for lang in ("en", "ko")}


def on_text(item: dict, language: str) -> dict:
    """``item`` marked as testing the text in ``language`` (``tests: en`` or ``tests: ko``,
    after its ``skill``): an item drafted on a sentence of one text (a cloze, a figure, the
    vocabulary matching of that text's words) is for the learners who read that text."""
    marked: dict = {}
    for key, value in item.items():
        if key != "tests":
            marked[key] = value
        if key == "skill":
            marked["tests"] = language
    return marked


def excerpt(sentence: str, start: int, end: int, words: int = 6) -> str:
    """The words around ``sentence[start:end]`` (``words`` on each side), with "…" where cut."""
    before = sentence[:start].split(" ")
    after = sentence[end:].split(" ")
    head = " ".join(before[-words - 1 :]) if len(before) > words + 1 else sentence[:start]
    tail = " ".join(after[: words + 1]) if len(after) > words + 1 else sentence[end:]
    return (
        ("… " if len(before) > words + 1 else "")
        + head
        + sentence[start:end]
        + tail
        + (" …" if len(after) > words + 1 else "")
    )


# --------------------------------------------------------------------------- exercises


def cloze_items(candidates: Sequence[Candidate], limit: int = MAX_CLOZE) -> list[dict]:
    """Cloze items on glossary candidates: the article sentence with the word as a gap.

    The answer is the form exactly as it stands in the sentence; a candidate is used only
    when that form occurs once in its sentence (a second occurrence would give it away),
    one item per sentence, names and abbreviations left out.
    """

    def gap(c: Candidate) -> tuple[int, int] | None:
        if c.pos in ("proper noun", "abbreviation"):
            return None
        matches = [
            m for form in dict.fromkeys(c.forms) for m in form_pattern(form).finditer(c.sentence)
        ]
        return matches[0].span() if len(matches) == 1 else None

    return _cloze_items(
        candidates, limit, gap, lambda c: id_slug(c.headword), "authoring.cloze_hint"
    )


class _InSentence(Protocol):
    """A glossary candidate (English or Korean): where it was first found."""

    @property
    def sentence_id(self) -> str: ...

    @property
    def sentence(self) -> str: ...


_Candidate = TypeVar("_Candidate", bound=_InSentence)


def _cloze_items(
    candidates: Sequence[_Candidate],
    limit: int,
    gap: Callable[[_Candidate], tuple[int, int] | None],
    slug: Callable[[_Candidate], str],
    hint_key: str,
) -> list[dict]:
    """Up to ``limit`` cloze items, one per sentence, on the candidates that ``gap`` finds
    one gap for (its ``(start, end)`` in the sentence, or None); ``slug`` names the item."""
    items: list[dict] = []
    used_sentences: set[str] = set()
    taken: set[str] = set()
    for c in candidates:
        if len(items) >= limit:
            break
        if c.sentence_id in used_sentences or BLANK in c.sentence:
            continue
        span = gap(c)
        if span is None:
            continue
        items.append(
            _cloze_item(
                unique_id(f"cloze-{slug(c)}", taken), c.sentence_id, c.sentence, *span, hint_key
            )
        )
        used_sentences.add(c.sentence_id)
    return items


def _cloze_item(
    item_id: str, sentence_id: str, sentence: str, start: int, end: int, hint_key: str
) -> dict:
    """A cloze item: ``sentence`` with ``sentence[start:end]`` as the gap and the answer.

    ``hint_key`` is the one-word hint (letters for English, syllables for Korean)."""
    answer = sentence[start:end]
    at = where(sentence_id)
    words = answer.split()
    letters = sum(ch.isalpha() for ch in answer)
    hint = (
        bilingual(hint_key, first=answer[0], length=letters)
        if len(words) == 1
        else bilingual("authoring.cloze_hint_phrase", first=answer[0], words=len(words))
    )
    return {
        "id": item_id,
        "type": "cloze",
        "skill": "vocabulary",
        "sentences": [sentence_id],
        "prompt": bilingual(
            "authoring.cloze_prompt" if len(words) == 1 else "authoring.cloze_prompt_phrase",
            where=at,
        ),
        "text": sentence[:start] + BLANK + sentence[end:],
        "answer": answer,
        "hint": hint,
        "explanation": bilingual(
            "authoring.cloze_explanation",
            where=at,
            answer=answer,
            sentence=excerpt(sentence, start, end),
        ),
    }


def korean_cloze_items(candidates: Sequence[KoreanCandidate], limit: int = MAX_CLOZE) -> list[dict]:
    """Cloze items on the Korean candidates of a Korean article (``KoreanCandidate``): the
    sentence with the word as a gap, the answer the form exactly as it stands in the text
    (``재개`` in ``회담을 재개했다``: the gap is ``회담을 ___했다``).

    A candidate is used when one of its forms occurs once in its sentence, as a whole word
    or before a particle or ending (not inside a longer noun: Kiwi says where the words
    end), one item per sentence; names, Latin-letter words (CBAM) and bare verb stems
    (``늘리`` of 늘리다) are left out.
    """
    from .korean import _analyse

    def gap(c: KoreanCandidate) -> tuple[int, int] | None:
        sentence = c.sentence
        if c.pos == "proper noun":
            return None
        spans = sorted(
            {
                (m.start(), m.end())
                for form in dict.fromkeys(c.forms)
                for m in re.finditer(re.escape(form), sentence)
            }
        )
        spans = [
            a for a in spans if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in spans)
        ]
        if len(spans) != 1:
            return None
        start, end = spans[0]
        answer = sentence[start:end]
        if not re.search(r"[가-힣]", answer) or (
            answer + "다" == c.lemma and c.pos in ("verb", "adjective")
        ):
            return None
        toks = _analyse(sentence)
        if start and sentence[start - 1].isalnum() and not any(t.start == start for t in toks):
            return None
        after = [t for t in toks if t.start == end]
        if (
            end < len(sentence)
            and sentence[end].isalnum()
            and not (after and (after[0].tag[0] in "JES" or after[0].tag in ("XSV", "XSA", "VCP")))
        ):
            return None  # inside a longer word
        return start, end

    return _cloze_items(
        candidates,
        limit,
        gap,
        lambda c: id_slug(c.romanization, "ko"),
        "authoring.cloze_hint_syllables",
    )


_NUMBER = re.compile(r"(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w/]|[.,]\d)")
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _is_day(sentence: str, start: int, end: int) -> bool:
    """Is the number a day of a date (``May 31``, ``Jan. 1``, ``1 January``)?"""
    before = re.search(r"([A-Za-z]+)\.?\s+$", sentence[:start])
    after = re.match(r"\s+([A-Za-z]+)", sentence[end:])
    value = int(sentence[start:end]) if sentence[start:end].isdigit() else 0
    if not 1 <= value <= 31:
        return False
    return any(w and w.group(1)[:3].lower() in _MONTH_NAMES for w in (before, after))


# a number in Korean text: a unit may follow it without a space (50톤, 2026년), not a
# Latin letter (Q1, 3a); 18만 2000 (a number in 만/억/조 units) is left out as a whole
_KO_NUMBER = re.compile(
    r"(?<![\w.,/-])(?<![만억조천]\s)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?![\d/A-Za-z]|[.,]\d)"
)
_KO_NOT_A_FIGURE = re.compile(r"(?:월|일|시|분|차|번째|째|호|위|조|억|만|천)")
"""What makes a number in Korean a date, time, order or code (5월, 31일, 1분기, 2차, 3호) or
part of a number in 만/억/조 units (18만): left out."""


_CLOCK = re.compile(r"(?<![\w.,:/-])([01]?\d|2[0-3]):[0-5]\d(?![\w:/]|[.,]\d)")
"""A clock time (``11:30``): one figure, never two numbers."""
_CURRENCY = ("$", "€", "£", "¥", "₩")
_NOT_A_QUANTITY = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)", re.IGNORECASE)
_QUANTITY_AFTER = re.compile(r"\s*(?:%|[A-Za-z])")


def _figure_rank(sentence: str, start: int, end: int, is_year: bool) -> int:
    """How worth asking a figure is: 0 a quantity (a percentage, an amount of money, a count
    of something: ``38 percent``, ``12 billion won``, ``$5``, ``60 buses``), 1 a year, 2 a
    clock time, 3 any other number."""
    after = sentence[end:]
    if is_year:
        return 1
    if _NOT_A_QUANTITY.match(after):
        return 2
    if sentence[:start].rstrip().endswith(_CURRENCY) or _QUANTITY_AFTER.match(after):
        return 0
    return 3


def _time_item(sid: str, sentence: str, m: re.Match, taken: set[str]) -> dict:
    """A clock time as one short-text item: the gap is the whole time (``___ p.m.``)."""
    at = where(sid)
    raw = m.group(0)
    return {
        "id": unique_id(f"time-{sid.lower()}", taken),
        "type": "short_text",
        "skill": "detail",
        "sentences": [sid],
        "prompt": bilingual(
            "authoring_figures.time_prompt",
            where=at,
            text=sentence[: m.start()] + BLANK + sentence[m.end() :],
        ),
        "accept": [raw],
        "explanation": bilingual(
            "authoring_figures.time_explanation",
            where=at,
            answer=raw,
            sentence=excerpt(sentence, m.start(), m.end()),
        ),
    }


def figure_items(
    sentences: Sequence[tuple[str, str]], limit: int = MAX_FIGURES, language: str = "en"
) -> list[dict]:
    """Numeric items on the figures of the text: the sentence with the number as a gap.

    Years (1900-2100) are ``timeline`` items, other figures ``detail`` items. Ordinals
    (20th), days of dates, codes (Q1, 2023/956), a number that occurs twice in its
    sentence and a number already asked are left out; the answer is the number as written
    (commas dropped). A clock time (``11:30 p.m.``) is one figure, asked as a whole in a
    short-text item, never cut in two. When the text has more figures than ``limit``,
    quantities (percentages, money, counts of things) go first, then years, clock times
    and other numbers (issue 24); the items keep the order of the text.
    ``language="ko"``: the sentences are Korean (``2026년`` is a year; ``5월``, ``31일``,
    ``1분기``, ``제9조`` and ``18만`` are left out).
    """
    found: list[tuple[int, int, dict]] = []  # (rank, position, item)
    taken: set[str] = set()
    asked: set[str] = set()
    korean = language == "ko"
    for n, (sid, sentence) in enumerate(sentences):
        if BLANK in sentence:
            continue
        clocks = [] if korean else list(_CLOCK.finditer(sentence))
        for m in clocks:
            if m.group(0) not in asked:
                asked.add(m.group(0))
                found.append((2, n * 100_000 + m.start(), _time_item(sid, sentence, m, taken)))
        numbers = [
            m
            for m in (_KO_NUMBER if korean else _NUMBER).finditer(sentence)
            if not any(c.start() <= m.start() < c.end() for c in clocks)
        ]
        values = [m.group(0) for m in numbers]
        for m in numbers:
            raw = m.group(0)
            if values.count(raw) > 1 or raw in asked:
                continue
            if korean and _KO_NOT_A_FIGURE.match(sentence, m.end()):
                continue
            if not korean and _is_day(sentence, m.start(), m.end()):
                continue
            number = float(raw.replace(",", ""))
            if korean:
                is_year = re.fullmatch(r"(19|20)\d\d", raw) is not None and (
                    sentence.startswith("년", m.end())
                    or not re.match(r"\s*[가-힣%]", sentence[m.end() :])
                )
            else:
                is_year = re.fullmatch(r"(19|20)\d\d", raw) is not None and not re.match(
                    r"\s*(%|percent|per cent|tonnes?|tons?|t\b|people|won|euros?|dollars?)",
                    sentence[m.end() :],
                )
            asked.add(raw)
            text = sentence[: m.start()] + BLANK + sentence[m.end() :]
            at = where(sid)
            answer: float | int = int(number) if number.is_integer() else number
            rank = 1 if is_year and not korean else 0 if korean else None
            found.append(
                (
                    _figure_rank(sentence, m.start(), m.end(), is_year) if rank is None else rank,
                    n * 100_000 + m.start(),
                    {
                        "id": unique_id(f"{'year' if is_year else 'figure'}-{sid.lower()}", taken),
                        "type": "numeric",
                        "skill": "timeline" if is_year else "detail",
                        "sentences": [sid],
                        "prompt": bilingual(
                            "authoring.year_prompt" if is_year else "authoring.figure_prompt",
                            where=at,
                            text=text,
                        ),
                        "answer": answer,
                        "tolerance": {"absolute": 0},
                        "explanation": bilingual(
                            "authoring.figure_explanation",
                            where=at,
                            answer=raw,
                            sentence=excerpt(sentence, m.start(), m.end()),
                        ),
                    },
                )
            )
    chosen = sorted(found, key=lambda f: (f[0], f[1]))[:limit]
    return [item for _, _, item in sorted(chosen, key=lambda f: f[1])]


def _in_order(sentence_ids: Sequence[str], order: Sequence[str] | None) -> list[str]:
    ids = list(dict.fromkeys(sentence_ids))
    if order:
        position = {sid: n for n, sid in enumerate(order)}
        ids.sort(key=lambda sid: position.get(sid, len(position)))
    return ids


def matching_stub(
    slug: str, sentence_ids: Sequence[str], order: Sequence[str] | None = None, language: str = "en"
) -> dict:
    """The vocabulary matching, waiting for the glosses (``dokhae lesson forms`` fills it).

    ``language`` is the article's: ``"en"`` pairs English words with their Korean glosses
    (``ko``), ``"ko"`` (a Korean article) Korean words with their English headwords.
    """
    ids = _in_order(sentence_ids, order) or ["h1"]
    todo = (
        f"fill in the Korean glosses (ko) of glossary/{slug}.csv"
        if language == "en"
        else f"fill in the English headwords (headword) of the Korean terms in glossary/{slug}.csv"
    )
    suffix = "" if language == "en" else "_ko"
    return {
        "id": MATCHING_ID,
        STUB_KEY: (
            f"{todo}, then run `dokhae lesson forms {slug}`: it writes the pairs of this "
            "question from the glossary and deletes this line"
        ),
        "type": "matching",
        "skill": "vocabulary",
        "tests": language,  # the words of that text (English words, or Korean terms)
        "sentences": ids,
        "prompt": bilingual(f"authoring.matching_prompt{suffix}"),
        "explanation": bilingual(
            f"authoring.matching_explanation{suffix}",
            where={lang: "; ".join(where(s)[lang] for s in ids) for lang in ("en", "ko")},
        ),
        "pairs": [],
    }


def _matching_pairs(
    entries: Sequence[dict],
    max_pairs: int,
    korean_terms: bool,
) -> tuple[list[dict], list[str]]:
    pairs, lefts, rights, ids = [], set(), set(), []
    for row in entries:
        ko = [k.strip() for k in (row.get("ko") or "").split(";") if k.strip()]
        headword = (row.get("headword") or "").strip()
        if (
            not ko
            or not headword
            or ((row.get("audience") or "both").strip() == "ko") != korean_terms
        ):
            continue
        if todo_marker(headword) or todo_marker(ko[0]):
            continue
        left, right = (ko[0], headword) if korean_terms else (headword, ko[0])
        if left.lower() in lefts or right.lower() in rights:
            continue
        lefts.add(left.lower())
        rights.add(right.lower())
        pairs.append({"left": left, "right": right})
        ids.append((row.get("sentence_id") or "").strip() or "h1")
        if len(pairs) >= max_pairs:
            break
    return pairs, ids


def matching_item(
    entries: Sequence[dict],
    max_pairs: int = 6,
    order: Sequence[str] | None = None,
    language: str | None = None,
) -> dict | None:
    """The vocabulary matching from the glossary rows that have both sides.

    ``language="en"``: headword ↔ main Korean equivalent, from the rows for Korean students
    (audience ``en`` or ``both``); ``"ko"`` (a lesson drafted from a Korean article): Korean
    word ↔ English headword, from the Korean terms for English speakers (audience ``ko``);
    None: the one that gives more pairs (``"en"`` on a tie). None when fewer than two
    usable rows (distinct on both sides).
    """
    english = _matching_pairs(entries, max_pairs, korean_terms=False)
    korean = _matching_pairs(entries, max_pairs, korean_terms=True)
    if language is None:
        language = "ko" if len(korean[0]) > len(english[0]) else "en"
    pairs, ids = korean if language == "ko" else english
    if len(pairs) < 2:
        return None
    item = matching_stub("", ids, order, language=language)
    del item[STUB_KEY]
    item["pairs"] = pairs
    return item


def judgement_stubs(sentence_ids: Sequence[str]) -> list[dict]:
    """Questions only the teacher can write, as stubs with their skeleton."""
    first = [s for s in sentence_ids if s != "h1"][:1] or ["h1"]
    empty = {"en": "", "ko": ""}
    choices = [{"id": c, "en": "", "ko": ""} for c in "abcd"]
    return [
        {
            "id": "main-idea",
            STUB_KEY: (
                "write a question on the main idea: the prompt (en, ko), four choices a-d (en, ko), "
                "the answer, and an explanation (en, ko) naming the sentences it rests on; then "
                "delete this line"
            ),
            "type": "multiple_choice",
            "skill": "main_idea",
            "sentences": ["h1", *first],
            "prompt": dict(empty),
            "choices": [dict(c) for c in choices],
            "answer": "a",
            "explanation": dict(empty),
        },
        {
            "id": "detail-true-false",
            STUB_KEY: (
                "write a statement about a detail of the article as the prompt (en, ko), set the "
                "answer (true, false or not_given), the sentences it rests on and an explanation "
                "(en, ko); then delete this line"
            ),
            "type": "true_false_not_given",
            "skill": "detail",
            "sentences": list(first),
            "prompt": dict(empty),
            "answer": "true",
            "explanation": dict(empty),
        },
        {
            "id": "inference",
            STUB_KEY: (
                "write a question whose answer the article implies but does not state: the prompt "
                "(en, ko), four choices a-d (en, ko), the answer, the sentences it rests on and an "
                "explanation (en, ko); then delete this line"
            ),
            "type": "multiple_choice",
            "skill": "inference",
            "sentences": list(first),
            "prompt": dict(empty),
            "choices": [dict(c) for c in choices],
            "answer": "a",
            "explanation": dict(empty),
        },
    ]


class _Dumper(yaml.SafeDumper):
    """Lists of plain values in flow style (``sentences: [p1s1, p2s1]``), the rest in blocks."""


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = bool(data) and all(isinstance(x, (str, int, float)) and len(str(x)) < 40 for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump_questions(items: Sequence[dict], indent: int = 2) -> str:
    """YAML of question items as entries of the ``questions:`` list (one line per value)."""
    text = yaml.dump(
        list(items),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))
