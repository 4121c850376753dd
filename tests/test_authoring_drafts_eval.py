"""Issue 22: lesson drafts as good on next week's article as on the first.

The evaluation articles of benchmarks/drafts/ (texts and term lists written before the tool
was run on them) measured as benchmarks/bench_drafts.py measures them, and the general
rules of the ranking that got there, each on text of its own (none from the term lists).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dokhae.authoring.english import english_candidates

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "benchmarks" / "drafts"

RECALL_AT_40 = {
    "first-cbam-price-2026": 0.80,  # 24/30 (15/30 = 50 % first, 20/30 after t24auth)
    "grace-period-2023": 0.96,  # 25/26 (19/26 = 73 % first, 23/26 after t24auth)
    "small-importers-2025": 0.84,  # 21/25 (16/25 = 64 % first, 20/25 after t24auth)
}
"""What the drafts reach honestly, by general rules (branches t24auth, t22b); the issue's
target is 80 % on each article. Raise these as the drafts get better; never lower them."""


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_drafts", ROOT / "benchmarks" / "bench_drafts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench():
    return _bench()


@pytest.mark.parametrize("slug", sorted(RECALL_AT_40))
def test_recall_at_40_and_no_wrong_part_of_speech_on_the_evaluation_articles(bench, slug):
    terms = bench.read_terms(DRAFTS / f"{slug}.terms.csv")
    candidates = english_candidates(bench.article_sentences(DRAFTS / f"{slug}.txt"))
    found, missed = bench.recall(candidates, terms, 40)
    assert found / len(terms) >= RECALL_AT_40[slug], f"{found}/{len(terms)}; missed: {missed}"
    _, wrong, _, _ = bench.pos_check(
        candidates[:40], terms, bench.read_pos(DRAFTS / f"{slug}.pos.csv")
    )
    assert wrong == []


def _ranked(text: str) -> list[str]:
    return [c.headword for c in english_candidates([("h1", "A note"), ("p1s1", text)])]


def test_an_agent_noun_goes_with_its_verb():
    # "exporter" is as easy as "export" for a student who knows the verb; with the verb in the
    # text the verb is the word to gloss
    heads = _ranked(
        "Shipbuilders export tankers, and exporters say the yards must modernize their docks."
    )
    assert "export" in heads and "exporter" not in heads
    alone = english_candidates([("p1s1", "Exporters say the yards must modernize their docks.")])
    exporter = next(c for c in alone if c.headword == "exporter")
    modernize = next(c for c in alone if c.headword == "modernize")
    assert exporter.score < modernize.score


def test_nouns_named_only_in_an_enumeration_rank_below_the_same_word_elsewhere():
    listed = english_candidates(
        [("p1s1", "The rules cover copper, zinc, nickel and cobalt from next year.")]
    )
    alone = english_candidates([("p1s1", "The rules cover cobalt from next year.")])
    score = {c.headword: c.score for c in listed}
    assert score["cobalt"] < next(c.score for c in alone if c.headword == "cobalt")


def test_a_compound_of_the_topic_word_is_not_a_term_but_a_named_thing_is():
    text = [
        ("h1", "Rice farmers face a dry spring"),
        ("p1s1", "Rice prices rose as rice exports fell and rice stocks shrank."),
        ("p1s2", "Farmers in the delta bought crop insurance and dug water channels."),
    ]
    heads = {c.headword for c in english_candidates(text)}
    assert {"crop insurance", "water channel"} <= heads
    assert not {"rice price", "rice export", "rice stock"} & heads


def test_a_hyphenated_modifier_before_an_everyday_noun_is_the_term():
    heads = _ranked("The ministry posted a volume-weighted average of the bids on Friday.")
    assert "volume-weighted" in heads and "volume-weighted average" not in heads


def test_a_participle_before_a_noun_makes_a_term_and_its_words_go_after_it():
    heads = _ranked("Buyers must report the embedded emissions of the goods they bring in.")
    assert "embedded emission" in heads
    assert "embedded" not in heads  # the compound is the term to gloss
    assert heads.index("embedded emission") < heads.index("emission")


def test_the_object_of_a_verb_and_a_plural_at_the_end_of_a_clause_are_noun_phrases():
    heads = _ranked(
        "The tariff could gradually reshape trade flows, and importers rely on default values."
    )
    assert {"trade flow", "default value"} <= set(heads)


def test_the_bare_verb_of_a_plural_subject_is_not_the_head_of_a_compound():
    heads = _ranked("Sales on a common central platform start on Feb. 1, officials said.")
    assert not any(h.endswith(" start") for h in heads)


def test_an_unknown_plural_gets_its_singular_headword():
    candidates = english_candidates([("p1s1", "Authorized declarants file the forms online.")])
    found = next(c for c in candidates if c.headword.startswith("declarant"))
    assert found.headword == "declarant" and found.forms == ("declarants",)
    assert found.pos.startswith("[TODO")  # no dictionary knows it: the teacher decides


def test_a_very_frequent_word_ranks_as_b1_whatever_its_listed_level():
    # "data" is listed B2, but a student meets it all the time: a rarer B1 word goes first
    heads = _ranked("The data show the deadline for the new filing rule has passed.")
    assert heads.index("deadline") < heads.index("data")


def test_an_adjective_before_a_noun_of_action_makes_a_term_and_keeps_its_words():
    # "monthly inspection": inspect monthly; the words stay candidates of their own
    heads = _ranked("Dairy farms face a monthly inspection and get a free installation of pumps.")
    assert {"monthly inspection", "free installation"} <= set(heads)
    assert "inspection" in heads and "installation" in heads
    # a comparative or an adjective before a noun that is no noun of action is not one
    heads = _ranked("Mills promise cleaner production on a large scale in the valley.")
    assert "cleaner production" not in heads and "large scale" not in heads


def test_a_modifier_that_can_be_an_adjective_names_a_kind_only_when_it_classifies():
    heads = _ranked("Farmers file a municipal report, though the official figure hides losses.")
    assert "municipal report" in heads  # municipal classifies (municipally is rare)
    assert "official figure" not in heads  # official describes (officially is common)


def test_an_adjective_with_a_rare_adverb_classifies():
    heads = _ranked("Under the provisional regime, exporters file paper forms by hand.")
    assert "provisional regime" in heads and "provisional" not in heads


def test_a_noun_of_a_bare_noun_after_the_is_a_term():
    heads = _ranked("Growers must state the place of birth, and the weight of the cattle.")
    assert "place of birth" in heads
    assert "weight of the cattle" not in heads and not any(h.startswith("weight of") for h in heads)


def test_a_word_left_to_the_teacher_ranks_at_its_easiest_listed_reading():
    # "covering" (noun B2, or the verb "cover", A1) is not ranked as a rare B2 word
    candidates = english_candidates(
        [("p1s1", "Importers must hold permits covering half of their output, officials said.")]
    )
    score = {c.headword: c.score for c in candidates}
    assert score["covering"] < score["official"]  # a B1-capped everyday noun
    assert [c.level for c in candidates if c.headword == "covering"] == ["B2"]  # estimate kept


def test_the_object_of_a_verb_holds_no_verb_of_its_own():
    # "use default values set by the ministry": "values" is not the verb of "default"
    heads = _ranked("Small farms will use default values set by the ministry.")
    assert "default value" in heads
