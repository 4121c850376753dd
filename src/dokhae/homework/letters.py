"""A student's letters read back in the lesson's terms.

An assignment shows each student choices and items under letters shuffled for them; the
teacher's key (:mod:`dokhae.teacher.key`) maps those letters back to choice ids and item
texts when grading, and the student's notebook does the same when it checks at answer
time that grading will be able to read an answer (:mod:`.readable`). One function serves
both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..answers import normalize_text

__all__ = ["canonical_answer"]

_EDGES = " .,;:!?'\"()[]{}<>"


def _label(value: object) -> str:
    return normalize_text(value).strip(_EDGES)


def _map_label(value: object, labels: Mapping[str, str]) -> object:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        found = labels.get(_label(value))
        if found is not None:
            return found
    return value


def canonical_answer(kind: str, value: Any, student: Mapping[str, Any], exercise_id: str) -> Any:
    """A student's answer in the lesson's terms: their letters mapped back to choice ids
    (multiple choice, ordering) and to item texts (matching). Anything else is kept."""
    if value is None:
        return None
    if kind == "multiple_choice":
        return _map_label(value, student.get("labels", {}).get(exercise_id, {}))
    if kind == "ordering":
        labels = student.get("labels", {}).get(exercise_id, {})
        items = [x for x in re.split(r"[\s,;>→]+", value) if x] if isinstance(value, str) else value
        if isinstance(items, (list, tuple)):
            return [_map_label(x, labels) for x in items]
        return value
    if kind == "matching":
        maps = student.get("matching", {}).get(exercise_id, {})
        left, right = maps.get("left", {}), maps.get("right", {})
        if isinstance(value, Mapping):
            pairs = list(value.items())
        elif isinstance(value, (list, tuple)) and all(
            isinstance(p, (list, tuple)) and len(p) == 2 for p in value
        ):
            pairs = [tuple(p) for p in value]
        else:
            return value
        return {str(_map_label(k, left)): _map_label(v, right) for k, v in pairs}
    return value
