"""A teacher's Korean translation, aligned with the English sentences of a new lesson.

``align_korean(paragraphs, korean_text)`` gives each English sentence id its Korean
sentence and says, in plain words, where the two texts do not match, so the teacher
knows what to fix in the draft's article.ko.md. Nothing here needs Kiwi.

How:

1. **Korean sentences** (:func:`split_korean`). Paragraphs are the blocks between blank
   lines, or the lines when no line is blank (the same rule as the English side,
   :func:`dokhae.authoring.segment.split_paragraphs`). A sentence ends at ``.``, ``?``
   or ``!`` (and any closing quotes or brackets after it) followed by a space, except
   after a Latin initial or abbreviation (``S.``, ``U.S.``, ``Mr.``); ``2.5`` never
   splits (no space after the point), nor does a quotation the sentence goes on after
   (``다.”고``, ``"좋다." 라고``). A short bracketed tail such as ``(연합뉴스)`` stays with
   the sentence before it.
2. **Paragraphs.** When both texts have as many paragraphs, they are paired in order.
   Otherwise they are matched as sentences are (below, whole paragraphs as units, a
   paragraph pair whose sentence counts differ costing more), once with the length ratio
   of the whole texts and again with the ratio of the paragraphs then paired, since a
   paragraph left out skews the first; a paragraph may match one, two or none.
3. **Sentences.** Within paired paragraphs with as many sentences: one to one.
   Otherwise by length, Gale–Church style: the Korean length expected from the English
   one (the ratio measured on the texts) with its normal spread, the Gale–Church
   priors (1-1, 1-2, 2-1, 1-0, 0-1), and anchors: numbers (``2026``, ``November`` = 11,
   ``five`` = 5), Latin words of the Korean that the English has (``CBAM``), English
   acronyms the Korean drops, quotations opening or closing. Two sentences are joined
   only within one paragraph of their text.
4. **Problems.** Every join, every English sentence left without Korean, every Korean
   sentence or paragraph left over, and a Korean paragraph spread over several English
   ones, is reported with the ids and what to fix.

An English sentence with no Korean gets ``""`` in :attr:`Alignment.korean`; the draft
writes :data:`UNTRANSLATED` there.

The other way round (a lesson drafted from a Korean article, ``dokhae lesson new
--from-korean``), :func:`align_english` matches the teacher's English translation to the
Korean sentence ids with the same costs, and reports the problems naming the Korean ids;
a Korean sentence with no English gets :data:`UNTRANSLATED_EN` in the draft.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..lesson import UNTRANSLATED, UNTRANSLATED_EN, paragraph_of
from .segment import (
    segment_article,
    split_korean,
    split_paragraphs,
    split_sentences,
    without_comments,
)

__all__ = [
    "UNTRANSLATED",
    "UNTRANSLATED_EN",
    "Alignment",
    "EnglishAlignment",
    "align_english",
    "align_korean",
    "split_korean",
]


@dataclass(frozen=True)
class Alignment:
    """The Korean of each English sentence, and what did not match."""

    korean: dict[str, str]  # English sentence id -> Korean text ("" when nothing aligned)
    problems: tuple[str, ...]  # misalignments, naming ids and what to fix

    @property
    def translation(self) -> dict[str, str]:
        """The aligned text by sentence id (the Korean)."""
        return self.korean


@dataclass(frozen=True)
class EnglishAlignment:
    """The English of each Korean sentence (a lesson drafted from a Korean article)."""

    english: dict[str, str]  # Korean sentence id -> English text ("" when nothing aligned)
    problems: tuple[str, ...]  # misalignments, naming the Korean ids and what to fix

    @property
    def translation(self) -> dict[str, str]:
        """The aligned text by sentence id (the English)."""
        return self.english


# --------------------------------------------------------------------------- costs

# "one", "two" are left out: "one of", "the two sides" (양측) rarely come out as digits
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        [
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ],
        3,
    )
}
_MONTHS = {
    w: str(n)
    for n, w in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTHS.update({m[:3]: n for m, n in _MONTHS.items() if m != "may"} | {"sept": "9"})

# Gale & Church (1993): how often each kind of match occurs between translations
_PRIOR = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.0445, (1, 2): 0.0445}
_VARIANCE = 2.0  # variance of a Korean length, per character of its expected length
# anchors, in units of -log probability: (bonus when both sides have it, cost when one lacks it)
_NUMBER = (1.5, 2.0)  # 2026, 11 (November), 5 (five)
_LATIN = (1.0, 1.0)  # Latin words of the Korean (CBAM) that the English has (any case)
_ACRONYM = (0.0, 0.5)  # an English acronym (EU) the Korean does not keep
_QUOTE = (0.5, 1.0)  # a quotation opens / closes in the sentence
_SENTENCES = 2.0  # per sentence more on one side, when matching whole paragraphs


def _length(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def _numbers(text: str, english: bool) -> frozenset[str]:
    found = {
        re.sub(r"(?<=\d),(?=\d{3})", "", n).rstrip(".,")
        for n in re.findall(r"\d+(?:[.,]\d+)*", text)
    }
    if english:
        for word in re.findall(r"[A-Za-z]+", text.lower()):
            if word in _NUMBER_WORDS:
                found.add(_NUMBER_WORDS[word])
            elif word in _MONTHS and (word != "may" or re.search(r"\bMay\b", text)):
                found.add(_MONTHS[word])
    return frozenset(found)


def _latin(text: str) -> frozenset[str]:
    return frozenset(w.upper() for w in re.findall(r"[A-Za-z][A-Za-z0-9&]+", text))


def _acronyms(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\b[A-Z][A-Z0-9&]+\b", text))


def _quotes(text: str) -> frozenset[str]:
    """Does a quotation open and/or close in the sentence? (“ ” or straight quotes)"""
    marks = set()
    if re.search(r"“|(?:^|[\s(\[])[\"‘']\S", text):
        marks.add("open")
    if re.search(r"”|\S[\"’'](?=$|[\s,.;:!?)\]]|[가-힣])", text):
        marks.add("close")
    return frozenset(marks)


@dataclass(frozen=True)
class _Side:
    """One sentence with what the costs need."""

    text: str
    paragraph: int
    length: int
    numbers: frozenset[str]
    latin: frozenset[str]  # Latin words (upper case)
    acronyms: frozenset[str]  # English acronyms (CBAM)
    quotes: frozenset[str]
    sentences: int = 0  # a whole paragraph: how many sentences it has


def _side(text: str, paragraph: int, english: bool) -> _Side:
    return _Side(
        text,
        paragraph,
        _length(text),
        _numbers(text, english),
        _latin(text),
        _acronyms(text) if english else frozenset(),
        _quotes(text),
    )


def _anchor(a: frozenset[str], b: frozenset[str], weights: tuple[float, float]) -> float:
    bonus, mismatch = weights
    return mismatch * len(a ^ b) - bonus * len(a & b)


def _match_cost(en: Sequence[_Side], ko: Sequence[_Side], ratio: float) -> float:
    """-log probability of ``en`` and ``ko`` being translations of each other."""
    cost = -math.log(_PRIOR[(len(en), len(ko))])
    if not en or not ko:
        return cost
    l_en = sum(s.length for s in en)
    l_ko = sum(s.length for s in ko)
    delta = (l_ko - ratio * l_en) / math.sqrt(max(l_en, 1) * ratio * _VARIANCE)
    tail = math.erfc(abs(delta) / math.sqrt(2))  # 2 (1 - Phi(|delta|))
    cost += -math.log(max(tail, 1e-12))

    def union(sides: Sequence[_Side], name: str) -> frozenset[str]:
        return frozenset().union(*(getattr(s, name) for s in sides))

    ko_latin = union(ko, "latin")
    cost += _anchor(union(en, "numbers"), union(ko, "numbers"), _NUMBER)
    cost += _anchor(union(en, "latin") & ko_latin, ko_latin, _LATIN)
    cost += _anchor(union(en, "acronyms"), union(en, "acronyms") & ko_latin, _ACRONYM)
    cost += _anchor(union(en, "quotes"), union(ko, "quotes"), _QUOTE)
    cost += _SENTENCES * abs(sum(s.sentences for s in en) - sum(s.sentences for s in ko))
    return cost


_Bead = tuple[int, int, int, int]
"""(English start, English count, Korean start, Korean count) of one match."""


def _beads(en: Sequence[_Side], ko: Sequence[_Side], ratio: float) -> list[_Bead]:
    """The cheapest alignment: (English start, count, Korean start, count) in order.

    Two sentences are joined only when they belong to one paragraph of their text.
    """
    inf = float("inf")
    n, m = len(en), len(ko)
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == inf:
                continue
            for di, dj in _PRIOR:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if di == 2 and en[i].paragraph != en[i + 1].paragraph:
                    continue
                if dj == 2 and ko[j].paragraph != ko[j + 1].paragraph:
                    continue
                cost = best[i][j] + _match_cost(en[i:a], ko[j:b], ratio)
                if cost < best[a][b]:
                    best[a][b], back[a][b] = cost, (di, dj)
    beads, i, j = [], n, m
    while i or j:
        di, dj = back[i][j]  # type: ignore[misc]
        i, j = i - di, j - dj
        beads.append((i, di, j, dj))
    return beads[::-1]


# --------------------------------------------------------------------------- alignment


def _quote(text: str, width: int = 40) -> str:
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


@dataclass(frozen=True)
class _Names:
    """How the problems name the two texts: the one with the ids and its translation."""

    source: str  # "English": the text whose sentence ids the lesson keeps
    target: str  # "Korean": the translation aligned with it
    marker: str  # what a sentence left without translation holds


_KOREAN_TRANSLATION = _Names("English", "Korean", UNTRANSLATED)
_ENGLISH_TRANSLATION = _Names("Korean", "English", UNTRANSLATED_EN)


def _nfc_blocks(paragraphs: Sequence[Sequence[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    return [
        [(sid, unicodedata.normalize("NFC", text)) for sid, text in block]
        for block in paragraphs
        if block
    ]


def _sides(
    en_blocks: Sequence[Sequence[str]],
    ko_blocks: Sequence[Sequence[str]],
) -> tuple[list[_Side], list[_Side]]:
    en = [_side(text, p, True) for p, block in enumerate(en_blocks) for text in block]
    english_latin = frozenset().union(*(s.latin for s in en))
    ko = [
        replace(s, latin=s.latin & english_latin)  # Latin words the English has somewhere
        for s in (_side(text, p, False) for p, block in enumerate(ko_blocks) for text in block)
    ]
    return en, ko


def _match(
    en: Sequence[_Side],
    ko: Sequence[_Side],
    n_en: int,
    n_ko: int,
) -> tuple[list[_Bead], bool]:
    """The beads (English start, count, Korean start, count) covering both texts, and
    whether the paragraphs had to be matched (their numbers differ)."""
    ratio = max(sum(s.length for s in ko), 1) / max(sum(s.length for s in en), 1)
    if n_en == n_ko:
        groups = [([p], [p]) for p in range(n_en)]
    else:
        groups, ratio = _paragraph_groups(en, ko, n_en, n_ko, ratio)
    beads: list[_Bead] = []
    e0 = k0 = 0  # the groups cover both texts in order
    for en_pars, ko_pars in groups:
        e = [s for s in en if s.paragraph in en_pars]
        k = [s for s in ko if s.paragraph in ko_pars]
        if len(e) == len(k):
            local = [(n, 1, n, 1) for n in range(len(e))]
        elif not e or not k:
            local = [(n, 1, 0, 0) for n in range(len(e))] + [(0, 0, n, 1) for n in range(len(k))]
        else:
            local = _beads(e, k, ratio)
        beads += [(e0 + i, di, k0 + j, dj) for i, di, j, dj in local]
        e0, k0 = e0 + len(e), k0 + len(k)
    return beads, n_en != n_ko


def _paragraphs_differ(names: _Names, n_source: int, n_target: int) -> str:
    return (
        f"the {names.source} has {n_source} paragraphs and the {names.target} {n_target}: the "
        "paragraphs were matched by length and numbers; check the blank lines between "
        f"the {names.target} paragraphs"
    )


def align_korean(paragraphs: Sequence[Sequence[tuple[str, str]]], korean_text: str) -> Alignment:
    """Align a Korean translation with the English sentences.

    Args:
        paragraphs: the English article as paragraphs in reading order, each a sequence
            of ``(sentence id, English text)`` pairs: ``[[("h1", ...)], [("c1", ...)],
            [("p1s1", ...), ("p1s2", ...)], ...]`` (the English text gives the lengths
            and anchors the alignment needs).
        korean_text: the teacher's Korean text, plain: paragraphs between blank lines
            (or one per line), sentences as written. NFD is normalised to NFC.

    Returns:
        The Korean of every English id (``""`` where nothing aligned) and the problems,
        in reading order.
    """
    return Alignment(*_align(paragraphs, split_korean(korean_text), _KOREAN_TRANSLATION))


def align_english(
    paragraphs: Sequence[Sequence[tuple[str, str]]], english_text: str
) -> EnglishAlignment:
    """Align an English translation with the sentences of a Korean article (the reverse
    of :func:`align_korean`: the Korean keeps its ids, the English is matched to them).

    Args:
        paragraphs: the Korean article as paragraphs in reading order, each a sequence of
            ``(sentence id, Korean text)`` pairs.
        english_text: the teacher's English text, plain: the headline on the first line,
            paragraphs between blank lines (or one per line); a dateline such as
            ``BRUSSELS (Yonhap) --`` is taken off (:func:`~dokhae.authoring.segment_article`).

    Returns:
        The English of every Korean id (``""`` where nothing aligned) and the problems,
        naming the Korean ids, in reading order.
    """
    return EnglishAlignment(
        *_align(paragraphs, _english_blocks(english_text), _ENGLISH_TRANSLATION)
    )


def _align(
    paragraphs: Sequence[Sequence[tuple[str, str]]], target_blocks: list[list[str]], kind: _Names
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The translation (``target_blocks``, paragraphs of sentences) of every source id of
    ``paragraphs`` (``""`` where nothing aligned) and the problems; the costs are always
    those of English against Korean, whichever side keeps the ids."""
    source_blocks = _nfc_blocks(paragraphs)
    ids = [sid for block in source_blocks for sid, _ in block]
    if not target_blocks:
        return (
            dict.fromkeys(ids, ""),
            (f"the {kind.target} text is empty: every sentence is left to translate",),
        )
    source_texts = [[text for _, text in block] for block in source_blocks]
    if kind is _KOREAN_TRANSLATION:
        en, ko = _sides(source_texts, target_blocks)
        beads, regrouped = _match(en, ko, len(source_texts), len(target_blocks))
        source, target = en, ko
    else:
        en, ko = _sides(target_blocks, source_texts)
        beads, regrouped = _match(en, ko, len(target_blocks), len(source_texts))
        beads = [(j, dj, i, di) for i, di, j, dj in beads]  # Korean (the ids) first
        source, target = ko, en
    problems = (
        [_paragraphs_differ(kind, len(source_blocks), len(target_blocks))] if regrouped else []
    )
    problems += _describe(beads, ids, source, target, source_blocks, target_blocks, kind)
    result = dict.fromkeys(ids, "")
    for i, di, j, dj in beads:
        if di and dj:
            result[ids[i]] = " ".join(s.text for s in target[j : j + dj])
    return result, tuple(problems)


