"""Issue 24, point 7: building a lesson without friction for a Korean teacher.

Korean terms for English speakers only when asked; clock times kept whole and quantities
(percentages, money, counts) drafted first among the figures; a changed gloss makes
`dokhae check` warn that its romanization/Hanja no longer match; `lesson forms --row`
refreshes one row. (What `lesson status` says the teacher writes apart from what
`lesson forms` fills is tested with the status in test_authoring_draft.py.)
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dokhae.authoring import AuthoringError, draft_lesson, lesson_status
from dokhae.authoring.draft import figure_items
from dokhae.authoring.forms import compute_forms
from dokhae.cli import main
from dokhae.lesson import BLANK
from dokhae.loading import content_root

SECOND = Path(__file__).parent / "data" / "second-article"
SEED = "steel-dialogue-2023"

OWL_BUS = [
    ("h1", "Seoul adds late-night buses for 2026"),
    (
        "p1s1",
        (
            "SEOUL, June 3 -- Seoul will run 14 new late-night routes from July 1, 2026, "
            "the city said on Wednesday."
        ),
    ),
    ("p1s2", "The owl buses will run between 11:30 p.m. and 5 a.m. on weekdays."),
    (
        "p2s1",
        "Ridership rose 38 percent last year, and the city will spend 12 billion won on the plan.",
    ),
    ("p2s2", "In all, 60 buses will serve the routes."),
]


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _glossary(root: Path, slug: str) -> list[dict[str, str]]:
    text = (root / "glossary" / f"{slug}.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- Korean terms


def test_korean_terms_for_english_speakers_only_when_asked(tmp_path):
    root = tmp_path / "content"
    draft_lesson(
        "plain",
        SECOND / "article.en.txt",
        root=root,
        korean=SECOND / "article.ko.txt",
        limit=5,
    )
    assert {r["audience"] for r in _glossary(root, "plain")} == {""}  # English words only
    asked = draft_lesson(
        "asked",
        SECOND / "article.en.txt",
        root=root,
        korean=SECOND / "article.ko.txt",
        limit=5,
        korean_limit=3,
    )
    rows = _glossary(root, "asked")
    assert [r["audience"] for r in rows].count("ko") == 3 and asked.glossary_rows == 8


def test_the_cli_adds_korean_terms_only_with_korean_limit(tmp_path):
    root = tmp_path / "content"
    common = ("--from", SECOND / "article.en.txt", "--korean", SECOND / "article.ko.txt")
    assert run("lesson", "new", "a", *common, "--root", root, "--limit", 4).exit_code == 0
    assert all(r["audience"] != "ko" for r in _glossary(root, "a"))
    result = run("lesson", "new", "b", *common, "--root", root, "--limit", 4, "--korean-limit", 2)
    assert result.exit_code == 0, result.output
    assert [r["audience"] for r in _glossary(root, "b")].count("ko") == 2


# --------------------------------------------------------------------------- figures


def test_a_clock_time_is_one_item_never_two_numbers():
    items = figure_items(OWL_BUS, limit=20)
    prompts = [item["prompt"]["en"] for item in items]
    assert not any(f"{BLANK}:" in p or f":{BLANK}" in p for p in prompts)
    time = next(item for item in items if item["type"] == "short_text")
    assert time["accept"] == ["11:30"] and time["skill"] == "detail"
    assert f"between {BLANK} p.m. and 5 a.m." in time["prompt"]["en"]
    assert "시각" in time["prompt"]["ko"] and "11:30" in time["explanation"]["en"]
    assert not any(item.get("answer") == 30 for item in items)


def test_percentages_money_and_counts_are_drafted_before_years_and_times():
    items = figure_items(OWL_BUS)  # more figures than the six items drafted
    answers = {item["answer"] for item in items if item["type"] == "numeric"}
    assert {38, 12, 60, 14} <= answers  # 38 percent, 12 billion won, 60 buses, 14 routes
    assert sum(1 for item in items if item.get("answer") == 2026) == 1  # a year asked once
    assert any("___ percent" in item["prompt"]["en"] for item in items)
    # the items keep the order of the text
    order = [item["sentences"][0] for item in items]
    assert order == sorted(order, key=[sid for sid, _ in OWL_BUS].index)


def test_drafted_time_items_are_valid_questions(tmp_path):
    source = tmp_path / "owl.txt"
    source.write_text(
        "\n\n".join([OWL_BUS[0][1], *(text for _, text in OWL_BUS[1:])]), encoding="utf-8"
    )
    root = tmp_path / "content"
    draft_lesson("owl-bus-2026", source, root=root, limit=3)
    exercises = (root / "exercises" / "owl-bus-2026.yaml").read_text(encoding="utf-8")
    assert "type: short_text" in exercises and "accept: ['11:30']" in exercises, exercises
    status = lesson_status("owl-bus-2026", root)
    # a draft is not ready, but nothing is wrong with the drafted items themselves
    assert not [m for m in status.missing if m.kind == "problem"], str(status)


# --------------------------------------------------------------------------- a changed gloss


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """The shipped lesson, copied so that a teacher may change a gloss."""
    source = content_root()
    root = tmp_path / "content"
    shutil.copytree(source / "articles" / SEED, root / "articles" / SEED)
    for folder, name in (("glossary", f"{SEED}.csv"), ("exercises", f"{SEED}.yaml")):
        (root / folder).mkdir(parents=True)
        shutil.copy(source / folder / name, root / folder / name)
    return root


def _change_gloss(root: Path, row_id: str, ko: str) -> None:
    path = root / "glossary" / f"{SEED}.csv"
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["id"] == row_id:
            row["ko"] = ko
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def test_the_shipped_lesson_has_no_stale_romanization_or_hanja():
    result = run("check", SEED)
    assert result.exit_code == 0 and "0 warnings" in result.output, result.output


def test_check_warns_when_a_changed_gloss_leaves_the_old_romanization_and_hanja(seed_copy):
    _change_gloss(seed_copy, "hiatus", "공백기; 중단; 휴지기")
    result = run("check", seed_copy)
    assert result.exit_code == 0, result.output  # a warning, not an error
    assert "warning: romanization: 'gongbaek' is not the romanization of" in result.output
    assert "'공백기'" in result.output
    assert f"dokhae lesson forms {SEED} --row hiatus" in result.output
    assert "warning: hanja: the Hanja '空白' has 2 characters" in result.output
    assert "2 warnings" in result.output
    # lesson status shows them too, as notes
    assert any("gongbaek" in note for note in lesson_status(SEED, seed_copy).notes)


def test_forms_row_refreshes_one_row_and_leaves_the_others(seed_copy):
    before = {r["id"]: r for r in _glossary(seed_copy, SEED)}
    _change_gloss(seed_copy, "hiatus", "공백기; 중단; 휴지기")
    _change_gloss(seed_copy, "resume", "재개; 다시 시작하다")  # not asked for: stays
    result = run("lesson", "forms", SEED, "--root", seed_copy, "--row", "Hiatus")
    assert result.exit_code == 0, result.output
    assert "hiatus.romanization: replaced 'gongbaek' with 'gongbaekgi'" in result.output
    assert "kept the Hanja '空白'" in result.output
    after = {r["id"]: r for r in _glossary(seed_copy, SEED)}
    assert after["hiatus"]["romanization"] == "gongbaekgi"
    assert after["resume"]["romanization"] == before["resume"]["romanization"] == "jaegaehada"
    for row_id, row in before.items():  # every other cell as it was
        for name, value in row.items():
            if (row_id, name) not in {
                ("hiatus", "ko"),
                ("hiatus", "romanization"),
                ("resume", "ko"),
            }:
                assert after[row_id][name] == value, (row_id, name)
    check = run("check", seed_copy)
    assert "'gongbaek' is not" not in check.output
    # the row not refreshed still warns
    assert "'jaegaehada' is not the romanization of the Korean gloss '재개'" in check.output


def test_forms_row_names_an_unknown_row():
    with pytest.raises(AuthoringError, match=r"no row 'hiatu'.*Did you mean 'hiatus'"):
        compute_forms(SEED, rows=("hiatu",))
