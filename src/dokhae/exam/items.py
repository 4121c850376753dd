"""Exam items in the formats of Korean school exams (수능 and 내신), as lesson data.

The five-option kinds of the 수능 reading section and the 서술형 (written-answer) kinds of
school exams, each with its Korean stem exactly as printed
(``shared/reference/korean-exam-formats.md``). An item never copies the article: its
passage is a run of **sentence ids** of the lesson's article, and what the item changes is
a :class:`Span` over one sentence's English text (``start``/``end`` in characters of the
source sentence, ``text`` what is printed there). So the printed passage is always the
article's own text plus the marked changes, and a proof can be recomputed from the lesson.

YAML shape (in ``exercises/<lesson>.yaml`` under ``exam_items:``, a list; the schema
version of the bank is bumped when the loader learns the key)::

    exam_items:
      - id: insertion-p2s2                # lowercase, hyphens
        kind: insertion                   # one of KINDS
        passage: [p1s1, p2s1, p2s2, p3s1, p4s1, p5s1, p5s2]
        sentence: p2s2                    # the boxed sentence
        gaps: [p2s1, p2s2, p3s1, p4s1, p5s1]   # (①..⑤): the gap stands before this sentence
        key: 2                            # 1..5 = ①..⑤
        proof: {rule: insertion.rebuilds, sources: [p2s1, p2s2, p3s1],
                links: [meeting, ...], note: ...}
        status: {state: draft}            # or {state: approved, by: 김교사, at: 2026-12-05T09:00:00+09:00}
      - id: grammar-1
        kind: grammar
        passage: [p4s1, p5s1, p5s2]
        marks:                            # ①..⑤ in reading order
          - {sentence: p4s1, start: 17, end: 23, text: shared, rule: finite_verbal}
          - {sentence: p5s1, start: 9, end: 14, text: call, rule: agreement}   # the broken one
          ...
        key: 2
        proof: {rule: grammar.agreement, sources: [p5s1], original: calls, changed: call}
        status: {state: draft}

    # a stub the teacher still has to write (like `dokhae lesson new`'s question stubs):
      - id: summary-1
        kind: summary
        todo: write the summary sentence with (A) and (B) and five word pairs; then delete this line
        ...

Written (서술형) kinds carry a :class:`Rubric` that :mod:`dokhae.answers.rubric` applies.
Texts of options and statements are English, as printed in the 수능, except the Korean
statements of 내용 일치 (``ko``) when the lesson has the Korean sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

__all__ = [
    "CIRCLED",
    "EXAM_ITEMS_KEY",
    "GRAMMAR_RULES",
    "KINDS",
    "LETTERED",
    "ORDERS",
    "STEMS",
    "WRITTEN_KINDS",
    "BlankItem",
    "ChartItem",
    "ChartRow",
    "ChartTable",
    "Claim",
    "ExamItem",
    "FactItem",
    "FactStatement",
    "GrammarItem",
    "InsertionItem",
    "IrrelevantItem",
    "OrderItem",
    "Proof",
    "Rubric",
    "RubricPart",
    "Span",
    "Statement",
    "Status",
    "SummaryItem",
    "TitleItem",
    "VocabularyItem",
    "WrittenArrangeItem",
    "WrittenBlankItem",
    "WrittenGrammarItem",
    "WrittenSummaryItem",
    "approved",
    "awaiting",
    "circled",
    "decided",
    "stem",
]

EXAM_ITEMS_KEY = "exam_items"
"""The key of the exercises file that holds the exam items."""

CIRCLED = ("①", "②", "③", "④", "⑤")
"""The option numbers of the 수능, in order (``key`` 1 is ①)."""
LETTERED = ("ⓐ", "ⓑ", "ⓒ", "ⓓ", "ⓔ")
"""The symbols of the underlined parts of a 서술형 item."""

ChunkLabel = Literal["A", "B", "C"]
"""The label of a chunk of 글의 순서."""
CHUNK_LABELS: tuple[ChunkLabel, ...] = ("A", "B", "C")

ORDERS: tuple[tuple[ChunkLabel, ChunkLabel, ChunkLabel], ...] = (
    ("A", "C", "B"),
    ("B", "A", "C"),
    ("B", "C", "A"),
    ("C", "A", "B"),
    ("C", "B", "A"),
)
"""The five orders of 글의 순서 as printed, ①..⑤; (A)-(B)-(C) is never offered."""

GRAMMAR_RULES = (
    "agreement",
    "participle",
    "that_what",
    "adjective_adverb",
    "finite_verbal",
    "tense",
)
"""The named rules by which an 어법 item breaks a form: 수일치, 능동/수동 분사, that/what,
형용사/부사, 동사/준동사, 시제."""

RULE_NAMES_KO = {
    "agreement": "수일치",
    "participle": "능동/수동 분사",
    "that_what": "that/what",
    "adjective_adverb": "형용사/부사",
    "finite_verbal": "동사/준동사",
    "tense": "시제",
}

STEMS: dict[str, str] = {
    "title": "다음 글의 제목으로 가장 적절한 것은?",
    "topic": "다음 글의 주제로 가장 적절한 것은?",
    "chart": "다음 도표의 내용과 일치하지 않는 것은?",
    "facts": "다음 글의 내용과 일치하지 않는 것은?",
    "grammar": "다음 글의 밑줄 친 부분 중, 어법상 틀린 것은?",
    "vocabulary": "다음 글의 밑줄 친 부분 중, 문맥상 낱말의 쓰임이 적절하지 않은 것은?",
    "blank": "다음 빈칸에 들어갈 말로 가장 적절한 것을 고르시오.",
    "irrelevant": "다음 글에서 전체 흐름과 관계 없는 문장은?",
    "order": "주어진 글 다음에 이어질 글의 순서로 가장 적절한 것을 고르시오.",
    "insertion": "글의 흐름으로 보아, 주어진 문장이 들어가기에 가장 적절한 곳을 고르시오.",
    "summary": (
        "다음 글의 내용을 한 문장으로 요약하고자 한다. 빈칸 (A), (B)에 들어갈 말로 "
        "가장 적절한 것은?"
    ),
    # 서술형: the reference gives no single printed form; these follow common 내신 wording.
    "written_grammar": "다음 글의 밑줄 친 ⓐ~ⓔ 중 어법상 틀린 것을 {n}개 찾아 그 기호를 쓰고 바르게 고쳐 쓰시오.",
    "written_arrange": "다음 글의 빈칸에 들어갈 말을 〈조건〉에 맞게 주어진 단어를 배열하여 완성하시오.",
    "written_blank": "다음 글의 빈칸에 들어갈 알맞은 말을 본문에서 찾아 쓰시오.",
    "written_blank_letter": "다음 글의 빈칸에 들어갈 알맞은 말을 주어진 철자로 시작하여 쓰시오.",
    "written_summary": (
        "다음 글의 내용을 한 문장으로 요약하고자 한다. 빈칸 (A), (B)에 들어갈 알맞은 말을 "
        "본문에서 찾아 쓰시오."
    ),
}

FIVE_OPTION_KINDS = (
    "insertion",
    "order",
    "grammar",
    "vocabulary",
    "chart",
    "facts",
    "title",
    "blank",
    "summary",
    "irrelevant",
)
WRITTEN_KINDS = ("written_grammar", "written_arrange", "written_blank", "written_summary")
KINDS = FIVE_OPTION_KINDS + WRITTEN_KINDS
"""Every item kind, five-option first."""

KIND_NAMES_KO = {
    "insertion": "문장 삽입",
    "order": "글의 순서",
    "grammar": "어법",
    "vocabulary": "어휘",
    "chart": "도표",
    "facts": "내용 일치·불일치",
    "title": "제목·주제",
    "blank": "빈칸",
    "summary": "요약문 완성",
    "irrelevant": "무관한 문장",
    "written_grammar": "서술형 어법 고쳐쓰기",
    "written_arrange": "서술형 단어 배열",
    "written_blank": "서술형 빈칸",
    "written_summary": "서술형 요약문 완성",
}


def circled(key: int) -> str:
    """``1`` -> ``①``."""
    return CIRCLED[key - 1]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Status(_Model):
    """Where an item stands: every generated item is a draft until a teacher approves it."""

    state: Literal["draft", "approved", "rejected"] = "draft"
    by: str | None = None
    at: str | None = Field(default=None, description="ISO date and time of the decision")
    note: str = ""

    @field_validator("at", mode="before")
    @classmethod
    def _unquoted_time(cls, value: object) -> object:
        return value.isoformat() if hasattr(value, "isoformat") else value

    @model_validator(mode="after")
    def _decision_is_signed(self) -> Status:
        if self.state != "draft" and not (self.by and self.at):
            raise PydanticCustomError(
                "dokhae_status_signed",
                "status '{state}' needs `by` (who decided) and `at` (when, ISO date)",
                {"state": self.state},
            )
        return self


class Proof(_Model):
    """Why the key is right, in terms a check can recompute (:mod:`dokhae.exam.proofs`).

    ``rule`` names the construction (``insertion.rebuilds``, ``order.rebuilds``,
    ``grammar.<rule>``, ``vocabulary.contrast``, ``chart.one_false``,
    ``facts.<number|date|name>``, ``source.headline``, ``source.phrase``, ``source.text``);
    ``sources`` the sentence ids it rests on; ``original``/``changed`` the text before and
    after a change; ``links`` the words that tie text together (삽입, 순서).
    """

    rule: str
    sources: tuple[str, ...] = ()
    original: str | None = None
    changed: str | None = None
    links: tuple[str, ...] = ()
    note: str = ""


class Span(_Model):
    """Characters ``start:end`` of the English text of sentence ``sentence``, printed as ``text``
    (the source's own text, or the changed one); ``rule`` says what the span tests."""

    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = Field(min_length=1)
    rule: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise PydanticCustomError(
                "dokhae_span_order",
                "span end {end} must be after start {start}",
                {"end": self.end, "start": self.start},
            )
        return self


class _Item(_Model):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    passage: tuple[str, ...] = Field(
        default=(), description="sentence ids of the article, in order"
    )
    proof: Proof | None = None
    status: Status = Status()
    points: float = Field(default=1.0, gt=0)
    todo: str | None = Field(default=None, description="a stub: what the teacher must still write")

    @property
    def stem(self) -> str:
        return STEMS[self.kind]  # type: ignore[attr-defined]


class _FiveOption(_Item):
    key: int = Field(ge=1, le=5)


def _five(value: tuple, what: str) -> tuple:
    if len(value) != 5:
        raise PydanticCustomError(
            "dokhae_five",
            "{what} must have exactly 5 entries (①–⑤), not {count}",
            {"what": what, "count": len(value)},
        )
    return value


class InsertionItem(_FiveOption):
    """문장 삽입: ``sentence`` lifted into a box; gap ① .. ⑤ stands before ``gaps[i]``
    (the id of a passage sentence, or ``"end"`` for after the last one)."""

    kind: Literal["insertion"]
    sentence: str
    gaps: tuple[str, ...]

    _five_gaps = field_validator("gaps")(lambda v: _five(v, "gaps"))


class OrderItem(_FiveOption):
    """글의 순서: the boxed ``opening``, then chunks (A), (B), (C); options are :data:`ORDERS`."""

    kind: Literal["order"]
    opening: tuple[str, ...] = Field(min_length=1)
    chunks: dict[ChunkLabel, tuple[str, ...]]

    @model_validator(mode="after")
    def _three_chunks(self) -> OrderItem:
        if set(self.chunks) != {"A", "B", "C"} or not all(self.chunks.values()):
            raise PydanticCustomError(
                "dokhae_three_chunks", "chunks needs A, B and C, each with at least one sentence id"
            )
        return self


class _Marked(_Item):
    """Five underlined spans ①..⑤ (ⓐ..ⓔ in 서술형) in reading order."""

    marks: tuple[Span, ...]

    _five_marks = field_validator("marks")(lambda v: _five(v, "marks"))


class GrammarItem(_Marked, _FiveOption):
    """어법: five underlined spans ①..⑤, exactly one broken by a rule of :data:`GRAMMAR_RULES`."""

    kind: Literal["grammar"]


class VocabularyItem(_Marked, _FiveOption):
    """어휘: five underlined words ①..⑤, one replaced by a word that breaks the sense."""

    kind: Literal["vocabulary"]


class ChartRow(_Model):
    key: str
    label: str
    value: float


class ChartTable(_Model):
    """The numbers a 도표 item is about, with where they come from."""

    title: str
    unit: str
    subject: str = Field(
        description="how a statement names one row: 'the default value for {label}'"
    )
    rows: tuple[ChartRow, ...] = Field(min_length=2)
    source: str


class Claim(_Model):
    """What a 도표 statement asserts, in a form :func:`dokhae.exam.proofs.evaluate_claim` reads.

    ``op``: ``greater`` (a > b), ``less`` (a < b), ``highest``/``lowest`` (a is the top or
    bottom row), ``times_more`` (a > factor × b), ``times_less`` (a < factor × b),
    ``gap_more``/``gap_less`` (|a − b| > or < amount), ``equals`` (a == amount, to the
    table's precision)."""

    op: Literal[
        "greater",
        "less",
        "highest",
        "lowest",
        "times_more",
        "times_less",
        "gap_more",
        "gap_less",
        "equals",
    ]
    a: str
    b: str | None = None
    amount: float | None = None


class Statement(_Model):
    en: str
    claim: Claim


class ChartItem(_FiveOption):
    """도표: a chart of ``table`` and five statements, exactly one false on the data."""

    kind: Literal["chart"]
    table: ChartTable
    statements: tuple[Statement, ...]

    _five_statements = field_validator("statements")(lambda v: _five(v, "statements"))


class FactStatement(_Model):
    """A statement of 내용 일치: the sentence it rests on and its printed text."""

    sentence: str
    en: str
    ko: str | None = None


class FactItem(_FiveOption):
    """내용 일치·불일치: five statements, one with a number, date or name changed."""

    kind: Literal["facts"]
    statements: tuple[FactStatement, ...]

    _five_statements = field_validator("statements")(lambda v: _five(v, "statements"))


class _Options(_FiveOption):
    """Five printed phrases ①..⑤."""

    options: tuple[str, ...]

    _five_options = field_validator("options")(lambda v: _five(v, "options"))


class TitleItem(_Options):
    """제목 (``variant: title``) or 주제 (``variant: topic``): five phrases, one fits."""

    kind: Literal["title"]
    variant: Literal["title", "topic"] = "title"

    @property
    def stem(self) -> str:
        return STEMS[self.variant]


class BlankItem(_Options):
    """빈칸: ``gap`` blanked in the passage; the original phrase is the key option."""

    kind: Literal["blank"]
    gap: Span


class SummaryItem(_FiveOption):
    """요약문 완성: a summary sentence with (A) and (B); five word pairs."""

    kind: Literal["summary"]
    summary: str
    options: tuple[tuple[str, str], ...]

    _five_options = field_validator("options")(lambda v: _five(v, "options"))


class IrrelevantItem(_FiveOption):
    """무관한 문장: five numbered sentences of the passage, one written to not belong.

    ``numbered``: the five sentences ①..⑤ in order, each an article sentence id or
    ``"inserted"`` for the foreign sentence, whose text is ``inserted``."""

    kind: Literal["irrelevant"]
    numbered: tuple[str, ...]
    inserted: str

    _five_numbered = field_validator("numbered")(lambda v: _five(v, "numbered"))


# --------------------------------------------------------------------------- 서술형


class RubricPart(_Model):
    """One scored part of a written answer."""

    label: str = Field(min_length=1, description="(a), (A), ⓑ: how the sheet names the part")
    answer: str = Field(min_length=1)
    accept: tuple[str, ...] = ()
    points: float = Field(gt=0)
    other_forms: tuple[str, ...] = Field(
        default=(),
        description="other forms of the answer's words: a wrong form, never a misspelling",
    )


class Rubric(_Model):
    """A 채점 기준 with partial credit, as schools publish it.

    ``mode``: ``words`` (each part is a word or phrase) or ``arrange`` (each part is a
    sentence made from given words: word order is checked). ``case_sensitive`` false:
    case does not matter; true: a case slip costs ``misspelling`` points. ``misspelling``:
    points off per minor misspelling (one letter off; two in a long word).
    ``form_wrong``: share of a part's points given in ``arrange`` mode when the word order
    is right but one form is wrong (half marks)."""

    mode: Literal["words", "arrange"] = "words"
    parts: tuple[RubricPart, ...] = Field(min_length=1)
    case_sensitive: bool = False
    misspelling: float = Field(default=1.0, ge=0)
    form_wrong: float = Field(default=0.5, ge=0, le=1)

    @property
    def total(self) -> float:
        return sum(p.points for p in self.parts)


class _Written(_Item):
    """A 서술형 item: its ``points`` are its rubric's total (filled in when omitted)."""

    rubric: Rubric

    @model_validator(mode="before")
    @classmethod
    def _points_from_rubric(cls, data: object) -> object:
        if (
            isinstance(data, dict)
            and "points" not in data
            and isinstance(data.get("rubric"), (dict, Rubric))
        ):
            rubric = (
                data["rubric"]
                if isinstance(data["rubric"], Rubric)
                else Rubric.model_validate(data["rubric"])
            )
            data = {**data, "points": rubric.total}
        return data

    @model_validator(mode="after")
    def _points_are_the_rubrics(self) -> _Written:
        if self.points != self.rubric.total:
            raise PydanticCustomError(
                "dokhae_rubric_points",
                "points {points} differ from the rubric's total {total}: "
                "make them equal (or leave points out)",
                {"points": f"{self.points:g}", "total": f"{self.rubric.total:g}"},
            )
        return self


class WrittenGrammarItem(_Marked, _Written):
    """어법 고쳐쓰기: five underlined spans ⓐ..ⓔ, some broken; the rubric's parts are
    labelled with the broken spans' symbols and hold the corrected forms."""

    kind: Literal["written_grammar"]

    @property
    def stem(self) -> str:
        return STEMS["written_grammar"].format(n=len(self.rubric.parts))


class WrittenArrangeItem(_Written):
    """단어 배열: ``gap`` of the passage to be rebuilt from ``words`` under ``conditions`` (〈조건〉)."""

    kind: Literal["written_arrange"]
    gap: Span
    words: tuple[str, ...] = Field(min_length=2)
    conditions: tuple[str, ...] = Field(
        min_length=1, description="〈조건〉 lines, Korean as printed"
    )


class WrittenBlankItem(_Written):
    """빈칸 (서술형): ``gap`` blanked; with ``first_letter`` the first letter is printed."""

    kind: Literal["written_blank"]
    gap: Span
    first_letter: bool = False

    @property
    def stem(self) -> str:
        return STEMS["written_blank_letter" if self.first_letter else "written_blank"]


class WrittenSummaryItem(_Written):
    """요약문 완성 (서술형): a summary with blanks (A), (B) filled with words of the text."""

    kind: Literal["written_summary"]
    summary: str


ExamItem = Annotated[
    InsertionItem
    | OrderItem
    | GrammarItem
    | VocabularyItem
    | ChartItem
    | FactItem
    | TitleItem
    | BlankItem
    | SummaryItem
    | IrrelevantItem
    | WrittenGrammarItem
    | WrittenArrangeItem
    | WrittenBlankItem
    | WrittenSummaryItem,
    Field(discriminator="kind"),
]
"""Any exam item; ``kind`` picks the model."""


_ItemT = TypeVar("_ItemT", bound=_Item)


def decided(
    item: _ItemT,
    state: Literal["approved", "rejected"],
    by: str,
    at: str | None = None,
    note: str = "",
) -> _ItemT:
    """``item`` with the teacher's decision recorded (``at``: now, in UTC, when omitted).

    A stub (``todo`` still set) cannot be approved: what it asks for must be written first.
    Whoever calls this for approval checks the proof first (:func:`dokhae.exam.proofs.problems`).
    """
    import datetime as _dt

    if state == "approved" and item.todo:
        raise ValueError(
            f"{item.id}: still a stub ({item.todo!r}); write it and delete `todo` before approving"
        )
    when = at or _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    return item.model_copy(update={"status": Status(state=state, by=by, at=when, note=note)})


def awaiting(items: Iterable[_ItemT]) -> list[_ItemT]:
    """The items no teacher has decided on yet (drafts, stubs included): what ``dokhae check`` reports."""
    return [i for i in items if i.status.state == "draft"]


def approved(items: Iterable[_ItemT]) -> list[_ItemT]:
    """The items students may see."""
    return [i for i in items if i.status.state == "approved" and not i.todo]


def stem(item: object) -> str:
    """The Korean stem printed above ``item``."""
    return item.stem  # type: ignore[attr-defined]