def _english_blocks(text: str) -> list[list[str]]:
    """The paragraphs of an English text as lists of sentences, the headline a paragraph
    of its own, the dateline taken off."""
    text = without_comments(text)
    try:
        article = segment_article(text)
    except ValueError:  # a headline alone, or nothing
        return [s for s in (split_sentences(p) for p in split_paragraphs(text)) if s]
    return [[text for _, text in block] for block in article.paragraph_ids()]


def _paragraph_groups(
    en: Sequence[_Side], ko: Sequence[_Side], n_en: int, n_ko: int, ratio: float
) -> tuple[list[tuple[list[int], list[int]]], float]:
    """Match paragraphs (one to one, two to one, or none) as sentences are matched.

    A paragraph left out on one side skews the length ratio of the whole texts, so the
    ratio is measured again on the paragraphs matched one to one, and they are matched
    again with it. Returns the groups and that ratio.
    """

    def whole(sides: Sequence[_Side], n: int, english: bool) -> list[_Side]:
        out = []
        for p in range(n):
            part = [s for s in sides if s.paragraph == p]
            text = " ".join(s.text for s in part)
            side = _side(text, 0, english)  # paragraph 0: any two may be joined
            out.append(
                replace(
                    side, latin=frozenset().union(*(s.latin for s in part)), sentences=len(part)
                )
            )
        return out

    en_pars, ko_pars = whole(en, n_en, True), whole(ko, n_ko, False)
    beads = _beads(en_pars, ko_pars, ratio)
    pairs = [(en_pars[i], ko_pars[j]) for i, di, j, dj in beads if di == dj == 1]
    if pairs:
        ratio = max(sum(k.length for _, k in pairs), 1) / max(sum(e.length for e, _ in pairs), 1)
        beads = _beads(en_pars, ko_pars, ratio)
    return [(list(range(i, i + di)), list(range(j, j + dj))) for i, di, j, dj in beads], ratio


