"""Where lessons live: the content folder (:func:`content_root`), the lessons in it
(:func:`lesson_slugs`) and the files of one lesson (:class:`Sources`, which also keeps
the line of every part read, so later checks can name file and line).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("en", "ko")


@dataclass
class Sources:
    """Where each part of a lesson came from, so later checks can name file and line."""

    article_meta: Path
    article: dict[str, Path]
    glossary: Path
    exercises: Path
    sentence_lines: dict[str, dict[str, int]] = field(default_factory=dict)
    glossary_lines: list[int] = field(default_factory=list)
    exercise_lines: dict[tuple, int] = field(default_factory=dict)
    meta_lines: dict[tuple, int] = field(default_factory=dict)

    @classmethod
    def for_lesson(cls, root: Path, slug: str) -> Sources:
        folder = root / "articles" / slug
        return cls(
            article_meta=folder / "lesson.yaml",
            article={lang: folder / f"article.{lang}.md" for lang in LANGUAGES},
            glossary=root / "glossary" / f"{slug}.csv",
            exercises=root / "exercises" / f"{slug}.yaml",
        )

    def exercise_line(self, path: tuple) -> int | None:
        """The line of the deepest known YAML node on ``path``."""
        for end in range(len(path), -1, -1):
            line = self.exercise_lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


# --------------------------------------------------------------------------- where lessons live


CONTENT_VARIABLE = "DOKHAE_CONTENT"


def content_root() -> Path:
    """The folder holding ``articles/``, ``glossary/`` and ``exercises/``.

    ``DOKHAE_CONTENT`` when set (an explicit choice wins); else the current folder when
    it holds lessons (``articles/<slug>/lesson.yaml``: a teacher working in a copy of the
    lessons, whatever dokhae is installed); else a checkout (the repository root above
    ``src/``), else the copy an installed wheel carries inside the package. Where it came
    from: :func:`content_origin`.
    """
    return content_origin()[0]


def content_origin() -> tuple[Path, str]:
    """The content folder (:func:`content_root`) and why it is that one: ``"variable"``
    (``DOKHAE_CONTENT``), ``"folder"`` (the current folder) or ``"package"``."""
    env = os.environ.get(CONTENT_VARIABLE)
    if env:
        return Path(env).expanduser(), "variable"
    here = Path.cwd()
    if holds_lessons(here):
        return here, "folder"
    return shipped_root(), "package"


def holds_lessons(folder: Path) -> bool:
    """Whether ``folder`` is a content folder: ``articles/<slug>/lesson.yaml`` in it."""
    try:
        return any((folder / "articles").glob("*/lesson.yaml"))
    except OSError:
        return False


def shipped_root() -> Path:
    """The folder of what dokhae ships beside its code: the lessons, the student notebooks
    (``notebooks/``), the teacher's (``teacher/``) and JupyterLab's settings (``etc/``).

    A checkout (the repository root above ``src/``), else the copy an installed wheel
    carries inside the package (``dokhae/content/``, the same layout).
    ``DOKHAE_CONTENT`` does not move it.
    """
    package = Path(__file__).resolve().parent
    checkout = package.parent.parent
    if (checkout / "articles").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return package / "content"


def lesson_slugs(root: Path | None = None) -> list[str]:
    """The slugs of the lessons under ``root``, sorted."""
    root = content_root() if root is None else root
    return sorted(p.parent.name for p in (root / "articles").glob("*/lesson.yaml"))
