"""The report as a chief reads it: in Chinese throughout, marked, summary first, colours
that mean something, the syndicates' networks and chain, on paper and on a phone.

Screenshots of every page width and language are kept as test artefacts in
$BORDERLINK_ARTEFACTS (default: build/test-artefacts/report) for a person to look at.
"""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright
from report_chromium import CHROMIUM, CHROMIUM_ARGS

from borderlink.model.tables import create_table
from borderlink.reports import ReportSummary, build_report
from borderlink.reports.chain import syndicate_chain
from borderlink.reports.labels import Labels
from borderlink.reports.wording import change_meaning, note_text, route_label
from borderlink.store import Store

ARTEFACTS = Path(
    os.environ.get("BORDERLINK_ARTEFACTS")
    or Path(__file__).resolve().parents[2] / "build" / "test-artefacts" / "report"
)
# file formats named in a sentence; every other Latin word must be marked as data
LATIN_ALLOWED = {"CSV", "JSON"}
INTERNAL = ("stats/rules", "counting.yaml", "syndicate_members", "analyse", "resolve", "KPP")


class _Text(HTMLParser):
    """Text a reader sees, leaving out <style>/<title> and elements marked translate=no."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "link", "use", "path", "rect", "circle", "line"):
            return
        skip = tag in ("style", "title") or dict(attrs).get("translate") == "no"
        self.stack.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(skip for _, skip in self.stack):
            self.words += re.findall(r"[A-Za-z][A-Za-z_/.\-]+", data)


def _report(world: Path, out: Path, **options: Any) -> ReportSummary:
    with Store.open(world, read_only=True) as store:
        return build_report(store, out, **options)


@pytest.fixture(scope="module")
def zh_report(report_world: tuple[Path, Path], tmp_path_factory: Any) -> ReportSummary:
    return _report(report_world[0], tmp_path_factory.mktemp("zh"), lang="zh", chromium=CHROMIUM)


@pytest.fixture(scope="module")
def en_report(report_world: tuple[Path, Path], tmp_path_factory: Any) -> ReportSummary:
    marking = "SECRET · test marking"
    return _report(
        report_world[0], tmp_path_factory.mktemp("en"), lang="en", pdf=False, marking=marking
    )


def test_chinese_report_has_no_untranslated_text(zh_report: ReportSummary) -> None:
    html = Path(zh_report.html).read_text("utf-8")
    parser = _Text()
    parser.feed(html)
    leftover = sorted(set(parser.words) - LATIN_ALLOWED)
    assert leftover == [], f"English left in the Chinese report: {leftover[:30]}"
    for name in INTERNAL:
        assert name not in re.sub(r"<style>.*?</style>", "", html, flags=re.S), name


def test_chinese_periods_come_from_babel(zh_report: ReportSummary) -> None:
    html = Path(zh_report.html).read_text("utf-8")
    window = zh_report.data.figures.window
    assert (window.start.month, window.end.month) == (2, 7)
    expected = f"{window.start.year}年2月至{window.end.year}年7月"
    assert f'<dd id="window">{expected}</dd>' in html
    assert "2019年1月至7月" in html  # the last year part, CLDR's range written 至


def test_marking_banner_and_synthetic_data(
    zh_report: ReportSummary, en_report: ReportSummary
) -> None:
    zh = Path(zh_report.html).read_text("utf-8")
    en = Path(en_report.html).read_text("utf-8")
    assert zh_report.data.generated_world and en_report.data.generated_world
    assert zh.index('id="marking"') < zh.index("<header")
    assert "内部资料" in zh and "模拟数据" in zh
    assert en.count("SECRET · test marking") == 2 and en.count("SYNTHETIC DATA") == 2
    assert zh_report.pdf is not None
    first_page = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", zh_report.pdf, "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "内部资料" in first_page and "模拟数据" in first_page  # the header of every page


def test_executive_summary_comes_first(en_report: ReportSummary) -> None:
    html = Path(en_report.html).read_text("utf-8")
    sections = re.findall(r'<section id="([\w-]+)"', html)
    assert sections[:2] == ["summary", "headline"]
    summary = html[html.index('id="summary"') : html.index('id="headline"')]
    totals = en_report.data.figures.totals.values
    assert f"cracked {totals['cases_cracked'].count:,} cases" in summary
    assert f"{totals['groups_broken_up'].count:,} syndicates had at least one member" in summary


def test_colours_say_good_or_bad_news(en_report: ReportSummary) -> None:
    assert change_meaning("cases_cracked", 12.0) == "good"
    assert change_meaning("cases_cracked", -12.0) == "bad"
    assert change_meaning("illegal_entrants", 12.0) == "bad"
    assert change_meaning("illegal_entrants", -12.0) == "good"
    assert change_meaning("people_arrested", 30.0) == "neutral"
    html = Path(en_report.html).read_text("utf-8")
    for key in ("cases_cracked", "illegal_entrants"):
        card = html[html.index(f'data-figure="{key}"') :][:900]
        found = re.search(r'data-meaning="(\w+)">[▲▼]?([+-][\d.]+)%', card)
        assert found, key
        assert found.group(1) == change_meaning(key, float(found.group(2)))
    legend = html[html.index('id="meaning-legend"') :][:600]
    assert "green is good news" in legend and "red is bad news" in legend


def test_networks_and_chain_of_the_syndicates(
    en_report: ReportSummary, report_world: tuple[Path, Path]
) -> None:
    html = Path(en_report.html).read_text("utf-8")
    data = en_report.data
    assert data.syndicates and 0 < len(data.networks) <= 6
    big = [s for s in data.syndicates if (s.size or 0) >= 4]
    assert [n.syndicate_id for n in data.networks] == [s.syndicate_id for s in big][:6]
    for net in data.networks:
        figure = html[html.index(f'data-network="{net.syndicate_id}"') :]
        figure = figure[: figure.index("</figure>")]
        assert figure.count("<li>") == len(net.members)
    with Store.open(report_world[0], read_only=True) as store:
        chain = syndicate_chain(store)
    assert chain is not None and chain == data.chain
    assert html.count("<tr data-chain=") == len(chain)


def test_chain_is_read_from_the_table_analyse_wrote(tmp_path: Path) -> None:
    with Store.open(tmp_path / "ws", create=True) as store:
        create_table(store, "syndicates")
        create_table(store, "syndicate_chain")
        store.execute(
            "INSERT INTO syndicates (syndicate_id, base_region) VALUES "
            "('SYN-0001', 'HK'), ('SYN-0002', 'GX')"
        )
        store.execute(
            "INSERT INTO syndicate_chain VALUES "
            "('SYN-0002', 'SYN-0001', 3, ['C1', 'C2'], DATE '2019-01-05', DATE '2019-03-01', "
            "12.0, 4, 'A1'), "
            "('SYN-0001', 'SYN-0002', 1, ['C9'], DATE '2019-02-01', DATE '2019-02-20', "
            "19.0, 0, 'A1')"
        )
        chain = syndicate_chain(store)
    assert chain is not None
    got = [(c.upstream, c.downstream, c.customers, c.cases, c.calls_between) for c in chain]
    assert got == [("SYN-0002", "SYN-0001", 3, 2, 4), ("SYN-0001", "SYN-0002", 1, 1, 0)]
    assert (chain[0].upstream_base, chain[0].downstream_base) == ("GX", "HK")
    assert chain[0].first_seen is not None and chain[0].first_seen.isoformat() == "2019-01-05"


def test_report_chain_has_no_computation_of_its_own() -> None:
    """One computation of hand-overs (graph/chains.py); the report only reads its table."""
    source = (Path(__file__).resolve().parents[2] / "src/borderlink/reports/chain.py").read_text()
    assert "syndicate_customers" not in source and "SELECT a." not in source


def test_charts_are_matplotlib_svg_and_flows_a_sankey(en_report: ReportSummary) -> None:
    html = Path(en_report.html).read_text("utf-8")
    charts = re.findall(r'<svg [^>]*data-chart="([\w-]+)"', html)
    assert charts[:4] == ["monthly_by_kind", "yoy_by_region", "flows", "origins"]
    assert html.count('<g id="figure_1">') == len(charts)  # matplotlib's figure group
    flows = html[html.index('data-chart="flows"') :]
    flows = flows[: flows.index("</svg>")]
    bands = re.findall(r'<g id="flow-(\w+)-(\w+)">', flows)
    assert len(bands) == len(en_report.data.flows)  # one band per flow
    assert "<script" not in html


def test_route_and_note_wording() -> None:
    zh, en = Labels(lang="zh"), Labels(lang="en")
    assert route_label("VN>GX>GD>HK:sea", zh) == "越南→广西→广东→香港（海路）"
    assert (
        route_label("VN>GX>GD>HK:sea", en) == "Vietnam → Guangxi → Guangdong → Hong Kong (by sea)"
    )
    assert note_text("12 arrests have no date (case or event) and are left out", zh).startswith(
        "12 条"
    )


def test_differing_figures_say_why(en_report: ReportSummary) -> None:
    compared = en_report.data.comparisons or []
    explained = [c for c in compared if c.reason_code]
    assert explained, [(c.what, c.region, c.reported, c.computed) for c in compared]
    html = Path(en_report.html).read_text("utf-8")
    assert html.count('data-reason="true"') == len(explained)
    for c in explained:
        assert c.verdict == "differs" and c.reason
        if c.reason_code == "immigration_events":
            assert c.computed is not None and c.reason_count
            assert c.computed - c.reason_count != c.computed


def test_immigration_events_explain_a_higher_arrest_count(
    report_world: tuple[Path, Path],
) -> None:
    """A report that leaves Immigration's overstay and illegal-work events out of its
    arrests differs from our count by exactly those events, and the reason says so."""
    from borderlink.stats.arrests import build_arrests, check_inputs
    from borderlink.stats.compare import Comparison, _explain, _judge
    from borderlink.stats.counting import counting_rules
    from borderlink.stats.figures import data_coverage, figure_sets

    with Store.open(report_world[0], read_only=True) as store:
        rules = counting_rules()
        inputs = build_arrests(store, check_inputs(store), rules)
        period = data_coverage(store)
        figures = figure_sets(store, inputs, period, None, rules, ["HK"])[0]
        events = store.scalar(
            "SELECT count(*) FROM stats_arrests WHERE case_key IS NULL AND region = 'HK'"
        )
        computed = figures.values["people_arrested"].count
        assert events and computed
        stated = Comparison(
            file="hk.txt", kind="figure", what="people_arrested", region="HK", period=period,
            reported=float(computed - events), qualifier=None, computed=None,
            difference=None, verdict="not_counted",
        )  # fmt: skip
        judged = _explain(store, _judge(stated, computed), figures, ["HK"], None)
    assert judged.verdict == "differs" and judged.reason_code == "immigration_events"
    assert judged.reason_count == events and f"{events:,} Immigration" in (judged.reason or "")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_readable_on_a_phone_and_screenshots_kept(
    report_world: tuple[Path, Path], tmp_path: Path, lang: str
) -> None:
    summary = _report(report_world[0], tmp_path / lang, lang=lang, pdf=False)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        widths = {}
        for width in (420, 1200):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(Path(summary.html).as_uri(), wait_until="load")
            widths[width] = page.evaluate("document.documentElement.scrollWidth")
            shot = ARTEFACTS / f"report-{lang}-{width}px.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 50_000
            page.close()
        browser.close()
    assert widths == {420: 420, 1200: 1200}  # no horizontal scrolling


def _table_pages(pdf: str, heading: str, last_row: str) -> int:
    """How many PDF pages a table spans: from its heading to the page of its last row."""
    pages = subprocess.run(
        ["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    first = next(i for i, text in enumerate(pages) if heading in text)
    last = next(i for i, text in enumerate(pages) if i >= first and last_row in text)
    return last - first + 1


def test_pdf_syndicate_table_fits_its_pages(zh_report: ReportSummary) -> None:
    assert zh_report.pdf is not None
    rows = zh_report.data.syndicates or []
    pages = _table_pages(zh_report.pdf, "犯罪团伙及骨干成员", rows[-1].syndicate_id)
    assert len(rows) >= 5 and pages <= 1 + len(rows) // 12, (len(rows), pages)


@pytest.mark.slow
def test_pdf_syndicate_table_on_the_demo_world(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The demo's scale (3,000 person rows), key players named: the syndicate table stays a
    few A4 pages (it took 18 in Chinese when names squeezed its columns one character wide)."""
    from conftest import analysed_world

    workspace, _ = analysed_world(tmp_path_factory.mktemp("demo"), seed=7, scale=3000)
    with Store.open(workspace) as store:  # every written name, as resolve keeps them
        store.execute(
            "CREATE TABLE entities AS SELECT c.entity_id, list(DISTINCT p.name) AS names "
            "FROM clusters c JOIN person_records p USING (record_id) GROUP BY 1"
        )
    with Store.open(workspace, read_only=True) as store:
        summary = build_report(
            store, tmp_path_factory.mktemp("demo_report"), lang="zh", chromium=CHROMIUM
        )
    assert summary.pdf is not None
    rows = summary.data.syndicates or []
    pages = _table_pages(summary.pdf, "犯罪团伙及骨干成员", rows[-1].syndicate_id)
    assert len(rows) >= 10 and pages <= 1 + len(rows) // 12, (len(rows), pages)
