"""The exchange page in Debian's chromium (Playwright) against a real server on 127.0.0.1.

hk_police received a package from gd_psb marked H2 / C3, sent one to gd_psb, and asked
gd_psb for the records matching on encodings paired with its own (pending). Its analyst
sees all of that with the marks on every item, follows an item to the entity page (the
record shows H2 C3), and reads the page in Chinese; an hk_immd analyst sees none of
hk_police's exchanges; every view is audited. Screenshots: tests/artefacts/browser/.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

from borderlink.access import add_user
from borderlink.audit import entries
from borderlink.exchange.export import ExportRequest, export_package
from borderlink.exchange.importer import import_package
from borderlink.exchange.keys import KeyRing
from borderlink.exchange.matching import EncodeRequest, encode_workspace, match_and_record
from borderlink.exchange.requests import RecordsRequest, create_request
from borderlink.graph.analysis import analyse_workspace
from borderlink.resolve import resolve_workspace
from borderlink.store import Store
from server_fixture import PASSWORD, running_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exchange"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from exchange_world import RECEIVER, SENDER, split_world, write_records
from report_chromium import CHROMIUM, CHROMIUM_ARGS

SHOTS = Path(__file__).resolve().parents[1] / "artefacts" / "browser"
JO = "joint-operation"


def _exchanged_workspace(root: Path) -> Path:
    """hk_police's workspace after a real exchange with gd_psb (see the module's docstring)."""
    gd, hk = KeyRing(root / "keys-gd"), KeyRing(root / "keys-hk")
    gd.generate(SENDER)
    hk.generate(RECEIVER)
    gd.export_public(SENDER, root / "gd.pub")
    hk.trust(root / "gd.pub", SENDER)
    mine, theirs = split_world()
    write_records(root / "ws-gd", mine)
    write_records(root / "ws-hk", theirs)
    ws_gd, ws = root / "ws-gd", root / "ws-hk"
    marks = {"handling_code": "H2", "source_reliability": "C", "information_grade": "3"}
    to_hk = ExportRequest(agreement=JO, sender=SENDER, receiver=RECEIVER, **marks)
    export_package(ws_gd, to_hk, root / "in.blpkg", keyring=gd)
    import_package(ws, root / "in.blpkg", keyring=hk, agency=RECEIVER)
    to_gd = ExportRequest(agreement=JO, sender=RECEIVER, receiver=SENDER)
    export_package(ws, to_gd, root / "out.blpkg", keyring=hk)
    gd.create_secret(JO)
    hk.install_secret(JO, gd.secret_path(JO))
    encode_workspace(ws_gd, EncodeRequest(agreement=JO, agency=SENDER), root / "a.enc", keyring=gd)
    encode_workspace(ws, EncodeRequest(agreement=JO, agency=RECEIVER), root / "b.enc", keyring=hk)
    match_and_record(ws, root / "a.enc", root / "b.enc", root / "pairs.csv")
    ask = RecordsRequest(agreement=JO, requester=RECEIVER, holder=SENDER, reason="same persons")
    create_request(ws, root / "pairs.csv", ask)
    resolve_workspace(ws)
    with Store.open(ws) as store:
        analyse_workspace(store)
        for agency in (RECEIVER, "hk_immd"):
            add_user(store, f"{agency}.analyst", agency=agency, role="analyst", password=PASSWORD)
    return ws


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    ws = _exchanged_workspace(tmp_path_factory.mktemp("exchange-web"))
    with running_server(ws) as url:
        yield url, ws


def _login(page: Page, url: str, user: str) -> None:
    """Log in on the way to /exchange (this small world has no dashboard figures)."""
    page.goto(f"{url}/exchange")
    assert "/login" in page.url
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-button")
    page.wait_for_selector("#pending-requests")


def test_exchange_page_in_chromium(server: tuple[str, Path]) -> None:
    url, ws = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        _login(page, url, f"{RECEIVER}.analyst")
        page.click("header nav >> text=Exchange")  # the nav link leads here too
        page.wait_for_selector("#pending-requests")
        page.screenshot(path=str(SHOTS / "exchange-1-page.png"), full_page=True)
        pending = page.locator("#pending-requests tr[data-request]")
        assert pending.count() == 1
        assert "pending" in pending.inner_text() and SENDER in pending.inner_text()
        received = page.locator("#packages-received tr[data-package]")
        assert received.count() == 1
        assert received.locator(".mark").inner_text() == "H2 C3"
        sent = page.locator("#packages-sent tr[data-package]")
        assert sent.count() == 1 and sent.locator(".mark").inner_text() == "H1 B2"
        items = page.locator("#received-items tr[data-item]")
        n = items.count()
        assert n > 5
        assert page.locator("#received-items tr[data-item] .mark[data-handling=H2]").count() == n
        assert page.locator("section.agreement[data-agreement=joint-operation]").count() == 1

        page.click("#received-items tr[data-item] a >> nth=0")
        page.wait_for_selector("#entity-title")
        row = page.locator("#records tr[data-record]", has_text="exchange:gd_psb").first
        assert row.locator(".mark").inner_text() == "H2 C3"
        page.screenshot(path=str(SHOTS / "exchange-2-entity-marks.png"), full_page=True)

        page.goto(f"{url}/exchange")
        page.click("#lang-toggle")
        page.wait_for_selector("text=待处理请求")
        assert "情报交换" in page.inner_text("header")
        assert "待答复" in page.inner_text("#pending-requests")
        page.screenshot(path=str(SHOTS / "exchange-3-chinese.png"), full_page=True)

        other = browser.new_page()
        _login(other, url, "hk_immd.analyst")
        assert other.locator("tr[data-package]").count() == 0
        assert other.locator("tr[data-item]").count() == 0
        assert other.locator("tr[data-request]").count() == 0
        browser.close()
    assert errors == []
    # The same data as JSON, and the API's entity response carries each record's marks.
    token = httpx.post(
        f"{url}/api/auth/token", data={"username": f"{RECEIVER}.analyst", "password": PASSWORD}
    ).json()["access_token"]
    api = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60)
    overview = api.get("/api/exchange").json()
    assert [p["handling_code"] for p in overview["received"]] == ["H2"]
    assert overview["requests"][0]["status"] == "pending"
    eid = next(i["entity_id"] for i in overview["items"] if i["entity_id"])
    records = api.get(f"/api/entities/{eid}").json()["records"]
    marks = {(r["source"], r["handling_code"], r["source_reliability"]) for r in records}
    assert ("exchange:gd_psb", "H2", "C") in marks
    with Store.open(ws, read_only=True) as store:
        reads = [e for e in entries(store) if e.action == "read_exchange"]
    assert {e.actor for e in reads} >= {f"{RECEIVER}.analyst", "hk_immd.analyst"}
