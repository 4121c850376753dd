"""`dokhae lesson new --from-korean`: a Korean article becomes a lesson for English speakers.

The Korean text keeps the sentence ids, article.en.md gets the teacher's English (aligned)
or an English-translation marker per sentence that `dokhae check` and `dokhae lesson
status` report with file:line, the glossary gets Korean terms (audience ko) whose Korean
comes from the text, and the lesson passes `dokhae check` once the teacher has written
the English side.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from dokhae import validate
from dokhae.authoring import (
    AuthoringError,
    align_english,
    draft_lesson,
    lesson_status,
    romanize,
    segment_korean_article,
)
from dokhae.authoring.draft import figure_items, lesson_paths, matching_item
from dokhae.cli import main
from dokhae.lesson import BLANK, STUB_KEY, UNTRANSLATED_EN, todo_marker
from dokhae.loading import ENGLISH_UNTRANSLATED_MESSAGE, UNTRANSLATED_MESSAGE
from dokhae.teacher import select_exercises
from dokhae.validation import load_lesson

# A short Korean news text written for these tests. Every fact is from
# docs/cbam-sources.md: the definitive period from 1 Jan 2026; the
# transitional period from 1 Oct 2023 with quarterly reports only; the first CBAM price,
# €75.36/tCO2e for Q1 2026; certificate sales from 1 Feb 2027; the 50-tonne yearly
# de-minimis; direct emissions only for iron and steel; free allocation for CBAM goods at
# 0 % in 2034; the first annual declaration by 30 Sep 2027. The dateline, the reporter
# (홍길동, a placeholder name) and the "(끝)" are the furniture of a Yonhap article.
KOREAN = """EU 탄소국경조정제도, 올해부터 본격 시행

(브뤼셀=연합뉴스) 홍길동 특파원 = 유럽연합(EU)의 탄소국경조정제도(CBAM)가 2026년 1월 1일 확정 기간에 들어갔다. 2023년 10월부터 이어진 전환 기간에는 수입업자가 분기마다 보고서만 제출했다.

EU는 1분기 인증서 가격을 톤당 75.36유로로 처음 발표했다. 인증서 판매는 2027년 2월 1일에 시작된다.

연간 수입량이 50톤 이하인 수입업자는 의무를 면제받는다. 철강의 경우 직접 배출량만 계산에 포함된다.

