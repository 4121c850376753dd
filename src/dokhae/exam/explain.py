"""Why an exam item's key is right, told from its proof: the reasons a student is shown.

:func:`reasons` turns an item and the article's English sentences into :class:`Reason`
values: a catalog key (under ``exam_explain.`` in ``dokhae/data/i18n``) and the fields that
fill it. The facts come from the same recomputation as the proofs (:mod:`.proofs`): the
word the boxed sentence of 문장 삽입 points back to and where it is first named, the
words that link the chunks of 글의 순서, the grammar rule an 어법 change breaks, the
values of a 도표 statement computed on the table, the fact 내용 일치 changed. The text
itself, in Korean and English, is in the catalogs; :mod:`dokhae.answers.exam` renders it
(this package is content and loads no catalog). Fields hold English text of the
article, numbers and symbols only, so one set of fields fills both languages.

:func:`hint_key` names the hint of a kind: how to look for the answer, never the answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..words import same_english_word
from .items import CIRCLED, LETTERED, ORDERS, ChartTable, Claim
from .proofs import END, content_words, evaluate_claim, span_source, stem_word

__all__ = ["POINTING_WORDS", "Reason", "hint_key", "reasons"]


@dataclass(frozen=True)
class Reason:
    """One sentence of an explanation: catalog key ``exam_explain.<key>`` and its fields."""

    key: str
    fields: Mapping[str, str] = field(default_factory=dict)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
POINTING_WORDS = frozenset(
    [
        "this",
        "these",
        "that",
        "those",
        "such",
        "it",
        "its",
        "they",
        "their",
        "them",
        "he",
        "his",
        "she",
        "her",
    ]
)
"""Words that, opening a sentence, point back to something named before it (the generators
of 삽입 and 순서 prefer sentences opening with them, :mod:`dokhae.authoring.exam`)."""
_POINTERS = POINTING_WORDS | {"the"}
_DETERMINERS = frozenset(
    ["this", "these", "that", "those", "such", "the", "its", "their", "his", "her"]
)
_TIME = re.compile(
    r"\b(?:in|since|on)\s+(?:(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+)?\d{4}\b"
    r"|\b(?:yesterday|last\s+(?:week|month|year)|\d+\s+(?:days|weeks|months|years)\s+ago)\b"
)
_GAP = re.compile(r"\(([A-E])\)\s*_+")


def _symbol(key: int) -> str:
    return CIRCLED[key - 1]


def _quote(text: str, around: str | None = None, limit: int = 160) -> str:
    """A sentence as quoted in an explanation (its own quotation marks dropped), cut to
    about ``limit`` characters with ``…``, keeping ``around`` (the words it is quoted for)."""
    text = text.strip("\"“”‘’' ")
    if len(text) <= limit:
        return text
    at = text.find(around) if around else -1
    end = max(limit, at + len(around or "") + 40) if at >= 0 else limit
    start = max(0, end - limit)
    if start:
        start = text.find(" ", start) + 1 or start
    cut = text[start:end]
    if end < len(text):
        cut = cut[: cut.rfind(" ")] if " " in cut else cut
    return ("…" if start else "") + cut.strip() + ("…" if end < len(text) else "")


def opener(sentence: str) -> str | None:
    """The words a sentence opens with when they point back (``This``, ``The CBAM``,
    ``They``): a determiner with the word after it, or a pronoun; else None."""
    words = sentence.split()
    if not words:
        return None
    first = words[0].strip("\"“‘'").lower()
    if first not in _POINTERS:
        return None
    if first in _DETERMINERS and len(words) > 1:
        return " ".join(words[:2]).strip(",.;:")
    return words[0].strip(",.;:")


def expansion(acronym: str, text: str) -> str | None:
    """The capitalised words of ``text`` whose initials spell ``acronym``
    (``CBAM`` in "... the Carbon Border Adjustment Mechanism"), or None."""
    words = list(re.finditer(r"[A-Za-z]+", text))
    n = len(acronym)
    for i in range(len(words) - n + 1):
        run = words[i : i + n]
        if all(w.group(0)[0] == c and w.group(0)[0].isupper() for w, c in zip(run, acronym)):
            return text[run[0].start() : run[-1].end()]
    return None


def _form_in(stem: str, text: str) -> str:
    """The word of ``text`` whose stem is ``stem``, as written there."""
    for m in _WORD.finditer(text):
        for part in m.group(0).split("-"):
            if stem_word(part) == stem:
                return part
    return stem


def _shared_in_order(sentence: str, before: str, avoid: frozenset[str]) -> list[str]:
    """Words of ``sentence`` (stems, in reading order) also in ``before``: the first two
    not in ``avoid`` (text read earlier still), else the first one."""
    known = content_words(before)
    seen: list[str] = []
    for m in _WORD.finditer(sentence):
        for part in m.group(0).split("-"):
            stem = stem_word(part)
            if stem in known and stem not in seen and stem in content_words(part):
                seen.append(stem)
    fresh = [w for w in seen if w not in avoid]
    return fresh[:2] if fresh else seen[:1]


def _acronym_link(sentence: str, before: str) -> tuple[str, str] | None:
    """An acronym of ``sentence`` spelled out in ``before`` (and not used there)."""
    for m in _ACRONYM.finditer(sentence):
        if m.group(0) in before:
            continue
        found = expansion(m.group(0), before)
        if found:
            return m.group(0), found
    return None


# --------------------------------------------------------------------------- kinds


def _insertion(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    rest = [s for s in item.passage if s != item.sentence]
    gap = _symbol(item.key)
    at = item.gaps[item.key - 1]
    k = len(rest) if at == END else rest.index(at)
    boxed = sentences[item.sentence]
    out = []
    head = opener(boxed)
    before_text = " ".join(sentences[s] for s in rest[:k])
    link = _acronym_link(boxed, before_text)
    if link and head:
        source = next(sentences[s] for s in rest[:k] if link[1] in sentences[s])
        out.append(
            Reason(
                "insertion.acronym",
                {
                    "opener": head,
                    "acronym": link[0],
                    "expansion": link[1],
                    "source": _quote(source, link[1]),
                },
            )
        )
    elif head:
        out.append(Reason("insertion.opener", {"opener": head}))
    if not link:
        shared = sorted(content_words(boxed) & content_words(before_text))
        first_at = {
            w: next(s for s in rest[:k] if w in content_words(sentences[s])) for w in shared
        }
        if shared:  # the word named latest before the key: it rules out the most gaps
            word = max(shared, key=lambda w: rest.index(first_at[w]))
            out.append(
                Reason(
                    "insertion.word",
                    {
                        "word": _form_in(word, boxed),
                        "source": _quote(
                            sentences[first_at[word]], _form_in(word, sentences[first_at[word]])
                        ),
                        "gap": gap,
                    },
                )
            )
    if k < len(rest):
        after = sentences[rest[k]]
        new = sorted((content_words(after) & content_words(boxed)) - content_words(before_text))
        if new:
            out.append(
                Reason(
                    "insertion.next",
                    {
                        "word": _form_in(new[0], after),
                        "source": _quote(after, _form_in(new[0], after)),
                        "gap": gap,
                    },
                )
            )
    out.append(Reason("insertion.rebuilds", {"gap": gap}))
    return out


def _order(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    order = ORDERS[item.key - 1]
    parts = [item.opening] + [item.chunks[label] for label in order]
    out = [Reason("order.answer", {"order": "-".join(f"({x})" for x in order)})]
    for n, label in enumerate(order, start=1):
        before = " ".join(sentences[s] for s in parts[n - 1])
        earlier = " ".join(sentences[s] for p in parts[: n - 1] for s in p)
        first = sentences[parts[n][0]]
        previous = {"previous": order[n - 2]} if n > 1 else {}
        where = "chunk" if n > 1 else "opening"
        link = _acronym_link(first, before)
        if link:
            out.append(
                Reason(
                    f"order.acronym_{where}",
                    {"label": label, "acronym": link[0], "expansion": link[1], **previous},
                )
            )
            continue
        words = _shared_in_order(first, before, content_words(earlier))
        if words:
            out.append(
                Reason(
                    f"order.link_{where}",
                    {
                        "label": label,
                        "words": ", ".join(_form_in(w, first) for w in words),
                        **previous,
                    },
                )
            )
    out.append(Reason("order.rebuilds"))
    return out


def _grammar_reason(
    symbol: str, rule: str | None, original: str, changed: str, text: str
) -> Reason:
    fields = {"symbol": symbol, "original": original, "changed": changed}
    o = original.lower()
    if rule == "participle":
        key = "participle_active" if o.endswith("ing") else "participle_passive"
    elif rule == "that_what":
        key = "that" if o == "that" else "what"
    elif rule == "adjective_adverb":
        key = "adverb" if o.endswith("ly") else "adjective"
    elif rule == "tense":
        when = _TIME.search(text)
        if changed.lower().split()[0] in ("has", "have") and when:
            key = "tense_time"
            fields["when"] = when.group(0)
        else:
            key = "tense"
    elif rule in ("agreement", "finite_verbal"):
        key = rule
    else:
        key = "changed"
    return Reason(f"grammar.{key}", fields)


def _grammar(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    mark = item.marks[item.key - 1]
    rule = (item.proof.rule if item.proof else "").removeprefix("grammar.") or mark.rule
    reason = _grammar_reason(
        _symbol(item.key), rule, span_source(mark, sentences), mark.text, sentences[mark.sentence]
    )
    return [reason, Reason("marks.others")]


def _vocabulary(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    mark = item.marks[item.key - 1]
    contrast = (
        [Reason("vocabulary.contrast")]
        if item.proof and item.proof.rule == "vocabulary.contrast"
        else []
    )
    return [
        Reason(
            "vocabulary.changed",
            {
                "symbol": _symbol(item.key),
                "changed": mark.text,
                "original": span_source(mark, sentences),
                "source": _quote(sentences[mark.sentence], span_source(mark, sentences)),
            },
        ),
        *contrast,
        Reason("marks.others"),
    ]


def _number(value: float) -> str:
    return f"{round(value, 3):g}"


def _values(table: ChartTable) -> dict[str, tuple[str, float]]:
    return {r.key: (r.label, r.value) for r in table.rows}


def claim_text(table: ChartTable, claim: Claim) -> str:
    """What the data says about the rows of ``claim``, computed: ``South Korea 2.33 <
    other countries 4.45``, ``|South Korea 2.33 − India 4.71| = 2.38 > 2``."""
    rows = _values(table)
    la, a = rows[claim.a]
    named_a = f"{la} {_number(a)}"

    def rel(x: float, y: float) -> str:
        return "<" if x < y else ">" if x > y else "="

    if claim.op in ("greater", "less"):
        lb, b = rows[claim.b or ""]
        return f"{named_a} {rel(a, b)} {lb} {_number(b)}"
    if claim.op in ("highest", "lowest"):
        pick = max if claim.op == "highest" else min
        top = pick(table.rows, key=lambda r: r.value)
        word = "max" if claim.op == "highest" else "min"
        return f"{word} = {top.label} {_number(top.value)}"
    if claim.op in ("times_more", "times_less"):
        lb, b = rows[claim.b or ""]
        k = claim.amount or 0.0
        return f"{named_a} {rel(a, k * b)} {_number(k)} × {lb} {_number(b)} = {_number(k * b)}"
    if claim.op in ("gap_more", "gap_less"):
        lb, b = rows[claim.b or ""]
        gap = abs(a - b)
        return f"|{named_a} − {lb} {_number(b)}| = {_number(gap)} {rel(gap, claim.amount or 0.0)} {_number(claim.amount or 0.0)}"
    return f"{named_a} {rel(a, claim.amount or 0.0)} {_number(claim.amount or 0.0)}"


def _chart(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    statement = item.statements[item.key - 1]
    out = [
        Reason(
            "chart.mismatch",
            {
                "symbol": _symbol(item.key),
                "statement": statement.en,
                "computed": claim_text(item.table, statement.claim),
            },
        )
    ]
    true = [
        f"{_symbol(n)} {claim_text(item.table, s.claim)}"
        for n, s in enumerate(item.statements, start=1)
        if n != item.key and evaluate_claim(item.table, s.claim)
    ]
    if true:
        out.append(Reason("chart.others", {"computed": "; ".join(true)}))
    return out


def _facts(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    statement = item.statements[item.key - 1]
    proof = item.proof
    kind = proof.rule.removeprefix("facts.") if proof else ""
    if not proof or kind not in ("date", "number", "name") or not proof.original:
        return [
            Reason(
                "facts.source",
                {
                    "symbol": _symbol(item.key),
                    "source": _quote(
                        sentences[statement.sentence], proof.original if proof else None
                    ),
                },
            )
        ]
    return [
        Reason(
            f"facts.{kind}",
            {
                "symbol": _symbol(item.key),
                "original": proof.original,
                "changed": proof.changed or "",
                "source": _quote(sentences[statement.sentence], proof.original if proof else None),
            },
        ),
        Reason("facts.others"),
    ]


def _title(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    rule = item.proof.rule if item.proof else ""
    if rule == "source.headline":
        return [Reason("title.headline", {"symbol": _symbol(item.key)})]
    return [
        Reason(
            f"title.{item.variant}",
            {"symbol": _symbol(item.key), "option": item.options[item.key - 1]},
        )
    ]


def _blank(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    return [
        Reason(
            "blank.source",
            {
                "phrase": span_source(item.gap, sentences),
                "source": _quote(
                    sentences[item.gap.sentence], span_source(item.gap, sentences), limit=240
                ),
            },
        )
    ]


def filled(summary: str, words: Mapping[str, str]) -> str:
    """``summary`` with each ``(A) ____`` gap filled with ``words["A"]``."""
    return _GAP.sub(lambda m: words.get(m.group(1), m.group(0)), summary)


def _summary(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    a, b = item.options[item.key - 1]
    return [
        Reason(
            "summary.filled",
            {"symbol": _symbol(item.key), "summary": filled(item.summary, {"A": a, "B": b})},
        )
    ]


def _irrelevant(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    return [Reason("irrelevant.inserted", {"symbol": _symbol(item.key)})]


def _written_grammar(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    out = []
    for part in sorted(item.rubric.parts, key=lambda p: LETTERED.index(p.label)):
        mark = item.marks[LETTERED.index(part.label)]
        out.append(
            _grammar_reason(part.label, mark.rule, part.answer, mark.text, sentences[mark.sentence])
        )
    return out + [Reason("marks.others")]


def _written_arrange(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    answer = item.rubric.parts[0].answer
    out = [
        Reason(
            "arrange.sentence",
            {
                "sentence": _quote(
                    sentences[item.gap.sentence], span_source(item.gap, sentences), limit=240
                )
            },
        )
    ]
    rest = answer.split()
    changed = []
    for word in item.words:
        if word in rest:
            rest.remove(word)
            continue
        form = next((w for w in rest if same_english_word(word, w)), None)
        if form is not None:
            rest.remove(form)
            changed.append(f"{word} → {form}")
    if changed:
        out.append(Reason("arrange.forms", {"forms": ", ".join(changed)}))
    return out


def _written_summary(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    words = {p.label.strip("()"): p.answer for p in item.rubric.parts}
    return [Reason("written_summary.filled", {"summary": filled(item.summary, words)})]


_REASONS = {
    "insertion": _insertion,
    "order": _order,
    "grammar": _grammar,
    "vocabulary": _vocabulary,
    "chart": _chart,
    "facts": _facts,
    "title": _title,
    "blank": _blank,
    "summary": _summary,
    "irrelevant": _irrelevant,
    "written_grammar": _written_grammar,
    "written_arrange": _written_arrange,
    "written_blank": _blank,
    "written_summary": _written_summary,
}


def reasons(item: Any, sentences: Mapping[str, str]) -> list[Reason]:
    """Why ``item``'s key is right, from its proof and the article's ``sentences``
    (``{id: English text}``); an item whose passage the article does not have gets none."""
    if any(s not in sentences for s in item.passage):
        return []
    return _REASONS[item.kind](item, sentences)


def hint_key(item: Any) -> str:
    """The catalog key (under ``exam_explain.``) of the hint for ``item``'s kind."""
    return f"hint.{item.kind}"
