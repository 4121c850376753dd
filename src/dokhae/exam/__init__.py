"""수능·내신 exam items: the item models, the proofs of their keys, rubric grading, charts.

- :mod:`~dokhae.exam.items`: the item kinds as lesson data, with the Korean stems as
  printed and the YAML shape of ``exam_items:``.
- :mod:`~dokhae.exam.proofs`: pure checks that recompute why a key is right (what
  ``dokhae check`` recomputes for every item of a bank).
- :mod:`~dokhae.exam.layout`: an item as laid out on paper (stem, blocks, options), as
  data: the one place that says what each kind prints.
- :mod:`~dokhae.exam.printed`: an item as printed, in plain text.
- :mod:`~dokhae.exam.forms`: the forms of an exam (A형, B형): items and options in
  another order from a seed, each form with its key (printing them: :mod:`dokhae.export`).
- :mod:`~dokhae.exam.export`: the items of a lesson as JSON for other tools.
- :mod:`~dokhae.exam.chart`: the chart of a 도표 item, drawn with matplotlib.

A content-layer package, like the lesson model it belongs to: it imports nothing of
dokhae but :mod:`dokhae.words`. Grading a written answer with its rubric is answer
checking: :mod:`dokhae.answers.rubric`.

The generators that draft items from an article are in :mod:`dokhae.authoring.exam`
(they need the author extra).
"""

from __future__ import annotations

from .items import CIRCLED, KINDS, ORDERS, STEMS, WRITTEN_KINDS, ExamItem
from .proofs import problems

__all__ = [
    "CIRCLED",
    "KINDS",
    "ORDERS",
    "STEMS",
    "WRITTEN_KINDS",
    "ExamItem",
    "problems",
]
