"""Dictation (받아쓰기) and spelling: hear a sentence or a glossary word, type it.

:class:`Dictation` reads a sentence of the article aloud (🔊, as often as the student
likes, at the speed chosen) and grades what was typed word by word
(:func:`dokhae.answers.grade_dictation`): the sentence is then shown with each word marked
right, missed, extra, misspelt (with the right spelling) or wrongly spaced, and listed
under the marks in words, so nothing rests on colour alone. :class:`SpellingTest` reads
a glossary word and checks the spelling typed with the checker of typed recall
(:func:`dokhae.answers.check_term`).

Both record to the progress store: a dictation as ``dictation:<sentence id>``
(``dictation-ko:`` for the Korean text); a spelling as ``spell:<entry id>``
(``spell-ko:`` for a Korean word), and every glossary word of a dictated sentence that
was typed but misspelt (:func:`glossary_words_missed`) as a wrong ``spell:<entry id>`` too. The spaced review takes the words
missed there first (:func:`dokhae.review.missed_cards`), as it does those missed in typed
recall.

Everything is reachable by keyboard: 🔊 and the rate menu, the answer box (Enter
checks), the Check, Previous and Next buttons. The answer box has an accessible name
in the interface language; the sentence and the words carry their ``lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from .. import i18n
from ..answers import DictationResult, Feedback, check_term, grade_dictation, sentence_words
from ..lesson import GlossaryEntry, Sentence
from ..palette import css as _colours
from ..review import DICTATION_PREFIXES
from ..terms import TEXT_LANGUAGES, find_terms
from ._base import View, button, classed, escape, fallback_text, feedback_html
from .reading import entries_for
from .speech import Speaker
from .vocabulary.deck import session_of

__all__ = ["Dictation", "SpellingTest", "dictation_html", "glossary_words_missed"]

_LINES = {  # marked by a line too, not by colour alone (the legend says which)
    "missed": "underline solid",
    "extra": "line-through",
    "misspelt": "underline dotted",
    "spacing": "underline wavy",
}
_MARK_STYLE = "\n".join(
    f".dokhae .dokhae-dictation-{kind} {{ {_colours(kind)} padding: 0 2px; border-radius: 2px;"
    f" text-decoration: {line}; }}"
    for kind, line in _LINES.items()
)
_MARK_TAGS = {"missed": "ins", "extra": "del", "misspelt": "span", "spacing": "span"}


def dictation_html(result: DictationResult, lang: str, text_language: str) -> str:
    """The graded sentence as escaped HTML: each word in a ``dokhae-dictation-<kind>``
    element (missed words ``<ins>``, extra ones ``<del>``; a misspelt word as typed with
    the right spelling in brackets), then the missed, extra and misspelt words listed in
    words. Labels in the interface language ``lang``; the words carry ``text_language``."""
    t = lambda key, **f: i18n.t(key, lang, **f)  # noqa: E731
    words = []
    for mark in result.marks:
        if mark.kind == "right":
            words.append(escape(mark.expected))
            continue
        title = escape(t(f"listening.{mark.kind}"))
        shown = escape(
            mark.given if mark.kind in ("extra", "misspelt", "spacing") else mark.expected
        )
        if mark.kind in ("misspelt", "spacing"):
            shown += f" ({escape(mark.expected)})"
        tag = _MARK_TAGS[mark.kind]
        words.append(f'<{tag} class="dokhae-dictation-{mark.kind}" title="{title}">{shown}</{tag}>')
    lines = [
        (
            f'<div class="dokhae-dictation-score"><b>'
            f"{escape(t('listening.score', right=result.right, total=result.total))}</b></div>"
        ),
        f'<div class="dokhae-dictation-sentence" lang="{text_language}">{" ".join(words)}</div>',
    ]
    for kind, items in (
        ("missed", result.missed),
        ("extra", result.extra),
        ("misspelt", tuple(f"{given} → {right}" for right, given in result.misspelt)),
        (
            "spacing",
            tuple(f"{m.given} → {m.expected}" for m in result.of_kind("spacing")),
        ),
    ):
        if items:
            lines.append(
                f'<div class="dokhae-dictation-list-{kind}"><b>{escape(t(f"listening.{kind}"))}:'
                f'</b> <span lang="{text_language}">{escape(" · ".join(items))}</span></div>'
            )
    if result.right < result.total or result.extra:
        lines.append(
            f'<div class="dokhae-dictation-legend" style="opacity:0.85">'
            f"{escape(t('listening.legend'))}</div>"
        )
    return "\n".join(lines)


def glossary_words_missed(
    result: DictationResult, entries: Sequence[GlossaryEntry], language: str, sentence_id: str
) -> list[tuple[GlossaryEntry, str]]:
    """The glossary ``entries`` in the dictated sentence that the student typed but did
    not spell right (a word of the term misspelt or wrongly spaced), each with what was
    typed for it. Words not typed at all are left out: a student who stopped halfway has
    not misspelt the rest."""
    if not result.marks:
        return []
    # what happened to each word of the sentence, in order, and what was typed for it
    words: list[tuple[str, str]] = []
    for mark in result.marks:
        if mark.expected is not None:
            words.extend([(mark.kind, mark.given or "")] * len(sentence_words(mark.expected)))
    spans, position = [], 0
    for word in sentence_words(result.sentence):
        start = result.sentence.index(word, position)
        spans.append((start, start + len(word)))
        position = start + len(word)
    missed: dict[str, tuple[GlossaryEntry, str]] = {}
    for term in find_terms(result.sentence, entries, language, sentence_id=sentence_id):
        typed = [
            (kind, given)
            for (start, end), (kind, given) in zip(spans, words)
            if start < term.end and term.start < end
        ]
        if any(kind in ("misspelt", "spacing") for kind, _ in typed):
            given = " ".join(dict.fromkeys(g for _, g in typed if g))
            missed.setdefault(term.entry.id, (term.entry, given))
    return list(missed.values())


class _Listening(View):
    """What dictation and spelling share: 🔊 with a rate menu, an answer box that Enter
    checks, a Check button, the feedback, and Previous / Next."""

    fallback_key = ""
    index: int = 0

    position_key = ""
    """The catalog key of "Sentence 2 of 10" / "Word 2 of 63"."""
    speaker_key = ""
    """The catalog key of the speak button's accessible name."""

    def _start(self, session: Any, language: str, lang: str | None) -> None:
        super().__init__(lang=lang)
        if language not in TEXT_LANGUAGES:
            raise ValueError(f"unknown text language {language!r}: choose 'en' or 'ko'")
        self.session = session_of(session)
        self.lesson = self.session.lesson
        self.language = language
        self._checked: tuple[int, str] | None = None

    @property
    def spoken(self) -> str:
        """What the speak button reads now."""
        raise NotImplementedError

    def _show_item(self) -> None:
        self._checked = None
        self.position.value = escape(
            self.t(self.position_key, current=self.index + 1, total=self.count)
        )
        self.speaker.set_text(self.spoken, self.language, label=self.t(self.speaker_key))

    def _record(self, exercise_id: str, value: str, feedback: Feedback) -> bool:
        """Record a judged answer once per answer given (a second Check of the same text is
        not a second try); True when it was recorded now."""
        given = (self.index, value.strip())
        if not feedback.answered or given == self._checked:
            return False
        self._checked = given
        self.session.record(exercise_id, value, feedback)
        return True

    def _build(self, rate: float) -> None:
        self.add_class("dokhae-question")  # the verdict's colours and marks
        self.speaker = Speaker(interface=self.lang, rate=rate, show_rate=True)
        self.instruction = classed(widgets.HTML(), "instruction")
        self.position = classed(widgets.HTML(), "position")
        self.answer = classed(
            widgets.Textarea(
                value="",
                placeholder=self.t("choose.type_here"),
                continuous_update=False,
                rows=3,
                layout=widgets.Layout(width="100%"),
            )
            if self.kind == "dictation"
            else widgets.Text(
                value="", placeholder=self.t("choose.type_here"), continuous_update=False
            ),
            "answer",
        )
        self.answer.description = self.t("listening.answer_label")
        self.answer.style.description_width = "initial"
        self.check_button = button(self.t("button.check"), "check", button_style="primary")
        self.feedback_area = classed(widgets.HTML(), "feedback")
        self.previous_button = button(self.t("button.previous"), "previous")
        self.next_button = button(self.t("button.next"), "next")
        self.check_button.on_click(lambda _: self.check())
        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))
        self.answer.observe(self._on_submit, names="value")
        self._quiet = False
        self.index = 0
        self.children = (
            widgets.HTML(f"<style>{_MARK_STYLE}</style>", layout=widgets.Layout(display="none")),
            self.instruction,
            self.position,
            self.speaker,
            self.answer,
            self.check_button,
            self.feedback_area,
            widgets.HBox([self.previous_button, self.next_button]),
        )

    @property
    def count(self) -> int:
        raise NotImplementedError

    def go(self, index: int) -> None:
        """Show item ``index`` (clamped) with an empty answer box."""
        self.index = max(0, min(self.count - 1, index))
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == self.count - 1
        self._quiet = True
        try:
            self.answer.value = ""
        finally:
            self._quiet = False
        self.feedback_area.value = ""
        self._show_item()

    def check(self) -> Any:
        raise NotImplementedError

    def _on_submit(self, change: Any) -> None:
        # continuous_update=False: the value arrives on Enter (Text) or on leaving (Textarea)
        if not self._quiet and change["new"].strip():
            self.check()

    def __repr__(self) -> str:
        return fallback_text(self.kind, self.fallback_key)


