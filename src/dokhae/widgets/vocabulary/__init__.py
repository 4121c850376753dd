"""Vocabulary practice: flashcards both ways, a matching game, typed recall, spaced review.

One module per view, each with the pure logic it rests on (no widgets in it, each
function tested on its own): :mod:`.cards` (:class:`Flashcards`, :func:`card_html`),
:mod:`.matching` (:class:`MatchingGame`; :func:`matching_rounds` cuts the glossary into
rounds of a few pairs, never two entries with the same English or Korean side in one
round; :func:`shuffled` gives the stable order of a round's Korean options),
:mod:`.recall` (:class:`TypedRecall`) and :mod:`.review` (:class:`ReviewSession`;
:func:`review_cards` names the review cards of a lesson, :func:`new_allowance` says how
many new cards a student may still start today, and the due cards come from
:meth:`dokhae.review.Reviewer.due`). :mod:`.deck` holds what they share.

Which entries: every view takes ``audience``: None (default, every glossary entry),
``"en"`` (the entries for Korean students learning English: audience ``en`` or
``both``) or ``"ko"`` (for English speakers learning Korean: ``ko`` or ``both``).
The card direction (English front or Korean front) does not choose the entries: a
Korean student practises the English words both ways, and so does a learner of Korean.

Recording: typed recall records every checked answer with
``session.record("vocab:<entry id>", ...)`` (typing the English word) or
``"vocab-ko:<entry id>"`` (typing the Korean word); the matching game records each
checked round as ``"vocab-matching:<round>"``; the review session saves every rating in
the store's card reviews (:mod:`dokhae.review`). Flashcards record nothing.
"""

from __future__ import annotations

from .cards import Flashcards, card_html
from .deck import BLANK, blank_html, mark_html, session_of
from .matching import MatchingGame, matching_rounds, shuffled
from .recall import TypedRecall
from .review import DAILY_NEW, ReviewSession, new_allowance, review_cards

__all__ = [
    "BLANK",
    "DAILY_NEW",
    "Flashcards",
    "MatchingGame",
    "ReviewSession",
    "TypedRecall",
    "blank_html",
    "card_html",
    "mark_html",
    "matching_rounds",
    "new_allowance",
    "review_cards",
    "session_of",
    "shuffled",
]
