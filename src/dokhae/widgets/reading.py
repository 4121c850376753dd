"""The reading view: the article paragraph by paragraph, its glossary terms clickable.

:class:`ReadingView` shows one paragraph at a time (the headline, the photo caption with
its credit, then the body), in English for Korean students or in Korean for English
speakers (the direction switch). Every glossary term in the text is a real button (so
it can be reached with Tab and pressed with Enter or Space); pressing it shows its gloss.
The translation of the paragraph stays behind a toggle, sentence by sentence
(:func:`translation_html`): each sentence of a longer paragraph opens on its own. In the
Korean text, the romanization toggle shows each sentence in Revised Romanization under it
(:func:`dokhae.romanization.romanize_sentence`, following the glossary's reviewed spellings)
and adds the glossary's romanization to the gloss.

Where the terms are is decided by two pure functions, free of widgets and tested on
their own: :func:`find_terms` (which glossary forms occur where in a sentence) and
:func:`tokens` (the sentence cut into words and terms for display). Korean terms are
found under their particles (협력에 → 협력) from the precomputed ``ko_forms`` of the
glossary: no analyser runs when a student opens the notebook.

Everything shown in HTML is escaped: a glossary cell holding markup shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import ipywidgets as widgets

from .. import i18n
from ..lesson import GlossaryEntry, Lesson, Paragraph
from ..palette import button_style
from ..romanization import glossary_spellings, romanize_sentence
from ..terms import TEXT_LANGUAGES, Term, find_terms
from ..terms import check_language as _check_language
from ._base import View, button, classed, escape, light
from .hanja import hanja_html
from .speech import say_word, sentence_speaker, word_speaker

__all__ = [
    "AUDIENCES",
    "ReadingView",
    "Term",
    "Token",
    "direction_of",
    "entries_for",
    "find_terms",
    "gloss_html",
    "lesson_of",
    "tokens",
    "translation_html",
]

AUDIENCES: dict[str | None, tuple[str, ...]] = {
    None: ("en", "ko", "both"),
    "en": ("en", "both"),
    "ko": ("ko", "both"),
}
"""Which glossary entries serve which learners: ``"en"`` = Korean students learning
English (entries marked ``en`` or ``both``), ``"ko"`` = English speakers learning Korean
(``ko`` or ``both``), ``None`` = every entry."""


# --------------------------------------------------------------------------- pure logic


class Token(NamedTuple):
    """A piece of text as displayed: a word, or a glossary term (``entry`` not None).

    ``space_after`` says whether a space follows it in the text (Korean particles follow
    their noun without one: 협력 + 에).
    """

    text: str
    entry: GlossaryEntry | None
    space_after: bool


def entries_for(
    glossary: Iterable[GlossaryEntry], audience: str | None
) -> tuple[GlossaryEntry, ...]:
    """The entries meant for ``audience`` (see :data:`AUDIENCES`), in glossary order."""
    if audience not in AUDIENCES:
        raise ValueError(
            f"unknown audience {audience!r}: choose 'en' (Korean students learning "
            "English), 'ko' (English speakers learning Korean) or None (all)"
        )
    wanted = AUDIENCES[audience]
    return tuple(e for e in glossary if e.audience in wanted)


_WORD = re.compile(r"\S+")


def tokens(text: str, terms: Sequence[Term]) -> list[Token]:
    """``text`` cut for display: the ``terms`` (from :func:`find_terms`) whole, the rest
    into words at spaces. Joining the tokens, with a space after those whose
    ``space_after`` is true, gives the text back (spaces collapsed)."""
    out: list[Token] = []

    def spaced(end: int) -> bool:
        return end < len(text) and text[end].isspace()

    def plain(start: int, end: int) -> None:
        for m in _WORD.finditer(text, start, end):
            out.append(Token(m.group(), None, spaced(m.end())))

    position = 0
    for term in sorted(terms, key=lambda t: t.start):
        plain(position, term.start)
        out.append(Token(text[term.start : term.end], term.entry, spaced(term.end)))
        position = term.end
    plain(position, len(text))
    return out


def direction_of(source: Any = None) -> str:
    """Who the learner is (``"en"`` reads English, ``"ko"`` reads Korean): the direction
    of ``source`` when it is a session, else of this kernel's session (for None), else
    the choice saved in 00-start-here (:func:`dokhae.session.chosen_direction`)."""
    from .. import session as session_module

    direction = getattr(source, "direction", None)
    if direction in session_module.DIRECTIONS:
        return str(direction)
    if source is None:
        return session_module.current_session().direction
    return session_module.chosen_direction()


def lesson_of(source: Any = None) -> Lesson:
    """The lesson of ``source``: a :class:`Lesson`, a :class:`~dokhae.session.Session`, a
    lesson slug, or None for the lesson of this kernel's session."""
    if isinstance(source, Lesson):
        return source
    lesson = getattr(source, "lesson", None)
    if isinstance(lesson, Lesson):
        return lesson
    if source is None:
        from ..session import current_session

        return current_session().lesson
    if isinstance(source, str):
        from ..validation import load_lesson

        return load_lesson(source)
    raise TypeError(f"expected a Lesson, a Session, a lesson slug or None, not {source!r}")


