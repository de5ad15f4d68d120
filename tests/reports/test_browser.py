"""The report in real headless Chromium (Playwright) and its PDF (poppler)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import sync_playwright
from report_chromium import CHROMIUM, CHROMIUM_ARGS

from borderlink.reports import ReportSummary

HEADLINE = (
    "cases_cracked",
    "people_arrested",
    "illegal_entrants",
    "stowaways",
    "illegal_workers",
    "overstayers",
    "traffickers",
    "employers",
    "groups_broken_up",
)


def _expected(report: ReportSummary) -> dict[str, str]:
    values = report.data.figures.totals.values
    return {key: f"{values[key].count:,}" for key in HEADLINE}


def test_html_renders_offline_with_figures_and_charts(report: ReportSummary) -> None:
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(Path(report.html).as_uri(), wait_until="networkidle")
        shown = {
            key: page.locator(f'[data-figure="{key}"] .value').inner_text() for key in HEADLINE
        }
        visible = all(
            page.locator(f'[data-figure="{key}"] .value').is_visible() for key in HEADLINE
        )
        charts = page.eval_on_selector_all(
            "svg.chart",
            "els => els.map(e => ({key: e.dataset.chart, "
            "marks: e.querySelectorAll('rect,circle,path').length,"
            " w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height}))",
        )
        syndicate_rows = page.locator("tr[data-syndicate]").count()
        compared_rows = page.locator("#reported tr[data-compared]").count()
        browser.close()
    assert errors == []
    assert requests == [Path(report.html).as_uri()]  # the page itself, nothing else
    assert visible and shown == _expected(report)
    main_charts = [c for c in charts if not c["key"].startswith("network-")]
    networks = [c for c in charts if c["key"].startswith("network-")]
    assert {c["key"] for c in main_charts} == {
        "monthly_by_kind",
        "yoy_by_region",
        "flows",
        "origins",
    }
    assert all(c["marks"] >= 5 and c["w"] > 500 and c["h"] > 150 for c in main_charts), charts
    assert len(networks) == len(report.data.networks) > 0
    assert all(c["marks"] >= 3 and c["w"] > 200 for c in networks), networks
    assert syndicate_rows == len(report.data.syndicates or []) > 0
    assert compared_rows == len(report.data.comparisons or []) > 0


def test_pdf_has_headline_figures_and_renders(report: ReportSummary, tmp_path: Path) -> None:
    assert report.pdf is not None
    text = subprocess.run(
        ["pdftotext", "-layout", report.pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    for key, value in _expected(report).items():
        assert value in text, key
    assert "Headline figures" in text and "主要数据" in text
    subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "2", "-png", report.pdf, str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 3000 for p in pages)
