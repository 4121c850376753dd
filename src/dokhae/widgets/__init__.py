"""ipywidgets views over the core: quizzes, arithmetic, reading and vocabulary.

The reading and vocabulary views are imported on first use, so this package imports
(and the quiz views work) even where those modules are missing or fail to import.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._base import View
from .arithmetic import (
    ArithmeticChooser,
    ArithmeticOverview,
    ArithmeticView,
    MissingExercise,
    arithmetic_view,
)
from .chooser import LearnerChooser, LessonChooser
from .quiz import (
    ClozeView,
    MatchingView,
    MultipleChoiceView,
    NumericView,
    OrderingView,
    QuestionView,
    QuizGroups,
    QuizSet,
    ShortTextView,
    SkillQuiz,
    TrueFalseNotGivenView,
    question_view,
)

_LAZY = {
    "ReadingView": "reading",
    "Flashcards": "vocabulary",
    "MatchingGame": "vocabulary",
    "TypedRecall": "vocabulary",
    "ReviewSession": "vocabulary",
    "Dictation": "dictation",
    "SpellingTest": "dictation",
    "Speaker": "speech",
}

__all__ = [
    "ArithmeticChooser",
    "ArithmeticOverview",
    "ArithmeticView",
    "ClozeView",
    "Dictation",
    "Flashcards",
    "LearnerChooser",
    "LessonChooser",
    "MatchingGame",
    "MatchingView",
    "MissingExercise",
    "MultipleChoiceView",
    "NumericView",
    "OrderingView",
    "QuestionView",
    "QuizGroups",
    "QuizSet",
    "ReadingView",
    "ReviewSession",
    "ShortTextView",
    "SkillQuiz",
    "Speaker",
    "SpellingTest",
    "TrueFalseNotGivenView",
    "TypedRecall",
    "View",
    "arithmetic_view",
    "question_view",
]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{module_name}")
    except ModuleNotFoundError as err:
        if err.name != f"{__name__}.{module_name}":
            raise
        raise AttributeError(
            f"{name!r} needs {__name__}.{module_name}, which is not installed (yet)"
        ) from err
    try:
        value = getattr(module, name)
    except AttributeError:
        raise AttributeError(f"{__name__}.{module_name} does not define {name!r} (yet)") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
