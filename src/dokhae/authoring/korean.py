"""Korean text for a new lesson: glossary candidates, ``ko_forms`` and romanization.

Used only while a lesson is built (``dokhae lesson new``); the results are written into
the lesson data, so no student install loads these analysers.

* :func:`analyser` — one shared Kiwi (kiwipiepy) per process. It is never modified:
  user words are passed per call as pre-tokenized spans, not added to the dictionary.
* :func:`korean_forms` — the ``ko_forms`` of a glossary entry: where its Korean
  equivalents occur in the Korean text, particles and endings stripped.
* :func:`korean_candidates` — the words of a Korean text worth glossing for an English
  speaker, rarest and most repeated first.
* :func:`grammar_candidates` — the grammar patterns of news Korean a text uses (the
  reporting ending -다고 밝히다, -기로 하다, -기 위해, -(으)ㄴ 가운데, N년 만에, 제N차),
  found from Kiwi's endings, for glossary rows of pos ``grammar``.
* :func:`romanize` — Revised Romanization (koroman, with sound changes, and the table of
  official spellings in ``data/romanization_overrides.csv``: :mod:`dokhae.romanization`,
  which the reading view also uses), plus Kiwi's view of nouns (협회 → hyeophoe).

How an equivalent becomes a form (``재개하다; 다시 시작하다`` → ``재개``):

1. A leading placeholder goes with what is glued to it (``~에 따르면`` → ``따르면``,
   ``~할 예정이다`` → ``예정이다``, ``~ 가운데`` → ``가운데``).
2. Kiwi splits the equivalent into morphemes; trailing particles and endings go, then a
   ``하다``/``되다``/``이다`` after a noun (``재개하다`` → ``재개``, ``최근의`` → ``최근``,
   ``시행되다`` → ``시행``, ``손을 맞잡다`` → ``손을 맞잡``).
3. A core ending in a noun (or adverb, or Latin letters) is searched as text, compound
   nouns with or without a space (``탄소중립`` finds ``탄소 중립``); an occurrence must
   start at a morpheme boundary of the text (Kiwi) and end at one, or inside a noun
   that goes on for two syllables or more (``무역`` in ``보호무역주의``, not ``배출`` in
   ``배출량``). A core ending in a verb or adjective stem must meet that stem as a
   morpheme of the text (``늘리다`` finds ``늘리`` in ``늘리고``); when the equivalent
   was written inflected, the text's ending stays (``~에 따르면`` → ``따르면``,
   ``이 같은``, ``잇따른`` → ``잇따라``).
4. A noun + 하다 verb other than the main (first) equivalent counts only where the
   text uses it as a verb (``협력하다`` as a second equivalent of *join hands* does not
   claim every ``협력``). When a multi-word equivalent does not occur, degree adverbs
   at its edges are dropped (``매우 중요한`` → ``중요``, ``그 어느 때보다 더`` →
   ``그 어느 때보다``).
5. One-syllable forms are never produced (matched as substrings at run time, ``부`` or
   ``앞`` would light up inside unrelated words), and a form found only inside a longer
   form of the same entry is dropped (``배출`` beside ``배출량``).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..romanization import _hangul, _said_clusters, h_places, romanization_overrides, romanize_word

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi

__all__ = [
    "KoreanCandidate",
    "analyser",
    "grammar_candidates",
    "korean_candidates",
    "korean_forms",
    "pronounce",
    "romanization_overrides",
    "romanize",
]

INSTALL_HINT = 'pip install "dokhae[author]"'

_NOUNS = frozenset({"NNG", "NNP"})
_RUN = frozenset({"NNG", "NNP", "XPN", "XR", "XSN"})  # parts of a compound noun
_PREDICATE_SUFFIX = frozenset({"XSV", "XSA", "VCP"})  # 재개+하다, 시행+되다, 제도+이다
_STEMS = frozenset({"VV", "VA", "VX"})
_LIGHT_VERBS = frozenset({"하", "되", "있", "없", "이", "아니", "않", "같", "보", "주", "가", "오"})
_DEGREE_ADVERBS = frozenset(
    {
        "매우",
        "아주",
        "더",
        "가장",
        "제일",
        "점점",
        "너무",
        "정말",
        "꽤",
        "훨씬",
        "몹시",
        "무척",
        "더욱",
    }
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _base(tag: str) -> str:
    """``VV-R`` -> ``VV`` (Kiwi marks regular/irregular conjugation after a dash)."""
    return tag.split("-", 1)[0]


def _functional(tag: str) -> bool:
    """A particle, an ending or punctuation (not Latin letters, Hanja or numbers)."""
    return tag[0] in "JE" or (tag[0] == "S" and tag not in ("SL", "SH", "SN"))


# --------------------------------------------------------------------------- analyser

_ANALYSER: Kiwi | None = None


def analyser() -> Kiwi:
    """The process's one Kiwi (built on first use: about 2 s and 0.5 GB).

    Do not add user words to it: pass them to :func:`korean_candidates`, which gives
    them to Kiwi as pre-tokenized spans of the one call.
    """
    global _ANALYSER
    if _ANALYSER is None:
        try:
            from kiwipiepy import Kiwi
        except ImportError as exc:
            raise ImportError(
                f"Korean analysis (kiwipiepy) is not installed; install the authoring tools "
                f"with: {INSTALL_HINT}"
            ) from exc
        _ANALYSER = Kiwi()
    return _ANALYSER


class _Tok(NamedTuple):
    form: str
    tag: str  # base tag: VV, not VV-R
    start: int
    end: int


@lru_cache(maxsize=4096)
def _analyse(text: str, user_words: tuple[tuple[str, str], ...] = ()) -> tuple[_Tok, ...]:
    """Kiwi's morphemes of an NFC ``text``; each user word found in it is one token."""
    spans: list[tuple[int, int, str]] = []
    for word, tag in sorted(user_words, key=lambda w: -len(w[0])):
        for m in re.finditer(re.escape(word), text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in spans):
                spans.append((m.start(), m.end(), tag))
    tokens = analyser().tokenize(text, compatible_jamo=True, pretokenized=sorted(spans) or None)
    return tuple(_Tok(t.form, _base(t.tag), t.start, t.start + t.len) for t in tokens)


