"""어휘: five words of the article underlined, one replaced by its contrast word.

The replacement comes from the curated pairs of ``dokhae/data/contrasts.txt`` (both
directions), inflected like the word it replaces (lemminflect), so that the sentence says
the opposite or loses its sense. Whether it really breaks the sense in this context is the
teacher's call: the item stays a draft until approved. The other four underlined words are
content words of other sentences of the passage, left as they are.
"""

from __future__ import annotations

import random
from functools import cache, lru_cache
from importlib import resources

from ...exam.items import Proof, VocabularyItem
from ...exam.proofs import FUNCTION_WORDS
from ..pos import MODALS
from .structure import MAX_WORDS, Refused, proven
from .text import ARTICLES, POSSESSIVES, ArticleText, Word, passage_words

_UPOS = {"verb": "VERB", "noun": "NOUN", "adjective": "ADJ", "adverb": "ADV"}
_STOP = FUNCTION_WORDS | {"first"}


@lru_cache(maxsize=1)
def contrasts() -> dict[tuple[str, str], str]:
    """``{(word, upos): contrast word}`` from ``contrasts.txt``, both directions."""
    out: dict[tuple[str, str], str] = {}
    text = (resources.files("dokhae") / "data" / "contrasts.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b, pos = (x.strip() for x in line.split("|"))
        out.setdefault((a, _UPOS[pos]), b)
        out.setdefault((b, _UPOS[pos]), a)
    return out


_DETERMINERS = ARTICLES | POSSESSIVES | frozenset(["each", "every", "no"])
_VERB_BEFORE = MODALS | {"to"}


def _replacement(word: Word, before: str) -> tuple[str, str] | None:
    """(the contrast word inflected like ``word``, the lemma pair) or None.

    ``before``: the word before it; after a determiner a word is not read as a verb, after
    *to* or a modal not as a noun."""
    found = _contrast_of(word.low)
    if found is None:
        return None
    form, pair, upos = found
    if (upos == "VERB" and before in _DETERMINERS) or (upos == "NOUN" and before in _VERB_BEFORE):
        return None
    return form, pair


@cache
def _contrast_of(low: str) -> tuple[str, str, str] | None:
    from lemminflect import getAllInflections, getAllLemmas, getInflection

    table = contrasts()
    if (low, "ADJ") in table or (low, "ADV") in table:
        upos = "ADJ" if (low, "ADJ") in table else "ADV"
        return table[(low, upos)], f"{low}/{table[(low, upos)]}", upos
    for upos, lemmas in getAllLemmas(low).items():
        for lemma in lemmas:
            other = table.get((lemma, upos))
            if other is None:
                continue
            table_forms = getAllInflections(lemma, upos=upos)
            # the tag whose main form the word is first (cooperation: NN, not the NNS that repeats it)
            tags = sorted(
                (t for t, forms in table_forms.items() if low in forms),
                key=lambda t: table_forms[t][0] != low,
            )
            for tag in tags:
                form = getInflection(other, tag)
                if form:
                    return form[0], f"{lemma}/{other}", upos
    return None


def vocabulary_item(
    article: ArticleText, rng: random.Random, item_id: str = "vocabulary"
) -> VocabularyItem:
    """An 어휘 item: five underlined words, one replaced by its contrast word."""
    options = []
    for window in article.windows(4, 9):
        if passage_words(article, window) > MAX_WORDS:
            continue
        targets = [
            (w, r)
            for s in window
            for i, w in enumerate(article.words(s))
            if w.text.islower()
            and article.standalone(w)
            and (r := _replacement(w, article.words(s)[i - 1].low if i else ""))
        ]
        if not targets:
            continue
        options.append((len(window) + rng.random(), window, targets))
    if not options:
        raise Refused(
            "no word of the article has a contrast word in contrasts.txt to replace it with"
        )
    _, window, targets = max(options, key=lambda o: o[0])
    target, (changed, pair) = rng.choice(targets)
    others = [
        w
        for s in window
        if s != target.sentence
        for w in article.words(s)
        if w.text.islower() and len(w.text) >= 5 and w.low not in _STOP and article.standalone(w)
    ]
    by_sentence: dict[str, list[Word]] = {}
    for w in others:
        by_sentence.setdefault(w.sentence, []).append(w)
    sentences = list(by_sentence)
    rng.shuffle(sentences)
    picked = [rng.choice(by_sentence[s]) for s in sentences[:4]]
    if len(picked) < 4:
        raise Refused("the passage has too few sentences with content words to underline")
    order = {s: i for i, s in enumerate(window)}
    words = sorted([target, *picked], key=lambda w: (order[w.sentence], w.start))
    marks = tuple(
        {
            "sentence": w.sentence,
            "start": w.start,
            "end": w.end,
            "text": changed if w is target else w.text,
            "rule": "contrast" if w is target else None,
        }
        for w in words
    )
    item = VocabularyItem(
        id=item_id,
        kind="vocabulary",
        passage=window,
        marks=marks,
        key=words.index(target) + 1,
        proof=Proof(
            rule="vocabulary.contrast",
            sources=(target.sentence,),
            original=target.text,
            changed=changed,
            note=f"pair {pair} from contrasts.txt; a teacher confirms that the "
            "replacement breaks the sense here",
        ),
    )
    return proven(item, article)
