"""The article as the exam generators read it: body sentences in order, words with offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...exam.proofs import content_words
from ...lesson import Article, Lesson, todo_marker

ARTICLES = frozenset(["a", "an", "the"])
POSSESSIVES = frozenset(["their", "its", "his", "her", "our", "this", "these", "those"])
"""Possessive and demonstrative determiners (*that* is left out: it is as often a conjunction)."""
SHORT_WORDS = ARTICLES | frozenset(
    ["of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by", "from", "as"]
    + ["is", "are", "was", "were", "be"]
)
"""Articles, prepositions, conjunctions and *be*: words a phrase neither ends nor centres on."""

WORD = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?")


@dataclass(frozen=True)
class Word:
    sentence: str
    start: int
    end: int
    text: str
    index: int  # position among the words of its sentence

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class ArticleText:
    """What the generators need of a lesson: the body's sentence ids in reading order, the
    English and Korean text of every sentence, each sentence's paragraph, the headline."""

    body: tuple[str, ...]
    en: dict[str, str]
    ko: dict[str, str] = field(default_factory=dict)
    paragraph: dict[str, str] = field(default_factory=dict)
    headline: str | None = None
    glossary_forms: tuple[str, ...] = ()

    @classmethod
    def of(cls, lesson: Lesson | Article | Any) -> ArticleText:
        """From a :class:`~dokhae.lesson.Lesson` or an :class:`~dokhae.lesson.Article`, or
        anything with an ``article`` and a ``glossary`` (:class:`.bank.LessonText`)."""
        article: Article = lesson if isinstance(lesson, Article) else lesson.article
        body = tuple(s.id for p in article.body for s in p.sentences)
        sentences = article.sentences
        untranslated = [i for i in body if todo_marker(sentences[i].en)]
        if untranslated:
            raise ValueError(
                f"article.en.md of {article.meta.slug} still has untranslated sentences ({', '.join(untranslated)}): "
                "exam items are made from the English text, so write those sentences first"
            )
        headline = next((p.text("en") for p in article.paragraphs if p.kind == "headline"), None)
        forms = tuple(
            f
            for e in getattr(lesson, "glossary", ())
            for f in e.forms
            if e.audience in ("en", "both")
        )
        return cls(
            body=body,
            en={i: s.en for i, s in sentences.items()},
            ko={i: s.ko for i, s in sentences.items() if s.ko and "[TODO" not in s.ko},
            paragraph={i: s.paragraph for i, s in sentences.items()},
            headline=headline,
            glossary_forms=forms,
        )

    @classmethod
    def from_sentences(
        cls, sentences: Iterable[tuple[str, str]], korean: Mapping[str, str] | None = None
    ) -> ArticleText:
        """From ``(id, English text)`` pairs in reading order (``h1`` headline, ``p<N>s<M>``
        body), e.g. :meth:`dokhae.authoring.SegmentedArticle.sentences`, and optionally
        ``{id: Korean text}``."""
        pairs = [(i, unicodedata.normalize("NFC", text)) for i, text in sentences]
        en = dict(pairs)
        return cls(
            body=tuple(i for i, _ in pairs if i.startswith("p")),
            en=en,
            ko={i: unicodedata.normalize("NFC", t) for i, t in (korean or {}).items()},
            paragraph={i: i.split("s")[0] if i.startswith("p") else i for i in en},
            headline=en.get("h1"),
        )

    def words(self, sentence: str) -> tuple[Word, ...]:
        return _words(sentence, self.en[sentence])

    def standalone(self, word: Word) -> bool:
        """Not part of a hyphenated compound (``working`` in ``working-level``)."""
        text = self.en[word.sentence]
        return text[word.start - 1 : word.start] != "-" and text[word.end : word.end + 1] != "-"

    def content(self, sentence: str) -> frozenset[str]:
        return content_words(self.en[sentence])

    def windows(self, smallest: int, largest: int) -> Iterator[tuple[str, ...]]:
        """Every run of ``smallest``..``largest`` consecutive body sentences."""
        for start in range(len(self.body)):
            for size in range(smallest, largest + 1):
                if start + size <= len(self.body):
                    yield self.body[start : start + size]


@lru_cache(maxsize=4096)
def _words(sentence: str, text: str) -> tuple[Word, ...]:
    return tuple(
        Word(sentence, m.start(), m.end(), m.group(0), n) for n, m in enumerate(WORD.finditer(text))
    )


def passage_words(article: ArticleText, passage: tuple[str, ...]) -> int:
    return sum(len(article.words(s)) for s in passage)
