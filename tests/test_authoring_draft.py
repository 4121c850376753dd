"""`dokhae lesson new`: an article becomes a draft lesson that `dokhae check` rejects until complete."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml

from dokhae import validate
from dokhae.authoring import (
    AuthoringError,
    draft_lesson,
    lesson_status,
    segment_article,
    split_sentences,
)
from dokhae.authoring.draft import GLOSSARY_COLUMNS, figure_items, lesson_paths
from dokhae.lesson import BLANK, STUB_KEY, UNTRANSLATED
from dokhae.loading import EMPTY_MESSAGE, STUB_MESSAGE, TODO_MESSAGE, UNTRANSLATED_MESSAGE

DATA = Path(__file__).parent / "data"
SECOND = DATA / "second-article"
SEED_PAGE = DATA / "seed-article.txt"
SEED_TITLE = "S. Korea, Japan resume dialogue on steel cooperation after 5-year hiatus"
SLUG = "cbam-definitive-2026"


# --------------------------------------------------------------------------- segmentation


def test_abbreviations_initials_and_decimals_do_not_end_sentences():
    text = (
        "S. Korea and the U.S. signed the deal on Jan. 5 in Washington. Mr. Kim said exports grew "
        "2.5 percent, to $1.2 billion, at No. 3 Steel Co. Prices rose."
    )
    assert split_sentences(text) == [
        "S. Korea and the U.S. signed the deal on Jan. 5 in Washington.",
        "Mr. Kim said exports grew 2.5 percent, to $1.2 billion, at No. 3 Steel Co.",
        "Prices rose.",
    ]


def test_a_dotted_abbreviation_ends_a_sentence_before_a_sentence_starter():
    assert split_sentences("Steel came from the U.S. The ministry said so.") == [
        "Steel came from the U.S.",
        "The ministry said so.",
    ]
    assert split_sentences("The U.S. Treasury agreed.") == ["The U.S. Treasury agreed."]


def test_quotes_and_the_agency_tail():
    paragraph = (
        '"Cooperation became ever more crucial. The two sides vowed to continue to join hands," '
        "the ministry said in a release. (Yonhap)"
    )
    assert split_sentences(paragraph) == [
        '"Cooperation became ever more crucial.',
        'The two sides vowed to continue to join hands," the ministry said in a release. (Yonhap)',
    ]
    assert split_sentences("“Why now?” he asked. “Because it is time.” She left!") == [
        "“Why now?” he asked.",
        "“Because it is time.”",
        "She left!",
    ]


@pytest.mark.parametrize(
    ("line", "place", "date", "agency"),
    [
        ("SEOUL, May 31 (Yonhap) -- South Korea and Japan met.", "SEOUL", "May 31", "Yonhap"),
        ("BRUSSELS (AP) — The EU set a price.", "BRUSSELS", None, "AP"),
        ("SEOUL, April 8 -- The CBAM entered its definitive period.", "SEOUL", "April 8", None),
    ],
)
def test_the_dateline_is_taken_off_the_first_sentence(line, place, date, agency):
    article = segment_article(f"Headline here\n\n{line}\n\nSecond paragraph.")
    assert (article.dateline.place, article.dateline.date, article.dateline.agency) == (
        place,
        date,
        agency,
    )
    first = article.paragraphs[0][0]
    assert (
        first[0].isupper()
        and not first.startswith(place)
        and "--" not in first
        and "—" not in first
    )
    assert article.sentences()[-1] == ("p2s1", "Second paragraph.")


def test_paragraphs_headline_byline_and_ids():
    text = (
        "Steel talks resume\nBy Yonhap\n\nThe first paragraph is\nwrapped over two lines. It has two "
        "sentences.\n\nThe second has one.\n"
    )
    article = segment_article(text)
    assert article.headline == "Steel talks resume" and article.byline == "By Yonhap"
    assert article.sentences() == [
        ("h1", "Steel talks resume"),
        ("p1s1", "The first paragraph is wrapped over two lines."),
        ("p1s2", "It has two sentences."),
        ("p2s1", "The second has one."),
    ]
    # no blank line at all: one paragraph per line
    assert [sid for sid, _ in segment_article("Title\nOne. Two.\nThree.").sentences()] == [
        "h1",
        "p1s1",
        "p1s2",
        "p2s1",
    ]


def test_the_seed_page_gives_the_seed_sentences(lesson):
    """The Korea Herald page as pasted (site name, byline, 'Link copied') gives exactly the
    sentences of the first lesson, in order, when the title is given."""
    article = segment_article(SEED_PAGE.read_text(encoding="utf-8"), title=SEED_TITLE)
    got = [text for _, text in article.sentences()]
    want = [s.en for s in lesson.article.sentences.values() if s.id != "c1"]
    assert article.byline == "By Yonhap"
    positions = [got.index(sentence) for sentence in want]
    assert positions == sorted(positions)


def test_a_text_with_only_a_headline_is_refused():
    with pytest.raises(ValueError, match="no sentences"):
        segment_article("Only a headline\n")


# --------------------------------------------------------------------------- drafting


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """The second article drafted without a Korean text (module-wide: drafting is slow-ish)."""
    root = tmp_path_factory.mktemp("draft") / "content"
    result = draft_lesson(
        SLUG, SECOND / "article.en.txt", root=root, outlet="dokhae tests", limit=15
    )
    return root, result


def _article_lines(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(h1|c1|p\d+s\d+) \| (.*)$", line)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def _glossary(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _questions(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def test_the_draft_files_and_their_sentence_ids(drafted):
    root, result = drafted
    paths = lesson_paths(root, SLUG)
    assert set(result.written) == set(paths.values()) and all(p.is_file() for p in paths.values())
    english = _article_lines(paths["en"])
    expected = segment_article((SECOND / "article.en.txt").read_text(encoding="utf-8")).sentences()
    assert english == expected and result.sentences == len(expected)
    assert [sid for sid, _ in english][:4] == ["h1", "p1s1", "p2s1", "p2s2"]
    assert english[1][1].startswith("The European Union's")  # the dateline is not text
    korean = _article_lines(paths["ko"])
    assert [sid for sid, _ in korean] == [sid for sid, _ in english]
    assert {text for _, text in korean} == {UNTRANSLATED} and result.translated == 0
    meta = yaml.safe_load(paths["meta"].read_text(encoding="utf-8"))
    assert meta["slug"] == SLUG and meta["outlet"] == "dokhae tests"
    assert meta["published"].startswith("[TODO") and meta["source_url"].startswith("[TODO")


def test_glossary_candidates_leave_the_korean_to_the_teacher(drafted):
    root, result = drafted
    path = lesson_paths(root, SLUG)["glossary"]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the Korean right
    rows = _glossary(path)
    assert tuple(rows[0]) == GLOSSARY_COLUMNS and len(rows) == result.glossary_rows == 15
    english = dict(_article_lines(lesson_paths(root, SLUG)["en"]))
    for row in rows:
        assert row["ko"] == "" and row["ko_forms"] == "" and row["romanization"] == ""
        assert row["definition"] == "" and row["example_ko"] == ""
        assert row["example_en"] == english[row["sentence_id"]]

        def occurs(form, text):
            return re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, re.IGNORECASE)

        forms = row["forms"].split("; ")
        assert all(occurs(form, "\n".join(english.values())) for form in forms), row
        assert any(occurs(form, row["example_en"]) for form in forms), row
    assert len({row["id"] for row in rows}) == len(rows)
    assert "steelmaker" in {row["headword"] for row in rows}


def test_machine_made_exercises_rest_on_the_text(drafted):
    root, _ = drafted
    english = dict(_article_lines(lesson_paths(root, SLUG)["en"]))
    questions = _questions(lesson_paths(root, SLUG)["exercises"])
    cloze = [q for q in questions if q["type"] == "cloze"]
    numeric = [q for q in questions if q["type"] == "numeric"]
    assert cloze and numeric
    for q in cloze:
        [sid] = q["sentences"]
        assert q["text"].count(BLANK) == 1 and q["text"].replace(BLANK, q["answer"]) == english[sid]
        assert (
            q["prompt"]["ko"] and q["explanation"]["ko"] and q["answer"] in q["explanation"]["en"]
        )
    for q in numeric:
        [sid] = q["sentences"]
        shown = (
            f"{q['answer']:,}"
            if isinstance(q["answer"], int) and q["answer"] >= 10_000
            else str(q["answer"])
        )
        assert shown in english[sid] and BLANK in q["prompt"]["en"]
        assert q["skill"] == ("timeline" if 1900 <= q["answer"] <= 2100 else "detail")
    assert any(q["answer"] == 75.36 for q in numeric)
    stubs = [q for q in questions if STUB_KEY in q]
    assert [q["id"] for q in stubs] == [
        "main-idea",
        "vocabulary-matching",
        "detail-true-false",
        "inference",
    ]
    # the items on English sentences and the English words' matching test the English
    # article (for Korean students of English); the questions on the facts are for everyone
    assert {q["tests"] for q in (*cloze, *numeric, stubs[1])} == {"en"}
    assert all("tests" not in q for q in stubs if q is not stubs[1])


def test_figures_skip_days_ordinals_codes_and_repeated_numbers():
    items = figure_items(
        [
            (
                "p1s1",
                "The 20th dialogue met on May 31, 2023, under Regulation (EU) 2023/956 in Q1.",
            ),
            ("p2s1", "It covers 50 tonnes, and 50 more next year, at 3.8 percent."),
            ("p3s1", "Exports were worth 1,234 million dollars."),
        ]
    )
    assert [(q["id"], q["answer"], q["skill"]) for q in items] == [
        ("year-p1s1", 2023, "timeline"),
        ("figure-p2s1", 3.8, "detail"),
        ("figure-p3s1", 1234, "detail"),
    ]
    assert "May 31, ___, under" in items[0]["prompt"]["en"]


def test_the_draft_fails_check_with_an_error_for_every_gap(drafted):
    root, result = drafted
    report = validate(root)
    assert not report.ok
    errors = report.errors
    untranslated = [p for p in errors if p.message == UNTRANSLATED_MESSAGE]
    assert len(untranslated) == result.sentences
    assert all(
        p.file == f"articles/{SLUG}/article.ko.md"
        and p.line
        and p.value == UNTRANSLATED
        and "article.en.md line" in p.fix
        for p in untranslated
    )
    glosses = [p for p in errors if p.field == "ko" and p.message == EMPTY_MESSAGE]
    assert len(glosses) == result.glossary_rows
    assert {p.line for p in glosses} == set(range(2, result.glossary_rows + 2))
    assert all("Korean equivalents" in p.fix for p in glosses)
    stubs = [p for p in errors if p.message.startswith(STUB_MESSAGE)]
    assert [p.field for p in stubs] == [
        "main-idea.todo",
        "vocabulary-matching.todo",
        "detail-true-false.todo",
        "inference.todo",
    ]
    assert all(p.line and p.file == f"exercises/{SLUG}.yaml" for p in stubs)
    markers = [p for p in errors if p.message == TODO_MESSAGE]
    # parts of speech the evidence does not settle are markers in the glossary's pos cells
    assert {p.field for p in markers} - {"pos"} == {"published", "source_url"}
    assert all(p.file == f"glossary/{SLUG}.csv" and p.line for p in markers if p.field == "pos")
    romanization = [p for p in errors if p.field == "romanization"]
    assert romanization and all(f"dokhae lesson forms {SLUG}" in p.fix for p in romanization)


def test_status_lists_each_missing_kind_with_counts_and_places(drafted):
    root, result = drafted
    status = lesson_status(SLUG, root)
    assert not status.ready
    counts = status.counts()
    assert counts["untranslated"] == result.sentences
    assert counts["gloss"] == result.glossary_rows
    assert counts["stub"] == 4 and counts["marker"] == 2 and counts["problem"] == 0
    # what the teacher writes (ko, definition) apart from what `lesson forms` fills (issue 24)
    assert counts["definition"] == result.glossary_rows
    assert counts["computed"] >= 2 * result.glossary_rows  # example_ko, romanization
    assert {m.label.split(" ")[1] for m in status.of("computed")} >= {
        "(romanization)",
        "(example_ko)",
    }
    assert not any(
        "romanization" in m.label or "definition" in m.label for m in status.of("glossary")
    )
    text = str(status)
    assert f"Untranslated sentences: {result.sentences}" in text
    assert f"Empty Korean glosses (ko): {result.glossary_rows}" in text
    assert "Stub questions: 4" in text
    assert f"Empty definitions (definition): {result.glossary_rows}" in text
    assert "Cells `dokhae lesson forms` fills (do not write them)" in text
    assert re.search(
        rf"write the Korean glosses \(ko\), the definitions \(definition\).* in glossary/{SLUG}\.csv"
        r".*; leave the cells `dokhae lesson forms` fills empty",
        text,
    )
    assert f"articles/{SLUG}/article.ko.md:" in text and f"glossary/{SLUG}.csv:2" in text
    assert re.search(
        rf"exercises/{SLUG}\.yaml:\d+  main-idea: write a question on the main idea", text
    )


def test_the_seed_lesson_is_ready():
    status = lesson_status("steel-dialogue-2023")
    assert status.ready and status.missing == () and "is ready" in str(status)


def test_refuses_to_overwrite_an_existing_lesson(tmp_path):
    root = tmp_path / "content"
    draft_lesson("two", SECOND / "article.en.txt", root=root, limit=3)
    glossary = lesson_paths(root, "two")["glossary"]
    glossary.write_text("teacher's work\n", encoding="utf-8")
    with pytest.raises(AuthoringError, match=r"lesson 'two' exists already .*--force"):
        draft_lesson("two", SECOND / "article.en.txt", root=root, limit=3)
    assert glossary.read_text(encoding="utf-8") == "teacher's work\n"
    draft_lesson("two", SECOND / "article.en.txt", root=root, limit=3, force=True)
    assert glossary.read_text(encoding="utf-8-sig").startswith("id,headword,forms")


@pytest.mark.parametrize("slug", ["Bad Slug", "cbam_2026", "", "-cbam", "한국"])
def test_a_bad_slug_is_refused(tmp_path, slug):
    with pytest.raises(
        AuthoringError, match=r"bad lesson name .*lower-case letters, digits and '-'"
    ):
        draft_lesson(slug, SECOND / "article.en.txt", root=tmp_path)
    assert not (tmp_path / "articles").exists()


def test_bad_input_files_are_named_with_the_fix(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n\n", encoding="utf-8")
    with pytest.raises(AuthoringError, match=re.escape(f"{empty}: the file is empty")):
        draft_lesson("x", empty, root=tmp_path / "c")
    word = tmp_path / "article.docx"
    word.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(
        AuthoringError, match=re.escape(f"{word}: not a text file") + r".*plain-text"
    ):
        draft_lesson("x", word, root=tmp_path / "c")
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(AuthoringError, match=re.escape(f"{missing}: file not found")):
        draft_lesson("x", missing, root=tmp_path / "c")
    headline_only = tmp_path / "headline.txt"
    headline_only.write_text("Just a headline\n", encoding="utf-8")
    with pytest.raises(AuthoringError, match=re.escape(str(headline_only)) + ".*no sentences"):
        draft_lesson("x", headline_only, root=tmp_path / "c")
    with pytest.raises(AuthoringError, match=r"bad date '31/05/2023'.*YYYY-MM-DD"):
        draft_lesson("x", SECOND / "article.en.txt", root=tmp_path / "c", published="31/05/2023")
    assert not (tmp_path / "c").exists()


def test_undecodable_bytes_are_refused(tmp_path, monkeypatch):
    """A file no encoding reads is refused with the file's name (never half-read)."""
    import dokhae.files as files

    def unreadable(path, data, exc, report):
        report.error(
            path,
            1,
            "",
            "the file is not UTF-8 text and its encoding could not be recognised",
            "save it as UTF-8",
        )
        return

    monkeypatch.setattr(files, "_decode_legacy", unreadable)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Headline\n\n\xff\xfe\xfa broken text.")
    with pytest.raises(
        AuthoringError, match=re.escape(f"{bad}: the file is not UTF-8") + ".*save it as UTF-8"
    ):
        draft_lesson("x", bad, root=tmp_path / "c")


