"""서술형 단어 배열 and 빈칸: written items whose answer is the article's own text.

- 단어 배열: a run of 6–9 words of one sentence (no punctuation inside, not the sentence's
  first word, ending before a punctuation mark) is blanked; its words are printed shuffled, one inflected verb given in its
  base form when there is one (〈조건〉 "필요시 어형을 바꿀 것"). Rubric: 4 points; word order
  right with one form wrong: half; a minor misspelling −1; case ignored.
- 빈칸: one word of the passage (a glossary word when the lesson has one) is blanked. When
  the word also stands elsewhere in the printed passage the stem says "본문에서 찾아 쓰시오";
  otherwise its first letter is given. Rubric: 2 points; another form of the word is
  wrong; a minor misspelling −1; case ignored.
"""

from __future__ import annotations

import random
import re

from ...exam.items import Proof, Rubric, RubricPart, Span, WrittenArrangeItem, WrittenBlankItem
from .structure import MAX_WORDS, Refused, proven
from .text import SHORT_WORDS, ArticleText, Word, passage_words

_PLAIN = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)*(?: [A-Za-z]+(?:-[A-Za-z]+)*)*$")
_PREPOSITIONS = frozenset(
    ["according", "including", "following", "regarding", "concerning", "given", "considering"]
)
"""-ing and -ed words that work as prepositions: never given in a base form."""
_OPENERS = frozenset(["to", "that", "and", "but", "which", "who", "when", "as", "than"])
"""A run that starts right after one of these words starts a phrase of its own."""
_SHORT = SHORT_WORDS


def _inflections(lemma: str) -> tuple[str, ...]:
    from lemminflect import getAllInflections

    return tuple(sorted({f for forms in getAllInflections(lemma).values() for f in forms}))


def _base(word: str) -> tuple[str, str] | None:
    """(lemma, word) when ``word`` is an inflected verb form (``held`` -> ``hold``)."""
    from lemminflect import getAllLemmas

    readings = getAllLemmas(word.lower())
    lemmas = readings.get("VERB")
    if (
        lemmas
        and set(readings) == {"VERB"}
        and lemmas[0] not in (word.lower(), "be")
        and word.lower() not in _PREPOSITIONS
    ):
        return lemmas[0], word
    return None


def _around(article: ArticleText, sentence: str, size: int = 4) -> tuple[str, ...]:
    i = article.body.index(sentence)
    start = max(0, min(i - 1, len(article.body) - size))
    window = article.body[start : start + size]
    while len(window) > 1 and passage_words(article, window) > MAX_WORDS:
        window = window[:-1] if window[-1] != sentence else window[1:]
    return window


def arrange_item(
    article: ArticleText, rng: random.Random, item_id: str = "written-arrange", points: float = 4.0
) -> WrittenArrangeItem:
    """A 단어 배열 item on a run of words of the article."""
    runs: list[tuple[float, tuple[Word, ...], tuple[str, str] | None]] = []
    for s in article.body:
        words = article.words(s)
        text = article.en[s]
        for n in range(6, 10):
            for i in range(1, len(words) - n + 1):
                run = words[i : i + n]
                chunk = text[run[0].start : run[-1].end]
                if (
                    not _PLAIN.match(chunk)
                    or run[-1].low in _SHORT
                    or not article.standalone(run[0])
                ):
                    continue
                if not article.standalone(run[-1]) or not re.match(
                    r"[,;:!?\"”]|\.\s*$|$", text[run[-1].end :]
                ):
                    continue  # the run ends where a phrase ends: before punctuation
                if sum(w.text[0].isupper() for w in run) > 1:
                    continue  # a name's words are no word-order exercise
                verbs = [b for w in run if (b := _base(w.text))]
                opens = words[i - 1].low in _OPENERS or bool(
                    re.search(r"[,;:]\s*$", text[: run[0].start])
                )
                runs.append(
                    (
                        (len(verbs) > 0) * 2 + 1.5 * opens + (n == 7) + rng.random(),
                        run,
                        verbs[0] if verbs else None,
                    )
                )
    if not runs:
        raise Refused("no sentence has a run of 6-9 words without punctuation")
    _, run, verb = max(runs, key=lambda r: r[0])
    sentence = run[0].sentence
    text = article.en[sentence]
    answer = text[run[0].start : run[-1].end]
    tokens = answer.split()
    given = list(tokens)
    if verb:
        given[given.index(verb[1])] = verb[0]
    shuffled = list(given)
    while shuffled == given:
        rng.shuffle(shuffled)
    conditions = ["주어진 단어를 모두 한 번씩만 사용할 것"]
    if verb:
        conditions.append("필요시 어형을 바꿀 것")
    conditions.append(f"{len(tokens)}단어로 쓸 것")
    other = tuple(f for f in _inflections(verb[0]) if f != verb[1].lower()) if verb else ()
    item = WrittenArrangeItem(
        id=item_id,
        kind="written_arrange",
        passage=_around(article, sentence),
        gap=Span(sentence=sentence, start=run[0].start, end=run[-1].end, text=answer),
        words=tuple(shuffled),
        conditions=tuple(conditions),
        points=points,
        rubric=Rubric(
            mode="arrange",
            parts=(RubricPart(label="(A)", answer=answer, points=points, other_forms=other),),
        ),
        proof=Proof(
            rule="source.text",
            sources=(sentence,),
            original=answer,
            note=f"{verb[0]} is given for {verb[1]}" if verb else "",
        ),
    )
    return proven(item, article)


def written_blank_item(
    article: ArticleText,
    rng: random.Random,
    passage: tuple[str, ...] | None = None,
    item_id: str = "written-blank",
    points: float = 2.0,
) -> WrittenBlankItem:
    """A 빈칸 (서술형) item on one word of the passage."""
    window = passage or next(
        (w for w in article.windows(4, 6) if passage_words(article, w) <= MAX_WORDS),
        article.body[:4],
    )
    glossary = {f.lower() for f in article.glossary_forms if " " not in f}
    candidates = []
    for s in window:
        for w in article.words(s):
            if not w.text.islower() or len(w.text) < 6 or not article.standalone(w):
                continue
            elsewhere = sum(
                1 for o in window if o != s and re.search(rf"\b{w.text}\b", article.en[o])
            )
            score = (
                (2 if w.low in glossary else 0)
                + (1 if elsewhere else 0)
                + len(w.text) / 20
                + rng.random()
            )
            candidates.append((score, w, elsewhere > 0))
    if not candidates:
        raise Refused("the passage has no word of six letters or more to blank")
    _, word, elsewhere = max(candidates, key=lambda c: c[0])
    from lemminflect import getAllLemmas

    lemmas = [lemma for ls in getAllLemmas(word.low).values() for lemma in ls]
    other = tuple(sorted({f for lemma in lemmas for f in _inflections(lemma)} - {word.low}))
    item = WrittenBlankItem(
        id=item_id,
        kind="written_blank",
        passage=window,
        gap=Span(sentence=word.sentence, start=word.start, end=word.end, text=word.text),
        first_letter=not elsewhere,
        points=points,
        rubric=Rubric(
            mode="words",
            parts=(RubricPart(label="(A)", answer=word.text, points=points, other_forms=other),),
        ),
        proof=Proof(
            rule="source.text",
            sources=(word.sentence,),
            original=word.text,
            note="the word also stands elsewhere in the passage"
            if elsewhere
            else "the first letter is given; a teacher adds other words that fit to `accept`",
        ),
    )
    return proven(item, article)
