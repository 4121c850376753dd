"""Proof checks: recompute why an exam item's key is right, from the article alone.

Pure functions over an item (:mod:`dokhae.exam.items`) and the article's English
sentences (``{sentence id: text}``); they never trust what the generator wrote in the
item's :class:`~dokhae.exam.items.Proof` beyond the rule it names. :func:`problems`
returns what is wrong (empty: the key is proven); a generator refuses an item with
problems, and ``dokhae check`` will report them for items in a bank.

What each kind proves:

- 문장 삽입: putting the boxed sentence back at the keyed gap rebuilds the passage; and
  every other gap is ruled out by the text (lexical cohesion): before the key, the boxed
  sentence repeats a word the text has not introduced yet; after it, the sentence that
  follows the keyed gap repeats a word only the boxed sentence introduced.
- 글의 순서: exactly one of the five printed orders rebuilds the passage, and each chunk
  opens with a word linking it to the part before (a word of that part).
- 어법 / 어휘: exactly one underlined span differs from the source, it is the key, and the
  change has the shape of the named rule (:func:`rule_shape`).
- 도표: evaluating the five claims on the table gives exactly one false, the key; each
  statement names the rows its claim is about.
- 내용 일치·불일치: four statements are the text of their sentence; the keyed one differs
  from its sentence in exactly one number, date or name, which the sentence contradicts.
- 제목 / 빈칸: the key option is the headline / the blanked original phrase.
- 서술형: the rubric's answers are the source text (the corrected forms, the arranged
  words, the blanked word).
- 요약문, 무관한 문장: written by the teacher; no machine proof, approval is the check.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from ..words import normalize_text, same_english_word
from .items import (
    CIRCLED,
    GRAMMAR_RULES,
    LETTERED,
    ORDERS,
    BlankItem,
    ChartItem,
    ChartTable,
    ChunkLabel,
    Claim,
    ExamItem,
    FactItem,
    GrammarItem,
    InsertionItem,
    OrderItem,
    Span,
    TitleItem,
    VocabularyItem,
    WrittenArrangeItem,
    WrittenBlankItem,
    WrittenGrammarItem,
)

__all__ = [
    "END",
    "content_words",
    "evaluate_claim",
    "insertion_exclusions",
    "order_links",
    "problems",
    "rebuild_insertion",
    "rebuild_order",
    "rule_shape",
    "span_source",
    "stem_word",
]

_T = TypeVar("_T")

END = "end"
"""A 삽입 gap after the last sentence of the passage."""

FUNCTION_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "among",
        "amid",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "from",
        "further",
        "have",
        "having",
        "here",
        "into",
        "just",
        "more",
        "most",
        "other",
        "over",
        "same",
        "should",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "said",
        "says",
        "according",
    ]
)
"""English function words: never a content word of a fact, never a word an item underlines."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FACT = re.compile(
    r"\d+(?:,\d{3})*(?:\.\d+)?(?:st|nd|rd|th)?"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|twice|half)\b"
    r"|\b[A-Z][a-z]+\b"
)


def stem_word(word: str) -> str:
    """A crude common stem for cohesion: lower case, no possessive, no plural ``s``."""
    w = normalize_text(word).replace("’", "'")
    w = w[:-2] if w.endswith("'s") else w.rstrip("'")
    if w.endswith("ies") and len(w) > 5:
        return w[:-3] + "y"
    if w.endswith("s") and len(w) > 4 and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """The stems of the words a later sentence can refer back to (4+ letters, no function words)."""
    out = set()
    for m in _WORD.finditer(text):
        for part in m.group(0).split("-"):
            w = stem_word(part)
            if len(w) >= 4 and w not in FUNCTION_WORDS:
                out.add(w)
    return frozenset(out)


def span_source(span: Span, sentences: Mapping[str, str]) -> str:
    """The source text under ``span``."""
    return sentences[span.sentence][span.start : span.end]


# --------------------------------------------------------------------------- 삽입


