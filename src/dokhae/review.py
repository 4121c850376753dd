"""Spaced review of vocabulary cards, scheduled by fsrs and remembered in the progress store.

A card is one glossary entry in one direction, named by a string:
``"hiatus:en-ko"`` (see :func:`card_id`). Its fsrs state is saved in the
:class:`~dokhae.progress.ProgressStore` after every rating, so a student who comes back
the next day (another kernel, another notebook) finds each card where it was.

Which cards come up (:func:`due_cards`): first the reviewed cards that are due, the
most overdue first (the ones being forgotten); then the cards never reviewed, in the
order given, at most ``new_limit`` of them. Cards reviewed and not yet due are left out.

In what order the words are met (:func:`study_order`): the words the student missed
first (:func:`missed_cards`: a wrong typed answer not reviewed since), then the hardest
level first, mixed within a level by a seed that is the same all day for one student
(:func:`study_seed`) and changes the next day. :func:`when_text` says a due time as
people say it ("10분 뒤", "내일", "in 3 days").

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
import random
import secrets
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar

from fsrs import Card, Rating, Scheduler

from . import i18n
from .progress import ProgressStore, ProgressStoreError, to_utc

__all__ = [
    "DAILY_NEW",
    "DICTATION_PREFIXES",
    "DIRECTIONS",
    "RATINGS",
    "Reviewer",
    "card_id",
    "card_number",
    "due_cards",
    "make_scheduler",
    "missed_cards",
    "new_allowance",
    "parse_rating",
    "rate",
    "review_cards",
    "study_order",
    "study_seed",
    "when_text",
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
        times = [states[c][1] for c in (_key(c, "card id") for c in cards) if c in states]
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


# --------------------------------------------------------------------------- today's cards

DAILY_NEW = 10
"""New review cards a student starts per day, by default (small: no review treadmill)."""


def review_cards(entries: Iterable, directions: Sequence[str] = DIRECTIONS) -> list[str]:
    """The card ids of glossary ``entries`` (anything with an ``id``): every entry in the
    first direction, then in the next (so a new word is not met both ways in a row)."""
    entries = list(entries)
    return [card_id(e.id, d) for d in directions for e in entries]


def new_allowance(first_reviews: Mapping[str, datetime], now: datetime, daily_new: int) -> int:
    """How many new cards may still be started on the day of ``now`` (in ``now``'s time
    zone): ``daily_new`` less the cards whose first review (``first_reviews``: card ->
    time of its first review) fell on that day."""
    day = now.date()
    started = sum(
        1 for moment in first_reviews.values() if moment.astimezone(now.tzinfo).date() == day
    )
    return max(0, daily_new - started)


# --------------------------------------------------------------------------- study order

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
"""CEFR levels, easiest first (the glossary's ``level``)."""

TYPED_PREFIXES = {"vocab": "ko-en", "vocab-ko": "en-ko", "spell": "ko-en", "spell-ko": "en-ko"}
"""Typed-recall exercise ids (``vocab:<entry>`` typed the English for the Korean, so it
is the Korean-front card ``ko-en``; ``vocab-ko:<entry>`` the reverse) and their cards.
A word heard and spelt (``spell:<entry>``, ``spell-ko:<entry>``: the spelling test and
the glossary words of a dictation) asks for the same word as the card whose back it is."""

DICTATION_PREFIXES = {"dictation": "en", "dictation-ko": "ko"}
"""Dictation exercise ids (``dictation:<sentence id>``) and the language of the text."""

SEED_SETTING = "study_seed"
"""The progress-store setting that keeps the student's own random seed."""


class _Word(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def level(self) -> str: ...


_Entry = TypeVar("_Entry", bound=_Word)


def study_seed(store: ProgressStore | None, lesson: str, day: date) -> str:
    """The seed that mixes the words of ``lesson`` on ``day`` for the student of
    ``store``: a random token kept in the store (made on first use), the lesson and the
    day. The same all day in every notebook, another tomorrow, another for each student.
    A store that cannot be read or written gives the lesson and day alone."""
    token = ""
    if store is not None:
        try:
            token = store.setting(SEED_SETTING) or ""
            if not token:
                token = secrets.token_hex(8)
                store.set_setting(SEED_SETTING, token)
        except ProgressStoreError:
            token = ""
    return f"{token}:{lesson}:{day.isoformat()}"


def study_order(entries: Iterable[_Entry], seed: str, missed: Sequence[str] = ()) -> list[_Entry]:
    """The order to meet glossary ``entries`` in (anything with ``id`` and ``level``).

    The entries whose id is in ``missed`` come first, in the order of ``missed`` (the
    most recent miss first); then the others by level, hardest first (C2, C1, ... A1:
    the words a student is least likely to know before the ones they probably know);
    within a level they are mixed by ``seed`` (see :func:`study_seed`), so the same seed
    gives the same order in every process.
    """
    order = list(entries)
    random.Random(f"dokhae-study:{seed}").shuffle(order)
    rank = {entry_id: i for i, entry_id in enumerate(dict.fromkeys(missed))}

    def key(entry: _Entry) -> tuple[int, int]:
        level = entry.level
        return (rank.get(entry.id, len(rank)), -(LEVELS.index(level) if level in LEVELS else 0))

    return sorted(order, key=key)  # stable: the shuffled order stays within a level


def missed_cards(store: ProgressStore, lesson: str) -> list[str]:
    """The cards of the words missed in typed recall and not reviewed since, the most
    recent miss first: the last typed answer to ``vocab:<entry>`` (or ``vocab-ko:<entry>``)
    was wrong, after the last review of its card (``<entry>:ko-en`` / ``<entry>:en-ko``)."""
    reviewed = store.last_reviews(lesson)
    missed: list[tuple[datetime, str]] = []
    for attempt in store.latest_attempts(lesson):
        prefix, _, entry_id = attempt.exercise.partition(":")
        direction = TYPED_PREFIXES.get(prefix)
        if direction is None or not entry_id or ":" in entry_id or attempt.status == "correct":
            continue
        card = card_id(entry_id, direction)
        if card in reviewed and reviewed[card] >= attempt.at_utc:
            continue
        missed.append((attempt.at_utc, card))
    return [card for _, card in sorted(missed, reverse=True)]


def when_text(due: datetime, now: datetime, language: str | None = None) -> str:
    """When ``due`` comes, said from ``now`` as people say it: "지금", "10분 뒤", "3시간 뒤",
    "내일", "모레", "5일 뒤", "2개월 뒤" ("now", "in 10 minutes", ..., "tomorrow").

    Within 6 hours, or later the same day, it is minutes or hours; after that calendar
    days in ``now``'s time zone: a card due at 08:00 tomorrow is "tomorrow" even when
    asked at 23:00, but one due at 00:05 asked at 23:55 is "in 10 minutes". Both times
    must be timezone-aware.
    """
    moment, at = to_utc(now, "time"), to_utc(due, "due time")
    seconds = (at - moment).total_seconds()
    if seconds < 60:
        return i18n.t("when.now", language)
    local_zone = now.tzinfo
    days = (at.astimezone(local_zone).date() - moment.astimezone(local_zone).date()).days
    if days == 0 or seconds < 6 * 3600:  # 23:55 -> 00:05 is "in 10 minutes", not "tomorrow"
        minutes = round(seconds / 60)
        if minutes < 60:
            return i18n.t("when.minute" if minutes == 1 else "when.minutes", language, n=minutes)
        hours = round(minutes / 60)
        return i18n.t("when.hour" if hours == 1 else "when.hours", language, n=hours)
    if days == 1:
        return i18n.t("when.tomorrow", language)
    if days == 2:
        return i18n.t("when.day_after_tomorrow", language)
    if days < 45:
        return i18n.t("when.days", language, n=days)
    return i18n.t("when.months", language, n=round(days / 30))
