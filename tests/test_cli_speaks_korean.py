"""Every teacher command speaks Korean under DOKHAE_LANGUAGE=ko (issue 24, point 10).

A teacher's hour is run on a copy of the shipped lesson in Korean: check, lesson show,
assign, grade, report, every export, lesson new/forms/status, exam draft/review. No line
of what the commands print may be an English sentence: each line holds Hangul, or is a
path, a number, an id or a row of a table (the lesson's own English words are content,
not interface, and are allowed).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae.cli import main
from test_teacher_support import fill, write_roster

ROOT = Path(__file__).resolve().parents[1]
SLUG = "steel-dialogue-2023"
SECOND = ROOT / "tests" / "data" / "second-article"

_HANGUL = re.compile("[\u3130-\u318f\uac00-\ud7a3]")
_NOT_WORDS = re.compile(
    r"\S*[/\\]\S*"  # paths
    r"|`[^`]*`"  # commands quoted
    r"|\bdokhae( [a-z-]+)*"  # a command named in a line
    r"|--?[a-z][\w-]*"  # options
    r"|\S*[\d_.@=-]\S*"  # ids, numbers, files, keys
)
_ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]+ ([A-Za-z]+ )*[a-z]{2,}\b")
"""Two English words or more, the last in lower case: a sentence, not a name."""


def english_lines(output: str, allowed: set[str] = frozenset()) -> list[str]:
    """The lines of ``output`` that are English sentences with no Korean (``allowed``:
    the lesson's own English, which is content)."""
    found = []
    for line in output.splitlines():
        if not line.strip() or _HANGUL.search(line):
            continue
        shown = line
        for text in sorted(allowed, key=len, reverse=True):  # a passage before its words
            line = line.replace(text, " ")
        words = _NOT_WORDS.sub(" ", line)
        if _ENGLISH_RUN.search(" ".join(words.split())):
            found.append(shown)
    return found


def test_the_check_finds_english_sentences():
    """The check fails on English and passes paths, tables and Korean."""
    assert english_lines("Wrote report/students.csv and chart.png.") == [
        "Wrote report/students.csv and chart.png."
    ]
    assert english_lines("3 answers to mark by hand") == ["3 answers to mark by hand"]
    assert english_lines("과제 hw1: 2명 채점\n  /tmp/x/grades-hw1.csv\n 2024001  12.0  80%") == []


def run(*args: object) -> str:
    result = CliRunner(env={"DOKHAE_LANGUAGE": "ko"}).invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


@pytest.fixture
def content(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "content"
    for part in ("articles", "glossary", "exercises"):
        shutil.copytree(ROOT / part, root / part)
    monkeypatch.setenv("DOKHAE_CONTENT", str(root))
    return root


def _lesson_english(root: Path) -> set[str]:
    """The lesson's own English, which the commands show as it is: glossary headwords,
    every text of the exercises file (options, todo lines), the exam items as printed;
    and the English line of the bilingual practice-bank warning."""
    import csv

    import yaml

    from dokhae import i18n
    from dokhae.authoring.exam.bank import bank_items, exercises_file, lesson_text
    from dokhae.exam.printed import printed

    # the practice-bank warning is said in both languages whatever the language set
    # (a teacher must read it): its English follows its Korean
    allowed: set[str] = {i18n.t("assignment.practice_bank_warning", "en")}
    with (root / "glossary" / f"{SLUG}.csv").open(encoding="utf-8-sig", newline="") as f:
        allowed.update(row["headword"] for row in csv.DictReader(f))

    def strings(node: object) -> None:
        if isinstance(node, str):
            allowed.add(node.strip())
        elif isinstance(node, dict):
            for value in node.values():
                strings(value)
        elif isinstance(node, list):
            for value in node:
                strings(value)

    path = exercises_file(SLUG, root)
    strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    sentences = lesson_text(SLUG, root).sentences
    for entry in bank_items(path):
        if entry.item is not None:
            allowed.update(printed(entry.item, sentences).splitlines())
    return {a for a in allowed if len(a.split()) > 1}


def _gloss(path: Path, glosses: list[str]) -> None:
    """Write Korean glosses into the first rows of a drafted glossary, as a teacher would."""
    import csv

    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row, gloss in zip(rows, glosses):
        row["ko"] = gloss
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_every_teacher_command_speaks_korean(content, tmp_path):
    out = tmp_path / "out"
    write_roster(tmp_path / "class.csv", 2)
    outputs = {
        "check": run("check"),
        "lesson show": run("lesson", "show", SLUG),
        "assign": run(
            "assign",
            tmp_path / "class.csv",
            "-o",
            out / "hw",
            "--id",
            "hw1",
            "-e",
            "main-idea",
            "-e",
            "vocab-hiatus",
            "--target",
            "80",
        ),
    }
    students = sorted((out / "hw" / "students").iterdir())
    fill(students[0], {"main-idea": True, "vocab-hiatus": False})
    key = out / "hw" / "teacher" / "key.json"
    outputs["grade"] = run("grade", out / "hw" / "students", "--key", key, "--no-progress")
    outputs["report"] = run("report", out / "hw" / "teacher" / "gradebook.sqlite3")
    outputs["export glossary"] = run("export", "glossary", SLUG, "-o", out / "g.xlsx")
    outputs["export anki"] = run("export", "anki", SLUG, "-o", out / "s.apkg")
    outputs["export worksheet"] = run("export", "worksheet", SLUG, "-o", out / "w.html")
    outputs["export worksheet --roster"] = run(
        "export", "worksheet", SLUG, "-o", out / "wr.html", "--roster", tmp_path / "class.csv"
    )
    outputs["export items"] = run("export", "items", SLUG, "-o", out / "items.json")
    outputs["export exam"] = run(
        "export",
        "exam",
        SLUG,
        "-o",
        out / "exam.html",
        "--seed",
        "7",
        "--roster",
        tmp_path / "class.csv",
    )
    outputs["export wordtest"] = run(
        "export", "wordtest", SLUG, "-o", out / "words.html", "-n", "6", "--seed", "3"
    )
    outputs["exam draft"] = run("exam", "draft", SLUG, "--kinds", "grammar,summary")
    outputs["exam review"] = run("exam", "review", SLUG)
    new = tmp_path / "new"
    outputs["lesson new"] = run(
        "lesson",
        "new",
        "second",
        "--from",
        SECOND / "article.en.txt",
        "--korean",
        SECOND / "article.ko.txt",
        "--root",
        new,
        "--limit",
        "4",
    )
    outputs["lesson status (draft)"] = run("lesson", "status", "second", "--root", new)
    _gloss(new / "glossary" / "second.csv", ["철강사", "내재된"])
    outputs["lesson forms"] = run("lesson", "forms", "second", "--root", new)
    assert "채움 →" in outputs["lesson forms"], outputs["lesson forms"]
    outputs["lesson status (shipped)"] = run("lesson", "status", SLUG)
    allowed = _lesson_english(content)
    english = {
        command: lines
        for command, output in outputs.items()
        if (lines := english_lines(output, allowed))
    }
    assert not english, "\n".join(
        f"{command}:\n" + "\n".join(f"    {line}" for line in lines)
        for command, lines in english.items()
    )


def test_english_is_kept_with_its_plural_forms(content, tmp_path):
    """The same commands in English; a count of one takes the singular."""
    one = CliRunner(env={"DOKHAE_LANGUAGE": "en"}).invoke(
        main, ["export", "wordtest", SLUG, "-o", str(tmp_path / "w.html"), "-n", "1"]
    )
    assert one.exit_code == 0, one.output
    assert f"Word test of {SLUG}: 1 word, forms A형/B형, seed " in one.output
    assert "  key:         " in one.output and "(keep it away from students)" in one.output
    korean = run("export", "wordtest", SLUG, "-o", tmp_path / "w.html", "-n", "2")
    assert f"{SLUG} 단어 시험지: 단어 2개, A형/B형, 시드 " in korean
