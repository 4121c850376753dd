"""어법 (and 서술형 어법 고쳐쓰기): real forms of the article underlined, some broken by a named rule.

Every underlined span is a form of the (correct) article that a school grammar point is
about; the broken ones are changed by exactly one rule, their forms made with lemminflect:

=================  ======================================================  ===================
rule               where (in the article)                                  broken into
=================  ======================================================  ===================
agreement 수일치    is/are, was/were, has/have; a verb in -s after a noun   the other number
participle 분사     a participle after a form of *be* (passive/progressive)  -ing <-> -ed/-en
that_what          *that* (complementizer, relative, determiner)           what
adjective_adverb   an adverb in -ly whose adjective is a word              the adjective
finite_verbal      a past-tense main verb after its subject, before        the -ing form
                   its object (*the, a, their, to ...*)
tense              a past verb in a sentence with a definite past time     has/have + past
                   (*in 2018, last Thursday, on Wednesday, ... ago*)       participle
=================  ======================================================  ===================

The finders are deliberately narrow (no parser): a span is offered only where the context
words make its function clear, and the teacher reviews every draft.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ...exam.items import (
    GRAMMAR_RULES,
    LETTERED,
    GrammarItem,
    Proof,
    Rubric,
    RubricPart,
    Span,
    WrittenGrammarItem,
)
from ...exam.proofs import rule_shape
from ..pos import MODALS
from .structure import MAX_WORDS, Refused, proven
from .text import ARTICLES, POSSESSIVES, ArticleText, Word, _words, passage_words

_BE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_AUX = _BE | MODALS | frozenset(["has", "have", "had", "do", "does", "did", "to"])
_DET = ARTICLES | POSSESSIVES | frozenset(["that", "ways", "how"])
_NOT_SUBJECT = (
    _AUX
    | _DET
    | frozenset(
        [
            "and",
            "or",
            "but",
            "of",
            "in",
            "on",
            "at",
            "for",
            "with",
            "by",
            "from",
            "as",
            "than",
            "not",
        ]
    )
)
_AGREE = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has"}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
PAST_TIME = re.compile(
    rf"\b(?:in (?:(?:{_MONTHS}) )?(?:19|20)\d\d|last (?:week|month|year|{_DAYS}|{_MONTHS})|"
    rf"on (?:{_DAYS})|\d+ (?:days|weeks|months|years) ago|yesterday)\b"
)


@dataclass(frozen=True)
class Form:
    """An underlinable form: the span, the rule it tests, and its broken text."""

    sentence: str
    start: int
    end: int
    text: str
    rule: str
    broken: str

    def span(self, broken: bool = False) -> Span:
        return Span(
            sentence=self.sentence,
            start=self.start,
            end=self.end,
            text=self.broken if broken else self.text,
            rule=self.rule,
        )


@cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


@cache
def _inflect(lemma: str, tag: str) -> str | None:
    from lemminflect import getInflection

    forms = getInflection(lemma, tag)
    return forms[0] if forms else None


def _verb_lemma(word: str) -> str | None:
    lemmas = _lemmas(word.lower()).get("VERB")
    return lemmas[0] if lemmas else None


def _keep_case(template: str, word: str) -> str:
    return word[:1].upper() + word[1:] if template[:1].isupper() else word


def _adjective_of(adverb: str) -> str | None:
    w = adverb.lower()
    guesses = []
    if w.endswith("ily"):
        guesses.append(w[:-3] + "y")
    if w.endswith(("bly", "ply")):
        guesses.append(w[:-1] + "e")
    if w.endswith("lly"):
        guesses.append(w[:-2])
    guesses.append(w[:-2])
    for g in guesses:
        if len(g) >= 3 and "ADJ" in _lemmas(g) and rule_shape("adjective_adverb", w, g):
            return g
    return None


def forms_in(article: ArticleText, sentence: str) -> tuple[Form, ...]:
    """The underlinable forms of one sentence, each with the rule it tests and its broken text."""
    return _forms(sentence, article.en[sentence])


@lru_cache(maxsize=4096)
def _forms(sentence: str, text: str) -> tuple[Form, ...]:
    words = _words(sentence, text)
    past_time = bool(PAST_TIME.search(text))
    out: list[Form] = []

    def add(first: Word, last: Word, rule: str, broken: str | None) -> None:
        original = text[first.start : last.end]
        if broken and broken.lower() != original.lower() and rule_shape(rule, original, broken):
            out.append(
                Form(sentence, first.start, last.end, original, rule, _keep_case(original, broken))
            )

    finite_seen = False  # a finite verb (or auxiliary) already stands before: later -ed/-s words are not main verbs
    for i, w in enumerate(words):
        low = w.low
        if i and words[i - 1].low in _AUX - {"to"}:
            finite_seen = True
        prev = words[i - 1].low if i else ""
        nxt = words[i + 1].low if i + 1 < len(words) else ""
        if not w.text.isalpha():
            continue
        if low in _AGREE and prev not in ("there", "here"):
            add(w, w, "agreement", _AGREE[low])
            if past_time and low in ("was", "were") and i + 1 < len(words):
                lemma = _verb_lemma(words[i + 1].text)
                participle = lemma and _inflect(lemma, "VBN")
                if participle == words[i + 1].low:
                    aux = "has been" if low == "was" else "have been"
                    add(w, words[i + 1], "tense", f"{aux} {participle}")
            continue
        if low == "that" and prev not in ("so", "such", "now", "than", "and", "of"):
            add(w, w, "that_what", "what")
            continue
        if low.endswith("ly") and "ADV" in _lemmas(low):
            adjective = _adjective_of(low)
            if adjective:
                add(w, w, "adjective_adverb", adjective)
            continue
        lemma = _verb_lemma(low)
        if lemma is None or w.text[0].isupper():
            continue
        if prev in _BE:
            if low == _inflect(lemma, "VBN") and not low.endswith("ing"):
                add(w, w, "participle", _inflect(lemma, "VBG"))
            elif low == _inflect(lemma, "VBG"):
                add(w, w, "participle", _inflect(lemma, "VBN"))
            continue
        if finite_seen or not i or prev in _NOT_SUBJECT:
            continue
        if low == _inflect(lemma, "VBZ") and nxt in _DET | {"for"}:  # not "exports to": a noun
            finite_seen = True
            add(w, w, "agreement", _inflect(lemma, "VBP"))
            continue
        if low == _inflect(lemma, "VBD") and nxt in _DET | {"to", "that"}:
            finite_seen = True
            if past_time:
                aux = "have" if prev.endswith("s") and not prev.endswith("ss") else "has"
                add(w, w, "tense", f"{aux} {_inflect(lemma, 'VBN')}")
            add(w, w, "finite_verbal", _inflect(lemma, "VBG"))
    return tuple(out)


def _choose(
    article: ArticleText, rng: random.Random, broken_count: int, smallest: int = 3
) -> tuple[tuple[str, ...], list[list[Form]], dict[int, Form]]:
    """A passage and five forms in it (different words), ``broken_count`` of them of different rules."""
    options: list[tuple[float, tuple[str, ...], dict[tuple[str, int], list[Form]]]] = []
    for window in article.windows(smallest, 9):
        if passage_words(article, window) > MAX_WORDS:
            continue
        forms = [f for s in window for f in forms_in(article, s)]
        # one form per span (a span may carry two rules: keep both as choices to break)
        spans: dict[tuple[str, int], list[Form]] = {}
        for f in forms:
            spans.setdefault((f.sentence, f.start), []).append(f)
        if len({fs[0].text.lower() for fs in spans.values()}) < 5:
            continue
        rules = {f.rule for f in forms}
        if len(rules) < broken_count + 1:
            continue
        options.append((len(rules) + 1.5 * rng.random(), window, spans))
    if not options:
        raise Refused(
            "the article has no passage with five different underlinable words of at least "
            f"{broken_count + 1} grammar rules ({', '.join(GRAMMAR_RULES)})"
        )
    _, window, spans = max(options, key=lambda o: o[0])
    keys = list(spans)
    rng.shuffle(keys)
    chosen: list[list[Form]] = []
    used_rules: set[str] = set()
    used_words: set[str] = set()

    def apart(
        k: tuple[str, int],
    ) -> bool:  # underlines never touch: at least one word between two of them
        f = spans[k][0]
        return all(
            c[0].sentence != f.sentence or f.start > c[0].end + 1 or c[0].start > f.end + 1
            for c in chosen
        )

    for k in (
        keys
    ):  # spread the rules and the words: first the spans with a rule and a word not yet chosen
        word = spans[k][0].text.lower()
        if (
            len(chosen) < 5
            and word not in used_words
            and apart(k)
            and any(f.rule not in used_rules for f in spans[k])
        ):
            chosen.append(spans[k])
            used_rules |= {f.rule for f in spans[k]}
            used_words.add(word)
    for k in keys:
        word = spans[k][0].text.lower()
        if len(chosen) < 5 and spans[k] not in chosen and word not in used_words and apart(k):
            chosen.append(spans[k])
            used_words.add(word)
    if len(chosen) < 5:
        raise Refused("the passage has fewer than five underlinable forms apart from each other")
    order = {s: i for i, s in enumerate(window)}
    chosen.sort(key=lambda fs: (order[fs[0].sentence], fs[0].start))
    # the broken ones: different rules, by the seed
    picks: list[tuple[int, Form]] = []
    for n in rng.sample(range(5), 5):
        free = [f for f in chosen[n] if f.rule not in {p.rule for _, p in picks}]
        if free and len(picks) < broken_count:
            picks.append((n, rng.choice(free)))
    if len(picks) < broken_count:
        raise Refused("the underlined forms do not allow broken forms of different rules")
    return window, chosen, dict(picks)


def grammar_item(article: ArticleText, rng: random.Random, item_id: str = "grammar") -> GrammarItem:
    """An 어법 item: five real forms underlined, exactly one broken by a named rule."""
    window, chosen, broken = _choose(article, rng, 1)
    ((n, form),) = broken.items()
    marks = tuple(form.span(True) if i == n else fs[0].span() for i, fs in enumerate(chosen))
    item = GrammarItem(
        id=item_id,
        kind="grammar",
        passage=window,
        marks=marks,
        key=n + 1,
        proof=Proof(
            rule=f"grammar.{form.rule}",
            sources=(form.sentence,),
            original=form.text,
            changed=form.broken,
        ),
    )
    return proven(item, article)


def written_grammar_item(
    article: ArticleText,
    rng: random.Random,
    item_id: str = "written-grammar",
    broken_count: int = 2,
    points: float = 2.0,
) -> WrittenGrammarItem:
    """어법 고쳐쓰기: five forms ⓐ..ⓔ, ``broken_count`` broken by different rules; the rubric
    gives ``points`` for each corrected form (case ignored; a minor misspelling −1)."""
    window, chosen, broken = _choose(article, rng, broken_count)
    marks = tuple(
        broken[i].span(True) if i in broken else fs[0].span() for i, fs in enumerate(chosen)
    )
    parts = tuple(
        RubricPart(label=LETTERED[i], answer=f.text, points=points, other_forms=(f.broken,))
        for i, f in sorted(broken.items())
    )
    item = WrittenGrammarItem(
        id=item_id,
        kind="written_grammar",
        passage=window,
        marks=marks,
        rubric=Rubric(mode="words", parts=parts),
        points=points * len(parts),
        proof=Proof(
            rule="grammar." + "+".join(f.rule for _, f in sorted(broken.items())),
            sources=tuple(f.sentence for _, f in sorted(broken.items())),
            original="; ".join(f.text for _, f in sorted(broken.items())),
            changed="; ".join(f.broken for _, f in sorted(broken.items())),
        ),
    )
    return proven(item, article)