# --------------------------------------------------------------------------- forms


@dataclass(frozen=True)
class _Pattern:
    """What one Korean equivalent looks for in the text."""

    regex: re.Pattern[str] | None  # the core text (without a final verb stem); None: stem alone
    stem: str | None = None  # a final verb/adjective stem, met as a Kiwi morpheme
    keep_ending: bool = False  # the equivalent was inflected: keep the text's ending
    verbal_only: bool = False  # a secondary noun+하다 verb: the noun must be used as a verb


def _drop_placeholder(text: str) -> str:
    """``~에 따르면`` -> ``따르면``; ``~ 가운데`` -> ``가운데``; ``~할 예정이다`` -> ``예정이다``."""
    text = text.strip().rstrip("~…").strip()
    if text[:1] in ("~", "…", "〜"):
        rest = text[1:]
        text = rest.strip() if rest[:1].isspace() else (rest.split(None, 1) + [""])[1]
    return text.strip()


def _core_regex(text: str, core: Sequence[_Tok]) -> str:
    """The text of ``core`` as a regex: spaces are any whitespace, nouns written together
    may also be written apart (탄소중립 / 탄소 중립)."""
    begin, end = core[0].start, core[-1].end
    optional_space = {
        b.start
        for a, b in itertools.pairwise(core)
        if a.tag in _NOUNS and b.tag in _NOUNS and a.end == b.start
    }
    out: list[str] = []
    i = begin
    while i < end:
        if text[i].isspace():
            while i < end and text[i].isspace():
                i += 1
            out.append(r"\s+")
            continue
        if i in optional_space:
            out.append(r"\s?")
        out.append(re.escape(text[i]))
        i += 1
    return "".join(out)


def _patterns(equivalent: str, main: bool) -> list[_Pattern]:
    """The patterns of one equivalent, best first (then without degree adverbs)."""
    text = _drop_placeholder(_nfc(equivalent))
    if not text:
        return []
    toks = [t for t in _analyse(text) if t.end > t.start or t.tag == "VCP"]
    dictionary_form = bool(toks) and toks[-1].form == "다" and toks[-1].tag in ("EF", "EC")
    inflected = False
    predicate = False
    while toks:
        tag = toks[-1].tag
        if tag == "ETN":  # a verb made a noun (흐르+ㅁ = 흐름) is a noun
            break
        if _functional(tag):
            inflected = inflected or (tag[0] == "E" and not dictionary_form)
            toks.pop()
        elif tag in _PREDICATE_SUFFIX and len(toks) > 1:
            predicate = predicate or tag != "VCP"
            toks.pop()
        else:
            break
    while toks and _functional(toks[0].tag):
        toks.pop(0)
    if not toks:
        return []
    cores = [toks]
    trimmed = list(toks)
    while trimmed and trimmed[0].tag == "MAG" and trimmed[0].form in _DEGREE_ADVERBS:
        trimmed.pop(0)
    while trimmed and trimmed[-1].tag == "MAG" and trimmed[-1].form in _DEGREE_ADVERBS:
        trimmed.pop()
    if trimmed and trimmed != toks:
        cores.append(trimmed)
    patterns = []
    for core in cores:
        last = core[-1]
        if last.tag in _STEMS:
            before = [t for t in core[:-1] if t.end <= last.start]
            regex = re.compile(_core_regex(text, before)) if before else None
            patterns.append(_Pattern(regex, stem=last.form, keep_ending=inflected))
        else:
            patterns.append(
                _Pattern(re.compile(_core_regex(text, core)), verbal_only=predicate and not main)
            )
    # last, the equivalent as written: Kiwi may read a lone noun as a verb (흐름 -> 흐르+ㅁ)
    literal = re.compile(r"\s+".join(re.escape(w) for w in text.split()))
    if all(
        p.stem is not None or p.regex is None or p.regex.pattern != literal.pattern
        for p in patterns
    ):
        patterns.append(_Pattern(literal))
    return patterns


