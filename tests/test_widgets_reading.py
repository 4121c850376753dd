"""The reading view, driven without a browser: clicks, values, escaping, both directions."""

from __future__ import annotations

import csv
import itertools
import re
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pytest

from dokhae.progress import ProgressStore
from dokhae.session import Session
from dokhae.widgets.reading import (
    ReadingView,
    Term,
    Token,
    entries_for,
    find_terms,
    gloss_html,
    tokens,
)

ROOT = Path(__file__).resolve().parents[1]
HEADLINE_KO_TERMS = ["한일", "5년 만에", "철강", "협력", "대화", "재개"]
"""The Korean headline's terms: words, and the grammar pattern 5년 만에 (N년 만에)."""

SLUG = "steel-dialogue-2023"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def session(lesson, tmp_path):
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        yield Session(lesson, store=store)


def ids(terms):
    return [t.entry.id for t in terms]


def shown(widget):
    return widget.layout.display != "none"


def term_ids(view):
    return [
        next(
            c[len("dokhae-term-") :]
            for c in b._dom_classes
            if c.startswith("dokhae-term-") and c != "dokhae-term-selected"
        )
        for b in view.terms
    ]


# --------------------------------------------------------------------------- find_terms


def test_english_terms_are_whole_words_case_insensitive(lesson):
    text = "Bilateral talks resumed; the thawing is not a thaw of the hiatuses."
    found = find_terms(text, lesson.glossary, "en")
    assert ids(found) == ["bilateral", "thaw"]
    assert text[found[0].start : found[0].end] == "Bilateral"
    assert isinstance(found[0], Term) and found[0] == (0, 9, lesson.entry("bilateral"))


def test_longest_english_match_wins_and_matches_never_overlap(lesson):
    text = "according to the Ministry of Trade, Industry and Energy, the ministry said"
    found = find_terms(text, lesson.glossary, "en")
    assert ids(found) == [
        "ko-ttareumyeon",
        "ministry-of-trade-industry-and-energy",
        "ministry",
        "ko-balkida",  # said: 밝혔다, for learners of Korean
    ]
    cbam = find_terms("the Carbon Border Adjustment Mechanism on carbon", lesson.glossary, "en")
    assert ids(cbam) == ["carbon-border-adjustment-mechanism", "ko-tanso"]
    spans = [
        (t.start, t.end)
        for t in find_terms(
            " ".join(s.en for s in lesson.article.sentences.values()), lesson.glossary, "en"
        )
    ]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


def test_korean_terms_are_found_under_their_particles(lesson):
    """협력을 / 협력에 / 협력이: the precomputed form 협력 is found under the particle."""
    for text in ("협력을 강화한다", "협력에 대한 평가", "양국 간 협력이 중요해졌다"):
        found = find_terms(text, lesson.glossary, "ko")
        cooperation = [t for t in found if t.entry.id == "ko-hyeomnyeok"]
        assert len(cooperation) == 1, text
        assert text[cooperation[0].start : cooperation[0].end] == "협력"


def test_longest_korean_compound_wins_over_its_parts(lesson):
    found = find_terms("탄소국경조정제도(CBAM) 등 탄소 관련 규제 제도", lesson.glossary, "ko")
    cbam = "carbon-border-adjustment-mechanism"
    assert ids(found) == [cbam, cbam, "ko-tanso", "ko-gwallyeon", "regulation", "scheme"]


def test_same_form_prefers_the_entry_of_the_sentence(lesson):
    """강화 is a form of both *boost* and *beef up*: the sentence being read decides."""
    assert ids(find_terms("교역을 강화하는", lesson.glossary, "ko", sentence_id="p6s1")) == [
        "ko-gyoyeok",
        "beef-up",
    ]
    assert ids(find_terms("교역을 강화하는", lesson.glossary, "ko")) == ["ko-gyoyeok", "boost"]


