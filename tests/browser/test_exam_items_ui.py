"""The 수능 유형 section of notebook 03 in JupyterLab in a real Chromium: every approved exam
item of the shipped lesson chosen from the list, printed, answered and judged; one wrong
try first, which gets the hint and not the answer (issue 15, point 4)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect

import dokhae
from dokhae import i18n
from dokhae.exam.items import CIRCLED, KINDS, LETTERED, WRITTEN_KINDS

from .conftest import open_and_run_all, outputs
from .test_notebooks_ui import CORRECT, assert_clean, snap

pytestmark = pytest.mark.slow

LESSON = dokhae.load_lesson("steel-dialogue-2023")
ITEMS = sorted(LESSON.exam_items.values(), key=lambda i: KINDS.index(i.kind))


def option_label(n: int, item) -> str:
    """The label of the item in the chooser, as the notebook shows it (Korean)."""
    return i18n.t("exam_choose.option", "ko", n=n, kind=i18n.t(f"exam_kind.{item.kind}", "ko"))


def answer(view: Locator, item) -> None:
    """Give the right answer the way a student does, and check it."""
    if item.kind not in WRITTEN_KINDS:
        view.locator(".dokhae-exam-choice button", has_text=CIRCLED[item.key - 1]).click()
        view.locator(".dokhae-check").click()
        return
    parts = item.rubric.parts
    if item.kind == "written_grammar":
        rows = view.locator(
            ".dokhae-exam-written .widget-hbox, .dokhae-exam-written .jupyter-widget-hbox"
        )
        for n, part in enumerate(parts):
            rows.nth(n).locator("select").select_option(label=part.label)
            rows.nth(n).locator("input").fill(part.answer)
        view.locator(".dokhae-check").click()
    elif len(parts) == 1:
        box = view.locator(".dokhae-exam-written input")
        box.fill(parts[0].answer)
        box.press("Enter")  # Enter checks, as in every typed answer
    else:
        for n, part in enumerate(parts):
            view.locator(".dokhae-exam-written input").nth(n).fill(part.answer)
        view.locator(".dokhae-check").click()


def test_every_exam_item_kind_is_answered_in_notebook_03(page, lab_url):
    assert {i.kind for i in ITEMS} == set(KINDS)  # the shipped lesson has every kind
    open_and_run_all(page, lab_url, "03-comprehension.ipynb")
    chooser = outputs(page).locator(".dokhae-exam-chooser")
    expect(chooser).to_have_count(1)
    select = chooser.locator(".dokhae-exam-select select")
    expect(select.locator("option")).to_have_count(len(ITEMS))

    for n, item in enumerate(ITEMS, start=1):
        select.select_option(label=option_label(n, item))
        view = chooser.locator(".dokhae-exam-stage .dokhae-exam")
        expect(view).to_have_count(1)
        printed = view.locator(".dokhae-exam-item")
        expect(printed.locator(".dokhae-exam-stem")).to_have_text(item.stem)
        feedback = view.locator(".dokhae-feedback")
        if item.kind == "insertion":  # printed as on paper: the box and the gaps
            expect(printed.locator(".dokhae-exam-box")).to_have_count(1)
            for symbol in CIRCLED:
                expect(printed.locator(".dokhae-exam-passage")).to_contain_text(f"( {symbol} )")
            wrong = CIRCLED[0] if item.key != 1 else CIRCLED[1]
            view.locator(".dokhae-exam-choice button", has_text=wrong).click()
            view.locator(".dokhae-check").click()
            expect(feedback).to_contain_text("다시 해 보세요")
            expect(feedback.locator(".dokhae-explanation")).to_have_count(0)
            expect(view.locator(".dokhae-hint")).to_contain_text("가리키거나 이어받는지")
        if item.kind in ("grammar", "vocabulary"):
            expect(printed.locator("u")).to_have_count(5)
        if item.kind == "written_grammar":
            expect(printed.locator("u")).to_have_count(5)
            for symbol in LETTERED:
                expect(printed).to_contain_text(symbol)
        if item.kind == "chart":
            expect(printed.locator("img.dokhae-exam-chart")).to_be_visible()
        answer(view, item)
        expect(feedback.locator(".dokhae-verdict")).to_have_text(CORRECT)
        # the explanation from the proof, in Korean and in English
        expect(feedback.locator(".dokhae-explanation")).to_contain_text("해설")
        expect(feedback.locator(".dokhae-explanation-other")).not_to_be_empty()
        if item.kind == "insertion":
            expect(feedback).to_contain_text("Carbon Border Adjustment Mechanism")
            snap(chooser, "03-exam-insertion")
        if item.kind == "chart":
            snap(chooser, "03-exam-chart")
        if item.kind == "written_grammar":
            snap(chooser, "03-exam-written-grammar")
    assert_clean(page)