def _level(entry: GlossaryEntry, lang: str) -> str:
    """The word's level as a student reads it: "난이도 C1 (고급)". Where the level came
    from (a list, or estimated) is for the teacher (the glossary table), not shown here."""
    name = i18n.t(f"word_level.{entry.level}", lang)
    return i18n.t("word_level.shown", lang, level=entry.level, name=name)


def _pos(entry: GlossaryEntry, lang: str) -> str:
    return i18n.t(f"part_of_speech.{entry.pos.replace(' ', '_')}", lang)


def _row(label: str, value: str, name: str, value_lang: str | None = None) -> str:
    lang_attr = f' lang="{value_lang}"' if value_lang else ""
    return (
        f'<div class="dokhae-gloss-{name}"><b>{escape(label)}:</b> '
        f"<span{lang_attr}>{escape(value)}</span></div>"
    )


def gloss_html(
    entry: GlossaryEntry,
    text_language: str,
    lang: str,
    *,
    romanization: bool = False,
    form: str | None = None,
    glossary: Sequence[GlossaryEntry] = (),
) -> str:
    """The gloss of ``entry`` as escaped HTML, for a reader of the ``text_language`` text.

    The head names the word as it stands in the text (``form``: the word clicked with
    its particle or ending, 모색했다) and, when that differs, its dictionary form (→
    모색하다), so a gloss never names a word the reader did not see without saying so.

    English text (Korean students): the English word, part of speech, level, the Korean
    equivalents and the English definition. Korean text (learners of Korean): the
    English meaning first (the word and its definition), then the Hanja, the romanization
    when ``romanization``, the pronunciation where it differs from the spelling ([정녜]),
    and the other Korean words, labelled as related words (they are not always
    synonyms); no level (it is the English word's). Both end with the glossary's note
    on the word read (``notes`` on the English word, ``ko_notes`` on the Korean one),
    when there is one. Labels are in the interface language ``lang``. For Korean text,
    each Hanja character is shown with its 훈음 and meaning, and the words of
    ``glossary`` sharing one (:mod:`.hanja`).
    """
    _check_language(text_language)
    t = lambda key, **f: i18n.t(key, lang, **f)  # noqa: E731
    if entry.pos == "grammar":
        return grammar_html(entry, lang, form=form)
    main = entry.headword if text_language == "en" else entry.korean
    elsewhere = None  # the glossary's word, when the text has another word of the entry
    if text_language == "ko" and form:
        word = _korean_word_of(entry, form)
        if word is None:
            main, elsewhere = form, entry.korean
        else:
            main = word
    head = f'<b lang="{text_language}">{escape(main)}</b>'
    noun = bool(text_language == "ko" and form and elsewhere is None and _noun_of_verb(form, main))
    if noun:
        # 재개 (a noun, in a headline) is not a form of 재개하다: name both as they are
        head = (
            f'<b lang="ko" class="dokhae-gloss-form">{escape(form or "")}</b> '
            f'<span class="dokhae-gloss-noun-of" style="opacity:0.75">'
            f"({escape(t('gloss.noun_of', verb=main))})</span>"
        )
    elif form and elsewhere is None and _bare_form(form) != _bare_form(main):
        head = (
            f'<b lang="{text_language}" class="dokhae-gloss-form">{escape(form)}</b> → {head} '
            f'<span class="dokhae-gloss-dictionary" style="opacity:0.75">'
            f"({escape(t('gloss.dictionary_form'))})</span>"
        )
    said = entry.note_for(text_language)
    note = [_row(t("gloss.note"), said, "note", "en")] if said else []
    if text_language == "en":
        head = (
            f'<div class="dokhae-gloss-head">{head} '
            f'<span class="dokhae-gloss-pos">({escape(_pos(entry, lang))})</span> '
            f'<span class="dokhae-gloss-level">{escape(_level(entry, lang))}</span></div>'
        )
        rows = [
            _row(t("vocabulary.meaning"), ", ".join(entry.ko), "ko", "ko"),
            _row(t("vocabulary.definition"), entry.definition, "definition", "en"),
            *note,
        ]
        return head + "\n" + "\n".join(rows)
    extra = ""
    if entry.hanja and main == entry.korean:  # the Hanja of the main word only (not 배출량)
        extra += (
            f' <span class="dokhae-gloss-hanja" lang="ko" '
            f'title="{escape(t("vocabulary.hanja"))}">{escape(entry.hanja)}</span>'
        )
    if romanization:
        label = escape(t("vocabulary.romanization"))
        extra += (
            f' <i class="dokhae-gloss-romanization" title="{label}">'
            f"{escape(entry.romanization)}</i>"
        )
    if entry.pronunciation and main == entry.korean and not noun:  # of the word read only
        label = escape(t("gloss.pronunciation"))
        extra += (
            f' <span class="dokhae-gloss-pronunciation" lang="ko" title="{label}">'
            f"{escape(entry.pronunciation)}</span>"
        )
    rows = [
        f'<div class="dokhae-gloss-head">{head}{extra}</div>',
        _row(t("gloss.english"), f"{entry.headword} ({_pos(entry, lang)})", "headword", "en"),
        _row(t("vocabulary.definition"), entry.definition, "definition", "en"),
    ]
    if elsewhere is not None:
        rows.append(_row(t("gloss.glossed_as"), elsewhere, "glossed-as", "ko"))
    related = [w for w in entry.ko if w not in (main, elsewhere)]
    if related:
        rows.append(_row(t("gloss.related"), ", ".join(related), "ko", "ko"))
    if entry.hanja and main == entry.korean:
        rows.append(hanja_html(entry, glossary, lang))
    return "\n".join([*rows, *note])


