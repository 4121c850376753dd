"""Questions answered by arranging items: matching pairs, putting items in order."""

from __future__ import annotations

import random
import re
from typing import Any

import ipywidgets as widgets

from ...answers import Feedback
from ...lesson import Matching, Ordering
from .._base import OTHER_STYLE, button, classed, escape, light, other_language, with_placeholder
from .question import QuestionView

__all__ = ["MatchingView", "OrderingView"]


class MatchingView(QuestionView):
    """Matching: one row per left item (``dokhae-match-row``) with the left text
    (``dokhae-left``), a Dropdown of the right sides after a "Choose…" first option (``dokhae-answer
    dokhae-match-select``, shuffled the same way every time) and a mark
    (``dokhae-mark``: ✔/✘ after a check; the row gets ``dokhae-right`` or
    ``dokhae-wrong``). ``answer_widget`` is the box of rows; ``selects`` maps each left
    item to its Dropdown. Value: ``{left: right or None}``.

    An assignment's blank question (no ``pairs``) has numbered ``left`` and lettered
    ``right`` items, the right ones already shuffled for the student: the rows show
    ``1. …``, the Dropdowns ``a. …``, and the value is ``{"1": "c", "2": None, …}``."""

    kind = "matching-question"
    question_type = "matching"
    details_key = "feedback.correct_pairs"
    question: Matching

    def _build(self) -> list[widgets.Widget]:
        rows: list[tuple[str, str, str | None]]  # (key in the value, text shown, its lang)
        options: list[Any]
        if self.question.pairs:
            options = [p.right for p in self.question.pairs]
            random.Random(self.question.id).shuffle(options)
            # the left items are English words, or Korean ones (a lesson from a Korean article)
            rows = [
                (p.left, p.left, "ko" if re.search("[\uac00-\ud7a3]", p.left) else "en")
                for p in self.question.pairs
            ]
        else:  # an assignment's blank question (homework.questions): lettered items, no pairs
            blank: Any = self.question
            options = [(f"{c.id}. {getattr(c, self.lang)}", c.id) for c in blank.right]
            rows = [(c.id, f"{c.id}. {getattr(c, self.lang)}", None) for c in blank.left]
        self.selects: dict[str, widgets.Dropdown] = {}
        self.marks: dict[str, widgets.HTML] = {}
        self.rows: dict[str, widgets.HBox] = {}
        for key, shown, lang in rows:
            attribute = f' lang="{lang}"' if lang else ""
            left = classed(
                light(
                    widgets.HTML,
                    f"<span{attribute}>{escape(shown)}</span>",
                    layout={"width": "40%"},
                ),
                "left",
            )
            select = classed(
                light(
                    widgets.Dropdown,
                    options=with_placeholder(self.t("choose.placeholder"), options),
                    index=0,  # "Choose…" shown, value None
                    tooltip=shown,
                    layout={"width": "55%"},
                ),
                "answer",
                "match-select",
            )
            mark = classed(light(widgets.HTML, ""), "mark")
            self.selects[key] = select
            self.marks[key] = mark
            self.rows[key] = classed(light(widgets.HBox, [left, select, mark]), "match-row")
        self.answer_widget = classed(light(widgets.VBox, list(self.rows.values())), "match-rows")
        return [self.answer_widget]

    @property
    def value(self) -> dict[str, str | None]:
        return {left: select.value for left, select in self.selects.items()}

    def clear(self) -> None:
        for select in self.selects.values():
            select.value = None

    def _show_details(self, feedback: Feedback | None) -> None:
        details = {} if feedback is None else feedback.details
        for left, row in self.rows.items():
            self._mark(row, self.marks[left], bool(details[left]) if left in details else None)


