"""The web app in Debian's chromium (Playwright) against a real server on 127.0.0.1.

Log in, find one person by 陳志明 and by CHAN Chi-ming, open their syndicate, see the
chart, run a disruption, decide a review pair, switch to Chinese. Screenshots of each
step are kept in tests/artefacts/browser/ (gitignored).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from server_fixture import PASSWORD, Served

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from report_chromium import CHROMIUM, CHROMIUM_ARGS

SHOTS = Path(__file__).resolve().parents[1] / "artefacts" / "browser"


def _search(page: Page, url: str, q: str) -> str:
    page.goto(f"{url}/search")
    page.fill("#search-input", q)
    page.click("#search-button")
    page.wait_for_selector("#results tr.hit")
    page.click("#results tr.hit >> nth=0 >> a")
    page.wait_for_selector("#entity-title")
    return str(page.get_attribute("#entity-title", "data-entity"))


def test_analyst_journey_in_chromium(served: Served) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = served.url
    errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
        page.goto(f"{url}/search")  # not logged in: sent to the login form
        assert "/login" in page.url
        page.fill("input[name=username]", served.user("gd_psb"))
        page.fill("input[name=password]", PASSWORD)
        page.click("#login-button")
        page.wait_for_selector("#search-input")
        page.screenshot(path=str(SHOTS / "1-after-login.png"))

        first = _search(page, url, "陳志明")
        page.screenshot(path=str(SHOTS / "2-entity-by-chinese.png"), full_page=True)
        second = _search(page, url, "CHAN Chi-ming")
        assert first == second
        names = page.inner_text("#names")
        assert "陳志明" in names and "陈志明" in names and "CHAN Chi-ming" in names
        assert page.is_visible("#more-elsewhere")
        assert "K123456" not in page.content()  # the HK police ID is withheld from GD

        page.click("#syndicate-link")
        page.wait_for_selector("#network canvas")
        page.wait_for_function("document.getElementById('network').dataset.nodes > 0")
        nodes = int(page.get_attribute("#network", "data-nodes") or 0)
        assert nodes == page.locator("#members tr").count() - 1 and nodes > 2
        page.click("#top-two")
        page.wait_for_selector("#disruption-result:not([hidden])")
        after = page.inner_text("#disruption-result [data-k='after.members']")
        assert int(after) == nodes - 2
        page.screenshot(path=str(SHOTS / "3-syndicate-disrupted.png"), full_page=True)

        page.goto(f"{url}/review")
        page.click("a.open-pair >> nth=0")
        page.wait_for_selector("#waterfall rect.step")
        assert page.locator("#pair tr").count() > 3
        page.screenshot(path=str(SHOTS / "4-review-pair.png"), full_page=True)
        page.check("input[value=different]")
        page.fill("input[name=reason]", "different birth dates and sex")
        page.click("#decide-button")
        page.wait_for_selector("#saved")

        page.click("#lang-toggle")
        page.wait_for_selector("text=人工核查")
        assert "搜索" in page.inner_text("header")
        page.screenshot(path=str(SHOTS / "5-chinese.png"), full_page=True)
        browser.close()
    assert errors == []
    assert outside == []
