"""A class report from the gradebook: totals per student, difficulty per item, a chart.

``dokhae report`` and the teacher notebook call the same :func:`report`::

    from dokhae.teacher import report
    r = report("teacher/gradebook.sqlite3")
    r.students          # DataFrame: one row per student, total, percent, ...
    r.items             # DataFrame: one row per exercise, share correct, most common wrong answer
    r.mean              # the class mean (percent) of those who handed in
    r.summary("ko")     # the class mean and who has not handed in, by name
    r.figure("ko")      # matplotlib Figure (Korean labels drawn with the bundled Korean font)
    r.analysis          # ItemAnalysis: p, discrimination, options, flags (item_analysis.py)
    r.item_chart("ko")  # the item analysis at a glance
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..json_files import atomic_output
from ..spreadsheet import write_frame_csv
from . import item_files
from .gradebook import Gradebook, attempt_results, named, with_status_labels
from .item_analysis import (
    ItemAnalysis,
    analyse,
    attempt_responses,
    gradebook_items,
    key_option,
    key_variant,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from .key import AnswerKey

__all__ = [
    "ClassReport",
    "item_difficulties",
    "report",
    "retake_lines",
    "retake_summary",
    "save_retakes",
]


@dataclass
class ClassReport:
    """The tables of one graded assignment (see the module docstring)."""

    assignment_id: str
    students: pd.DataFrame
    items: pd.DataFrame
    analysis: ItemAnalysis | None = None

    def __repr__(self) -> str:
        return f"<ClassReport {self.assignment_id}: {len(self.students)} students, {len(self.items)} items>"

    @property
    def handed_in(self) -> pd.DataFrame:
        """The rows of the students whose work was graded."""
        return self.students[self.students["status"] == "submitted"]

    @property
    def not_submitted(self) -> list[str]:
        """The ids of the students with nothing graded (not handed in, or a damaged file)."""
        return list(self.students.loc[self.students["status"] != "submitted", "student_id"])

    @property
    def mean(self) -> float | None:
        """The class mean: the average percent of those who handed in (None: nobody did)."""
        handed_in = self.handed_in
        return round(float(handed_in["percent"].mean()), 1) if len(handed_in) else None

    def summary(self, language: str | None = None) -> list[str]:
        """The class mean, one line naming who has not handed in and one naming who
        handed in a damaged file (when anyone did), in ``language``."""
        lines = []
        if self.mean is not None:
            lines.append(i18n.t("class_report.mean", language, mean=f"{self.mean:g}"))
        names = dict(zip(self.students["student_id"], self.students["name"]))
        for status, key in (("missing", "not_submitted"), ("damaged", "damaged")):
            ids = list(self.students.loc[self.students["status"] == status, "student_id"])
            if ids:
                lines.append(
                    i18n.t(f"class_report.{key}", language, count=len(ids), names=named(ids, names))
                )
        return lines

    def shown_students(self) -> pd.DataFrame:
        """``students`` with the statuses in words, Korean and English (as in the files)."""
        return with_status_labels(self.students)

    def title(self, language: str = "ko") -> str:
        """The chart's title: how many handed in, of how many, and the class mean."""
        if self.mean is None:
            return i18n.t(
                "class_report.title_nobody",
                language,
                assignment_id=self.assignment_id,
                students=len(self.students),
            )
        return i18n.t(
            "class_report.title",
            language,
            assignment_id=self.assignment_id,
            submitted=len(self.handed_in),
            students=len(self.students),
            mean=f"{self.mean:g}",
        )

    def figure(self, language: str = "ko") -> Figure:
        """Share correct per item (bars) and the spread of students' percentages."""
        from matplotlib.figure import Figure

        font = _font(language)
        items = self.items
        height = max(4.0, 0.22 * len(items) + 1.5)
        fig = Figure(figsize=(11, height), layout="constrained")
        left, right = fig.subplots(1, 2, width_ratios=(3, 2))
        shares = items["share_correct"].fillna(0.0).to_numpy() * 100
        positions = list(range(len(items)))[::-1]
        left.barh(positions, shares, color="#2e86c1")
        left.set_yticks(positions, list(items["exercise_id"]), fontsize=7)
        left.set_xlim(0, 100)
        left.set_xlabel(f"{i18n.t('report.share_correct', language)} (%)", fontproperties=font)
        left.set_title(i18n.t("report.items", language), fontproperties=font)
        self._spread(right, language, font)
        for ax in (left, right):
            ax.spines[["top", "right"]].set_visible(False)
        fig.suptitle(self.title(language), fontproperties=font)
        return fig

    def _spread(self, ax: Any, language: str, font: FontProperties) -> None:
        """The histogram of the percentages of those who handed in: whole numbers of
        students on its axis, and the class mean as a line."""
        from ..plots import count_axis

        ax.hist(self.handed_in["percent"], bins=range(0, 105, 5), color="#27ae60")
        ax.set_xlim(0, 100)
        count_axis(ax)
        if self.mean is not None:
            ax.axvline(self.mean, color="#34495e", linestyle="--", linewidth=1.2)
            ax.text(
                self.mean,
                ax.get_ylim()[1],
                " " + i18n.t("class_report.mean", language, mean=f"{self.mean:g}"),
                va="top",
                fontsize=8,
                fontproperties=font,
            )
        ax.set_xlabel(f"{i18n.t('report.total', language)} (%)", fontproperties=font)
        ax.set_ylabel(i18n.t("report.students_axis", language), fontproperties=font)
        ax.set_title(i18n.t("report.students", language), fontproperties=font)

    def save(self, out_dir: str | Path, *, language: str = "ko") -> dict[str, Path]:
        """Write ``students.csv``, ``items.csv`` (UTF-8 with BOM) and ``chart.png``, and the
        item analysis beside them (:func:`dokhae.teacher.item_files.save`)."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = {
            "students": out / "students.csv",
            "items": out / "items.csv",
            "chart": out / "chart.png",
        }
        write_frame_csv(paths["students"], self.shown_students())
        write_frame_csv(paths["items"], self.items)
        with atomic_output(paths["chart"]) as tmp:
            self.figure(language).savefig(tmp, dpi=120, format="png")
        if self.analysis is not None:
            saved = item_files.save(self.analysis, out, language=language)
            paths |= {f"item_{k}": v for k, v in saved.items()}
        return paths

    def item_chart(self, language: str = "ko") -> Figure:
        """The item analysis at a glance (:func:`dokhae.teacher.item_files.figure`)."""
        if self.analysis is None:
            raise ValueError("this report has no item analysis")
        return item_files.figure(self.analysis, language)


def _font(language: str) -> FontProperties:
    from ..plots import report_font

    return report_font(language)


def report(
    gradebook_path: str | Path,
    assignment_id: str | None = None,
    *,
    key_path: str | Path | None = None,
) -> ClassReport:
    """The class report of ``assignment_id`` (or of the only assignment in the gradebook).

    ``analysis`` is the item analysis of the students who handed in (their first attempt;
    with retakes, per-attempt figures too: :func:`~.item_analysis.attempt_responses`). The
    answer key (``key_path``, default ``key.json`` beside the gradebook when it is that
    assignment's) adds the options offered and the key, and names each student's variant
    of the items whose variants differ (per-variant figures: ``analysis.variants``);
    without it, options are those chosen and there are no per-variant figures.

    ``students``: student_id, name, status, total, max_points, percent, correct, pending.
    ``items``: exercise_id, type, points, answered, blank (handed in, left empty),
    correct, share_correct (of those who answered), mean_points (of those who handed
    in), most_common_wrong (as the students saw it: their letters and the option's
    text, or what they typed; long ones cut), most_common_wrong_count.

    Raises:
        GradebookError: not a gradebook, or the assignment is not in it.
    """
    with Gradebook(gradebook_path) as book:
        aid = book.assignment(assignment_id)
        table = book.table(aid)
        exercises = book.frame("exercises", aid)
        results = book.frame("results", aid)
        attempts = attempt_results(book, aid)
    correct = results[results["status"] == "correct"].groupby("student_id").size()
    students = table[
        ["student_id", "name", "status", "total", "max_points", "percent", "pending"]
    ].copy()
    students.insert(6, "correct", [int(correct.get(s, 0)) for s in students["student_id"]])
    submitted = int((table["status"] == "submitted").sum())
    items = _items(exercises, results, submitted)
    handed_in = list(table.loc[table["status"] == "submitted", "student_id"])
    key = _key(gradebook_path, aid, key_path)
    responses = attempt_responses(
        exercises,
        results,
        attempts,
        handed_in,
        variant=None if key is None else partial(key_variant, key),
        option=None if key is None else partial(key_option, key),
    )
    analysis = analyse(
        responses,
        gradebook_items(exercises, None if key is None else key.questions),
        students=handed_in,
    )
    return ClassReport(
        assignment_id=aid,
        students=students.reset_index(drop=True),
        items=items,
        analysis=analysis,
    )


def item_difficulties(gradebooks: Iterable[str | Path]) -> dict[str, tuple[float, int]]:
    """The difficulty index p of every item graded in ``gradebooks``, with how many
    students it rests on: ``{item id: (p, students)}`` from the item analysis of each
    assignment (first attempts of those who handed in). An item of several assignments
    is pooled: the mean of their p weighted by their students.

    Raises:
        GradebookError: not a gradebook.
    """
    sums: dict[str, tuple[float, int]] = {}
    for path in gradebooks:
        with Gradebook(path) as book:
            assignments = book.assignments()
        for aid in assignments:
            analysis = report(path, aid).analysis
            if analysis is None:
                continue
            for item, p, n in analysis.items[["item", "p", "n"]].itertuples(index=False):
                if n and p == p:  # an item nobody answered has no p (NaN)
                    total, students = sums.get(item, (0.0, 0))
                    sums[item] = (total + float(p) * int(n), students + int(n))
    return {item: (total / n, n) for item, (total, n) in sums.items()}


ITEM_COLUMNS = (
    "exercise_id",
    "type",
    "points",
    "answered",
    "blank",
    "correct",
    "share_correct",
    "mean_points",
    "most_common_wrong",
    "most_common_wrong_count",
)
SHOWN_LENGTH = 60
"""A wrong answer longer than this is cut (with …) in the item table."""
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _items(exercises: pd.DataFrame, results: pd.DataFrame, submitted: int) -> pd.DataFrame:
    """One row per exercise (see :func:`report`); ``submitted``: how many handed in."""
    import pandas as pd

    rows = []
    for _, exercise in exercises.iterrows():
        mine = results[results["exercise_id"] == exercise["exercise_id"]]
        answered = int(mine["answer"].notna().sum())
        n_correct = int((mine["status"] == "correct").sum())
        wrong, wrong_count = _most_common_wrong(exercise["type"], mine)
        rows.append(
            {
                "exercise_id": exercise["exercise_id"],
                "type": exercise["type"],
                "points": exercise["points"],
                "answered": answered,
                "blank": submitted - answered,
                "correct": n_correct,
                "share_correct": round(n_correct / answered, 4) if answered else float("nan"),
                "mean_points": round(float(mine["points"].sum()) / submitted, 4)
                if submitted
                else float("nan"),
                "most_common_wrong": wrong,
                "most_common_wrong_count": wrong_count,
            }
        )
    return pd.DataFrame(rows, columns=list(ITEM_COLUMNS))


def _most_common_wrong(kind: str, mine: pd.DataFrame) -> tuple[str, int]:
    """The wrong answer most students gave (grouped in the lesson's terms, so that one
    choice under different letters counts once), shown as the students saw it, and how
    many gave it."""
    wrong = mine[mine["status"].isin(["wrong", "partial"]) & (mine["canonical"] != "")]
    counts = (
        wrong["canonical"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    )
    if not len(counts):
        return "", 0
    top = str(counts.index[0])
    typed = list(
        dict.fromkeys(_as_typed(a) for a in wrong.loc[wrong["canonical"] == top, "answer"])
    )
    if kind == "multiple_choice" and ": " in top:
        # the students' own letters (shuffled for each), then the option's text
        shown = f"{'/'.join(sorted(typed))}) {top.split(': ', 1)[1]}"
    else:
        shown = " / ".join(typed)
    return _cut(shown), int(counts.iloc[0])


def _as_typed(answer: object) -> str:
    """An answer as handed in (JSON in the gradebook) as the student wrote it: a letter,
    a word, ``d, b, a, e, c``, a matching as ``1-c, 2-a``."""
    try:
        value = json.loads(str(answer))
    except ValueError:
        value = answer
    if isinstance(value, dict):
        return ", ".join(f"{k}-{_as_typed_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_as_typed_value(v) for v in value)
    return _as_typed_value(value)


def _as_typed_value(value: object) -> str:
    if isinstance(value, list):
        return "-".join(_as_typed_value(v) for v in value)
    return str(value)


def _cut(text: str, length: int = SHOWN_LENGTH) -> str:
    """``text`` on one line, without control characters, cut to ``length`` with …."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _key(
    gradebook_path: str | Path, assignment_id: str, key_path: str | Path | None
) -> AnswerKey | None:
    """The answer key, when it is at hand and is this assignment's."""
    from .key import AnswerKey, KeyFileError

    path = Path(key_path) if key_path is not None else Path(gradebook_path).parent / "key.json"
    if key_path is None and not path.is_file():
        return None
    try:
        key = AnswerKey.load(path)
    except KeyFileError:
        if key_path is not None:
            raise
        return None
    if key.assignment_id != assignment_id:
        if key_path is not None:
            raise KeyFileError(
                f"{path} is the key of {key.assignment_id!r}, not of {assignment_id!r}; "
                "give that assignment's key (dokhae report --key)"
            )
        return None
    return key


