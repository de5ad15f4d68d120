"""Splink's dashboards and waterfall chart for a workspace: written, offline, rendered."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from person_world import PEOPLE
from playwright.sync_api import sync_playwright

from borderlink.errors import InvalidRequest
from borderlink.resolve.dashboards import CLUSTER_STUDIO, COMPARISON_VIEWER
from borderlink.workspace import Workspace
from borderlink.workspace.models import DashboardsRequest, DecideRequest, ExplainRequest

REC = {r.key: r.record_id for r in PEOPLE}
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# a tag that would load something from the network when the page opens
REMOTE_TAG = re.compile(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=[\"']?(https?:)?//", re.I)


def _render(page_file: Path) -> tuple[list[str], list[str], int]:
    """Requests the page made, its errors, and how many svg/canvas elements it drew."""
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri(), wait_until="networkidle")
        page.wait_for_selector("svg, canvas", timeout=20_000)
        drawn = page.locator("svg, canvas").count()
        browser.close()
    remote = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
    return remote, errors, drawn


def test_dashboards_and_waterfall_are_written_and_render_offline(
    resolved: Path, tmp_path: Path
) -> None:
    ws = Workspace.open(resolved)
    written = ws.dashboards(DashboardsRequest(out=tmp_path / "dash")).files
    assert sorted(Path(f).name for f in written) == sorted([CLUSTER_STUDIO, COMPARISON_VIEWER])
    chart = tmp_path / "pair.html"
    e = ws.explain(ExplainRequest(record_a=REC["GDP-01"], record_b=REC["HKP-01"], waterfall=chart))
    assert e.waterfall == str(chart)
    for page_file in [*map(Path, written), chart]:
        html = page_file.read_text(encoding="utf-8")
        assert not REMOTE_TAG.search(html), page_file.name
        assert "fonts.googleapis.com" not in html
        remote, errors, drawn = _render(page_file)
        assert remote == [] and errors == [], (page_file.name, remote, errors)
        assert drawn >= 1, page_file.name
    # the waterfall carries the pair's comparisons and the names it compared
    text = chart.read_text(encoding="utf-8")
    assert "name_keys" in text and "nationality" in text


def test_explain_shows_the_decision_on_the_pair_and_sex(resolved: Path) -> None:
    ws = Workspace.open(resolved)
    a, b = REC["GDP-11"], REC["GDP-12"]
    assert ws.explain(ExplainRequest(record_a=a, record_b=b)).decision is None
    ws.decide(DecideRequest(record_a=b, record_b=a, decision="different", reason="two men"))
    e = ws.explain(ExplainRequest(record_a=a, record_b=b))
    assert e.decision is not None and e.decision.decision == "different"
    assert e.decision.reason == "two men"
    assert "sex" in {c.comparison for c in e.comparisons}
    assert all(r.sex for r in e.records)


def test_dashboards_into_a_file_is_one_error(resolved: Path, tmp_path: Path) -> None:
    target = tmp_path / "a_file"
    target.write_text("x")
    with pytest.raises(InvalidRequest, match="a_file is a file"):
        Workspace.open(resolved).dashboards(DashboardsRequest(out=target))
