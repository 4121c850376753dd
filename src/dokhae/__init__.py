"""dokhae (독해): bilingual Korean-English news-reading lessons for JupyterLab."""

from __future__ import annotations

__version__ = "0.1.0"

from .i18n import get_language, set_language
from .learner import (
    available_lessons,
    choose_direction,
    choose_language,
    choose_lesson,
    chosen_direction,
    chosen_lesson,
)
from .lesson import Lesson
from .problems import LessonError
from .results import Result, check, show_answer
from .session import Session, current_session, start
from .validation import load_lesson, validate

__all__ = [
    "Lesson",
    "LessonError",
    "Result",
    "Session",
    "__version__",
    "available_lessons",
    "check",
    "choose_direction",
    "choose_language",
    "choose_lesson",
    "chosen_direction",
    "chosen_lesson",
    "current_session",
    "get_language",
    "load_lesson",
    "set_language",
    "show_answer",
    "start",
    "validate",
]
