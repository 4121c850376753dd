"""Export a lesson for use outside the notebooks: the glossary as CSV or Excel, an Anki deck,
a printable worksheet.

Each function takes a loaded :class:`~dokhae.lesson.Lesson` and a path; the ``dokhae
export`` commands are a thin layer over them.
"""

from __future__ import annotations

from .apkg import DECK_ID, MODEL_ID, anki_deck, write_anki
from .glossary import glossary_export_table, write_glossary
from .worksheet import worksheet_gaps, worksheet_html, write_worksheet

__all__ = [
    "DECK_ID", "MODEL_ID", "anki_deck", "glossary_export_table", "worksheet_gaps", "worksheet_html",
    "write_anki", "write_glossary", "write_worksheet",
]
