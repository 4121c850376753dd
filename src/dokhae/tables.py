"""The lesson and a student's progress as pandas tables (and one chart) for the notebooks,
and what a student should study next (notebook 05).

Progress in words a student reads: :func:`exercise_label` names an exercise as the
student met it (a question by the start of its prompt, an arithmetic exercise by its
title, a word by its headword and Korean, ``respond — 대응하다``), never by an id such as
``vocab:ko-daeeung``; :func:`counted_attempts` is the last answer to each exercise,
leaving out the worked examples (templates marked ``worked: true``: the notebook works
them out, so they say nothing of the student); :func:`study_next` gathers the cards to
review, the words and questions missed and the next notebook into a :class:`StudyPlan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import pandas as pd

from . import i18n
from .learner import DIRECTIONS
from .lesson import (
    SKILLS,
    Lesson,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    ShortText,
)
from .paragraphs import paragraph_group_label, paragraph_groups  # noqa: F401  (kept importable here)
from .results import SELF_MARKED
from .review import (
    DAILY_NEW,
    DICTATION_PREFIXES,
    TYPED_PREFIXES,
    Reviewer,
    missed_cards,
    new_allowance,
    review_cards,
    when_text,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .progress import Attempt
    from .session import Session

LEVEL_ORDER = pd.CategoricalDtype(["A1", "A2", "B1", "B2", "C1", "C2"], ordered=True)


def glossary_table(lesson: Lesson, direction: str = "en") -> pd.DataFrame:
    """One row per glossary entry, with the paragraph it comes from.

    ``level`` is an ordered category, so ``sort_values("level")`` goes from A1 to C2 and
    ``table[table.level >= "C1"]`` keeps the hardest words. ``direction``: the learner's
    (``session.direction``); a learner of Korean (``"ko"``) also gets, after the
    romanization, the ``pronunciation`` where it differs from the spelling (정례 [정녜];
    empty where the word is said as spelt).

    Raises:
        ValueError: ``direction`` is neither ``"en"`` nor ``"ko"``.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: choose 'en' or 'ko'")
    korean_side = direction == "ko"
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
            **({"pronunciation": e.pronunciation} if korean_side else {}),
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
    result = pd.Series(
        [int(counts.get(pid, 0)) for pid in order], index=order, name="words", dtype="int64"
    )
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
        [
            [t.id, t.level, t.answer.compute, t.answer.example, t.answer.unit, t.source]
            for t in lesson.exercises.templates
        ],
        columns=columns,
    )


def _answer_text(question: Question) -> str:
    if isinstance(question, MultipleChoice):
        choice = next(c for c in question.choices if c.id == question.answer)
        return f"{choice.id}. {choice.en}"
    if isinstance(question, Ordering):
        return " → ".join(question.answer)
    if isinstance(question, Matching):
        return "; ".join(f"{p.left} → {p.right}" for p in question.pairs)
    if isinstance(question, ShortText):
        return " / ".join(question.accept)
    if isinstance(question, Numeric):
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


def _percent(share: float) -> str:
    return i18n.t("score.percent", percent=round(100 * share))


def progress_table(session: Session | None = None, language: str | None = None) -> pd.DataFrame:
    """The last answer to each exercise of the session's lesson, in lesson order, in
    the interface language: the exercise as the student knows it (a question's prompt,
    an arithmetic title, a word's headword; see :func:`dokhae.study.exercise_label`),
    its kind, the result and the score as a percentage, numbered from 1. Worked examples
    are left out; with nothing answered, one cell says so."""
    lang = i18n.get_language() if language is None else language
    session = _session(session)
    lesson = session.lesson
    columns = [i18n.t(f"study.{c}", lang) for c in ("exercise", "kind", "result", "score")]
    order = {eid: i for i, eid in enumerate([*lesson.questions, *lesson.templates])}
    attempts = sorted(
        counted_attempts(session), key=lambda a: (order.get(a.exercise, len(order)), a.exercise)
    )
    if not attempts:
        return _nothing_yet(lang)
    return pd.DataFrame(
        [
            [
                exercise_label(lesson, a.exercise, lang),
                i18n.t(exercise_kind(lesson, a.exercise), lang),
                i18n.t(
                    "status.self_marked" if a.mode == SELF_MARKED else f"status.{a.status}", lang
                ),
                _percent(a.score),
            ]
            for a in attempts
        ],
        columns=columns,
        index=range(1, len(attempts) + 1),
    )


