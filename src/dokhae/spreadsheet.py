"""Text going into a spreadsheet: the one place where dokhae writes CSV and Excel files.

Teachers open what dokhae writes in Excel, and cells hold text other people typed (a
glossary gloss, a roster name, a student's answer). A cell starting with ``=``, ``+``,
``-`` or ``@`` (or a tab or carriage return before one) is a formula to Excel: a student
who answers ``=HYPERLINK("http://…","click")`` would put a live link in the teacher's
grade sheet. So, as OWASP recommends for CSV injection, such a text is written with a
single quote before it (:func:`safe_cell`): CSV cells get a leading ``'``, which Excel
shows and never evaluates; Excel cells are stored as text with Excel's own "quote
prefix" (what typing a leading ``'`` in Excel does), so the text shows exactly, never as
a formula. A plain number such as ``-12.5`` is left alone: it is no formula.

Characters an Excel file cannot hold (the control characters U+0000..U+001F other than
tab, newline and carriage return) are dropped from both, so a stray one in a cell never
stops an export.

CSV files are UTF-8 with a byte-order mark and CRLF line ends, so Korean Excel opens them
correctly: without the mark it reads them as CP949 and shows ``怨듬갚`` for ``공백`` (and
saving destroys the Korean). Every CSV a teacher may open in Excel is written here, the
lesson glossaries that ``dokhae lesson new/forms`` write included
(:func:`write_text_for_excel`). Every file is written to a temporary file and moved into place
(:func:`dokhae.json_files.atomic_output`): a failed write leaves the old file as it was.

:func:`restore_cell` undoes :func:`safe_cell` for a CSV dokhae wrote and a teacher filled
in (``manual_marks.csv``).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .json_files import atomic_output, write_text_atomic

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXCEL_BOM",
    "FORMULA_STARTS",
    "csv_text",
    "restore_cell",
    "safe_cell",
    "write_csv",
    "write_excel",
    "write_frame_csv",
    "write_text_for_excel",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make Excel (or LibreOffice) read a cell as a formula."""

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?$")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _needs_quote(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text)


def safe_cell(value: Any) -> Any:
    """``value`` as it may go into a CSV cell: a text that Excel would take for a formula
    gets a leading ``'``, and characters a spreadsheet cannot hold are dropped. Anything
    that is not text is returned unchanged."""
    if not isinstance(value, str):
        return value
    value = _ILLEGAL.sub("", value)
    return "'" + value if _needs_quote(value) else value


def restore_cell(text: str) -> str:
    """The text :func:`safe_cell` was given, from the cell it wrote (``'=1+1`` -> ``=1+1``)."""
    if text.startswith("'") and _needs_quote(text[1:]):
        return text[1:]
    return text


def _plain(value: Any) -> Any:
    """A cell value without pandas' missing markers (NaN, None, NA become empty)."""
    if value is None:
        return None
    try:
        if isinstance(value, float) and math.isnan(value):
            return None
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except (TypeError, ValueError):
        pass
    return value


EXCEL_BOM = "\ufeff"
"""The byte-order mark (U+FEFF) that tells Excel a CSV file is UTF-8."""


def excel_text(text: str) -> str:
    """``text`` starting with the byte-order mark, once."""
    return text if text.startswith(EXCEL_BOM) else EXCEL_BOM + text


def write_text_for_excel(path: str | Path, text: str) -> Path:
    """Write CSV ``text`` (its line ends as given) as UTF-8 with a byte-order mark, so
    that Excel opens it correctly, atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, excel_text(text))
    return path


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """The rows as CSV text for Excel: a byte-order mark, CRLF line ends, every text cell
    made safe (:func:`safe_cell`), empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if (v := _plain(value)) is None else safe_cell(v) for value in row])
    return excel_text(buffer.getvalue())


def write_csv(path: str | Path, rows: Iterable[Sequence[Any]]) -> Path:
    """Write ``rows`` (the first one the header) as a CSV file Excel opens (see :func:`csv_text`)."""
    return write_text_for_excel(path, csv_text(rows))


def write_frame_csv(path: str | Path, frame: pd.DataFrame) -> Path:
    """Write a DataFrame (its columns as the header, no index) with :func:`write_csv`."""
    return write_csv(path, [list(frame.columns), *frame.itertuples(index=False, name=None)])


def sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of ``[]:*?/\\``."""
    return _SHEET_NAME_FORBIDDEN.sub("_", name)[:31] or "Sheet1"


def write_excel(
    path: str | Path,
    sheets: Mapping[str, pd.DataFrame],
    *,
    freeze: str | None = None,
    widths: Mapping[str, float] | None = None,
) -> Path:
    """Write each DataFrame to a sheet of an .xlsx file: a header row, then the rows.

    Text is always stored as text (never a formula: see the module docstring), missing
    values as empty cells. ``freeze``: the cell to freeze panes at (``"E2"``); ``widths``:
    column letter -> width, for every sheet.
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]  # types-openpyxl not installed

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(sheet_name(name))
        sheet.append([_excel_value(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_excel_value(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl takes a leading "=" for a formula
                    if _needs_quote(cell.value):
                        cell.quotePrefix = True
        if freeze:
            sheet.freeze_panes = freeze
        for column, width in (widths or {}).items():
            sheet.column_dimensions[column].width = width
    with atomic_output(path) as tmp:
        book.save(tmp)
    return path


def _excel_value(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            return value.item()
        except (TypeError, ValueError):
            return str(value)
    return value