def test_a_cp949_or_nfd_file_is_read_with_a_warning(tmp_path):
    source = tmp_path / "article.txt"
    source.write_bytes(
        (SECOND / "article.en.txt")
        .read_text(encoding="utf-8")
        .replace("SEOUL, April 8 --", "SEOUL, April 8 -- (서울)")
        .encode("cp949")
    )
    result = draft_lesson("cp", source, root=tmp_path / "c", limit=2)
    assert any("CP949" in w for w in result.warnings)
    assert "(서울)" in lesson_paths(tmp_path / "c", "cp")["en"].read_text(encoding="utf-8")


# --------------------------------------------------------------------------- markers in any lesson


def test_stub_questions_are_set_aside_and_later_lines_stay_right(tmp_path):
    """A stub gives one error; the questions after it are still checked, on their own lines."""
    import shutil

    root = tmp_path / "content"
    shutil.copytree(DATA / "mini", root)
    path = root / "exercises" / "mini-lesson.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "questions:\n",
        "questions:\n  - id: write-me\n    todo: a question on paragraph 2\n"
        "    type: multiple_choice\n    prompt: {en: '', ko: ''}\n",
        1,
    )
    text = text.replace("    answer: join\n", "    answer: jion\n")
    path.write_text(text, encoding="utf-8")
    report = validate(root)
    stub = [p for p in report.errors if p.field == "write-me.todo"]
    assert len(stub) == 1 and stub[0].line == 4
    assert stub[0].message == f"{STUB_MESSAGE}: a question on paragraph 2"
    [wrong] = [p for p in report.errors if p.field == "q2.answer"]
    assert text.split("\n")[wrong.line - 1].strip() == "answer: jion"
    assert len(report.errors) == 2, str(report)