def _describe(
    beads: Sequence[_Bead],
    ids: Sequence[str],
    src: Sequence[_Side],
    tgt: Sequence[_Side],
    source: Sequence[Sequence[tuple[str, str]]],
    target: Sequence[Sequence[str]],
    names: _Names,
) -> list[str]:
    """The problems of an alignment, in reading order.

    ``beads`` are (source start, count, target start, count); the source is the text
    with the ids (``source``: paragraphs of (id, text)), the target its translation.
    """
    s_name, t_name, marker = names.source, names.target, names.marker
    used_tgt = {j + k for _, di, j, dj in beads if di for k in range(dj)}
    used_src = {i + k for i, di, _, dj in beads if dj for k in range(di)}
    lone_tgt = {
        p
        for p in range(len(target))
        if not any(s.paragraph == p and n in used_tgt for n, s in enumerate(tgt))
    }
    lone_src = {
        p
        for p in range(len(source))
        if len(source[p]) > 1
        and not any(s.paragraph == p and n in used_src for n, s in enumerate(src))
    }
    problems: list[str] = []
    reported: set[tuple[str, int]] = set()
    spread: dict[int, list[str]] = {}
    for i, di, j, dj in beads:
        src_ids = list(ids[i : i + di])
        texts = [s.text for s in tgt[j : j + dj]]
        for s in tgt[j : j + dj]:
            for sid in src_ids:
                pars = spread.setdefault(s.paragraph, [])
                if paragraph_of(sid) not in pars:
                    pars.append(paragraph_of(sid))
        if di == 1 and dj == 0:
            p = src[i].paragraph
            if p not in lone_src:
                problems.append(
                    f"{src_ids[0]}: no {t_name} sentence matches it; translate it (it "
                    f"is left as {marker})"
                )
            elif ("src", p) not in reported:
                reported.add(("src", p))
                block = [sid for sid, _ in source[p]]
                problems.append(
                    f"{', '.join(block)}: no {t_name} paragraph matches paragraph "
                    f"{paragraph_of(block[0])}; translate it (it is left as "
                    f"{marker})"
                )
        elif di == 0:
            tp = tgt[j].paragraph
            if tp in lone_tgt:
                if ("tgt", tp) not in reported:
                    reported.add(("tgt", tp))
                    problems.append(
                        f"{t_name} paragraph {tp + 1} ({_quote(target[tp][0])}) has no "
                        f"{s_name} counterpart: delete it, or add its {s_name}"
                    )
                continue
            before = f"after {ids[i - 1]}" if i > 0 else f"before the first {s_name} sentence"
            problems.append(
                f"the {t_name} sentence {_quote(texts[0])} ({t_name} paragraph {tp + 1}, "
                f"{before}) has no {s_name} counterpart: delete it, or check the "
                "sentences around it"
            )
        elif di == 2:
            problems.append(
                f"{src_ids[0]}, {src_ids[1]}: one {t_name} sentence covers both: two "
                f"{t_name} sentences were joined ({_quote(texts[0])}); split it at "
                f"the end of {src_ids[0]} (all of it is under {src_ids[0]} for now, "
                f"{src_ids[1]} is left to translate)"
            )
        elif dj == 2:
            problems.append(
                f"{src_ids[0]}: two {t_name} sentences were joined to match it "
                f"({_quote(texts[0], 30)} + {_quote(texts[1], 30)}): check the "
                f"split, or whether one of them belongs to another sentence"
            )
    for tp, src_pars in sorted(spread.items()):
        if len(src_pars) > 1:
            problems.append(
                f"{t_name} paragraph {tp + 1} ({_quote(target[tp][0])}) holds the "
                f"{t_name} of several {s_name} paragraphs ({', '.join(src_pars)}): add "
                "a blank line between them"
            )
    return problems
