"""The typed lesson model: article sentences, glossary entries, exercises.

These classes describe what a lesson *is*; reading files and reporting problems with
file and line lives in ``loading`` and ``validation``.  Every model forbids unknown
fields so a misspelt column or key is reported instead of silently ignored.
"""

from __future__ import annotations

import re
import string
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .exam.items import ExamItem, approved

SCHEMA_VERSION = 1
"""The lesson format version this dokhae reads (``schema_version`` in the YAML files)."""

EXERCISES_SCHEMA_VERSION = 2
"""The version of the exercises file this dokhae writes: 2 added ``exam_items:``. A file
of version 1 (questions and templates only) is still read."""
EXERCISES_SCHEMA_VERSIONS = (1, EXERCISES_SCHEMA_VERSION)
"""The versions of the exercises file this dokhae reads."""

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
LEVEL_SOURCES = ("CEFR-J 1.5", "Octanove C1/C2 1.0", "estimated")
SKILLS = ("main_idea", "detail", "vocabulary", "reference", "inference", "timeline")
TEXT_SIDES = ("en", "ko", "both")
"""Which text of the article a question tests (its ``tests`` field): ``en`` the English
article (for Korean students of English), ``ko`` the Korean translation (for learners of
Korean), ``both`` either text. The first two are also the learner's directions
(:data:`dokhae.session.DIRECTIONS`): a learner sees the questions on their text and on both."""
QUESTION_TYPES = (
    "multiple_choice",
    "true_false_not_given",
    "cloze",
    "matching",
    "ordering",
    "short_text",
    "numeric",
)
BLANK = "___"
"""The marker of the gap in a cloze item's text."""

# --------------------------------------------------------------------------- drafts
#
# A lesson drafted by ``dokhae lesson new`` marks what the teacher still has to write, so
# that ``dokhae check`` reports each gap (and a draft is never taken for a ready lesson):
#
# * a text still to be written holds a TODO marker, ``[TODO: what to write]``: the Korean
#   sentences of article.ko.md (:data:`UNTRANSLATED`), the English sentences of article.en.md
#   in a lesson drafted from a Korean article (:data:`UNTRANSLATED_EN`), values of lesson.yaml;
# * a glossary cell still to be filled is left empty (``ko``, ``definition``, ...);
# * a question that needs the teacher's judgement is a stub: it carries a ``todo:`` key
#   saying what to write (:data:`STUB_KEY`) and is not used until that key is deleted.

TODO_MARKER = re.compile(r"\[TODO\b[^\]]*\]")
"""A text still to be written: ``[TODO: ...]`` anywhere in a value."""

UNTRANSLATED = "[TODO: 한국어 번역 / Korean translation]"
"""What a draft's article.ko.md holds in place of a sentence not yet translated."""

UNTRANSLATED_EN = "[TODO: English translation / 영어 번역]"
"""What article.en.md holds in place of a sentence not yet translated, in a lesson drafted
from a Korean article (``dokhae lesson new --from-korean``)."""

STUB_KEY = "todo"
"""The key that makes a question of the exercises file a stub still to be written."""


def todo_marker(text: object) -> str | None:
    """The first ``[TODO: ...]`` marker in ``text``, or None."""
    if not isinstance(text, str):
        return None
    found = TODO_MARKER.search(text)
    return found.group(0) if found else None


def todo_what(marker: str) -> str:
    """What a marker asks for: ``[TODO: the outlet]`` -> ``the outlet``."""
    inner = marker.strip("[]").strip()
    return inner[4:].lstrip(" :").strip() if inner.upper().startswith("TODO") else inner


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )


class Text(_Model):
    """A text in both languages."""

    en: str = Field(min_length=1)
    ko: str = Field(min_length=1)

    def __call__(self, language: str) -> str:
        """The text in ``language`` ("en" or "ko")."""
        return self.ko if language == "ko" else self.en


# --------------------------------------------------------------------------- article


def paragraph_of(sentence_id: str) -> str:
    """The id of the paragraph a sentence is in: ``p3`` for ``p3s1``; ``h1``, ``c1`` (and
    anything that is not a ``p<N>s<M>`` id) stand alone."""
    m = re.fullmatch(r"(p\d+)s\d+", sentence_id)
    return m.group(1) if m else sentence_id


class Sentence(_Model):
    """One sentence of the article with its Korean counterpart under the same id."""

    id: str
    en: str
    ko: str

    @property
    def paragraph(self) -> str:
        """The id of the paragraph: ``p3`` for ``p3s1``; ``h1`` and ``c1`` stand alone."""
        return paragraph_of(self.id)


