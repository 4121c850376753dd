"""`dokhae lesson new | forms | status`: the teacher's commands for building a lesson."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dokhae.cli import main
from dokhae.lesson import STUB_KEY, UNTRANSLATED

SECOND = Path(__file__).parent / "data" / "second-article"
SLUG = "cbam-2026"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def korean_by_id() -> dict[str, str]:
    """The test article's Korean, by sentence id (its paragraphs and sentences match the English)."""
    paragraphs = [
        p.strip()
        for p in (SECOND / "article.ko.txt").read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    out = {"h1": paragraphs[0]}
    for n, paragraph in enumerate(paragraphs[1:], 1):
        for m, sentence in enumerate(re.split(r"(?<=다\.)\s+", paragraph), 1):
            out[f"p{n}s{m}"] = sentence
    return out


def translate(root: Path, slug: str = SLUG) -> None:
    """Write the Korean sentences into the draft's article.ko.md, as a teacher would."""
    path = root / "articles" / slug / "article.ko.md"
    korean = korean_by_id()
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^(h1|p\d+s\d+) \| ", line)
        lines.append(f"{m.group(1)} | {korean[m.group(1)]}" if m else line)
    path.write_text("\n".join(lines), encoding="utf-8")


def read_glossary(root: Path) -> list[dict[str, str]]:
    return list(
        csv.DictReader(
            io.StringIO((root / "glossary" / f"{SLUG}.csv").read_text(encoding="utf-8-sig"))
        )
    )


def write_glossary(root: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / "glossary" / f"{SLUG}.csv").write_text(out.getvalue(), encoding="utf-8-sig")


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "content"
    result = run(
        "lesson",
        "new",
        SLUG,
        "--from",
        SECOND / "article.en.txt",
        "--root",
        root,
        "--outlet",
        "dokhae tests",
        "--date",
        "2026-04-08",
        "--source",
        "https://eur-lex.europa.eu/eli/reg/2025/2083/oj",
        "--limit",
        "12",
    )
    assert result.exit_code == 0, result.output
    return root


def test_new_writes_the_draft_and_says_what_next(root):
    assert (root / "articles" / SLUG / "article.en.md").is_file()
    assert (root / "glossary" / f"{SLUG}.csv").is_file() and (
        root / "exercises" / f"{SLUG}.yaml"
    ).is_file()
    meta = yaml.safe_load((root / "articles" / SLUG / "lesson.yaml").read_text(encoding="utf-8"))
    assert (meta["published"], meta["source_url"]) == (
        "2026-04-08",
        "https://eur-lex.europa.eu/eli/reg/2025/2083/oj",
    )
    result = run("lesson", "new", SLUG, "--from", SECOND / "article.en.txt", "--root", root)
    assert (
        result.exit_code == 1 and "exists already" in result.output and "--force" in result.output
    )
    result = run(
        "lesson",
        "new",
        SLUG,
        "--from",
        SECOND / "article.en.txt",
        "--root",
        root,
        "--force",
        "--limit",
        "5",
    )
    assert result.exit_code == 0, result.output
    assert (
        "Drafted lesson cbam-2026" in result.output
        and "19 sentences (0 with a Korean translation)" in result.output
    )
    assert "5 glossary candidates" in result.output and "4 stub questions" in result.output
    assert f"dokhae lesson forms {SLUG}" in result.output


def test_new_refuses_bad_input_with_the_file_named(tmp_path):
    result = run(
        "lesson", "new", "Not A Slug", "--from", SECOND / "article.en.txt", "--root", tmp_path
    )
    assert result.exit_code == 1 and "bad lesson name 'Not A Slug'" in result.output
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("lesson", "new", "x", "--from", empty, "--root", tmp_path / "c")
    assert result.exit_code == 1 and f"{empty}: the file is empty" in result.output
    result = run(
        "lesson",
        "new",
        "x",
        "--from",
        SECOND / "article.en.txt",
        "--root",
        tmp_path / "c",
        "--source",
        "www.example.org",
    )
    assert result.exit_code == 1 and "bad source address 'www.example.org'" in result.output
    assert not (tmp_path / "c").exists()


def test_status_of_a_draft_exits_1_and_lists_the_kinds(root):
    result = run("lesson", "status", SLUG, "--root", root)
    assert result.exit_code == 1
    assert result.output.startswith(f"Lesson {SLUG} is not ready: ")
    assert "Untranslated sentences: 19" in result.output
    assert "Empty Korean glosses (ko): 12" in result.output
    assert "Stub questions: 4" in result.output
    assert "Other [TODO] markers" not in result.output  # outlet, date and source were given
    assert re.search(
        rf"articles/{SLUG}/article\.ko\.md:\d+  p8s3: write the Korean sentence", result.output
    )


def test_status_of_the_seed_lesson_exits_0():
    result = run("lesson", "status", "steel-dialogue-2023")
    assert result.exit_code == 0 and "is ready" in result.output


def test_status_of_an_unknown_lesson(tmp_path):
    result = run("lesson", "status", "nothing-here", "--root", tmp_path)
    assert result.exit_code == 1 and "no lesson 'nothing-here'" in result.output
    assert "dokhae lesson new nothing-here" in result.output


def test_forms_fills_empty_cells_keeps_the_teachers_and_fills_the_matching(root):
    translate(root)
    rows = read_glossary(root)
    glosses = {
        "steelmaker": "철강사",
        "importer": "수입업자",
        "exempt": "면제하다",
        "threshold": "기준",
        "definitive period": "확정 기간",
        "embedded emission": "내재 배출량",
    }
    chosen = [r for r in rows if r["headword"] in glosses]
    assert len(chosen) >= 3, [r["headword"] for r in rows]
    for row in chosen:
        row["ko"] = glosses[row["headword"]]
    chosen[0]["romanization"] = "my-own"
    write_glossary(root, rows)
    exercises = root / "exercises" / f"{SLUG}.yaml"
    text = exercises.read_text(encoding="utf-8")
    prompt = "      en: Match each English word from the article with its Korean meaning.\n"
    assert text.count(prompt) == 1
    exercises.write_text(
        text.replace(prompt, "      en: Match the words with their meanings.\n"), encoding="utf-8"
    )

    result = run("lesson", "forms", SLUG, "--root", root)
    assert result.exit_code == 0, result.output
    after = {r["id"]: r for r in read_glossary(root)}
    for row in chosen:
        got = after[row["id"]]
        assert got["ko_forms"] and all(
            form in "".join(korean_by_id().values()) for form in got["ko_forms"].split("; ")
        )
        assert got["example_ko"] == korean_by_id()[row["sentence_id"]]
    assert after[chosen[0]["id"]]["romanization"] == "my-own"
    assert after[chosen[1]["id"]]["romanization"] not in ("", "my-own")
    assert re.search(
        rf"{chosen[0]['id']}\.romanization: kept your 'my-own' \(dokhae would write '\w+'",
        result.output,
    )
    assert (
        f"wrote {len(chosen)} pairs, with their sentences and explanation, into the vocabulary matching"
        in result.output.lower()
    )
    unglossed = [r for r in rows if r["headword"] not in glosses]
    assert f"{len(unglossed)} rows still without a Korean gloss" in result.output
    assert all(after[r["id"]]["romanization"] == "" for r in unglossed)  # nothing invented

    bank = yaml.safe_load((root / "exercises" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    [matching] = [q for q in bank["questions"] if q["id"] == "vocabulary-matching"]
    assert STUB_KEY not in matching
    assert {(p["left"], p["right"]) for p in matching["pairs"]} == {
        (r["headword"], r["ko"]) for r in chosen
    }
    assert matching["prompt"]["en"] == "Match the words with their meanings."  # the teacher's, kept
    assert set(matching["sentences"]) == {r["sentence_id"] for r in chosen}
    assert sum(STUB_KEY in q for q in bank["questions"]) == 3  # the other stubs stay

    again = run("lesson", "forms", SLUG, "--root", root, "--overwrite")
    assert again.exit_code == 0
    assert re.search(
        rf"{chosen[0]['id']}\.romanization: replaced 'my-own' with '\w+'", again.output
    )
    assert {r["id"]: r for r in read_glossary(root)}[chosen[0]["id"]]["romanization"] != "my-own"


def test_forms_leaves_the_matching_stub_with_too_few_glosses(root):
    translate(root)
    result = run("lesson", "forms", SLUG, "--root", root)
    assert result.exit_code == 0
    assert "waits for at least two glossary rows with a Korean gloss" in result.output
    assert "0 cells filled" not in result.output  # example_ko cells are filled
    bank = yaml.safe_load((root / "exercises" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    assert sum(STUB_KEY in q for q in bank["questions"]) == 4


def test_forms_on_an_untranslated_draft_fills_nothing_korean(root):
    rows = read_glossary(root)
    rows[0]["ko"] = "철강사"
    write_glossary(root, rows)
    result = run("lesson", "forms", SLUG, "--root", root)
    assert result.exit_code == 0, result.output
    first = read_glossary(root)[0]
    assert first["ko_forms"] == "" and first["example_ko"] == "" and first["romanization"]
    assert UNTRANSLATED in (root / "articles" / SLUG / "article.ko.md").read_text(encoding="utf-8")
