"""Print how long a paper exam takes for 2 forms × 30 students' papers (issue 16).

Target: under 30 s with the PDF, on a 2-core machine. A roster of 60 students gets forms
A, B, A, B, ... (30 papers per form, each with its student's number and name) of every
approved item of the shipped lesson; timed separately:

- ``make_exam`` (choosing, drawing the forms from a seed, reading the roster);
- ``write_exam`` to ``exam.html`` (papers, key, 문항정보표 as HTML, CSV and Excel);
- ``write_exam`` to ``exam.pdf`` (the same, printed by a headless Chromium);
- the HWPX documents (papers per form and key).

Also one class of 30 students' worksheets with the article once and the 정답표.

    python benchmarks/bench_paper.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 30.0


def timed(label: str, work):
    start = time.perf_counter()
    result = work()
    print(f"{label:<58} {time.perf_counter() - start:7.2f} s")
    return result, time.perf_counter() - start


def pages(pdf: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return next(
        (line.split()[-1] for line in out.stdout.splitlines() if line.startswith("Pages")), "?"
    )


def main() -> None:
    from dokhae.export import make_worksheet, write_worksheet
    from dokhae.export.exam import ExamHeader, make_exam
    from dokhae.export.exam_files import write_exam
    from dokhae.export.exam_hwpx import write_exam_hwpx
    from dokhae.validation import load_lesson

    lesson = load_lesson("steel-dialogue-2023")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster = work / "class.csv"
        roster.write_text(
            "학번,이름\n" + "".join(f"2{n:04d},학생{n}\n" for n in range(1, 61)), encoding="utf-8"
        )
        header = ExamHeader(school="한빛고등학교", year="2026", term="2학기 기말고사", grade="2")
        exam, _ = timed(
            "make_exam (14 items, forms A/B, 60 students)",
            lambda: make_exam(lesson, seed=7, header=header, roster=roster),
        )
        timed(
            "write_exam -> HTML, key, 문항정보표 CSV/Excel",
            lambda: write_exam(exam, work / "h" / "exam.html"),
        )
        files, seconds = timed(
            "write_exam -> PDF (2 forms × 30 papers, key)",
            lambda: write_exam(exam, work / "p" / "exam.pdf"),
        )
        timed("HWPX (A, B, key)", lambda: write_exam_hwpx(exam, work / "x" / "exam"))
        for pdf in files.pdfs:
            print(f"  {pdf.name}: {pages(pdf)} pages")
        verdict = "within" if seconds <= TARGET_S else "OVER"
        print(f"PDF of 2 forms × 30 students: {seconds:.1f} s (target {TARGET_S:.0f} s: {verdict})")

        class_roster = work / "class30.csv"
        class_roster.write_text(
            "학번,이름\n" + "".join(f"2{n:04d},학생{n}\n" for n in range(1, 31)), encoding="utf-8"
        )
        worksheet, _ = timed(
            "make_worksheet (30 students, default questions)",
            lambda: make_worksheet(lesson, roster=class_roster, assignment_id="hw1"),
        )
        if "--no-worksheet-pdf" not in sys.argv:
            out, _ = timed(
                "write_worksheet -> PDF (article once, 정답표)",
                lambda: write_worksheet(worksheet, work / "w" / "worksheet.html", pdf=True),
            )
            print(
                f"  worksheet.pdf: {pages(out.pdf)} pages, worksheet-key.pdf: {pages(out.key_pdf)} pages"
            )


if __name__ == "__main__":
    main()
