"""Answer checking: one checker per question type, and the normalisers they share.

Pure Python: no widgets, no display, no files. The modules, from the bottom up:

- :mod:`~dokhae.answers.normalize`: the comparison form of a typed text; empty answers.
- :mod:`~dokhae.answers.english`: the other forms of an English word (no lemmatiser).
- :mod:`~dokhae.answers.spelling`: the one rule for spelling slips (by word length).
- :mod:`~dokhae.answers.keyboard`: answers typed with the wrong 한/영 key (2-set layout).
- :mod:`~dokhae.answers.text`: typed text against accepted answers (forms, near misses).
- :mod:`~dokhae.answers.korean_numerals`: numbers in Korean words (다섯 개, 스무 번째, 이십).
- :mod:`~dokhae.answers.numbers`: numbers and units as typed; tolerances; display.
- :mod:`~dokhae.answers.feedback`: :class:`Feedback`, its statuses and message keys.
- :mod:`~dokhae.answers.checkers`: one checker per question type, numbers, glossary terms.
- :mod:`~dokhae.answers.rubric`: a 서술형 exam answer graded with its rubric, explained.
- :mod:`~dokhae.answers.exam`: an answer to an exam item (the option, or the rubric).
- :mod:`~dokhae.answers.dictation`: a dictation (받아쓰기) graded word by word.

Every name other code uses is imported from here (``from dokhae.answers import ...``).

Every checker takes a question of the lesson model (:mod:`dokhae.lesson`) and the
student's value and returns a :class:`Feedback`. Checkers never raise for anything a
student can type; they raise only for programming errors (a question of an unknown type).

Statuses (``Feedback.status``):

``correct``
    right (``score`` 1.0).
``wrong``
    wrong (``score`` 0.0).
``partial``
    matching / ordering with some parts right (``score`` the share right).
``unanswered``
    nothing to judge: the answer is empty, or it could not be read (a number that is
    not a number, a unit that is not the one asked for, a choice that does not
    exist, a value of the wrong shape such as ``5`` for an ordering). Never counted as
    wrong; ``message_key`` says which case it is (``answer.empty`` for typed answers,
    ``answer.choose_first`` for choice questions, ``answer.number_format``,
    ``answer.unit_mismatch``, ``answer.matching_format``, ``answer.ordering_format``,
    ``answer.text_expected``, ...), so the widget can tell the student what to fix.
    ``score`` 0.0, and ``expected`` is None: an empty "Check" never reveals the answer.
``pending``
    a ``short_text`` question with ``manual: true`` whose answer is not in
    ``accept``: a person marks it. ``score`` 0.0 until then. In an assignment that is the
    teacher; in practice the student, after comparing with the model answer
    (:data:`SELF_CHECK`, :func:`dokhae.results.self_mark`: recorded as self-marked).

``score`` is a share in 0..1; multiply by the question's ``points``.

Text answers are compared after :func:`normalize_text` (NFKC, so NFC Hangul and
full-/half-width forms; curly quotes and dashes straightened; case folded; spaces
trimmed and collapsed); surrounding punctuation is ignored, and when the expected
answer contains Hangul, spaces are ignored too (띄어쓰기 varies: 탄소국경조정제도 =
탄소 국경 조정 제도). Items with ``inflections: true`` accept the other forms of an
English word (resume / resumes / resumed / resuming) by a small rule set with a table
of irregular verbs and plurals (see :func:`english_forms`); no lemmatiser is loaded
(lemmatisers belong to lesson building). The rules cannot tell a plural from a different
word, so an item whose answer is "news" also accepts "new": leave ``inflections`` off for
such words. A near miss (a spelling slip, swaps of two letters included, allowed by the length of
the word: :func:`typo_allowance`; Hangul counted in jamo) stays wrong but gets
``feedback.almost`` ("check your spelling"). A hyphen and a space count as the same
(net zero = net-zero). A Korean answer with particles (한국과 일본이 for 한국과 일본, not
협력을을) or a verb in another ending (모색했다) is right, by one rule for questions,
typed recall, word tests and grading (:func:`korean_answer`; the glossary's dictionary
forms and stems are passed in as :class:`KoreanWords`, see :func:`question_korean_words`),
with a message naming the answer or the dictionary form; an answer in Korean to a
question whose key has no Korean answer is told so, and one in Latin letters where the
key is Korean (CBAM: an abbreviation). An answer typed with
the wrong 한/영 key (ㄱㄷ녀ㅡㄷ for resume, or Latin letters that make, with the Korean
keyboard on, what was plausibly meant: xkstn for 탄소) is ``unanswered`` with
``keyboard.korean_on`` / ``keyboard.korean_off`` (field ``typed``: the same keys in the
other layout): never counted as wrong (:func:`keyboard_slip`).
"""

# As asyncio does: each module lists its public names in its __all__, and this package
# exports exactly those (answers.text has none: it serves the checkers only).
from . import (
    checkers,
    dictation,
    english,
    exam,
    feedback,
    keyboard,
    korean,
    korean_numerals,
    normalize,
    numbers,
    rubric,
    spelling,
)
from .checkers import *  # noqa: F403
from .dictation import *  # noqa: F403
from .english import *  # noqa: F403
from .exam import *  # noqa: F403
from .feedback import *  # noqa: F403
from .keyboard import *  # noqa: F403
from .korean import *  # noqa: F403
from .korean_numerals import *  # noqa: F403
from .normalize import *  # noqa: F403
from .numbers import *  # noqa: F403
from .rubric import *  # noqa: F403
from .spelling import *  # noqa: F403

__all__: list[str] = []
__all__ += feedback.__all__
__all__ += normalize.__all__
__all__ += english.__all__
__all__ += spelling.__all__
__all__ += keyboard.__all__
__all__ += korean.__all__
__all__ += korean_numerals.__all__
__all__ += numbers.__all__
__all__ += checkers.__all__
__all__ += rubric.__all__
__all__ += exam.__all__
__all__ += dictation.__all__