class Paragraph(_Model):
    id: str
    sentences: tuple[Sentence, ...]

    @property
    def kind(self) -> Literal["headline", "caption", "body"]:
        return {"h": "headline", "c": "caption"}.get(self.id[0], "body")  # type: ignore[return-value]

    def text(self, language: str) -> str:
        return " ".join(getattr(s, language) for s in self.sentences)


class Photo(_Model):
    caption: str = Field(description="id of the caption sentence in the article files")
    credit: Text


class ArticleMeta(_Model):
    """``articles/<lesson>/lesson.yaml``."""

    schema_version: int
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    outlet: str
    agency: str | None = None
    byline: str | None = None
    published: str = Field(
        pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?)?$"
    )
    source_url: str = Field(pattern=r"^https?://")
    photo: Photo | None = None
    translation: Text | None = None
    topic: Text | None = None
    license: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _unquoted_date(cls, value: object) -> object:
        # YAML turns an unquoted 2023-05-31T10:14:00+09:00 into a datetime
        return value.isoformat() if hasattr(value, "isoformat") else value


class Article(_Model):
    meta: ArticleMeta
    paragraphs: tuple[Paragraph, ...]

    @property
    def sentences(self) -> dict[str, Sentence]:
        return {s.id: s for p in self.paragraphs for s in p.sentences}

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """The paragraphs of running text (no headline, no caption)."""
        return tuple(p for p in self.paragraphs if p.kind == "body")

    @property
    def title(self) -> Text:
        h = next(p for p in self.paragraphs if p.kind == "headline")
        return Text(en=h.text("en"), ko=h.text("ko"))

    @property
    def caption(self) -> Text | None:
        if self.meta.photo is None:
            return None
        s = self.sentences[self.meta.photo.caption]
        return Text(en=s.en, ko=s.ko)


# --------------------------------------------------------------------------- glossary


def _split_list(value: object) -> object:
    """Glossary cells hold lists as ``a; b; c``."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return value


class GlossaryEntry(_Model):
    """One row of ``glossary/<lesson>.csv``."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    headword: str = Field(min_length=1)
    forms: tuple[str, ...] = Field(min_length=1)
    pos: Literal[
        "noun",
        "verb",
        "adjective",
        "adverb",
        "phrase",
        "phrasal verb",
        "idiom",
        "proper noun",
        "abbreviation",
        "preposition",
        "conjunction",
        "grammar",
    ]
    ko: tuple[str, ...] = Field(min_length=1)
    ko_forms: tuple[str, ...] = ()
    ko_sentences: tuple[str, ...] = Field(
        default=(),
        description="the sentence ids where ko_forms gloss this entry (empty: wherever they occur)",
    )
    definition: str = Field(min_length=1)
    example_en: str = Field(min_length=1)
    example_ko: str = Field(min_length=1)
    sentence_id: str = Field(min_length=1)
    level: Literal["A1", "A2", "B1", "B2", "C1", "C2"]
    level_source: Literal["CEFR-J 1.5", "Octanove C1/C2 1.0", "estimated"]
    romanization: str = Field(min_length=1)
    pronunciation: str = Field(
        default="",
        description=(
            "the standard pronunciation of the main Korean equivalent in Hangul between "
            "brackets ([정녜] for 정례), only where it differs from the spelling"
        ),
    )
    hanja: str = ""
    audience: Literal["en", "ko", "both"] = "both"
    notes: str = Field(
        default="",
        description=(
            "a note on the English word, for readers of the English text (Korean students "
            "of English); for a grammar pattern, its explanation in Korean"
        ),
    )
    ko_notes: str = Field(
        default="",
        description="a note on the Korean word, for readers of the Korean text (learners of Korean)",
    )
    variants: tuple[str, ...] = Field(
        default=(),
        description=(
            "other spellings (dialog for dialogue) and other English meanings (strengthen for "
            "beef up) accepted in typed answers, not in the article"
        ),
    )

    _split = field_validator("forms", "ko", "ko_forms", "ko_sentences", "variants", mode="before")(
        _split_list
    )

    @property
    def korean(self) -> str:
        """The main Korean equivalent (the first of ``ko``)."""
        return self.ko[0]

    def note_for(self, reader: str) -> str:
        """The note on the word a reader of the ``reader`` text reads: ``notes`` (on the
        English word) for ``"en"``, ``ko_notes`` (on the Korean word) for ``"ko"``. A
        grammar pattern's ``notes`` is its Korean explanation, not a note: "" for it."""
        if reader not in ("en", "ko"):
            raise ValueError(f"unknown reader {reader!r}: choose 'en' or 'ko'")
        if self.pos == "grammar":
            return ""
        return self.ko_notes if reader == "ko" else self.notes