def rebuild_insertion(item: InsertionItem) -> tuple[str, ...]:
    """The passage with the boxed sentence put back at the keyed gap."""
    rest = [s for s in item.passage if s != item.sentence]
    at = item.gaps[item.key - 1]
    index = len(rest) if at == END else rest.index(at)
    return tuple(rest[:index] + [item.sentence] + rest[index:])


def insertion_exclusions(
    passage: Sequence[str], lifted: str, gaps: Sequence[str], key: int, sentences: Mapping[str, str]
) -> dict[int, str | None]:
    """For each gap other than the key (1..5), the word that rules it out, or None.

    Before the key: a word of the boxed sentence that the key's preceding sentence
    introduces (not in the text before that gap). After the key: a word shared by the boxed
    sentence and the sentence that follows the keyed gap, not in the text before the key.
    """
    rest = [s for s in passage if s != lifted]
    words = [content_words(sentences[s]) for s in rest]
    boxed = content_words(sentences[lifted])

    def index(gap: str) -> int:
        return len(rest) if gap == END else rest.index(gap)

    k = index(gaps[key - 1])
    seen_before_key = frozenset().union(*words[:k])
    out: dict[int, str | None] = {}
    for n, gap in enumerate(gaps, start=1):
        if n == key:
            continue
        i = index(gap)
        if i < k:
            seen = frozenset().union(*words[:i])
            missing = sorted((boxed & seen_before_key) - seen)
            out[n] = missing[0] if missing else None
        else:
            after = words[k] if k < len(rest) else frozenset()
            needed = sorted((after & boxed) - seen_before_key)
            out[n] = needed[0] if needed else None
    return out


def _insertion(item: InsertionItem, sentences: Mapping[str, str]) -> list[str]:
    out = []
    if item.sentence not in item.passage:
        return [f"the boxed sentence {item.sentence} is not in the passage"]
    rest = [s for s in item.passage if s != item.sentence]
    bad = [g for g in item.gaps if g != END and g not in rest]
    if bad:
        return [f"gaps {bad} are not sentences of the passage (without the boxed one)"]
    positions = [len(rest) if g == END else rest.index(g) for g in item.gaps]
    if positions != sorted(set(positions)) or positions[0] == 0:
        out.append("gaps must be distinct, in reading order, and after the first sentence")
    if rebuild_insertion(item) != tuple(item.passage):
        out.append(
            f"putting the boxed sentence at {circled_of(item.key)} does not rebuild the passage"
        )
        return out
    for n, word in insertion_exclusions(
        item.passage, item.sentence, item.gaps, item.key, sentences
    ).items():
        if word is None:
            out.append(
                f"nothing in the text rules out gap {circled_of(n)}: the boxed sentence could fit there too"
            )
    return out


def circled_of(n: int) -> str:
    return CIRCLED[n - 1] if 1 <= n <= 5 else str(n)


# --------------------------------------------------------------------------- 순서


def rebuild_order(item: OrderItem, order: Sequence[ChunkLabel]) -> tuple[str, ...]:
    """The opening followed by the chunks in ``order`` (e.g. ``("B", "A", "C")``)."""
    return tuple(item.opening) + tuple(s for label in order for s in item.chunks[label])


def order_links(parts: Sequence[Sequence[str]], sentences: Mapping[str, str]) -> list[str | None]:
    """For each part after the first, a word its first sentence shares with the part before."""
    out = []
    for before, part in itertools.pairwise(parts):
        prev = frozenset().union(*(content_words(sentences[s]) for s in before))
        shared = sorted(content_words(sentences[part[0]]) & prev)
        out.append(shared[0] if shared else None)
    return out


def _order(item: OrderItem, sentences: Mapping[str, str]) -> list[str]:
    rebuilding = [
        n
        for n, order in enumerate(ORDERS, start=1)
        if rebuild_order(item, order) == tuple(item.passage)
    ]
    if rebuilding != [item.key]:
        return [
            f"the printed orders rebuilding the passage are {rebuilding}, not exactly [{item.key}]"
        ]
    parts = [item.opening] + [item.chunks[label] for label in ORDERS[item.key - 1]]
    missing: list[str] = []
    for label, link in zip(ORDERS[item.key - 1], order_links(parts, sentences)):
        if link is None:
            missing.append(label)
    return [f"chunk ({label}) does not open with a link to the part before it" for label in missing]


