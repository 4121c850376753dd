"""English glossary candidates (dokhae.authoring.english) on the seed article and on new text."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("lemminflect")
pytest.importorskip("wordfreq")

from dokhae.authoring.english import (
    LEVELS,
    Candidate,
    _expressions,
    english_candidates,
    load_analysers,
)
from dokhae.lesson import todo_marker
from dokhae.validation import form_pattern, listed_level

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY_POS = {
    "noun",
    "verb",
    "adjective",
    "adverb",
    "phrase",
    "phrasal verb",
    "idiom",
    "proper noun",
    "abbreviation",
    "preposition",
    "conjunction",
}
TOP = 60
RECALL = 0.60
"""The seed's recall without its own expressions (issue 22): 88 % was reached only because
data/expressions.txt held the seed glossary's own multi-word terms; those are gone (see
test_expression_list_holds_no_term_of_a_shipped_glossary). Exact headwords at 60: 55 % before
the ranking rules of branch t24auth, 58.8 % (30/51) after, 60.8 % (31/51) after those of branch
t22b (benchmarks/bench_drafts.py prints the figure with inflected matches, 65 %)."""

# An original news paragraph (written for this test, not from any source): other
# words, other names, an acronym, inflected phrasal verbs, none of the seed's topics.
SECOND = [
    ("h1", "Bank of Korea holds rates steady as exports stay sluggish"),
    (
        "p1s1",
        (
            "The Bank of Korea (BOK) kept its benchmark interest rate unchanged on Thursday, as "
            "policymakers weighed sluggish exports against stubborn inflation."
        ),
    ),
    (
        "p1s2",
        (
            "Officials said the central bank would step up its monitoring of household debt, which "
            "has ballooned amid a rebound in housing prices."
        ),
    ),
    (
        "p2s1",
        (
            "The decision came a day after the government vowed to shore up chipmakers hit by U.S. "
            "export controls."
        ),
    ),
    (
        "p2s2",
        (
            "Apartment prices in Seoul shot up last year, and economists expect the rate to stay on "
            "hold until inflation eases toward the 2 percent target."
        ),
    ),
    (
        "p3s1",
        (
            "Governor Rhee Chang-yong told reporters that the board had ruled out a cut for now, "
            "adding that household debt remained a source of concern."
        ),
    ),
]


@pytest.fixture(scope="module")
def seed(lesson):
    sentences = [(s.id, s.en) for p in lesson.article.paragraphs for s in p.sentences]
    load_analysers()
    return sentences, english_candidates(sentences)


@pytest.fixture(scope="module")
def second():
    return english_candidates(SECOND)


def by_headword(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {c.headword.lower(): c for c in candidates}


def test_seed_recall_of_the_hand_made_glossary(seed):
    _, candidates = seed
    with (ROOT / "glossary" / "steel-dialogue-2023.csv").open(encoding="utf-8") as f:
        wanted = {
            row["headword"].lower()
            for row in csv.DictReader(f)
            if row["audience"] in ("en", "both")
        }
    top = {c.headword.lower() for c in candidates[:TOP]}
    found = wanted & top
    recall = len(found) / len(wanted)
    print(
        f"\nseed recall@{TOP}: {len(found)}/{len(wanted)} = {recall:.1%} of the English headwords "
        f"of the hand-made glossary; missed: {', '.join(sorted(wanted - top)) or '-'}"
    )
    assert recall >= RECALL


@pytest.mark.parametrize("text", ["seed", "second"])
def test_forms_occur_as_whole_words_in_the_first_sentence(text, seed, second):
    sentences, candidates = seed if text == "seed" else (SECOND, second)
    by_id = dict(sentences)
    whole = "\n".join(by_id.values())
    assert candidates
    for c in candidates:
        assert c.forms and len({f.lower() for f in c.forms}) == len(c.forms), c
        for form in c.forms:
            assert form in whole, (c.headword, form)  # exact surface string
            assert form_pattern(form).search(whole), (c.headword, form)  # as whole words
        assert by_id[c.sentence_id] == c.sentence
        assert form_pattern(c.forms[0]).search(c.sentence), c
        first = min(
            i
            for i, s in enumerate(by_id.values())
            if any(form_pattern(f).search(s) for f in c.forms)
        )
        assert list(by_id).index(c.sentence_id) >= first
        assert c.count >= 1


@pytest.mark.parametrize("text", ["seed", "second"])
def test_levels_agree_with_the_lists_and_fields_are_valid(text, seed, second):
    candidates = seed[1] if text == "seed" else second
    for c in candidates:
        assert c.pos in GLOSSARY_POS or (
            todo_marker(c.pos) and c.pos.startswith("[TODO: part of speech")
        ), c
        listed = listed_level(c.headword, c.pos)
        if listed:
            assert (c.level, c.level_source) == listed, c
        else:
            assert c.level_source == "estimated" and c.level in LEVELS, c
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)
    keys = [(c.headword.lower(), c.is_expression) for c in candidates]
    assert len(keys) == len(set(keys))


def test_seed_names_acronyms_and_expressions(seed):
    _, candidates = seed
    found = by_headword(candidates)
    cbam = found["carbon border adjustment mechanism"]
    assert cbam.pos == "proper noun" and cbam.headword == "Carbon Border Adjustment Mechanism"
    assert cbam.forms == ("Carbon Border Adjustment Mechanism", "CBAM") and cbam.count == 2
    assert "cbam" not in found  # a form of its name, not a row of its own
    assert found["ministry of trade, industry and energy"].pos == "proper noun"
    assert found["bring together"].forms == ("brought together",)  # verb + particle, by rule
    assert found["emission"].forms == ("emissions",)
    assert found["levy"].pos == "verb" and found["levy"].forms == ("levying",)
    assert found["bilateral"].count == 3 and found["bilateral"].forms == ("bilateral",)
    assert not any(ch.isdigit() for c in candidates for ch in c.headword)  # no "5-year", "20th"
    assert not {"the", "said", "and", "way"} & set(found)
    assert found["hiatus"].score > found["steel"].score > found["meeting"].score


def test_inflected_forms_are_grouped_under_one_lemma():
    candidates = english_candidates(
        [
            ("s1", "Talks between the two countries resumed on Monday."),
            ("s2", "The court resumes its hearing today, and the union will resume its strike."),
            ("s3", "Governments levied new taxes; the city levies a tourist charge."),
        ]
    )
    found = by_headword(candidates)
    assert found["resume"].forms == ("resumed", "resumes", "resume")
    assert found["resume"].count == 3 and found["resume"].sentence_id == "s1"
    assert found["resume"].pos == "verb"
    assert found["levy"].forms == ("levied", "levies")
    assert not {"resumed", "resumes", "levied", "levies"} & set(found)


def test_multi_word_expressions_are_found_in_inflected_forms():
    candidates = english_candidates(
        [
            ("a", "The two firms joined forces last year."),
            ("b", "Regulators are beefing up checks, and the new rules came into force on Friday."),
            ("c", "The minister brought the unions together and phased the old tariffs out."),
        ]
    )
    found = by_headword(candidates)
    assert found["join forces"].forms == ("joined forces",) and found["join forces"].is_expression
    assert found["beef up"].forms == ("beefing up",) and found["beef up"].pos == "phrasal verb"
    assert found["come into force"].forms == ("came into force",)
    assert found["bring together"].forms == ("brought the unions together",)
    assert found["phase out"].forms == ("phased the old tariffs out",)
    assert (
        "beef" not in found and "force" not in found
    )  # the words of an idiom are not offered alone


def test_nfd_input_is_normalised_to_nfc():
    text = "The café’s protégé resumed talks with Société Générale."
    candidates = english_candidates([("p1s1", unicodedata.normalize("NFD", text))])
    assert candidates
    for c in candidates:
        assert c.sentence == text
        assert all(unicodedata.is_normalized("NFC", f) and f in text for f in c.forms)
        assert unicodedata.is_normalized("NFC", c.headword)
    found = by_headword(candidates)
    assert "protégé" in found and found["société générale"].pos == "proper noun"


@pytest.mark.parametrize("sentences", [[], [("h1", "")], [("h1", "   \n\t"), ("p1s1", " ")]])
def test_empty_or_blank_input_gives_no_candidates(sentences):
    assert english_candidates(sentences) == []


def test_limit_keeps_the_best(second):
    assert english_candidates(SECOND, limit=5) == second[:5]
    assert english_candidates(SECOND, limit=0) == []


def test_second_article_gives_sensible_candidates(second):
    found = by_headword(second)
    top = {c.headword.lower() for c in second[:20]}
    # hard words and news expressions near the top, in their dictionary form
    assert {
        "sluggish",
        "benchmark",
        "shore up",
        "step up",
        "interest rate",
        "rebound",
        "chipmaker",
    } <= top
    assert found["balloon"].forms == ("ballooned",) and found["balloon"].pos == "verb"
    assert found["chipmaker"].forms == ("chipmakers",)  # a plural lemminflect does not know
    assert found["rule out"].forms == ("ruled out",)
    assert found["on hold"].is_expression
    assert (
        found["shoot up"].forms == ("shot up",) and found["shoot up"].pos == "phrasal verb"
    )  # not in the list
    assert found["household debt"].count == 2
    # names, with the acronym as a form of its name; other acronyms as abbreviations
    bok = found["bank of korea"]
    assert bok.pos == "proper noun" and bok.headword == "Bank of Korea" and "BOK" in bok.forms
    assert found["u.s."].pos == "abbreviation"
    assert found["governor rhee chang-yong"].pos == "proper noun"
    assert found["seoul"].score < found["sluggish"].score
    # easy and very frequent words are not offered, or come last
    assert not {"the", "said", "a", "that", "2"} & set(found)
    assert found["decision"].score < found["stubborn"].score < found["sluggish"].score


def test_expression_list_is_well_formed():
    expressions = {e.headword: e for group in _expressions().values() for e in group}
    assert len(expressions) > 200
    for e in expressions.values():
        assert e.pos in GLOSSARY_POS, e
        assert e.level is None or e.level in LEVELS, e
        assert e.words and all(w == w.lower() for w in e.words), e


def test_expression_list_holds_no_term_of_a_shipped_glossary():
    """The shipped list is general: a lesson's figures must not come from its own answers."""
    terms = set()
    for path in sorted((ROOT / "glossary").glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            terms |= {
                row["headword"].strip().lower()
                for row in csv.DictReader(f)
                if row["headword"].strip()
            }
    assert terms
    listed = {e.headword.lower() for group in _expressions().values() for e in group if e.curated}
    assert listed and not listed & terms, sorted(listed & terms)


@pytest.mark.parametrize(
    ("word", "context", "pos"),
    [
        ("mandatorily", "The data must be reported mandatorily every quarter.", "adverb"),
        ("quarterly", "Importers will submit quarterly reports.", "adjective"),
        ("unreported", "Fines apply to unreported emissions.", "adjective"),
        ("decarbonize", "Companies that decarbonize early gain.", "verb"),
    ],
)
def test_parts_of_speech_come_from_evidence(word, context, pos):
    found = by_headword(english_candidates([("p1s1", context)]))
    assert found[word].pos == pos


def test_a_word_nothing_knows_gets_a_marker_not_a_default_noun():
    found = by_headword(
        english_candidates([("p1s1", "The rules apply, albeit gradually, to steel.")])
    )
    assert found["albeit"].pos.startswith("[TODO: part of speech") and todo_marker(
        found["albeit"].pos
    )


@pytest.mark.parametrize(
    ("article", "term"),
    [
        (ROOT / "benchmarks" / "drafts" / "grace-period-2023.txt", "grace period"),
        (ROOT / "tests" / "data" / "second-article" / "article.en.txt", "definitive period"),
    ],
)
def test_lesson_new_proposes_the_multiword_term_of_the_headline(tmp_path, article, term):
    from click.testing import CliRunner

    from dokhae.cli import main

    root = tmp_path / "content"
    result = CliRunner().invoke(
        main,
        ["lesson", "new", "headline", "--from", str(article), "--root", str(root), "--limit", "40"],
    )
    assert result.exit_code == 0, result.output
    with (root / "glossary" / "headline.csv").open(encoding="utf-8") as f:
        rows = {row["headword"]: row for row in csv.DictReader(f)}
    assert term in rows and rows[term]["pos"] == "noun" and rows[term]["sentence_id"] == "h1"
    # cells the evidence does not settle hold a marker, never a default
    for row in rows.values():
        assert row["pos"] in GLOSSARY_POS or row["pos"].startswith("[TODO: part of speech"), row
    # ... and `dokhae lesson status` lists each such cell as a thing to do, with file:line
    from dokhae.authoring.status import lesson_status

    status = lesson_status("headline", root)
    with (root / "glossary" / "headline.csv").open(encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        marked = {reader.line_num for row in reader if todo_marker(row[header.index("pos")])}
    listed = {
        m.line
        for m in status.of("glossary")
        if m.file == "glossary/headline.csv" and m.label.endswith("(pos)")
    }
    assert marked <= listed
