"""Writing a paper exam (:mod:`.exam`) to files: the papers and key as HTML (and PDF),
the 문항정보표 as CSV and Excel, and HWPX for 한글 (:mod:`.exam_hwpx`).

From one name ``exam.pdf``: ``exam-A.pdf``, ``exam-B.pdf`` (the students' papers, one
file per form), ``exam-key.pdf`` (정답표, 채점 기준, 문항정보표), ``exam-info.csv`` and
``exam-info.xlsx``; with ``hwpx`` (or ``-o exam.hwpx``) ``exam-A.hwpx``, ``exam-B.hwpx``
and ``exam-key.hwpx``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..json_files import write_text_atomic
from .exam import Exam, chart_uris, info_rows, key_html, papers_html

__all__ = ["ExamFiles", "write_exam"]

SUFFIXES = (".pdf", ".html", ".hwpx")


@dataclass(frozen=True)
class ExamFiles:
    """What :func:`write_exam` wrote."""

    papers: tuple[Path, ...]
    key: Path
    info_csv: Path
    info_xlsx: Path
    pdfs: tuple[Path, ...] = ()
    hwpx: tuple[Path, ...] = ()


def _write_info(exam: Exam, csv_path: Path, xlsx_path: Path) -> None:
    from ..spreadsheet import write_csv, write_excel

    rows = info_rows(exam)
    columns = list(rows[0])
    write_csv(csv_path, [columns, *([row[c] for c in columns] for row in rows)])
    import pandas as pd

    write_excel(xlsx_path, {"문항정보표": pd.DataFrame(rows, columns=columns)}, freeze="A2")


def write_exam(exam: Exam, out: Path | str, *, hwpx: bool = False) -> ExamFiles:
    """Write the exam beside ``out`` (see the module docstring); ``out``'s suffix says
    what is printed: ``.pdf`` (HTML and PDF), ``.html``, or ``.hwpx`` (HWPX only).

    Raises:
        ValueError: another suffix.
        PdfError: a PDF and no Chromium-type browser, no Korean font, or printing failed
            (checked before anything is written, except a failure while printing).
    """
    from .pdf import check_korean_font, print_all, require_browser

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(
            f"cannot write the exam to {out.name!r}: the file name must end in .pdf, .html or .hwpx"
        )
    browser = None
    if suffix == ".pdf":
        browser = require_browser()
        check_korean_font()
    out.parent.mkdir(parents=True, exist_ok=True)
    stem = out.with_suffix("")
    info_csv, info_xlsx = Path(f"{stem}-info.csv"), Path(f"{stem}-info.xlsx")
    _write_info(exam, info_csv, info_xlsx)
    hwpx_files: tuple[Path, ...] = ()
    if hwpx or suffix == ".hwpx":
        from .exam_hwpx import write_exam_hwpx

        hwpx_files = write_exam_hwpx(exam, stem)
    if suffix == ".hwpx":
        return ExamFiles(hwpx_files[:-1], hwpx_files[-1], info_csv, info_xlsx, (), hwpx_files)
    charts = chart_uris(exam.items)
    papers = []
    for form in exam.forms:
        path = Path(f"{stem}-{form.label}.html")
        write_text_atomic(path, papers_html(exam, form.label, charts))
        papers.append(path)
    key = Path(f"{stem}-key.html")
    write_text_atomic(key, key_html(exam))
    pdfs: tuple[Path, ...] = ()
    if browser is not None:
        pdfs = print_all([*papers, key], browser)
    return ExamFiles(tuple(papers), key, info_csv, info_xlsx, pdfs, hwpx_files)