def grammar_html(entry: GlossaryEntry, lang: str, *, form: str | None = None) -> str:
    """The gloss of a grammar pattern (pos ``grammar``: -다고 밝히다, N년 만에) as escaped
    HTML: the pattern and its other shapes, the words of the text it stands in
    (``form``), its English meaning, the English explanation (``definition``) and the
    Korean one (``notes``)."""
    t = lambda key, **f: i18n.t(key, lang, **f)  # noqa: E731
    head = (
        f'<div class="dokhae-gloss-head"><b lang="ko">{escape(entry.korean)}</b> '
        f'<span class="dokhae-gloss-pos">({escape(_pos(entry, lang))})</span></div>'
    )
    rows = [head]
    if form:
        rows.append(_row(t("gloss_grammar.in_text"), form, "form", "ko"))
    rows.append(_row(t("gloss.english"), entry.headword, "headword", "en"))
    if len(entry.ko) > 1:
        rows.append(_row(t("gloss_grammar.also"), ", ".join(entry.ko[1:]), "ko", "ko"))
    rows.append(_row(t("gloss_grammar.explanation_en"), entry.definition, "definition", "en"))
    if entry.notes:
        rows.append(_row(t("gloss_grammar.explanation_ko"), entry.notes, "note", "ko"))
    return "\n".join(rows)