class _Hit(NamedTuple):
    sentence: int
    start: int
    end: int
    form: str


def _starts_word(text: str, toks: Sequence[_Tok], a: int) -> bool:
    return (
        a == 0
        or not text[a - 1].isalnum()
        or any(t.start == a and t.tag[0] not in "JE" for t in toks)
    )


def _ends_word(text: str, toks: Sequence[_Tok], a: int, b: int) -> bool:
    if b == len(text) or not text[b].isalnum() or any(t.end == b for t in toks):
        return True
    # inside a compound noun that goes on for two syllables or more (무역 in 무역주의)
    return any(t.tag in _NOUNS and t.start <= a < b < t.end and t.end - b >= 2 for t in toks)


def _used_as_verb(toks: Sequence[_Tok], b: int) -> bool:
    return any(t.start == b and t.tag in ("XSV", "XSA") for t in toks)


def _find(pattern: _Pattern, text: str, toks: Sequence[_Tok], index: int) -> list[_Hit]:
    hits: list[_Hit] = []
    if pattern.stem is None:
        assert pattern.regex is not None
        for m in pattern.regex.finditer(text):
            a, b = m.span()
            if (
                _starts_word(text, toks, a)
                and _ends_word(text, toks, a, b)
                and (not pattern.verbal_only or _used_as_verb(toks, b))
            ):
                hits.append(_Hit(index, a, b, text[a:b]))
        return hits
    for i, t in enumerate(toks):
        if t.tag not in _STEMS or t.form != pattern.stem:
            continue
        a = t.start
        if pattern.regex is not None:
            before = re.search(f"(?:{pattern.regex.pattern})\\s*\\Z", text[: t.start])
            if before is None:
                continue
            a = before.start()
        if not _starts_word(text, toks, a):
            continue
        b = t.end
        if pattern.keep_ending:
            for u in toks[i + 1 :]:
                if u.start > b or u.tag[0] != "E":
                    break
                b = max(b, u.end)
        hits.append(_Hit(index, a, b, text[a:b]))
    return hits


def _occurrences(equivalents: Sequence[str], texts: Sequence[str]) -> list[list[_Hit]]:
    """Per equivalent, its occurrences in ``texts`` (one-syllable forms left out)."""
    analysed = [(text, _analyse(text)) for text in texts]
    result = []
    for n, equivalent in enumerate(equivalents):
        hits: list[_Hit] = []
        for pattern in _patterns(equivalent, main=n == 0):
            hits = [
                h
                for i, (text, toks) in enumerate(analysed)
                for h in _find(pattern, text, toks, i)
                if len(re.sub(r"\s", "", h.form)) >= 2
            ]
            if hits:
                break
        result.append(hits)
    return result


def _forms(hits_per_equivalent: Sequence[Sequence[_Hit]]) -> list[tuple[str, list[_Hit]]]:
    """Distinct forms in order of equivalent, then text; those found only inside a longer
    form of the same entry are dropped."""
    by_form: dict[str, list[_Hit]] = {}
    for hits in hits_per_equivalent:
        for h in sorted(hits, key=lambda h: (h.sentence, h.start)):
            by_form.setdefault(h.form, []).append(h)
    every = [h for hits in by_form.values() for h in hits]

    def covered(h: _Hit) -> bool:
        return any(
            o.sentence == h.sentence
            and o.start <= h.start
            and h.end <= o.end
            and o.end - o.start > h.end - h.start
            for o in every
        )

    return [(form, hits) for form, hits in by_form.items() if not all(covered(h) for h in hits)]


