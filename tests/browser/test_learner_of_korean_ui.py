"""A learner of Korean (issue 25) in a real JupyterLab and Chromium, on the shipped lesson,
clicking as a student would:

- 00-start-here: the chooser's buttons "I am learning Korean" and "English" (the
  interface language), both saved;
- 01: the Korean text, with English labels; a highlighted word of the body (협력 in
  협력을) opens a gloss naming the form in the text and its dictionary form, English
  first, the pronunciation [혐녁], each Hanja character with its 훈음 (協 화할 협) and
  the lesson's words sharing it; "Show romanization" puts a romanized line under each
  Korean sentence; axe finds no serious violation in the reading view then;
- 02: the cards and the review start Korean → English;
- 03: a multiple-choice question shows Korean choices (buttons and prompt in English),
  and the Korean cloze cloze-ko-hyeomnyeok accepts 협력을 as right.

Screenshots (test-artifacts/browser/): ``learner-ko-00-chooser.png``,
``learner-ko-01-gloss.png``, ``learner-ko-01-romanization.png``,
``learner-ko-02-cards.png``, ``learner-ko-03-choices.png``, ``learner-ko-03-cloze.png``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

import dokhae
from dokhae import i18n
from dokhae.hanja import characters, related_words
from dokhae.paragraphs import paragraph_group_label, paragraph_groups
from dokhae.romanization import glossary_spellings, romanize_sentence
from dokhae.widgets.quiz.question import choice_label

from .conftest import open_and_run_all, outputs
from .test_notebooks_ui import page_to, snap

pytestmark = pytest.mark.slow

LESSON = dokhae.load_lesson("steel-dialogue-2023")
EN = "en"  # the interface language the learner chooses
HYEOMNYEOK = next(e for e in LESSON.glossary if e.korean == "협력")
P4 = next(
    i for i, p in enumerate(LESSON.article.paragraphs) if p.id == "p4"
)  # …대한 협력을 강화할…
ACTIVE = re.compile(r"\bmod-active\b")  # the chosen button of a ToggleButtons


def choose(page: Page, lab_url: str, direction: str, language: str, shot: str = "") -> None:
    """In 00-start-here, press the LearnerChooser's buttons for ``direction`` (``"ko"``:
    learning Korean) and the interface ``language``, as a student would, and wait until
    the chooser says both are saved (in the language chosen)."""
    open_and_run_all(page, lab_url, "00-start-here.ipynb")
    chooser = outputs(page).locator(".dokhae-learner-chooser")
    buttons = (
        chooser.locator(
            ".dokhae-direction-select button",
            has_text=i18n.t(f"learner.reads_{direction}", "en"),
        ),
        chooser.locator(
            ".dokhae-language-select button", has_text={"ko": "한국어", "en": "English"}[language]
        ),
    )
    pressed = False
    for button in buttons:
        expect(button).to_be_visible()
        if not ACTIVE.search(button.get_attribute("class") or ""):
            button.click()
            pressed = True
        expect(button).to_have_class(ACTIVE)
    if pressed:
        expect(chooser.locator(".dokhae-feedback .dokhae-correct")).to_have_text(
            i18n.t("learner.saved", language)
        )
    if shot:
        snap(chooser, shot)


def test_a_learner_of_korean_reads_reviews_and_answers_in_korean(page, lab_url):
    from axe_playwright_python.sync_playwright import Axe

    try:
        choose(page, lab_url, "ko", EN, shot="learner-ko-00-chooser")
        read_the_korean_text(page, lab_url, Axe)
        cards_start_korean_to_english(page, lab_url)
        questions_in_korean(page, lab_url)
    finally:
        choose(page, lab_url, "en", "ko")  # the other tests are a Korean student of English


def read_the_korean_text(page: Page, lab_url: str, axe_class) -> None:
    open_and_run_all(page, lab_url, "01-read-the-article.ipynb")
    view = outputs(page).locator(".dokhae-reading").first
    expect(view.locator(".dokhae-text-ko")).to_be_visible()
    toggle = view.locator(".dokhae-romanization-toggle")
    expect(toggle).to_have_text(i18n.t("button.show_romanization", EN))  # English labels
    section = view.locator(".dokhae-section")
    for _ in range(P4):
        before = section.inner_text()
        view.locator(".dokhae-next").click()
        expect(section).not_to_have_text(before)
    number = [p.id for p in LESSON.article.body].index("p4") + 1
    total = len(LESSON.article.body)
    expect(section).to_have_text(i18n.t("progress.paragraph", EN, current=number, total=total))

    # 협력 in "…규제에 대한 협력을 강화할…": the gloss names 협력을, then its dictionary form
    term = view.locator(f".dokhae-term-{HYEOMNYEOK.id}")
    expect(term).to_have_count(1)
    expect(term).to_have_text("협력")
    term.click()
    gloss = view.locator(".dokhae-gloss")
    expect(gloss).to_be_visible()
    head = gloss.locator(".dokhae-gloss-head")
    expect(head.locator(".dokhae-gloss-form")).to_have_text("협력을")
    expect(head.locator("b[lang='ko']").nth(1)).to_have_text("협력")
    expect(head.locator(".dokhae-gloss-dictionary")).to_contain_text(
        i18n.t("gloss.dictionary_form", EN)
    )
    expect(head.locator(".dokhae-gloss-hanja")).to_have_text("協力")
    expect(head.locator(".dokhae-gloss-pronunciation")).to_have_text("[혐녁]")
    # English first: the row under the head is the English word
    first_row = gloss.locator(".dokhae-gloss-head + div")
    expect(first_row).to_have_class(re.compile(r"\bdokhae-gloss-headword\b"))
    expect(first_row).to_have_text(f"{i18n.t('gloss.english', EN)}: cooperation (noun)")
    # each Hanja character with its 훈음 and meaning, and the words sharing it
    found = characters(HYEOMNYEOK)
    assert [c.hanja for c in found] == ["協", "力"]
    chars = gloss.locator(".dokhae-hanja-characters .dokhae-hanja-character")
    expect(chars).to_have_count(len(found))
    expect(chars.first).to_contain_text("協 화할 협")
    for shown, character in zip(chars.all(), found):
        assert character.reading is not None
        expect(shown.locator(".dokhae-hanja-glyph")).to_have_text(character.hanja)
        expect(shown).to_contain_text(character.reading.hun_eum)
        expect(shown.locator("[lang='en']")).to_have_text(f"“{character.reading.meaning}”")
    related = gloss.locator(".dokhae-hanja-related")
    sharing = related_words(HYEOMNYEOK, [e for e in LESSON.glossary if e.audience != "en"])
    assert sharing and sharing[0][0] == "協" and "협회" in sharing[0][1]
    for char, words in sharing:
        expect(related).to_contain_text(f"{char}: {', '.join(words)}")
    expect(gloss).not_to_contain_text("<")  # the markup is markup, not text
    expect(gloss).not_to_contain_text("&")
    snap(gloss, "learner-ko-01-gloss")

    # romanization: a line under each Korean sentence, and in the open gloss
    toggle.click()
    expect(toggle).to_have_text(i18n.t("button.hide_romanization", EN))
    sentences = LESSON.article.paragraphs[P4].sentences
    spellings = glossary_spellings(LESSON.glossary)
    lines = view.locator(".dokhae-sentence-romanization")
    expect(lines).to_have_count(len(sentences))
    for line, sentence in zip(lines.all(), sentences):
        expect(line).to_be_visible()
        expect(line.locator("[lang='ko-Latn']")).to_have_text(
            romanize_sentence(sentence.ko, spellings)
        )
    expect(lines.first).to_contain_text("daehan hyeomnyeogeul ganghwahal")  # 협력을, linked
    expect(gloss.locator(".dokhae-gloss-romanization")).to_have_text(HYEOMNYEOK.romanization)
    # each line is below the last word of its sentence and above the next sentence
    placement = view.locator(".dokhae-text").evaluate(
        """text => [...text.children].flatMap((child, i, all) => {
            if (!child.classList.contains('dokhae-sentence-romanization')) return [];
            const words = (from, step) => {
              for (let j = from; j >= 0 && j < all.length; j += step) {
                const c = all[j].classList;
                if (c.contains('dokhae-word') || c.contains('dokhae-term')) return all[j];
              }
              return null;
            };
            const line = child.getBoundingClientRect();
            const latin = getComputedStyle(child.querySelector("[lang='ko-Latn']"));
            const before = words(i - 1, -1).getBoundingClientRect();
            const next = words(i + 1, 1);
            return [{
              below: line.top >= before.bottom - 1,
              above: !next || next.getBoundingClientRect().top >= line.bottom - 1,
              wide: line.width >= 0.9 * text.getBoundingClientRect().width,
              // a wrapped romanization keeps its lines together (not 28 px apart)
              tight: parseFloat(latin.lineHeight) <= 1.6 * parseFloat(latin.fontSize),
            }];
        })"""
    )
    expected = {"below": True, "above": True, "wide": True, "tight": True}
    assert placement == [expected] * len(sentences)
    expect(view).not_to_contain_text("<span")
    snap(view, "learner-ko-01-romanization")

    results = axe_class().run(page, context=".dokhae-reading").response
    serious = [
        (v["id"], [n["html"][:160] for n in v["nodes"]])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def cards_start_korean_to_english(page: Page, lab_url: str) -> None:
    open_and_run_all(page, lab_url, "02-vocabulary.ipynb")
    decks = outputs(page).locator(".dokhae-cards")
    expect(decks).to_have_count(2)
    first, second = decks.nth(0), decks.nth(1)
    expect(first.locator(".dokhae-direction button", has_text="→").nth(0)).to_have_text(
        i18n.t("direction.en_ko", EN)
    )
    expect(first.locator(".dokhae-direction button.mod-active")).to_have_text(
        i18n.t("direction.ko_en", EN)
    )
    expect(first.locator(".dokhae-card-front .dokhae-card-word")).to_have_attribute("lang", "ko")
    expect(first.locator(".dokhae-card-back")).to_be_hidden()
    first.locator(".dokhae-flip").click()
    back = first.locator(".dokhae-card-back")
    expect(back).to_be_visible()
    expect(back.locator(".dokhae-card-word")).to_have_attribute("lang", "en")
    snap(first, "learner-ko-02-cards")
    # the second deck is the other way round (English → Korean)
    expect(second.locator(".dokhae-direction button.mod-active")).to_have_text(
        i18n.t("direction.en_ko", EN)
    )
    expect(second.locator(".dokhae-card-front .dokhae-card-word")).to_have_attribute("lang", "en")

    review = outputs(page).locator(".dokhae-review")
    expect(review).to_have_count(1)
    expect(review.locator(".dokhae-card-front .dokhae-card-word")).to_have_attribute("lang", "ko")
    expect(review.locator(".dokhae-show-answer")).to_have_text(i18n.t("review.show_answer", EN))


def questions_in_korean(page: Page, lab_url: str) -> None:
    open_and_run_all(page, lab_url, "03-comprehension.ipynb")
    groups = outputs(page).locator(".dokhae-quiz-groups")
    expect(groups).to_have_count(1)

    question = LESSON.questions["vocab-ko-jaegae"]  # in the first group (the headline)
    mc = page_to(groups.locator(".dokhae-quiz"), "mc", question.prompt.en)
    labels = mc.locator(
        ".dokhae-choices .widget-radio-box label, .dokhae-choices .jupyter-widget-radio-box label"
    )
    expect(labels).to_have_text([choice_label(c.id, c.ko) for c in question.choices])
    expect(mc.locator(".dokhae-check")).to_have_text(i18n.t("button.check", EN))
    expect(mc.locator(".dokhae-choices-other summary")).to_have_text(
        i18n.t("quiz_ko.choices_other", EN)
    )
    right = next(c for c in question.choices if c.id == question.answer)
    mc.get_by_label(choice_label(right.id, right.ko), exact=True).check()
    mc.locator(".dokhae-check").click()
    expect(mc.locator(".dokhae-feedback .dokhae-verdict")).to_have_class(
        re.compile(r"\bdokhae-correct\b")
    )
    snap(mc, "learner-ko-03-choices")

    # cloze-ko-hyeomnyeok (paragraph 4) is in another group of paragraphs
    question = LESSON.questions["cloze-ko-hyeomnyeok"]
    every = paragraph_groups(LESSON, 3)  # as QuizSet.by_paragraph_groups() (all have questions)
    group = next(g for g in every if "p4" in g)
    groups.locator(".dokhae-group-select select").select_option(index=every.index(group))
    quiz = groups.locator(".dokhae-group-stage .dokhae-quiz")
    title = i18n.t("notebook.quiz_group_title", EN, parts=paragraph_group_label(group, EN))
    expect(quiz.locator(".dokhae-quiz-title h4")).to_have_text(title)
    cloze = page_to(quiz, "cloze", question.prompt.en)
    expect(cloze.locator(".dokhae-cloze-text [lang='ko']")).to_contain_text("을 강화할 방안")
    box = cloze.locator("input")
    box.fill("협력을")
    box.press("Enter")
    verdict = cloze.locator(".dokhae-feedback .dokhae-verdict")
    expect(verdict).to_have_class(re.compile(r"\bdokhae-correct\b"))
    expect(verdict).to_contain_text("협력")  # names the word (the wording is the checker's)
    snap(cloze, "learner-ko-03-cloze")
