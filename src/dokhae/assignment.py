"""The old name of :mod:`dokhae.homework` (the student's side of an assignment).

Kept only because assignment notebooks already handed out to students start with
``import dokhae.assignment as assignment`` (and nbgrader releases call
``assignment.show(...)``): such a notebook in a student's folder must keep running.
New notebooks import :mod:`dokhae.homework`; new code must not import this module.
"""

from __future__ import annotations

from . import homework
from .cleaning import plain_answer
from .homework import *  # noqa: F403  (the names a handed-out notebook may use)
from .json_files import write_json_atomic, write_text_atomic

__all__ = ["plain_answer", "write_json_atomic", "write_text_atomic"]
__all__ += homework.__all__