_PUNCTUATION = ".,;:!?\"'“”‘’()[]…·"


def _word_at(pieces: Sequence[Token], index: int) -> str:
    """The word of the text around term ``pieces[index]``: the term with what is joined
    to it up to the next space (협력 + 을 → 협력을; 모색 + 했다 → 모색했다), no punctuation."""
    end = index
    while end < len(pieces) - 1 and not pieces[end].space_after:
        end += 1
    rest = "".join(p.text for p in pieces[index + 1 : end + 1])
    cut = next((i for i, char in enumerate(rest) if char in _PUNCTUATION), len(rest))
    return (pieces[index].text + rest[:cut]).strip(_PUNCTUATION)


def _eojeol_at(pieces: Sequence[Token], index: int) -> str:
    """The whole space-delimited word around ``pieces[index]`` (열었 + 다고 → 열었다고),
    no punctuation: where a grammar pattern's ending stands."""
    start = index
    while start > 0 and not pieces[start - 1].space_after:
        start -= 1
    before = "".join(p.text for p in pieces[start:index])
    return (before + _word_at(pieces, index)).strip(_PUNCTUATION)


def _korean_word_of(entry: GlossaryEntry, form: str) -> str | None:
    """The word of ``entry.ko`` that ``form`` (a word of the Korean text) is: the word
    itself with a particle (배출량을 → 배출량), or a dictionary form whose stem the text
    has (모색했다 → 모색하다). None when the text has another word of the entry (산업부
    for 부처, 철강업계 for 철강업체): the gloss then names the text's word, not a
    neighbour (the Korean learner's review, point 3)."""
    bare = _bare_form(form)
    for stem in sorted((*entry.ko_forms, *entry.ko), key=len, reverse=True):
        stem = _bare_form(_CONTEXT.sub("", stem))
        if not stem or not bare.startswith(stem):
            continue
        for word in entry.ko:
            for whole in (_bare_form(word), _bare_form(_CONTEXT.sub("", word))):
                if whole.startswith(stem) and whole[len(stem) :] in _STEM_ENDS:
                    return word
    return None


_CONTEXT = re.compile(r"^~\s*\S*\s+")
"""What a glossary word says of its context before it (``~에`` of ~에 직면하여)."""
_STEM_ENDS = ("", "하다", "다", "되다", "하여", "하는", "이다")


_VERB_SYLLABLES = tuple("하했해한할함합되된됐돼될됨")
"""How the verb of a noun + 하다/되다 goes on in the text (모색했다, 시행된다)."""


def _noun_of_verb(form: str, verb: str) -> bool:
    """Whether ``form`` (a word of the text) is the noun of the 하다/되다 verb ``verb``,
    bare or with a particle (재개, 재개를 of 재개하다), not the verb itself (재개했다)."""
    bare, whole = _bare_form(form), _bare_form(verb)
    if not whole.endswith(("하다", "되다")):
        return False
    stem = whole[:-2]
    return (
        bool(stem) and bare.startswith(stem) and not bare[len(stem) :].startswith(_VERB_SYLLABLES)
    )


def _bare_form(text: str) -> str:
    return text.replace(" ", "").replace("~", "").casefold()


# --------------------------------------------------------------------------- the view


_TERM_STYLE = button_style("term")
_SELECTED_STYLE = button_style("term_selected")
_GRAMMAR_STYLE = button_style("grammar")
"""Grammar patterns (endings, fixed expressions) in blue, so they read apart from words."""


OPENING_WORDS = 6
"""How many words of a sentence name it in the list of a paragraph's translations."""


