"""English glossary candidates for a new lesson, hardest first.

``english_candidates(sentences)`` turns an English article (``(sentence_id, text)``
pairs in reading order) into :class:`Candidate` rows ranked by how unlikely a Korean
secondary-school student is to know them. The teacher picks from the top of the list
and writes the Korean glosses: none are made up here.

How it works:

1. **Tokens.** A small regex tokenizer on NFC text: words with inner hyphens and
   apostrophes (``net-zero``, ``don't``), dotted abbreviations (``U.S.``), initials before
   a name (``S. Korea``), possessive ``'s``/``’s`` stripped, numbers ("5-year", "20th")
   never offered.
2. **Names.** Runs of capitalised words are proper nouns (``Carbon Border Adjustment
   Mechanism``), bridged by *of*/*for* after a common word and then by commas and *and*
   (``Ministry of Trade, Industry and Energy``). A possessive ends a run. Acronyms are
   abbreviations; one whose letters are the initials of a name in the text becomes a
   form of that name (``CBAM``). A capitalised word that starts the sentence, or stands
   in a title-case headline, is read as a common word when it is one.
3. **Expressions.** The general list ``data/expressions.txt`` (phrasal verbs, idioms,
   news phrases; it holds no term of a shipped lesson's glossary, a test says so) and
   the multi-word entries of the CEFR lists, matched on lemmas so that inflected forms
   count ("joined forces", "beefing up"); separable phrasal verbs may have up to three
   words before the particle. The words of an expression are not offered again, except
   those of the listed noun compounds. Beyond the lists, by rule (:mod:`.phrases`): a
   verb followed by an adverb particle (*up*, *out*, *together*, *ahead*, ...), right
   after it or after its object when the particle ends the clause, is a phrasal verb; a
   verb + *into*/*on*/*in*/*under* + a bare singular noun is a fixed phrase (*entered
   into force*); noun compounds (``grace period``, ``blast furnace``, ``embedded
   emissions``) are offered when their modifiers are everyday nouns (Zipf 4 or more) or
   classifying adjectives (rare past participles among them; a modifier that can be an
   adjective counts only when it classifies: *official price* is no term), or when the
   article repeats them or its headline holds them; an adjective with an -ly adverb in
   common use before a noun of action (``annual declaration``, ``free allocation``) and
   *the* + noun + *of* + bare noun (``the country of origin``) are terms whose words
   stay words of their own. Not as terms of their own: a compound whose
   modifiers are all the article's topic words (nouns it uses three times or more:
   ``steel trade``, ``carbon price``), a hyphenated modifier before an everyday noun
   (``volume-weighted average``: the term is ``volume-weighted``), a would-be compound
   whose last word is the verb of a plural subject before a prepositional phrase
   ("sales on a central platform start"). A modifier found only inside offered
   compounds is not offered alone; a head found only there comes after them (score
   less 1.5). Hyphenated compounds (``net-zero``, ``working-level``) are expressions of
   their own.
4. **Words.** Each remaining word is lemmatised with lemminflect (``getAllLemmas``, all
   parts of speech); its part of speech comes from evidence only (:mod:`.pos`: the
   dictionaries, the word's form, the words around it); where that leaves a choice the
   candidate carries a ``[TODO: part of speech: ...?]`` marker for the teacher, never a
   default. When the lists have the inflected form itself (*latest*) it is the
   headword; a plural no dictionary knows has its singular (*declarants* → *declarant*,
   when wordfreq knows it better). Words with a wordfreq Zipf frequency above 5.5
   (*the*, *said*, *way*) and A1–A2 function words are left out. An agent noun made by
   rule from a listed verb (*importer*, *trader*, *supplier*) is left out when that verb
   is offered too (the verb is the word to gloss).
5. **Levels.** ``validation.listed_level`` gives the CEFR-J / Octanove level when the
   headword is listed with that part of speech. Otherwise the level is estimated from
   the Zipf frequency (≥ 5 B1, ≥ 4 B2, ≥ 3 C1, else C2: words outside CEFR-J, which lists
   the common vocabulary up to B2, are taken as B1 at least); an expression has the level
   written in ``expressions.txt``, else B2 or its hardest word's level if higher (a
   compound: B1 or its hardest word's). Names: their hardest common word's
   level, B1 at least.
6. **Score** (higher = less likely known): the level as a number (A1 = 1 … C2 = 6) plus
   0.35 per Zipf point below 5.5 (at most 4 points), a word of Zipf 5 or more counted
   B1 at most whatever its listed level (*data*, *price*); an agent noun of a listed verb at
   most its verb's score; a word whose part of speech is left to the teacher scored at
   the level of its easiest listed reading (*rule*, *covering* ← *cover*); a noun the
   article names only as an item of enumerations
   ("steel, aluminum, cement and fertilizers": examples of a kind) 2 less. Expressions: the level plus 1 for a
   curated one or a fixed phrase (its meaning is not the sum of its words), 0.5 for a
   CEFR-list entry or a verb + particle, 0.5 plus the Zipf term for a hyphenated
   compound. A noun compound that names a thing scores 4.6 (above the B2 words: a term
   of everyday words is hard to guess) or 0.3 above its hardest word if that is more;
   one offered only for recurring or standing in the headline 3.5; plus 1 in the
   headline. Names of several words: their hardest common word less 0.5, plus
   0.5 for three words or more and 0.5 when the text also uses an acronym for them; a
   one-word name (*Busan*) scores 1, low in the list but kept. Acronyms without their
   name in the text: 2.5 plus the Zipf term.

``zipf`` of a multi-word expression is wordfreq's own estimate for the phrase, which
combines its words' frequencies (so it is at most that of its rarest word): it says how
often students meet the words, not the phrase, and so does not enter the score of a
multi-word expression (it does for a hyphenated compound, a single token).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Protocol

from ..validation import listed_level, wordlist_levels
from .lexicon import GLOSSARY_POS as _GLOSSARY_POS
from .lexicon import lemminflect_functions as _lemminflect
from .lexicon import listed_words as _listed_words
from .lexicon import zipf as _zipf
from .phrases import action_spans, compound_spans, fixed_phrase_spans, of_phrase_spans
from .pos import AUXILIARIES as _AUXILIARIES
from .pos import DETERMINERS as _DETERMINERS
from .pos import OBJECT_STARTS, PREPOSITIONS, decide, pos_marker, readings

__all__ = ["LEVELS", "Candidate", "english_candidates", "load_analysers"]

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
ESTIMATED = "estimated"
FREQUENT = 5.5
"""Words above this Zipf frequency are not offered (unless inside an expression)."""
HEAD_ONLY = 1.5
"""How much lower a word scores when the article uses it only as the head of offered noun
compounds (``furnace`` in ``blast furnace``): the compound is the term to gloss first."""
STRONG_COMPOUND = 4.6
"""The least score of a noun compound that names a thing (``grace period``, ``executive
body``): above the B2 words, as a term of everyday words is hard to guess."""
WEAK_COMPOUND = 3.5
"""The score of a compound kept only for recurring or standing in the headline."""
EXAMPLE = 2.0
"""How much lower a word scores when the article names it only as an item of enumerations
(``aluminum`` in "steel, aluminum, cement and fertilizers"): examples of a kind, below the
B2 words unless rare."""
COMMON = 5.0
"""Words this frequent (Zipf) score at most as B1 words whatever their listed level, as an
unlisted word this frequent is estimated B1: a student meets *data*, *price*, *official*
all the time (their B2 is for a sense or a part of speech, not for the form)."""
TOPIC = 3
"""A noun the article uses this many times is a topic word (see ``_topic_words``)."""
EVERYDAY = 4.5
"""The Zipf frequency from which a noun is an everyday word (``average``, ``steel``)."""


@dataclass(frozen=True)
class Candidate:
    """One glossary candidate: a word or expression of the article, with its evidence."""

    headword: str  # lemma or multi-word expression ("resume", "join hands"); proper nouns keep case
    pos: str  # from the glossary pos vocabulary, or a [TODO: part of speech ...] marker
    forms: tuple[
        str, ...
    ]  # the surface forms as they occur in the text (whole words, first case seen)
    sentence_id: str  # first sentence it occurs in
    sentence: str  # that sentence's text (NFC)
    count: int  # occurrences in the text
    zipf: float  # wordfreq.zipf_frequency(headword, "en"); phrases: wordfreq's phrase estimate
    level: str | None  # CEFR A1..C2
    level_source: str  # "CEFR-J 1.5", "Octanove C1/C2 1.0" or "estimated"
    score: float  # higher = less likely a Korean secondary student knows it
    is_expression: bool  # multi-word expression (or hyphenated compound)


# --------------------------------------------------------------------------- analysers


def load_analysers() -> None:
    """Load lemminflect, wordfreq, the CEFR lists and the expression list (once)."""
    _lemmas_of("resumed")
    _zipf("steel")
    wordlist_levels()
    _listed_words()
    _expressions()


@cache
def _all_lemmas(low: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``{upos: lemmas}`` for a lower-case word (no guessing for unknown words)."""
    return dict(_lemminflect()[0](low))


