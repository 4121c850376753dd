"""The language the ``dokhae`` command speaks, and its help text from the catalogs.

The language (:func:`cli_language`): ``DOKHAE_LANGUAGE`` (``ko`` or ``en``) when set;
otherwise the system's: Korean on a Korean system (``LANG=ko_KR.UTF-8``, a Korean
Windows), English on a system set to another language (``en_US``, ``de_DE``...), and
Korean when the locale says nothing of a person (``C``, ``POSIX``, unset: a server, a
container, a JupyterHub terminal), since Korean is the first language of dokhae's
interface. The command runs in that language (:func:`dokhae.i18n.using_language`), so the
library's interface texts follow it too.

The help of every command and option is translated from the catalogs
(``dokhae/data/i18n``, section ``cli_help``): ``cli_help.<command path>.help`` for a
command (``cli_help.export.glossary.help``), ``cli_help.<command path>.<option>`` for one
of its options, ``cli_help.option.<option>`` for an option several commands share. The
English help is the one written in the code; the English catalog holds the start of it
(:func:`anchor`), so a translation is only used for the English it was made from: change
the English and the Korean falls back to English until the catalog is updated (a test
lists what is missing). Click's own words (``Usage:``, ``Options``, ``Missing
argument``...) come from ``cli_click``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import click

from .. import i18n

__all__ = [
    "LOCALE_VARIABLES",
    "anchor",
    "cli_language",
    "commands",
    "help_keys",
    "speaking",
    "system_locale",
    "translated_help",
]

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Where a POSIX system names its language, the first set one winning."""

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_WINDOWS_KOREAN = 0x12
"""The primary language id of Korean in a Windows LANGID (LANG_KOREAN)."""


def system_locale(environ: Mapping[str, str] | None = None) -> str:
    """The system's locale name: ``ko_KR.UTF-8``, ``C``; on Windows ``ko`` or ``en`` from
    the user's interface language; ``""`` when nothing says."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            return value
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        try:
            langid = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
        except (AttributeError, OSError):
            return ""
        return "ko" if langid & 0x3FF == _WINDOWS_KOREAN else "en"
    return ""


def cli_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the command line: ``DOKHAE_LANGUAGE``, else the system's (see the
    module docstring).

    Raises:
        click.UsageError: ``DOKHAE_LANGUAGE`` names a language dokhae does not speak.
    """
    environ = os.environ if environ is None else environ
    chosen = environ.get(i18n.ENVIRONMENT_VARIABLE, "").strip()
    if chosen:
        if chosen not in i18n.LANGUAGES:
            raise click.UsageError(
                f"DOKHAE_LANGUAGE={chosen!r}: 한국어는 ko, 영어는 en으로 설정하세요.\n"
                f"DOKHAE_LANGUAGE={chosen!r}: set it to ko (Korean) or en (English)."
            )
        return chosen
    name = system_locale(environ).lower()
    if name.startswith(("ko", "korean")):
        return "ko"
    if name and name.split(".")[0] not in ("c", "posix"):
        return "en"
    return i18n.DEFAULT_LANGUAGE


# --------------------------------------------------------------------------- help text


def anchor(english: str) -> str:
    """The start of an English help text that the English catalog holds, to tell whether
    a translation is of the English in the code: its first 60 characters, Korean words
    left out (the English catalog holds no Hangul), spaces collapsed."""
    text = " ".join(_HANGUL.sub("", english.replace("\b", " ")).split())
    return text[:60].rstrip()


def _path(ctx_path: str) -> str:
    return ctx_path or "dokhae"


def help_keys(command: click.Command, path: str) -> Iterator[tuple[object, str, str, str]]:
    """``(owner, attribute, key, english)`` for the help of ``command`` (at ``path``,
    ``"export.glossary"``; ``""`` for ``dokhae`` itself) and of each of its options."""
    base = f"cli_help.{_path(path)}"
    if command.help:
        yield command, "help", f"{base}.help", command.help
    for param in command.params:
        english = getattr(param, "help", None)
        if param.name and english:
            yield param, "help", f"{base}.{param.name}", english


def translated_help(key: str, english: str, language: str) -> str | None:
    """The help ``key`` (``cli_help.assign.lesson``) in ``language``, when the catalog
    translates this ``english``: the command's own key, else the shared one of an option
    of that name (``cli_help.option.lesson``); None when neither does."""
    shared = f"cli_help.option.{key.rsplit('.', 1)[1]}"
    for candidate in (key, shared):
        try:
            if i18n.t(candidate, "en") == anchor(english):
                return i18n.t(candidate, language)
        except KeyError:
            continue
    return None


def commands(command: click.Command, path: str = "") -> Iterator[tuple[click.Command, str]]:
    """``command`` and every command under it, each with its path (``"export.glossary"``)."""
    yield command, path
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from commands(sub, f"{path}.{name}" if path else name)


_ENGLISH = "_dokhae_english_help"


def _translate_help(root: click.Command, language: str) -> None:
    """Set the help of every command and option under ``root`` to ``language`` (the
    English of the code is kept aside and put back for English)."""
    for command, path in commands(root):
        if hasattr(command, "_help_option"):
            command._help_option = None  # click keeps the --help option made in one language
        for owner, attribute, key, english in help_keys(command, path):
            original = getattr(owner, _ENGLISH, None)
            if original is None:
                original = english
                setattr(owner, _ENGLISH, original)
            text = None if language == "en" else translated_help(key, original, language)
            text = original if text is None else text.replace("\\b", "\b")
            setattr(owner, attribute, text)
            if owner is command:
                command.short_help = None  # made again from the translated help


_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


def _click_words(language: str) -> dict[str, str]:
    """Click's own English words -> the catalog's in ``language``."""
    english = {k: v for k, v in i18n.catalog("en").items() if k.startswith("cli_click.")}
    texts = i18n.catalog(language)
    return {v: texts[k] for k, v in english.items()}


@contextmanager
def speaking(root: click.Command, language: str) -> Iterator[str]:
    """Run a command line in ``language``: its help, click's words and the library's
    interface texts; everything is put back afterwards."""
    import importlib

    words = _click_words(language)
    modules = [importlib.import_module(f"click.{name}") for name in _CLICK_MODULES]
    saved = [(m, m.__dict__.get("_")) for m in modules]
    for module in modules:
        if callable(module.__dict__.get("_")):
            module._ = lambda message, _words=words: _words.get(message, message)  # type: ignore[attr-defined]
    _translate_help(root, language)
    try:
        with i18n.using_language(language):
            yield language
    finally:
        for module, original in saved:
            if original is not None:
                module._ = original  # type: ignore[attr-defined]
        _translate_help(root, "en")
