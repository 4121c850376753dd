"""The romanization under each Korean sentence of the reading view (issue 25, review points
10 and 11): shown and hidden by the toggle, never in the English text, following the
glossary's spellings, escaped, marked as Latin script."""

from __future__ import annotations

import unicodedata
from html import unescape

import pytest

from dokhae.romanization import glossary_spellings, romanize_sentence
from dokhae.widgets.reading import ReadingView

LINE_CLASS = "dokhae-sentence-romanization"


def shown(widget):
    return widget.layout.display != "none"


def lines_in_text(view):
    """The romanization lines among the text's children, in order."""
    return [c for c in view.text.children if LINE_CLASS in c._dom_classes]


def page_of(view, sentence_id):
    return next(i for i, p in enumerate(view.pages) if sentence_id in [s.id for s in p.sentences])


def line_text(line):
    """The romanization a line shows (its HTML unescaped, the markup dropped)."""
    inner = line.value.split(">", 1)[1].rsplit("</div>", 1)[0]
    return unescape(inner)


def test_the_toggle_shows_each_sentence_romanized_under_it_and_hides_it_again(lesson):
    view = ReadingView(lesson, lang="en", direction="ko")
    spellings = glossary_spellings(lesson.glossary)
    view.go(page_of(view, "p2s1"))  # a paragraph of two sentences
    first, second = view.paragraph.sentences
    assert len(view.romanized) == 2 and lines_in_text(view) == list(view.romanized)
    assert not any(shown(line) for line in view.romanized)  # off at first
    view.romanization_toggle.value = True
    assert all(shown(line) for line in view.romanized)
    assert [line_text(line) for line in view.romanized] == [
        romanize_sentence(first.ko, spellings),
        romanize_sentence(second.ko, spellings),
    ]
    assert line_text(view.romanized[1]).endswith("2018-nyeon 11-worieotda.")
    # each under its own sentence: after the sentence's last word, before the next one's
    children = list(view.text.children)
    texts = [getattr(c, "value", None) or getattr(c, "description", "") for c in children]
    at = [children.index(line) for line in view.romanized]
    before, between = "".join(texts[: at[0]]), "".join(texts[at[0] + 1 : at[1]])
    assert "회의다." in before and "회의다." not in between and "마지막으로" in between
    assert at[1] == len(children) - 1  # the last line closes the paragraph
    # a line of its own, in Latin script marked as such (not read out as Korean)
    assert all(line.layout.width == "100%" for line in view.romanized)
    assert all('lang="ko-Latn"' in line.value for line in view.romanized)
    view.go(0)  # another page while on: shown there too
    assert view.romanized and all(shown(line) for line in view.romanized)
    assert line_text(view.romanized[0]) == "hanil, 5-nyeon mane cheolgang hyeomnyeok daehwa jaegae"
    view.romanization_toggle.value = False
    assert not any(shown(line) for line in view.romanized)
    assert view.romanization_toggle.description == "Show romanization"


def test_the_english_text_never_shows_a_romanization(lesson):
    view = ReadingView(lesson, lang="ko", direction="en", switch=True)
    for index in range(len(view.pages)):
        view.go(index)
        assert view.romanized == () and lines_in_text(view) == []
    assert not shown(view.romanization_toggle)
    view.direction.value = "ko"
    view.romanization_toggle.value = True
    assert view.romanized and all(shown(line) for line in view.romanized)
    view.direction.value = "en"  # the toggle stays on, the English text has no line
    assert view.romanized == () and lines_in_text(view) == []
    assert not shown(view.romanization_toggle)
    assert not any("ko-Latn" in getattr(c, "value", "") for c in view.text.children)
    view.direction.value = "ko"  # back: the lines again, the toggle still on
    assert all(shown(line) for line in view.romanized)


def test_a_name_and_a_noun_follow_the_glossary_and_the_names_table(lesson):
    view = ReadingView(lesson, lang="en", direction="ko")
    view.romanization_toggle.value = True
    view.go(page_of(view, "p3s1"))
    assert "cheolgangeopgye hyeophoedo chamseokaetda." in line_text(view.romanized[0])
    view.go(page_of(view, "p2s1"))
    assert line_text(view.romanized[0]).startswith("inal Tokyo-eseo yeollin je-20-cha")
    # a proper name romanized its own way in the glossary (부산 → Busan) is followed
    busan = lesson.glossary[0].model_copy(
        update={"id": "busan", "ko": ("부산",), "romanization": "Busan", "pos": "noun"}
    )
    view = ReadingView(
        lesson.model_copy(update={"glossary": (*lesson.glossary, busan)}),
        lang="en",
        direction="ko",
    )
    view.go(page_of(view, "c1"))
    assert "jinan mogyoil Busan-eseo hangukgwa" in line_text(view.romanized[0])


def test_nfd_text_gives_the_same_line(lesson):
    article = lesson.article
    nfd = article.model_copy(
        update={
            "paragraphs": tuple(
                p.model_copy(
                    update={
                        "sentences": tuple(
                            s.model_copy(update={"ko": unicodedata.normalize("NFD", s.ko)})
                            for s in p.sentences
                        )
                    }
                )
                for p in article.paragraphs
            )
        }
    )
    plain = ReadingView(lesson, lang="en", direction="ko")
    decomposed = ReadingView(lesson.model_copy(update={"article": nfd}), lang="en", direction="ko")
    for index in range(len(plain.pages)):
        plain.go(index)
        decomposed.go(index)
        assert decomposed.paragraph.sentences[0].ko != plain.paragraph.sentences[0].ko
        assert [line.value for line in decomposed.romanized] == [
            line.value for line in plain.romanized
        ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Press “Show romanization” to see each sentence in Latin letters under it"),
        ("ko", "‘로마자 표기 보기’ 버튼을 누르면 문장마다 그 아래에 로마자 표기"),
    ],
)
def test_the_instruction_says_romanization_needs_the_toggle(lesson, lang, expected):
    view = ReadingView(lesson, lang=lang, direction="ko")
    assert expected in unescape(view.instruction.value)
    assert view.romanization_toggle.description in unescape(view.instruction.value)