def test_todo_markers_anywhere_are_errors_without_follow_up_errors(tmp_path):
    import shutil

    root = tmp_path / "content"
    shutil.copytree(DATA / "mini", root)
    meta = root / "articles" / "mini-lesson" / "lesson.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            'published: "2023-05-31"', 'published: "[TODO: the date, YYYY-MM-DD]"'
        ),
        encoding="utf-8",
    )
    glossary = root / "glossary" / "mini-lesson.csv"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(
            ",a pause in an activity,", ",[TODO: a definition],"
        ),
        encoding="utf-8",
    )
    report = validate(root)
    assert sorted((p.file.split("/")[-1], p.line, p.field) for p in report.errors) == [
        ("lesson.yaml", 4, "published"),
        ("mini-lesson.csv", 3, "definition"),
    ]
    assert all(p.message == TODO_MESSAGE for p in report.errors)
    assert "replace the marker with a definition" in str(report)


# --------------------------------------------------------------------------- with the teacher's Korean


@pytest.fixture(scope="module")
def drafted_korean(tmp_path_factory):
    root = tmp_path_factory.mktemp("draft-ko") / "content"
    result = draft_lesson(
        SLUG,
        SECOND / "article.en.txt",
        root=root,
        korean=SECOND / "article.ko.txt",
        limit=10,
        korean_limit=4,
    )
    return root, result


