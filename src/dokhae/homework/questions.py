"""An assignment's questions as a student sees them: no answer, no explanation.

Multiple-choice choices and ordering items carry the student's letters ``a, b, c …``
(shuffled for each student); matching keeps its left items (numbered ``1, 2, …``) apart
from its right items (lettered, shuffled). :func:`blank` gives the object a quiz view
shows; :func:`question_markdown` the Markdown of the student's notebook.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .. import i18n
from ..lesson import BLANK, Choice, Text, Tolerance

__all__ = [
    "PROMPT_LANGUAGES",
    "BlankExercise",
    "BlankQuestion",
    "blank",
    "prompt_languages",
    "question_markdown",
    "text",
]


def text(key: str, language: str, /, **fields: object) -> str:
    """Interface text of assignments and reports in ``language``: the catalog text
    ``key`` (:func:`dokhae.i18n.t`; keys ``assignment.*``, ``report.*`` and the rest)."""
    return i18n.t(key, language, **fields)


# --------------------------------------------------------------------------- blank questions


@dataclass(frozen=True)
class BlankQuestion:
    """A question as a student sees it in an assignment: no answer, no explanation.

    It has the attributes a quiz view reads from a lesson question, with the answer
    parts empty (``answer`` None, ``explanation`` None, ``hint`` None, ``accept`` and
    ``pairs`` empty). Choice and item ids are the student's letters. A matching question
    has ``left`` and ``right`` (the right items shuffled) instead of ``pairs``.
    """

    id: str
    type: str
    prompt: Text
    skill: str = ""
    points: float = 1.0
    choices: tuple = ()
    text: str = ""
    items: tuple[Choice, ...] = ()
    left: tuple[Choice, ...] = ()
    right: tuple[Choice, ...] = ()
    unit: str = ""
    inflections: bool = False
    manual: bool = False
    sentences: tuple[str, ...] = ()
    answer: None = None
    explanation: None = None
    hint: None = None
    accept: tuple = ()
    pairs: tuple = ()


@dataclass(frozen=True)
class BlankExercise:
    """An arithmetic exercise with this student's numbers and no answer.

    The attributes of :class:`dokhae.arithmetic.ArithmeticExercise` a view shows
    (``prompt``, ``params``, ``unit``, ``tolerance``, ...); ``answer``, ``explanation``
    and ``caveat`` are None and ``hints`` is empty.
    """

    template_id: str
    title: Text
    prompt: Text
    params: Mapping[str, Any]
    unit: str
    tolerance: Tolerance
    level: int = 1
    points: float = 1.0
    seed: str = ""
    answer: None = None
    explanation: None = None
    caveat: None = None
    hints: tuple = ()

    @property
    def id(self) -> str:
        return self.template_id

    @property
    def type(self) -> str:
        return "arithmetic"


def _choices(entries: Any) -> tuple[Choice, ...]:
    return tuple(
        Choice(
            id=e["label"], en=e.get("en") or e.get("text", ""), ko=e.get("ko") or e.get("text", "")
        )
        for e in entries
    )


def blank(entry: Mapping[str, Any]) -> BlankQuestion | BlankExercise:
    """The blank question (or exercise) of one entry of ``questions.json``."""
    prompt = Text(**entry["prompt"])
    if entry["type"] == "arithmetic":
        return BlankExercise(
            template_id=entry["id"],
            title=Text(**entry["title"]),
            prompt=prompt,
            params=MappingProxyType(
                {
                    k: tuple(v) if isinstance(v, list) else v
                    for k, v in entry.get("params", {}).items()
                }
            ),
            unit=entry.get("unit", ""),
            tolerance=Tolerance(**entry.get("tolerance", {})),
            level=int(entry.get("level", 1)),
            points=float(entry.get("points", 1.0)),
        )
    kind = entry["type"]
    return BlankQuestion(
        id=entry["id"],
        type=kind,
        prompt=prompt,
        skill=entry.get("skill", ""),
        points=float(entry.get("points", 1.0)),
        choices=(
            _choices(entry["choices"])
            if kind == "multiple_choice"
            else tuple(entry.get("choices", ()))
        ),
        text=entry.get("text", ""),
        items=_choices(entry.get("items", ())),
        left=_choices(entry.get("left", ())),
        right=_choices(entry.get("right", ())),
        unit=entry.get("unit", ""),
        inflections=bool(entry.get("inflections", False)),
        manual=bool(entry.get("manual", False)),
        sentences=tuple(entry.get("sentences", ())),
    )


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def markdown_escape(value: object) -> str:
    """Text safe inside Markdown: ``*``, ``_``, ``<`` ... are shown, not interpreted
    (an apostrophe stays an apostrophe)."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


_md = markdown_escape


BOTH = ("ko", "en")
PROMPT_LANGUAGES = {"both": BOTH, "en": ("en",), "ko": ("ko",)}
"""The choices of the language of prompts and choices in an assignment notebook: both
(Korean first), English only (a reading check) or Korean only."""


