"""Questions answered with a number, optionally with its unit."""

from __future__ import annotations

import ipywidgets as widgets

from ...lesson import Numeric
from .._base import classed, escape, light
from .text import ShortTextView

__all__ = ["NumericView"]


class NumericView(ShortTextView):
    """A number, optionally with its unit: a Text (``continuous_update=False``, Enter
    checks) and the unit asked for (``dokhae-unit``). Classes: ``dokhae-numeric``, input
    ``dokhae-answer``."""

    kind = "numeric"
    question_type = "numeric"
    question: Numeric  # type: ignore[assignment]

    def _build(self) -> list[widgets.Widget]:
        self.answer_widget = self._typed_answer()
        parts: list[widgets.Widget] = [self.answer_widget]
        if self.question.unit:
            parts.append(
                classed(
                    light(widgets.HTML, escape(self.t("arithmetic.unit", unit=self.question.unit))),
                    "unit",
                )
            )
        return [light(widgets.HBox, parts)]