def _nothing_yet(lang: str) -> pd.DataFrame:
    """A one-cell table that says nothing is answered yet (not pandas' "Empty DataFrame")."""
    return pd.DataFrame(
        {i18n.t("progress.title", lang): [i18n.t("progress.no_attempts", lang)]}, index=[""]
    )


def _session(session: Session | None) -> Session:
    """``session``, or this kernel's session (so a cell runs on its own in a new kernel)."""
    if session is not None:
        return session
    from .session import current_session

    return current_session()


def _summary_counts(session: Session) -> pd.DataFrame:
    """Per kind of exercise (catalog keys, sorted): answered and correct, worked
    examples left out; empty when nothing is answered."""
    lesson = session.lesson
    rows = [
        (exercise_kind(lesson, a.exercise), a.status == "correct")
        for a in counted_attempts(session)
    ]
    if not rows:
        return pd.DataFrame(columns=["answered", "correct"])
    frame = pd.DataFrame(rows, columns=["kind", "correct"])
    grouped = frame.groupby("kind", sort=False)
    counts = pd.DataFrame(
        {"answered": grouped.size(), "correct": grouped["correct"].sum().astype(int)}
    )
    # the skills in the lesson model's order, then arithmetic, then vocabulary by direction
    rank = [f"skill.{k}" for k in SKILLS] + ["progress.kind_arithmetic", *VOCABULARY_KINDS]
    return counts.loc[sorted(counts.index, key=lambda k: rank.index(k) if k in rank else len(rank))]


VOCABULARY_KINDS = ("study.kind_typed_en", "study.kind_typed_ko", "study.kind_matching")
"""Vocabulary practice in the summary, one row per direction (issue 25): typing the English
for the Korean (how a learner of Korean shows understanding), typing the Korean for the
English (production), and matching (both ways at once)."""


def progress_summary(session: Session | None = None, language: str | None = None) -> pd.DataFrame:
    """Per kind of exercise (a skill, CBAM arithmetic, vocabulary), in the interface
    language: answered, correct and the share correct as a percentage. Worked examples
    are left out; with nothing answered, one cell says so."""
    lang = i18n.get_language() if language is None else language
    counts = _summary_counts(_session(session))
    columns = [i18n.t(f"study.{c}", lang) for c in ("answered", "correct", "share_correct")]
    if counts.empty:
        return _nothing_yet(lang)
    table = pd.DataFrame(
        {
            columns[0]: counts["answered"].astype(int),
            columns[1]: counts["correct"].astype(int),
            columns[2]: [
                _percent(c / a) for c, a in zip(counts["correct"], counts["answered"], strict=True)
            ],
        }
    )
    table.index = [i18n.t(k, lang) for k in counts.index]
    table.index.name = i18n.t("study.kind", lang)
    return table


def progress_chart(session: Session | None = None, language: str | None = None) -> Figure:
    """A bar chart of answered and correct exercises per kind, with Korean labels."""
    from matplotlib.figure import Figure

    from .plots import chart_font, count_axis, with_text_alternative

    lang = i18n.get_language() if language is None else language
    font = chart_font(lang)
    summary = _summary_counts(_session(session))
    fig = Figure(figsize=(7, 3.5), layout="constrained")
    ax = fig.add_subplot()
    if summary.empty:
        ax.text(
            0.5,
            0.5,
            i18n.t("progress.no_attempts", lang),
            ha="center",
            va="center",
            fontproperties=font,
        )
        ax.set_axis_off()
        return with_text_alternative(fig, i18n.t("progress.no_attempts", lang))
    labels = [i18n.t(k, lang) for k in summary.index]
    x = range(len(summary))
    ax.bar(
        [i - 0.2 for i in x],
        summary["answered"],
        width=0.4,
        label=i18n.t("progress.answered_label", lang),
        color="#b0b7bf",
    )
    ax.bar(
        [i + 0.2 for i in x],
        summary["correct"],
        width=0.4,
        label=i18n.t("status.correct", lang),
        color="#2e7d32",
    )
    count_axis(ax)  # counts: 0, 1, 2, never 0.2
    ax.set_xticks(list(x), labels, fontproperties=font)
    ax.set_title(i18n.t("progress.title", lang), fontproperties=font)
    ax.legend(prop=font)
    values = "; ".join(
        i18n.t("listening.chart_progress_row", lang, kind=k, answered=a, correct=c)
        for k, a, c in zip(labels, summary["answered"], summary["correct"])
    )
    text = i18n.t("listening.chart_progress", lang, title=i18n.t("progress.title", lang))
    return with_text_alternative(fig, f"{text} {values}")


