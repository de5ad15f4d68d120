"""A supervisor in Debian's chromium against a real server: the page labels follow the
language, a job started from the imports page is watched to its end, the audit log shows
the analysts' reads, and logging out revokes the session's token (not only the cookie).
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from server_fixture import PASSWORD, Served

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from report_chromium import CHROMIUM, CHROMIUM_ARGS

SHOTS = Path(__file__).resolve().parents[1] / "artefacts" / "browser"


def test_supervisor_job_audit_and_logout_in_chromium(served: Served) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = served.url
    analyst = served.user("hk_immd")
    with served.client(analyst) as c:  # something for the supervisor to find in the log
        c.get("/api/search", params={"q": "CHAN Chi-ming"}).raise_for_status()
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1300, "height": 1000})
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/login")
        page.fill("input[name=username]", served.user("task_force", "supervisor"))
        page.fill("input[name=password]", PASSWORD)
        page.click("#login-button")
        page.wait_for_selector("#figures")
        assert "Joint task force · supervisor" in page.inner_text("header .who")
        page.click("#lang-toggle")
        page.wait_for_selector("text=联合专案组 · 主管")

        page.goto(f"{url}/imports")
        page.select_option("#job-kind", "extract")
        assert page.inner_text("#job-kind option[value=extract]") == "报告提取"
        page.click("#run-job")
        page.wait_for_selector("#job-state[data-state=done]", timeout=120_000)
        assert page.inner_text("#job-state") == "已完成"  # the script keeps the language
        page.screenshot(path=str(SHOTS / "6-job-done-zh.png"), full_page=True)

        page.goto(f"{url}/audit")
        assert page.is_visible("#chain.notice")
        rows = page.locator(f"#audit tr[data-actor='{analyst}'][data-action=search]")
        assert rows.count() >= 1
        assert page.locator("#audit tr[data-action=job_extract]").count() >= 1
        page.screenshot(path=str(SHOTS / "7-audit-zh.png"), full_page=True)

        token = next(c["value"] for c in context.cookies() if c["name"] == "borderlink_session")
        page.click("header form.inline button")  # log out
        page.wait_for_selector("#login-button")
        page.goto(f"{url}/audit")
        assert "/login" in page.url
        browser.close()
    me = httpx.get(f"{url}/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401  # the token itself is revoked
    assert errors == []