class OrderingView(QuestionView):
    """Ordering: the items in a shuffled starting order (the same every time, never the
    answer), one row per position (``dokhae-ordering-item``) with the item text
    (``dokhae-ordering-text``), ``dokhae-move-up`` and ``dokhae-move-down`` buttons and a
    mark (``dokhae-mark``). ``order`` is the item ids as they stand; ``move(item_id,
    delta)`` moves one. Until an item has been moved the answer counts as not given.
    ``answer_widget`` is the box of rows.

    An assignment's blank question (``answer`` None) starts in the order of its items,
    already shuffled for the student; the value is the student's item letters."""

    kind = "ordering"
    question_type = "ordering"
    details_key = "feedback.correct_positions"
    question: Ordering

    def _build(self) -> list[widgets.Widget]:
        self.items = {item.id: item for item in self.question.items}
        start = [item.id for item in self.question.items]
        if self.question.answer is not None:  # a blank question's items come shuffled
            random.Random(self.question.id).shuffle(start)
            if start == list(self.question.answer):
                start = start[1:] + start[:1]
        self.initial_order = tuple(start)
        self.order: list[str] = list(start)
        self.touched = False
        self._details: dict[str, bool] = {}
        self.texts: list[widgets.HTML] = []
        self.up_buttons: list[widgets.Button] = []
        self.down_buttons: list[widgets.Button] = []
        self.marks: list[widgets.HTML] = []
        self.rows: list[widgets.HBox] = []
        for position in range(len(start)):
            text = classed(light(widgets.HTML, "", layout={"width": "60%"}), "ordering-text")
            up = button(self.t("button.move_up"), "move-up", shared=True, icon="arrow-up")
            down = button(self.t("button.move_down"), "move-down", shared=True, icon="arrow-down")
            up.on_click(lambda _b, p=position: self.move_position(p, -1))
            down.on_click(lambda _b, p=position: self.move_position(p, +1))
            mark = classed(light(widgets.HTML, ""), "mark")
            self.texts.append(text)
            self.up_buttons.append(up)
            self.down_buttons.append(down)
            self.marks.append(mark)
            self.rows.append(classed(light(widgets.HBox, [text, up, down, mark]), "ordering-item"))
        self.answer_widget = classed(light(widgets.VBox, self.rows), "ordering-list")
        self._render()
        return [self.answer_widget]

    def _render(self) -> None:
        shown = self.content_lang  # the items in the text's language first
        other = other_language(shown)
        last = len(self.order) - 1
        for position, item_id in enumerate(self.order):
            item = self.items[item_id]
            main, second = getattr(item, shown), getattr(item, other)
            self.texts[position].value = (
                f'<span data-item="{escape(item_id)}"><b>{position + 1}.</b> '
                f'<span lang="{shown}">{escape(main)}</span> '
                f'<span lang="{other}" style="{OTHER_STYLE}">{escape(second)}</span></span>'
            )
            self.up_buttons[position].disabled = position == 0
            self.down_buttons[position].disabled = position == last
            self.up_buttons[position].tooltip = f"{self.t('button.move_up')}: {main}"
            self.down_buttons[position].tooltip = f"{self.t('button.move_down')}: {main}"
            right = bool(self._details[item_id]) if item_id in self._details else None
            self._mark(self.rows[position], self.marks[position], right)

    def move_position(self, position: int, delta: int) -> None:
        """Move the item at ``position`` (from 0) by ``delta`` places (-1 up, +1 down)."""
        target = position + delta
        if not 0 <= position < len(self.order) or not 0 <= target < len(self.order):
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self.touched = True
        self._details = {}
        self._render()

    def move(self, item_id: str, delta: int) -> None:
        """Move the item ``item_id`` by ``delta`` places (-1 up, +1 down)."""
        self.move_position(self.order.index(item_id), delta)

    @property
    def value(self) -> list[str] | None:
        return list(self.order) if self.touched else None

    def clear(self) -> None:
        self.order = list(self.initial_order)
        self.touched = False
        self._details = {}
        self._render()

    def _display_expected(self, expected: str) -> str:
        if self.question.answer is None:
            return expected
        return " → ".join(
            getattr(self.items[i], self.content_lang) if i in self.items else i
            for i in self.question.answer
        )

    def _show_details(self, feedback: Feedback | None) -> None:
        self._details = {} if feedback is None else dict(feedback.details)
        self._render()