# --------------------------------------------------------------------------- what to study next

NOTEBOOKS = {
    "00": "00-start-here.ipynb",
    "02": "02-vocabulary.ipynb",
    "03": "03-comprehension.ipynb",
    "04": "04-cbam-arithmetic.ipynb",
}
"""The notebooks a plan can point to (their files sit beside 05-my-progress)."""

MATCHING_PREFIX = "vocab-matching"
LABEL_LENGTH = 48
"""Question prompts longer than this are cut (with …) in labels."""
SHOWN = 3
"""How many missed words or questions a plan names before "and N more"."""


def _cut(text: str, length: int = LABEL_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def exercise_kind(lesson: Lesson, exercise_id: str) -> str:
    """The catalog key of the kind of an exercise: ``skill.<skill>`` for a question,
    ``progress.kind_arithmetic``, ``study.kind_typed_en`` / ``study.kind_typed_ko`` /
    ``study.kind_matching`` for vocabulary, ``exam_choose.kind`` for an exam item (수능 유형),
    ``progress.kind_vocabulary`` otherwise."""
    if exercise_id in lesson.questions:
        return f"skill.{lesson.questions[exercise_id].skill}"
    if exercise_id in lesson.templates:
        return "progress.kind_arithmetic"
    if exercise_id in lesson.exam_items:
        return "exam_choose.kind"
    prefix = exercise_id.partition(":")[0]
    if prefix == "vocab":
        return "study.kind_typed_en"
    if prefix == "vocab-ko":
        return "study.kind_typed_ko"
    if prefix == MATCHING_PREFIX:
        return "study.kind_matching"
    return "progress.kind_vocabulary"


def exercise_label(lesson: Lesson, exercise_id: str, language: str | None = None) -> str:
    """How a student knows the exercise ``exercise_id``, in ``language``: the start of a
    question's prompt, an arithmetic exercise's title, ``headword — 한국어`` for a word,
    "Matching, round 2" for a matching round."""
    if exercise_id in lesson.questions:
        return _cut(lesson.questions[exercise_id].prompt(language or i18n.get_language()))
    if exercise_id in lesson.templates:
        return lesson.templates[exercise_id].title(language or i18n.get_language())
    if exercise_id in lesson.exam_items:
        kind = i18n.t(f"exam_kind.{lesson.exam_items[exercise_id].kind}", language)
        return i18n.t("exam_choose.item_label", language, kind=kind)
    prefix, _, rest = exercise_id.partition(":")
    if prefix in TYPED_PREFIXES:
        entry = next((e for e in lesson.glossary if e.id == rest), None)
        if entry is not None:
            return f"{entry.headword} — {entry.korean}"
    if prefix in DICTATION_PREFIXES:  # a dictated sentence, in the language dictated
        sentences = (s for p in lesson.article.paragraphs for s in p.sentences if s.id == rest)
        sentence = next(sentences, None)
        if sentence is not None:
            return _cut(getattr(sentence, DICTATION_PREFIXES[prefix]))
    if prefix == MATCHING_PREFIX and rest.isdigit():
        return i18n.t("study.matching_round", language, n=int(rest))
    return i18n.t("study.not_in_lesson", language)


def _worked(lesson: Lesson) -> set[str]:
    return {t.id for t in lesson.exercises.templates if t.worked}


def counted_attempts(session: Session) -> list[Attempt]:
    """The last attempt at each exercise of the session's lesson that counts: worked
    examples (templates with ``worked: true``) left out."""
    worked = _worked(session.lesson)
    return [
        a for a in session.store.latest_attempts(session.lesson.slug) if a.exercise not in worked
    ]


@dataclass(frozen=True)
class StudyPlan:
    """What to study next, as lines of text (``lines``) and the next notebook (``notebook``:
    a file name beside 05, or None). Shown as a short list in a notebook."""

    title: str
    lines: tuple[str, ...]
    notebook: str | None = None
    notebook_line: str = ""
    links: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        items = [*self.lines, self.notebook_line] if self.notebook_line else list(self.lines)
        return "\n".join([self.title, *(f"• {line}" for line in items)])

    def _repr_html_(self) -> str:
        from .markup import escape

        items = [f"<li>{escape(line)}</li>" for line in self.lines]
        if self.notebook_line:
            line = escape(self.notebook_line)
            if self.notebook is not None:
                shown = escape(self.links.get(self.notebook, self.notebook))
                line = line.replace(shown, f'<a href="{escape(self.notebook)}">{shown}</a>', 1)
            items.append(f"<li>{line}</li>")
        return (
            f'<div class="dokhae-study-next"><b>{escape(self.title)}</b>'
            f"<ul>{''.join(items)}</ul></div>"
        )


def _named(labels: list[str], language: str | None) -> str:
    shown = ", ".join(labels[:SHOWN])
    if len(labels) > SHOWN:
        shown += " " + i18n.t("study.next_more", language, n=len(labels) - SHOWN)
    return shown


def _done(attempt: Attempt) -> bool:
    """Whether an exercise needs no more work in its notebook: answered right, or an
    open answer the learner marked themselves (:data:`~dokhae.results.SELF_MARKED`:
    answered, and still never counted as correct)."""
    return attempt.status == "correct" or attempt.mode == SELF_MARKED


def _next_notebook(session: Session, latest: list[Attempt], reviewed: bool) -> str:
    """02 before any word is practised; then 03 while a question is unanswered or wrong
    (an open answer marked by the learner is done: :func:`_done`);
    then 04 while an arithmetic exercise (not a worked one) is; else 00 (a new lesson)."""
    lesson = session.lesson
    done = {a.exercise: _done(a) for a in latest}
    vocabulary = reviewed or any(exercise_kind(lesson, e).startswith("study.") for e in done)
    if not vocabulary and lesson.glossary:
        return "02"
    direction = getattr(session, "direction", None) or "en"
    if not all(done.get(q.id) for q in lesson.questions_for(direction)):
        return "03"  # the questions of the learner's text: 03 shows no others
    worked = _worked(lesson)
    if not all(done.get(t) for t in lesson.templates if t not in worked):
        return "04"
    return "00"


def study_next(
    session: Session | None = None,
    now: datetime | None = None,
    language: str | None = None,
    *,
    daily_new: int | None = None,
) -> StudyPlan:
    """What the student of ``session`` should study next, in ``language``: the word cards
    to review now and the new ones left for today, the words missed in typed recall
    (they lead the next review), the questions and arithmetic exercises whose last answer
    was wrong, and the next notebook. ``session`` defaults to this kernel's session,
    ``now`` to the clock."""
    if session is None:
        from .session import current_session

        session = current_session()
    lang = language or i18n.get_language()
    moment = now if now is not None else datetime.now(timezone.utc).astimezone()
    lesson, store = session.lesson, session.store
    latest = counted_attempts(session)
    cards = review_cards(lesson.glossary)
    reviewer = Reviewer(store, lesson.slug)
    states = store.card_states(lesson.slug)
    due = sum(1 for c in reviewer.due(cards, moment, new_limit=0) if c in states)
    reviews = store.reviews(lesson.slug)
    firsts: dict[str, datetime] = (
        {}
        if reviews.empty
        else {
            str(card): at.to_pydatetime()
            for card, at in reviews.groupby("card")["at_utc"].min().items()
        }
    )
    new = new_allowance(firsts, moment, DAILY_NEW if daily_new is None else daily_new)
    new = min(new, sum(1 for c in cards if c not in states))
    lines = [i18n.t("study.next_due", lang, n=due), i18n.t("study.next_new", lang, n=new)]
    if not due:
        upcoming = reviewer.next_due(cards)
        if upcoming is not None:
            lines.append(
                i18n.t("study.next_review_at", lang, when=when_text(upcoming, moment, lang))
            )
    missed = list(
        dict.fromkeys(card.rpartition(":")[0] for card in missed_cards(store, lesson.slug))
    )
    words = [e.headword for entry_id in missed for e in lesson.glossary if e.id == entry_id]
    if words:
        lines.append(i18n.t("study.next_missed_words", lang, words=_named(words, lang)))
    wrong = [
        a.exercise
        for a in latest
        if a.status in ("wrong", "partial")
        and (a.exercise in lesson.questions or a.exercise in lesson.templates)
    ]
    order = {eid: i for i, eid in enumerate([*lesson.questions, *lesson.templates])}
    wrong.sort(key=lambda e: order[e])
    if wrong:
        labels = [f"“{exercise_label(lesson, e, lang)}”" for e in wrong]
        lines.append(i18n.t("study.next_missed_questions", lang, questions=_named(labels, lang)))
    number = _next_notebook(session, latest, not reviews.empty)
    name = i18n.t(f"study.notebook_{number}", lang)
    key = "study.next_notebook_done" if number == "00" else "study.next_notebook"
    return StudyPlan(
        i18n.t("study.next_title", lang),
        tuple(lines),
        NOTEBOOKS[number],
        i18n.t(key, lang, notebook=name),
        {NOTEBOOKS[number]: name},
    )


# --------------------------------------------------------------------------- the exercises of a lesson

ARITHMETIC_SKILL = "arithmetic"
"""The skill that chooses every arithmetic template (``dokhae assign -s arithmetic``)."""
TEMPLATE_POINTS = 1.0
"""The points of an arithmetic exercise in an assignment (see dokhae.teacher.key)."""


def _written_number(value: float) -> str:
    """A number as a person writes it: ``517,459,000``, ``2.332``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def exercise_table(lesson: Lesson, language: str | None = None) -> pd.DataFrame:
    """Every exercise a teacher can choose (``dokhae assign -e ID``), in the lesson's order
    (the questions, then the arithmetic templates), numbered from 1: its id, kind and skill
    in ``language`` (the skill with its name for ``-s``), the text it tests (``en``,
    ``ko`` or ``both``, its ``tests`` field: which class ``--learners`` gets it), points,
    answer and the sentences it is about. An arithmetic template's answer is the one for
    its example numbers (every student gets their own), with the calculation and its
    level; it is for every class (``both``)."""
    lang = i18n.get_language() if language is None else language
    rows = [
        (
            q.id,
            i18n.t(f"question_type.{q.type}", lang),
            f"{i18n.t(f'skill.{q.skill}', lang)} ({q.skill})",
            q.tests,
            q.points,
            _answer_text(q),
            ", ".join(q.sentences),
        )
        for q in lesson.exercises.questions
    ]
    rows += [
        (
            t.id,
            i18n.t("progress.kind_arithmetic", lang),
            f"{i18n.t('progress.kind_arithmetic', lang)} ({ARITHMETIC_SKILL})",
            "both",
            TEMPLATE_POINTS,
            " ".join(
                [_written_number(t.answer.example), t.answer.unit]
                + [f"({t.answer.compute}, level {t.level})"]
            ).replace("  ", " "),
            "",
        )
        for t in lesson.exercises.templates
    ]
    table = pd.DataFrame(
        rows, columns=["id", "kind", "skill", "tests", "points", "answer", "sentences"]
    ).astype({"points": "float64"})
    table.index = pd.RangeIndex(1, len(table) + 1, name="no")
    return table
