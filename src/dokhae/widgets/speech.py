"""The speak button: a text read aloud by the voices the student's computer already has.

Windows, macOS, ChromeOS and Android ship English and Korean voices that the browser's
speech synthesis (``window.speechSynthesis``) uses offline: nothing is downloaded and no
audio leaves the machine. :class:`Speaker` is a small widget on ``anywidget`` whose
front-end code (``static/speech.js`` and ``speech.css``, package data) speaks ``text`` in
``en-US`` or ``ko-KR`` at ``rate``. When the computer has no voice for the language (or the
browser has no speech synthesis), the widget shows a message in the interface language,
with how to add a voice on Windows and macOS, instead of failing silently; what happened
comes back to Python in ``state`` (``"spoken"``, ``"no-voice"``, ``"unsupported"``).

The button has an accessible name in the interface language (``label``); the message has
``role="status"`` and the interface language's ``lang``. Helpers make the buttons the
other views put beside a sentence (:func:`sentence_speaker`) or a word
(:func:`word_speaker`). Widget state is never stored in notebooks, so the button adds no
stored output (a view's plain-text fallback stays what it was).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from .. import i18n
from ..palette import FOCUS, PALETTE
from ..palette import css as _colours
from ._base import shared_layout

__all__ = ["SPEECH_LANGUAGES", "Speaker", "sentence_speaker", "speak", "word_speaker"]

_STATIC = Path(__file__).with_name("static")

SPEECH_LANGUAGES = {"en": "en-US", "ko": "ko-KR"}
"""The voice language (BCP 47) for each text language."""

RATES = (0.6, 0.8, 1.0)
"""The rates the rate menu offers (slow, a little slow, normal)."""

_STYLE = (
    _STATIC.joinpath("speech.css").read_text(encoding="utf-8")
    + f"""
.dokhae-speak-button {{ {_colours("speak")} }}
.dokhae-speak-rate {{ color: {PALETTE["speak"].text}; }}
.dokhae-speak-button:focus-visible, .dokhae-speak-rate select:focus-visible {{
  outline-color: {FOCUS};
}}
.dokhae-speak-message {{ {_colours("notice")} }}
"""
)


def voice_language(language: str) -> str:
    """``"en-US"`` for ``"en"``, ``"ko-KR"`` for ``"ko"``; a BCP 47 tag is kept."""
    if language in SPEECH_LANGUAGES:
        return SPEECH_LANGUAGES[language]
    if language in SPEECH_LANGUAGES.values():
        return language
    raise ValueError(f"no voice language for {language!r}: choose 'en' or 'ko'")


class Speaker(anywidget.AnyWidget):
    """A 🔊 button that reads ``text`` aloud in ``lang`` (``en-US`` / ``ko-KR``) at ``rate``.

    Args:
        text: what to read.
        language: ``"en"`` or ``"ko"`` (or ``"en-US"`` / ``"ko-KR"``).
        interface: the interface language of the label and messages (default: current).
        label: the button's accessible name (default: "읽어 주기" / "Read aloud").
        rate: 0.5–2 (1 is normal speed).
        show_rate: show a rate menu beside the button (dictation has one).

    CSS classes: ``dokhae-speak`` on the widget, ``dokhae-speak-button`` on the button,
    ``dokhae-speak-message`` on the message.
    """

    _esm = _STATIC / "speech.js"
    _css = _STYLE

    text = traitlets.Unicode("").tag(sync=True)
    lang = traitlets.Unicode("en-US").tag(sync=True)
    rate = traitlets.Float(1.0, min=0.5, max=2.0).tag(sync=True)
    show_rate = traitlets.Bool(False).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    interface_lang = traitlets.Unicode("ko").tag(sync=True)
    no_voice_message = traitlets.Unicode("").tag(sync=True)
    unsupported_message = traitlets.Unicode("").tag(sync=True)
    rate_label = traitlets.Unicode("").tag(sync=True)
    rate_options: traitlets.List[list[Any]] = traitlets.List().tag(sync=True)
    """``[rate, name]`` pairs of the rate menu (:data:`RATES`)."""
    state = traitlets.Unicode("").tag(sync=True)
    """What the browser did last: ``""`` (nothing yet), ``"spoken"``, ``"no-voice"``,
    ``"unsupported"``."""

    def __init__(
        self,
        text: str = "",
        language: str = "en",
        *,
        interface: str | None = None,
        label: str | None = None,
        rate: float = 1.0,
        show_rate: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("layout", shared_layout())
        super().__init__(text=text, rate=rate, show_rate=show_rate, **kwargs)
        self.add_class("dokhae-speak")
        self.interface_lang = i18n.get_language() if interface is None else interface
        self._label = label
        self.set_text(text, language)

    def set_text(self, text: str, language: str, label: str | None = None) -> None:
        """Read ``text`` in ``language`` from now on (and name the button ``label``)."""
        ui = self.interface_lang
        self.text = text
        self.lang = voice_language(language)
        if label is not None:
            self._label = label
        self.label = self._label or i18n.t("listening.read_aloud", ui)
        spoken = i18n.t(f"listening.language_{self.lang[:2]}", ui)
        self.no_voice_message = i18n.t("listening.no_voice", ui, language=spoken)
        self.unsupported_message = i18n.t("listening.unsupported", ui)
        self.rate_label = i18n.t("listening.rate", ui)
        self.rate_options = [
            [rate, i18n.t(f"listening.{name}", ui)]
            for rate, name in zip(RATES, ("rate_slow", "rate_slower", "rate_normal"))
        ]

    def __repr__(self) -> str:
        return f"🔊 {self.text}"


def speak(text: str, language: str = "en", **kwargs: Any) -> Speaker:
    """A speak button for ``text`` (shown when it is a cell's last value)."""
    return Speaker(text, language, **kwargs)


def sentence_speaker(text: str, language: str, interface: str) -> Speaker:
    """The button beside a sentence: named "문장 듣기" / "Listen to the sentence"."""
    speaker = Speaker(
        text, language, interface=interface, label=i18n.t("listening.sentence", interface)
    )
    speaker.add_class("dokhae-speak-sentence")
    return speaker


def word_speaker(interface: str, text: str = "", language: str = "en") -> Speaker:
    """The button beside a word (a card, a glossary entry): named after the word;
    :func:`say_word` changes the word."""
    speaker = Speaker(interface=interface)
    speaker.add_class("dokhae-speak-word")
    say_word(speaker, text, language)
    return speaker


def say_word(speaker: Speaker, text: str, language: str) -> None:
    """Make ``speaker`` read ``text`` (a word) in ``language``, named after the word."""
    label = i18n.t("listening.word", speaker.interface_lang, word=text)
    speaker.set_text(text, language, label=label)