def korean_forms(
    equivalents: Sequence[str], sentences: Sequence[tuple[str, str]]
) -> tuple[str, ...]:
    """The ``ko_forms`` of a glossary entry: where its Korean ``equivalents`` occur in the
    Korean ``sentences`` (``(id, text)`` pairs), particles and endings stripped.

    ``korean_forms(["재개하다", "다시 시작하다"], ...)`` → ``("재개",)`` for a text with
    ``대화 재개`` or ``재개했다``. The main equivalent comes first, as in the glossary's
    ``ko`` column. Latin-script equivalents (``CBAM``) are found as whole words, so pass
    an entry's English abbreviations along with its Korean equivalents. Every form
    returned occurs in the text as it is written there; ``()`` when none occurs.
    """
    texts = [_nfc(text) for _, text in sentences]
    equivalents = [e for e in (_nfc(e).strip() for e in equivalents) if e]
    return tuple(form for form, _ in _forms(_occurrences(equivalents, texts)))


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class KoreanCandidate:
    """A word of the Korean text worth glossing for an English speaker learning Korean."""

    lemma: str  # dictionary form: 재개하다 for 재개했다, 협력 for 협력에
    pos: str  # glossary pos: noun, proper noun, verb, adjective, adverb, phrase
    forms: tuple[str, ...]  # as they occur in the text, particles/endings stripped (ko_forms)
    sentence_id: str  # first sentence it occurs in
    sentence: str  # that sentence (NFC)
    count: int  # occurrences in the text
    romanization: str  # romanize(lemma)
    zipf: float  # wordfreq's Korean table (0 when absent)
    score: float  # higher = more worth glossing


class _Word(NamedTuple):
    """One content word met in the text while walking Kiwi's morphemes."""

    key: tuple[str, str]  # ("n", noun) ("v", verb lemma) ("a", adverb) ("p", "noun noun")
    pos: str
    use: str  # a noun used as a verb: "하"/"되" (adjective: "XSA:하"); else ""
    parts: tuple[str, ...]  # the nouns of a compound or of a noun pair
    inside: bool = False  # met here only as a part of a compound


def _noun_run(
    text: str,
    toks: Sequence[_Tok],
    i: int,
    user: frozenset[tuple[int, int]],
) -> tuple[int, tuple[int, int] | None, list[_Word]]:
    """The compound noun starting at ``toks[i]``: (next index, its span, its words)."""
    j = i
    while j + 1 < len(toks) and toks[j + 1].start == toks[j].end and toks[j + 1].tag in _RUN:
        j += 1
    run = list(toks[i : j + 1])
    while run and ((run[-1].tag == "XSN" and run[-1].form == "들") or run[-1].tag == "XPN"):
        run.pop()  # plural 들; a prefix before a number
    if not run:
        return j + 1, None, []
    surface = text[run[0].start : run[-1].end]
    following = toks[j + 1] if j + 1 < len(toks) and toks[j + 1].start == toks[j].end else None
    use = ""
    if following is not None and following.tag in ("XSV", "XSA"):
        use = following.form if following.tag == "XSV" else "XSA:" + following.form
    if any((t.start, t.end) in user for t in run):
        parts = tuple(p.form for p in _analyse(surface) if p.tag in _NOUNS)
    else:
        parts = tuple(t.form for t in run if t.tag in _NOUNS or t.tag == "XR")
    pos = (
        "phrase"
        if " " in surface
        else ("proper noun" if any(t.tag == "NNP" for t in run) else "noun")
    )
    words = [_Word(("n", surface), pos, use, parts if len(run) > 1 or len(parts) > 1 else ())]
    if len(parts) > 1:  # parts written apart, or known to the table (not Kiwi's leftovers: 자원부)
        words += [
            _Word(("n", p), "noun", "", (), inside=True)
            for p in parts
            if p != surface and (p in surface.split() or _table_zipf(p))
        ]
    return j + 1, (run[0].start, run[-1].end), words


def _walk(text: str, toks: Sequence[_Tok], user: frozenset[tuple[int, int]]) -> Iterable[_Word]:
    """The content words of one sentence, in order."""
    i, previous = 0, None
    while i < len(toks):
        t = toks[i]
        if t.tag in ("NNG", "NNP", "XR", "XPN"):
            i, span, words = _noun_run(text, toks, i, user)
            yield from words
            if span and previous and text[previous[1] : span[0]] == " " and not words[0].use:
                yield _Word(
                    ("p", text[previous[0] : span[1]]),
                    "phrase",
                    "",
                    (text[previous[0] : previous[1]], text[span[0] : span[1]]),
                )
            previous = span if words and not words[0].use else None
            continue
        previous = None
        if t.tag in ("VV", "VA") and t.form not in _LIGHT_VERBS:
            yield _Word(("v", t.form + "다"), "verb" if t.tag == "VV" else "adjective", "", ())
        elif t.tag == "MAG":
            yield _Word(("a", t.form), "adverb", "", ())
        i += 1


