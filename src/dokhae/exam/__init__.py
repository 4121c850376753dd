"""수능·내신 exam items: the item models, the proofs of their keys, rubric grading, charts.

- :mod:`~dokhae.exam.items`: the item kinds as lesson data (content layer), with the
  Korean stems as printed and the YAML shape of ``exam_items:``.
- :mod:`~dokhae.exam.proofs`: pure checks that recompute why a key is right.
- :mod:`~dokhae.exam.rubric`: grading a written answer with its rubric, explained.
- :mod:`~dokhae.exam.chart`: the chart of a 도표 item, drawn with matplotlib.

The generators that draft items from an article are in :mod:`dokhae.authoring.exam`
(they need the author extra).
"""

from __future__ import annotations

from .items import CIRCLED, KINDS, ORDERS, STEMS, WRITTEN_KINDS, ExamItem
from .proofs import problems
from .rubric import RubricGrade, grade

__all__ = [
    "CIRCLED",
    "KINDS",
    "ORDERS",
    "STEMS",
    "WRITTEN_KINDS",
    "ExamItem",
    "RubricGrade",
    "grade",
    "problems",
]
