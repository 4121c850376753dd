"""A class report from the gradebook: totals per student, difficulty per item, a chart.

``dokhae report`` and the teacher notebook call the same :func:`report`::

    from dokhae.teacher import report
    r = report("teacher/gradebook.sqlite3")
    r.students          # DataFrame: one row per student, total, percent, ...
    r.items             # DataFrame: one row per exercise, share correct, most common wrong answer
    r.figure("ko")      # matplotlib Figure (Korean labels drawn with the bundled Korean font)
    r.analysis          # ItemAnalysis: p, discrimination, options, flags (item_analysis.py)
    r.item_chart("ko")  # the item analysis at a glance
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..json_files import atomic_output
from ..spreadsheet import write_frame_csv
from . import item_files
from .gradebook import Gradebook
from .item_analysis import ItemAnalysis, analyse, gradebook_items, gradebook_responses

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

__all__ = ["ClassReport", "report", "retake_lines", "retake_summary", "save_retakes"]


@dataclass
class ClassReport:
    """The tables of one graded assignment (see the module docstring)."""

    assignment_id: str
    students: pd.DataFrame
    items: pd.DataFrame
    analysis: ItemAnalysis | None = None

    def __repr__(self) -> str:
        return f"<ClassReport {self.assignment_id}: {len(self.students)} students, {len(self.items)} items>"

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
        submitted = self.students[self.students["status"] == "submitted"]
        right.hist(submitted["percent"], bins=range(0, 105, 5), color="#27ae60")
        right.set_xlim(0, 100)
        right.set_xlabel(f"{i18n.t('report.total', language)} (%)", fontproperties=font)
        right.set_ylabel(i18n.t("report.students_axis", language), fontproperties=font)
        right.set_title(i18n.t("report.students", language), fontproperties=font)
        for ax in (left, right):
            ax.spines[["top", "right"]].set_visible(False)
        fig.suptitle(
            i18n.t(
                "report.title", language, assignment_id=self.assignment_id, students=len(submitted)
            ),
            fontproperties=font,
        )
        return fig

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
        write_frame_csv(paths["students"], self.students)
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

    ``analysis`` is the item analysis of the students who handed in. The answer key
    (``key_path``, default ``key.json`` beside the gradebook when it is that assignment's)
    adds the options offered and the key to it; without it, options are those chosen.

    ``students``: student_id, name, status, total, max_points, percent, correct, pending.
    ``items``: exercise_id, type, points, answered, correct, share_correct (of the
    students who handed in), mean_points, most_common_wrong, most_common_wrong_count.

    Raises:
        GradebookError: not a gradebook, or the assignment is not in it.
    """
    import pandas as pd

    with Gradebook(gradebook_path) as book:
        aid = book.assignment(assignment_id)
        table = book.table(aid)
        exercises = book.frame("exercises", aid)
        results = book.frame("results", aid)
    correct = results[results["status"] == "correct"].groupby("student_id").size()
    students = table[
        ["student_id", "name", "status", "total", "max_points", "percent", "pending"]
    ].copy()
    students.insert(6, "correct", [int(correct.get(s, 0)) for s in students["student_id"]])
    submitted = int((table["status"] == "submitted").sum())
    rows = []
    for _, exercise in exercises.iterrows():
        mine = results[results["exercise_id"] == exercise["exercise_id"]]
        answered = mine[mine["answer"].notna()]
        wrong = mine[mine["status"].isin(["wrong", "partial"]) & (mine["canonical"] != "")]
        counts = (
            wrong["canonical"]
            .value_counts()
            .sort_index()
            .sort_values(ascending=False, kind="stable")
        )
        n_correct = int((mine["status"] == "correct").sum())
        rows.append(
            {
                "exercise_id": exercise["exercise_id"],
                "type": exercise["type"],
                "points": exercise["points"],
                "answered": len(answered),
                "correct": n_correct,
                "share_correct": round(n_correct / submitted, 4) if submitted else float("nan"),
                "mean_points": round(float(mine["points"].sum()) / submitted, 4)
                if submitted
                else float("nan"),
                "most_common_wrong": counts.index[0] if len(counts) else "",
                "most_common_wrong_count": int(counts.iloc[0]) if len(counts) else 0,
            }
        )
    items = pd.DataFrame(
        rows,
        columns=[
            "exercise_id",
            "type",
            "points",
            "answered",
            "correct",
            "share_correct",
            "mean_points",
            "most_common_wrong",
            "most_common_wrong_count",
        ],
    )
    handed_in = list(table.loc[table["status"] == "submitted", "student_id"])
    analysis = analyse(
        gradebook_responses(exercises, results, handed_in),
        gradebook_items(exercises, _questions(gradebook_path, aid, key_path)),
        students=handed_in,
    )
    return ClassReport(
        assignment_id=aid,
        students=students.reset_index(drop=True),
        items=items,
        analysis=analysis,
    )


def _questions(
    gradebook_path: str | Path, assignment_id: str, key_path: str | Path | None
) -> dict[str, dict[str, Any]] | None:
    """The key's questions, when the key is at hand and is this assignment's."""
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
    return key.questions


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
    from .retakes import target_lines

    summary = retake_summary(gradebook_path, assignment_id)
    if summary.attrs.get("target") is None and not (summary["attempts"] > 1).any():
        return []
    return target_lines(summary, language)


def save_retakes(
    gradebook_path: str | Path, assignment_id: str, out_dir: str | Path
) -> dict[str, Path]:
    """Write ``attempts.csv`` (every graded attempt's rows: attempt, variant, points,
    rubric parts of written exam answers) when the gradebook has such rows, and
    ``retakes.csv`` (each student's attempts, best, last, reached) for an assignment
    with retakes or a target."""
    from .gradebook import attempt_results

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