@lru_cache(maxsize=1)
def _ko_frequencies() -> dict[str, float]:
    try:
        from wordfreq import get_frequency_dict
    except ImportError as exc:
        raise ImportError(f"Korean word frequencies need wordfreq: {INSTALL_HINT}") from exc
    return get_frequency_dict("ko")


def _table_zipf(word: str) -> float:
    """Zipf frequency in wordfreq's Korean table, read directly (no MeCab); 0 if absent."""
    f = _ko_frequencies().get(word, 0.0)
    return round(math.log10(f) + 9, 2) if f else 0.0


_MISSING = 2.5
"""The Zipf frequency taken for a word missing from the table (it lists down to about 3)."""


def _score(
    kind: str, zipf: float, parts: Sequence[str], count: int, pos: str, verbal: bool, inside: bool
) -> float:
    """How worth glossing a word is for an English speaker (higher = more).

    Rarity: 6 minus the Zipf frequency, between 0 and 4; a word missing from the table
    counts as Zipf 2.5, a compound missing from it as half a point rarer than its rarest
    part, a pair of nouns as common as its commoner noun. Plus half a point per doubling
    of its count; 0.5 for a compound; 0.5 for a noun the text also uses as a 하다/되다
    verb (the verbal nouns news Korean is made of: 논의, 추진, 시행). A one-word name
    loses a point (its romanization is most of what a reader needs), a noun met only
    inside compounds half a point (the compound is the word the text uses).
    """
    if kind == "p":
        effective = max(_table_zipf(p) or _MISSING for p in parts)
    elif zipf:
        effective = zipf
    elif len(parts) > 1:
        effective = min(_table_zipf(p) or _MISSING for p in parts) - 0.5
    else:
        effective = _MISSING
    score = min(4.0, max(0.0, 6.0 - effective)) + 0.5 * math.log2(max(count, 1))
    if kind == "n" and len(parts) > 1:
        score += 0.5
    if verbal:
        score += 0.5
    if pos == "proper noun" and len(parts) <= 1:
        score -= 1.0
    if inside:
        score -= 0.5
    return round(score, 3)


def korean_candidates(
    sentences: Sequence[tuple[str, str]],
    *,
    limit: int | None = None,
    user_words: Iterable[tuple[str, str]] = (),
) -> list[KoreanCandidate]:
    """Glossary candidates of a Korean text (``(id, text)`` pairs), best first.

    Content words under their particles and endings: nouns and compound nouns (with the
    parts a dictionary knows: ``탄소국경조정제도`` and ``탄소``, ``국경`` ...), noun +
    하다/되다 verbs (``재개했다`` → ``재개하다``, form ``재개``; a noun used more often on
    its own stays a noun), verbs, adjectives, adverbs, and pairs of nouns that occur
    twice or more (``기술 교류``). ``user_words`` are ``(word, tag)`` pairs
    (``("철강업계", "NNG")``, ``("수입 부담금", "NNG")``) that Kiwi must keep whole; a
    user word with a space is a phrase. Forms and counts come from the same search as
    :func:`korean_forms`, so every form occurs in the text; words with no form of two
    syllables or more are left out.
    """
    texts = [(sid, _nfc(text)) for sid, text in sentences]
    words = tuple(sorted({(_nfc(w).strip(), tag) for w, tag in user_words if w.strip()}))
    seen: dict[tuple[str, str], list] = {}  # key -> [order, pos, uses, parts, inside]
    for _sid, text in texts:
        toks = _analyse(text, words)
        user = frozenset((t.start, t.end) for t in toks if any(t.form == w for w, _ in words))
        for found in _walk(text, toks, user):
            entry = seen.setdefault(found.key, [len(seen), found.pos, Counter(), found.parts, True])
            entry[2][found.use] += 1
            entry[4] = entry[4] and found.inside
            if len(found.parts) > len(entry[3]):
                entry[3] = found.parts
    plain = [text for _, text in texts]
    ranked: list[tuple[float, int, KoreanCandidate]] = []
    for (kind, word), (order, pos, uses, parts, inside) in seen.items():
        lemma, stem = word, word
        verbal = Counter({u: n for u, n in uses.items() if u})
        if kind == "n" and verbal and sum(verbal.values()) >= uses[""]:
            suffix = verbal.most_common(1)[0][0]
            lemma = word + suffix.removeprefix("XSA:") + "다"
            pos = "adjective" if suffix.startswith("XSA:") else "verb"
        elif kind == "v":
            stem = word[:-1]
        forms = _forms(_occurrences([lemma if kind == "v" else word], plain))
        hits = sorted((h for _, hs in forms for h in hs), key=lambda h: (h.sentence, h.start))
        if not hits or (kind == "p" and len(hits) < 2):
            continue
        zipf = _table_zipf(lemma) or (_table_zipf(stem) if stem != lemma else 0.0)
        first_id, first_text = texts[hits[0].sentence]
        candidate = KoreanCandidate(
            lemma=lemma,
            pos=pos,
            forms=tuple(f for f, _ in forms),
            sentence_id=first_id,
            sentence=first_text,
            count=len(hits),
            romanization=romanize(lemma),
            zipf=zipf,
            score=_score(kind, zipf, parts, len(hits), pos, bool(verbal), inside),
        )
        ranked.append((-candidate.score, order, candidate))
    ranked.sort(key=lambda r: (r[0], r[1]))
    result = [c for _, _, c in ranked]
    return result if limit is None else result[:limit]


