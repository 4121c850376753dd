"""A paper exam (시험지) of a lesson's approved 수능·내신 items: forms, keys, 문항정보표.

:func:`make_exam` chooses the items (by id, kind or a saved selection, as ``dokhae
assign`` chooses exercises), draws the forms (A형, B형, ...) from a seed
(:mod:`dokhae.exam.forms`) and, with a class roster, gives each student a form (A, B,
A, B, ... in the roster's order) and a paper with their number and name.

What is printed: :func:`papers_html` (the students' papers of one form: A4, two columns,
the header the teacher fills in; never a key) and :func:`key_html` (per form the 정답표,
the 서술형 채점 기준 and the 문항정보표, the seed and which student has which form), from
the templates ``exam_paper.html.j2`` and ``exam_key.html.j2``; :func:`info_rows` is the
문항정보표 as data. Writing the files: :mod:`.exam_files`; HWPX: :mod:`.exam_hwpx`.
"""

from __future__ import annotations

import base64
import functools
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..exam.forms import ExamForm, FormEntry, form_labels, make_forms
from ..exam.items import (
    CIRCLED,
    KIND_NAMES_KO,
    KINDS,
    WRITTEN_KINDS,
    ChartItem,
    ChartTable,
    ExamItem,
)
from ..exam.layout import ItemLayout, item_layout
from ..exam.levels import ItemLevel, item_level
from ..lesson import Lesson
from ..problems import Problem
from .templating import render

__all__ = [
    "Exam",
    "ExamHeader",
    "Paper",
    "chart_uris",
    "entry_views",
    "info_rows",
    "key_html",
    "key_text",
    "level_note",
    "make_exam",
    "papers_html",
    "select_items",
]

WRITTEN_LINES = 3
"""Ruled lines for each part of a 서술형 answer."""


@dataclass(frozen=True)
class ExamHeader:
    """What the paper's header says; an empty field is left for the teacher to write in."""

    school: str = ""
    year: str = ""
    """학년도, e.g. ``2026``."""
    term: str = ""
    """e.g. ``1학기 기말고사``."""
    grade: str = ""
    subject: str = "영어"
    minutes: int | None = None


@dataclass(frozen=True)
class Paper:
    """One printed paper: a form, for one student (or a blank copy, ``student_id`` None)."""

    form: str
    student_id: str | None = None
    name: str = ""


@dataclass(frozen=True)
class Exam:
    lesson: Lesson
    items: tuple[ExamItem, ...]
    forms: tuple[ExamForm, ...]
    seed: int
    header: ExamHeader = ExamHeader()
    papers: tuple[Paper, ...] = ()
    warnings: tuple[Problem, ...] = field(default=())
    graded: Mapping[str, tuple[float, int]] = field(default_factory=dict)
    """The p and the number of students of the items graded before (item id -> (p, n)),
    from the gradebooks given to :func:`make_exam`: the 문항정보표's 난이도 rests on them."""

    def level(self, item: ExamItem) -> ItemLevel:
        """The item's 난이도 and its basis (:mod:`dokhae.exam.levels`)."""
        return item_level(item.kind, self.graded.get(item.id))

    def form(self, label: str) -> ExamForm:
        return next(f for f in self.forms if f.label == label)

    def papers_of(self, label: str) -> list[Paper]:
        """The papers of form ``label``: its students', or one blank copy."""
        return [p for p in self.papers if p.form == label] or [Paper(label)]

    def sentences(self) -> dict[str, str]:
        return {sid: s.en for sid, s in self.lesson.article.sentences.items()}

    def __repr__(self) -> str:
        forms = "/".join(f.label for f in self.forms)
        return (
            f"<Exam {self.lesson.slug}: {len(self.items)} items, forms {forms}, seed {self.seed}>"
        )


# --------------------------------------------------------------------------- choosing