# --------------------------------------------------------------------------- 어법, 어휘

_AGREE = {frozenset(p) for p in (("is", "are"), ("was", "were"), ("has", "have"), ("does", "do"))}


def rule_shape(rule: str, original: str, changed: str) -> bool:
    """Does changing ``original`` into ``changed`` have the shape of grammar ``rule``?"""
    o, c = normalize_text(original), normalize_text(changed)
    if o == c:
        return False
    if rule == "agreement":
        if frozenset((o, c)) in _AGREE:
            return True
        short, long_ = sorted((o, c), key=len)
        return long_ in (short + "s", short + "es", short[:-1] + "ies")
    if rule == "participle":
        return (o.endswith("ing") != c.endswith("ing")) and o[:1] == c[:1] and " " not in o + c
    if rule == "that_what":
        return frozenset((o, c)) == frozenset(("that", "what"))
    if rule == "adjective_adverb":
        short, long_ = sorted((o, c), key=len)
        # joint/jointly, easy/easily, basic/basically, possible/possibly, full/fully
        return long_ in (
            short + "ly",
            short[:-1] + "ily",
            short + "ally",
            short[:-1] + "y",
            short[:-1] + "ly" if short.endswith("ll") else None,
        )
    if rule == "finite_verbal":
        return (
            not o.endswith("ing")
            and (c.endswith("ing") or c.startswith("to "))
            and o[:1] == c.split()[-1][:1]
        )
    if rule == "tense":
        return c.split()[0] in ("has", "have", "had", "will") and o.split()[0] not in (
            "has",
            "have",
            "had",
            "will",
        )
    return False


def _marks_in_order(
    marks: Sequence[Span], passage: Sequence[str], sentences: Mapping[str, str]
) -> list[str]:
    out = []
    order = {s: i for i, s in enumerate(passage)}
    last = (-1, -1)
    for n, m in enumerate(marks, start=1):
        if m.sentence not in order:
            out.append(f"mark {n} is in sentence {m.sentence}, not in the passage")
            continue
        if m.end > len(sentences[m.sentence]):
            out.append(f"mark {n} ends after its sentence")
            continue
        at = (order[m.sentence], m.start)
        if at <= last:
            out.append(
                f"mark {n} is not after mark {n - 1} (marks go in reading order, without overlap)"
            )
        last = (order[m.sentence], m.end - 1)
    return out


def _changed_marks(marks: Sequence[Span], sentences: Mapping[str, str]) -> list[int]:
    return [n for n, m in enumerate(marks, start=1) if m.text != span_source(m, sentences)]


def _one_changed(item: GrammarItem | VocabularyItem, sentences: Mapping[str, str]) -> list[str]:
    """The marks are in the passage, in order, and exactly the keyed one differs from the source."""
    out = _marks_in_order(item.marks, item.passage, sentences)
    changed = [] if out else _changed_marks(item.marks, sentences)
    if not out and changed != [item.key]:
        out.append(
            f"the marks that differ from the source are {changed}, not exactly the key [{item.key}]"
        )
    return out


def _grammar(item: GrammarItem, sentences: Mapping[str, str]) -> list[str]:
    out = _one_changed(item, sentences)
    if out:
        return out
    rule = (item.proof.rule if item.proof else "").removeprefix("grammar.")
    if rule not in GRAMMAR_RULES:
        return [f"the proof names no grammar rule ({rule!r}; one of {', '.join(GRAMMAR_RULES)})"]
    mark = item.marks[item.key - 1]
    if not rule_shape(rule, span_source(mark, sentences), mark.text):
        out.append(
            f"changing {span_source(mark, sentences)!r} to {mark.text!r} is not a {rule} change"
        )
    return out


