"""Vocabulary practice: flashcards both ways, a matching game, typed recall, spaced review.

Each view presents; the logic lives in the core or in the pure functions at the top of
this module (no widgets in them, each tested on its own):

- :func:`matching_rounds` cuts the glossary into rounds of a few pairs, never two
  entries with the same English or Korean side in one round;
- :func:`shuffled` gives the order of the Korean options of a round (stable: the same
  every time and in every process);
- :func:`review_cards` names the review cards of a lesson; :func:`new_allowance` says
  how many new cards a student may still start today; the due cards themselves come
  from :meth:`dokhae.review.Reviewer.due` (due first, most overdue first, then new).

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

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

import ipywidgets as widgets

from .. import i18n
from ..answers import Feedback, check_matching, check_term, normalize_text
from ..lesson import GlossaryEntry, Matching, Pair, Text
from ..review import DIRECTIONS, RATINGS, Reviewer, card_id
from ..session import Session
from ._base import View, button, classed, escape, feedback_area, feedback_html
from .reading import _level, _pos, entries_for, find_terms, lesson_of

__all__ = [
    "BLANK",
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

BLANK = "_____"
"""What stands in a sentence for the word to recall."""

DAILY_NEW = 10
"""New review cards a student starts per day, by default (small: no review treadmill)."""


# --------------------------------------------------------------------------- pure logic


def _key(text: str) -> str:
    return normalize_text(text).replace(" ", "")


def matching_rounds(entries: Sequence[GlossaryEntry], size: int = 5,
                    seed: int | str | None = None) -> list[tuple[GlossaryEntry, ...]]:
    """The glossary cut into rounds of ``size`` pairs (English headword ↔ main Korean).

    In glossary order, or shuffled with ``seed`` (the same seed gives the same rounds in
    every process). No round holds two entries with the same headword or the same Korean
    (the pairs would be ambiguous); such an entry goes to a later round. A last round of
    a single pair joins the round before it when it can.
    """
    if size < 2:
        raise ValueError(f"a matching round needs at least 2 pairs, not size={size!r}")
    order = list(entries)
    if seed is not None:
        random.Random(f"dokhae-matching:{seed}").shuffle(order)
    rounds: list[list[GlossaryEntry]] = []
    keys: list[set[str]] = []
    for entry in order:
        sides = {"en:" + _key(entry.headword), "ko:" + _key(entry.korean)}
        for members, used in zip(rounds, keys):
            if len(members) < size and not sides & used:
                members.append(entry)
                used |= sides
                break
        else:
            rounds.append([entry])
            keys.append(set(sides))
    if len(rounds) > 1 and len(rounds[-1]) == 1 and not keys[-1] & keys[-2]:
        rounds[-2].extend(rounds.pop())
    return [tuple(r) for r in rounds]


def shuffled(items: Sequence[Any], key: object) -> list[Any]:
    """``items`` in an order fixed by ``key`` (never the given order when it can differ)."""
    out = list(items)
    random.Random(f"dokhae-shuffle:{key}").shuffle(out)
    if len(out) > 1 and out == list(items):
        out = out[1:] + out[:1]
    return out


def review_cards(entries: Iterable[GlossaryEntry],
                 directions: Sequence[str] = DIRECTIONS) -> list[str]:
    """The card ids of ``entries``: every entry in the first direction, then in the next
    (so a new word is not met both ways in a row)."""
    entries = list(entries)
    return [card_id(e.id, d) for d in directions for e in entries]


def new_allowance(first_reviews: Mapping[str, datetime], now: datetime, daily_new: int) -> int:
    """How many new cards may still be started on the day of ``now`` (in ``now``'s time
    zone): ``daily_new`` less the cards whose first review (``first_reviews``: card ->
    time of its first review) fell on that day."""
    day = now.date()
    started = sum(1 for moment in first_reviews.values()
                  if moment.astimezone(now.tzinfo).date() == day)
    return max(0, daily_new - started)


# --------------------------------------------------------------------------- presentation


def session_of(source: Any = None) -> Session:
    """The session to record in: ``source`` itself, this kernel's session for None, or a
    new practice session on the lesson ``source`` (a Lesson or a slug) that records in the
    student's own progress store."""
    if isinstance(source, Session):
        return source
    if source is None:
        from ..session import current_session

        return current_session()
    return Session(lesson_of(source))


