"""dokhae (독해): bilingual Korean-English news-reading lessons for JupyterLab."""

from __future__ import annotations

__version__ = "0.1.0"

from .lesson import Lesson
from .problems import LessonError
from .validation import check, load_lesson

__all__ = ["Lesson", "LessonError", "__version__", "check", "load_lesson"]
