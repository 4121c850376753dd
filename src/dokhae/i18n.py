"""Interface text in Korean and English, from one catalog per language.

Every instruction, button label and feedback message that a widget shows lives in
``dokhae/data/i18n/<language>.yaml`` (nested YAML; keys are read as dotted paths such
as ``feedback.correct``). Code never hard-codes interface text: it asks for a key.

>>> from dokhae import i18n
>>> i18n.set_language("en")
>>> i18n.t("score.label", score=3, total=5)
'Score: 3 / 5'
>>> i18n.text("button.check").ko
'확인'

The language is one process-wide setting: :func:`set_language` (this kernel),
:func:`using_language` (a ``with`` block); else the language the student saved in
``00-start-here`` (:func:`dokhae.learner.choose_language`, read through
:func:`read_saved_language_with`), else the ``DOKHAE_LANGUAGE`` environment variable,
else ``"ko"`` (the primary user is a Korean student learning English).

Library error messages (exceptions) stay in English; only interface text is here.
"""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from .lesson import Text

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "catalog",
    "fields_of",
    "get_language",
    "keys",
    "read_saved_language_with",
    "set_language",
    "t",
    "text",
    "using_language",
]

LANGUAGES = ("ko", "en")
"""The interface languages, in the order a language menu lists them."""

DEFAULT_LANGUAGE = "ko"
"""The language before anything is set: a Korean student learning English sees Korean."""

ENVIRONMENT_VARIABLE = "DOKHAE_LANGUAGE"

_current: str | None = None


def _check_language(language: object, where: str = "language") -> str:
    if language not in LANGUAGES:
        choices = ", ".join(repr(x) for x in LANGUAGES)
        raise ValueError(f"unknown {where} {language!r}: choose one of {choices}")
    return language  # `in LANGUAGES` narrows it to str


_saved: Callable[[], str | None] | None = None
"""Where the student's saved choice of language is read (set by :mod:`dokhae.learner`)."""


def read_saved_language_with(reader: Callable[[], str | None] | None) -> None:
    """Have :func:`get_language` fall back on ``reader()`` (the language the student
    saved in the progress store) before ``$DOKHAE_LANGUAGE`` and the default. A reader
    returning something that is not a language counts as nothing saved."""
    global _saved
    _saved = reader


def set_language(language: str) -> None:
    """Choose the interface language: ``"ko"`` (Korean) or ``"en"`` (English)."""
    global _current
    _current = _check_language(language)


def get_language() -> str:
    """The interface language now in use (``"ko"`` or ``"en"``)."""
    if _current is not None:
        return _current
    saved = _saved() if _saved is not None else None
    if saved in LANGUAGES:
        return saved
    from_env = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_env:
        return _check_language(from_env, f"language in ${ENVIRONMENT_VARIABLE}")
    return DEFAULT_LANGUAGE


@contextmanager
def using_language(language: str) -> Iterator[str]:
    """Use ``language`` inside a ``with`` block, then restore the previous setting."""
    global _current
    previous = _current
    set_language(language)
    try:
        yield language
    finally:
        _current = previous


# --------------------------------------------------------------------------- catalogs


def _flatten(tree: Mapping[str, Any], prefix: str, out: dict[str, str], source: str) -> None:
    for name, value in tree.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            _flatten(value, f"{key}.", out, source)
        elif isinstance(value, str):
            out[key] = value
        else:
            raise TypeError(
                f"{source}: {key} is {type(value).__name__} {value!r}; every interface text "
                "must be a string (quote it in the YAML)"
            )


@cache
def catalog(language: str) -> Mapping[str, str]:
    """All interface texts of ``language`` as a read-only mapping ``dotted key -> text``."""
    _check_language(language)
    name = f"{language}.yaml"
    source = resources.files("dokhae") / "data" / "i18n" / name
    with source.open("r", encoding="utf-8") as handle:
        tree = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(tree, Mapping):
        raise TypeError(f"dokhae/data/i18n/{name} must hold a mapping of keys to texts")
    out: dict[str, str] = {}
    _flatten(tree, "", out, f"dokhae/data/i18n/{name}")
    return MappingProxyType(out)


def keys() -> tuple[str, ...]:
    """Every key of the catalogs (both have the same keys; a test makes sure)."""
    return tuple(sorted(catalog(DEFAULT_LANGUAGE)))


def fields_of(template: str) -> frozenset[str]:
    """The ``{fields}`` a catalog text needs: ``"{score} / {total}"`` -> score, total."""
    return frozenset(
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    )


def _lookup(key: str, language: str) -> str:
    texts = catalog(language)
    try:
        return texts[key]
    except KeyError:
        raise KeyError(
            f"no interface text {key!r} in the {language!r} catalog; add it to "
            f"dokhae/data/i18n/en.yaml and ko.yaml"
        ) from None


def t(key: str, language: str | None = None, /, **fields: object) -> str:
    """The interface text ``key`` in the current language (or ``language``), filled in.

    ``t("progress.position", current=2, total=10)`` -> ``"2 / 10"``. Extra fields are
    ignored; a missing field raises ``KeyError`` naming the key and the field.
    """
    lang = get_language() if language is None else _check_language(language)
    template = _lookup(key, lang)
    if "{" not in template:
        return template
    try:
        return template.format_map(fields)
    except KeyError as missing:
        field = missing.args[0]
        raise KeyError(
            f"interface text {key!r} needs the field {{{field}}}: call t({key!r}, {field}=...)"
        ) from None


def text(key: str, /, **fields: object) -> Text:
    """The interface text ``key`` in both languages, as a :class:`dokhae.lesson.Text`."""
    return Text(en=t(key, "en", **fields), ko=t(key, "ko", **fields))