@cache
def _lemmas_of(low: str) -> frozenset[str]:
    """The word itself and every lemma it may have: used to match expressions."""
    out = {low}
    for lemmas in _all_lemmas(low).values():
        out.update(lemmas)
    return frozenset(out)


_FUNCTION_POS = {
    "pronoun",
    "preposition",
    "determiner",
    "conjunction",
    "number",
    "modal auxiliary",
    "be-verb",
    "do-verb",
    "have-verb",
    "infinitive-to",
    "interjection",
}


def _level_number(level: str | None) -> int:
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def _estimate(zipf: float) -> str:
    return "B1" if zipf >= 5.0 else "B2" if zipf >= 4.0 else "C1" if zipf >= 3.0 else "C2"


def _word_level(low: str) -> str:
    """A single word's easiest listed level in any part of speech, else the Zipf estimate."""
    listed = _listed_words().get(low)
    if listed:
        return min(listed.values(), key=_level_number)
    return _estimate(_zipf(low))


def _rarity(zipf: float) -> float:
    return 0.35 * max(0.0, min(4.0, FREQUENT - zipf))


# --------------------------------------------------------------------------- expressions


@dataclass(frozen=True)
class _Expression:
    headword: str
    words: tuple[str, ...]  # what must match (a leading optional "be" removed)
    pos: str
    curated: bool  # from data/expressions.txt (else a CEFR-list entry)
    separable: bool
    level: str | None = None  # the estimate written in data/expressions.txt, if any