# --------------------------------------------------------------------------- grammar patterns

_REPORTING = frozenset({"밝히", "전하", "말하", "강조하", "설명하", "덧붙이"})
"""Verbs that close a reported statement in news (…다고 산업부가 밝혔다)."""
_ELAPSED = frozenset({"년", "개월", "달", "주", "일", "시간"})
_ROUNDS = frozenset({"차", "회"})


def _grammar_at(text: str, toks: Sequence[_Tok], i: int) -> tuple[str, str, int, int] | None:
    """The grammar pattern that starts at morpheme ``toks[i]``: (pattern, romanization,
    start, end of the text it stands in), or None."""
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None:
        return None
    later = toks[i + 1 :]
    if (t.tag == "EC" and t.form == "다고") or (
        t.tag == "SSC" and nxt.tag == "JKQ" and nxt.form == "고" and i and toks[i - 1].tag == "EF"
    ):
        verb = next((v for v in later if v.tag == "VV" and v.form in _REPORTING), None)
        if verb is not None:
            end = nxt.end if t.tag == "SSC" else t.end
            start = toks[i - 1].start if t.tag == "SSC" else t.start
            return f"-다고 {verb.form}다", f"-dago {romanize(verb.form + '다')}", start, end
    if t.tag == "ETN" and t.form == "기":
        if nxt.tag == "JKB" and nxt.form == "로":
            return "-기로 하다", "-giro hada", t.start, nxt.end
        if nxt.tag == "VV" and nxt.form == "위하":
            end = max(x.end for x in toks[i + 1 : i + 3] if x.start < nxt.end + 1)
            return "-기 위해", "-gi wihae", t.start, end
    if t.tag == "ETM" and nxt.tag == "NNG" and nxt.form == "가운데":
        if t.form == "는":
            return "-는 가운데", "-neun gaunde", t.start, nxt.end
        return "-(으)ㄴ 가운데", "-(eu)n gaunde", t.start, nxt.end
    if t.tag == "SN" and nxt.tag == "NNB" and nxt.form in _ELAPSED and len(later) >= 3:
        man, e = later[1], later[2]
        if man.form == "만" and man.tag == "NNB" and e.form == "에":
            unit = nxt.form
            return f"N{unit} 만에", f"N-{romanize(unit)} mane", t.start, e.end
    if t.tag == "XPN" and t.form == "제" and nxt.tag == "SN" and len(later) >= 2:
        counter = later[1]
        if counter.form in _ROUNDS and counter.start == nxt.end:
            return f"제N{counter.form}", f"je-N-{romanize(counter.form)}", t.start, counter.end
    return None


