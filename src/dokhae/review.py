"""Spaced review of vocabulary cards, scheduled by fsrs and remembered in the progress store.

A card is one glossary entry in one direction, named by a string:
``"hiatus:en-ko"`` (see :func:`card_id`). Its fsrs state is saved in the
:class:`~dokhae.progress.ProgressStore` after every rating, so a student who comes back
the next day (another kernel, another notebook) finds each card where it was.

Which cards come up (:func:`due_cards`): first the reviewed cards that are due, the
most overdue first (the ones being forgotten); then the cards never reviewed, in the
order given (the glossary's order), at most ``new_limit`` of them. Cards reviewed and
not yet due are left out.

Times: every ``now`` must be timezone-aware (any zone; it is converted to UTC, which
fsrs requires); a naive datetime raises ``ValueError``. ``now=None`` means the current
time.

Fuzzing: fsrs spreads due dates a little at random so that cards learnt together do not
all come back on the same day. It is on by default; pass
``scheduler=make_scheduler(fuzzing=False)`` for reproducible dates (tests, notebooks with
stored outputs).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler

from .progress import ProgressStore, to_utc

__all__ = [
    "DIRECTIONS",
    "RATINGS",
    "Reviewer",
    "card_id",
    "card_number",
    "due_cards",
    "make_scheduler",
    "parse_rating",
    "rate",
]

DIRECTIONS = ("en-ko", "ko-en")
"""Card directions: English front, Korean back (``en-ko``) and the reverse."""

RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
"""Rating names (also the i18n keys ``review.again`` ...) and their fsrs ratings."""


def card_id(entry_id: str, direction: str) -> str:
    """The card of glossary entry ``entry_id`` in ``direction``: ``"hiatus:en-ko"``."""
    if direction not in DIRECTIONS:
        raise ValueError(
            f"unknown card direction {direction!r}: choose one of "
            f"{', '.join(repr(d) for d in DIRECTIONS)}"
        )
    if not entry_id or ":" in entry_id:
        raise ValueError(f"a glossary entry id must be non-empty and have no ':', not {entry_id!r}")
    return f"{entry_id}:{direction}"


def card_number(lesson: str, card: str) -> int:
    """A stable integer id for fsrs (48 bits of SHA-256 of lesson and card): the same in
    every process and on every machine, unlike Python's ``hash()``."""
    digest = hashlib.sha256(f"{lesson}\x00{card}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def make_scheduler(*, fuzzing: bool = True, desired_retention: float = 0.9) -> Scheduler:
    """An fsrs scheduler with dokhae's defaults (fsrs's default parameters)."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzzing)


def parse_rating(rating: object) -> Rating:
    """An fsrs ``Rating`` from a Rating, 1–4, or a name (``"again"``, ``"Good"``...)."""
    if isinstance(rating, Rating):
        return rating
    if isinstance(rating, str) and rating.strip().casefold() in RATINGS:
        return RATINGS[rating.strip().casefold()]
    if isinstance(rating, int) and not isinstance(rating, bool) and 1 <= rating <= 4:
        return Rating(rating)
    raise ValueError(
        f"unknown rating {rating!r}: use 1-4, a fsrs Rating, or one of {', '.join(RATINGS)}"
    )


def _key(text: str, what: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{what} must be a non-empty string, not {text!r}")
    return unicodedata.normalize("NFC", text)


class Reviewer:
    """Spaced review of one lesson's cards for the student whose store this is."""

    def __init__(
        self, store: ProgressStore, lesson: str, *, scheduler: Scheduler | None = None
    ) -> None:
        self.store = store
        self.lesson = _key(lesson, "lesson")
        self.scheduler = scheduler if scheduler is not None else make_scheduler()

    def __repr__(self) -> str:
        return f"<Reviewer {self.lesson} in {self.store.path}>"

    def card(self, card: str) -> Card | None:
        """The fsrs state of ``card``, or None for a card never reviewed."""
        state = self.store.card_state(self.lesson, _key(card, "card id"))
        return None if state is None else Card.from_dict(json.loads(state))

    def due(
        self,
        cards: Iterable[str],
        now: datetime | None = None,
        *,
        new_limit: int | None = None,
        learn_ahead: timedelta = timedelta(0),
    ) -> list[str]:
        """The cards of ``cards`` to show now: due ones (most overdue first), then new
        ones in the given order (at most ``new_limit``). ``learn_ahead`` also counts as
        due the cards due within that time (for example a card rated *Again* that
        comes back in a minute, so a session can show it again before it ends)."""
        moment = to_utc(now, "review time")
        if new_limit is not None and new_limit < 0:
            raise ValueError(f"new_limit must be 0 or more, not {new_limit!r}")
        states = self.store.card_states(self.lesson)
        due: list[tuple[datetime, int, str]] = []
        new: list[str] = []
        seen: set[str] = set()
        for index, raw in enumerate(cards):
            name = _key(raw, "card id")
            if name in seen:
                continue
            seen.add(name)
            if name not in states:
                new.append(name)
            elif states[name][1] <= moment + learn_ahead:
                due.append((states[name][1], index, name))
        due.sort()
        return [name for _, _, name in due] + new[:new_limit]

    def next_due(self, cards: Iterable[str]) -> datetime | None:
        """The earliest due time among the reviewed ``cards`` (None if none reviewed)."""
        states = self.store.card_states(self.lesson)
        times = [states[c][1] for c in map(lambda c: _key(c, "card id"), cards) if c in states]
        return min(times, default=None)

    def rate(self, card: str, rating: object, now: datetime | None = None) -> datetime:
        """Record how well the student remembered ``card`` (again / hard / good / easy,
        or 1–4) and return when it is due next (UTC). The review and the new state are
        saved in one transaction, so two notebooks rating at once lose nothing."""
        name = _key(card, "card id")
        grade = parse_rating(rating)
        moment = to_utc(now, "review time")
        with self.store.transaction():
            state = self.store.card_state(self.lesson, name)
            if state is None:
                current = Card(card_id=card_number(self.lesson, name), due=moment)
            else:
                current = Card.from_dict(json.loads(state))
                if current.last_review is not None and moment < current.last_review:
                    raise ValueError(
                        f"review time {moment.isoformat()} is before the last review of "
                        f"{name!r} ({current.last_review.isoformat()}); check the clock"
                    )
            updated, _log = self.scheduler.review_card(current, grade, review_datetime=moment)
            self.store.record_review(
                self.lesson,
                name,
                int(grade),
                at=moment,
                card_json=json.dumps(updated.to_dict()),
                due=updated.due,
            )
        return updated.due

    def retrievability(self, card: str, now: datetime | None = None) -> float | None:
        """The chance (0–1) that the student still remembers ``card`` now; None for a
        card never reviewed. Use it to colour words in the reading view."""
        state = self.card(card)
        if state is None:
            return None
        return float(self.scheduler.get_card_retrievability(state, to_utc(now, "time")))


def due_cards(
    store: ProgressStore,
    lesson: str,
    card_ids: Iterable[str],
    now: datetime | None = None,
    *,
    scheduler: Scheduler | None = None,
    new_limit: int | None = None,
    learn_ahead: timedelta = timedelta(0),
) -> list[str]:
    """The cards to review now: due ones (most overdue first), then new ones in the
    given order. See :meth:`Reviewer.due`."""
    return Reviewer(store, lesson, scheduler=scheduler).due(
        card_ids, now, new_limit=new_limit, learn_ahead=learn_ahead
    )


def rate(
    store: ProgressStore,
    lesson: str,
    card: str,
    rating: object,
    now: datetime | None = None,
    *,
    scheduler: Scheduler | None = None,
) -> datetime:
    """Record a rating of ``card`` and return its next due time (UTC). See
    :meth:`Reviewer.rate`."""
    return Reviewer(store, lesson, scheduler=scheduler).rate(card, rating, now)
