"""`dokhae export worksheet`: a printable gap-fill page of the article."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from click.testing import CliRunner

from dokhae.cli import main
from dokhae.export import worksheet_gaps, worksheet_html


class _Tags(HTMLParser):
    VOID = {"meta", "br", "hr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"


def test_gaps_are_numbered_in_reading_order_and_listed_in_the_key(lesson, tmp_path):
    out = tmp_path / "worksheet.html"
    result = CliRunner().invoke(main, ["export", "worksheet", lesson.slug, "-o", str(out), "--answers",
                                       "--language", "en"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert parser.stack == []
    _, gaps = worksheet_gaps(lesson)
    assert [g.number for g in gaps] == list(range(1, len(gaps) + 1))
    assert len(gaps) == len({g.entry_id for g in gaps}) and len(gaps) >= len(lesson.glossary) - 5
    assert re.findall(r"\((\d+)\) _+", page) == [str(g.number) for g in gaps]
    key = page.split('<section class="key">')[1]
    assert len(re.findall("<li>", key)) == len(gaps)
    assert "<li>resume (재개하다)</li>" in key
    assert "Fill in the" in page and '"Noto Sans KR", "Nanum Gothic"' in page


def test_without_answers_the_page_has_no_key(lesson):
    page = worksheet_html(lesson, "ko")
    assert 'class="key"' not in page and "단어 상자" in page
    bank = page.split('<div class="bank">')[1].split("</div>")[0]
    words = re.findall(r"<span>(.*?)</span>", bank)
    assert words == sorted(words, key=str.casefold) and "resume" in words


def test_article_text_is_escaped(lesson):
    page = worksheet_html(lesson, "en")
    assert "&quot;" in page  # the quoted sentence of the article
    body = page.split("<body>")[1]
    assert '"' not in re.sub(r'<[^>]*>', "", body)


def test_wrong_suffix_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["export", "worksheet", "-o", str(tmp_path / "w.pdf")])
    assert result.exit_code == 1 and "must end in .html" in result.output
