"""The romanization under each Korean sentence (issue 25, review point 10), in a real
Chromium: the learner of Korean chosen in 00-start-here presses "로마자 표기 보기" in 01, and
each sentence of the paragraph has its romanization on a line of its own right under it,
marked as Latin script, with no serious accessibility violation; pressing again hides it.

Screenshot: ``reading-sentence-romanization.png``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import dokhae
from dokhae import i18n

from .conftest import ARTIFACTS, open_and_run_all, outputs
from .test_listening_a11y import choose_learner

pytestmark = pytest.mark.slow

LESSON = dokhae.load_lesson("steel-dialogue-2023")
P2 = next(i for i, p in enumerate(LESSON.article.paragraphs) if p.id == "p2")


def test_each_korean_sentence_shows_its_romanization_under_it(page, lab_url):
    from axe_playwright_python.sync_playwright import Axe

    try:
        choose_learner(page, lab_url, "ko")
        open_and_run_all(page, lab_url, "01-read-the-article.ipynb")
        view = outputs(page).locator(".dokhae-reading").first
        expect(view.locator(".dokhae-text-ko")).to_be_visible()
        expect(view.locator(".dokhae-instruction")).to_contain_text("‘로마자 표기 보기’ 버튼을")
        section = view.locator(".dokhae-section")
        for _ in range(P2):
            before = section.inner_text()
            view.locator(".dokhae-next").click()
            expect(section).not_to_have_text(before)
        lines = view.locator(".dokhae-sentence-romanization")
        expect(lines).to_have_count(2)  # p2 has two sentences
        expect(lines.first).to_be_hidden()

        view.locator(".dokhae-romanization-toggle").click()
        expect(lines.nth(0)).to_be_visible()
        expect(lines.nth(1)).to_contain_text("2018-nyeon 11-worieotda.")
        expect(lines.nth(0)).to_contain_text("inal Tokyo-eseo yeollin je-20-cha")
        expect(lines.nth(0).locator("[lang='ko-Latn']")).to_have_count(1)
        # under its own sentence: below the first sentence's last word, above the second's
        first_end = view.locator(".dokhae-word", has_text="회의다.").bounding_box()
        second = view.locator(".dokhae-word", has_text="마지막으로").bounding_box()
        one, two = lines.nth(0).bounding_box(), lines.nth(1).bounding_box()
        assert first_end and second and one and two
        assert first_end["y"] < one["y"] < second["y"] < two["y"]
        text = view.locator(".dokhae-text").bounding_box()
        assert text and one["width"] > 0.9 * text["width"]  # a line of its own

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        view.screenshot(path=str(ARTIFACTS / "reading-sentence-romanization.png"))
        results = Axe().run(page, context=".dokhae-reading").response
        serious = [
            (v["id"], [n["html"][:120] for n in v["nodes"]])
            for v in results["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []

        view.locator(".dokhae-romanization-toggle").click()
        expect(lines.nth(0)).to_be_hidden()
        expect(lines.nth(1)).to_be_hidden()
        expect(view.locator(".dokhae-romanization-toggle")).to_contain_text(
            i18n.t("button.show_romanization", "ko")
        )
    finally:
        choose_learner(page, lab_url, "en")  # the other tests read the English text
