"""The glossary as a spreadsheet: CSV (UTF-8 with a byte-order mark) or Excel, written by
:mod:`dokhae.spreadsheet` (no cell becomes a formula)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import i18n
from ..lesson import Lesson
from ..spreadsheet import write_excel, write_frame_csv

SUFFIXES = (".csv", ".xlsx")


def glossary_export_table(lesson: Lesson) -> pd.DataFrame:
    """Every field of every glossary entry, with the article sentence it comes from.

    Lists (forms, Korean equivalents) are joined with ``"; "`` as in the glossary files.
    """
    sentences = lesson.article.sentences
    rows = []
    for e in lesson.glossary:
        sentence = sentences.get(e.sentence_id)
        rows.append(
            {
                "id": e.id,
                "headword": e.headword,
                "forms": "; ".join(e.forms),
                "pos": e.pos,
                "ko": "; ".join(e.ko),
                "ko_forms": "; ".join(e.ko_forms),
                "ko_sentences": "; ".join(e.ko_sentences),
                "definition": e.definition,
                "example_en": e.example_en,
                "example_ko": e.example_ko,
                "sentence_id": e.sentence_id,
                "sentence_en": sentence.en if sentence else "",
                "sentence_ko": sentence.ko if sentence else "",
                "level": e.level,
                "level_source": e.level_source,
                "romanization": e.romanization,
                "pronunciation": e.pronunciation,
                "hanja": e.hanja,
                "audience": e.audience,
                "notes": e.notes,
                "ko_notes": e.ko_notes,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "headword",
            "forms",
            "pos",
            "ko",
            "ko_forms",
            "ko_sentences",
            "definition",
            "example_en",
            "example_ko",
            "sentence_id",
            "sentence_en",
            "sentence_ko",
            "level",
            "level_source",
            "romanization",
            "pronunciation",
            "hanja",
            "audience",
            "notes",
            "ko_notes",
        ],
    )


def write_glossary(lesson: Lesson, path: Path | str, language: str | None = None) -> Path:
    """Write the lesson's glossary to ``path``: ``.csv`` or ``.xlsx``, chosen by the suffix.

    The CSV is UTF-8 with a byte-order mark so that Excel opens the Korean correctly.

    Raises:
        ValueError: the suffix is neither ``.csv`` nor ``.xlsx``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(
            f"cannot export the glossary to {path.name!r}: the file name must end in .csv or .xlsx"
        )
    table = glossary_export_table(lesson)
    if suffix == ".csv":
        write_frame_csv(path, table)
    else:
        write_excel(path, {i18n.t("export.glossary_sheet", language): table})
    return path