def grammar_candidates(sentences: Sequence[tuple[str, str]]) -> list[KoreanCandidate]:
    """The grammar patterns of news Korean in a text (``(id, text)`` pairs), in order of
    first occurrence: -다고 밝히다 (and the other reporting verbs: 전하다, 말하다 …),
    -기로 하다, -기 위해, -(으)ㄴ 가운데 / -는 가운데, N년 만에 (and 개월, 일 …), 제N차
    / 제N회. Found from Kiwi's endings and bound nouns, not from the spelling, so
    열었다고 and 다짐했다”고 are both the reporting pattern. Each candidate's ``forms``
    are the text it stands in (다고, 다”고, 된 가운데, 5년 만에), its ``pos`` is
    ``grammar``; the English meaning and the explanations are left to the teacher."""
    found: dict[str, list] = {}  # pattern -> [romanization, forms, first (id, text), count]
    for sid, raw in sentences:
        text = _nfc(raw)
        toks = _analyse(text)
        for i in range(len(toks)):
            hit = _grammar_at(text, toks, i)
            if hit is None:
                continue
            pattern, romanization, start, end = hit
            entry = found.setdefault(pattern, [romanization, [], (sid, text), 0])
            form = text[start:end]
            if form not in entry[1]:
                entry[1].append(form)
            entry[3] += 1
    return [
        KoreanCandidate(
            lemma=pattern,
            pos="grammar",
            forms=tuple(forms),
            sentence_id=first[0],
            sentence=first[1],
            count=count,
            romanization=romanization,
            zipf=0.0,
            score=0.0,
        )
        for pattern, (romanization, forms, first, count) in found.items()
    ]


# --------------------------------------------------------------------------- romanization


def _noun_h_breaks(word: str) -> list[int]:
    """Where ㄱ/ㄷ/ㅂ meets ㅎ inside a noun (협회): RR writes the ㅎ there (hyeophoe, not
    hyeopoe), while a verb ending aspirates (모색하다 → mosaekada). Needs Kiwi; without
    it, every such ㅎ is aspirated as koroman does."""
    places = h_places(word)
    if not places:
        return []
    try:
        toks = _analyse(word)
    except ImportError:
        return []
    breaks = []
    for p in places:
        owner = [t for t in toks if t.start <= p < t.end]
        if owner and all(t.tag in _NOUNS | {"NNB", "XR", "XSN", "XPN"} for t in owner):
            breaks.append(p)
    return breaks


def _romanize_word(word: str, breaks: Sequence[int] | None = None) -> str:
    return romanize_word(word, _noun_h_breaks(word) if breaks is None else breaks)


def romanizations(word: str) -> set[str]:
    """Every spelling :func:`romanize` may give ``word``, found without the analyser: each
    ㄱ/ㄷ/ㅂ + ㅎ written both as in a noun and as in a verb ending. Enough to tell
    whether a romanization belongs to a Korean word (``dokhae check``) while loading
    only koroman."""
    text = _nfc(word).strip().strip("~…〜").strip()
    spellings = [""]
    for w in text.split():
        places = h_places(w)
        options = {
            _romanize_word(w, chosen)
            for n in range(len(places) + 1)
            for chosen in itertools.combinations(places, n)
        }
        spellings = [f"{a} {b}".strip() for a in spellings for b in sorted(options)]
    return set(spellings)


def romanize(word: str) -> str:
    """Revised Romanization of a Korean word or phrase, with its sound changes (협력 →
    hyeomnyeok, 정례 → jeongnye), lower case; a word in the overrides table keeps its
    official spelling (포스코 → POSCO). A placeholder ``~`` is dropped (``~에 따르면`` →
    ``e ttareumyeon``); each word of a phrase is romanized on its own."""
    text = _nfc(word).strip().strip("~…〜").strip()
    return " ".join(_romanize_word(w) for w in text.split())


# --------------------------------------------------------------------------- pronunciation

_JAMO_INITIAL, _JAMO_VOWEL, _JAMO_FINAL = 0x1100, 0x1161, 0x11A7
_REPRESENTATIVE = {  # a final consonant before a consonant or at the end: its sound
    "\u11a9": "\u11a8",  # ㄲ → ㄱ
    "\u11bf": "\u11a8",  # ㅋ → ㄱ
    "\u11ba": "\u11ae",  # ㅅ → ㄷ
    "\u11bb": "\u11ae",  # ㅆ → ㄷ
    "\u11bd": "\u11ae",  # ㅈ → ㄷ
    "\u11be": "\u11ae",  # ㅊ → ㄷ
    "\u11c0": "\u11ae",  # ㅌ → ㄷ
    "\u11c2": "\u11ae",  # ㅎ → ㄷ
    "\u11c1": "\u11b8",  # ㅍ → ㅂ
}
_TENSE = {
    "\u1100": "\u1101",
    "\u1103": "\u1104",
    "\u1107": "\u1108",
    "\u1109": "\u110a",
    "\u110c": "\u110d",
}
"""ㄱ ㄷ ㅂ ㅅ ㅈ → ㄲ ㄸ ㅃ ㅆ ㅉ (표준 발음법 제23항)."""
_LIAISON = {
    "\u11ab": "\u1102",
    "\u11b7": "\u1106",
    "\u11bf": "\u110f",
    "\u11c0": "\u1110",
    "\u11c1": "\u1111",
}
"""A final ㄴ ㅁ ㅋ ㅌ ㅍ before a vowel starts the next syllable (한일 → 하닐); koroman
leaves them, as their romanization is the same either way (the other finals it moves)."""
_OBSTRUENT_FINALS = frozenset({"\u11a8", "\u11ae", "\u11b8"})  # ㄱ ㄷ ㅂ (after the above)