EU 철강업체에 대한 무상할당은 2034년에 완전히 사라진다. 첫 연간 신고 기한은 2027년 9월 30일이다. (끝)
"""

IDS = ["h1", "p1s1", "p1s2", "p2s1", "p2s2", "p3s1", "p3s2", "p4s1", "p4s2"]

# The teacher's English translation, by sentence id.
ENGLISH = {
    "h1": "EU carbon border levy takes full effect this year",
    "p1s1": "The European Union's Carbon Border Adjustment Mechanism (CBAM) entered its definitive "
    "period on Jan. 1, 2026.",
    "p1s2": "During the transitional period that began in October 2023, importers only filed reports "
    "every quarter.",
    "p2s1": "The EU published its first certificate price, 75.36 euros per tonne, for the first quarter.",
    "p2s2": "Sales of certificates start on Feb. 1, 2027.",
    "p3s1": "Importers whose annual imports are 50 tonnes or less are exempt from the obligation.",
    "p3s2": "For steel, only direct emissions count in the calculation.",
    "p4s1": "Free allocation for EU steelmakers disappears completely in 2034.",
    "p4s2": "The deadline for the first annual declaration is Sept. 30, 2027.",
}
PARAGRAPHS = [["h1"], ["p1s1", "p1s2"], ["p2s1", "p2s2"], ["p3s1", "p3s2"], ["p4s1", "p4s2"]]
ENGLISH_TEXT = (
    "\n\n".join(
        ("BRUSSELS (Yonhap) -- " if ids[0] == "p1s1" else "") + " ".join(ENGLISH[i] for i in ids)
        for ids in PARAGRAPHS
    )
    + "\n"
)

# The teacher's English for the Korean terms the draft may offer (any it offers must be
# here), each a word the English translation uses.
HEADWORDS = {
    "이어지다": "begin",
    "수입량": "import",
    "배출량": "emission",
    "수입업자": "importer",
    "철강업체": "steelmaker",
    "탄소국경조정제도": "Carbon Border Adjustment Mechanism",
    "무상할당": "free allocation",
    "인증서": "certificate",
    "철강": "steel",
    "유럽연합": "European Union",
    "연간": "annual",
    "분기": "quarter",
    "면제": "exempt",
    "제출하다": "file",
    "기한": "deadline",
    "업자": "importer",
    "탄소": "carbon",
    "국경": "border",
    "직접": "direct",
    "판매": "sale",
    "가격": "price",
    "신고": "declaration",
    "의무": "obligation",
    "계산": "calculation",
    "확정": "definitive",
    "기간": "period",
    "전환": "transitional",
    "포함되다": "count",
    "시행": "effect",
    "발표하다": "publish",
    "사라지다": "disappear",
    "완전히": "completely",
    "처음": "first",
    "보고서": "report",
    "시작되다": "start",
}
SLUG = "cbam-definitive-ko"


def article_lines(path: Path) -> list[tuple[str, str, int]]:
    """(id, text, line number) of every sentence line of an article file."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        m = re.match(r"^(h1|p\d+s\d+) \| (.*)$", line)
        if m:
            out.append((m.group(1), m.group(2), number))
    return out


def blocks(path: Path) -> list[list[str]]:
    """The ids of an article file grouped by paragraph (blank lines)."""
    out, current = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^(h1|p\d+s\d+) \| ", line)
        if m:
            current.append(m.group(1))
        elif not line.strip() and current:
            out.append(current)
            current = []
    return out + ([current] if current else [])


