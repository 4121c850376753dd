"""The exam items of a lesson as JSON (``dokhae export items``), written atomically.

The document is :func:`dokhae.exam.export.items_document` (format in docs/exam-items.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..exam.export import items_document
from ..json_files import write_json_atomic

if TYPE_CHECKING:
    from ..lesson import Lesson

__all__ = ["write_items"]


def write_items(lesson: Lesson, path: Path | str, *, approved_only: bool = False) -> int:
    """Write the exam items of ``lesson`` (only the approved ones with ``approved_only``) to
    ``path``; return how many. A reader sees the old file or the new one, never half."""
    items = list(lesson.exam_items.values()) if approved_only else None
    document = items_document(lesson, items)
    write_json_atomic(Path(path), document)
    return len(document["items"])
