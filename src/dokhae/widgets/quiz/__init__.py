"""Quiz views: one view per question type of the bank, and sets of questions.

Every view shows the prompt (current language first, the other language smaller), the
input, a Check button, a hint button when the item has a hint, and a feedback area. A
check goes only through :meth:`dokhae.session.Session.answer`, which judges the answer
with the core and records it in the progress store; the view only shows the result.

One module per family of views: :mod:`.question` (the base every view shares),
:mod:`.choice` (multiple choice, True / False / Not given), :mod:`.text` (fill in the
blank, short answer), :mod:`.arrangement` (matching, ordering), :mod:`.numeric`;
:mod:`.kinds` maps each question type to its view, and :mod:`.sets` holds the quiz set
and the choosers between sets. A new question type is a view in its family's module (or
a new module) and one line in :data:`.kinds.VIEWS`.

Programmatic API (tests, browser-test authors)::

    view = question_view(lesson.questions["main-idea"], session)
    view.answer_widget.value = "a"      # the input (RadioButtons, Text, Dropdown, ...)
    view.check_button.click()
    view.last_feedback.status           # "correct"
    view.feedback.value                 # the escaped feedback HTML

    quiz = QuizSet(session=session)     # one question at a time, each built when shown
    quiz.next_button.click()            # or quiz.show_question("cloze-thaw")
    view = quiz.stage.children[0]       # the question shown

Stable CSS classes: ``dokhae``, ``dokhae-question``, ``dokhae-<kind>`` (``mc``, ``tfng``,
``cloze``, ``matching-question``, ``ordering``, ``short-text``, ``numeric``),
``dokhae-prompt``, ``dokhae-instruction``, ``dokhae-answer``, ``dokhae-check``,
``dokhae-hint-button``, ``dokhae-hint``, ``dokhae-feedback``, ``dokhae-position``; a set's
``dokhae-quiz-nav`` (``dokhae-previous``, ``dokhae-next``) and ``dokhae-quiz-progress``; see
each class for the rest.

Every view builds its widgets with :func:`dokhae.widgets._base.light` (shared layout and
style models): what a cell sends to the browser stays proportional to what it shows
(``benchmarks/bench_widget_models.py``: at most 100 models per notebook cell).
"""

from __future__ import annotations

# The views are re-exported by name (``X as X``: ruff, mypy and readers all see them);
# the helpers of the one-file quiz module (noqa: F401) stay importable from here too.
from ...results import answer_through  # noqa: F401
from .._base import OTHER_STYLE, bilingual_html, other_language, resolve_session  # noqa: F401
from . import arrangement, choice, kinds, numeric, sets, text
from .arrangement import MatchingView as MatchingView
from .arrangement import OrderingView as OrderingView
from .choice import MultipleChoiceView as MultipleChoiceView
from .choice import TrueFalseNotGivenView as TrueFalseNotGivenView
from .kinds import VIEWS as VIEWS
from .kinds import question_view as question_view
from .numeric import NumericView as NumericView
from .question import (  # noqa: F401
    MARKS,
    assignment_session,
    choice_label,
    friendly_fallback,
    number_text,
)
from .question import QuestionView as QuestionView
from .sets import QuizGroups as QuizGroups
from .sets import QuizSet as QuizSet
from .sets import SkillQuiz as SkillQuiz
from .sets import paragraph_of as paragraph_of
from .text import ClozeView as ClozeView
from .text import ShortTextView as ShortTextView

__all__ = ["QuestionView"]  # and the views of every family (each module's __all__):
__all__ += choice.__all__
__all__ += text.__all__
__all__ += arrangement.__all__
__all__ += numeric.__all__
__all__ += kinds.__all__
__all__ += sets.__all__
