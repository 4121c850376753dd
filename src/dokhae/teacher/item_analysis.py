"""Item analysis: which items worked, which failed the class, which look miskeyed.

Classical test theory on a **response matrix**, in pandas and numpy only. The matrix is
long: one row per student and item (and attempt, when an assignment may be retaken)::

    student_id  item       score  response  variant  attempt
    s01         grammar-1  1.0    2         v1       1
    s01         written-1  0.5                       1
    ...

``score`` is the share of the item's points earned (0..1); ``response`` the option chosen
(a choice id, ``"true"``, ``"2"`` for ②; empty when the item has no options or was left
blank); ``variant`` and ``attempt`` are optional. A student with no row for an item
scored 0 on it. Rubric parts of 서술형 items come as a second long frame
(``student_id, item, part, score``; score 0..1 of the part).

Figures per item (:func:`analyse`):

``p``
    difficulty: the mean score (the share correct for a right/wrong item).
``r``
    discrimination as the **corrected item–total correlation**: the Pearson correlation
    of the item score with the rest score (the student's total *without* this item).
    For a right/wrong item this is the point-biserial correlation with the rest score.
    Leaving the item out of the total keeps the item from correlating with itself
    (with few items the uncorrected figure is biased upwards). Undefined (empty) when
    everyone has the same item score or the same rest score.
``D``
    the upper–lower index: the mean item score of the upper 27 % of students by total
    score (item included, as Kelley defined it) minus that of the lower 27 %. The group
    size is ``round(0.27 · N)`` (at least 1). Students tied at a cut share the places
    left at that cut (weights), so the figure does not depend on who is listed first —
    it is the mean over every way of breaking the tie.

Per option: how many chose it, overall and in the upper and lower groups (weighted as
above). Per rubric part: the mean part score and how many earned all, part, none.
Per variant, where an item has more than one: n, full (how many earned all its points),
p and r of each variant (the total is the whole test). Per attempt, when the matrix has
attempts: n, full and p of each attempt;
the analysis itself uses one attempt per student (``attempt="first"`` by default: the
first attempt is the whole class, later attempts only those who retook).

Flags, each with a reason a teacher reads (catalog block ``item_analysis.*``):
``negative`` (r < 0: the stronger students did worse on it), ``low`` (0 ≤ r <
:data:`LOW_DISCRIMINATION`), ``dubious`` (a distractor chosen by more of the upper group
than the key: check the key or the item), ``unchosen`` (an option nobody chose),
``all_correct`` (everyone right: it tells nothing), ``none_correct`` (nobody right:
check the key), ``variants_differ`` (variants of the item differ in p by
:data:`VARIANT_GAP` or more).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .. import i18n

if TYPE_CHECKING:
    import pandas as pd

    from .key import AnswerKey

__all__ = [
    "CHOICE_KINDS",
    "GROUP_SHARE",
    "LOW_DISCRIMINATION",
    "VARIANT_GAP",
    "Item",
    "ItemAnalysis",
    "analyse",
    "attempt_responses",
    "figure_text",
    "gradebook_items",
    "gradebook_responses",
    "group_weights",
    "key_option",
    "key_variant",
    "option_mark",
]

GROUP_SHARE = 0.27
"""The share of students in each of the upper and lower groups (Kelley's 27 %)."""
LOW_DISCRIMINATION = 0.15
"""A corrected item–total correlation below this (and not negative) is "near zero"."""
VARIANT_GAP = 0.25
"""Variants of one item whose p differ by this much or more are flagged."""
MIN_VARIANT_STUDENTS = 3
"""A variant answered by fewer students is shown but not compared."""
FEW_STUDENTS = 20
"""Below this many students, discrimination figures are noted as unsteady."""
ATTEMPTS = ("first", "last", "best", "all")

SERIOUS = ("negative", "dubious", "none_correct")
"""Flags that may mean a wrong key: such an item is to check before marks go back."""
FLAGS = ("negative", "low", "dubious", "unchosen", "all_correct", "none_correct", "variants_differ")
_EPS = 1e-9
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
TFNG_OPTIONS = ("true", "false", "not_given")


@dataclass(frozen=True)
class Item:
    """What the analysis knows of an item besides the responses.

    ``options``: every option that was offered (so one nobody chose can be named);
    ``key``: the option that scores; ``labels``: option -> text to show.
    """

    item: str
    points: float = 1.0
    options: tuple[str, ...] = ()
    key: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    kind: str = ""

    def shown(self, option: str) -> str:
        return self.labels.get(option, option)


def option_mark(option: str, language: str | None = None, *, numbered: bool = False) -> str:
    """An option as a reason names it: ``"2"`` -> ``②`` (the 수능's numbers; ``2번`` when
    ``numbered``, for charts, where the Korean font draws ② very small), ``"not_given"`` ->
    ``언급 없음`` (the catalog's words for true/false/not given); others as they are."""
    if option.isdigit() and 1 <= int(option) <= len(_CIRCLED):
        if numbered:
            return i18n.t("item_analysis.numbered", language, n=int(option))
        return _CIRCLED[int(option) - 1]
    if option in TFNG_OPTIONS:
        return i18n.t(f"true_false_not_given.{option}", language)
    return option


def _shown(
    fields: Mapping[str, Any], language: str | None, *, numbered: bool = False
) -> dict[str, Any]:
    """A flag's fields for its sentence: options (kept as ids) named by :func:`option_mark`."""
    out = dict(fields)
    for name in ("option", "key"):
        if name in out:
            value = out[name]
            ids = value if isinstance(value, tuple) else (value,)
            out[name] = ", ".join(option_mark(o, language, numbered=numbered) for o in ids)
    return out


# --------------------------------------------------------------------------- statistics


def group_weights(
    totals: pd.Series, share: float = GROUP_SHARE
) -> tuple[pd.Series, pd.Series, int]:
    """The weights of each student in the upper and lower group, and the group size.

    ``n = round(share · N)`` (at least 1). A student above the upper cut weighs 1; the
    students tied at the cut share the places left (each ``left / tied``); everyone else 0.
    The same from below for the lower group. So each group's weights sum to ``n``.
    """
    count = len(totals)
    n = max(1, math.floor(share * count + 0.5)) if count else 0

    def one_side(values: pd.Series) -> pd.Series:
        if not count:
            return values.astype(float)
        cut = values.sort_values(ascending=False, kind="stable").iloc[n - 1]
        above = values > cut + _EPS
        tied = (values - cut).abs() <= _EPS
        weights = above.astype(float)
        weights[tied] = (n - int(above.sum())) / int(tied.sum())
        return weights

    return one_side(totals), one_side(-totals), n


def _correlation(x: Any, y: Any) -> float:
    import numpy as np

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 2 or np.ptp(x) <= _EPS or np.ptp(y) <= _EPS:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def _choose_attempts(
    responses: pd.DataFrame, points: Mapping[str, float], attempt: str
) -> pd.DataFrame:
    """One attempt per student (or every attempt as its own respondent, ``all``)."""
    if "attempt" not in responses.columns:
        return responses
    if attempt not in ATTEMPTS:
        raise ValueError(f"attempt must be one of {', '.join(ATTEMPTS)}, not {attempt!r}")
    if attempt == "all":
        return responses.assign(
            student_id=responses["student_id"].astype(str) + "#" + responses["attempt"].astype(str)
        )
    earned = responses.assign(earned=responses["score"] * responses["item"].map(points).fillna(1.0))
    per = earned.groupby(["student_id", "attempt"], sort=True)["earned"].sum().reset_index()
    if attempt == "first":
        chosen = per.sort_values("attempt").groupby("student_id").head(1)
    elif attempt == "last":
        chosen = per.sort_values("attempt").groupby("student_id").tail(1)
    else:  # best: the highest total, the earlier attempt on a tie
        chosen = (
            per.sort_values(["earned", "attempt"], ascending=[False, True])
            .groupby("student_id")
            .head(1)
        )
    keep = set(zip(chosen["student_id"], chosen["attempt"]))
    mask = [(s, a) in keep for s, a in zip(responses["student_id"], responses["attempt"])]
    return responses[mask]


def _items_from(responses: pd.DataFrame, items: Iterable[Item] | None) -> dict[str, Item]:
    """The items given, then every other item of the responses (1 point); an item
    without a key gets the option that scored (its options offered stay unknown)."""
    known = {i.item: i for i in (items or ())}
    for item_id in responses["item"].drop_duplicates():
        item = known.get(item_id) or Item(str(item_id))
        if item.key is None and "response" in responses.columns:
            mine = responses[(responses["item"] == item_id) & responses["response"].notna()]
            right = mine.loc[mine["score"] >= 1 - _EPS, "response"]
            if len(right):
                item = replace(item, key=str(right.value_counts().sort_index().idxmax()))
        known[item_id] = item
    return known


def _respondent_order(responses: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(responses["student_id"]))


def analyse(
    responses: pd.DataFrame,
    items: Iterable[Item] | None = None,
    *,
    parts: pd.DataFrame | None = None,
    attempt: str = "first",
    students: Sequence[str] | None = None,
) -> ItemAnalysis:
    """Item statistics of a response matrix (see the module docstring).

    Args:
        responses: long frame with ``student_id``, ``item``, ``score`` (0..1) and
            optionally ``response``, ``variant``, ``attempt`` and ``answered`` (True
            when an answer was given; without it, a row with a response, or any row of
            an item without responses, counts as answered).
        items: what is known of the items (points, options offered, key, labels), in the
            order to report them; items only in ``responses`` follow, as seen.
        parts: rubric-part scores: ``student_id``, ``item``, ``part``, ``score`` (0..1)
            (and ``attempt`` when ``responses`` has it).
        attempt: with attempts, which one counts per student: ``first``, ``last``,
            ``best`` (highest total) or ``all`` (each attempt as its own respondent).
        students: every student who handed in (a student without rows scored 0 on
            everything); default: those in ``responses``.
    """
    import pandas as pd

    for column in ("student_id", "item", "score"):
        if column not in responses.columns:
            raise ValueError(f"the response matrix has no {column!r} column")
    responses = responses.copy()
    responses["student_id"] = responses["student_id"].astype(str)
    responses["item"] = responses["item"].astype(str)
    responses["score"] = pd.to_numeric(responses["score"]).fillna(0.0).clip(0.0, 1.0)
    if "response" in responses.columns:
        responses["response"] = [
            None
            if v is None or (isinstance(v, float) and math.isnan(v)) or str(v) == ""
            else str(v)
            for v in responses["response"]
        ]
    known = _items_from(responses, items)
    points = {i: known[i].points for i in known}
    attempts_table = _attempts(responses, known) if "attempt" in responses.columns else None
    chosen = _choose_attempts(responses, points, attempt)
    if attempt == "all" and "attempt" in responses.columns:
        people = _respondent_order(chosen)
    else:
        people = list(dict.fromkeys([*(students or ()), *_respondent_order(chosen)]))
    order = list(known)
    wide = chosen.pivot_table(index="student_id", columns="item", values="score", aggfunc="mean")
    wide = wide.reindex(index=people, columns=order).fillna(0.0)
    weights = pd.Series(points).reindex(order).to_numpy(dtype=float)
    totals = pd.Series(wide.to_numpy() @ weights, index=people)
    upper, lower, n_group = group_weights(totals)
    if "response" in chosen.columns:
        picked = chosen.pivot_table(
            index="student_id", columns="item", values="response", aggfunc="first"
        ).reindex(index=people, columns=order)
    else:
        picked = pd.DataFrame(index=people, columns=order, dtype=object)

    item_rows, option_rows = [], []
    for item_id in order:
        item = known[item_id]
        score = wide[item_id]
        rest = totals - score * item.points
        mine = chosen[chosen["item"] == item_id]
        if "answered" in mine.columns:
            mine = mine[mine["answered"].fillna(False).astype(bool)]
        elif "response" in mine.columns and mine["response"].notna().any():
            mine = mine[mine["response"].notna()]
        answered = mine["student_id"].nunique()
        p = float(score.mean()) if len(score) else float("nan")
        upper_p = float((upper * score).sum() / n_group) if n_group else float("nan")
        lower_p = float((lower * score).sum() / n_group) if n_group else float("nan")
        row = {
            "item": item_id,
            "kind": item.kind,
            "points": item.points,
            "n": len(score),
            "answered": int(answered),
            "p": p,
            "r": _correlation(score, rest),
            "upper_p": upper_p,
            "lower_p": lower_p,
            "D": upper_p - lower_p,
            "key": item.key or "",
        }
        options = list(item.options)
        seen = picked[item_id].dropna().astype(str)
        options += sorted(o for o in seen.unique() if o not in options)
        for option in options:
            chose = (picked[item_id] == option).fillna(False).astype(float)
            option_rows.append(
                {
                    "item": item_id,
                    "option": option,
                    "label": item.shown(option),
                    "is_key": option == item.key,
                    "count": int(chose.sum()),
                    "share": float(chose.mean()) if len(chose) else float("nan"),
                    "upper": float((upper * chose).sum()),
                    "lower": float((lower * chose).sum()),
                }
            )
        item_rows.append(row)

    table = pd.DataFrame(item_rows, columns=_ITEM_COLUMNS[:-2])
    options_table = pd.DataFrame(option_rows, columns=_OPTION_COLUMNS)
    variants_table = _variants(chosen, known, totals) if "variant" in chosen.columns else None
    parts_table = _parts(parts, responses, points, attempt, people) if parts is not None else None
    flags = _flags(table, options_table, variants_table, known)
    table["flags"] = [";".join(code for code, _ in flags[i]) for i in table["item"]]
    groups = pd.DataFrame(
        {
            "student_id": people,
            "total": totals.to_numpy(),
            "upper": upper.to_numpy(),
            "lower": lower.to_numpy(),
        }
    )
    return ItemAnalysis(
        items=table,
        options=options_table,
        parts=parts_table,
        variants=variants_table,
        attempts=attempts_table,
        groups=groups,
        group_size=n_group,
        details={i: flags[i] for i in order},
        known=known,
        attempt=attempt if "attempt" in responses.columns else None,
    )


_ITEM_COLUMNS = [
    "item",
    "kind",
    "points",
    "n",
    "answered",
    "p",
    "r",
    "upper_p",
    "lower_p",
    "D",
    "key",
    "flags",
    "reasons",
]
_OPTION_COLUMNS = ["item", "option", "label", "is_key", "count", "share", "upper", "lower"]


def _attempts(responses: pd.DataFrame, known: Mapping[str, Item]) -> pd.DataFrame:
    full = responses.assign(full=responses["score"] >= 1 - _EPS)
    grouped = full.groupby(["item", "attempt"], sort=False)
    out = grouped.agg(
        n=("student_id", "nunique"), full=("full", "sum"), p=("score", "mean")
    ).reset_index()
    out["full"] = out["full"].astype(int)
    out["_rank"] = out["item"].map({item: i for i, item in enumerate(known)})
    return out.sort_values(["_rank", "attempt"]).drop(columns="_rank").reset_index(drop=True)


def _variants(
    chosen: pd.DataFrame, known: Mapping[str, Item], totals: pd.Series
) -> pd.DataFrame | None:
    import pandas as pd

    rows = []
    for item_id, item in known.items():
        mine = chosen[(chosen["item"] == item_id) & chosen["variant"].notna()]
        if mine["variant"].nunique() < 2:
            continue
        for variant, group in mine.groupby("variant", sort=True):
            score = group.groupby("student_id")["score"].mean()
            rest = totals.reindex(score.index) - score * item.points
            rows.append(
                {
                    "item": item_id,
                    "variant": str(variant),
                    "n": len(score),
                    "full": int((score >= 1 - _EPS).sum()),
                    "p": float(score.mean()),
                    "r": _correlation(score, rest),
                }
            )
    if not rows:
        return None
    return pd.DataFrame(rows, columns=["item", "variant", "n", "full", "p", "r"])


def _parts(
    parts: pd.DataFrame,
    responses: pd.DataFrame,
    points: Mapping[str, float],
    attempt: str,
    people: Sequence[str],
) -> pd.DataFrame:
    import pandas as pd

    for column in ("student_id", "item", "part", "score"):
        if column not in parts.columns:
            raise ValueError(f"the rubric-part frame has no {column!r} column")
    parts = parts.assign(student_id=parts["student_id"].astype(str), item=parts["item"].astype(str))
    if "attempt" in parts.columns and "attempt" in responses.columns:
        chosen = _choose_attempts(responses, points, attempt)
        if attempt != "all":
            keep = set(zip(chosen["student_id"], chosen["attempt"]))
            parts = parts[[(s, a) in keep for s, a in zip(parts["student_id"], parts["attempt"])]]
        else:
            parts = parts.assign(
                student_id=parts["student_id"] + "#" + parts["attempt"].astype(str)
            )
    rows = []
    for (item_id, part), group in parts.groupby(["item", "part"], sort=False):
        score = group.set_index("student_id")["score"].astype(float).clip(0, 1)
        score = score.reindex(list(people)).fillna(0.0)
        rows.append(
            {
                "item": item_id,
                "part": str(part),
                "n": len(score),
                "p": float(score.mean()),
                "full": int((score >= 1 - _EPS).sum()),
                "partial": int(((score > _EPS) & (score < 1 - _EPS)).sum()),
                "zero": int((score <= _EPS).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["item", "part", "n", "p", "full", "partial", "zero"])


Detail = tuple[str, dict[str, Any]]


def _flags(
    table: pd.DataFrame,
    options: pd.DataFrame,
    variants: pd.DataFrame | None,
    known: Mapping[str, Item],
) -> dict[str, list[Detail]]:
    out: dict[str, list[Detail]] = {}
    for row in table.to_dict("records"):
        found: list[Detail] = []
        figures = {
            "r": figure_text(row["r"]),
            "D": figure_text(row["D"]),
            "p": figure_text(row["p"]),
        }
        if row["n"] and row["p"] >= 1 - _EPS:
            found.append(("all_correct", figures))
        elif row["n"] and row["p"] <= _EPS:
            found.append(("none_correct", figures))
        if not math.isnan(row["r"]):
            if row["r"] < 0:
                found.append(("negative", figures))
            elif row["r"] < LOW_DISCRIMINATION:
                found.append(("low", {**figures, "limit": figure_text(LOW_DISCRIMINATION)}))
        mine = options[options["item"] == row["item"]]
        item = known[row["item"]]
        if item.key is not None and len(mine):
            key_upper = float(mine.loc[mine["option"] == item.key, "upper"].sum())
            for o in mine[
                (mine["option"] != item.key) & (mine["upper"] > key_upper + _EPS)
            ].to_dict("records"):
                found.append(
                    (
                        "dubious",
                        {
                            "option": o["option"],
                            "key": item.key,
                            "upper": _count(o["upper"]),
                            "key_upper": _count(key_upper),
                        },
                    )
                )
        unchosen = mine[(mine["count"] == 0) & (mine["option"].isin(item.options))]
        if len(unchosen) and row["n"]:
            found.append(("unchosen", {"option": tuple(unchosen["option"])}))
        if variants is not None:
            compared = variants[
                (variants["item"] == row["item"]) & (variants["n"] >= MIN_VARIANT_STUDENTS)
            ]
            if len(compared) >= 2:
                hi, lo = compared.loc[compared["p"].idxmax()], compared.loc[compared["p"].idxmin()]
                if hi["p"] - lo["p"] >= VARIANT_GAP - _EPS:
                    found.append(
                        (
                            "variants_differ",
                            {
                                "high": hi["variant"],
                                "high_p": figure_text(hi["p"]),
                                "low": lo["variant"],
                                "low_p": figure_text(lo["p"]),
                            },
                        )
                    )
        out[row["item"]] = found
    return out


def figure_text(value: float) -> str:
    """A figure as a reason shows it: two decimals, a true minus sign, ``–`` when undefined."""
    if value is None or math.isnan(value):
        return "–"
    return f"{value:.2f}".replace("-", "−")


def _count(value: float) -> str:
    """A (weighted) count: ``3``, ``2.5``, ``1.33``."""
    return f"{round(value, 2):g}"


# --------------------------------------------------------------------------- from a gradebook

CHOICE_KINDS = ("multiple_choice", "true_false_not_given")
"""Exercise types whose answers are options (counted per option)."""


def gradebook_items(
    exercises: pd.DataFrame, questions: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Item]:
    """:class:`Item` s of a gradebook's exercises; ``questions`` (the key's) add the options
    offered and the key, so an option nobody chose can be named."""
    out = []
    for row in exercises.to_dict("records"):
        question = (questions or {}).get(row["exercise_id"], {})
        options: tuple[str, ...] = ()
        labels: dict[str, str] = {}
        if row["type"] == "multiple_choice" and question.get("choices"):
            options = tuple(str(c["id"]) for c in question["choices"])
            labels = {str(c["id"]): f"{c['id']}: {c['en']}" for c in question["choices"]}
        elif row["type"] == "true_false_not_given" and question:
            options = TFNG_OPTIONS
        key = str(question["answer"]) if options and "answer" in question else None
        out.append(
            Item(row["exercise_id"], float(row["points"]), options, key, labels, row["type"])
        )
    return out


def gradebook_responses(
    exercises: pd.DataFrame, results: pd.DataFrame, submitted: Sequence[str]
) -> pd.DataFrame:
    """The response matrix of a gradebook's ``results`` rows of the students who handed in:
    the score as graded (an answer still waiting for a manual mark scores 0), and for the
    option kinds the option chosen, in the lesson's terms (each student's letters mapped
    back, so one option is one row across students)."""
    import pandas as pd

    kinds = dict(zip(exercises["exercise_id"], exercises["type"]))
    mine = results[results["student_id"].isin(set(submitted))]
    responses: list[str | None] = []
    for row in mine.to_dict("records"):
        shown = row["canonical"] or ""
        kind = kinds.get(row["exercise_id"], "")
        if kind not in CHOICE_KINDS or not shown:
            responses.append(None)
        else:
            responses.append(shown.split(": ", 1)[0] if kind == "multiple_choice" else shown)
    return pd.DataFrame(
        {
            "student_id": mine["student_id"].to_numpy(),
            "item": mine["exercise_id"].to_numpy(),
            "score": mine["score"].where(mine["status"] != "pending", 0.0).to_numpy(dtype=float),
            "response": responses,
            "answered": mine["answer"].notna().to_numpy(),
        }
    )


def attempt_responses(
    exercises: pd.DataFrame,
    results: pd.DataFrame,
    attempts: pd.DataFrame,
    submitted: Sequence[str],
    *,
    variant: Callable[[str, int, str], str | None] | None = None,
    option: Callable[[str, int, str, Any], str | None] | None = None,
) -> pd.DataFrame:
    """The response matrix of every graded attempt: attempt 1 as
    :func:`gradebook_responses` reads ``results`` (hand marks and the options in the
    lesson's terms), later attempts from the gradebook's ``attempt_results`` rows (the
    share of the points as graded). An ``attempt`` column only when some student made
    more than one; a ``variant`` column when ``variant(student, attempt, item)`` names
    one for some row (None: the item has no variants). ``option(student, attempt, item,
    answer)`` gives the option of a later attempt's answer (JSON as stored) for the
    option kinds; without it those rows count no option."""
    import pandas as pd

    first = gradebook_responses(exercises, results, submitted).assign(attempt=1)
    kinds = dict(zip(exercises["exercise_id"], exercises["type"]))
    later = attempts[
        attempts["student_id"].isin(set(submitted)) & (attempts["attempt"].astype(int) > 1)
    ]
    rows = []
    for row in later.to_dict("records"):
        sid, n, item = str(row["student_id"]), int(row["attempt"]), str(row["exercise_id"])
        answered = row["answer"] is not None and not (
            isinstance(row["answer"], float) and math.isnan(row["answer"])
        )
        worth = float(row["max_points"])
        score = float(row["points"]) / worth if worth > 0 and row["status"] != "pending" else 0.0
        chose = None
        if option is not None and answered and kinds.get(item) in CHOICE_KINDS:
            chose = option(sid, n, item, row["answer"])
        rows.append((sid, item, score, chose, answered, n))
    columns = ["student_id", "item", "score", "response", "answered", "attempt"]
    out = pd.concat(
        [first[columns], pd.DataFrame(rows, columns=columns)] if rows else [first[columns]],
        ignore_index=True,
    )
    if variant is not None:
        names = [
            variant(s, int(a), i) for s, a, i in zip(out["student_id"], out["attempt"], out["item"])
        ]
        if any(v is not None for v in names):
            out["variant"] = names
    if not rows:
        out = out.drop(columns="attempt")
    return out


def key_variant(key: AnswerKey, student_id: str, attempt: int, exercise_id: str) -> str | None:
    """Which variant of ``exercise_id`` the key gave ``student_id`` in ``attempt``, named
    where variants ask different things: the lifted sentence of a 문장 삽입 item (its id),
    the broken form of an 어법 item (``③ was→were``), the glossary entry of a word-test
    slot. None for every other item (reshuffled options and new letters or numbers are
    the same question)."""
    from .key import UnreadableAnswerError

    try:
        part = key.part(student_id, attempt)
        kind = key.kind(exercise_id)
    except (KeyError, UnreadableAnswerError):  # no such student or attempt in this key
        return None
    if kind == "vocabulary":
        word = part.get("words", {}).get(exercise_id)
        return str(word["entry"]) if word else None
    item = part.get("exam", {}).get(exercise_id) if kind == "exam" else None
    if not item:
        return None
    if item.get("kind") == "insertion":
        return str(item["sentence"])
    if item.get("kind") == "grammar":
        proof = item.get("proof") or {}
        broken = f"{proof.get('original')}→{proof.get('changed')}" if proof.get("changed") else ""
        return f"{option_mark(str(item['key']))} {broken}".strip()
    return None


def key_option(
    key: AnswerKey, student_id: str, attempt: int, exercise_id: str, answer: Any
) -> str | None:
    """The option (in the lesson's terms) of an answer to an option item as the gradebook
    stores it (JSON), read against the student's letters of ``attempt``; None when it
    cannot be read."""
    import json

    from .key import UnreadableAnswerError

    try:
        _, canonical = key.check(student_id, exercise_id, json.loads(str(answer)), attempt)
    except (ValueError, KeyError, UnreadableAnswerError):
        return None
    return None if canonical is None else str(canonical)


# --------------------------------------------------------------------------- the result


@dataclass
class ItemAnalysis:
    """The figures of :func:`analyse`; :meth:`table` labels them. Drawn and written by
    :mod:`dokhae.teacher.item_files`."""

    items: pd.DataFrame
    options: pd.DataFrame
    parts: pd.DataFrame | None
    variants: pd.DataFrame | None
    attempts: pd.DataFrame | None
    groups: pd.DataFrame
    group_size: int
    details: dict[str, list[Detail]]
    known: dict[str, Item]
    attempt: str | None = None

    def __repr__(self) -> str:
        flagged = sum(1 for v in self.details.values() if v)
        return (
            f"<ItemAnalysis: {len(self.items)} items, {len(self.groups)} students, "
            f"{flagged} flagged>"
        )

    def reasons(self, item: str, language: str | None = None) -> list[str]:
        """Why ``item`` is flagged, one sentence per flag, in ``language``."""
        return [
            i18n.t(f"item_analysis.flag.{code}", language, **_shown(fields, language))
            for code, fields in self.details[item]
        ]

    def notes(self, language: str | None = None) -> list[str]:
        """About the analysis as a whole (few students, which attempt counted)."""
        out = []
        if len(self.groups) < FEW_STUDENTS:
            out.append(
                i18n.t(
                    "item_analysis.note.few_students",
                    language,
                    n=len(self.groups),
                    limit=FEW_STUDENTS,
                )
            )
        if self.attempt is not None:
            out.append(i18n.t(f"item_analysis.note.attempt_{self.attempt}", language))
        return out

    def summary(self, language: str | None = None) -> str:
        """Text for a terminal: each item's p, r and D and its flags in a few words, under
        headers in ``language``; then every flag's reason, then the notes."""
        table = self.table(language)[["item", "p", "r", "D", "flags"]].round(2)
        title = i18n.t(
            "item_analysis.chart.title", language, students=len(self.groups), items=len(table)
        )
        shown = table.assign(flags=[self.short(item, language) for item in table["item"]])
        lines = [title, "", self.labelled(shown, language).to_string(index=False, na_rep="-"), ""]
        for item in table["item"]:
            lines += [f"{item}: {reason}" for reason in self.reasons(item, language)]
        return "\n".join([*lines, *self.notes(language)])

    def table(self, language: str | None = None) -> pd.DataFrame:
        """The per-item table with the reasons in ``language`` (columns stay ids)."""
        out = self.items.copy()
        out["reasons"] = [" ".join(self.reasons(i, language)) for i in out["item"]]
        for column in ("p", "r", "upper_p", "lower_p", "D"):
            out[column] = out[column].round(4)
        return out

    def labelled(self, frame: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
        """``frame`` with its column ids replaced by the catalog's labels."""
        return frame.rename(columns=lambda c: i18n.t(f"item_analysis.column.{c}", language))

    def short(self, item: str, language: str | None = None) -> str:
        """The flags of ``item`` in a few words (for a chart); options as ``3번`` in Korean."""
        return ", ".join(
            i18n.t(
                f"item_analysis.short.{code}",
                language,
                **_shown(fields, language, numbered=language == "ko"),
            )
            for code, fields in self.details[item]
        )

    def level(self, item: str) -> str:
        """``check`` (a flag that may mean a wrong key: :data:`SERIOUS`), ``improve`` (any
        other flag) or ``""``."""
        codes = {code for code, _ in self.details[item]}
        return "check" if codes & set(SERIOUS) else "improve" if codes else ""
