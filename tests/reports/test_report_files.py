"""The report folder: CSV/JSON beside the HTML, languages, missing stages, bad options."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.errors import InvalidRequest
from borderlink.model.tables import create_table
from borderlink.reports import ReportSummary, build_report
from borderlink.store import Store


def test_every_figure_is_in_csv_and_json(report: ReportSummary) -> None:
    out = Path(report.out)
    totals = report.data.figures.totals.values
    with (out / "figures.csv").open(encoding="utf-8") as fh:
        rows = {r["figure"]: r for r in csv.DictReader(fh)}
    as_json = {r["figure"]: r for r in json.loads((out / "figures.json").read_text("utf-8"))}
    for key, value in totals.items():
        assert rows[key]["count"] == str(value.count)
        assert as_json[key]["count"] == value.count
    for name in (
        "yoy",
        "by_region",
        "by_month",
        "by_origin",
        "by_offence",
        "by_agency",
        "by_route",
        "flows",
        "syndicates",
    ):
        assert (out / f"{name}.csv").stat().st_size > 0 and json.loads(
            (out / f"{name}.json").read_text("utf-8")
        )
    region_rows = json.loads((out / "by_region.json").read_text("utf-8"))
    arrests = sum(r["count"] for r in region_rows if r["figure"] == "people_arrested")
    assert arrests == totals["people_arrested"].count


def test_reported_figures_sit_beside_computed_ones(report: ReportSummary) -> None:
    compared = report.data.comparisons
    assert compared, "the report world's reports were extracted"
    out = Path(report.out)
    rows = json.loads((out / "reported_vs_computed.json").read_text("utf-8"))
    assert len(rows) == len(compared)
    for row, c in zip(rows, compared, strict=True):
        assert (row["file"], row["what"], row["reported"], row["computed"]) == (
            c.file,
            c.what,
            c.reported,
            c.computed,
        )
    html = Path(report.html).read_text("utf-8")
    assert html.count("<tr data-compared=") == len(compared)
    exact = [
        c for c in compared if c.kind == "figure" and c.what == "cases_cracked" and not c.qualifier
    ]
    assert exact and all(c.verdict == "agrees" for c in exact)


def test_html_has_no_external_reference(report: ReportSummary) -> None:
    html = Path(report.html).read_text("utf-8")
    urls = set(re.findall(r"(?:https?:)?//[\w.-]+", html))
    assert urls == {"http://www.w3.org"}  # the SVG namespace, never fetched
    assert "<script" not in html and "<link" not in html
    # four charts and one network diagram per major syndicate
    assert html.count("<svg") == 4 + len(report.data.networks)


def test_chinese_report_uses_chinese_labels(
    report_world: tuple[Path, Path], tmp_path: Path
) -> None:
    with Store.open(report_world[0], read_only=True) as store:
        summary = build_report(store, tmp_path / "zh", lang="zh", pdf=False)
    html = Path(summary.html).read_text("utf-8")
    assert summary.pdf is None
    assert "破获案件" in html and "统计口径" in html and "Cases cracked" not in html


def test_report_without_graph_says_not_computed(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stats"))
    from stats_world import build_world

    workspace, _ = build_world(tmp_path / "w", seed=2, scale=300, graph=False)
    with Store.open(workspace, read_only=True) as store:
        summary = build_report(store, tmp_path / "r", lang="en", pdf=False)
    html = Path(summary.html).read_text("utf-8")
    assert summary.data.syndicates is None
    assert "Not computed: run resolve/analyse to find syndicates." in html
    assert "not computed: run resolve/analyse" in html  # traffickers and groups cards


def test_unknown_language_is_option_error(report_world: tuple[Path, Path], tmp_path: Path) -> None:
    with (
        Store.open(report_world[0], read_only=True) as store,
        pytest.raises(InvalidRequest, match="lang: unknown 'fr'"),
    ):
        build_report(store, tmp_path, lang="fr", pdf=False)


def test_report_cli_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Store.open(tmp_path / "empty", create=True).close()
    assert (
        main(["report", "-w", str(tmp_path / "empty"), "--out", str(tmp_path / "o"), "--no-pdf"])
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run 'borderlink ingest' first" in err
    assert (
        main(
            ["report", "-w", str(tmp_path / "empty"), "--out", str(tmp_path / "o"), "--lang", "fr"]
        )
        == 2
    )
    assert "--lang: unknown 'fr'" in capsys.readouterr().err


def test_report_cli_prints_headline_and_paths(
    report_world: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["report", "-w", str(report_world[0]), "--out", str(tmp_path / "o"), "--no-pdf"]) == 0
    )
    out = capsys.readouterr().out
    assert "Cases cracked:" in out and f"report: {tmp_path / 'o' / 'report.html'}" in out


def test_delivered_names_are_data_in_html_and_csv(
    report_world: tuple[Path, Path], tmp_path: Path
) -> None:
    """Injection: a name holding markup is escaped in the HTML; a formula is neutralised in
    every CSV the report writes."""
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(report_world[0], ws)
    script, formula = "<script>alert(1)</script>", '=HYPERLINK("http://evil.example","x")'
    with Store.open(ws) as store:  # the world was clustered from truth: name its members
        create_table(store, "entities")
        store.execute(
            "INSERT INTO entities (entity_id, names) SELECT DISTINCT entity_id, "
            "[CASE WHEN hash(entity_id) % 2 = 0 THEN ? ELSE ? END] FROM syndicate_members",
            [script, formula],
        )
    with Store.open(ws, read_only=True) as store:
        summary = build_report(store, tmp_path / "out", pdf=False)
    html = Path(summary.html).read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    cells = [
        cell
        for path in (tmp_path / "out").rglob("*.csv")
        for row in csv.reader(path.open(encoding="utf-8-sig", newline=""))
        for cell in row
    ]
    named = [cell for cell in cells if "HYPERLINK" in cell]
    assert named  # the names reach the CSVs...
    assert not [cell for cell in named if cell.startswith("=")]  # ...and stay inert