_BRIDGES = {"of", "for", "and", "&"}
_PARTICLES = {
    "up",
    "down",
    "out",
    "off",
    "together",
    "back",
    "away",
    "over",
    "aside",
    "forward",
    "ahead",
}
_POSSESSIVES = {"my", "your", "his", "her", "its", "our", "their", "one's"}


@lru_cache(maxsize=1)
def _expressions() -> dict[str, tuple[_Expression, ...]]:
    """Expressions indexed by each lemma of their first word."""
    found: dict[str, _Expression] = {}
    text = (resources.files("dokhae") / "data" / "expressions.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        phrase, pos, level = ([part.strip() for part in line.split("|")] + ["", ""])[:3]
        words = tuple(phrase.lower().split())
        if words[0] == "be" and len(words) > 1:
            words = words[1:]
        separable = pos == "phrasal verb" and len(words) == 2 and words[1] in _PARTICLES
        found.setdefault(
            phrase.lower(),
            _Expression(
                phrase, words, pos or "phrase", True, separable, level if level in LEVELS else None
            ),
        )
    for table in wordlist_levels().values():
        for phrase, list_pos in table:
            if " " in phrase and list_pos in _GLOSSARY_POS and phrase not in found:
                found[phrase] = _Expression(
                    phrase, tuple(phrase.split()), _GLOSSARY_POS[list_pos], False, False
                )
    index: dict[str, list[_Expression]] = {}
    for expr in found.values():
        for lemma in _lemmas_of(expr.words[0]):
            index.setdefault(lemma, []).append(expr)
    return {k: tuple(v) for k, v in index.items()}


def _same_word(pattern: str, low: str) -> bool:
    if pattern == "one's":
        return low in _POSSESSIVES
    if pattern == low:
        return True
    return bool(_all_lemmas(pattern)) and bool(_lemmas_of(pattern) & _lemmas_of(low))


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
      (?P<acro>(?:[A-Z]\.){2,})               # U.S., U.K.
    | (?P<initial>[A-Z]\.)(?=\s+[A-Z])        # the S. of S. Korea
    | (?P<word>\w+(?:[-'’]\w+)*)
    | (?P<punct>[^\w\s])
""",
    re.VERBOSE,
)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_OPENERS = {'"', "“", "‘", "'", "(", ":", "—"}


@dataclass
class _Token:
    surface: str
    low: str
    start: int
    end: int
    kind: str  # word, acro, initial, punct
    possessive: bool = False
    initial: bool = False  # first word of the sentence (or after an opening quote)
    used: bool = False  # part of a name or of a non-compound expression

    @property
    def capitalised(self) -> bool:
        return self.kind in ("word", "initial") and self.surface[:1].isupper()

    @property
    def acronym(self) -> bool:
        if self.kind == "acro":
            return True
        letters = [c for c in self.surface if c.isalpha()]
        return self.kind == "word" and len(letters) >= 2 and all(c.isupper() for c in letters)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or ""  # every alternative of _TOKEN is a named group
        surface, start = m.group(), m.start()
        possessive = False
        if kind == "word" and _POSSESSIVE.search(surface) and len(surface) > 2:
            surface, possessive = surface[:-2], True
        token = _Token(
            surface,
            surface.lower().replace("’", "'"),
            start,
            start + len(surface),
            kind,
            possessive,
        )
        previous = next((t for t in reversed(out)), None)
        token.initial = kind != "punct" and (
            previous is None
            or previous.surface in _OPENERS
            or (previous.surface in ".!?" and previous.kind == "punct")
        )
        out.append(token)
    return out


def _known(low: str) -> bool:
    return bool(_all_lemmas(low)) or low in _listed_words()


def _title_case(tokens: list[_Token]) -> bool:
    long_words = [
        t for t in tokens if t.kind == "word" and len(t.surface) > 3 and t.surface[0].isalpha()
    ]
    return len(long_words) >= 4 and sum(t.surface[0].isupper() for t in long_words) > 0.6 * len(
        long_words
    )


# --------------------------------------------------------------------------- occurrences


@dataclass
class _Hit:
    key: str
    headword: str
    pos: str
    form: str
    index: int  # sentence index
    order: int  # position in the text, for ties
    kind: str  # word, expression, compound, hyphen, name, acronym
    level: str | None = None  # an expression's estimate from data/expressions.txt
    parts: tuple[str, ...] = ()  # a name's words
    end: int = -1  # a compound: the order of its last word
    strong: bool = False  # a compound of nouns / classifying adjectives only
    head_only: bool = False  # a word met only as the head of offered compounds
    example: bool = False  # an item of an enumeration ("steel, aluminum, cement and ...")
    keeps_words: bool = False  # a term whose words stay words ("country of origin")


class _MakeHit(Protocol):
    """Makes the :class:`_Hit` of tokens ``first``..``last`` of the sentence being read."""

    def __call__(
        self, first: int, last: int, key: str, headword: str, pos: str, kind: str, **extra: Any
    ) -> _Hit: ...


def _names(tokens: list[_Token], title_case: bool) -> list[list[int]]:
    """Runs of token indexes that make up proper nouns (capitalised sequences)."""
    runs: list[list[int]] = []
    i, n = 0, len(tokens)

    def name_word(t: _Token) -> bool:  # in a title-case headline only unknown words
        return t.capitalised and not t.acronym and not (title_case and _known(t.low))

    while i < n:
        t = tokens[i]
        if not name_word(t):
            i += 1
            continue
        if t.initial and _known(t.low):
            # "Bilateral cooperation", "The European Union": a common word, unless a
            # name goes on after it ("South Korea")
            ahead = tokens[i + 1 : i + 3]
            goes_on = bool(ahead) and (
                name_word(ahead[0])
                or (len(ahead) == 2 and ahead[0].low in ("of", "for") and name_word(ahead[1]))
            )
            if not goes_on or _zipf(t.low) > FREQUENT:
                i += 1
                continue
        run, bridged = [i], False
        j = i
        while not tokens[j].possessive and j + 1 < n:
            nxt = tokens[j + 1]
            if name_word(nxt) and not nxt.initial:
                run.append(j + 1)
                j += 1
                continue
            if nxt.low in ("of", "for") and _known(tokens[j].low):
                step = 2
            elif nxt.low in ("and", "&", ",") and bridged:
                step = 3 if j + 2 < n and tokens[j + 2].low == "and" else 2
            else:
                break
            if j + step < n and name_word(tokens[j + step]):
                bridged = bridged or nxt.low in ("of", "for")
                run.extend(range(j + 1, j + step + 1))
                j += step
            else:
                break
        runs.append(run)
        i = j + 1
    return runs


def _match(tokens: list[_Token], start: int, expr: _Expression) -> list[int] | None:
    """Token indexes of ``expr`` starting at ``start``, or None."""
    at, covered = start, []
    for k, word in enumerate(expr.words):
        if k == 1 and expr.separable:
            for gap in range(4):
                t = tokens[at + gap] if at + gap < len(tokens) else None
                if t is None or t.kind == "punct" or t.used:
                    return None
                if _same_word(word, t.low):
                    covered.append(at + gap)
                    return covered
            return None
        t = tokens[at] if at < len(tokens) else None
        if t is None or t.kind != "word" or t.used or not _same_word(word, t.low):
            return None
        if t.possessive and k < len(expr.words) - 1:
            return None
        covered.append(at)
        at += 1
    return covered


def _sentence_hits(index: int, text: str, order0: int) -> list[_Hit]:
    """Every name, acronym, expression, word and compound of one sentence.

    They are found in that order; a token taken by a name or a (non-compound) expression
    is not offered again as a word.
    """
    tokens = _tokens(text)
    title_case = _title_case(tokens)

    def hit(
        first: int, last: int, key: str, headword: str, pos: str, kind: str, **extra: Any
    ) -> _Hit:
        form = text[tokens[first].start : tokens[last].end]
        return _Hit(key, headword, pos, form, index, order0 + first, kind, **extra)

    hits = _name_hits(tokens, title_case, hit)
    hits += _expression_hits(tokens, hit)
    words = _word_hits(tokens, title_case, hit)
    for k in _enumerated(tokens):
        if k in words:
            words[k].example = True
    hits += words.values()
    hits += _compound_hits(tokens, words, hit)
    return hits


def _enumerated(tokens: list[_Token]) -> set[int]:
    """The token indexes of the items of enumerations of three or more short items
    (``steel, aluminum, cement, fertilizers, electricity and hydrogen``): examples of a
    kind, which a reader need not look up one by one."""

    def content(i: int) -> bool:
        t = tokens[i] if 0 <= i < len(tokens) else None
        return (
            t is not None
            and t.kind == "word"
            and t.low not in ("and", "or")
            and not _function_word(t.low)
            and t.low not in _DETERMINERS
        )

    def item_before(end: int) -> list[int]:
        return [i for i in (end - 1, end) if content(i)] if content(end) else []

    out: set[int] = set()
    for k, t in enumerate(tokens):
        if t.low not in ("and", "or") or not content(k + 1):
            continue
        items = [[k + 1] + ([k + 2] if content(k + 2) and not content(k + 3) else [])]
        end = k - 1 - (k > 0 and tokens[k - 1].surface == ",")
        while True:
            item = item_before(end)
            if not item or (len(item) == 2 and content(item[0] - 1)):
                break
            items.append(item)
            if end - len(item) < 0 or tokens[end - len(item)].surface != ",":
                break
            end -= len(item) + 1
        if len(items) >= 3:
            out.update(i for item in items for i in item)
    return out


def _compound_hits(tokens: list[_Token], words: dict[int, _Hit], hit: _MakeHit) -> list[_Hit]:
    """Noun compounds of the sentence (see :mod:`.phrases`), headed by the noun's lemma."""
    free = [
        (
            k,
            t.low,
            t.kind == "word"
            and not t.used
            and not any(c.isdigit() for c in t.low)
            and not _function_word(t.low)
            and t.low not in _DETERMINERS
            and t.low not in _AUXILIARIES
            and not (t.capitalised and not t.initial)
            and not (t.possessive and k + 1 < len(tokens)),
        )
        for k, t in enumerate(tokens)
        if t.kind == "word"
    ]
    out = []
    decided = {k: w.pos for k, w in words.items() if not w.pos.startswith("[TODO")}
    keeps = {
        (first, last)
        for first, last in action_spans(free)
        if decided.get(first, "adjective") == "adjective"
    }
    spans = [
        (first, last, strong or (first, last) in keeps)
        for first, last, strong in compound_spans(free, decided)
    ]
    known = {(first, last) for first, last, _ in spans}
    spans += [(first, last, True) for first, last in sorted(keeps - known)]
    lows = [t.low if t.kind == "word" else "" for t in tokens]
    free_at = {k: ok for k, _, ok in free}
    for first, last in of_phrase_spans(lows, lambda i: free_at.get(i, False)):
        keeps.add((first, last))
        spans.append((first, last, True))
    for first, last, strong in spans:
        lemma = readings(tokens[last].low).get("noun", tokens[last].low)
        phrase = " ".join([tokens[k].low for k in range(first, last)] + [lemma])
        if _verb_of_subject_before(tokens, first, last):
            continue
        for k in range(first, last + 1):  # the phrase settles its words: nouns where undecided
            word = words.get(k)
            if (
                word is not None
                and word.pos.startswith("[TODO")
                and "noun" in _marker_options(word.pos)
                and (k == last or "adjective" not in _marker_options(word.pos))
            ):
                word.pos = "noun"
                word.headword = readings(tokens[k].low)["noun"]
                word.key = word.headword.lower()
        found = hit(first, last, phrase, phrase, "noun", "compound", parts=tuple(phrase.split()))
        found.end = found.order + (last - first)
        found.strong = strong
        found.keeps_words = (first, last) in keeps
        out.append(found)
    return out


def _verb_of_subject_before(tokens: list[_Token], first: int, last: int) -> bool:
    """Is the last word of a would-be compound the verb of a plural subject before a
    prepositional phrase ("sales on a common central platform start on Feb. 1")? Its bare
    form agrees with that subject, so it is not a noun there."""
    head = tokens[last].low
    if "verb" not in readings(head) or readings(head).get("noun", head) != head:
        return False
    k = first - 1
    while (
        k >= 0
        and tokens[k].kind == "word"
        and (tokens[k].low in _DETERMINERS or set(readings(tokens[k].low)) & {"adjective"})
    ):
        k -= 1
    if k < 1 or tokens[k].low not in PREPOSITIONS or tokens[k - 1].kind != "word":
        return False
    subject = tokens[k - 1].low
    noun = readings(subject).get("noun")
    return noun is not None and noun != subject  # a plural noun


def _name_hits(tokens: list[_Token], title_case: bool, hit: _MakeHit) -> list[_Hit]:
    hits = []
    for run in _names(tokens, title_case):
        words = [
            tokens[k].low
            for k in run
            if tokens[k].kind != "punct" and tokens[k].low not in _BRIDGES
        ]
        if len(run) == 1 and words[0] in _listed_words() and not _all_lemmas(words[0]):
            continue  # Wednesday, October: listed common words
        for k in run:
            tokens[k].used = True
        name = hit(run[0], run[-1], "", "", "proper noun", "name", parts=tuple(words))
        name.key, name.headword = name.form.lower(), name.form
        hits.append(name)
    for k, t in enumerate(tokens):
        if t.acronym and not t.used:
            t.used = True
            hits.append(hit(k, k, t.surface.lower(), t.surface, "abbreviation", "acronym"))
    return hits


def _expression_hits(tokens: list[_Token], hit: _MakeHit) -> list[_Hit]:
    """Expressions of the curated and CEFR lists, longest first, never overlapping."""
    matches: list[tuple[list[int], _Expression]] = []
    table = _expressions()
    for k, t in enumerate(tokens):
        if t.kind != "word" or t.used:
            continue
        tried: set[str] = set()
        for lemma in _lemmas_of(t.low):
            for expr in table.get(lemma, ()):
                if expr.headword not in tried:
                    tried.add(expr.headword)
                    covered = _match(tokens, k, expr)
                    if covered:
                        matches.append((covered, expr))
    hits: list[_Hit] = []
    taken: set[int] = set()
    for covered, expr in sorted(matches, key=lambda m: (-len(m[1].words), m[0][0])):
        stretch = set(range(covered[0], covered[-1] + 1))
        if stretch & taken:
            continue
        taken |= stretch
        if expr.pos != "noun" or not expr.curated:  # a curated compound's words are offered too
            for k in covered:
                tokens[k].used = True
        kind = "expression" if expr.curated else "listed expression"
        hits.append(
            hit(
                covered[0],
                covered[-1],
                expr.headword.lower(),
                expr.headword,
                expr.pos,
                kind,
                level=expr.level,
            )
        )
    lows = [t.low if t.kind == "word" else "" for t in tokens]
    for first, last, head in fixed_phrase_spans(
        lows,
        lambda i: tokens[i].kind == "word" and not tokens[i].used and not tokens[i].capitalised,
    ):
        if any(tokens[i].used for i in range(first, last + 1)):
            continue
        for i in range(first, last + 1):
            tokens[i].used = True
        hits.append(hit(first, last, head, head, "idiom", "fixed"))
    for k, t in enumerate(tokens[:-1]):  # phrasal verbs not in the lists: verb + particle
        verbs = _all_lemmas(t.low).get("VERB", ())
        if (
            t.used
            or t.kind != "word"
            or not verbs
            or verbs[0] in ("be", "have", "do")
            or t.low in _AUXILIARIES
            or t.low in ("may", "might", "must", "shall", "should", "can", "could", "would")
            or (k and tokens[k - 1].low in _DETERMINERS)
        ):
            continue
        at = _particle_after(tokens, k)
        if at is None:
            continue
        t.used = tokens[at].used = True
        head = f"{verbs[0]} {tokens[at].low}"
        hits.append(hit(k, at, head, head, "phrasal verb", "pattern"))
    return hits


_CLAUSE_GOES_ON = {
    "and",
    "or",
    "but",
    "to",
    "with",
    "as",
    "in",
    "on",
    "at",
    "for",
    "from",
    "by",
    "of",
}


def _particle_after(tokens: list[_Token], k: int) -> int | None:
    """The index of the particle of a phrasal verb at ``k``: right after it ("shot up"), or
    after a short noun phrase when the particle then ends the clause ("brought the
    unions together", "phased the old tariffs out")."""

    def particle(i: int) -> bool:
        return (
            i < len(tokens)
            and tokens[i].kind == "word"
            and not tokens[i].used
            and tokens[i].low in _PARTICLES
        )

    if particle(k + 1):
        return k + 1
    for gap in range(1, 4):
        middle = tokens[k + 1 : k + 1 + gap]
        if len(middle) < gap or any(m.kind != "word" or m.used or m.possessive for m in middle):
            return None
        if middle[0].low not in OBJECT_STARTS or not all(
            m.low in _DETERMINERS or set(readings(m.low)) & {"noun", "adjective"}
            for m in middle[1:]
        ):
            return None  # the object: "the unions", "the old tariffs", "it"
        at = k + 1 + gap
        if particle(at):
            following = tokens[at + 1] if at + 1 < len(tokens) else None
            if following is None or following.kind == "punct" or following.low in _CLAUSE_GOES_ON:
                return at  # not "an edge over their rivals": a preposition there
    return None


def _word_hits(tokens: list[_Token], title_case: bool, hit: _MakeHit) -> dict[int, _Hit]:
    """Single words (and hyphenated compounds) not already part of a name or expression."""
    out: dict[int, _Hit] = {}
    before, before_pos, before_singular = "", "", False
    for k, t in enumerate(tokens):
        low = t.low if t.kind == "word" else ""
        after = tokens[k + 1].low if k + 1 < len(tokens) and tokens[k + 1].kind == "word" else ""
        word = _word(t, k, low, before, before_pos, after, title_case, hit, before_singular)
        if word is not None:
            out[k] = word
        if low and low != "not" and set(readings(low)) == {"adverb"}:
            continue  # "could gradually reshape": look past adverbs
        before = "the" if t.possessive else low  # "that year's imports": like a determiner
        before_pos = word.pos if word is not None else ("name" if t.used and t.capitalised else "")
        before_singular = word is not None and word.pos == "noun" and word.headword.lower() == low
    return out


def _word(
    t: _Token,
    k: int,
    low: str,
    before: str,
    before_pos: str,
    after: str,
    title_case: bool,
    hit: _MakeHit,
    before_singular: bool = False,
) -> _Hit | None:
    if not low or t.used or any(c.isdigit() for c in low) or len(low) < 2:
        return None
    if "-" in low:
        return hit(k, k, low, low, _hyphen_pos(low, before, after), "hyphen")
    if _zipf(low) > FREQUENT or _function_word(low):
        return None
    found = decide(
        low, before=before, before_pos=before_pos, after=after, before_singular=before_singular
    )
    if t.possessive and found.pos is None and "noun" in found.options:
        found = decide(low, before="the", after="")  # "the country's": a possessive is a noun
        found = type(found)("noun", found.options, readings(low)["noun"])
    lemma = found.lemma
    if (
        lemma == low
        and not _known(low)
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and _zipf(low[:-1]) > _zipf(low)
    ):
        lemma = low[:-1]  # "declarants": a word the dictionaries lack, seen in its plural
    if found.pos and lemma != low and listed_level(low, found.pos):
        lemma = low  # the lists have "latest", "glasses"
    if _zipf(lemma) > FREQUENT:
        return None
    if t.capitalised and not t.initial and not title_case:
        lemma = lemma[:1].upper() + lemma[1:]  # Wednesday, October: always capitalised
    return hit(k, k, lemma.lower(), lemma, found.cell, "word")


def _hyphen_pos(low: str, before: str, after: str) -> str:
    """A hyphenated compound: what the dictionaries say, else an adjective before a word
    that can be a noun (``net-zero market``) or when it ends in a participle
    (``coal-fired``), else a noun when its last word can only be one; otherwise left to
    the teacher."""
    from .pos import _known

    if _known(low):
        return decide(low, before=before, after=after).cell
    last = low.rsplit("-", 1)[-1]
    last_readings = readings(last)
    if (after and "noun" in readings(after)) or (
        last.endswith(("ed", "ing", "en")) and "verb" in last_readings
    ):
        return "adjective"
    if set(last_readings) & {"noun", "verb", "adjective", "adverb"} == {"noun"}:
        return "noun"
    return pos_marker(())


def _function_word(low: str) -> bool:
    listed = _listed_words().get(low, {})
    return (
        bool(listed)
        and all(p in _FUNCTION_POS for p in listed)
        and min(_level_number(v) for v in listed.values()) <= 2
    )


# --------------------------------------------------------------------------- ranking


def english_candidates(
    sentences: Sequence[tuple[str, str]], *, limit: int | None = None
) -> list[Candidate]:
    """(sentence_id, text) pairs in reading order -> candidates, best first.

    Text is NFC-normalised first; blank sentences are skipped (no text, no candidates).
    ``limit`` keeps the first ``limit`` candidates.
    """
    texts = [(sid, unicodedata.normalize("NFC", text or "")) for sid, text in sentences]
    hits: list[_Hit] = []
    for index, (_, text) in enumerate(texts):
        if text.strip():
            hits.extend(_sentence_hits(index, text, index * 100_000))
    grouped: dict[tuple[str, str], list[_Hit]] = {}
    for hit in hits:
        grouped.setdefault((hit.kind, hit.key), []).append(hit)
    _attach_acronyms(grouped)
    for kind, key in list(grouped):  # a listed compound is not offered twice
        if kind in ("expression", "listed expression"):
            grouped.pop(("compound", key), None)
    topics = _topic_words(texts)
    _fold_into_compounds(grouped, topics)
    for kind, key in list(grouped):  # "importer" with "import": the verb is the word to gloss
        base = _agent_base(key) if kind == "word" and key not in _listed_words() else None
        if base is not None and ("word", base) in grouped:
            del grouped[(kind, key)]
    ranked = [c for group in grouped.values() if (c := _candidate(group, texts)) is not None]
    ranked.sort(key=lambda pair: (-pair[1].score, pair[0]))
    out = [candidate for _, candidate in ranked]
    return out[:limit] if limit is not None else out


def _kept_compound(group: list[_Hit]) -> bool:
    """A compound is offered when it names a thing (nouns and classifying adjectives),
    recurs, or stands in the headline."""
    return any(h.strong for h in group) or len(group) >= 2 or any(h.index == 0 for h in group)


def _fold_into_compounds(
    grouped: dict[tuple[str, str], list[_Hit]], topics: frozenset[str] = frozenset()
) -> None:
    """Drop weak compounds, and everyday words (Zipf 4 or more) that occur only as
    modifiers of offered compounds (``blast`` of ``blast furnace``): the compound is the
    term to gloss."""
    inside: set[int] = set()
    heads: set[int] = set()
    for (kind, key), group in list(grouped.items()):
        if kind != "compound":
            continue
        parts = group[0].parts
        if all(h.keeps_words for h in group):
            continue  # "annual declaration", "country of origin": its words stay words of their own
        if all(readings(p).get("noun", p) in topics for p in parts[:-1]):
            for h in group:  # "steel trade", "carbon price": the topic word says it
                h.strong = False
        hyphened = any("-" in p for p in parts[:-1])
        if not _kept_compound(group) or (hyphened and _zipf(parts[-1]) >= EVERYDAY):
            # "volume-weighted average", "working-level officials": the term is the
            # hyphenated word, offered on its own
            del grouped[(kind, key)]
            continue
        if not any(h.strong for h in group):
            continue  # kept for recurring or in the headline; its words stay as they are
        for h in group:  # its modifiers; its head goes after the compounds
            inside.update(range(h.order, h.end))
            heads.add(h.end)
    for (kind, key), group in list(grouped.items()):
        if kind in ("word", "hyphen") and all(h.order in inside for h in group):
            del grouped[(kind, key)]
        elif kind == "word" and all(h.order in heads for h in group):
            for h in group:  # "furnace" of "blast furnace": after the compounds
                h.head_only = True


def _agent_base(low: str) -> str | None:
    """The verb of an agent noun made by rule (importer → import, trader → trade, supplier
    → supply), when the lists know that verb: a student who knows it reads the noun."""
    if not low.endswith(("er", "or")) or len(low) < 5:
        return None
    stem = low[:-2]
    for base in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else "", stem[:-1]):
        if base and "verb" in readings(base) and base in _listed_words():
            return base
    return None


def _word_score(low: str) -> float:
    score = _level_number(_word_level(low)) + _rarity(_zipf(low))
    base = None if low in _listed_words() else _agent_base(low)
    return score if base is None else min(score, _word_score(base))


def _attach_acronyms(grouped: dict[tuple[str, str], list[_Hit]]) -> None:
    """Make an acronym a form of the name it abbreviates (CBAM → Carbon Border Adjustment Mechanism)."""
    names = [group for (kind, _), group in grouped.items() if kind == "name"]
    for (kind, key), group in list(grouped.items()):
        if kind != "acronym":
            continue
        letters = "".join(c for c in group[0].headword if c.isalpha()).upper()
        for name_group in names:
            words = [w for w in re.split(r"[\s,]+", name_group[0].headword) if w]
            initials = {
                "".join(w[0] for w in words if w[0].isupper()),
                "".join(w[0] for w in words).upper(),
            }
            if letters in initials:
                name_group.extend(group)
                del grouped[(kind, key)]
                break


def _group_pos(hits: list[_Hit]) -> str:
    """The part of speech of a candidate: the one settled most often among its occurrences
    (first seen on a tie); a marker only when no occurrence settles it."""
    settled = [h for h in hits if not h.pos.startswith("[TODO")]
    if not settled:
        options = dict.fromkeys(o for h in hits for o in _marker_options(h.pos))
        return pos_marker(tuple(options))
    counts: dict[str, int] = {}
    for hit in settled:
        counts[hit.pos] = counts.get(hit.pos, 0) + 1
    return max(counts, key=lambda p: (counts[p], -min(h.order for h in settled if h.pos == p)))


def _undecided_level(headword: str, pos: str) -> str | None:
    """The easiest listed level of a word whose part of speech is left to the teacher,
    over the readings the marker names (*rule*: A1 as a noun and a verb; *covering*: its
    verb *cover* is A1): a student who knows one reading recognises the word. Used for
    the score only; the candidate's level stays the estimate until the part of speech is
    chosen."""
    low = headword.lower()
    found = [
        listed[0]
        for option in _marker_options(pos)
        if (listed := listed_level(readings(low).get(option, low), option))
    ]
    return min(found, key=_level_number) if found else None


def _marker_options(marker: str) -> list[str]:
    inner = marker.partition("part of speech")[2].strip(": ?]")
    return [o for o in inner.split(" or ") if o]


def _topic_words(texts: list[tuple[str, str]]) -> frozenset[str]:
    """The article's topic words: the nouns it uses three times or more (``steel``,
    ``carbon``, ``industry``). A compound of them and an everyday head (``steel trade``,
    ``carbon price``) says what its words say: not a term of its own."""
    counts: dict[str, int] = {}
    for _, text in texts:
        for t in _tokens(text):
            if t.kind == "word":
                noun = readings(t.low).get("noun", t.low)
                counts[noun] = counts.get(noun, 0) + 1
    return frozenset(word for word, n in counts.items() if n >= TOPIC)


def _candidate(group: list[_Hit], texts: list[tuple[str, str]]) -> tuple[int, Candidate] | None:
    """One candidate from all the hits of one key, with its first position in the text."""
    first = min(group, key=lambda h: h.order)
    kind = first.kind
    forms: dict[str, str] = {}
    for hit in sorted(group, key=lambda h: h.order):
        forms.setdefault(hit.form.lower(), hit.form)
    pos = _group_pos([h for h in group if h.kind == kind])
    headword = first.headword
    zipf = round(_zipf(headword), 2)
    listed = listed_level(headword, pos)
    level, source = listed or (None, ESTIMATED)
    if kind == "name":
        hardest = max((_level_number(_word_level(p)) for p in first.parts if _known(p)), default=0)
        level = level or LEVELS[max(hardest, 3) - 1]
        score = 1.0
        if len(first.parts) > 1 and hardest:
            score = max(
                score,
                hardest
                - 0.5
                + 0.5 * (len(first.parts) > 2)
                + 0.5 * any(h.kind == "acronym" for h in group),
            )
    elif kind == "acronym":
        level = level or _estimate(zipf)
        score = 2.5 + _rarity(zipf)
    elif kind == "word":
        level = level or _estimate(zipf)
        score = (
            min(_level_number(_undecided_level(headword, pos) or level), 3 if zipf >= COMMON else 6)
            + _rarity(zipf)
            - HEAD_ONLY * first.head_only
            - EXAMPLE * all(h.example and "noun" in (h.pos, *_marker_options(h.pos)) for h in group)
        )
        base = None if listed else _agent_base(headword.lower())
        if base is not None:  # "importer": who imports; as easy as "import"
            score = min(score, _word_score(base))
    else:
        parts = [w for w in re.split(r"[\s-]+", headword.lower()) if w and w not in ("be", "one's")]
        hardest = max(
            (_level_number(_word_level(p)) for p in parts if _known(p) or _zipf(p) < FREQUENT),
            default=4,
        )
        level = level or first.level or LEVELS[max(hardest, 4 if kind != "compound" else 3) - 1]
        bonus = {
            "expression": 1.0,
            "pattern": 0.5,
            "hyphen": 0.5 + _rarity(zipf),
            "listed expression": 0.5,
            "compound": 0.2,
            "fixed": 1.0,
        }[kind]
        score = _level_number(level) + bonus
        if kind == "compound":  # above its hardest word; a headline term near the top
            # a term of everyday words ("grace period") is B2 like an expression; above its
            # hardest word when that is harder; a headline term near the top
            strong = any(h.strong for h in group)
            score = (
                max(STRONG_COMPOUND, max(_word_score(p) for p in parts) + 0.3)
                if strong
                else WEAK_COMPOUND
            ) + 1.0 * any(h.index == 0 for h in group)
    sid, sentence = texts[first.index]
    candidate = Candidate(
        headword=headword,
        pos=pos,
        forms=tuple(forms.values()),
        sentence_id=sid,
        sentence=sentence,
        count=len(group),
        zipf=zipf,
        level=level,
        level_source=source,
        score=round(score, 3),
        is_expression=kind
        in ("expression", "pattern", "listed expression", "compound", "hyphen", "fixed"),
    )
    return first.order, candidate