def select_items(
    lesson: Lesson,
    *,
    exercises: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    selection_file: str | Path | None = None,
) -> list[ExamItem]:
    """The approved exam items chosen by id, by kind and/or by a saved selection file (ids;
    a YAML/JSON file's ``skills:`` are read as kinds), in the bank's order. Nothing
    chosen: every approved item.

    Raises:
        SelectionError: unknown or unapproved ids, unknown kinds, an unreadable file, or
            nothing approved.
    """
    from ..problems import Report
    from ..teacher.choosing import SelectionError, report_unknown, wanted

    report = Report()
    approved = lesson.exam_items
    wanted_ids, wanted_kinds = wanted(report, exercises, kinds, selection_file, group="kind")
    report_unknown(
        report,
        wanted_ids,
        list(approved),
        field="exercise",
        message="lesson {lesson!r} has no approved exam item {value!r}",
        fix="use one of the lesson's exam item ids{suggestion} (dokhae exam review --all lists them)",
        key="unknown_exam_item",
        unavailable={
            i.id: (
                f"exam item {i.id!r} is not approved ({i.status.state})",
                f"review it first: dokhae exam review {lesson.slug}",
                {"id": repr(i.id), "state": i.status.state, "slug": lesson.slug},
            )
            for i in lesson.exercises.exam_items
            if i.id not in approved
        },
        lesson=lesson.slug,
    )
    report_unknown(
        report,
        wanted_kinds,
        KINDS,
        field="kind",
        message="{value!r} is not an item kind",
        fix="use one of: {known}",
        key="unknown_kind",
    )
    if not approved:
        report.error(
            lesson.slug,
            None,
            "exam_items",
            f"lesson {lesson.slug!r} has no approved exam item",
            f"draft and approve items first: dokhae exam draft {lesson.slug}, then dokhae exam review",
            key="no_approved_items",
            fields={"slug": lesson.slug},
        )
    if report.errors:
        raise SelectionError(report)
    if not wanted_ids and not wanted_kinds:
        return list(approved.values())
    ids_chosen = {e for e, _, _ in wanted_ids}
    kinds_chosen = {k for k, _, _ in wanted_kinds}
    chosen = [i for i in approved.values() if i.id in ids_chosen or i.kind in kinds_chosen]
    if not chosen:
        report.error(
            "kind",
            None,
            "kind",
            "no approved exam item has these kinds",
            "choose other kinds or item ids",
            value=", ".join(sorted(kinds_chosen)),
            key="no_item_of_kinds",
        )
        raise SelectionError(report)
    return chosen


def _points(
    items: Sequence[ExamItem], points: Mapping[str, float] | float | None
) -> dict[str, float]:
    """배점 by item id from a number for every 선택형 item, or a mapping by id (``"*"``: every
    선택형 item not named); 서술형 items keep their rubric's total."""
    if points is None:
        return {}
    given = dict(points) if isinstance(points, Mapping) else {"*": float(points)}
    default = given.pop("*", None)
    if default is not None:
        for item in items:
            if item.kind not in WRITTEN_KINDS:
                given.setdefault(item.id, default)
    known = {i.id: i for i in items}
    for item_id, value in given.items():
        if item_id not in known:
            raise ValueError(f"--points names {item_id!r}, which is not an item of this exam")
        if value <= 0:
            raise ValueError(f"--points for {item_id!r} must be more than 0, not {value:g}")
        item = known[item_id]
        if item.kind in WRITTEN_KINDS and value != item.points:
            raise ValueError(
                f"{item_id} is 서술형: its points are its rubric's total ({item.points:g}); "
                "change the rubric in the exercises file instead"
            )
    return given


def make_exam(
    lesson: Lesson,
    *,
    exercises: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    selection_file: str | Path | None = None,
    forms: Sequence[str] = ("A", "B"),
    seed: int | None = None,
    points: Mapping[str, float] | float | None = None,
    header: ExamHeader = ExamHeader(),
    roster: str | Path | None = None,
    gradebooks: Sequence[str | Path] = (),
) -> Exam:
    """The exam of ``lesson``: the chosen approved items (:func:`select_items`) in the
    forms ``forms`` drawn from ``seed`` (None: a new random seed, recorded on the exam).
    ``gradebooks``: where the items were graded before; their p gives the 난이도 of the
    문항정보표 (pooled over the gradebooks, weighted by students), else it is estimated
    from the item's kind (:mod:`dokhae.exam.levels`).

    Raises:
        SelectionError: see :func:`select_items`.
        RosterError: the roster has problems.
        ValueError: unknown or repeated form labels, or unusable points.
        GradebookError: a gradebook that is not one.
    """
    labels = form_labels(forms)
    items = select_items(lesson, exercises=exercises, kinds=kinds, selection_file=selection_file)
    seed = secrets.randbelow(10**6) if seed is None else seed
    drawn = make_forms(items, labels, seed, _points(items, points))
    papers: tuple[Paper, ...] = ()
    warnings: tuple[Problem, ...] = ()
    if roster is not None:
        from ..teacher.roster import read_roster

        students = read_roster(roster)
        papers = tuple(Paper(labels[n % len(labels)], s.id, s.name) for n, s in enumerate(students))
        warnings = tuple(students.report.warnings)
    return Exam(
        lesson, tuple(items), drawn, seed, header, papers, warnings, _graded(gradebooks, items)
    )


def _graded(
    gradebooks: Sequence[str | Path], items: Sequence[ExamItem]
) -> dict[str, tuple[float, int]]:
    """The p and students of ``items`` graded in ``gradebooks``."""
    if not gradebooks:
        return {}
    from ..teacher.reports import item_difficulties

    ids = {i.id for i in items}
    return {k: v for k, v in item_difficulties(gradebooks).items() if k in ids}


# --------------------------------------------------------------------------- what is printed


def key_text(entry: FormEntry) -> str:
    """The answer of one item of a form: ``③``, or the 서술형 parts ``ⓑ held; ⓓ calls``."""
    if entry.key is not None:
        return CIRCLED[entry.key - 1]
    rubric = entry.item.rubric  # type: ignore[union-attr]
    return "; ".join(f"{p.label} {p.answer}" for p in rubric.parts)


