"""Building a new lesson from an article (``dokhae lesson ...``): the heavy, optional language tools.

The teacher's steps, each a function here and a command of ``dokhae lesson``:

1. :func:`draft_lesson` (``dokhae lesson new <slug> --from article.txt``): the article cut
   into sentences with ids (:func:`segment_article`), the teacher's Korean aligned with it
   (:func:`align_korean`), glossary candidates (:func:`english_candidates`,
   :func:`korean_candidates`), the exercises a machine can make honestly, and stubs for
   the rest. What the teacher must write is marked so that ``dokhae check`` rejects the
   draft until it is complete (see "drafts" in :mod:`dokhae.lesson`). From a Korean article
   (``--from-korean``, ``language="ko"``), for English speakers learning Korean, the Korean
   keeps the ids (:func:`segment_korean_article`), the teacher's English is aligned with it
   (:func:`align_english`) and the glossary gets Korean terms.
2. :func:`compute_forms` (``dokhae lesson forms <slug>``): once the Korean glosses are in,
   where every glossary word occurs in both texts (``forms``, ``ko_forms``), the
   romanization, and the vocabulary matching's pairs. Student notebooks read these
   precomputed columns and never load an analyser.
3. :func:`lesson_status` (``dokhae lesson status <slug>``): what is still missing, with
   counts and file:line; ready when ``dokhae check`` finds nothing.

The analysers (lemminflect, wordfreq, kiwipiepy) come with the ``author`` extra:
``pip install "dokhae[author]"``; koroman, which also romanizes the reading view's
sentences (:mod:`dokhae.romanization`), is a dependency of dokhae itself. Names are imported when first used, so
``import dokhae.authoring`` is cheap and works without the extra.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "Alignment",
    "AuthoringError",
    "Candidate",
    "DraftResult",
    "EnglishAlignment",
    "FormChange",
    "FormsResult",
    "KoreanCandidate",
    "LessonStatus",
    "Missing",
    "SegmentedArticle",
    "align_english",
    "align_korean",
    "compute_forms",
    "draft_lesson",
    "english_candidates",
    "korean_candidates",
    "korean_forms",
    "lesson_status",
    "romanize",
    "segment_article",
    "segment_korean_article",
    "split_sentences",
]

_WHERE = {
    "AuthoringError": "draft",
    "DraftResult": "draft",
    "draft_lesson": "draft",
    "FormChange": "forms",
    "FormsResult": "forms",
    "compute_forms": "forms",
    "LessonStatus": "status",
    "Missing": "status",
    "lesson_status": "status",
    "SegmentedArticle": "segment",
    "segment_article": "segment",
    "split_sentences": "segment",
    "segment_korean_article": "segment",
    "Candidate": "english",
    "english_candidates": "english",
    "KoreanCandidate": "korean",
    "korean_candidates": "korean",
    "korean_forms": "korean",
    "romanize": "korean",
    "Alignment": "align",
    "align_korean": "align",
    "EnglishAlignment": "align",
    "align_english": "align",
}

if TYPE_CHECKING:  # pragma: no cover
    from .align import Alignment, EnglishAlignment, align_english, align_korean
    from .draft import AuthoringError, DraftResult, draft_lesson
    from .english import Candidate, english_candidates
    from .forms import FormChange, FormsResult, compute_forms
    from .korean import KoreanCandidate, korean_candidates, korean_forms, romanize
    from .segment import SegmentedArticle, segment_article, segment_korean_article, split_sentences
    from .status import LessonStatus, Missing, lesson_status


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'dokhae.authoring' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