class Dictation(_Listening):
    """받아쓰기: hear a sentence of the article, type it, see each word graded.

    Args:
        session: a Session (answers are recorded there), a Lesson, a slug, or None.
        language: ``"en"`` (the English article, default) or ``"ko"`` (the Korean text).
        lang: the interface language.
        rate: the speed to start at (0.8: a little slow; the student can change it).
        body_only: only the body paragraphs (default), not the headline and caption.

    Widgets (CSS classes): ``speaker`` (``dokhae-speak``), ``answer`` (``dokhae-answer``),
    ``check_button`` (``dokhae-check``), ``feedback_area`` (``dokhae-feedback``),
    ``previous_button`` / ``next_button``, ``position``. The view's class is
    ``dokhae-dictation``.
    """

    kind = "dictation"
    fallback_key = "listening.fallback_dictation"
    position_key = "listening.position"
    speaker_key = "listening.sentence"

    def __init__(
        self,
        session: Any = None,
        language: str = "en",
        lang: str | None = None,
        *,
        rate: float = 0.8,
        body_only: bool = True,
    ) -> None:
        self._start(session, language, lang)
        paragraphs = self.lesson.article.body if body_only else self.lesson.article.paragraphs
        self.sentences: tuple[Sentence, ...] = tuple(s for p in paragraphs for s in p.sentences)
        self.result: DictationResult | None = None
        self._build(rate)
        self.instruction.value = escape(self.t("listening.instruction_dictation"))
        self.go(0)

    @property
    def count(self) -> int:
        return len(self.sentences)

    @property
    def sentence(self) -> Sentence:
        return self.sentences[self.index]

    @property
    def text(self) -> str:
        """The sentence read aloud now."""
        return getattr(self.sentence, self.language)

    @property
    def exercise_id(self) -> str:
        prefix = next(p for p, language in DICTATION_PREFIXES.items() if language == self.language)
        return f"{prefix}:{self.sentence.id}"

    @property
    def spoken(self) -> str:
        return self.text

    def _show_item(self) -> None:
        self.result = None
        super()._show_item()

    def check(self) -> DictationResult:
        """Grade what is in the answer box; record it once per answer given."""
        value = self.answer.value
        result = grade_dictation(value, self.text)
        self.result = result
        feedback = result.feedback
        if self._record(self.exercise_id, value, feedback):
            spell = "spell" if self.language == "en" else "spell-ko"
            entries = entries_for(self.lesson.glossary, self.language)
            missed = glossary_words_missed(result, entries, self.language, self.sentence.id)
            for entry, typed in missed:
                self.session.record(f"{spell}:{entry.id}", typed, Feedback("wrong"))
        if not feedback.answered:
            self.feedback_area.value = feedback_html(feedback, self.lang)
        else:
            self.feedback_area.value = (
                f'<div class="dokhae-verdict dokhae-{feedback.status}">'
                f"{escape(feedback.message(self.lang))}</div>\n"
                + dictation_html(result, self.lang, self.language)
            )
        return result