def read_glossary(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def write_glossary(path: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def translate(root: Path, slug: str = SLUG) -> None:
    """Write the English sentences into article.en.md, as a teacher would."""
    path = lesson_paths(root, slug)["en"]
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^(h1|p\d+s\d+) \| ", line)
        lines.append(f"{m.group(1)} | {ENGLISH[m.group(1)]}" if m else line)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("korean-source")
    (folder / "기사.txt").write_text(KOREAN, encoding="utf-8")
    (folder / "english.txt").write_text(ENGLISH_TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def drafted(source, tmp_path_factory):
    """The Korean article drafted without an English text."""
    root = tmp_path_factory.mktemp("draft-ko-source") / "content"
    result = draft_lesson(SLUG, source / "기사.txt", root=root, language="ko", limit=10)
    return root, result


# --------------------------------------------------------------------------- segmentation


def test_the_korean_article_gets_ids_and_loses_its_dateline():
    article = segment_korean_article(KOREAN)
    assert [sid for sid, _ in article.sentences()] == IDS
    assert article.headline == "EU 탄소국경조정제도, 올해부터 본격 시행"
    assert (article.dateline.place, article.dateline.agency) == ("브뤼셀", "연합뉴스")
    assert article.byline == "홍길동 특파원"
    sentences = dict(article.sentences())
    assert sentences["p1s1"].startswith("유럽연합(EU)의 탄소국경조정제도")  # no dateline
    assert sentences["p4s2"] == "첫 연간 신고 기한은 2027년 9월 30일이다."  # no (끝)


def test_a_news_site_page_loses_its_furniture():
    page = (
        "정부, 철강 수출 지원책 발표\n입력 2026.04.08 10:14 수정 2026.04.08 11:00\n김철수 기자\n\n"
        "[세종=뉴시스] 정부가 지원책을 발표했다. 업계는 환영했다.\n\n"
        "지원은 다음 달 시작된다.\nkim@newsis.com\n<저작권자ⓒ 공감언론 뉴시스통신사. 무단전재-재배포 금지.>\n"
    )
    article = segment_korean_article(page)
    assert article.sentences() == [
        ("h1", "정부, 철강 수출 지원책 발표"),
        ("p1s1", "정부가 지원책을 발표했다."),
        ("p1s2", "업계는 환영했다."),
        ("p2s1", "지원은 다음 달 시작된다."),
    ]
    assert article.dateline.agency == "뉴시스" and article.byline == "김철수 기자"
    with pytest.raises(ValueError, match="no sentences"):
        segment_korean_article("제목만 있다\n")


def test_korean_figures_skip_dates_quarters_articles_and_big_units():
    items = figure_items(
        [
            ("p1s1", "제도는 2026년 1월 1일 시행됐고 1분기 가격은 톤당 75.36유로였다."),
            ("p2s1", "제9조에 따라 약 18만 2000명이 면제되며, 2차 회의는 3호실에서 열렸다."),
            ("p3s1", "연간 50톤 이하는 면제된다."),
        ],
        language="ko",
    )
    assert [(q["id"], q["answer"], q["skill"]) for q in items] == [
        ("year-p1s1", 2026, "timeline"),
        ("figure-p1s1", 75.36, "detail"),
        ("figure-p3s1", 50, "detail"),
    ]
    assert "“제도는 ___년 1월 1일" in items[0]["prompt"]["ko"]
    # the English rules are unchanged: 2026년 is not a number there
    assert figure_items([("p1s1", "It began in 2026년.")]) == []


# --------------------------------------------------------------------------- the draft


def test_the_draft_has_the_korean_text_and_english_markers(drafted):
    root, result = drafted
    paths = lesson_paths(root, SLUG)
    assert result.language == "ko" and result.sentences == len(IDS) and result.translated == 0
    korean = article_lines(paths["ko"])
    assert [(sid, text) for sid, text, _ in korean] == segment_korean_article(KOREAN).sentences()
    english = article_lines(paths["en"])
    assert [sid for sid, _, _ in english] == IDS
    assert {text for _, text, _ in english} == {UNTRANSLATED_EN}
    assert blocks(paths["en"]) == blocks(paths["ko"]) == PARAGRAPHS
    meta = yaml.safe_load(paths["meta"].read_text(encoding="utf-8"))
    assert (meta["agency"], meta["byline"]) == ("연합뉴스", "홍길동 특파원")
    assert "dateline was: (브뤼셀=연합뉴스) 홍길동 특파원 =" in paths["meta"].read_text(
        encoding="utf-8"
    )


def test_the_glossary_has_korean_terms_from_the_text(drafted):
    root, result = drafted
    rows = read_glossary(lesson_paths(root, SLUG)["glossary"])
    assert len(rows) == result.glossary_rows == 10
    korean = dict(segment_korean_article(KOREAN).sentences())
    text = "\n".join(korean.values())
    for row in rows:
        assert row["audience"] == "ko" and row["id"].startswith("ko-")
        forms = row["ko_forms"].split("; ")
        assert row["ko_forms"] and all(form in text for form in forms), row
        assert any(form in korean[row["sentence_id"]] for form in forms), row
        assert row["example_ko"] == korean[row["sentence_id"]]
        # the Korean word is the text's (a noun as it stands, a verb in its dictionary form)
        assert row["ko"] in forms or row["ko"].endswith("다"), row
        assert row["romanization"] == romanize(row["ko"]) != ""
        # the English side is the teacher's
        assert (
            row["headword"],
            row["forms"],
            row["definition"],
            row["example_en"],
            row["level"],
            row["level_source"],
        ) == ("", "", "", "", "", "")
    assert {"탄소국경조정제도", "인증서", "수입업자"} <= {row["ko"] for row in rows}
    assert "특파원" not in {row["ko"] for row in rows}  # the dateline is not text


def test_the_exercises_rest_on_the_korean_text(drafted):
    root, _ = drafted
    korean = dict(segment_korean_article(KOREAN).sentences())
    questions = yaml.safe_load(lesson_paths(root, SLUG)["exercises"].read_text(encoding="utf-8"))[
        "questions"
    ]
    cloze = [q for q in questions if q["type"] == "cloze"]
    numeric = [q for q in questions if q["type"] == "numeric"]
    assert len(cloze) >= 3 and len(numeric) >= 3
    for q in cloze:
        [sid] = q["sentences"]
        assert q["text"].count(BLANK) == 1 and q["text"].replace(BLANK, q["answer"]) == korean[sid]
        assert re.search("[가-힣]", q["answer"]) and "syllables" in q["hint"]["en"]
        assert q["hint"]["ko"].endswith(f"모두 {len(q['answer'])}음절입니다.")
    for q in numeric:
        [sid] = q["sentences"]
        assert str(q["answer"]) in korean[sid] and BLANK in q["prompt"]["ko"]
    assert {(q["answer"], q["skill"]) for q in numeric} >= {
        (2026, "timeline"),
        (75.36, "detail"),
        (50, "detail"),
    }
    [matching] = [q for q in questions if q["id"] == "vocabulary-matching"]
    assert (
        matching["prompt"]["en"]
        == "Match each Korean word from the article with its English meaning."
    )
    assert matching["prompt"]["ko"] == "기사에 나온 한국어 단어를 알맞은 영어 뜻과 연결하세요."
    assert "English headwords (headword)" in matching[STUB_KEY]
    assert [q["id"] for q in questions if STUB_KEY in q] == [
        "main-idea",
        "vocabulary-matching",
        "detail-true-false",
        "inference",
    ]


def test_the_items_on_the_korean_text_are_for_learners_of_korean(drafted):
    """Clozes, figures and the matching of Korean terms test the Korean text (`tests: ko`,
    right after the skill); the stubs the teacher writes on the facts are for everyone."""
    root, _ = drafted
    text = lesson_paths(root, SLUG)["exercises"].read_text(encoding="utf-8")
    questions = yaml.safe_load(text)["questions"]
    made = [q for q in questions if q["type"] in ("cloze", "numeric")]
    assert made and all(q["tests"] == "ko" for q in made), [(q["id"], q.get("tests")) for q in made]
    [matching] = [q for q in questions if q["id"] == "vocabulary-matching"]
    assert matching["tests"] == "ko"
    stubs = [q for q in questions if STUB_KEY in q and q["id"] != "vocabulary-matching"]
    assert stubs and all("tests" not in q for q in stubs)
    assert text.count("    skill: vocabulary\n    tests: ko\n") >= 2


def test_check_and_status_report_each_untranslated_english_sentence(drafted):
    root, result = drafted
    paths = lesson_paths(root, SLUG)
    ko_lines = {sid: number for sid, _, number in article_lines(paths["ko"])}
    en_lines = {sid: number for sid, _, number in article_lines(paths["en"])}
    errors = validate(root).errors
    untranslated = [p for p in errors if p.message == ENGLISH_UNTRANSLATED_MESSAGE]
    assert [p.field for p in untranslated] == IDS
    for p in untranslated:
        assert p.file == f"articles/{SLUG}/article.en.md" and p.line == en_lines[p.field]
        assert p.value == UNTRANSLATED_EN
        assert (
            f"article.ko.md line {ko_lines[p.field]}:" in p.fix
            and "English translation of" in p.fix
        )
    assert not [
        p for p in errors if p.message == UNTRANSLATED_MESSAGE or p.file.endswith("article.ko.md")
    ]

    status = lesson_status(SLUG, root)
    counts = status.counts()
    assert counts["untranslated"] == len(IDS) and counts["gloss"] == 0
    assert counts["english_gloss"] == result.glossary_rows
    text = str(status)
    for sid in IDS:
        assert (
            f"articles/{SLUG}/article.en.md:{en_lines[sid]}  {sid}: write the English sentence "
            f"(the Korean is on article.ko.md line {ko_lines[sid]})"
        ) in text
    assert f"write the English sentences in articles/{SLUG}/article.en.md" in text
    assert "write the Korean sentences" not in text
    assert f"Empty English headwords of Korean terms (headword): {result.glossary_rows}" in text


# --------------------------------------------------------------------------- with the teacher's English


def test_the_english_translation_is_aligned_to_the_korean_ids(source, tmp_path):
    root = tmp_path / "content"
    result = draft_lesson(
        "with-english",
        source / "기사.txt",
        root=root,
        language="ko",
        english=source / "english.txt",
        limit=4,
    )
    assert result.alignment_problems == () and result.translated == len(IDS)
    paths = lesson_paths(root, "with-english")
    assert {sid: text for sid, text, _ in article_lines(paths["en"])} == ENGLISH
    for row in read_glossary(paths["glossary"]):
        assert row["example_en"] == ENGLISH[row["sentence_id"]] and row["headword"] == ""
    assert not [p for p in validate(root).errors if p.file.endswith((".en.md", ".ko.md"))]


def test_a_missing_english_sentence_is_named_by_its_korean_id(source, tmp_path):
    text = ENGLISH_TEXT.replace(" " + ENGLISH["p1s2"], "")
    assert text != ENGLISH_TEXT
    (tmp_path / "en.txt").write_text(text, encoding="utf-8")
    korean = dict(segment_korean_article(KOREAN).sentences())
    alignment = align_english([[(sid, korean[sid]) for sid in ids] for ids in PARAGRAPHS], text)
    assert alignment.english == {sid: "" if sid == "p1s2" else ENGLISH[sid] for sid in IDS}
    assert alignment.problems == (
        f"p1s2: no English sentence matches it; translate it (it is left as {UNTRANSLATED_EN})",
    )
    root = tmp_path / "content"
    result = draft_lesson(
        "missing",
        source / "기사.txt",
        root=root,
        language="ko",
        english=tmp_path / "en.txt",
        limit=0,
    )
    assert result.translated == len(IDS) - 1 and len(result.alignment_problems) == 1
    [problem] = [p for p in validate(root).errors if p.file.endswith("article.en.md")]
    assert (problem.field, problem.message) == ("p1s2", ENGLISH_UNTRANSLATED_MESSAGE)


def test_a_translation_in_the_wrong_language_is_refused(source, tmp_path):
    with pytest.raises(AuthoringError, match="English translation goes with a Korean article"):
        draft_lesson("x", source / "english.txt", root=tmp_path, english=source / "english.txt")
    with pytest.raises(AuthoringError, match="Korean translation goes with an English article"):
        draft_lesson(
            "x", source / "기사.txt", root=tmp_path, language="ko", korean=source / "기사.txt"
        )
    with pytest.raises(AuthoringError, match="bad article language 'fr'"):
        draft_lesson("x", source / "기사.txt", root=tmp_path, language="fr")
    assert not (tmp_path / "articles").exists()


def test_the_matching_pairs_korean_terms_with_their_english_headwords():
    rows = [
        {"headword": "certificate", "ko": "인증서", "audience": "ko", "sentence_id": "p2s1"},
        {"headword": "importer", "ko": "수입업자; 수입자", "audience": "ko", "sentence_id": "p1s2"},
        {"headword": "resume", "ko": "재개하다", "audience": "en", "sentence_id": "p1s1"},
    ]
    item = matching_item(rows, order=IDS)
    assert item["pairs"] == [
        {"left": "인증서", "right": "certificate"},
        {"left": "수입업자", "right": "importer"},
    ]
    assert item["sentences"] == ["p1s2", "p2s1"] and item["prompt"]["en"].startswith(
        "Match each Korean word"
    )
    # more English-side pairs: English -> Korean, unless the Korean direction is asked for
    # (`lesson forms` asks for the direction of the draft's stub)
    rows += [
        {"headword": "tariff", "ko": "관세", "audience": "en", "sentence_id": "p2s1"},
        {"headword": "levy", "ko": "부과하다", "audience": "both", "sentence_id": "p2s2"},
    ]
    item = matching_item(rows, order=IDS)
    assert item["pairs"][0] == {"left": "resume", "right": "재개하다"} and len(item["pairs"]) == 3
    assert item["prompt"]["en"].startswith("Match each English word")
    item = matching_item(rows, order=IDS, language="ko")
    assert [p["left"] for p in item["pairs"]] == ["인증서", "수입업자"]


# --------------------------------------------------------------------------- the commands, to a ready lesson


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_the_cli_takes_one_article_and_the_matching_translation(source, tmp_path):
    article, english = source / "기사.txt", source / "english.txt"
    for args, message in [
        (
            ("--from", english, "--from-korean", article),
            "--from FILE (English) or --from-korean FILE",
        ),
        ((), "--from FILE (English) or --from-korean FILE"),
        (("--from", english, "--english", english), "use it with --from-korean"),
        (("--from-korean", article, "--korean", article), "use it with --from"),
    ]:
        result = run("lesson", "new", "x", *args, "--root", tmp_path)
        assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "articles").exists()


def test_a_korean_lesson_is_completed_with_forms_status_and_check(source, tmp_path):
    root = tmp_path / "content"
    result = run(
        "lesson",
        "new",
        SLUG,
        "--from-korean",
        source / "기사.txt",
        "--root",
        root,
        "--outlet",
        "연합뉴스",
        "--date",
        "2026-04-08",
        "--source",
        "https://www.yna.co.kr/",
        "--limit",
        "8",
    )
    assert result.exit_code == 0, result.output
    assert f"Drafted lesson {SLUG} from a Korean article:" in result.output
    assert (
        f"{len(IDS)} sentences (0 with an English translation), 8 glossary candidates"
        in result.output
    )

    status = run("lesson", "status", SLUG, "--root", root)
    assert status.exit_code == 1 and f"Untranslated sentences: {len(IDS)}" in status.output
    assert re.search(
        rf"articles/{SLUG}/article\.en\.md:\d+  p4s2: write the English sentence", status.output
    )

    # the teacher writes the English text and the English side of the Korean terms
    translate(root)
    glossary = lesson_paths(root, SLUG)["glossary"]
    rows = read_glossary(glossary)
    for row in rows:
        row["headword"] = HEADWORDS[row["ko"]]
        row["definition"] = f"the English for {row['ko']}"
    write_glossary(glossary, rows)
    forms = run("lesson", "forms", SLUG, "--root", root)
    assert forms.exit_code == 0, forms.output
    assert "into the vocabulary matching (vocabulary-matching)" in forms.output
    after = read_glossary(glossary)
    english_text = "\n".join(ENGLISH.values())
    for row in after:
        assert row["example_en"] == ENGLISH[row["sentence_id"]]  # filled from the English
        assert all(
            re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", english_text, re.IGNORECASE)
            for f in row["forms"].split("; ")
            if f
        )
    assert all(row["forms"] for row in after), [(r["headword"], r["forms"]) for r in after]
    assert any(row["level_source"] == "CEFR-J 1.5" for row in after)  # certificate, steel, ...
    for row in after:  # the levels the CEFR lists do not give, the teacher's
        if not row["level"]:
            row["level"], row["level_source"] = "B2", "estimated"
    write_glossary(glossary, after)

    exercises = lesson_paths(root, SLUG)["exercises"]
    bank = yaml.safe_load(exercises.read_text(encoding="utf-8"))
    [matching] = [q for q in bank["questions"] if q["id"] == "vocabulary-matching"]
    assert STUB_KEY not in matching
    assert {(p["left"], p["right"]) for p in matching["pairs"]} <= {
        (r["ko"], r["headword"]) for r in rows
    }
    questions = []
    for q in bank["questions"]:
        if q["id"] == "detail-true-false":
            del q[STUB_KEY]
            q.update(
                sentences=["p3s1"],
                answer="true",
                prompt={
                    "en": "An importer of 40 tonnes a year is exempt.",
                    "ko": "한 해 40톤을 수입하는 업자는 면제된다.",
                },
                explanation={
                    "en": "p3s1: 50 tonnes or less a year are exempt.",
                    "ko": "p3s1: 연간 50톤 이하는 면제된다.",
                },
            )
        if STUB_KEY not in q:
            questions.append(q)
    bank["questions"] = questions
    exercises.write_text(
        yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )

    status = run("lesson", "status", SLUG, "--root", root)
    assert status.exit_code == 0, status.output
    check = run("check", root / "articles" / SLUG)
    assert check.exit_code == 0 and "OK: every lesson is valid (0 errors" in check.output, (
        check.output
    )
    assert not todo_marker(
        lesson_paths(root, SLUG)["en"].read_text(encoding="utf-8").split("-->", 1)[1]
    )
    # the finished lesson: a class of learners of Korean gets the items drafted on the
    # Korean text (the matching kept its `tests: ko` through `lesson forms`), a class of
    # Korean students of English none of them
    lesson = load_lesson(SLUG, root)
    drafted_on_korean = {
        q.id for q in lesson.exercises.questions if q.type in ("cloze", "numeric", "matching")
    }
    assert "vocabulary-matching" in drafted_on_korean
    assert drafted_on_korean <= set(select_exercises(lesson, direction="ko"))
    assert not drafted_on_korean & set(select_exercises(lesson, direction="en"))


def test_the_reading_view_shows_the_korean_terms_in_both_texts(source, tmp_path):
    """A glossary of Korean terms only (audience ko): the Korean text highlights them, and
    the English text highlights their English forms instead of nothing."""
    from dokhae.lesson import GlossaryEntry
    from dokhae.validation import load_lesson
    from dokhae.widgets.reading import ReadingView

    root = tmp_path / "content"
    draft_lesson(
        SLUG,
        source / "기사.txt",
        root=root,
        language="ko",
        english=source / "english.txt",
        limit=0,
        outlet="연합뉴스",
        published="2026-04-08",
        source_url="https://www.yna.co.kr/",
    )
    glossary = lesson_paths(root, SLUG)["glossary"]
    row = dict.fromkeys(GlossaryEntry.model_fields, "") | {
        "id": "ko-injeungseo",
        "headword": "certificate",
        "forms": "certificate",
        "pos": "noun",
        "ko": "인증서",
        "ko_forms": "인증서",
        "definition": "an official document",
        "example_en": ENGLISH["p2s1"],
        "example_ko": dict(segment_korean_article(KOREAN).sentences())["p2s1"],
        "sentence_id": "p2s1",
        "level": "B2",
        "level_source": "CEFR-J 1.5",
        "romanization": "injeungseo",
        "audience": "ko",
    }
    write_glossary(glossary, [row])
    exercises = lesson_paths(root, SLUG)["exercises"]
    bank = yaml.safe_load(exercises.read_text(encoding="utf-8"))
    bank["questions"] = [q for q in bank["questions"] if STUB_KEY not in q]
    exercises.write_text(
        yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    lesson = load_lesson(SLUG, root)
    for direction, shown in (("ko", ["인증서", "인증서"]), ("en", ["certificate"])):
        view = ReadingView(lesson, direction=direction, lang="en")
        view.go(2)  # paragraph 2 (page 0 is the headline)
        assert [b.description for b in view.terms] == shown, direction
    assert (
        ReadingView(lesson, direction="en", audience="en").terms == ()
    )  # an explicit group is kept
