"""A second lesson, built end to end the way a teacher would, then run in every notebook.

The article in tests/data/second-article/ is an original text written for these tests
(not a published news report; no quotation in it is attributed to anyone). Its facts come
from the kit's CBAM source page (docs/cbam-sources.md), which cites them:

* definitive period from 1 January 2026 after the transitional period of 1 October 2023 to
  31 December 2025, with quarterly reports and no payment (§2; Reg. (EU) 2023/956, IR 2023/1773);
* the goods of Annex I, hydrogen included; one certificate per tonne of CO2e (§1, §4);
* certificate sales from 1 February 2027, first declaration by 30 September 2027, the 50-tonne
  de-minimis threshold with about 90 % of importers exempt and over 99 % of embedded emissions
  covered (§1, §2; Reg. (EU) 2025/2083);
* the first CBAM price, EUR 75.36 per tonne for Q1 2026, published on 7 April 2026 (§2, §5);
* only direct emissions for iron and steel (§1); free allocation kept at 97.5 % in 2026 and
  none from 2034 (§3; Dir. (EU) 2023/959);
* Korea's steel exports to the EU in 2024: US$4.48 billion, about 3.8 million tonnes (KITA, §5);
* default-value mark-ups of 10 % (2026), 20 % (2027) and 30 % (from 2028) (§3; IR 2025/2621).

article.ko.txt is our own Korean translation of it.

The test drafts the lesson with `dokhae lesson new --korean`, fills in what the teacher
would (glosses and definitions from the small tables below for the candidates the draft
offers; the stub questions written or deleted), runs `dokhae lesson forms`, checks that
`dokhae lesson status` and `dokhae check` accept it, and runs every notebook on it under
strict nbval (tests/notebook_runner.py).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dokhae import load_lesson
from dokhae.cli import main
from dokhae.lesson import STUB_KEY, TODO_MARKER, Matching
from dokhae.validation import listed_level

SECOND = Path(__file__).parent / "data" / "second-article"
SLUG = "cbam-definitive-2026"

# What the teacher writes for the English candidates: Korean equivalents and a definition.
GLOSSES = {
    "steelmaker": ("철강사; 철강 회사", "a company that makes steel"),
    "embed": (
        "내재하다; 포함하다",
        "to fix something inside something else; here, to be contained in a product",
    ),
    "importer": (
        "수입업자; 수입업체",
        "a person or company that brings goods in from another country to sell",
    ),
    "tonne": ("톤", "a unit of weight equal to 1,000 kilograms"),
    "emit": ("배출하다", "to send out gas, heat or smoke"),
    "exporter": ("수출업체; 수출업자", "a company that sells goods to another country"),
    "fertilizer": ("비료", "a substance put on soil to help plants grow"),
    "emission": ("배출; 배출량", "gas sent out into the air, or the amount of it"),
    "exempt": ("면제하다; 면제되다", "not having to do or pay what others must"),
    "definitive": ("확정적인; 최종적인", "final; not to be changed any more"),
    "verify": ("검증하다; 확인하다", "to check that something is true or correct"),
    "cement": ("시멘트", "a grey powder that is mixed with water and sand to build with"),
    "hydrogen": ("수소", "the lightest gas, which can be burned as a fuel"),
    "quarterly": ("분기마다; 분기별의", "happening every three months"),
    "threshold": ("기준; 한도", "the level at which a rule starts to apply"),
    "aluminum": ("알루미늄", "a light silver-grey metal"),
    "carbon dioxide": ("이산화탄소", "the gas that is produced when carbon is burned"),
    "definitive period": (
        "확정 기간",
        "the stage of the CBAM, from 2026, in which imports carry a carbon price",
    ),
    "actual emission": (
        "실제 배출량",
        "the emissions really measured for a product, not a default value",
    ),
    "mark-up": ("가산율; 가산", "an amount added to a value or a price"),
    "bring in": ("들여오다", "to bring goods into a country"),
    "work out": ("따져 보다; 계산하다", "to calculate something or find the answer to it"),
    "stake": ("걸린 것; 이해관계", "something that you can win or lose"),
    "export": ("수출; 수출액", "selling goods to another country, or the goods sold"),
}
# What the teacher writes for the Korean terms offered to English speakers (audience ko).
KOREAN_TERMS = {
    "간소화하다": ("simplify", "to make something easier or less complicated"),
    "인증서": ("certificate", "an official document that shows that something is true or allowed"),
}


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def korean_sentences(root: Path) -> dict[str, str]:
    out = {}
    for line in (
        (root / "articles" / SLUG / "article.ko.md").read_text(encoding="utf-8").splitlines()
    ):
        m = re.match(r"^(h1|c1|p\d+s\d+) \| (.*)$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


# Parts of speech the draft leaves to the teacher (a marker with its candidates), as used
# in the article: "importers of less than 50 tonnes are exempt", "iron, steel, cement",
# "its steel exports to the EU".
TEACHER_POS = {"exempt": "adjective", "cement": "noun", "export": "noun"}


def fill_glossary(root: Path) -> tuple[list[dict], list[dict]]:
    """Keep the candidates the tables cover, fill them in; delete the rest (as a teacher would)."""
    path = root / "glossary" / f"{SLUG}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = list(rows[0])
    english_rows, korean_rows = [], []
    for row in rows:
        assert row["ko"] == "" or row["audience"] == "ko", row  # no Korean gloss invented
        if row["audience"] == "ko":
            if row["ko"] not in KOREAN_TERMS:
                continue
            row["headword"], row["definition"] = KOREAN_TERMS[row["ko"]]
            if listed_level(row["headword"], row["pos"]) is None:  # else `lesson forms` fills it
                row["level"], row["level_source"] = "B2", "estimated"
            korean_rows.append(row)
        elif row["headword"] in GLOSSES and row["level"]:
            row["ko"], row["definition"] = GLOSSES[row["headword"]]
            if row["pos"].startswith("[TODO"):  # the draft does not guess: the teacher decides
                assert row["headword"] in TEACHER_POS, (
                    f"decide the part of speech of {row['headword']}: {row['pos']}"
                )
                row["pos"] = TEACHER_POS[row["headword"]]
            english_rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(english_rows + korean_rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return english_rows, korean_rows


def write_stub_questions(root: Path) -> None:
    """Write the main-idea and true/false stubs, delete the inference stub; the vocabulary
    matching stays a stub for `dokhae lesson forms`."""
    path = root / "exercises" / f"{SLUG}.yaml"
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions = []
    for q in bank["questions"]:
        if q["id"] == "main-idea":
            del q[STUB_KEY]
            q["prompt"] = {
                "en": "What is the article mainly about?",
                "ko": "이 기사의 중심 내용으로 가장 알맞은 것을 고르세요.",
            }
            q["choices"] = [
                {
                    "id": "a",
                    "en": "The EU's carbon border charge now applies, and Korean steelmakers are working out its cost.",
                    "ko": "EU의 탄소국경 부담이 이제 적용되어 한국 철강사들이 그 비용을 따져 보고 있다.",
                },
                {
                    "id": "b",
                    "en": "South Korea has agreed to stop exporting steel to the EU.",
                    "ko": "한국이 EU로의 철강 수출을 중단하기로 합의했다.",
                },
                {
                    "id": "c",
                    "en": "The EU has cancelled the CBAM for steel.",
                    "ko": "EU가 철강에 대한 CBAM을 폐지했다.",
                },
                {
                    "id": "d",
                    "en": "Korean steelmakers will receive free emission allowances from the EU.",
                    "ko": "한국 철강사들이 EU로부터 무상 배출권을 받게 된다.",
                },
            ]
            q["answer"] = "a"
            q["sentences"] = ["h1", "p1s1"]
            q["explanation"] = {
                "en": "The headline (h1) and paragraph 1, sentence 1 say that the CBAM entered its definitive "
                "period on Jan. 1, 2026, and that South Korean steelmakers are working out what it will "
                "cost them. Choices b and c contradict the article; d mixes up EU steelmakers (paragraph 6) "
                "with Korean ones.",
                "ko": "제목(h1)과 1문단 1번째 문장에 따르면 CBAM은 2026년 1월 1일 확정 기간에 들어갔고, 한국 "
                "철강사들은 그 비용을 따져 보고 있습니다. b와 c는 기사 내용과 어긋나고, d는 6문단의 EU "
                "철강사 이야기를 한국 철강사로 잘못 옮긴 것입니다.",
            }
        elif q["id"] == "detail-true-false":
            del q[STUB_KEY]
            q["prompt"] = {
                "en": "During the transitional period, importers paid for the emissions embedded in their goods.",
                "ko": "전환 기간에 수입업자들은 상품에 내재된 배출량에 대해 비용을 냈다.",
            }
            q["answer"] = "false"
            q["sentences"] = ["p2s1", "p2s2"]
            q["explanation"] = {
                "en": "Paragraph 2, sentence 1 says importers only had to file quarterly reports, and sentence 2 "
                "adds: “They paid nothing.”",
                "ko": "2문단 1번째 문장에 따르면 수입업자는 분기마다 보고만 하면 됐고, 2번째 문장은 “비용은 전혀 "
                "내지 않았다”고 덧붙입니다.",
            }
        elif q["id"] == "inference":
            continue
        questions.append(q)
    bank["questions"] = questions
    path.write_text(
        yaml.safe_dump(bank, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )


@pytest.mark.slow
def test_a_second_lesson_from_a_new_article(tmp_path):
    root = tmp_path / "content"
    result = run(
        "lesson",
        "new",
        SLUG,
        "--from",
        SECOND / "article.en.txt",
        "--korean",
        SECOND / "article.ko.txt",
        "--root",
        root,
        "--outlet",
        "dokhae (original text for the tests)",
        "--date",
        "2026-04-08",
        "--source",
        "https://eur-lex.europa.eu/eli/reg/2025/2083/oj",
        "--limit",
        "30",
    )
    assert result.exit_code == 0, result.output
    assert "19 sentences (19 with a Korean translation)" in result.output, result.output
    assert "alignment:" not in result.output
    korean = korean_sentences(root)
    assert not any(TODO_MARKER.search(text) for text in korean.values())
    assert korean["p2s2"] == "비용은 전혀 내지 않았다."

    status = run("lesson", "status", SLUG, "--root", root)
    assert status.exit_code == 1 and "Untranslated sentences" not in status.output

    english_rows, korean_rows = fill_glossary(root)
    assert len(english_rows) >= 10, "the draft offered too few of the article's key words"
    assert {"steelmaker", "threshold"} <= {r["headword"] for r in english_rows}
    write_stub_questions(root)

    forms = run("lesson", "forms", SLUG, "--root", root)
    assert forms.exit_code == 0, forms.output
    assert "into the vocabulary matching" in forms.output and "kept your" not in forms.output

    status = run("lesson", "status", SLUG, "--root", root)
    assert status.exit_code == 0, status.output
    check = run("check", root)
    assert check.exit_code == 0, check.output

    lesson = load_lesson(SLUG, root=root)
    assert len(lesson.glossary) == len(english_rows) + len(korean_rows)
    with_forms = [e for e in lesson.glossary if e.ko_forms]
    assert len(with_forms) >= 0.8 * len(lesson.glossary), [
        e.id for e in lesson.glossary if not e.ko_forms
    ]
    for entry in korean_rows:
        assert lesson.entry(entry["id"]).forms, entry  # English forms found by `lesson forms`
    [matching] = [q for q in lesson.exercises.questions if isinstance(q, Matching)]
    assert len(matching.pairs) >= 4
    kinds = {q.type for q in lesson.exercises.questions}
    assert {"cloze", "numeric", "multiple_choice", "true_false_not_given", "matching"} <= kinds

    from notebook_runner import run_notebooks

    completed = run_notebooks(SLUG, root, tmp_path / "notebooks")
    assert completed.returncode == 0, completed.stdout[-6000:]
