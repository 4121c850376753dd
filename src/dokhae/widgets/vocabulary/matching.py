"""The matching game: English words with their Korean equivalents, a few pairs a round.

The rounds and the order of the Korean options come from the pure functions
:func:`matching_rounds` and :func:`shuffled` (no widgets, each tested on its own).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from ... import i18n
from ...answers import ANSWER_SHOWN, Feedback, check_matching, normalize_text
from ...lesson import GlossaryEntry, Matching, Pair
from .._base import View, button, classed, escape, feedback_area, feedback_html, with_placeholder
from ..reading import direction_of
from .deck import AUTO, _empty_note, _show, learner_entries, ordered, session_of

__all__ = ["MatchingGame", "matching_rounds", "shuffled"]


def _key(text: str) -> str:
    return normalize_text(text).replace(" ", "")


def matching_rounds(
    entries: Sequence[GlossaryEntry], size: int = 5, seed: int | str | None = None
) -> list[tuple[GlossaryEntry, ...]]:
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


class MatchingGame(View):
    """Match English words with their Korean equivalents, a few pairs per round.

    Args:
        session: a Session (answers are recorded there), a Lesson, a slug, or None.
        lang: the interface language.
        audience: ``"auto"`` (default: the learner's entries, see
            :func:`.deck.learner_entries`), None (every entry), ``"en"`` or ``"ko"``.
            A learner of Korean matches the Korean words with their English meanings.
        size: pairs per round (default 5).
        seed: None keeps the order of ``order``; a number shuffles the rounds.
        order: ``"study"`` (default: the words missed in typed recall first, then the
            hardest first, mixed for the day) or ``"glossary"`` (see :data:`.deck.ORDERS`).
        tries: wrong checks of a round before its answer is shown (default None: the
            lesson's ``practice.tries``, the teacher's setting, as every practice view).

    Each English word (``dokhae-match-left``) has a dropdown of the round's Korean
    words (``dokhae-match-choice``). ``check_button`` (``dokhae-check``) checks the round
    with :func:`dokhae.answers.check_matching`, marks each row (``dokhae-match-row`` gets
    ``dokhae-right`` or ``dokhae-wrong``; the mark ``dokhae-mark`` shows ✓ or ✗),
    records it as ``vocab-matching:<round>`` and updates ``score`` (``dokhae-score``, the
    pairs right over the rounds checked). ``next_button`` (``dokhae-next-round``) starts
    the next round; ``position`` (``dokhae-position``) says which round it is.

    Tries before answers (issue 26): a round checked wrong with tries left shows the
    verdict and the marks (which words to match again), not the right pairs; those and
    the explanation come when every pair is right, after ``tries`` wrong checks, or with
    ``reveal_button`` (``dokhae-show-answer``, "정답 보기"). With them come the glossary's
    notes on the round's words (``dokhae-word-notes``: "Not the noun résumé (이력서)").
    """

    kind = "matching"

    def __init__(
        self,
        session: Any = None,
        lang: str | None = None,
        *,
        audience: str | None = AUTO,
        size: int = 5,
        seed: int | str | None = None,
        order: str = "study",
        tries: int | None = None,
    ) -> None:
        super().__init__(lang=lang)
        self.session = session_of(session)
        self.tries = max(1, self.session.tries if tries is None else tries)
        self.tries_used: dict[int, int] = {}
        self.lesson = self.session.lesson
        self.learner = direction_of(session)
        entries = ordered(self.session, learner_entries(session, self.lesson, audience), order)
        self.rounds = matching_rounds(entries, size, seed)
        self.round = 0
        self.results: dict[int, Feedback] = {}
        self.feedback: Feedback | None = None
        self._questions: dict[int, Matching] = {}
        self.instruction = classed(
            widgets.HTML(escape(self.t("instruction.matching"))), "instruction"
        )
        self.rows_box = classed(widgets.VBox(), "match-rows")
        self.rows: dict[str, widgets.HBox] = {}
        self.choices: dict[str, widgets.Dropdown] = {}
        self.marks: dict[str, widgets.HTML] = {}
        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.next_button = button(self.t("reading_vocabulary.next_round"), "next-round")
        self.reveal_button = button(
            self.t("button.show_answer"), "show-answer", layout=widgets.Layout(display="none")
        )
        self.reveal_button.on_click(lambda _: self.reveal())
        self.position = classed(widgets.HTML(), "position")
        self.score = classed(widgets.HTML(), "score")
        self.feedback_area = feedback_area()
        self.check_button.on_click(lambda _: self.check())
        self.next_button.on_click(lambda _: self.go(self.round + 1))
        if not self.rounds:
            self.children = (self.instruction, _empty_note(self))
            return
        self.children = (
            self.instruction,
            self.position,
            self.rows_box,
            widgets.HBox([self.check_button, self.reveal_button, self.next_button]),
            self.feedback_area,
            self.score,
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
                id=f"vocab-matching-{index + 1}",
                type="matching",
                skill="vocabulary",
                sentences=tuple(dict.fromkeys(e.sentence_id for e in entries)),
                prompt=i18n.text("instruction.matching"),
                explanation=i18n.text(
                    "matching_notes.explanation_ko"
                    if self.learner == "ko"
                    else "reading_vocabulary.matching_explanation"
                ),
                pairs=tuple(
                    Pair(left=e.korean, right=e.headword)
                    if self.learner == "ko"
                    else Pair(left=e.headword, right=e.korean)
                    for e in entries
                ),
            )
        return self._questions[index]

    def go(self, index: int) -> None:
        """Start round ``index`` (clamped)."""
        self.round = max(0, min(len(self.rounds) - 1, index))
        pairs = self.pairs
        rights = shuffled([p.right for p in pairs], (self.lesson.slug, self.round))
        options = with_placeholder(self.t("choose.placeholder"), rights)
        self.rows, self.choices, self.marks = {}, {}, {}
        for pair in pairs:
            left = classed(
                widgets.HTML(
                    f'<span lang="{self.learner}">{escape(pair.left)}</span>',
                    layout=widgets.Layout(width="16em"),
                ),
                "match-left",
            )
            choice = classed(
                widgets.Dropdown(
                    options=options,
                    index=0,  # "Choose…" shown
                    layout=widgets.Layout(width="14em"),
                ),
                "match-choice",
            )
            mark = classed(widgets.HTML(""), "mark")
            self.choices[pair.left], self.marks[pair.left] = choice, mark
            self.rows[pair.left] = classed(widgets.HBox([left, choice, mark]), "match-row")
        self.rows_box.children = tuple(self.rows.values())
        self.feedback = None
        self.feedback_area.value = ""
        _show(self.reveal_button, False)
        self.position.value = escape(
            self.t("reading_vocabulary.round", current=self.round + 1, total=len(self.rounds))
        )
        self.next_button.disabled = self.round == len(self.rounds) - 1
        self._update_score()

    def check(self) -> Feedback | None:
        """Check the round; record it when every word has a match."""
        value = {left: choice.value for left, choice in self.choices.items()}
        if any(v is None for v in value.values()):
            self.feedback_area.value = (
                '<div class="dokhae-verdict dokhae-unanswered">'
                f"{escape(self.t('answer.matching_incomplete', total=len(value)))}</div>"
            )
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
        if not feedback.correct:
            self.tries_used[self.round] = self.tries_used.get(self.round, 0) + 1
        if feedback.correct or self.tries_used[self.round] >= self.tries:
            self.feedback_area.value = feedback_html(feedback, self.lang) + self._notes_html()
            _show(self.reveal_button, False)
        else:  # a try left: the verdict and the marks, not the right pairs
            self.feedback_area.value = (
                feedback_html(feedback, self.lang, reveal=False)
                + f'\n<div class="dokhae-hint">{escape(self.t("feedback.try_again"))}</div>'
            )
            _show(self.reveal_button, True)
        self._update_score()
        return feedback

    def reveal(self) -> None:
        """Show the right pairs of the round, the explanation and the words' notes
        ("정답 보기"); nothing is recorded."""
        question = self.question(self.round)
        right = check_matching(question, {p.left: p.right for p in question.pairs})
        shown = Feedback(
            "unanswered",
            expected=right.expected,
            explanation=right.explanation,
            message_key=ANSWER_SHOWN,
            reveal=True,
        )
        self.feedback_area.value = feedback_html(shown, self.lang) + self._notes_html()
        self.tries_used[self.round] = self.tries
        _show(self.reveal_button, False)

    def _notes_html(self) -> str:
        """The glossary's notes on the round's words, each on the word the learner reads
        (``notes`` on the English word, ``ko_notes`` on the Korean one), or "" when none
        has a note."""
        items = [
            f'<li><b lang="en">{escape(e.headword)}</b> <span lang="ko">{escape(e.korean)}</span>'
            f' — <span lang="en">{escape(e.note_for(self.learner))}</span></li>'
            for e in self.rounds[self.round]
            if e.note_for(self.learner)
        ]
        if not items:
            return ""
        return (
            f'\n<div class="dokhae-word-notes"><b>{escape(self.t("matching_notes.title"))}</b>'
            f'<ul style="margin:0">{"".join(items)}</ul></div>'
        )

    def _update_score(self) -> None:
        right = sum(_count(f, "correct") for f in self.results.values())
        total = sum(_count(f, "total") for f in self.results.values())
        self.score.value = escape(self.t("score.label", score=right, total=total)) if total else ""


def _count(feedback: Feedback, name: str) -> int:
    """A count the matching checker put in ``feedback.fields`` (0 when absent)."""
    value = feedback.fields.get(name, 0)
    if not isinstance(value, (int, float, str)):
        raise TypeError(f"feedback field {name!r} is not a count: {value!r}")
    return int(value)
