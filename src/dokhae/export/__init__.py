"""Export a lesson for use outside the notebooks: the glossary as CSV or Excel, an Anki deck,
a printable worksheet with its answer key (HTML, and PDF through a Chromium-type browser),
a paper exam in forms A/B with keys and 문항정보표 (PDF, Excel, HWPX for 한글), a 단어
시험지, the exam items as JSON for other tools. Printed pages come from the Jinja2
templates in ``templates/`` (:mod:`.templating`).

Each function takes a loaded :class:`~dokhae.lesson.Lesson` and a path; the ``dokhae
export`` commands are a thin layer over them.
"""

from __future__ import annotations

from .apkg import DECK_ID, MODEL_ID, anki_deck, write_anki
from .exam import Exam, ExamHeader, make_exam
from .exam_files import ExamFiles, write_exam
from .glossary import glossary_export_table, write_glossary
from .items import write_items
from .pdf import PdfError
from .wordtest import WordTest, make_wordtest, write_wordtest
from .worksheet import Worksheet, WorksheetFiles, default_exercises, make_worksheet, write_worksheet
from .worksheet_article import article_lines, vocabulary_entries

__all__ = [
    "DECK_ID",
    "MODEL_ID",
    "Exam",
    "ExamFiles",
    "ExamHeader",
    "PdfError",
    "WordTest",
    "Worksheet",
    "WorksheetFiles",
    "anki_deck",
    "article_lines",
    "default_exercises",
    "glossary_export_table",
    "make_exam",
    "make_wordtest",
    "make_worksheet",
    "vocabulary_entries",
    "write_anki",
    "write_exam",
    "write_glossary",
    "write_items",
    "write_wordtest",
    "write_worksheet",
]