def translation_html(paragraph: Paragraph, language: str, lang: str) -> str:
    """The translation of ``paragraph`` (read in ``language``) as escaped HTML, sentence
    by sentence: a paragraph of one sentence shows its translation; a longer one lists
    each sentence, named by its number and its first words, with its translation folded
    (a ``<details>``, class ``dokhae-sentence-translation``), so a student stuck on one
    sentence opens that one and reads the rest in the original (walk-through 11)."""
    other = "en" if language == "ko" else "ko"
    if len(paragraph.sentences) == 1:
        return f'<div lang="{other}">{escape(paragraph.text(other))}</div>'
    items = []
    for n, sentence in enumerate(paragraph.sentences, start=1):
        words = getattr(sentence, language).split()
        opening = " ".join(words[:OPENING_WORDS]) + (" …" if len(words) > OPENING_WORDS else "")
        label = i18n.t("sentence_translation.label", lang, n=n)
        items.append(
            '<details class="dokhae-sentence-translation">'
            f'<summary><b>{escape(label)}</b> <span lang="{language}" style="opacity:0.75">'
            f"{escape(opening)}</span></summary>"
            f'<div lang="{other}">{escape(getattr(sentence, other))}</div></details>'
        )
    return "".join(items)


class _Page(NamedTuple):
    children: tuple[widgets.Widget, ...]
    terms: tuple[widgets.Button, ...]
    romanized: tuple[widgets.HTML, ...]  # the romanization under each Korean sentence