def mark_html(text: str, entry: GlossaryEntry, language: str) -> str:
    """``text`` escaped, with the forms of ``entry`` in it wrapped in ``<mark>``."""
    out, position = [], 0
    for term in find_terms(text, [entry], language):
        out.append(escape(text[position:term.start]))
        out.append(f'<mark class="dokhae-highlight">{escape(text[term.start:term.end])}</mark>')
        position = term.end
    out.append(escape(text[position:]))
    return "".join(out)


def blank_html(text: str, entry: GlossaryEntry, language: str) -> str | None:
    """``text`` escaped with the forms of ``entry`` replaced by a blank; None when no form
    of the entry is in it (there is nothing to blank)."""
    terms = find_terms(text, [entry], language)
    if not terms:
        return None
    out, position = [], 0
    for term in terms:
        out.append(escape(text[position:term.start]))
        out.append(f'<span class="dokhae-blank">{BLANK}</span>')
        position = term.end
    out.append(escape(text[position:]))
    return "".join(out)


def _english_side(entry: GlossaryEntry, lang: str) -> str:
    return (f'<div class="dokhae-card-word" lang="en" style="font-size:1.6em">'
            f"{escape(entry.headword)}</div>"
            f'<div class="dokhae-card-pos">{escape(_pos(entry, lang))} · '
            f"{escape(_level(entry, lang))}</div>"
            f'<div class="dokhae-card-example" lang="en">'
            f'{mark_html(entry.example_en, entry, "en")}</div>')


def _korean_side(entry: GlossaryEntry, lang: str, romanization: bool) -> str:
    parts = [f'<div class="dokhae-card-word" lang="ko" style="font-size:1.6em">'
             f"{escape(entry.korean)}</div>"]
    details = []
    if len(entry.ko) > 1:
        details.append(f'<span lang="ko">{escape(", ".join(entry.ko[1:]))}</span>')
    if entry.hanja:
        details.append(f'<span class="dokhae-card-hanja" lang="ko">{escape(entry.hanja)}</span>')
    if romanization:
        details.append(
            f'<span class="dokhae-card-romanization">{escape(entry.romanization)}</span>')
    if details:
        parts.append(f'<div class="dokhae-card-details">{" · ".join(details)}</div>')
    parts.append(f'<div class="dokhae-card-example" lang="ko">'
                 f'{mark_html(entry.example_ko, entry, "ko")}</div>')
    return "".join(parts)


