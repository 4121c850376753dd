"""What the vocabulary views share: the session they record in, the order the words come
in, a glossary word marked or blanked in its sentence, and a deck of entries shown one
at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import ipywidgets as widgets

from ...lesson import GlossaryEntry
from ...progress import ProgressStoreError
from ...review import missed_cards, study_order, study_seed
from ...session import Session
from .._base import View, button, classed, escape
from ..reading import direction_of, entries_for, find_terms, lesson_of

__all__ = ["BLANK", "ORDERS", "Deck", "blank_html", "mark_html", "ordered", "session_of"]

ORDERS = ("study", "glossary")
"""How a view orders the words: ``"study"`` (the words the student missed first, then
the hardest level first, mixed for the day: :func:`dokhae.review.study_order`) or
``"glossary"`` (the glossary's order)."""

BLANK = "_____"
"""What stands in a sentence for the word to recall."""


def session_of(source: Any = None) -> Session:
    """The session to record in: ``source`` itself, this kernel's session for None, or a
    new practice session on the lesson ``source`` (a Lesson or a slug) that records in the
    student's own progress store."""
    if isinstance(source, Session):
        return source
    if source is None:
        from ...session import current_session

        return current_session()
    return Session(lesson_of(source))


AUTO = "auto"
"""``audience="auto"`` (the default of every vocabulary view): the learner's entries."""


def learner_entries(source: Any, lesson: Any, audience: str | None) -> tuple[GlossaryEntry, ...]:
    """The glossary entries a view drills: for ``audience="auto"``, every entry for a
    Korean student of English (as before directions were chosen) and the entries for
    learners of Korean (audience ``ko``/``both``) for them; else as :func:`entries_for`."""
    if audience == AUTO:
        audience = "ko" if direction_of(source) == "ko" else None
    return tuple(entries_for(lesson.glossary, audience))


def card_directions(source: Any) -> tuple[str, str]:
    """The two card directions in the learner's order, meaning first: ``("en-ko",
    "ko-en")`` for a Korean student of English, ``("ko-en", "en-ko")`` for a learner of
    Korean (the Korean word on the front first)."""
    return ("ko-en", "en-ko") if direction_of(source) == "ko" else ("en-ko", "ko-en")


def ordered(
    session: Session,
    entries: Sequence[GlossaryEntry],
    order: str = "study",
    day: date | None = None,
) -> list[GlossaryEntry]:
    """``entries`` in the ``order`` a view shows them (see :data:`ORDERS`) for the student
    of ``session`` on ``day`` (default today). A store that cannot be read gives the
    order of the lesson and day alone, with no misses."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}: choose 'study' or 'glossary'")
    if order == "glossary":
        return list(entries)
    slug = session.lesson.slug
    try:
        store = session.store
        missed = [card.rpartition(":")[0] for card in missed_cards(store, slug)]
    except ProgressStoreError:
        store, missed = None, []
    day = day if day is not None else datetime.now().astimezone().date()
    return study_order(entries, study_seed(store, slug, day), missed)


def mark_html(text: str, entry: GlossaryEntry, language: str) -> str:
    """``text`` escaped, with the forms of ``entry`` in it wrapped in ``<mark>``."""
    out, position = [], 0
    for term in find_terms(text, [entry], language):
        out.append(escape(text[position : term.start]))
        out.append(f'<mark class="dokhae-highlight">{escape(text[term.start : term.end])}</mark>')
        position = term.end
    out.append(escape(text[position:]))
    return "".join(out)


def blank_html(text: str, entry: GlossaryEntry, language: str, *, mark: bool = False) -> str | None:
    """``text`` escaped with the forms of ``entry`` replaced by a blank (``mark``: shown
    in bold instead, the word to translate in its sentence); None when no form of the
    entry is in it."""
    terms = find_terms(text, [entry], language)
    if not terms:
        return None
    out, position = [], 0
    for term in terms:
        out.append(escape(text[position : term.start]))
        if mark:
            out.append(f'<b class="dokhae-marked">{escape(text[term.start : term.end])}</b>')
        else:
            out.append(f'<span class="dokhae-blank">{BLANK}</span>')
        position = term.end
    out.append(escape(text[position:]))
    return "".join(out)


def _nav(
    previous: widgets.Button, position: widgets.HTML, following: widgets.Button
) -> widgets.HBox:
    return classed(
        widgets.HBox([previous, position, following], layout=widgets.Layout(align_items="center")),
        "nav",
    )


def _back_layout() -> widgets.Layout:
    """The back of a card: hidden until turned, a dashed line between it and the front."""
    return widgets.Layout(display="none", border_top="1px dashed #bbb", padding="4px 0 0 0")


def card_box(front: widgets.HTML, back: widgets.HTML) -> widgets.VBox:
    """A card (class ``dokhae-card``): its front, and under it its back."""
    return classed(
        widgets.VBox(
            [front, back],
            layout=widgets.Layout(border="1px solid #bbb", padding="8px 12px", margin="4px 0"),
        ),
        "card",
    )


def _show(widget: widgets.Widget, shown: bool) -> None:
    widget.layout.display = None if shown else "none"


def _visible(widget: widgets.Widget) -> bool:
    return widget.layout.display != "none"


def _empty_note(view: View) -> widgets.HTML:
    return classed(widgets.HTML(escape(view.t("reading_vocabulary.no_cards"))), "empty")


class Deck(View):
    """Glossary entries shown one at a time: ``entries``, ``index`` and :attr:`entry`,
    ``previous_button`` / ``next_button`` (``dokhae-previous`` / ``dokhae-next``) and
    ``position`` (``dokhae-position``, ``12 / 63``). Subclasses call :meth:`_deal` in
    their ``__init__`` and define :meth:`go`, which starts with :meth:`_turn_to`."""

    def _deal(self, entries: Sequence[GlossaryEntry]) -> None:
        self.entries = entries
        self.index = 0
        self.previous_button = button(self.t("button.previous"), "previous")
        self.next_button = button(self.t("button.next"), "next")
        self.position = classed(widgets.HTML(), "position")
        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))

    @property
    def entry(self) -> GlossaryEntry:
        """The entry shown now."""
        return self.entries[self.index]

    def _nav_bar(self) -> widgets.HBox:
        return _nav(self.previous_button, self.position, self.next_button)

    def _turn_to(self, index: int) -> None:
        """Make entry ``index`` (clamped) the one shown: position and buttons follow."""
        self.index = max(0, min(len(self.entries) - 1, index))
        self.position.value = escape(
            self.t("progress.position", current=self.index + 1, total=len(self.entries))
        )
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.entries) - 1

    def go(self, index: int) -> None:
        """Show entry ``index`` (clamped)."""
        raise NotImplementedError
