"""The app's downloads of the shown work (AIF, Argdown, GraphML), in a real browser."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from argmap.core.loader import load_corpus
from tests.conftest import ARGUMENTS
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser


def test_sidebar_downloads_the_work_as_aif_argdown_and_graphml(base_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    corpus = load_corpus(ARGUMENTS)
    nodes = len(corpus.claims) + len(corpus.evidence)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
            page.goto(f"{base_url}/?page=sources")
            sidebar = page.locator('[data-testid="stSidebar"]')
            opener = sidebar.get_by_text("Take the map out", exact=True)
            expect(opener).to_be_visible(timeout=30_000)
            opener.click()
            got = {}
            for label, name in (("AIF (JSON)", "harris-stalin.json"),
                                ("Argdown", "harris-stalin.argdown"),
                                ("GraphML", "harris-stalin.graphml")):
                button = sidebar.get_by_role("button", name=label)
                expect(button).to_be_visible(timeout=15_000)
                with page.expect_download(timeout=60_000) as info:
                    button.click()
                download = info.value
                assert download.suggested_filename == name
                path = download.path()
                got[name] = path.read_bytes()
        finally:
            browser.close()
    aif = json.loads(got["harris-stalin.json"])
    assert sum(1 for n in aif["nodes"] if n["type"] == "I") == nodes
    assert got["harris-stalin.argdown"].startswith(b"===\ntitle: Stalin and Stalinism\n")
    root = ET.fromstring(got["harris-stalin.graphml"])
    assert len(root.findall(".//{http://graphml.graphdrawing.org/xmlns}node")) == nodes