def _vocabulary(item: VocabularyItem, sentences: Mapping[str, str]) -> list[str]:
    out = _one_changed(item, sentences)
    if out:
        return out
    mark = item.marks[item.key - 1]
    original = span_source(mark, sentences)
    if len(mark.text.split()) != 1 or len(original.split()) != 1:
        out.append("어휘 marks one word each")
    elif same_english_word(mark.text, original):
        out.append(f"{mark.text!r} is another form of {original!r}, not another word")
    if not item.proof or item.proof.original != original or item.proof.changed != mark.text:
        out.append("the proof must name the original word and its replacement")
    return out


# --------------------------------------------------------------------------- 도표


def _value(table: ChartTable, key: str) -> float:
    for row in table.rows:
        if row.key == key:
            return row.value
    raise KeyError(f"no row {key!r} in the table")


def _given(value: _T | None, field: str, op: str) -> _T:
    """A field the claim's ``op`` reads; a claim without it cannot be evaluated."""
    if value is None:
        raise ValueError(f"a {op!r} claim needs its {field!r}")
    return value


def evaluate_claim(table: ChartTable, claim: Claim) -> bool:
    """Is ``claim`` true of ``table``?"""
    a = _value(table, claim.a)
    b = _value(table, claim.b) if claim.b is not None else None
    values = [r.value for r in table.rows]
    op = claim.op
    if op == "greater":
        return a > _given(b, "b", op)
    if op == "less":
        return a < _given(b, "b", op)
    if op == "highest":
        return a == max(values) and values.count(a) == 1
    if op == "lowest":
        return a == min(values) and values.count(a) == 1
    if op == "times_more":
        return a > _given(claim.amount, "amount", op) * _given(b, "b", op)
    if op == "times_less":
        return a < _given(claim.amount, "amount", op) * _given(b, "b", op)
    if op == "gap_more":
        return abs(a - _given(b, "b", op)) > _given(claim.amount, "amount", op)
    if op == "gap_less":
        return abs(a - _given(b, "b", op)) < _given(claim.amount, "amount", op)
    if op == "equals":
        return math.isclose(a, _given(claim.amount, "amount", op), abs_tol=1e-9)
    raise ValueError(f"unknown claim {op!r}")


def _chart(item: ChartItem, sentences: Mapping[str, str]) -> list[str]:
    out = []
    truth = []
    labels = {r.key: r.label for r in item.table.rows}
    for n, s in enumerate(item.statements, start=1):
        try:
            truth.append(evaluate_claim(item.table, s.claim))
        except KeyError as e:
            return [f"statement {n}: {e.args[0]}"]
        for key in filter(None, (s.claim.a, s.claim.b)):
            if labels[key] not in s.en:
                out.append(f"statement {n} does not name {labels[key]!r}, which its claim is about")
    false = [n for n, t in enumerate(truth, start=1) if not t]
    if false != [item.key]:
        out.append(
            f"the false statements on the data are {false}, not exactly the key [{item.key}]"
        )
    return out


# --------------------------------------------------------------------------- 일치


def _tokens(text: str) -> list[str]:
    return text.split()


def _facts(item: FactItem, sentences: Mapping[str, str]) -> list[str]:
    out = []
    for n, s in enumerate(item.statements, start=1):
        if s.sentence not in item.passage:
            out.append(f"statement {n} rests on {s.sentence}, not in the passage")
            continue
        source = sentences[s.sentence]
        if n != item.key:
            if s.en not in source:
                out.append(f"statement {n} is not the text of {s.sentence}")
            continue
        a, b = _tokens(source), _tokens(s.en)
        if len(a) != len(b):
            out.append(f"statement {n} differs from {s.sentence} in more than one word")
            continue
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        if len(diff) != 1:
            out.append(
                f"statement {n} must differ from {s.sentence} in exactly one word, not {len(diff)}"
            )
            continue
        original, changed = (_FACT.search(w) for w in diff[0])
        if not original or not changed:
            out.append(f"the change {diff[0][0]!r} -> {diff[0][1]!r} is not a number, date or name")
        elif changed.group(0) in source:
            out.append(
                f"{changed.group(0)!r} also stands in {s.sentence}, so the sentence does not contradict it"
            )
        elif not item.proof or (item.proof.original, item.proof.changed) != (
            original.group(0),
            changed.group(0),
        ):
            out.append("the proof must name the original fact and the changed one")
    return out


