"""dokhae (독해): bilingual Korean-English news-reading lessons for JupyterLab."""

from __future__ import annotations

__version__ = "0.1.0"

from .lesson import Lesson
from .problems import LessonError
from .validation import load_lesson, validate

__all__ = ["Lesson", "LessonError", "__version__", "load_lesson", "validate"]