def _source(exam: Exam, item: ExamItem) -> str:
    meta = exam.lesson.article.meta
    return f"{exam.lesson.article.title.en} ({meta.outlet}, {meta.published[:10]})"


def info_rows(exam: Exam) -> list[dict[str, Any]]:
    """The 문항정보표: one row per item, in form A's (the first form's) order: the number
    and key on every form, kind, source sentences and article, points, 난이도 (상/중/하) and
    its basis (graded p, or estimated from the kind: :meth:`Exam.level`), approval."""
    first = exam.forms[0]
    rows = []
    for entry in first.entries:
        item = entry.item
        level = exam.level(item)
        row: dict[str, Any] = {}
        for form in exam.forms:
            mine = next(e for e in form.entries if e.item.id == item.id)
            row[f"{form.label}형 번호"] = mine.number
            row[f"{form.label}형 정답"] = key_text(mine)
        row.update(
            {
                "문항 ID": item.id,
                "유형": KIND_NAMES_KO[item.kind],
                "kind": item.kind,
                "출처 문장": ", ".join(item.passage) if item.passage else "(도표)",
                "출처 기사": _source(exam, item),
                "배점": entry.points,
                "난이도": level.level,
                "난이도 근거": level.basis,
                "검토·승인": f"{item.status.by} ({(item.status.at or '')[:10]})",
            }
        )
        rows.append(row)
    return rows


@functools.lru_cache(maxsize=16)
def _chart_uri(table: ChartTable) -> str:
    from ..exam.chart import chart_png

    return "data:image/png;base64," + base64.b64encode(chart_png(table)).decode("ascii")


def chart_uris(items: Sequence[ExamItem]) -> dict[str, str]:
    """The charts of the 도표 items, drawn once for every paper (item id → data URI)."""
    return {i.id: _chart_uri(i.table) for i in items if isinstance(i, ChartItem)}


@dataclass(frozen=True)
class _EntryView:
    number: int
    item_id: str
    kind: str
    points: float
    layout: ItemLayout
    parts: tuple[str, ...]
    """The labels of a 서술형 item's parts (one ruled answer space each)."""


def entry_views(exam: Exam, form: ExamForm) -> list[_EntryView]:
    """What the paper prints for each item of ``form``: never its key."""
    sentences = exam.sentences()
    return [
        _EntryView(
            e.number,
            e.item.id,
            e.item.kind,
            e.points,
            item_layout(e.item, sentences, e.option_order),
            tuple(p.label for p in e.item.rubric.parts) if e.written else (),  # type: ignore[union-attr]
        )
        for e in form.entries
    ]


def papers_html(exam: Exam, label: str, charts: Mapping[str, str] | None = None) -> str:
    """The students' papers of form ``label`` (one per student, or one blank copy)."""
    form = exam.form(label)
    return render(
        "exam_paper.html.j2",
        exam=exam,
        header=exam.header,
        form=form,
        papers=exam.papers_of(label),
        entries=entry_views(exam, form),
        charts=chart_uris(exam.items) if charts is None else charts,
        circled=CIRCLED,
        written_lines=WRITTEN_LINES,
        mc_count=sum(1 for e in form.entries if not e.written),
    )


def key_html(exam: Exam) -> str:
    """The teacher's document: per form the 정답표, then the 채점 기준 and the 문항정보표."""
    written = [e for e in exam.forms[0].entries if e.written]
    return render(
        "exam_key.html.j2",
        exam=exam,
        header=exam.header,
        forms=exam.forms,
        key_text=key_text,
        kind_ko=KIND_NAMES_KO,
        written=written,
        info=info_rows(exam),
        papers=exam.papers,
        level_note=level_note(exam),
    )


def level_note(exam: Exam) -> str:
    """What the key page says of the 난이도 column: where its levels come from."""
    from ..exam.levels import EASY_ABOVE, HARD_BELOW

    graded = [exam.level(i).graded for i in exam.items]
    said = []
    if any(graded):
        said.append(
            "난이도가 '채점 결과'인 문항은 전에 채점한 성적부의 정답률 p로 정했습니다"
            f"(p < {HARD_BELOW:g} 상, {HARD_BELOW:g}–{EASY_ABOVE:g} 중, p > {EASY_ABOVE:g} 하; "
            "Cangelosi, 1990)."
        )
    if not all(graded):
        said.append(
            "'유형별 추정'은 문항 유형만 보고 어림한 값입니다(빈칸·순서·삽입 상, 도표·내용 일치 "
            "하 등). 지문에 따라 달라지므로 검토하시는 선생님께서 고쳐 주십시오. 채점한 뒤에는 "
            "dokhae export exam --gradebook으로 실제 정답률을 반영할 수 있습니다."
        )
    return " ".join(said)
