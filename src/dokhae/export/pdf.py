"""Printing an HTML page to PDF with a headless Chromium, Google Chrome or Microsoft Edge.

No Python dependency: the browser is run as a program. Before printing,
:func:`check_korean_font` makes sure Korean will not come out as empty boxes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath

__all__ = [
    "BROWSER_NAMES",
    "PdfError",
    "check_korean_font",
    "find_browser",
    "known_paths",
    "korean_fonts",
    "print_all",
    "print_to_pdf",
    "require_browser",
]

BROWSER_NAMES = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
)
"""Programs looked for on PATH, in this order, after ``$CHROMIUM_PATH``."""

KNOWN_PATHS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
)
"""Where the browsers install themselves on macOS and Windows (not on PATH there)."""

_WINDOWS_PROGRAMS = (
    ("Google", "Chrome", "Application", "chrome.exe"),
    ("Microsoft", "Edge", "Application", "msedge.exe"),
)
_MAC_APPS = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "Chromium.app/Contents/MacOS/Chromium",
)


def known_paths(environ: Mapping[str, str] | None = None, home: Path | None = None) -> list[str]:
    """:data:`KNOWN_PATHS`, then the same programs under the folders Windows names in
    ``%PROGRAMFILES%``, ``%PROGRAMFILES(X86)%`` and ``%LOCALAPPDATA%`` (Windows on another
    drive; Chrome installed for one user, without an administrator) and in the user's
    own ``~/Applications`` (macOS)."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    paths = list(KNOWN_PATHS)
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"):
        base = environ.get(variable, "").strip()
        if base:
            paths += [str(PureWindowsPath(base, *program)) for program in _WINDOWS_PROGRAMS]
    paths += [str(home / "Applications" / app) for app in _MAC_APPS]
    return list(dict.fromkeys(paths))


TIMEOUT = 120
"""Seconds a browser may take to print one page set."""

NO_BROWSER = (
    "--pdf needs Chromium, Google Chrome or Microsoft Edge, and none was found. Install one "
    "(Windows: Microsoft Edge comes with Windows, or install Google Chrome; macOS: install Google Chrome "
    "into Applications; Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to the "
    "browser's program. "
    "Or run the command without --pdf and print the HTML file from any browser "
    "(Print, then Save as PDF)."
)
NO_KOREAN_FONT = (
    "no Korean font is installed, so Korean text would print as empty boxes. Install one "
    "(Debian/Ubuntu: sudo apt-get install fonts-noto-cjk; Fedora: sudo dnf install "
    "google-noto-sans-cjk-fonts) and run the command again, or run it without --pdf and print "
    "the HTML file from a computer that shows Korean."
)
NO_FONT_CHECK = (
    "cannot check for a Korean font: the program fc-list is missing. Install fontconfig and a "
    "Korean font (Debian/Ubuntu: sudo apt-get install fontconfig fonts-noto-cjk), or run the "
    "command without --pdf and print the HTML file from a computer that shows Korean."
)


class PdfError(RuntimeError):
    """A PDF cannot be made; the message says why and what to do."""


def find_browser() -> str | None:
    """The Chromium-type browser to print with: ``$CHROMIUM_PATH``, then the first of
    :data:`BROWSER_NAMES` on PATH, then the usual install folders; None if there is none."""
    from_env = os.environ.get("CHROMIUM_PATH", "").strip()
    if from_env:
        return from_env if Path(from_env).is_file() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in known_paths() if Path(p).is_file()), None)


def require_browser() -> str:
    """:func:`find_browser`, or :class:`PdfError` saying what to install."""
    from_env = os.environ.get("CHROMIUM_PATH", "").strip()
    if from_env and not Path(from_env).is_file():
        raise PdfError(
            f"CHROMIUM_PATH is {from_env!r}, which is not a file; set it to the program of "
            "Chromium, Google Chrome or Microsoft Edge, or unset it"
        )
    browser = find_browser()
    if browser is None:
        raise PdfError(NO_BROWSER)
    return browser


def korean_fonts() -> list[str] | None:
    """The font families that cover Korean (``fc-list :lang=ko``), or None when this
    cannot be asked (no fontconfig)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run(
            [fc_list, ":lang=ko", "family"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return sorted({line.strip() for line in done.stdout.splitlines() if line.strip()})


def _system_has_korean_fonts() -> bool:
    return sys.platform.startswith(("win", "darwin"))


def check_korean_font() -> None:
    """Raise :class:`PdfError` unless a Korean font is installed.

    Windows and macOS always have one (Malgun Gothic, Apple SD Gothic Neo); elsewhere
    fontconfig is asked.
    """
    if _system_has_korean_fonts():
        return
    fonts = korean_fonts()
    if fonts is None:
        raise PdfError(NO_FONT_CHECK)
    if not fonts:
        raise PdfError(NO_KOREAN_FONT)


def print_to_pdf(html_path: Path | str, pdf_path: Path | str, browser: str) -> Path:
    """Print the page ``html_path`` to ``pdf_path`` with ``browser`` (headless, a fresh
    throwaway profile, no network services) and return ``pdf_path``.

    Raises:
        PdfError: the browser failed, took longer than :data:`TIMEOUT` seconds, or wrote no PDF.
    """
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    pdf_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="dokhae-pdf-", ignore_cleanup_errors=True) as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-default-browser-check",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={pdf_path}",
            html_path.as_uri(),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"{browser} took more than {TIMEOUT} s to print {html_path.name}; "
                "close other browser windows and try again, or print the HTML file "
                "from a browser"
            ) from None
        except OSError as err:
            raise PdfError(
                f"cannot run {browser} ({err.strerror}); set CHROMIUM_PATH to a "
                "working Chromium or Chrome, or print the HTML file from a browser"
            ) from None
    if not pdf_path.is_file() or pdf_path.read_bytes()[:5] != b"%PDF-":
        tail = "\n".join((done.stderr or "").strip().splitlines()[-5:])
        raise PdfError(
            f"{browser} did not write {pdf_path.name} (exit status {done.returncode})"
            + (f":\n{tail}" if tail else "")
            + "\nPrint the HTML file from a browser instead (Print, then Save as PDF)."
        )
    return pdf_path


def print_all(pages: list[Path], browser: str) -> tuple[Path, ...]:
    """Print each HTML page beside itself (``x.html`` → ``x.pdf``), two at a time."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        return tuple(pool.map(lambda p: print_to_pdf(p, p.with_suffix(".pdf"), browser), pages))
