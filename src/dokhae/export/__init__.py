"""Export a lesson for use outside the notebooks: the glossary as CSV or Excel, an Anki deck,
a printable worksheet with its answer key (HTML, and PDF through a Chromium-type browser),
the exam items as JSON for other tools.

Each function takes a loaded :class:`~dokhae.lesson.Lesson` and a path; the ``dokhae
export`` commands are a thin layer over them.
"""

from __future__ import annotations

from .apkg import DECK_ID, MODEL_ID, anki_deck, write_anki
from .glossary import glossary_export_table, write_glossary
from .items import write_items
from .pdf import PdfError
from .worksheet import Worksheet, WorksheetFiles, default_exercises, make_worksheet, write_worksheet
from .worksheet_article import article_lines, vocabulary_entries

__all__ = [
    "DECK_ID",
    "MODEL_ID",
    "PdfError",
    "Worksheet",
    "WorksheetFiles",
    "anki_deck",
    "article_lines",
    "default_exercises",
    "glossary_export_table",
    "make_worksheet",
    "vocabulary_entries",
    "write_anki",
    "write_glossary",
    "write_items",
    "write_worksheet",
]
