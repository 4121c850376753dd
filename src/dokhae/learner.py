"""What the learner chose in ``00-start-here``, saved in the progress store's settings:
the lesson, the direction and the interface language. Every notebook and every later day
follows these choices.

The lesson: :func:`choose_lesson` remembers a slug; :func:`chosen_lesson` is that lesson if
it still exists, else :func:`default_lesson`, the first lesson by slug (alphabetical order
of the folder names under ``articles/``). :func:`available_lessons` lists the lessons a
chooser offers.

The direction (:data:`DIRECTIONS`): who the learner is, by the text they read
(:func:`choose_direction`, :func:`chosen_direction`; the kernel's
:class:`~dokhae.session.Session` follows a new choice at once).

The interface language: :func:`choose_language` uses it now and saves it; a new kernel
reads it back through :func:`dokhae.i18n.read_saved_language_with`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import i18n
from .lesson import Text
from .loading import Sources, content_root, lesson_slugs, load_article
from .problems import Report, did_you_mean
from .progress import ProgressStore, ProgressStoreError, default_path

LESSON_SETTING = "lesson"
"""The key of the chosen lesson in the progress store's settings."""

DIRECTION_SETTING = "direction"
"""The key of the learner's direction in the progress store's settings."""
LANGUAGE_SETTING = "language"
"""The key of the interface language in the progress store's settings."""
DIRECTIONS = ("en", "ko")
"""Who the learner is, by the text they read: ``"en"``, a Korean student of English
(reads the English article; the default) or ``"ko"``, a learner of Korean (reads the
Korean translation)."""


class UnknownLessonError(ValueError):
    """No lesson with this slug in the content folder (naming the lessons there)."""


@dataclass(frozen=True)
class LessonInfo:
    """What a lesson chooser shows of one lesson, read from its article files only.

    Attributes:
        slug: the folder name under ``articles/``.
        title: the headline in both languages (None when the article cannot be read).
        outlet, agency: where the article was published (``agency`` may be None).
        published: the publication date, ``YYYY-MM-DD`` ("" when unknown).
        problem: None when the article reads; else a one-line English description
            (``dokhae check`` lists every problem).
    """

    slug: str
    title: Text | None
    outlet: str = ""
    agency: str | None = None
    published: str = ""
    problem: str | None = None

    def label(self, language: str) -> str:
        """``Title — Outlet, 2023-05-31`` in ``language`` (the slug when unreadable)."""
        if self.title is None:
            return self.slug
        source = ", ".join(x for x in (self.outlet, self.published) if x)
        return f"{self.title(language)} — {source}" if source else self.title(language)


def available_lessons(root: Path | None = None) -> list[LessonInfo]:
    """Every lesson under ``root`` (default: :func:`~dokhae.loading.content_root`), by
    slug, with its title, outlet and date. Reads only ``lesson.yaml`` and the two article
    files, so listing many lessons is quick; a lesson whose article cannot be read is
    listed with ``problem`` set."""
    root = content_root() if root is None else Path(root)
    found = []
    for slug in lesson_slugs(root):
        report = Report(root=root)
        article = load_article(Sources.for_lesson(root, slug), report)
        if article is None or report.errors:
            first = report.errors[0] if report.errors else None
            problem = f"{first.file}: {first.message}" if first else "the article cannot be read"
            found.append(LessonInfo(slug, None, problem=problem))
            continue
        meta = article.meta
        found.append(LessonInfo(slug, article.title, meta.outlet, meta.agency, meta.published[:10]))
    return found


def default_lesson(root: Path | None = None) -> str:
    """The lesson used when none is named or chosen: the first slug in alphabetical order.

    Raises:
        FileNotFoundError: there is no lesson under ``root``.
    """
    root = content_root() if root is None else Path(root)
    slugs = lesson_slugs(root)
    if not slugs:
        raise FileNotFoundError(
            f"no lessons under {root / 'articles'} (expected <slug>/lesson.yaml)"
        )
    return slugs[0]


def _unknown_lesson(slug: object, root: Path) -> UnknownLessonError:
    slugs = lesson_slugs(root)
    known = ", ".join(repr(s) for s in slugs) or "none"
    return UnknownLessonError(
        f"there is no lesson {slug!r} under {root / 'articles'}.{did_you_mean(slug, slugs)} "
        f"The lessons there: {known}."
    )


