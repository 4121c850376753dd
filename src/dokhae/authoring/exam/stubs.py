"""Items a program cannot make honestly, drafted as stubs the teacher completes.

Like the question stubs of ``dokhae lesson new`` (:data:`dokhae.lesson.STUB_KEY`), each
carries ``todo:`` saying what to write; ``[TODO: ...]`` marks each missing text. What the
article proves is filled in: the real headline as the 제목 key, the original phrase as the
빈칸 key, the passage of every stub.
"""

from __future__ import annotations

import random
import re

from ...exam.items import (
    BlankItem,
    IrrelevantItem,
    Proof,
    Rubric,
    RubricPart,
    Span,
    SummaryItem,
    TitleItem,
    WrittenSummaryItem,
)
from ..pos import MODALS
from .structure import MAX_WORDS, Refused
from .text import POSSESSIVES, SHORT_WORDS, ArticleText, passage_words

DISTRACTOR = "[TODO: a wrong option]"
_STOP = (
    SHORT_WORDS
    | MODALS
    | POSSESSIVES
    | frozenset(
        ["been", "he", "she", "him", "it", "they", "them", "we", "us", "you", "that", "said"]
        + ["says", "according", "also", "after", "before", "over", "under", "into", "than"]
        + ["more", "most", "whether", "not", "now", "what", "which", "who", "how", "when"]
        + ["where", "while"]
    )
)


def _passage(article: ArticleText, start: int = 0) -> tuple[str, ...]:
    body = article.body[start:]
    window: tuple[str, ...] = ()
    for s in body:
        if window and passage_words(article, window + (s,)) > MAX_WORDS:
            break
        window += (s,)
    return window


def title_stub(article: ArticleText, rng: random.Random, item_id: str = "title") -> TitleItem:
    """제목: the headline as the key at a seeded position, four distractors to write."""
    if not article.headline:
        raise Refused("the article has no headline (h1) to be the key of a title item")
    key = rng.randint(1, 5)
    options = [DISTRACTOR] * 5
    options[key - 1] = article.headline
    return TitleItem(
        id=item_id,
        kind="title",
        passage=_passage(article),
        options=tuple(options),
        key=key,
        proof=Proof(rule="source.headline", sources=("h1",), original=article.headline),
        todo="write four titles that do not fit the whole passage (each plausible from a part of it, "
        "of the headline's length and style); a headline of another lesson may serve, marked for "
        "review; then delete this line",
    )


def _nominal(word: str) -> bool:
    """A word that can stand in a noun phrase (a noun or adjective reading), per lemminflect."""
    from lemminflect import getAllLemmas

    return bool({"NOUN", "ADJ"} & set(getAllLemmas(word))) or word.endswith(
        "ing"
    )  # emissions *trading* system


def _noun(word: str) -> bool:
    from lemminflect import getAllLemmas

    return "NOUN" in getAllLemmas(word)


def _key_phrase(article: ArticleText, passage: tuple[str, ...]) -> tuple[str, int, int]:
    """(sentence, start, end) of the phrase to blank: a glossary expression, else the longest
    run of 2-4 content words of the passage's first sentence that read as a noun phrase."""
    for s in passage:
        for form in sorted(article.glossary_forms, key=len, reverse=True):
            if " " in form and not form[0].isupper():
                m = re.search(rf"\b{re.escape(form)}\b", article.en[s])
                if m:
                    return s, m.start(), m.end()
    first = passage[0]
    words = list(article.words(first))
    best = None
    for i in range(len(words)):
        for n in (4, 3, 2):
            run = words[i : i + n]
            if (
                len(run) == n
                and all(w.low not in _STOP and w.text.islower() and _nominal(w.low) for w in run)
                and _noun(run[-1].low)
            ):
                text = article.en[first][run[0].start : run[-1].end]
                if re.fullmatch(r"[a-z]+(?:[ -][a-z]+)*", text) and (
                    best is None or len(text) > best[2] - best[1]
                ):
                    best = (first, run[0].start, run[-1].end)
                break
    if best is None:
        raise Refused(
            "no phrase of two or more content words to blank in the passage's first sentence"
        )
    return best


def blank_stub(article: ArticleText, rng: random.Random, item_id: str = "blank") -> BlankItem:
    """빈칸: the original phrase as the key, four distractor phrases to write."""
    passage = _passage(article)
    sentence, start, end = _key_phrase(article, passage)
    phrase = article.en[sentence][start:end]
    key = rng.randint(1, 5)
    options = [DISTRACTOR] * 5
    options[key - 1] = phrase
    return BlankItem(
        id=item_id,
        kind="blank",
        passage=passage,
        gap=Span(sentence=sentence, start=start, end=end, text=phrase),
        options=tuple(options),
        key=key,
        proof=Proof(rule="source.phrase", sources=(sentence,), original=phrase),
        todo="write four phrases that do not fit the gap but cannot be ruled out without reading the "
        "passage (same length and form as the key); or choose a better gap; then delete this line",
    )


def summary_stub(article: ArticleText, rng: random.Random, item_id: str = "summary") -> SummaryItem:
    return SummaryItem(
        id=item_id,
        kind="summary",
        passage=_passage(article),
        key=rng.randint(1, 5),
        summary="[TODO: one sentence summing up the passage, with (A) and (B) where two key words go]",
        options=tuple(("[TODO: (A)]", "[TODO: (B)]") for _ in range(5)),
        todo="write the summary sentence with the blanks (A) and (B), and five pairs of words, the keyed "
        "pair true to the passage; then delete this line",
    )


def irrelevant_stub(
    article: ArticleText, rng: random.Random, item_id: str = "irrelevant"
) -> IrrelevantItem:
    passage = _passage(article)
    if len(passage) < 5:
        raise Refused("무관한 문장 needs a passage of at least five sentences")
    key = rng.randint(1, 5)
    numbered = list(passage[1:5])
    numbered.insert(key - 1, "inserted")
    return IrrelevantItem(
        id=item_id,
        kind="irrelevant",
        passage=passage[:5],
        numbered=tuple(numbered),
        key=key,
        inserted="[TODO: a sentence on the passage's topic that breaks its flow]",
        todo=f"write the sentence that does not belong (about the topic, but off the line of the passage) "
        f"to stand as {'①②③④⑤'[key - 1]}; then delete this line",
    )


def written_summary_stub(
    article: ArticleText, rng: random.Random, item_id: str = "written-summary"
) -> WrittenSummaryItem:
    todo_word = "[TODO: a word of the passage]"
    return WrittenSummaryItem(
        id=item_id,
        kind="written_summary",
        passage=_passage(article),
        points=4.0,
        summary="[TODO: one sentence summing up the passage, with (A) and (B) for two words of the passage]",
        rubric=Rubric(
            mode="words",
            parts=(
                RubricPart(label="(A)", answer=todo_word, points=2.0),
                RubricPart(label="(B)", answer=todo_word, points=2.0),
            ),
        ),
        todo="write the summary with (A) and (B) and, in the rubric, the words of the passage that fill "
        "them (forms as the summary needs them); then delete this line",
    )