def test_find_terms_rejects_an_unknown_language(lesson):
    with pytest.raises(ValueError, match="unknown text language 'jp'"):
        find_terms("x", lesson.glossary, "jp")


def test_tokens_keep_particles_beside_their_term(lesson):
    text = "협력에 대응할 방안"
    out = tokens(text, find_terms(text, lesson.glossary, "ko"))
    assert out[0] == Token("협력", lesson.entry("ko-hyeomnyeok"), False)
    assert out[1] == Token("에", None, True)
    assert [t.text for t in out] == ["협력", "에", "대응", "할", "방안"]
    assert [t.entry.id if t.entry else None for t in out] == [
        "ko-hyeomnyeok",
        None,
        "ko-daeeung",
        None,
        "ko-bangan",
    ]
    english = "a five-year hiatus."
    assert tokens(english, find_terms(english, lesson.glossary, "en")) == [
        Token("a", None, True),
        Token("five-year", None, True),
        Token("hiatus", lesson.entry("hiatus"), False),
        Token(".", None, False),
    ]


def test_audiences(lesson):
    with (ROOT / "glossary" / "steel-dialogue-2023.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(entries_for(lesson.glossary, None)) == len(rows)
    for audience, wanted in (("en", {"en", "both"}), ("ko", {"ko", "both"})):
        assert len(entries_for(lesson.glossary, audience)) == sum(
            r["audience"] in wanted for r in rows
        )
    assert all(e.audience in ("en", "both") for e in entries_for(lesson.glossary, "en"))
    assert all(e.audience in ("ko", "both") for e in entries_for(lesson.glossary, "ko"))
    with pytest.raises(ValueError, match="unknown audience"):
        entries_for(lesson.glossary, "fr")


# --------------------------------------------------------------------------- the view


def test_fallback_is_a_friendly_bilingual_instruction(lesson, capsys):
    view = ReadingView(lesson, lang="en")
    text = repr(view)
    assert "Run this cell" in text and "이 셀을 실행하면" in text
    assert "VBox" not in text and "children" not in text
    assert capsys.readouterr().out == ""  # nothing printed at construction (strict nbval)
    assert "dokhae-reading" in view._dom_classes


def _shown_text(widget) -> str:
    """Every HTML/label text inside ``widget`` (what the student sees), joined."""
    value = getattr(widget, "value", None)
    parts = [value if isinstance(value, str) else "", str(getattr(widget, "description", ""))]
    for child in getattr(widget, "children", ()):
        parts.append(_shown_text(child))
    return " ".join(parts)


def test_paragraph_navigation_and_one_numbering(session):
    """One numbering: "Paragraph 1 of 7"; no page count "N / 9" beside it (walk-through 11)."""
    view = ReadingView(session, lang="en")
    assert view.paragraph.id == "h1"
    assert view.section.value == "<b>Headline</b>"
    assert not hasattr(view, "position")
    assert view.previous_button.disabled and not view.next_button.disabled
    view.next_button.click()
    assert view.paragraph.id == "c1"
    assert "Photo caption" in view.section.value
    assert shown(view.credit) and view.credit.value == "Photo: MOTIE"
    view.next_button.click()
    assert view.paragraph.id == "p1" and view.section.value == "<b>Paragraph 1 of 7</b>"
    assert not re.search(r"\b\d+ / \d+\b", _shown_text(view))
    assert not shown(view.credit)
    for _ in range(20):
        view.next_button.click()
    assert view.paragraph.id == "p7" and view.section.value == "<b>Paragraph 7 of 7</b>"
    assert not re.search(r"\b\d+ / \d+\b", _shown_text(view))
    assert view.next_button.disabled
    view.previous_button.click()
    assert view.paragraph.id == "p6"
    assert "dokhae-previous" in view.previous_button._dom_classes
    assert "dokhae-next" in view.next_button._dom_classes


def test_korean_interface_labels(lesson):
    view = ReadingView(lesson, lang="ko")
    assert view.translation_toggle.description == "번역 보기"
    assert view.direction.options[0] == ("영어 원문", "en")
    view.go(1)
    assert view.credit.value == "사진: 산업통상자원부 제공"


def test_terms_are_highlighted_buttons_in_every_form(lesson):
    view = ReadingView(lesson, lang="en")
    assert term_ids(view) == ["resume", "dialogue", "hiatus"]
    for term in view.terms:
        assert isinstance(term, widgets.Button)  # focusable, Enter/Space press it
        assert "dokhae-term" in term._dom_classes
    assert [b.description for b in view.term_buttons("hiatus")] == ["hiatus"]
    view.go(4)  # p3: "brought together" is the form of *bring together*
    assert "bring-together" in term_ids(view)
    assert [b.description for b in view.term_buttons("bring-together")] == ["brought together"]
    words = [c for c in view.text.children if "dokhae-word" in c._dom_classes]
    assert words and all(isinstance(w, widgets.HTML) for w in words)


def test_clicking_a_term_shows_its_gloss(lesson):
    view = ReadingView(lesson, lang="en")
    assert not shown(view.gloss)
    hiatus = view.term_buttons("hiatus")[0]
    hiatus.click()
    assert shown(view.gloss) and "dokhae-gloss" in view.gloss._dom_classes
    assert view.selected.id == "hiatus"
    assert "공백, 중단, 휴지기" in view.gloss.value
    assert "a pause or break in an activity" in view.gloss.value
    assert "Level C2 (hardest)" in view.gloss.value and "(noun)" in view.gloss.value
    assert "estimated" not in view.gloss.value  # where a level came from is for the teacher
    assert "dokhae-term-selected" in hiatus._dom_classes
    resume = view.term_buttons("resume")[0]
    resume.click()
    assert view.selected.id == "resume" and "재개하다" in view.gloss.value
    assert "Level B2 (upper intermediate)" in view.gloss.value
    assert "dokhae-term-selected" not in hiatus._dom_classes
    resume.click()  # again: closes it
    assert view.selected is None and not shown(view.gloss)
    resume.click()
    view.next_button.click()  # a new paragraph starts without a gloss open
    assert view.selected is None and not shown(view.gloss)


def test_translation_is_hidden_until_asked_for_each_paragraph(lesson):
    view = ReadingView(lesson, lang="en")
    assert not shown(view.translation)
    assert "dokhae-translation-toggle" in view.translation_toggle._dom_classes
    assert "dokhae-translation" in view.translation._dom_classes
    view.translation_toggle.value = True
    assert shown(view.translation)
    assert "한일, 5년 만에 철강 협력 대화 재개" in view.translation.value
    assert view.translation_toggle.description == "Hide translation"
    view.next_button.click()
    assert not shown(view.translation) and not view.translation_toggle.value
    assert "지난 목요일" in view.translation.value
    view.previous_button.click()  # the headline's translation is still open
    assert shown(view.translation) and view.translation_toggle.value


def test_a_longer_paragraph_is_translated_sentence_by_sentence(lesson):
    """A paragraph of two sentences lists them, each named by its number and first words,
    each translation folded on its own: the student opens the one sentence they are
    stuck on (walk-through 11), not the whole paragraph."""
    view = ReadingView(lesson, lang="ko")
    index = next(i for i, p in enumerate(view.pages) if len(p.sentences) == 2)
    view.go(index)
    view.translation_toggle.value = True
    html = view.translation.value
    first, second = view.paragraph.sentences
    assert html.count('<details class="dokhae-sentence-translation">') == 2
    assert html.index("1번째 문장") < html.index(escape(first.ko)) < html.index("2번째 문장")
    assert html.index("2번째 문장") < html.index(escape(second.ko))
    assert escape(" ".join(first.en.split()[:6])) in html  # named by its opening words
    assert escape(first.en) not in html  # not the whole sentence again
    view.go(0)  # the headline, one sentence: its translation as it is
    assert "<details" not in view.translation.value
    assert "한일, 5년 만에 철강 협력 대화 재개" in view.translation.value
    view.go(index)
    view.direction.value = "ko"  # read in Korean: the English translation per sentence
    assert escape(first.en) in view.translation.value and "<details" in view.translation.value


def test_korean_direction_glosses_korean_terms_with_romanization_on_demand(lesson):
    view = ReadingView(lesson, lang="en")
    assert not shown(view.romanization_toggle)
    view.direction.value = "ko"
    assert "dokhae-direction" in view.direction._dom_classes
    assert shown(view.romanization_toggle)
    assert [b.description for b in view.terms] == HEADLINE_KO_TERMS
    assert "dokhae-text-ko" in view.text._dom_classes
    view.go(5)  # p4: 협력을 → 협력, 탄소국경조정제도 whole
    assert "협력" in [b.description for b in view.term_buttons("ko-hyeomnyeok")]
    assert "탄소국경조정제도" in [b.description for b in view.terms]
    assert "제도" not in [b.description for b in view.terms]
    view.term_buttons("ko-hyeomnyeok")[0].click()
    assert "協力" in view.gloss.value and "cooperation" in view.gloss.value
    # the romanization is off (the glossary's note, shown, also spells it: [혐녁], hyeomnyeok)
    assert "dokhae-gloss-romanization" not in view.gloss.value
    assert view.romanized and not any(shown(line) for line in view.romanized)
    view.romanization_toggle.value = True
    assert '<i class="dokhae-gloss-romanization" title="Romanization">hyeomnyeok</i>' in (
        view.gloss.value
    )
    # the sentence under it, with the particle: 협력을 → hyeomnyeogeul
    assert shown(view.romanized[0]) and "hyeomnyeogeul" in view.romanized[0].value
    assert view.romanization_toggle.description == "Hide romanization"
    view.translation_toggle.value = True
    assert "explored ways to boost cooperation" in view.translation.value
    view.direction.value = "en"
    assert view.romanized == () and not shown(view.romanization_toggle)
    assert "explored" in [b.description for b in view.terms]
    assert view.selected is None


def test_direction_can_start_in_korean(lesson):
    view = ReadingView(lesson, lang="ko", direction="ko")
    assert view.direction.value == "ko"
    assert view.instruction.value.startswith("한국어 본문을 읽으세요.")
    assert [b.description for b in view.terms] == HEADLINE_KO_TERMS


def test_audience_chooses_the_highlighted_entries(lesson):
    """English text glosses the words for Korean students by default; None glosses all."""
    assert "ko-cheolgang" not in term_ids(ReadingView(lesson, lang="en"))
    every = ReadingView(lesson, lang="en", audience=None)
    assert term_ids(every) == ["resume", "dialogue", "ko-cheolgang", "ko-hyeomnyeok", "hiatus"]
    with pytest.raises(ValueError, match="unknown text language 'jp'"):
        ReadingView(lesson, direction="jp")


def _evil_lesson(lesson):
    entry = lesson.entry("hiatus").model_copy(
        update={"definition": EVIL, "ko": (EVIL, "중단"), "hanja": EVIL, "romanization": EVIL}
    )
    glossary = tuple(entry if e.id == "hiatus" else e for e in lesson.glossary)
    article = lesson.article
    h1 = article.paragraphs[0]
    sentence = h1.sentences[0].model_copy(
        update={"en": h1.sentences[0].en + " " + EVIL, "ko": h1.sentences[0].ko + " " + EVIL}
    )
    paragraphs = (h1.model_copy(update={"sentences": (sentence,)}), *article.paragraphs[1:])
    return lesson.model_copy(
        update={
            "glossary": glossary,
            "article": article.model_copy(update={"paragraphs": paragraphs}),
        }
    )


def test_glossary_and_article_content_is_escaped(lesson):
    view = ReadingView(_evil_lesson(lesson), lang="en", audience=None)
    view.term_buttons("hiatus")[0].click()
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.gloss.value
    assert "<img" not in view.gloss.value
    html = [c.value for c in view.text.children if isinstance(c, widgets.HTML)]
    assert any("&lt;img" in h for h in html) and not any("<img" in h for h in html)
    view.translation_toggle.value = True
    assert "&lt;img" in view.translation.value and "<img" not in view.translation.value
    view.direction.value = "ko"
    view.romanization_toggle.value = True
    assert "&lt;img" in view.romanized[0].value and "<img" not in view.romanized[0].value
    assert not any("<img" in c.value for c in view.text.children if isinstance(c, widgets.HTML))


def test_a_korean_gloss_names_the_word_in_the_text_and_leads_with_english(lesson):
    """Issue 25, point 2: the word clicked as it stands (모색했다) and its dictionary form,
    the English meaning first, the other Korean words as related words, the note; no
    CEFR level (it is the English word's)."""
    view = ReadingView(lesson, lang="en", direction="ko")
    for index in range(len(view.pages)):
        view.go(index)
        if view.term_buttons("explore"):
            break
    view.term_buttons("explore")[0].click()
    gloss = view.gloss.value
    assert (
        '<b lang="ko" class="dokhae-gloss-form">모색했다</b> → <b lang="ko">모색하다</b>' in gloss
    )
    assert "(dictionary form)" in gloss
    english = gloss.index('English:</b> <span lang="en">explore (verb)')
    assert english < gloss.index('Related Korean words:</b> <span lang="ko">탐색하다')
    assert "Note:" in gloss and "Level" not in gloss
    view.go(0)
    view.term_buttons("ko-cheolgang")[0].click()  # 철강 as in the text: no arrow
    assert "→" not in view.gloss.value and "dictionary form" not in view.gloss.value


def test_an_english_gloss_shows_the_form_and_the_note(lesson):
    view = ReadingView(lesson, lang="ko", direction="en")
    view.go(0)
    view.term_buttons("resume")[0].click()
    assert "참고:" in view.gloss.value and "Not the noun &#x27;résumé&#x27;" in view.gloss.value
    assert "난이도 B2 (중상급)" in view.gloss.value


def test_gloss_html_escapes_everything(lesson):
    entry = lesson.entry("resume").model_copy(update={"headword": EVIL, "definition": EVIL})
    for language in ("en", "ko"):
        html = gloss_html(entry, language, "ko", romanization=True)
        assert "<img" not in html and "&lt;img" in html


def test_reading_view_is_exported():
    from dokhae import widgets

    assert widgets.ReadingView is ReadingView


@pytest.mark.parametrize(
    ("entry_id", "text_word", "glossary_word"),
    [
        ("bilateral", "양국", "양국 간"),
    ],
)
def test_a_gloss_never_names_a_neighbour_as_the_texts_word(
    lesson, entry_id, text_word, glossary_word
):
    """The Korean learner's review, point 3: 산업부 was glossed as 부처, 철강업계 as
    철강업체 ("a company"), 양국 as 양국 간: the head now names the text's word, and the
    glossary's word is said to be that (with no Hanja of another word)."""
    view = ReadingView(lesson, lang="en", direction="ko")
    for index in range(len(view.pages)):
        view.go(index)
        buttons = [b for b in view.term_buttons(entry_id) if b.description == text_word]
        if buttons:
            break
    buttons[0].click()
    gloss = view.gloss.value
    head = gloss.split("</div>")[0]
    assert text_word in head and f">{glossary_word}<" not in head and "→" not in head
    assert f'In the glossary as:</b> <span lang="ko">{glossary_word}</span>' in gloss
    assert "dokhae-gloss-hanja" not in gloss


@pytest.mark.parametrize(
    ("text_word", "entry_id", "hanja"),
    [("산업부", "ko-saneopbu", "産業部"), ("철강업계", "ko-cheolgangeopgye", "鐵鋼業界")],
)
def test_the_reviews_neighbours_have_rows_of_their_own(lesson, text_word, entry_id, hanja):
    """The review's point 3, fixed in the glossary (issue 25 point 5): 산업부 and 철강업계
    are entries of their own, so the gloss names them with their own Hanja; the English
    entries they were glossed under (ministry, steelmaker) no longer claim them."""
    view = ReadingView(lesson, lang="en", direction="ko")
    pages = []
    for index in range(len(view.pages)):
        view.go(index)
        if text_word in [b.description for b in view.terms]:
            pages.append(index)
            button = next(b for b in view.terms if b.description == text_word)
            assert f"dokhae-term-{entry_id}" in button._dom_classes
    assert pages
    button.click()
    head = view.gloss.value.split("</div>")[0]
    assert f'<b lang="ko">{text_word}</b>' in head and hanja in head
    assert "In the glossary as" not in view.gloss.value


def test_a_word_of_the_entry_with_a_particle_is_named_itself(lesson):
    view = ReadingView(lesson, lang="en", direction="ko")
    for index in range(len(view.pages)):
        view.go(index)
        if view.term_buttons("ko-baechullyang"):
            break
    view.term_buttons("ko-baechullyang")[0].click()  # 배출량에 → 배출량
    assert '"dokhae-gloss-form">배출량에</b> → <b lang="ko">배출량</b>' in view.gloss.value
    assert "排出量" in view.gloss.value  # the Hanja of 배출량 itself


GRAMMAR = {  # the grammar patterns of the shipped lesson, as they stand in the Korean text
    "grammar-nyeon-mane": ["5년 만에", "5년 만에"],
    "grammar-gi-wihae": ["논의하기 위해"],
    "grammar-dago-balkida": ["열었다고", "다짐했다”고"],
    "grammar-je-cha": ["제20차"],
    "grammar-eun-gaunde": ["형성된 가운데"],
    "grammar-giro-hada": ["손을 맞잡기로"],
    "grammar-headline-noun": ["재개"],
}


def test_grammar_patterns_are_highlighted_in_the_korean_text_as_their_own_kind(lesson):
    """Issue 25 point 3: the endings and fixed expressions of news Korean are entries of
    kind ``grammar``, highlighted (in their own colour) where they stand, and their gloss
    names the pattern, the words of the text, the English and both explanations."""
    view = ReadingView(lesson, lang="en", direction="ko")
    met: dict[str, list[str]] = {}
    for index in range(len(view.pages)):
        view.go(index)
        for term in view.terms:
            grammar = "dokhae-grammar" in term._dom_classes
            entry_id = next(c for c in term._dom_classes if c.startswith("dokhae-term-"))
            entry = lesson.entry(entry_id.removeprefix("dokhae-term-"))
            assert grammar == (entry.pos == "grammar")
            assert (term.style.button_color == "#d8ecff") == grammar
            if not grammar:
                continue
            term.click()
            gloss = view.gloss.value
            head = gloss.split("</div>")[0]
            assert f'<b lang="ko">{escape(entry.korean)}</b>' in head and "grammar pattern" in head
            form = re.search(r'In the text:</b> <span lang="ko">([^<]*)</span>', gloss)
            met.setdefault(entry.id, []).append(form.group(1))
            assert escape(entry.definition) in gloss and escape(entry.notes) in gloss
            assert f'<span lang="en">{escape(entry.headword)}</span>' in gloss
            term.click()  # deselected: its own colour again
            assert term.style.button_color == "#d8ecff"
    assert met == {k: [escape(f) for f in v] for k, v in GRAMMAR.items()}
    view.direction.value = "en"  # the English text is for Korean students: no grammar rows
    for index in range(len(view.pages)):
        view.go(index)
        assert not any("dokhae-grammar" in t._dom_classes for t in view.terms)
