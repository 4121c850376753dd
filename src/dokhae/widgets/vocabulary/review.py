"""Today's spaced review of the glossary cards (:mod:`dokhae.review` keeps their states).

Which cards: :func:`review_cards` names them (the words in study order: see
:func:`.deck.ordered`); :func:`new_allowance` says how many new cards a student may still
start today; the session shows first the cards of words missed in typed recall and not
reviewed since (:func:`dokhae.review.missed_cards`), then the due cards from
:meth:`dokhae.review.Reviewer.due` (due first, most overdue first, then new).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

import ipywidgets as widgets

from ...lesson import GlossaryEntry
from ...review import (
    DAILY_NEW,
    DIRECTIONS,
    RATINGS,
    Reviewer,
    missed_cards,
    new_allowance,
    review_cards,
    when_text,
)
from .._base import View, button, classed, escape
from .cards import card_html, hanja_glossary
from .deck import (
    AUTO,
    _back_layout,
    _show,
    card_box,
    card_directions,
    learner_entries,
    ordered,
    session_of,
)

__all__ = ["DAILY_NEW", "ReviewSession", "new_allowance", "review_cards"]


class ReviewSession(View):
    """Today's spaced review: the words just missed in typed recall first, then the due
    cards (most overdue first), then a few new ones (the hardest words first).

    Args:
        session: a Session (its store keeps the card states), a Lesson, a slug, or None.
        cards: the card ids to review (``"hiatus:en-ko"``); default every entry of
            ``audience`` in the learner's first direction (English → Korean for a Korean
            student, Korean → English for a learner of Korean), then the other (see
            :func:`review_cards`),
            the words in ``order``.
        now: the time of the session and of its ratings: a timezone-aware datetime, a
            function returning one, or None for the clock (tests inject a fixed time).
        lang: the interface language.
        audience: ``"auto"`` (default: the learner's entries, see
            :func:`.deck.learner_entries`), None (every entry), ``"en"`` or ``"ko"``.
        daily_new: new cards a student starts per day (default 10); cards first
            reviewed earlier the same day count against it.
        scheduler: an fsrs scheduler (``dokhae.review.make_scheduler(fuzzing=False)``
            for reproducible due dates); default fsrs with fuzzing.
        order: the order of the new words when ``cards`` is not given: ``"study"``
            (default: hardest first, mixed for the day) or ``"glossary"``.

    Missed words: a card whose word was last typed wrong in typed recall, after its last
    review (:func:`dokhae.review.missed_cards`), comes first, due or not; a new one
    counts against the day's new cards but is shown even when none are left.

    Flow: ``show_button`` (``dokhae-show-answer``) turns the card (``dokhae-card-front``
    / ``dokhae-card-back``); the four rating buttons (``dokhae-rate-again``,
    ``dokhae-rate-hard``, ``dokhae-rate-good``, ``dokhae-rate-easy``, in ``rate_buttons``)
    save the rating with :meth:`dokhae.review.Reviewer.rate` and show the next card. A
    card rated *Again* comes back at the end of the session. ``counts``
    (``dokhae-review-counts``) says how many are due and new, ``position``
    (``dokhae-position``) where the learner is; ``status`` (``dokhae-review-status``)
    says "nothing due" / "finished" with the next due time, and ``restart_button``
    (``dokhae-start-review``) looks for due cards again.
    """

    kind = "review"

    def __init__(
        self,
        session: Any = None,
        cards: Iterable[str] | None = None,
        now: datetime | Callable[[], datetime] | None = None,
        lang: str | None = None,
        *,
        audience: str | None = AUTO,
        daily_new: int = DAILY_NEW,
        scheduler: Any = None,
        order: str = "study",
    ) -> None:
        super().__init__(lang=lang)
        self.session = session_of(session)
        self.lesson = self.session.lesson
        self.now = now
        self.daily_new = daily_new
        self.order = order
        self._entries: Sequence[GlossaryEntry] | None = None
        self._hanja_glossary = hanja_glossary(session, self.lesson, audience)
        if cards is None:
            self._entries = learner_entries(session, self.lesson, audience)
            self.cards = review_cards(
                ordered(self.session, self._entries, order, self.moment().date()),
                card_directions(session),
            )
        else:
            self.cards = list(cards)
            for card in self.cards:
                self._entry(card)  # validates
        self.reviewer = Reviewer(self.session.store, self.lesson.slug, scheduler=scheduler)
        self.queue: list[str] = []
        self.position_index = 0
        self.ratings: list[tuple[str, str]] = []
        self.instruction = classed(
            widgets.HTML(escape(self.t("instruction.review"))), "instruction"
        )
        self.counts = classed(widgets.HTML(), "review-counts")
        self.front = classed(widgets.HTML(), "card-front")
        self.back = classed(widgets.HTML(layout=_back_layout()), "card-back")
        self.card_box = card_box(self.front, self.back)
        self.show_button = button(
            self.t("review.show_answer"), "show-answer", button_style="primary"
        )
        self.prompt = classed(widgets.HTML(escape(self.t("review.prompt"))), "review-prompt")
        self.rate_buttons = {
            name: button(self.t(f"review.{name}"), f"rate-{name}") for name in RATINGS
        }
        self.ratings_box = classed(
            widgets.VBox(
                [self.prompt, widgets.HBox(list(self.rate_buttons.values()))],
                layout=widgets.Layout(display="none"),
            ),
            "ratings",
        )
        self.position = classed(widgets.HTML(), "position")
        self.status = classed(widgets.HTML(layout=widgets.Layout(display="none")), "review-status")
        self.restart_button = button(
            self.t("button.start_review"),
            "start-review",
            layout=widgets.Layout(display="none", width="auto"),
        )
        self.show_button.on_click(lambda _: self.show_answer())
        for name, rate_button in self.rate_buttons.items():
            rate_button.on_click(lambda _, n=name: self.rate(n))
        self.restart_button.on_click(lambda _: self.start())
        self.children = (
            self.instruction,
            self.counts,
            self.position,
            self.card_box,
            self.show_button,
            self.ratings_box,
            self.status,
            self.restart_button,
        )
        self.start()

    # ----------------------------------------------------------------- public

    def moment(self) -> datetime:
        """The time now for this session (the injected time, or the clock)."""
        now = self.now() if callable(self.now) else self.now
        return now if now is not None else datetime.now(timezone.utc).astimezone()

    @property
    def card(self) -> str | None:
        """The card shown now, or None when the session is over."""
        return self.queue[self.position_index] if self.position_index < len(self.queue) else None

    @property
    def done(self) -> bool:
        return self.card is None

    def start(self) -> None:
        """Look for the cards to review now: due ones first, then today's new ones."""
        now = self.moment()
        if self._entries is not None:  # today's order, with the misses made since
            self.cards = review_cards(
                ordered(self.session, self._entries, self.order, now.date()),
                card_directions(self.session),
            )
        states = self.session.store.card_states(self.lesson.slug)
        wanted = set(self.cards)
        missed = [c for c in missed_cards(self.session.store, self.lesson.slug) if c in wanted]
        first = self._first_reviews()
        allowance = new_allowance(first, now, self.daily_new)
        allowance = max(0, allowance - sum(1 for c in missed if c not in states))
        rest = [c for c in self.cards if c not in missed]
        self.queue = missed + self.reviewer.due(rest, now, new_limit=allowance)
        self.position_index = 0
        due = sum(1 for c in self.queue if c in states)
        self.counts.value = escape(
            f"{self.t('review.due', n=due)} · {self.t('review.new', n=len(self.queue) - due)}"
        )
        self._show_card()

    def show_answer(self) -> None:
        """Turn the card: show its back and the rating buttons."""
        if self.done:
            return
        _show(self.back, True)
        _show(self.ratings_box, True)
        _show(self.show_button, False)

    def rate(self, rating: str) -> datetime | None:
        """Save how well the card was remembered (again / hard / good / easy); next card.
        Returns when the card is due again (UTC)."""
        card = self.card
        if card is None:
            return None
        due = self.reviewer.rate(card, rating, self.moment())
        self.ratings.append((card, rating))
        if rating == "again" and card not in self.queue[self.position_index + 1 :]:
            self.queue.append(card)
        self.position_index += 1
        self._show_card()
        return due

    # ----------------------------------------------------------------- internals

    def _entry(self, card: str) -> tuple[GlossaryEntry, str]:
        entry_id, _, direction = card.rpartition(":")
        if direction not in DIRECTIONS or not entry_id:
            raise ValueError(
                f"{card!r} is not a card id; use dokhae.review.card_id(entry, "
                "'en-ko' or 'ko-en'), for example 'hiatus:en-ko'"
            )
        return self.lesson.entry(entry_id), direction

    def _first_reviews(self) -> dict[str, datetime]:
        frame = self.session.store.reviews(self.lesson.slug)
        if frame.empty:
            return {}
        wanted = set(self.cards)
        firsts = frame[frame["card"].isin(wanted)].groupby("card")["at_utc"].min()
        return {str(card): moment.to_pydatetime() for card, moment in firsts.items()}

    def _show_card(self) -> None:
        card = self.card
        total = len(self.queue)
        if card is None:
            _show(self.card_box, False)
            _show(self.show_button, False)
            _show(self.ratings_box, False)
            message = self.t("review.done" if self.ratings else "review.nothing_due")
            upcoming = self.reviewer.next_due(self.cards)
            if upcoming is not None:
                when = when_text(upcoming, self.moment(), self.lang)
                message += " " + self.t("review.next_due", when=when)
            self.status.value = escape(message)
            _show(self.status, True)
            _show(self.restart_button, True)
            self.position.value = (
                escape(self.t("progress.position", current=total, total=total)) if total else ""
            )
            return
        entry, direction = self._entry(card)
        reader = self.session.direction  # the learner: whose notes the back shows
        self.front.value = card_html(entry, direction, "front", self.lang, reader=reader)
        self.back.value = card_html(
            entry, direction, "back", self.lang, glossary=self._hanja_glossary, reader=reader
        )
        _show(self.card_box, True)
        _show(self.back, False)
        _show(self.ratings_box, False)
        _show(self.show_button, True)
        _show(self.status, False)
        _show(self.restart_button, False)
        self.position.value = escape(
            self.t("progress.position", current=self.position_index + 1, total=total)
        )
