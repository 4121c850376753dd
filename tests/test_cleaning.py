"""One answer-cleaning function for practice and assignments (dokhae.cleaning)."""

from __future__ import annotations

import json
import math
import shutil
import unicodedata
from datetime import datetime, timezone
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from dokhae.cleaning import plain_answer
from dokhae.lesson import Choice, Pair
from dokhae.progress import ProgressStore

NFD = unicodedata.normalize("NFD", "한국과 일본")
NFC = unicodedata.normalize("NFC", "한국과 일본")


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        (np.float64(1.5), 1.5),
        (np.float32(0.5), 0.5),
        (np.int64(7), 7),
        (np.bool_(True), True),
        (np.str_(NFD), NFC),
        (np.array([1, 2]), [1, 2]),
        (np.array([[1.5, 2.0], [3.0, 4.0]]), [[1.5, 2.0], [3.0, 4.0]]),
        (np.array(3), 3),
        (np.array([]), []),
        (np.datetime64("2023-06-01T09:00:00.000000000"), "2023-06-01T09:00:00.000000000"),
        (pd.Series(["b", "a", "c"]), ["b", "a", "c"]),
        (pd.Series([1.5, np.nan]), [1.5, "nan"]),
        (pd.Index(["x", "y"]), ["x", "y"]),
        (
            pd.DataFrame({"left": [1, 2], "right": ["c", "a"]}),
            {"left": [1, 2], "right": ["c", "a"]},
        ),
        (pd.NA, None),
        (pd.NaT, None),
        (pd.Timestamp("2023-06-01 09:00", tz="UTC"), "2023-06-01T09:00:00+00:00"),
        (datetime(2023, 6, 1, 9, tzinfo=timezone.utc), "2023-06-01T09:00:00+00:00"),
        (("c", "a", "b"), ["c", "a", "b"]),
        ({"b", "a"}, ["a", "b"]),
        ({1: "c", 2: ...}, {"1": "c", "2": None}),
        ({NFD: [NFD, (np.int64(1), None)]}, {NFC: [NFC, [1, None]]}),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (-math.inf, "-inf"),
        (np.float64("nan"), "nan"),
        (Decimal("2.5"), 2.5),
        (Decimal("NaN"), "nan"),
        (Fraction(1, 4), 0.25),
        (Choice(id="b", en="B", ko="비"), "b"),
        (Pair(left="Korea", right="한국"), ["Korea", "한국"]),
        (1j, "1j"),
        (None, None),
        (..., None),
    ],
)
def test_values_become_plain_json(value, plain):
    cleaned = plain_answer(value)
    assert cleaned == plain
    assert json.loads(json.dumps(cleaned, allow_nan=False)) == plain  # strict JSON, no NaN


def test_a_value_that_holds_itself_is_kept_as_text():
    loop: list = [1]
    loop.append(loop)
    assert plain_answer(loop) == [1, "[1, [...]]"]


def test_a_value_whose_text_fails_gives_no_traceback():
    class Odd:
        def __str__(self):
            raise RuntimeError("no text")

    assert plain_answer(Odd()) == "<Odd>"


def test_practice_and_assignments_record_the_same_plain_values(tmp_path):
    """The progress store (practice) and answers.json (an assignment) both go through
    plain_answer: a numpy array, which crashed the assignment's old copy, is saved in both."""
    from dokhae.homework import open_assignment
    from dokhae.teacher import assign
    from test_teacher_support import EVERY_TYPE, LESSON, write_roster

    write_roster(tmp_path / "class.csv", 1)
    made = assign(
        LESSON, tmp_path / "class.csv", tmp_path / "out", exercises=EVERY_TYPE, assignment_id="hw1"
    )
    folder = tmp_path / "hw1"
    shutil.copytree(made.folder(made.students[0].id), folder)
    # a whole order (article-structure has six items: an incomplete one is refused, not saved)
    answers = {
        "article-structure": np.array(["c", "a", "b", "f", "e", "d"]),
        "dialogue-number": np.float64(5.0),
        "roles-matching": pd.Series({"1": "c", "2": "a"}).to_dict(),
        "tfng-photo": np.str_("false"),
    }
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        session = open_assignment(folder, store=store)
        for exercise_id, value in answers.items():
            assert session.answer(exercise_id, value).status == "pending"
        recorded = {a.exercise: a.answer for a in store.list_attempts(LESSON)}
    saved = json.loads((folder / "answers.json").read_text(encoding="utf-8"))["answers"]
    expected = {k: plain_answer(v) for k, v in answers.items()}
    assert {k: v["value"] for k, v in saved.items()} == expected == recorded
    assert (
        expected["article-structure"] == ["c", "a", "b", "f", "e", "d"]
        and expected["dialogue-number"] == 5.0
    )
