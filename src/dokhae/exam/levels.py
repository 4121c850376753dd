"""The 난이도 (상/중/하) of an exam item in the 문항정보표, and where it comes from.

Two sources, the better first:

1. **Graded** — the class (or another) has answered the item before, as homework or an
   earlier exam graded with ``dokhae grade``: its difficulty index p (the mean share of
   the item's points, first attempts, from the gradebook's item analysis;
   :mod:`dokhae.teacher.item_analysis`) gives the level by the bands of Cangelosi (1990),
   as Korean assessment textbooks cite them: p < 0.25 hard (상), 0.25 ≤ p ≤ 0.75 fitting
   (중), p > 0.75 easy (하). The cell says p and how many students answered.
2. **Estimated by item type** — otherwise an estimate from the item's kind, and nothing
   more: the 수능 reading types most students miss are 빈칸 추론, 글의 순서 and 문장 삽입
   (상); 어법, 어휘, 요약문, 무관한 문장 and 제목·주제 sit in the middle (중); 도표 and 내용
   일치 are the ones most get right (하). Of the 서술형 kinds, 어법 고쳐쓰기 (find and correct
   two forms) and 요약문 (words to find and fit) are estimated 상, 단어 배열 and 빈칸 중.
   A passage, its length and its words make any single item easier or harder than its
   type: the cell says it is an estimate, for the teacher to correct.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "EASY_ABOVE",
    "HARD_BELOW",
    "KIND_LEVELS",
    "LEVELS",
    "ItemLevel",
    "item_level",
    "level_of_p",
]

LEVELS = ("상", "중", "하")
"""The levels of a 문항정보표, hardest first."""

HARD_BELOW = 0.25
"""p below this: a hard item (상), Cangelosi (1990)."""
EASY_ABOVE = 0.75
"""p above this: an easy item (하), Cangelosi (1990); between the two: 중."""

KIND_LEVELS: Mapping[str, str] = {
    "insertion": "상",
    "order": "상",
    "blank": "상",
    "grammar": "중",
    "vocabulary": "중",
    "summary": "중",
    "irrelevant": "중",
    "title": "중",
    "chart": "하",
    "facts": "하",
    "written_grammar": "상",
    "written_summary": "상",
    "written_arrange": "중",
    "written_blank": "중",
}
"""The level estimated from an item's kind alone (see the module docstring)."""


@dataclass(frozen=True)
class ItemLevel:
    """An item's level and its basis: ``p`` and ``students`` when graded, else None/0."""

    level: str
    p: float | None = None
    students: int = 0

    @property
    def graded(self) -> bool:
        return self.p is not None

    @property
    def basis(self) -> str:
        """What the 문항정보표 says of the level: ``채점 결과 p = 0.82 (24명)`` or
        ``유형별 추정``."""
        if self.p is None:
            return "유형별 추정"
        return f"채점 결과 p = {self.p:.2f} ({self.students}명)"


def level_of_p(p: float) -> str:
    """상, 중 or 하 for a difficulty index ``p`` (0..1), by :data:`HARD_BELOW` and
    :data:`EASY_ABOVE`."""
    if not 0 <= p <= 1:
        raise ValueError(f"a difficulty index p is between 0 and 1, not {p}")
    return "상" if p < HARD_BELOW else "하" if p > EASY_ABOVE else "중"


def item_level(kind: str, graded: tuple[float, int] | None = None) -> ItemLevel:
    """The level of an item of ``kind``: from ``graded`` (``(p, students)``) when given,
    else the estimate of its kind."""
    if graded is not None:
        p, students = graded
        return ItemLevel(level_of_p(p), p, students)
    return ItemLevel(KIND_LEVELS[kind])
