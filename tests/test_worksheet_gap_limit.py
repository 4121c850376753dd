"""`dokhae export worksheet --gaps N`: only N glossary words blanked, the hardest, spread
over the article (issue 24 point 14: --gaps blanked all 51 words)."""

from __future__ import annotations

import re

from click.testing import CliRunner

from dokhae.cli import main
from dokhae.export import article_lines, make_worksheet
from dokhae.export.worksheet_article import LEVELS

RANK = {level: i for i, level in enumerate(LEVELS)}


def test_a_limit_blanks_that_many_words_the_hardest_spread_over_lines(lesson):
    _, every = article_lines(lesson, "en", gaps=True)
    assert len(every) > 20  # the shipped lesson: enough words to choose from
    lines, chosen = article_lines(lesson, "en", gaps=True, gap_limit=10)
    assert len(chosen) == 10
    assert [g.number for g in chosen] == list(range(1, 11))  # renumbered in reading order
    assert [g.line for g in chosen] == sorted(g.line for g in chosen)
    level = {e.id: RANK[e.level] for e in lesson.glossary}
    kept = {g.entry_id for g in chosen}
    left = [g for g in every if g.entry_id not in kept]
    lines_used = {g.line for g in chosen}
    # no word left out is harder than a kept one on a line of its own
    for g in left:
        if g.line not in lines_used:
            assert level[g.entry_id] <= min(level[e] for e in kept), g
    # spread: as many lines as words while the article has that many lines with words
    assert len(lines_used) == 10
    page = "".join(line.html for line in lines)
    assert len(re.findall(r'<span class="gap">', page)) == 10


def test_no_limit_or_a_large_one_blanks_every_word(lesson):
    _, every = article_lines(lesson, "en", gaps=True)
    _, large = article_lines(lesson, "en", gaps=True, gap_limit=10_000)
    assert large == every


def test_the_command_takes_gaps_with_and_without_a_number(lesson, tmp_path):
    run = CliRunner()
    env = {"DOKHAE_LANGUAGE": "en"}
    few = run.invoke(
        main,
        ["export", "worksheet", lesson.slug, "-o", str(tmp_path / "few.html"), "--gaps", "5"],
        env=env,
    )
    assert few.exit_code == 0, few.output
    every = run.invoke(
        main,
        ["export", "worksheet", lesson.slug, "-o", str(tmp_path / "all.html"), "--gaps"],
        env=env,
    )
    assert every.exit_code == 0, every.output
    few_page = (tmp_path / "few.html").read_text(encoding="utf-8")
    all_page = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert few_page.count('<span class="gap">') == 5
    _, gaps = article_lines(lesson, "en", gaps=True)
    assert all_page.count('<span class="gap">') == len(gaps)
    assert make_worksheet(lesson, gaps=True, gap_limit=5).html().count('<span class="gap">') == 5
