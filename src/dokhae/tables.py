"""The lesson and a student's progress as pandas tables (and one chart) for the notebooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import i18n
from .lesson import SKILLS, Lesson
from .paragraphs import paragraph_group_label, paragraph_groups  # noqa: F401  (kept importable here)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .session import Session

LEVEL_ORDER = pd.CategoricalDtype(["A1", "A2", "B1", "B2", "C1", "C2"], ordered=True)


def glossary_table(lesson: Lesson) -> pd.DataFrame:
    """One row per glossary entry, with the paragraph it comes from.

    ``level`` is an ordered category, so ``sort_values("level")`` goes from A1 to C2 and
    ``table[table.level >= "C1"]`` keeps the hardest words.
    """
    rows = [
        {
            "id": e.id,
            "english": e.headword,
            "korean": e.korean,
            "pos": e.pos,
            "level": e.level,
            "estimated": e.level_source == "estimated",
            "paragraph": lesson.article.sentences[e.sentence_id].paragraph,
            "romanization": e.romanization,
            "hanja": e.hanja,
            "for": e.audience,
            "definition": e.definition,
        }
        for e in lesson.glossary
    ]
    table = pd.DataFrame(rows)
    table["level"] = table["level"].astype(LEVEL_ORDER)
    return table


def paragraph_word_counts(lesson: Lesson) -> pd.Series:
    """How many glossary entries each part of the article has, in reading order
    (headline, caption, paragraphs), parts with no entry included as 0."""
    table = glossary_table(lesson) if lesson.glossary else pd.DataFrame({"paragraph": []})
    counts = table["paragraph"].value_counts()
    order = [p.id for p in lesson.article.paragraphs]
    result = pd.Series([int(counts.get(pid, 0)) for pid in order], index=order, name="words", dtype="int64")
    result.index.name = "paragraph"
    return result


def busiest_paragraph(lesson: Lesson) -> str | None:
    """The paragraph with the most glossary entries (the first of a tie, in reading
    order); None when the glossary is empty."""
    counts = paragraph_word_counts(lesson)
    if counts.empty or counts.max() == 0:
        return None
    return str(counts.idxmax())  # idxmax gives the first of equal counts


def templates_table(lesson: Lesson) -> pd.DataFrame:
    """The lesson's arithmetic templates with their worked-example answers (for the
    teacher); the columns are there even when the lesson has no template."""
    columns = ["id", "level", "compute", "example answer", "unit", "source"]
    return pd.DataFrame(
        [[t.id, t.level, t.answer.compute, t.answer.example, t.answer.unit, t.source]
         for t in lesson.exercises.templates],
        columns=columns,
    )


def _answer_text(question) -> str:
    kind = question.type
    if kind == "multiple_choice":
        choice = next(c for c in question.choices if c.id == question.answer)
        return f"{choice.id}. {choice.en}"
    if kind == "ordering":
        return " → ".join(question.answer)
    if kind == "matching":
        return "; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    if kind == "short_text":
        return " / ".join(question.accept)
    if kind == "numeric":
        return f"{question.answer:g} {question.unit}".strip()
    return str(question.answer)


def answer_key_table(lesson: Lesson, language: str | None = None) -> pd.DataFrame:
    """Every question with its answer and explanation (for the teacher notebook)."""
    lang = i18n.get_language() if language is None else language
    return pd.DataFrame(
        [
            {
                "id": q.id,
                "type": q.type,
                "skill": q.skill,
                "sentences": ", ".join(q.sentences),
                "answer": _answer_text(q),
                "explanation": q.explanation(lang),
            }
            for q in lesson.exercises.questions
        ]
    )


def progress_table(session: Session) -> pd.DataFrame:
    """The latest attempt at each exercise of the session's lesson, in lesson order."""
    lesson = session.lesson
    attempts = session.store.attempts(lesson.slug, latest=True)
    order = {eid: i for i, eid in enumerate([*lesson.questions, *lesson.templates])}
    if attempts.empty:
        return pd.DataFrame(columns=["exercise", "kind", "status", "score"])
    table = attempts[["exercise", "status", "score"]].copy()
    table.insert(1, "kind", [
        lesson.questions[e].skill if e in lesson.questions
        else "arithmetic" if e in lesson.templates else "vocabulary"
        for e in table["exercise"]
    ])
    table["_order"] = [order.get(e, len(order)) for e in table["exercise"]]
    return table.sort_values(["_order", "exercise"]).drop(columns="_order").reset_index(drop=True)


def progress_summary(session: Session) -> pd.DataFrame:
    """Per kind of exercise (skill, arithmetic, vocabulary): answered, correct, share correct."""
    table = progress_table(session)
    if table.empty:
        return pd.DataFrame(columns=["answered", "correct", "share_correct"])
    grouped = table.groupby("kind", sort=True)
    summary = pd.DataFrame({
        "answered": grouped.size(),
        "correct": grouped["status"].apply(lambda s: int((s == "correct").sum())),
    })
    summary["share_correct"] = (summary["correct"] / summary["answered"]).round(2)
    return summary


def progress_chart(session: Session, language: str | None = None) -> Figure:
    """A bar chart of answered and correct exercises per kind, with Korean labels."""
    from matplotlib.figure import Figure

    from .plots import chart_font

    lang = i18n.get_language() if language is None else language
    font = chart_font(lang)
    summary = progress_summary(session)
    fig = Figure(figsize=(7, 3.5), layout="constrained")
    ax = fig.add_subplot()
    if summary.empty:
        ax.text(0.5, 0.5, i18n.t("progress.no_attempts", lang), ha="center", va="center",
                fontproperties=font)
        ax.set_axis_off()
        return fig
    labels = [i18n.t(f"skill.{k}" if k in SKILLS else f"progress.kind_{k}", lang) for k in summary.index]
    x = range(len(summary))
    ax.bar([i - 0.2 for i in x], summary["answered"], width=0.4, label=i18n.t("progress.answered_label", lang),
           color="#b0b7bf")
    ax.bar([i + 0.2 for i in x], summary["correct"], width=0.4, label=i18n.t("status.correct", lang),
           color="#2e7d32")
    ax.set_xticks(list(x), labels, fontproperties=font)
    ax.set_title(i18n.t("progress.title", lang), fontproperties=font)
    ax.legend(prop=font)
    return fig