# --------------------------------------------------------------------------- retakes (issue 17)


def retake_summary(gradebook_path: str | Path, assignment_id: str | None = None) -> pd.DataFrame:
    """Each student's attempts, best and last score (percent) and whether they reached
    the target (:func:`dokhae.teacher.retakes.target_summary`)."""
    from .retakes import target_summary

    return target_summary(gradebook_path, assignment_id)


def retake_lines(
    gradebook_path: str | Path, assignment_id: str | None = None, language: str = "ko"
) -> list[str]:
    """The report's retake section as text lines (the table, then who is not yet at the
    target); empty for an assignment without retakes or target."""
    from .retakes import has_retakes, target_lines

    summary = retake_summary(gradebook_path, assignment_id)
    if not has_retakes(summary):
        return []
    return target_lines(summary, language)


def save_retakes(
    gradebook_path: str | Path, assignment_id: str, out_dir: str | Path
) -> dict[str, Path]:
    """Write ``attempts.csv`` (every graded attempt's rows: attempt, variant, points,
    rubric parts of written exam answers) when the gradebook has such rows, and
    ``retakes.csv`` (each student's attempts, best, last, reached) for an assignment
    with retakes or a target."""
    with Gradebook(gradebook_path) as book:
        rows = attempt_results(book, assignment_id)
    if rows.empty:
        return {}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"attempts": out / "attempts.csv"}
    write_frame_csv(paths["attempts"], rows)
    if retake_lines(gradebook_path, assignment_id):
        paths["retakes"] = out / "retakes.csv"
        write_frame_csv(paths["retakes"], retake_summary(gradebook_path, assignment_id))
    return paths