def card_html(entry: GlossaryEntry, direction: str, side: str, lang: str, *,
              romanization: bool = False) -> str:
    """One side (``"front"`` or ``"back"``) of the card of ``entry`` in ``direction``
    (``"en-ko"``: English front, Korean back; ``"ko-en"``: the reverse), escaped HTML.
    Each side shows its word with the article's sentence (``example_en`` /
    ``example_ko``) as context, the word marked; the back adds the English definition."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown card direction {direction!r}: choose 'en-ko' or 'ko-en'")
    english = (direction == "en-ko") == (side == "front")
    html = _english_side(entry, lang) if english else _korean_side(entry, lang, romanization)
    if side == "back":
        html += (f'<div class="dokhae-card-definition" lang="en"><b>'
                 f'{escape(i18n.t("vocabulary.definition", lang))}:</b> '
                 f"{escape(entry.definition)}</div>")
    return html


def _nav(previous: widgets.Button, position: widgets.HTML,
         following: widgets.Button) -> widgets.HBox:
    return classed(widgets.HBox([previous, position, following],
                                layout=widgets.Layout(align_items="center")), "nav")


def _back_layout() -> widgets.Layout:
    """The back of a card: hidden until turned, a dashed line between it and the front."""
    return widgets.Layout(display="none", border_top="1px dashed #bbb", padding="4px 0 0 0")


def _show(widget: widgets.Widget, shown: bool) -> None:
    widget.layout.display = None if shown else "none"


def _visible(widget: widgets.Widget) -> bool:
    return widget.layout.display != "none"


def _empty_note(view: View) -> widgets.HTML:
    return classed(widgets.HTML(escape(view.t("reading_vocabulary.no_cards"))), "empty")


# --------------------------------------------------------------------------- flashcards


class Flashcards(View):
    """Flashcards of the lesson's glossary, English → Korean or Korean → English.

    Args:
        lesson: a Lesson, a Session, a lesson slug, or None (this kernel's lesson).
        direction: ``"en-ko"`` (English front) or ``"ko-en"`` (Korean front); the learner
            can switch it.
        lang: the interface language.
        audience: None (every entry, default), ``"en"`` or ``"ko"`` (see the module).
        romanization: show the romanization on the Korean side (for English speakers).

    Widgets (CSS classes): ``direction`` (``dokhae-direction``), ``front``
    (``dokhae-card-front``), ``back`` (``dokhae-card-back``, hidden until flipped),
    ``flip_button`` (``dokhae-flip``), ``previous_button`` / ``next_button``
    (``dokhae-previous`` / ``dokhae-next``), ``position`` (``dokhae-position``,
    ``12 / 63``). The view's class is ``dokhae-cards``.
    """

    kind = "cards"

    def __init__(self, lesson: Any = None, direction: str = "en-ko", lang: str | None = None, *,
                 audience: str | None = None, romanization: bool = False) -> None:
        super().__init__(lang=lang)
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown card direction {direction!r}: choose 'en-ko' or 'ko-en'")
        self.lesson = lesson_of(lesson)
        self.entries = entries_for(self.lesson.glossary, audience)
        self.romanization = romanization
        self.index = 0
        self.direction = classed(widgets.ToggleButtons(
            options=[(self.t("direction.en_ko"), "en-ko"), (self.t("direction.ko_en"), "ko-en")],
            value=direction), "direction")
        self.instruction = classed(widgets.HTML(escape(self.t("instruction.cards"))), "instruction")
        self.front = classed(widgets.HTML(), "card-front")
        self.back = classed(widgets.HTML(layout=_back_layout()), "card-back")
        self.flip_button = button(self.t("button.flip"), "flip")
        self.previous_button = button(self.t("button.previous"), "previous")
        self.next_button = button(self.t("button.next"), "next")
        self.position = classed(widgets.HTML(), "position")
        self.flip_button.on_click(lambda _: self.flip())
        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))
        self.direction.observe(lambda _: self.go(self.index), names="value")
        card = classed(widgets.VBox([self.front, self.back],
                                    layout=widgets.Layout(border="1px solid #bbb",
                                                          padding="8px 12px", margin="4px 0")),
                       "card")
        if not self.entries:
            self.children = (self.instruction, _empty_note(self))
            return
        self.children = (self.direction, self.instruction, card, self.flip_button,
                         _nav(self.previous_button, self.position, self.next_button))
        self.go(0)

    @property
    def entry(self) -> GlossaryEntry:
        """The entry on the card shown now."""
        return self.entries[self.index]

    @property
    def flipped(self) -> bool:
        """True when the back of the card is shown."""
        return _visible(self.back)

    def flip(self) -> None:
        """Show the back of the card (or hide it again)."""
        _show(self.back, not self.flipped)
        if self.flipped:
            self.flip_button.add_class("dokhae-flipped")
        else:
            self.flip_button.remove_class("dokhae-flipped")

    def go(self, index: int) -> None:
        """Show card ``index`` (clamped), front up."""
        self.index = max(0, min(len(self.entries) - 1, index))
        entry, direction = self.entry, self.direction.value
        self.front.value = card_html(entry, direction, "front", self.lang,
                                     romanization=self.romanization)
        self.back.value = card_html(entry, direction, "back", self.lang,
                                    romanization=self.romanization)
        _show(self.back, False)
        self.flip_button.remove_class("dokhae-flipped")
        self.position.value = escape(self.t("progress.position", current=self.index + 1,
                                            total=len(self.entries)))
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.entries) - 1


# --------------------------------------------------------------------------- matching game


class MatchingGame(View):
    """Match English words with their Korean equivalents, a few pairs per round.

    Args:
        session: a Session (answers are recorded there), a Lesson, a slug, or None.
        lang: the interface language.
        audience: None (every entry, default), ``"en"`` or ``"ko"``.
        size: pairs per round (default 5).
        seed: None keeps the glossary order; a number shuffles the rounds.

    Each English word (``dokhae-match-left``) has a dropdown of the round's Korean
    words (``dokhae-match-choice``). ``check_button`` (``dokhae-check``) checks the round
    with :func:`dokhae.answers.check_matching`, marks each row (``dokhae-match-row`` gets
    ``dokhae-right`` or ``dokhae-wrong``; the mark ``dokhae-mark`` shows ✓ or ✗),
    records it as ``vocab-matching:<round>`` and updates ``score`` (``dokhae-score``, the
    pairs right over the rounds checked). ``next_button`` (``dokhae-next-round``) starts
    the next round; ``position`` (``dokhae-position``) says which round it is.
    """

    kind = "matching"

    def __init__(self, session: Any = None, lang: str | None = None, *,
                 audience: str | None = None, size: int = 5,
                 seed: int | str | None = None) -> None:
        super().__init__(lang=lang)
        self.session = session_of(session)
        self.lesson = self.session.lesson
        self.rounds = matching_rounds(entries_for(self.lesson.glossary, audience), size, seed)
        self.round = 0
        self.results: dict[int, Feedback] = {}
        self.feedback: Feedback | None = None
        self._questions: dict[int, Matching] = {}
        self.instruction = classed(widgets.HTML(escape(self.t("instruction.matching"))),
                                   "instruction")
        self.rows_box = classed(widgets.VBox(), "match-rows")
        self.rows: dict[str, widgets.HBox] = {}
        self.choices: dict[str, widgets.Dropdown] = {}
        self.marks: dict[str, widgets.HTML] = {}
        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.next_button = button(self.t("reading_vocabulary.next_round"), "next-round")
        self.position = classed(widgets.HTML(), "position")
        self.score = classed(widgets.HTML(), "score")
        self.feedback_area = feedback_area()
        self.check_button.on_click(lambda _: self.check())
        self.next_button.on_click(lambda _: self.go(self.round + 1))
        if not self.rounds:
            self.children = (self.instruction, _empty_note(self))
            return
        self.children = (
            self.instruction, self.position, self.rows_box,
            widgets.HBox([self.check_button, self.next_button]),
            self.feedback_area, self.score,
        )
        self.go(0)

    @property
    def pairs(self) -> tuple[Pair, ...]:
        """The right pairs of the round shown now."""
        return self.question(self.round).pairs

    def question(self, index: int) -> Matching:
        """Round ``index`` as a matching question of the lesson model (checked by the core)."""
        if index not in self._questions:
            entries = self.rounds[index]
            self._questions[index] = Matching(
                id=f"vocab-matching-{index + 1}", type="matching", skill="vocabulary",
                sentences=tuple(dict.fromkeys(e.sentence_id for e in entries)),
                prompt=i18n.text("instruction.matching"),
                explanation=i18n.text("reading_vocabulary.matching_explanation"),
                pairs=tuple(Pair(left=e.headword, right=e.korean) for e in entries),
            )
        return self._questions[index]

    def go(self, index: int) -> None:
        """Start round ``index`` (clamped)."""
        self.round = max(0, min(len(self.rounds) - 1, index))
        pairs = self.pairs
        rights = shuffled([p.right for p in pairs], (self.lesson.slug, self.round))
        options = [(self.t("choose.placeholder"), None)] + [(right, right) for right in rights]
        self.rows, self.choices, self.marks = {}, {}, {}
        for pair in pairs:
            left = classed(widgets.HTML(f'<span lang="en">{escape(pair.left)}</span>',
                                        layout=widgets.Layout(width="16em")), "match-left")
            choice = classed(widgets.Dropdown(options=options, index=0,  # "Choose…" shown
                                              layout=widgets.Layout(width="14em")), "match-choice")
            mark = classed(widgets.HTML(""), "mark")
            self.choices[pair.left], self.marks[pair.left] = choice, mark
            self.rows[pair.left] = classed(widgets.HBox([left, choice, mark]), "match-row")
        self.rows_box.children = tuple(self.rows.values())
        self.feedback = None
        self.feedback_area.value = ""
        self.position.value = escape(self.t("reading_vocabulary.round", current=self.round + 1,
                                            total=len(self.rounds)))
        self.next_button.disabled = self.round == len(self.rounds) - 1
        self._update_score()

    def check(self) -> Feedback | None:
        """Check the round; record it when every word has a match."""
        value = {left: choice.value for left, choice in self.choices.items()}
        if any(v is None for v in value.values()):
            self.feedback_area.value = (
                '<div class="dokhae-verdict dokhae-unanswered">'
                f'{escape(self.t("answer.matching_incomplete", total=len(value)))}</div>')
            return None
        feedback = check_matching(self.question(self.round), value)
        self.session.record(f"vocab-matching:{self.round + 1}", value, feedback)
        self.feedback = self.results[self.round] = feedback
        for left, right in feedback.details.items():
            row = self.rows[left]
            row.remove_class("dokhae-right")
            row.remove_class("dokhae-wrong")
            row.add_class("dokhae-right" if right else "dokhae-wrong")
            self.marks[left].value = "✓" if right else "✗"
        self.feedback_area.value = feedback_html(feedback, self.lang)
        self._update_score()
        return feedback

    def _update_score(self) -> None:
        right = sum(int(f.fields.get("correct", 0)) for f in self.results.values())
        total = sum(int(f.fields.get("total", 0)) for f in self.results.values())
        self.score.value = escape(self.t("score.label", score=right, total=total)) if total else ""


# --------------------------------------------------------------------------- typed recall


class TypedRecall(View):
    """Type the word from memory: the English word for the Korean (default), or the reverse.

    Args:
        session: a Session (answers are recorded there), a Lesson, a slug, or None.
        direction: ``"ko-en"`` (shown Korean, type English; inflected forms such as
            *resumed* for *resume* count) or ``"en-ko"`` (shown English, type Korean).
        lang: the interface language.
        audience: None (every entry, default), ``"en"`` or ``"ko"``.

    The prompt (``dokhae-prompt``) shows the word to translate and the article's
    sentence with the answer blanked. ``answer`` (``dokhae-answer``, a Text with
    ``continuous_update=False``: Enter checks too) and ``check_button``
    (``dokhae-check``) check it with :func:`dokhae.answers.check_term`; the result
    shows in ``feedback_area`` (``dokhae-feedback``) and is recorded as
    ``vocab:<entry id>`` (``vocab-ko:<entry id>`` when typing Korean). Navigation:
    ``previous_button``, ``next_button``, ``position`` (``12 / 63``).
    """

    kind = "typed_recall"

    def __init__(self, session: Any = None, direction: str = "ko-en", lang: str | None = None,
                 *, audience: str | None = None) -> None:
        super().__init__(lang=lang)
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {direction!r}: choose 'ko-en' or 'en-ko'")
        self.session = session_of(session)
        self.lesson = self.session.lesson
        self.direction = direction
        self.entries = entries_for(self.lesson.glossary, audience)
        self.index = 0
        self.feedback: Feedback | None = None
        self._checked: tuple[int, str] | None = None
        self._quiet = False
        key = "instruction.typed_recall" if direction == "ko-en" else "instruction.typed_recall_ko"
        self.instruction = classed(widgets.HTML(escape(self.t(key))), "instruction")
        self.prompt = classed(widgets.HTML(), "prompt")
        self.answer = classed(widgets.Text(value="", placeholder=self.t("choose.type_here"),
                                           continuous_update=False), "answer")
        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.feedback_area = feedback_area()
        self.previous_button = button(self.t("button.previous"), "previous")
        self.next_button = button(self.t("button.next"), "next")
        self.position = classed(widgets.HTML(), "position")
        self.check_button.on_click(lambda _: self.check())
        self.answer.observe(self._on_submit, names="value")
        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))
        if not self.entries:
            self.children = (self.instruction, _empty_note(self))
            return
        self.children = (self.instruction, self.prompt,
                         widgets.HBox([self.answer, self.check_button]), self.feedback_area,
                         _nav(self.previous_button, self.position, self.next_button))
        self.go(0)

    @property
    def entry(self) -> GlossaryEntry:
        return self.entries[self.index]

    @property
    def exercise_id(self) -> str:
        """The id the answers to the card shown now are recorded under."""
        prefix = "vocab" if self.direction == "ko-en" else "vocab-ko"
        return f"{prefix}:{self.entry.id}"

    def accepted(self, entry: GlossaryEntry | None = None) -> tuple[str, ...]:
        """The answers counted right for ``entry`` (default: the one shown)."""
        entry = entry or self.entry
        if self.direction == "ko-en":
            return tuple(dict.fromkeys((entry.headword, *entry.forms)))
        return tuple(dict.fromkeys((*entry.ko, *entry.ko_forms)))

    def go(self, index: int) -> None:
        """Show card ``index`` (clamped) with an empty answer box."""
        self.index = max(0, min(len(self.entries) - 1, index))
        entry = self.entry
        if self.direction == "ko-en":
            word = (f'<div class="dokhae-prompt-word" lang="ko" style="font-size:1.4em">'
                    f'{escape(", ".join(entry.ko))}</div>')
            sentence = blank_html(entry.example_en, entry, "en")
            language = "en"
        else:
            word = (f'<div class="dokhae-prompt-word" lang="en" style="font-size:1.4em">'
                    f"{escape(entry.headword)}</div>")
            sentence = blank_html(entry.example_ko, entry, "ko")
            language = "ko"
        word += (f'<div class="dokhae-prompt-pos">{escape(_pos(entry, self.lang))}</div>')
        if sentence is not None:
            word += (f'<div class="dokhae-prompt-sentence" lang="{language}">'
                     f'<b>{escape(self.t("vocabulary.in_article"))}:</b> {sentence}</div>')
        self.prompt.value = word
        self._quiet = True
        try:
            self.answer.value = ""
        finally:
            self._quiet = False
        self._checked = None
        self.feedback = None
        self.feedback_area.value = ""
        self.position.value = escape(self.t("progress.position", current=self.index + 1,
                                            total=len(self.entries)))
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.entries) - 1

    def check(self) -> Feedback:
        """Check what is in the answer box and record it (once per answer given)."""
        value = self.answer.value
        entry = self.entry
        explanation = Text(
            en=f"{entry.headword} ({entry.pos}): {entry.definition} — {', '.join(entry.ko)}",
            ko=f"{entry.headword}: {', '.join(entry.ko)}",
        )
        feedback = check_term(value, self.accepted(), inflections=self.direction == "ko-en",
                              explanation=explanation)
        given = (self.index, normalize_text(value))
        if feedback.answered and given != self._checked:
            self.session.record(self.exercise_id, value, feedback)
            self._checked = given
        self.feedback = feedback
        if feedback.answered:
            self.feedback_area.value = feedback_html(feedback, self.lang)
        else:
            self.feedback_area.value = ('<div class="dokhae-verdict dokhae-unanswered">'
                                        f'{escape(self.t("answer.empty"))}</div>')
        return feedback

    def _on_submit(self, change: Any) -> None:
        # continuous_update=False: the value arrives when the student presses Enter.
        if not self._quiet and change["new"].strip():
            self.check()


# --------------------------------------------------------------------------- review session


class ReviewSession(View):
    """Today's spaced review: due cards first (most overdue first), then a few new ones.

    Args:
        session: a Session (its store keeps the card states), a Lesson, a slug, or None.
        cards: the card ids to review (``"hiatus:en-ko"``); default every entry of
            ``audience`` English → Korean, then Korean → English (see :func:`review_cards`).
        now: the time of the session and of its ratings: a timezone-aware datetime, a
            function returning one, or None for the clock (tests inject a fixed time).
        lang: the interface language.
        audience: None (every entry, default), ``"en"`` or ``"ko"``.
        daily_new: new cards a student starts per day (default 10); cards first
            reviewed earlier the same day count against it.
        scheduler: an fsrs scheduler (``dokhae.review.make_scheduler(fuzzing=False)``
            for reproducible due dates); default fsrs with fuzzing.

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

    def __init__(self, session: Any = None, cards: Iterable[str] | None = None,
                 now: datetime | Callable[[], datetime] | None = None, lang: str | None = None,
                 *, audience: str | None = None, daily_new: int = DAILY_NEW,
                 scheduler: Any = None) -> None:
        super().__init__(lang=lang)
        self.session = session_of(session)
        self.lesson = self.session.lesson
        self.now = now
        self.daily_new = daily_new
        if cards is None:
            self.cards = review_cards(entries_for(self.lesson.glossary, audience))
        else:
            self.cards = list(cards)
            for card in self.cards:
                self._entry(card)  # validates
        self.reviewer = Reviewer(self.session.store, self.lesson.slug, scheduler=scheduler)
        self.queue: list[str] = []
        self.position_index = 0
        self.ratings: list[tuple[str, str]] = []
        self.instruction = classed(widgets.HTML(escape(self.t("instruction.review"))),
                                   "instruction")
        self.counts = classed(widgets.HTML(), "review-counts")
        self.front = classed(widgets.HTML(), "card-front")
        self.back = classed(widgets.HTML(layout=_back_layout()), "card-back")
        self.card_box = classed(widgets.VBox([self.front, self.back], layout=widgets.Layout(
            border="1px solid #bbb", padding="8px 12px", margin="4px 0")), "card")
        self.show_button = button(self.t("review.show_answer"), "show-answer",
                                  button_style="primary")
        self.prompt = classed(widgets.HTML(escape(self.t("review.prompt"))), "review-prompt")
        self.rate_buttons = {
            name: button(self.t(f"review.{name}"), f"rate-{name}") for name in RATINGS}
        self.ratings_box = classed(widgets.VBox(
            [self.prompt, widgets.HBox(list(self.rate_buttons.values()))],
            layout=widgets.Layout(display="none")), "ratings")
        self.position = classed(widgets.HTML(), "position")
        self.status = classed(widgets.HTML(layout=widgets.Layout(display="none")),
                              "review-status")
        self.restart_button = button(self.t("button.start_review"), "start-review",
                                     layout=widgets.Layout(display="none", width="auto"))
        self.show_button.on_click(lambda _: self.show_answer())
        for name, rate_button in self.rate_buttons.items():
            rate_button.on_click(lambda _, n=name: self.rate(n))
        self.restart_button.on_click(lambda _: self.start())
        self.children = (self.instruction, self.counts, self.position, self.card_box,
                         self.show_button, self.ratings_box, self.status, self.restart_button)
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
        first = self._first_reviews()
        allowance = new_allowance(first, now, self.daily_new)
        self.queue = self.reviewer.due(self.cards, now, new_limit=allowance)
        self.position_index = 0
        states = self.session.store.card_states(self.lesson.slug)
        due = sum(1 for c in self.queue if c in states)
        self.counts.value = escape(f'{self.t("review.due", n=due)} · '
                                   f'{self.t("review.new", n=len(self.queue) - due)}')
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
        if rating == "again" and card not in self.queue[self.position_index + 1:]:
            self.queue.append(card)
        self.position_index += 1
        self._show_card()
        return due

    # ----------------------------------------------------------------- internals

    def _entry(self, card: str) -> tuple[GlossaryEntry, str]:
        entry_id, _, direction = card.rpartition(":")
        if direction not in DIRECTIONS or not entry_id:
            raise ValueError(f"{card!r} is not a card id; use dokhae.review.card_id(entry, "
                             "'en-ko' or 'ko-en'), for example 'hiatus:en-ko'")
        return self.lesson.entry(entry_id), direction

    def _first_reviews(self) -> dict[str, datetime]:
        frame = self.session.store.reviews(self.lesson.slug)
        if frame.empty:
            return {}
        wanted = set(self.cards)
        firsts = frame[frame["card"].isin(wanted)].groupby("card")["at_utc"].min()
        return {card: moment.to_pydatetime() for card, moment in firsts.items()}

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
                when = upcoming.astimezone(self.moment().tzinfo).strftime("%Y-%m-%d %H:%M")
                message += " " + self.t("review.next_due", when=when)
            self.status.value = escape(message)
            _show(self.status, True)
            _show(self.restart_button, True)
            self.position.value = escape(self.t("progress.position", current=total, total=total)) \
                if total else ""
            return
        entry, direction = self._entry(card)
        self.front.value = card_html(entry, direction, "front", self.lang)
        self.back.value = card_html(entry, direction, "back", self.lang)
        _show(self.card_box, True)
        _show(self.back, False)
        _show(self.ratings_box, False)
        _show(self.show_button, True)
        _show(self.status, False)
        _show(self.restart_button, False)
        self.position.value = escape(self.t("progress.position", current=self.position_index + 1,
                                            total=total))