# --------------------------------------------------------------------------- exercises


class Choice(_Model):
    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    en: str
    ko: str


class Option(Choice):
    """A choice of a multiple-choice question; a distractor that encodes a known confusion
    may say why it is wrong (``why_wrong``), shown to a student who picks it."""

    why_wrong: Text | None = Field(
        default=None, description="why this distractor is wrong, shown when it is chosen"
    )


class Tolerance(_Model):
    """A number is right when within ``absolute`` or within ``relative`` (0.005 = 0.5 %)."""

    absolute: float = Field(default=0.0, ge=0)
    relative: float = Field(default=0.0, ge=0, lt=1)


class _Question(_Model):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    skill: Literal["main_idea", "detail", "vocabulary", "reference", "inference", "timeline"]
    sentences: tuple[str, ...] = Field(
        min_length=1, description="the sentence ids the answer rests on"
    )
    prompt: Text
    explanation: Text
    hint: Text | None = None
    points: float = Field(default=1.0, gt=0)
    tests: Literal["en", "ko", "both"] = Field(
        default="both",
        description=(
            "which text of the article the question tests: en (the English article), ko "
            "(the Korean translation) or both; a learner sees the questions on their text"
        ),
    )

    def for_direction(self, direction: str) -> bool:
        """Whether a learner in ``direction`` (``"en"``, a Korean student of English, or
        ``"ko"``, a learner of Korean) answers this question: it tests their text or both."""
        return self.tests in ("both", direction)


class MultipleChoice(_Question):
    type: Literal["multiple_choice"]
    choices: tuple[Option, ...] = Field(min_length=2)
    answer: str

    @field_validator("choices", mode="before")
    @classmethod
    def _choices_as_options(cls, value: object) -> object:
        # a plain Choice (made in code) is an Option without why_wrong
        if isinstance(value, (list, tuple)):
            return tuple(Option(**c.model_dump()) if type(c) is Choice else c for c in value)
        return value


class TrueFalseNotGiven(_Question):
    type: Literal["true_false_not_given"]
    answer: Literal["true", "false", "not_given"]

    @field_validator("answer", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: object) -> object:
        # YAML reads an unquoted true/false (and yes/no) as booleans
        return str(value).lower() if isinstance(value, bool) else value


class Cloze(_Question):
    type: Literal["cloze"]
    text: str = Field(description=f"the sentence with {BLANK} where the answer goes")
    answer: str
    accept: tuple[str, ...] = ()
    inflections: bool = False
    choices: tuple[str, ...] = ()


class Pair(_Model):
    left: str
    right: str


class Matching(_Question):
    type: Literal["matching"]
    pairs: tuple[Pair, ...] = Field(min_length=2)


class Ordering(_Question):
    type: Literal["ordering"]
    items: tuple[Choice, ...] = Field(min_length=2)
    answer: tuple[str, ...]


class ShortText(_Question):
    type: Literal["short_text"]
    accept: tuple[str, ...] = Field(min_length=1)
    inflections: bool = False
    manual: bool = Field(default=False, description="a person marks answers not in `accept`")


class Numeric(_Question):
    type: Literal["numeric"]
    answer: float
    unit: str = ""
    tolerance: Tolerance = Tolerance()


Question = Annotated[
    MultipleChoice | TrueFalseNotGiven | Cloze | Matching | Ordering | ShortText | Numeric,
    Field(discriminator="type"),
]


class Param(_Model):
    """A parameter of an arithmetic template: a number range, a list of choices,
    a month range ("YYYY-MM"), or a list of numbers (``length`` items in ``min``..``max``)."""

    kind: Literal["number", "choice", "month", "list"] = "number"
    min: float | str | None = None
    max: float | str | None = None
    step: float | None = Field(default=None, gt=0)
    choices: tuple[float | str, ...] = ()
    length: tuple[int, int] | None = None
    unit: str = ""
    label: Text | None = None
    example: float | str | tuple[float, ...]


class TemplateAnswer(_Model):
    compute: str = Field(description="name of the calculation in dokhae's exercise engine")
    unit: str
    tolerance: Tolerance
    example: float = Field(description="the reference answer for the example values")


DIFFICULTIES = ("basic", "standard", "challenge")
"""How hard an arithmetic exercise is for a class, easiest first (``difficulty`` of a
template; ``practice.path`` of a lesson names the hardest one on its path)."""

Difficulty = Literal["basic", "standard", "challenge"]