def _said_word(word: str) -> str:
    """One word as koroman's pronunciation rules say it, in Hangul syllables, with the
    tensification after ㄱ/ㄷ/ㅂ (제23항) that romanization leaves out."""
    from koroman import core

    jamo = core.split_hangul_to_jamos(core.apply_n_insertion_triggers(_said_clusters(word)))
    jamo = core.apply_pronunciation_rules(jamo)
    # koroman writes ㄹ + ㄹ as "ll" and may drop an initial ㅇ (좋아 → 조ᅡ); undo both
    jamo = jamo.replace("ll", "\u11af\u1105").replace("-", "")
    syllables: list[list[str]] = []  # [initial, vowel, final]
    for char in jamo:
        code = ord(char)
        if _JAMO_INITIAL <= code < _JAMO_VOWEL:
            syllables.append([char, "", ""])
        elif _JAMO_VOWEL <= code <= 0x1175:
            if not syllables or syllables[-1][1]:
                syllables.append(["\u110b", "", ""])
            syllables[-1][1] = char
        elif 0x11A8 <= code <= 0x11C2 and syllables and syllables[-1][1]:
            syllables[-1][2] = char
        else:
            return word  # something koroman left that is not a syllable: say nothing
    for i, (_, _, final) in enumerate(syllables):
        following = syllables[i + 1][0] if i + 1 < len(syllables) else ""
        if final in _LIAISON and following == "\u110b":
            syllables[i][2], syllables[i + 1][0] = "", _LIAISON[final]
            continue
        if final and following != "\u110b":
            final = syllables[i][2] = _REPRESENTATIVE.get(final, final)
        if final in _OBSTRUENT_FINALS and following in _TENSE:
            syllables[i + 1][0] = _TENSE[following]
    return "".join(
        chr(
            0xAC00
            + (ord(a) - _JAMO_INITIAL) * 588
            + (ord(b) - _JAMO_VOWEL) * 28
            + (ord(c) - _JAMO_FINAL if c else 0)
        )
        for a, b, c in syllables
    )


def pronounce(word: str) -> str:
    """A draft of the standard pronunciation of a Korean word or phrase in Hangul between
    brackets (정례 → ``[정녜]``, 협력 → ``[혐녁]``, 맞잡다 → ``[맏짭따]``), or "" where it
    is said as it is spelt. For the teacher to review, not to trust.

    It applies koroman's pronunciation rules (the ones its Revised Romanization rests on:
    liaison, nasalisation, liquidisation, palatalisation, aspiration, the clusters) and
    adds the tensification after ㄱ, ㄷ, ㅂ (표준 발음법 제23항), which romanization
    does not write. It does not know what needs the word's structure: tensification
    after a verb stem in ㄴ/ㅁ (안고 [안꼬]), after ㄹ in Sino-Korean words (갈등
    [갈뜽]), after the ending -(으)ㄹ (할 것 [할껏]) or in compounds (사이시옷: 산길
    [산낄], 평가 [평까], 여건 [여껀]); ㄴ-insertion (솜이불 [솜니불]; only 잎);
    exceptions to liquidisation (생산량 [생산냥]); the allowed pronunciations of ㅢ and
    ㅖ (논의 [노늬/노니], 관계 [관계/관게]); and it takes ㄱ/ㄹ before 야 여 요 유 as
    ㄴ-insertion, as koroman does (색연필 [생년필], but 목요일 is [모교일]). Each word of a
    phrase is said on its own; a leading ``~`` stays (~에 직면하여 → [~에 징면하여]).
    """
    placeholder = "~" if _nfc(word).strip().startswith(("~", "〜")) else ""
    text = _nfc(word).strip().strip("~…〜").strip()
    if not text or not all(_hangul(ch) or ch.isspace() for ch in text):
        return ""
    said = " ".join(_said_word(w) for w in text.split())
    return f"[{placeholder}{said}]" if said != " ".join(text.split()) else ""