class ReadingView(View):
    """Read the article paragraph by paragraph; press a highlighted term for its gloss.

    Args:
        lesson: a :class:`~dokhae.lesson.Lesson`, a :class:`~dokhae.session.Session`, a
            lesson slug, or None for the lesson of this kernel's session.
        lang: the interface language ("ko" or "en"; default: the current setting).
        direction: the text to read: ``"en"`` (the English article, for Korean students)
            or ``"ko"`` (the Korean translation, for English speakers); None (default):
            the learner's direction chosen once in 00-start-here (:func:`direction_of`).
        switch: show the switch between the two texts (``dokhae-direction``); off by
            default: a Korean student tempted to read the whole article in Korean first
            has the translation of one sentence at a time instead (issue 26).
        audience: which glossary entries are highlighted. ``"auto"`` (default): in the
            English text the entries for Korean students (audience ``en``/``both``), in
            the Korean text those for English speakers (``ko``/``both``), or every entry
            when the glossary has none for that group (a lesson drafted from a Korean
            article has only ``ko`` terms: the English text shows them too); ``"en"`` or
            ``"ko"`` fixes one group for both texts; None highlights every entry.

    Pages: the headline, the photo caption (with its credit), then each body paragraph.
    Widgets for tests (and their CSS classes): ``direction`` (``dokhae-direction``),
    ``text`` (``dokhae-text``: words ``dokhae-word``, term buttons ``dokhae-term`` and
    ``dokhae-term-<entry id>``), ``gloss`` (``dokhae-gloss``), ``translation_toggle``
    (``dokhae-translation-toggle``) and ``translation`` (``dokhae-translation``),
    ``romanization_toggle`` (``dokhae-romanization-toggle``) and :attr:`romanized` (the
    romanization under each Korean sentence, ``dokhae-sentence-romanization``, shown by
    the toggle), ``previous_button`` / ``next_button``
    (``dokhae-previous`` / ``dokhae-next``), ``section`` (``dokhae-section``: the one
    numbering, "Paragraph 2 of 7"; the headline and caption are named, not counted),
    ``credit`` (``dokhae-credit``).
    """

    kind = "reading"

    def __init__(
        self,
        lesson: Any = None,
        lang: str | None = None,
        direction: str | None = None,
        *,
        audience: str | None = "auto",
        switch: bool = False,
    ) -> None:
        super().__init__(lang=lang)
        self.lesson = lesson_of(lesson)
        direction = direction_of(lesson) if direction is None else direction
        _check_language(direction)
        if audience != "auto":
            entries_for((), audience)  # validates
        self.audience = audience
        self.pages: tuple[Paragraph, ...] = self.lesson.article.paragraphs
        self.index = 0
        self._cache: dict[tuple[int, str], _Page] = {}
        self._page: _Page | None = None
        self._selected: tuple[widgets.Button, GlossaryEntry] | None = None
        self._translations_shown: set[tuple[int, str]] = set()
        self._forms: dict[str, str] = {}  # term button -> the word in the text
        self._spellings: dict[str, str] | None = None  # the glossary's, for romanize_sentence
        self._entries = {
            d: entries_for(self.lesson.glossary, d if audience == "auto" else audience)
            for d in TEXT_LANGUAGES
        }
        if audience == "auto":
            # a lesson whose glossary serves one group only (a lesson drafted from a Korean
            # article has only Korean terms, audience ko): the other text highlights them too
            self._entries = {
                d: entries or tuple(self.lesson.glossary) for d, entries in self._entries.items()
            }
        # Shared layouts and styles: a page has dozens of words, one model each is enough.
        self._layouts = {
            (is_term, spaced): widgets.Layout(
                width="auto",
                height="auto",
                margin=f"2px {'0.3em' if spaced else '0'} 2px 0",
                padding="0 3px" if is_term else "0",
            )
            for is_term in (False, True)
            for spaced in (False, True)
        }
        self._term_style = widgets.ButtonStyle(**_TERM_STYLE)
        self._selected_style = widgets.ButtonStyle(**_SELECTED_STYLE)
        self._grammar_style = widgets.ButtonStyle(**_GRAMMAR_STYLE)

        meta = self.lesson.article.meta
        outlet = meta.outlet + (f" ({meta.agency})" if meta.agency else "")
        self.source = classed(
            light(
                widgets.HTML,
                f"{escape(self.t('reading.source', outlet=outlet))} · "
                f"{escape(self.t('reading.published', date=meta.published[:10]))}",
            ),
            "reading-source",
        )
        self.direction = classed(
            widgets.ToggleButtons(
                options=[
                    (self.t("reading_vocabulary.english_text"), "en"),
                    (self.t("reading_vocabulary.korean_text"), "ko"),
                ],
                value=direction,
                description="",
                tooltips=[],
                layout=widgets.Layout(display=None if switch else "none"),
            ),
            "direction",
        )
        self.instruction = classed(light(widgets.HTML), "instruction")
        self.section = classed(light(widgets.HTML), "section")
        self.text = classed(
            widgets.Box(
                layout=widgets.Layout(flex_flow="row wrap", align_items="baseline", width="100%")
            ),
            "text",
        )
        self.credit = classed(widgets.HTML(layout=widgets.Layout(display="none")), "credit")
        self.gloss = classed(widgets.HTML(layout=widgets.Layout(display="none")), "gloss")
        self.gloss_speaker = word_speaker(self.lang)  # 🔊 the entry whose gloss is open
        self.gloss_speaker.layout = widgets.Layout(display="none")
        self.translation_toggle = classed(
            widgets.ToggleButton(
                value=False,
                description=self.t("button.show_translation"),
                layout=widgets.Layout(width="auto"),
            ),
            "button",
            "translation-toggle",
        )
        self.translation = classed(
            widgets.HTML(layout=widgets.Layout(display="none")), "translation"
        )
        self.romanization_toggle = classed(
            widgets.ToggleButton(
                value=False,
                description=self.t("button.show_romanization"),
                layout=widgets.Layout(width="auto"),
            ),
            "button",
            "romanization-toggle",
        )
        # one layout for every sentence's romanization: the toggle shows them all at once
        self._romanized_layout = widgets.Layout(width="100%", display="none")
        self.previous_button = button(self.t("button.previous"), "previous", shared=True)
        self.next_button = button(self.t("button.next"), "next", shared=True)

        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))
        self.direction.observe(self._on_direction, names="value")
        self.translation_toggle.observe(self._on_translation, names="value")
        self.romanization_toggle.observe(self._on_romanization, names="value")

        self.children = (
            self.source,
            self.direction,
            self.instruction,
            self.section,
            self.text,
            self.credit,
            self.gloss,
            self.gloss_speaker,
            light(widgets.HBox, [self.translation_toggle, self.romanization_toggle]),
            self.translation,
            classed(
                light(
                    widgets.HBox,
                    [self.previous_button, self.next_button],
                    layout={"align_items": "center"},
                ),
                "nav",
            ),
        )
        self._show()

    # ----------------------------------------------------------------- public

    @property
    def paragraph(self) -> Paragraph:
        """The paragraph shown now."""
        return self.pages[self.index]

    @property
    def terms(self) -> tuple[widgets.Button, ...]:
        """The term buttons of the paragraph shown now, in text order."""
        return self._page.terms if self._page is not None else ()

    @property
    def romanized(self) -> tuple[widgets.HTML, ...]:
        """The romanization under each sentence of the page shown now, in text order
        (Korean text only; shown while the romanization toggle is on)."""
        return self._page.romanized if self._page is not None else ()

    @property
    def selected(self) -> GlossaryEntry | None:
        """The entry whose gloss is shown, if any."""
        return self._selected[1] if self._selected else None

    def go(self, index: int) -> None:
        """Show page ``index`` (0 is the headline); out-of-range indexes are clamped."""
        self.index = max(0, min(len(self.pages) - 1, index))
        self._show()

    def term_buttons(self, entry_id: str) -> list[widgets.Button]:
        """The buttons of ``entry_id`` in the paragraph shown now."""
        name = f"dokhae-term-{entry_id}"
        return [b for b in self.terms if name in b._dom_classes]

    # ----------------------------------------------------------------- building

    def _build(self, index: int, language: str) -> _Page:
        paragraph = self.pages[index]
        entries = self._entries[language]
        children: list[widgets.Widget] = []
        terms: list[widgets.Button] = []
        romanized: list[widgets.HTML] = []
        last = len(paragraph.sentences) - 1
        for n, sentence in enumerate(paragraph.sentences):
            text = getattr(sentence, language)
            pieces = tokens(text, find_terms(text, entries, language, sentence_id=sentence.id))
            for i, token in enumerate(pieces):
                spaced = token.space_after or (i == len(pieces) - 1 and n < last)
                if token.entry is None:
                    children.append(
                        classed(
                            light(
                                widgets.HTML,
                                f'<span lang="{language}">{escape(token.text)}</span>',
                                layout=self._layouts[(False, spaced)],
                            ),
                            "word",
                        )
                    )
                    continue
                entry = token.entry
                grammar = entry.pos == "grammar"
                term = button(
                    token.text,
                    "term",
                    layout=self._layouts[(True, spaced)],
                    style=self._style_of(entry),
                )
                term.tooltip = self.t("reading_vocabulary.show_gloss", term=token.text)
                classed(term, f"term-{entry.id}", *(("grammar",) if grammar else ()))
                self._forms[term.model_id] = (_eojeol_at if grammar else _word_at)(pieces, i)
                term.on_click(lambda b, e=entry: self._toggle_gloss(b, e))
                children.append(term)
                terms.append(term)
            children.append(sentence_speaker(text, language, self.lang))  # 🔊 (issue 20)
            if language == "ko":
                romanized.append(self._romanized_line(text))
                children.append(romanized[-1])
        return _Page(tuple(children), tuple(terms), tuple(romanized))

    def _romanized_line(self, text: str) -> widgets.HTML:
        """The romanization of the Korean sentence ``text``, on a line of its own under it:
        Latin script (``lang="ko-Latn"``: not read out as Korean), escaped. Its own line
        height: ipywidgets gives an HTML line the height of a control (28 px), which spread
        a long romanization wrapped over two or three lines as far apart as the sentences."""
        if self._spellings is None:
            self._spellings = glossary_spellings(self.lesson.glossary)
        title = escape(self.t("sentence_romanization.title"))
        line = light(
            widgets.HTML,
            f'<div lang="ko-Latn" title="{title}" style="font-style:italic;line-height:1.5;margin-bottom:0.4em">'
            f"{escape(romanize_sentence(text, self._spellings))}</div>",
            layout=self._romanized_layout,
        )
        return classed(line, "sentence-romanization")

    def _show(self) -> None:
        language = self.direction.value
        key = (self.index, language)
        if key not in self._cache:
            self._cache[key] = self._build(self.index, language)
        self._deselect()
        self._page = self._cache[key]
        paragraph = self.paragraph
        self.text.children = self._page.children
        self.text.remove_class("dokhae-text-en" if language == "ko" else "dokhae-text-ko")
        self.text.add_class(f"dokhae-text-{language}")
        self.instruction.value = escape(
            self.t("instruction.reading_ko", button=self.t("button.show_romanization"))
            if language == "ko"
            else self.t("instruction.reading")
        )
        if paragraph.kind == "body":
            number = [p.id for p in self.lesson.article.body].index(paragraph.id) + 1
            section = self.t(
                "progress.paragraph", current=number, total=len(self.lesson.article.body)
            )
        else:
            section = self.t(f"reading.{paragraph.kind}")
        self.section.value = f"<b>{escape(section)}</b>"
        photo = self.lesson.article.meta.photo
        if paragraph.kind == "caption" and photo is not None:
            self.credit.value = escape(
                self.t("reading_vocabulary.photo_credit", credit=photo.credit(self.lang))
            )
            self.credit.layout.display = None
        else:
            self.credit.value = ""
            self.credit.layout.display = "none"
        self.translation.value = translation_html(paragraph, language, self.lang)
        self.translation_toggle.value = key in self._translations_shown
        self._on_translation()
        self.romanization_toggle.layout.display = None if language == "ko" else "none"
        self._update_romanization()
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.pages) - 1

    # ----------------------------------------------------------------- callbacks

    def _style_of(self, entry: GlossaryEntry) -> widgets.ButtonStyle:
        return self._grammar_style if entry.pos == "grammar" else self._term_style

    def _toggle_gloss(self, term: widgets.Button, entry: GlossaryEntry) -> None:
        if self._selected is not None and self._selected[0] is term:
            self._deselect()
            return
        self._deselect()
        self._selected = (term, entry)
        term.style = self._selected_style
        term.add_class("dokhae-term-selected")
        self._render_gloss()

    def _render_gloss(self) -> None:
        if self._selected is None:
            return
        self.gloss.value = gloss_html(
            self._selected[1],
            self.direction.value,
            self.lang,
            romanization=self.romanization_toggle.value,
            form=self._forms.get(self._selected[0].model_id),
            glossary=self.lesson.glossary,
        )
        self.gloss.layout.display = None
        entry, language = self._selected[1], self.direction.value
        say_word(self.gloss_speaker, entry.headword if language == "en" else entry.korean, language)
        self.gloss_speaker.layout.display = None

    def _deselect(self) -> None:
        if self._selected is not None:
            term, entry = self._selected
            term.style = self._style_of(entry)
            term.remove_class("dokhae-term-selected")
            self._selected = None
        self.gloss.value = ""
        self.gloss.layout.display = "none"
        self.gloss_speaker.layout.display = "none"

    def _on_direction(self, change: Any = None) -> None:
        self._show()

    def _on_translation(self, change: Any = None) -> None:
        shown = self.translation_toggle.value
        key = (self.index, self.direction.value)
        (self._translations_shown.add if shown else self._translations_shown.discard)(key)
        self.translation.layout.display = None if shown else "none"
        self.translation_toggle.description = self.t(
            "button.hide_translation" if shown else "button.show_translation"
        )

    def _on_romanization(self, change: Any = None) -> None:
        self._update_romanization()
        self._render_gloss()

    def _update_romanization(self) -> None:
        shown = self.romanization_toggle.value and self.direction.value == "ko"
        self.romanization_toggle.description = self.t(
            "button.hide_romanization"
            if self.romanization_toggle.value
            else "button.show_romanization"
        )
        self._romanized_layout.display = None if shown else "none"