class ArithmeticTemplate(_Model):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    level: int = Field(ge=1, le=5)
    difficulty: Difficulty = Field(
        default="standard", description="basic, standard or challenge: where it is on the path"
    )
    source: str = Field(min_length=1, description="where the rule and the example come from")
    title: Text
    prompt: Text
    params: dict[str, Param] = Field(min_length=1)
    answer: TemplateAnswer
    hints: tuple[Text, ...] = Field(min_length=1)
    explanation: Text
    caveat: Text | None = Field(default=None, description="uncertain figures, said to students")
    worked: bool = Field(
        default=False,
        description=(
            "the practice notebook works this one out for the student (a worked example): "
            "its checks are a demonstration and do not count in the student's progress"
        ),
    )

    @model_validator(mode="after")
    def _placeholders_are_params(self) -> ArithmeticTemplate:
        for language in ("en", "ko"):
            for _, name, _, _ in string.Formatter().parse(getattr(self.prompt, language)):
                if name is not None and name.split(".")[0].split("[")[0] not in self.params:
                    raise PydanticCustomError(
                        "dokhae_placeholder",
                        "prompt.{language} uses {placeholder} but the template has no "
                        "parameter '{name}'; add it under params or fix the placeholder",
                        {"language": language, "name": name, "placeholder": f"{{{name}}}"},
                    )
        return self


DEFAULT_TRIES = 2
"""Wrong tries before the answer and the explanation are shown, when a lesson sets none."""


class Practice(_Model):
    """The teacher's settings for practice (``practice:`` in the exercises file).

    ``tries``: how many wrong tries a student gets before the right answer and the
    explanation are shown (each wrong try shows the next hint; a "Show answer" button
    shows them at any time). ``path``: the hardest arithmetic exercises on the lesson's
    path (``basic``: only the basic ones; ``standard``: basic and standard;
    ``challenge``: all); the others are shown as optional challenges.
    """

    tries: int = Field(default=DEFAULT_TRIES, ge=1, le=5)
    path: Difficulty = "standard"

    def on_path(self, difficulty: str) -> bool:
        """Whether an exercise of ``difficulty`` is on this path."""
        return DIFFICULTIES.index(difficulty) <= DIFFICULTIES.index(self.path)


class ExerciseBank(_Model):
    """``exercises/<lesson>.yaml``.

    ``exam_items``: the 수능·내신 items of the bank (:mod:`dokhae.exam.items`), drafts and
    rejected ones included; only approved ones reach students (:attr:`Lesson.exam_items`).
    """

    schema_version: int
    lesson: str
    practice: Practice = Practice()
    questions: tuple[Question, ...] = ()
    templates: tuple[ArithmeticTemplate, ...] = ()
    exam_items: tuple[ExamItem, ...] = ()


# --------------------------------------------------------------------------- lesson


class Lesson(_Model):
    """A whole lesson: the article, its glossary and its exercises."""

    slug: str
    article: Article
    glossary: tuple[GlossaryEntry, ...]
    exercises: ExerciseBank

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for q in self.exercises.questions}

    def questions_for(self, direction: str) -> list[Question]:
        """The questions a learner in ``direction`` answers, in the bank's order: those
        that test their text (``tests: en`` for ``"en"``, ``ko`` for ``"ko"``) or
        ``both``. A Korean student of English (``"en"``) never gets the Korean-side ones."""
        return [q for q in self.exercises.questions if q.for_direction(direction)]

    @property
    def templates(self) -> dict[str, ArithmeticTemplate]:
        return {t.id: t for t in self.exercises.templates}

    @property
    def exam_items(self) -> dict[str, ExamItem]:
        """The exam items students see: the approved ones, by id. Drafts, stubs and rejected
        items stay in ``exercises.exam_items`` for the teacher (``dokhae exam review``)."""
        return {i.id: i for i in approved(self.exercises.exam_items)}

    @property
    def practice(self) -> Practice:
        """The teacher's practice settings: tries before the answer, the path's level."""
        return self.exercises.practice

    def path_templates(self) -> list[ArithmeticTemplate]:
        """The arithmetic templates on the lesson's path, basic first (then standard, then
        challenge; lesson order within each); templates beyond the path are left out."""
        on_path = [t for t in self.exercises.templates if self.practice.on_path(t.difficulty)]
        return sorted(on_path, key=lambda t: DIFFICULTIES.index(t.difficulty))

    def entry(self, entry_id: str) -> GlossaryEntry:
        for e in self.glossary:
            if e.id == entry_id:
                return e
        raise KeyError(f"no glossary entry {entry_id!r} in lesson {self.slug!r}")

    def __repr__(self) -> str:
        return (
            f"<Lesson {self.slug}: {len(self.article.sentences)} sentences, "
            f"{len(self.glossary)} glossary entries, {len(self.exercises.questions)} questions, "
            f"{len(self.exercises.templates)} arithmetic templates>"
        )