def chosen_lesson(store: ProgressStore | None = None, root: Path | None = None) -> str:
    """The lesson chosen with :func:`choose_lesson` if it still exists, else
    :func:`default_lesson`. ``store``: the progress store (default: the student's own);
    a store that cannot be opened counts as "nothing chosen"."""
    root = content_root() if root is None else Path(root)
    try:
        if store is not None:
            saved = store.setting(LESSON_SETTING)
        else:
            with ProgressStore() as own:
                saved = own.setting(LESSON_SETTING)
    except ProgressStoreError:
        saved = None
    return saved if saved in lesson_slugs(root) else default_lesson(root)


def choose_lesson(slug: str, store: ProgressStore | None = None, root: Path | None = None) -> str:
    """Remember ``slug`` as the student's lesson (what ``dokhae.start(None)`` opens).

    Raises:
        UnknownLessonError: no such lesson (the message names the lessons there).
        dokhae.progress.ProgressStoreError: the progress store cannot be written.
    """
    root = content_root() if root is None else Path(root)
    if slug not in lesson_slugs(root):
        raise _unknown_lesson(slug, root)
    if store is not None:
        store.set_setting(LESSON_SETTING, slug)
    else:
        with ProgressStore() as own:
            own.set_setting(LESSON_SETTING, slug)
    return slug


def _saved_setting(key: str, store: ProgressStore | None) -> str | None:
    """The saved value of ``key``; None when nothing is saved or the store cannot be
    read. Without ``store``, the student's own store is read only if its file exists
    (asking for the language must not create a progress file, e.g. for the teacher)."""
    try:
        if store is not None:
            return store.setting(key)
        if not default_path().exists():
            return None
        with ProgressStore() as own:
            return own.setting(key)
    except (ProgressStoreError, OSError):
        return None


def _save_setting(key: str, value: str, store: ProgressStore | None) -> None:
    if store is not None:
        store.set_setting(key, value)
    else:
        with ProgressStore() as own:
            own.set_setting(key, value)


def chosen_direction(store: ProgressStore | None = None) -> str:
    """The learner's direction chosen in 00-start-here (:func:`choose_direction`), else
    ``"en"`` (a Korean student of English). See :data:`DIRECTIONS`."""
    saved = _saved_setting(DIRECTION_SETTING, store)
    return saved if saved in DIRECTIONS else DIRECTIONS[0]


def choose_direction(direction: str, store: ProgressStore | None = None) -> str:
    """Remember who the learner is (:data:`DIRECTIONS`): every notebook then reads,
    drills and reviews in that direction.

    Raises:
        ValueError: not one of :data:`DIRECTIONS`.
        dokhae.progress.ProgressStoreError: the progress store cannot be written.
    """
    if direction not in DIRECTIONS:
        choices = ", ".join(repr(d) for d in DIRECTIONS)
        raise ValueError(f"unknown direction {direction!r}: choose one of {choices}")
    _save_setting(DIRECTION_SETTING, direction, store)
    if _direction_follower is not None:
        _direction_follower(direction, store)
    return direction


_direction_follower: Callable[[str, ProgressStore | None], None] | None = None


def follow_direction_with(follower: Callable[[str, ProgressStore | None], None] | None) -> None:
    """Call ``follower(direction, store)`` after every :func:`choose_direction` (the
    session of this kernel follows the choice at once: :mod:`dokhae.session`)."""
    global _direction_follower
    _direction_follower = follower


_languages_read: dict[Path, str | None] = {}


def _saved_language() -> str | None:
    """The language saved in the student's own store, read once per kernel and store."""
    path = default_path()
    if path not in _languages_read:
        _languages_read[path] = _saved_setting(LANGUAGE_SETTING, None)
    return _languages_read[path]


i18n.read_saved_language_with(_saved_language)


def choose_language(language: str, store: ProgressStore | None = None) -> str:
    """Use ``language`` (``"ko"`` or ``"en"``) for the interface now and remember it in
    the progress store, so the next notebooks (and tomorrow's) open in it too.

    Raises:
        ValueError: not an interface language.
        dokhae.progress.ProgressStoreError: the progress store cannot be written.
    """
    i18n.set_language(language)  # validates
    _save_setting(LANGUAGE_SETTING, language, store)
    if store is None:
        _languages_read[default_path()] = language
    return language
