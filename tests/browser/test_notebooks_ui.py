"""Each student notebook, opened and run in JupyterLab in a real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import open_and_run_all, outputs

pytestmark = pytest.mark.slow


def test_start_here_runs_and_shows_both_languages(page, lab_url):
    open_and_run_all(page, lab_url, "00-start-here.ipynb")
    out = outputs(page)
    expect(out.filter(has_text="S. Korea, Japan resume dialogue")).to_have_count(1)
    expect(out.filter(has_text="한일, 5년 만에 철강 협력 대화 재개")).to_have_count(1)
    expect(page.locator(".jp-OutputArea-output", has_text="Traceback")).to_have_count(0)
