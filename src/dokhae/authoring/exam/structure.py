"""문장 삽입 and 글의 순서: items on how the article's sentences hold together.

Both are built from the article's own order, so the key rebuilds the text by
construction; what a program must add is evidence that no *other* answer fits. It is
lexical cohesion, recomputed by :mod:`dokhae.exam.proofs`:

- 삽입: every gap before the key is ruled out because the boxed sentence repeats a word
  that only the sentence just before the key introduces; every gap after it because the
  sentence after the key repeats a word that only the boxed sentence introduces. A boxed
  sentence that opens by pointing back (this, such, however, they, the ...) is preferred.
- 순서: each chunk opens with a word of the part before it; orders in which some chunk
  would open before the part it refers to are counted as ruled out, and splits that rule
  out all the other orders, at paragraph boundaries, with balanced chunks, come first.
"""

from __future__ import annotations

import random
from itertools import permutations
from typing import TypeVar

from ...exam.explain import POINTING_WORDS
from ...exam.items import ORDERS, ExamItem, InsertionItem, OrderItem, Proof
from ...exam.proofs import END, insertion_exclusions, problems
from .text import ArticleText, passage_words

STRONG = POINTING_WORDS | frozenset(
    [
        "however",
        "but",
        "also",
        "meanwhile",
        "moreover",
        "instead",
        "still",
        "yet",
        "then",
        "thus",
        "therefore",
    ]
)
"""Words that, opening a sentence, point back to what came before most surely."""
POINTERS = STRONG | {"so", "in", "as", "at", "by", "for"}
"""Words that, opening a sentence, point back to what came before (strongest first below)."""
MAX_WORDS = 190
"""The longest passage a 수능 item prints is about this many words."""


class Refused(ValueError):
    """No item of this kind can be proven on this article; the message says why."""


_Item = TypeVar("_Item", bound=ExamItem)


def proven(item: _Item, article: ArticleText) -> _Item:
    """``item`` once its proof is recomputed on the article without a problem; else
    :class:`Refused` with the problems."""
    left = problems(item, article.en)
    if left:
        raise Refused("; ".join(left))
    return item


def _pointer(article: ArticleText, sentence: str) -> str | None:
    words = article.words(sentence)
    if not words:
        return None
    first = words[0].low
    if first in STRONG:
        return words[0].text
    return words[0].text if first == "the" else None


def insertion_item(
    article: ArticleText, rng: random.Random, item_id: str = "insertion"
) -> InsertionItem:
    """A 문장 삽입 item whose every wrong gap the text rules out.

    Raises:
        Refused: the article has no sentence that fits exactly one of five gaps.
    """
    body = list(article.body)
    if len(body) < 7:
        raise Refused(
            f"the article has {len(body)} body sentences; 문장 삽입 needs at least 7 "
            "(a first sentence, the boxed one and five gaps)"
        )
    found: list[tuple[float, InsertionItem]] = []
    for j in range(2, len(body)):
        lifted = body[j]
        rest = body[:j] + body[j + 1 :]
        pointer = _pointer(article, lifted)
        for key in range(1, 6):
            first_gap = j - (key - 1)
            last_gap = first_gap + 4
            if first_gap < 1 or last_gap > len(rest):
                continue
            start, stop = first_gap - 1, min(last_gap + 1, len(rest))
            passage = tuple(rest[start:j] + [lifted] + rest[j:stop])
            if passage_words(article, passage) > MAX_WORDS:
                continue
            gaps = tuple(rest[i] if i < len(rest) else END for i in range(first_gap, last_gap + 1))
            ruled = insertion_exclusions(passage, lifted, gaps, key, article.en)
            if any(v is None for v in ruled.values()):
                continue
            proof = Proof(
                rule="insertion.rebuilds",
                sources=passage,
                links=tuple(dict.fromkeys(v for v in ruled.values() if v)),
                note=(f"opens with {pointer!r}; " if pointer else "")
                + "; ".join(f"gap {n} ruled out by {w!r}" for n, w in sorted(ruled.items())),
            )
            item = InsertionItem(
                id=item_id,
                kind="insertion",
                passage=passage,
                sentence=lifted,
                gaps=gaps,
                key=key,
                proof=proof,
            )
            score = (
                3 if pointer and pointer.lower() in STRONG else 1 if pointer else 0
            ) + rng.random()
            found.append((score, item))
    if not found:
        raise Refused(
            "no sentence of the article fits exactly one of five gaps: for each, some other gap "
            "is not ruled out by a word of the text (insertion needs cohesive sentences)"
        )
    item = max(found, key=lambda pair: pair[0])[1]
    return proven(item, article)


def _excluded(parts: list[tuple[str, ...]], article: ArticleText) -> int:
    """How many of the wrong orders of ``parts[1:]`` a cohesion word rules out."""
    content = [frozenset().union(*(article.content(s) for s in part)) for part in parts]
    firsts = [article.content(part[0]) for part in parts]
    true = (1, 2, 3)
    count = 0
    for order in permutations(true):
        if order == true:
            continue
        seen = set(content[0])
        ruled = False
        for m in order:
            # chunk m opens with a word of the part before it (truly), not yet seen in this order
            if (firsts[m] & content[m - 1]) - seen:
                ruled = True
                break
            seen |= content[m]
        count += ruled
    return count


def order_item(article: ArticleText, rng: random.Random, item_id: str = "order") -> OrderItem:
    """A 글의 순서 item: an opening and three chunks, each opening with a link to the one before.

    Raises:
        Refused: no run of the article splits into chunks that each link to the part before.
    """
    from ...exam.proofs import order_links

    best: list[tuple[float, tuple[tuple[str, ...], ...]]] = []
    for window in article.windows(4, 10):
        if passage_words(article, window) > MAX_WORDS:
            continue
        n = len(window)
        for a in range(1, 3):
            for b in range(a + 1, n - 1):
                for c in range(b + 1, n):
                    parts = [window[:a], window[a:b], window[b:c], window[c:]]
                    if max(len(p) for p in parts[1:]) > 3:
                        continue
                    if None in order_links(parts, article.en):
                        continue
                    paragraphs = sum(
                        article.paragraph[window[i - 1]] != article.paragraph[window[i]]
                        for i in (a, b, c)
                    )
                    lengths = [passage_words(article, p) for p in parts[1:]]
                    balance = min(lengths) / max(lengths)
                    score = (
                        2 * _excluded(parts, article) + paragraphs + balance + rng.random() * 0.5
                    )
                    best.append((score, tuple(parts)))
    if not best:
        raise Refused(
            "no run of 4-10 sentences splits into an opening and three chunks that each open "
            "with a word of the part before (글의 순서 needs that link)"
        )
    chosen = max(best, key=lambda pair: pair[0])[1]
    key = rng.randint(1, 5)
    chunks = dict(sorted(zip(ORDERS[key - 1], chosen[1:])))
    links = order_links(list(chosen), article.en)
    ruled = _excluded(list(chosen), article)
    item = OrderItem(
        id=item_id,
        kind="order",
        passage=tuple(s for p in chosen for s in p),
        opening=chosen[0],
        chunks=chunks,
        key=key,
        proof=Proof(
            rule="order.rebuilds",
            sources=tuple(s for p in chosen for s in p),
            links=tuple(links),
            note=f"{ruled} of the 5 other orders of the chunks are ruled out by a linking word; "
            "a teacher confirms the rest",
        ),
    )
    return proven(item, article)