# --------------------------------------------------------------------------- 제목, 빈칸, 서술형


def _title(item: TitleItem, sentences: Mapping[str, str]) -> list[str]:
    if (
        item.proof
        and item.proof.rule == "source.headline"
        and item.options[item.key - 1] != sentences.get("h1")
    ):
        return ["the key option is not the headline"]
    return []


def _blank(item: BlankItem, sentences: Mapping[str, str]) -> list[str]:
    source = span_source(item.gap, sentences)
    out = [] if item.gap.text == source else ["the gap's text is not the source's"]
    if item.options[item.key - 1] != source:
        out.append(f"the key option is not the original phrase {source!r}")
    return out


def _written_grammar(item: WrittenGrammarItem, sentences: Mapping[str, str]) -> list[str]:
    out = _marks_in_order(item.marks, item.passage, sentences)
    if out:
        return out
    changed = _changed_marks(item.marks, sentences)
    labels = [LETTERED[n - 1] for n in changed]
    if sorted(p.label for p in item.rubric.parts) != sorted(labels):
        return [
            f"the rubric's parts {[p.label for p in item.rubric.parts]} are not the changed marks {labels}"
        ]
    for part in item.rubric.parts:
        mark = item.marks[LETTERED.index(part.label)]
        if part.answer != span_source(mark, sentences):
            out.append(f"part {part.label}: the answer {part.answer!r} is not the source form")
        if not mark.rule or not rule_shape(mark.rule, span_source(mark, sentences), mark.text):
            out.append(f"part {part.label}: the change is not named by a grammar rule")
    return out


def _written_arrange(item: WrittenArrangeItem, sentences: Mapping[str, str]) -> list[str]:
    source = span_source(item.gap, sentences)
    (part,) = item.rubric.parts
    out = (
        []
        if part.answer == source
        else [f"the answer {part.answer!r} is not the source text {source!r}"]
    )
    answer = normalize_text(source).split()
    given = [normalize_text(w) for w in item.words]
    if len(given) != len(answer):
        return out + [f"{len(given)} words are given for an answer of {len(answer)}"]
    rest = list(answer)
    for word in given:
        match = next((w for w in rest if w == word), None) or next(
            (w for w in rest if same_english_word(word, w)), None
        )
        if match is None:
            out.append(f"the given word {word!r} is not in the answer")
        else:
            rest.remove(match)
    return out


def _written_blank(item: WrittenBlankItem, sentences: Mapping[str, str]) -> list[str]:
    source = span_source(item.gap, sentences)
    return [] if item.rubric.parts[0].answer == source else ["the answer is not the blanked text"]


# each check takes the item model of its kind (the key it is filed under)
_CHECKS: dict[str, Callable[[Any, Mapping[str, str]], list[str]]] = {
    "insertion": _insertion,
    "order": _order,
    "grammar": _grammar,
    "vocabulary": _vocabulary,
    "chart": _chart,
    "facts": _facts,
    "title": _title,
    "blank": _blank,
    "written_grammar": _written_grammar,
    "written_arrange": _written_arrange,
    "written_blank": _written_blank,
}


_KEY_BEFORE_STUB = ("title", "blank")
"""Stubs whose key is known before the teacher writes the rest (the distractors)."""


def problems(item: ExamItem, sentences: Mapping[str, str]) -> list[str]:
    """What keeps ``item``'s key from being proven on the article ``sentences`` (empty: proven).

    The teacher-written kinds (요약문, 무관한 문장) and stubs (``todo`` set) have nothing to
    recompute and give no problems here: approval is their check; a 제목 or 빈칸 stub still
    proves its key (the headline, the original phrase) while its distractors are missing.
    """
    missing = [s for s in item.passage if s not in sentences]
    if missing:
        return [f"the passage names sentences the article does not have: {missing}"]
    check = _CHECKS.get(item.kind)
    if check is None or (item.todo and item.kind not in _KEY_BEFORE_STUB):
        return []
    return check(item, sentences)