class SpellingTest(_Listening):
    """Hear a glossary word, type its spelling.

    Args:
        session: a Session, a Lesson, a slug, or None.
        language: ``"en"`` (the English headword, default) or ``"ko"`` (the Korean word).
        lang: the interface language.
        audience: ``"auto"`` (default: the words for the learners of ``language``:
            English words for Korean students, Korean words for English speakers; every
            word when the glossary has none for them), None (every entry), ``"en"`` or
            ``"ko"``.
        rate: the speed to start at (1: normal).

    Checked as typed recall is (:func:`dokhae.answers.check_term`, the headword and its
    spelling variants; no other forms); recorded as ``spell:<entry id>``
    (``spell-ko:<entry id>``). The view's class is ``dokhae-spelling``.
    """

    kind = "spelling"
    fallback_key = "listening.fallback_spelling"
    position_key = "listening.word_position"
    speaker_key = "listening.read_aloud"

    def __init__(
        self,
        session: Any = None,
        language: str = "en",
        lang: str | None = None,
        *,
        audience: str | None = "auto",
        rate: float = 1.0,
    ) -> None:
        self._start(session, language, lang)
        # the words for the learners of this language, or every word when there are none
        self.entries = entries_for(
            self.lesson.glossary, language if audience == "auto" else audience
        ) or (tuple(self.lesson.glossary) if audience == "auto" else ())
        self.feedback: Feedback | None = None
        self._build(rate)
        self.instruction.value = escape(self.t("listening.instruction_spelling"))
        if self.entries:
            self.go(0)

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def entry(self) -> GlossaryEntry:
        return self.entries[self.index]

    @property
    def word(self) -> str:
        """The word read aloud now."""
        return self.entry.headword if self.language == "en" else self.entry.korean

    def accepted(self) -> tuple[str, ...]:
        korean = [v for v in self.entry.variants if any("\uac00" <= c <= "\ud7a3" for c in v)]
        if self.language == "en":
            return (self.word, *(v for v in self.entry.variants if v not in korean))
        return (self.word, *korean)

    @property
    def exercise_id(self) -> str:
        return f"{'spell' if self.language == 'en' else 'spell-ko'}:{self.entry.id}"

    @property
    def spoken(self) -> str:
        return self.word

    def _show_item(self) -> None:
        self.feedback = None
        super()._show_item()

    def check(self) -> Feedback:
        value = self.answer.value
        feedback = check_term(value, self.accepted())
        self._record(self.exercise_id, value, feedback)
        self.feedback = feedback
        self.feedback_area.value = feedback_html(feedback, self.lang)
        return feedback
