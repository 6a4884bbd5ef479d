"""The app on a corpus of two works (issue 13): a work selector, each work alone."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, serve_app

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pair_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("pair") / "arguments"
    shutil.copytree(ROOT / "arguments" / "harris-stalin", root / "harris-stalin")
    shutil.copytree(ROOT / "tests" / "data" / "coldwar", root / "coldwar")
    with serve_app(str(root)) as url:
        yield url


def test_the_work_selector_shows_one_work_at_a_time(pair_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"{pair_url}/?view=overview")
            sidebar = page.locator('[data-testid="stSidebar"]')
            # The first work (the survey) by default: its own title, its own map.
            expect(sidebar.get_by_text("argmap test fixture")).to_be_visible(timeout=30_000)
            expect(page.locator('g.node[id="n-thesis"]')).to_be_visible(timeout=30_000)
            expect(page.locator('g.node[id="n-abs-thesis-misperception"]')).to_have_count(0)

            # Choose the chapter: the map is the chapter's alone.
            sidebar.locator('[data-testid="stSelectbox"]').first.click()
            page.get_by_role("option", name="Stalin and Stalinism").click()
            expect(page).to_have_url(re.compile(r"[?&]work=harris-stalin(&|$)"), timeout=15_000)
            expect(sidebar.get_by_text("James Harris")).to_be_visible(timeout=15_000)
            expect(page.locator('g.node[id="n-abs-thesis-misperception"]')).to_be_visible(
                timeout=30_000)
            expect(page.locator('g.node[id="n-thesis"]')).to_have_count(0)

            # The walkthrough runs through the chapter's 37 paragraphs, not the pair's 53.
            sidebar.get_by_text("Walkthrough", exact=True).click()
            expect(page.get_by_text(re.compile(r"paragraph 1 of 37 in the text"))).to_be_visible(
                timeout=30_000)
            page.goto(f"{pair_url}/?page=walkthrough&work=cold-war-survey")
            expect(page.get_by_text(re.compile(r"paragraph 1 of 16 in the text"))).to_be_visible(
                timeout=30_000)
            expect(page.locator("h4", has_text="Introduction")).to_be_visible()
        finally:
            browser.close()