def prompt_languages(prompts: str) -> tuple[str, ...]:
    """The languages of ``prompts`` (``both``, ``en`` or ``ko``), or a ValueError naming
    the choices."""
    if prompts not in PROMPT_LANGUAGES:
        choices = ", ".join(PROMPT_LANGUAGES)
        raise ValueError(f"unknown language of prompts {prompts!r}: choose one of {choices}")
    return PROMPT_LANGUAGES[prompts]


def _both(entry: Mapping[str, str], languages: Sequence[str] = BOTH) -> str:
    return "  \n".join(_md(entry[lang]) for lang in languages)


def _choice(entry: Mapping[str, str], languages: Sequence[str]) -> str:
    return " / ".join(_md(entry[lang]) for lang in languages)


def _heading(entry: Mapping[str, Any], label: Mapping[str, str], number: int | None) -> list[str]:
    """The question's heading lines: number, kind in both languages, points, its id."""
    shown_points = f"{entry.get('points', 1.0):g}"
    title = f"{number}. " if number is not None else ""
    return [
        (
            f"### {title}{_md(label['ko'])} / {_md(label['en'])} "
            f"({_md(text('assignment.points', 'ko', points=shown_points))} / "
            f"{_md(text('assignment.points', 'en', points=shown_points))})"
        ),
        "",
        f"`{entry['id']}`",
        "",
    ]


def question_markdown(
    entry: Mapping[str, Any], number: int | None = None, languages: Sequence[str] = BOTH
) -> str:
    """One question of ``questions.json`` as Markdown: its prompt and choices in
    ``languages`` (both, Korean first, by default; :data:`PROMPT_LANGUAGES`), what to
    do in both.

    The prompt, the student's choices with their letters, the word bank, the student's
    numbers and how to answer; never an answer.
    """
    kind = entry["type"]
    if kind in ("exam", "vocabulary"):
        return _graded_item_markdown(entry, number, languages)
    qid = entry["id"]
    label = {
        lang: (
            text("arithmetic.title", lang)
            if kind == "arithmetic"
            else text(f"question_type.{kind}", lang)
        )
        for lang in ("ko", "en")
    }
    lines = _heading(entry, label, number)
    if kind == "arithmetic":
        lines += [f"**{_choice(entry['title'], languages)}**", ""]
    lines += [_both(entry["prompt"], languages), ""]
    if kind == "multiple_choice":
        lines += [f"- **{c['label']}** {_choice(c, languages)}" for c in entry["choices"]]
        lines.append("")
    elif kind == "cloze":
        shown = "\\_\\_\\_\\_\\_".join(_md(part) for part in entry["text"].split(BLANK))
        lines += [f"> {shown}", ""]
        if entry.get("choices"):
            lines += ["[ " + " · ".join(_md(w) for w in entry["choices"]) + " ]", ""]
    elif kind == "matching":
        lines += [f"- **{c['label']}** {_md(c['text'])}" for c in entry["left"]]
        lines.append("")
        # another bullet, so that Markdown shows two lists
        lines += [f"* **{c['label']}** {_md(c['text'])}" for c in entry["right"]]
        lines.append("")
    elif kind == "ordering":
        lines += [f"- **{c['label']}** {_choice(c, languages)}" for c in entry["items"]]
        lines.append("")
    elif (kind == "arithmetic" and entry.get("unit")) or (kind == "numeric" and entry.get("unit")):
        unit = entry["unit"]
        lines += [
            (
                f"{_md(text('arithmetic.unit', 'ko', unit=unit))} / "
                f"{_md(text('arithmetic.unit', 'en', unit=unit))}"
            ),
            "",
        ]
    how = {lang: text(f"assignment.how.{kind}", lang, id=qid) for lang in ("ko", "en")}
    lines += [f"*{_md(how['ko'])}*  \n*{_md(how['en'])}*"]
    return "\n".join(lines)


def _graded_item_markdown(
    entry: Mapping[str, Any], number: int | None, languages: Sequence[str] = BOTH
) -> str:
    """An exam item (as printed: stem, passage with its marks, options) or a word-test
    slot (the word to translate), with how to answer; never an answer."""
    kind, qid = entry["type"], entry["id"]
    label = {lang: text(f"target_test.type_{kind}", lang) for lang in ("ko", "en")}
    lines = [*_heading(entry, label, number), _both(entry["prompt"], languages), ""]
    if kind == "exam":
        fence = "````"  # longer than any run of backticks an English passage has
        lines += [fence + "text", str(entry.get("printed", "")), fence, ""]
        how = (
            "target_test.how_exam"
            if not entry.get("written")
            else "target_test.how_written_parts"
            if int(entry.get("parts", 1)) > 1
            else "target_test.how_written"
        )
    else:
        lines += [f"**{_md(entry.get('word', ''))}**", ""]
        how = "target_test.how_vocabulary"
    shown = {lang: text(how, lang, id=qid) for lang in ("ko", "en")}
    lines += [f"*{_md(shown['ko'])}*  \n*{_md(shown['en'])}*"]
    return "\n".join(lines)
