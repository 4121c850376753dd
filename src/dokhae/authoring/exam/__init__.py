"""Drafting 수능·내신 exam items from a lesson's article: :func:`draft_items`.

Each kind a program can make honestly has a generator that builds the item from the
article's own text and checks its proof with :func:`dokhae.exam.proofs.problems` before
returning it; a kind that cannot be proven on this article is refused with the reason
(:class:`Refusal`), never drafted anyway. The kinds that need a writer are drafted as
stubs (``todo:``) with what the article does prove filled in. Every item is a draft
(``status: {state: draft}``) until a teacher approves it.

===================  =========================================  ======================
kind                 made from                                   module
===================  =========================================  ======================
insertion 문장 삽입    a sentence lifted; five gaps                 structure
order 글의 순서        an opening and three chunks                  structure
grammar 어법          five real forms, one broken by a rule        grammar
vocabulary 어휘       five words, one replaced by its contrast     vocabulary
chart 도표            a table of the CBAM reference data           chart
facts 내용 불일치       five sentences, one number/date changed      facts
written_grammar      five forms ⓐ–ⓔ, two broken (서술형)           grammar
written_arrange      a run of words to arrange, 〈조건〉 (서술형)     written
written_blank        one word blanked (서술형)                     written
title, blank,        stubs: the headline / the original phrase    stubs
summary, irrelevant, as keys where the article gives them
written_summary
===================  =========================================  ======================

Needs the author extra (lemminflect) for 어법, 어휘 and the 서술형 kinds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...exam.items import EXAM_ITEMS_KEY, KINDS
from ...lesson import Article, Lesson
from . import chart, facts, grammar, structure, stubs, vocabulary, written
from .bank import LessonText, dump_items
from .structure import Refused
from .text import ArticleText

__all__ = [
    "GENERATED",
    "STUBS",
    "ArticleText",
    "ExamDraft",
    "Refusal",
    "Refused",
    "draft_items",
    "load_analysers",
]

GENERATED = (
    "insertion",
    "order",
    "grammar",
    "vocabulary",
    "chart",
    "facts",
    "written_grammar",
    "written_arrange",
    "written_blank",
)
"""The kinds a program makes with a proven key."""
STUBS = ("title", "blank", "summary", "irrelevant", "written_summary")
"""The kinds drafted as stubs for the teacher to complete."""


@dataclass(frozen=True)
class Refusal:
    """A kind that could not be drafted, and why."""

    kind: str
    reason: str


@dataclass(frozen=True)
class ExamDraft:
    items: tuple
    refused: tuple[Refusal, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.kind for i in self.items))

    def yaml(self) -> str:
        """The items as the ``exam_items:`` block of an exercises file."""
        return f"{EXAM_ITEMS_KEY}:\n" + dump_items(self.items)


def _makers(
    article: ArticleText, table: str | None
) -> dict[str, Callable[[random.Random, str], object]]:
    return {
        "insertion": lambda r, i: structure.insertion_item(article, r, i),
        "order": lambda r, i: structure.order_item(article, r, i),
        "grammar": lambda r, i: grammar.grammar_item(article, r, i),
        "vocabulary": lambda r, i: vocabulary.vocabulary_item(article, r, i),
        "chart": lambda r, i: chart.chart_item(table or r.choice(sorted(chart.tables())), r, i),
        "facts": lambda r, i: facts.fact_item(article, r, i),
        "written_grammar": lambda r, i: grammar.written_grammar_item(article, r, i),
        "written_arrange": lambda r, i: written.arrange_item(article, r, i),
        "written_blank": lambda r, i: written.written_blank_item(article, r, item_id=i),
        "title": lambda r, i: stubs.title_stub(article, r, i),
        "blank": lambda r, i: stubs.blank_stub(article, r, i),
        "summary": lambda r, i: stubs.summary_stub(article, r, i),
        "irrelevant": lambda r, i: stubs.irrelevant_stub(article, r, i),
        "written_summary": lambda r, i: stubs.written_summary_stub(article, r, i),
    }


def load_analysers() -> None:
    """Load lemminflect and the reference tables once (what the first draft would pay for)."""
    from lemminflect import getAllLemmas, getInflection

    getAllLemmas("held")
    getInflection("hold", "VBG")
    vocabulary.contrasts()
    chart.tables()


def draft_items(
    lesson: Lesson | Article | ArticleText | LessonText,
    kinds: Sequence[str] | None = None,
    seed: int = 0,
    *,
    table: str | None = None,
) -> ExamDraft:
    """Draft exam items of ``kinds`` (default: all, :data:`KINDS`) from ``lesson``'s article.

    Args:
        lesson: a :class:`~dokhae.lesson.Lesson` (or an :class:`~dokhae.lesson.Article`, or an
            :class:`ArticleText` made from plain sentences).
        kinds: which kinds, by name (``insertion``, ``written_arrange``, ...).
        seed: the same seed gives the same items; another seed other choices where the
            article allows them.
        table: the 도표 table (see :func:`dokhae.authoring.exam.chart.tables`); by the seed if omitted.

    Returns:
        The drafted items (each proven, or a stub) and the kinds refused with the reason.

    Raises:
        ValueError: an unknown kind or table; an article whose English is not all written yet.
    """
    wanted: Iterable[str] = KINDS if kinds is None else kinds
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown exam item kinds {unknown}: choose from {', '.join(KINDS)}")
    if table is not None and table not in chart.tables():
        raise ValueError(
            f"unknown 도표 table {table!r}: choose from {', '.join(sorted(chart.tables()))}"
        )
    article = lesson if isinstance(lesson, ArticleText) else ArticleText.of(lesson)
    makers = _makers(article, table)
    items, refused = [], []
    for kind in wanted:
        rng = random.Random(f"{seed}:{kind}")
        try:
            items.append(makers[kind](rng, f"{kind.replace('_', '-')}-{seed}"))
        except Refused as e:
            refused.append(Refusal(kind, str(e)))
    return ExamDraft(tuple(items), tuple(refused))
