"""Cleaning a student's answer into plain JSON: one function for practice and assignments.

Whatever a student passes to ``check(...)`` or a widget gives — text, numbers, numpy and
pandas values, tuples, sets, lesson choices, nested mixtures of these — becomes a value
of plain JSON (``str``, ``int``, ``float``, ``bool``, ``None``, ``list``, ``dict`` with
text keys) with every text in NFC. The progress store records it
(:mod:`dokhae.progress`), an assignment saves it (:mod:`dokhae.homework`) and grading
reads notebooks with it (:mod:`dokhae.teacher.submissions`).

It never raises: a value it does not know is kept as its text, so an odd answer is
recorded (and graded wrong, or reported) rather than a traceback in a student's notebook.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel

from .lesson import Choice, Pair

__all__ = ["plain_answer"]


def plain_answer(value: Any) -> Any:
    """A JSON-ready copy of an answer.

    - text in NFC; ``None``, ``...`` (an unfilled blank), ``pandas.NA`` and ``pandas.NaT``
      as None;
    - ``bool``, ``int`` and finite ``float`` as they are; NaN and infinities as the text
      ``"nan"``, ``"inf"``, ``"-inf"`` (JSON has no such numbers);
    - numpy scalars as the Python number (``numpy.float64(1.5)`` → 1.5); numpy arrays,
      pandas Series and Index as lists, a DataFrame as ``{column: [values]}``;
    - tuples and lists as lists, sets as lists sorted by their text, mappings as dicts
      with text keys;
    - a lesson :class:`~dokhae.lesson.Choice` as its id, a matching
      :class:`~dokhae.lesson.Pair` as ``[left, right]``;
    - dates and times as ISO 8601 text; ``Decimal`` and ``Fraction`` as float;
    - anything else as its text (a value that contains itself, too).
    """
    return _plain(value, ())


def _plain(value: Any, inside: tuple[int, ...]) -> Any:
    if value is None or value is Ellipsis:
        return None
    if isinstance(value, str):
        return unicodedata.normalize("NFC", str(value))
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else str(float(value))
    pandas, numpy = sys.modules.get("pandas"), sys.modules.get("numpy")
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return None
    if numpy is not None and isinstance(value, numpy.generic):
        if isinstance(value, (numpy.datetime64, numpy.timedelta64)):
            return str(value)
        return _plain(value.item(), inside)
    if isinstance(value, Choice):
        return _plain(value.id, inside)
    if isinstance(value, Pair):
        return [_plain(value.left, inside), _plain(value.right, inside)]
    if isinstance(value, BaseModel):
        return _plain(value.model_dump(mode="json"), inside)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if id(value) in inside:  # a list that holds itself
        return unicodedata.normalize("NFC", repr(value))
    within = (*inside, id(value))
    if isinstance(value, Mapping):
        return {_plain(str(k), within): _plain(v, within) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, within) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v, within) for v in value), key=repr)
    if pandas is not None and isinstance(value, pandas.DataFrame):
        return _plain(value.to_dict(orient="list"), within)
    if hasattr(value, "tolist"):  # numpy arrays, pandas Series, Index, Categorical
        try:
            return _plain(value.tolist(), within)
        except (TypeError, ValueError):
            pass
    if hasattr(value, "__float__") and not isinstance(value, complex):  # Decimal, Fraction
        try:
            return _plain(float(value), within)
        except (TypeError, ValueError, OverflowError):
            pass
    try:
        return unicodedata.normalize("NFC", str(value))
    except Exception:  # a value whose text fails: the student still gets no traceback
        return f"<{type(value).__name__}>"