def test_the_korean_text_is_aligned_sentence_by_sentence(drafted_korean):
    root, result = drafted_korean
    assert result.alignment_problems == () and result.translated == result.sentences == 19
    korean = dict(_article_lines(lesson_paths(root, SLUG)["ko"]))
    english = dict(_article_lines(lesson_paths(root, SLUG)["en"]))
    assert list(korean) == list(english)
    assert korean["h1"].startswith("CBAM 확정 기간 돌입")
    assert korean["p2s2"] == "비용은 전혀 내지 않았다."
    assert korean["p4s1"].endswith("톤당 75.36유로였다.")
    assert UNTRANSLATED not in korean.values()
    report = validate(root)
    assert not [p for p in report.errors if p.file.endswith("article.ko.md")], str(report)


def test_glossary_with_korean_has_examples_and_terms_for_english_speakers(drafted_korean):
    root, _ = drafted_korean
    korean = dict(_article_lines(lesson_paths(root, SLUG)["ko"]))
    rows = _glossary(lesson_paths(root, SLUG)["glossary"])
    english_rows = [r for r in rows if r["audience"] != "ko"]
    korean_rows = [r for r in rows if r["audience"] == "ko"]
    assert len(english_rows) == 10 and 1 <= len(korean_rows) <= 4
    for row in english_rows:
        assert row["ko"] == "" and row["example_ko"] == korean[row["sentence_id"]]
    text = "\n".join(korean.values())
    for row in korean_rows:
        # the Korean is the teacher's own word; the English side is left to the teacher
        assert (
            row["ko"] and row["headword"] == "" and row["definition"] == "" and row["forms"] == ""
        )
        assert all(form in text for form in row["ko_forms"].split("; ")) and row["romanization"]
        assert row["example_ko"] == korean[row["sentence_id"]] and row["id"].startswith("ko-")


def test_a_missing_korean_sentence_is_reported_and_left_to_translate(tmp_path):
    korean = (
        (SECOND / "article.ko.txt")
        .read_text(encoding="utf-8")
        .replace("EU는 규정도 간소화했다. ", "")
    )
    source = tmp_path / "ko.txt"
    source.write_text(korean, encoding="utf-8")
    root = tmp_path / "content"
    result = draft_lesson(
        "missing", SECOND / "article.en.txt", root=root, korean=source, limit=2, korean_limit=0
    )
    assert result.translated == result.sentences - 1
    assert len(result.alignment_problems) == 1 and "p5s1" in result.alignment_problems[0]
    lines = dict(_article_lines(lesson_paths(root, "missing")["ko"]))
    assert lines["p5s1"] == UNTRANSLATED
    assert lines["p5s2"].startswith("이들 상품을") and lines["p6s1"].startswith("철강의 경우")
    [problem] = [p for p in validate(root).errors if p.file.endswith("article.ko.md")]
    assert problem.field == "p5s1" and problem.message == UNTRANSLATED_MESSAGE
