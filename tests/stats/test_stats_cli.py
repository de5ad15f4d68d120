"""`borderlink stats`: formats, --compare-reports, and one-line errors for bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.extract import extract_workspace
from borderlink.stats import compare_reports, operation_figures
from borderlink.store import Store


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["stats", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json_holds_figures_and_rules(
    world: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "-w", str(world[0]), "--format", "json", "--by", "agency")
    assert code == 0
    data = json.loads(out)
    with Store.open(world[0], read_only=True) as store:
        figures = operation_figures(store)
    assert (
        data["totals"]["values"]["cases_cracked"]["count"] == figures.value("cases_cracked").count
    )
    assert {r["key"] for r in data["breakdown"]["rows"]} == {
        "gd_psb",
        "gx_psb",
        "yn_psb",
        "hk_police",
        "hk_immd",
    }
    groups = next(f for f in data["figures"] if f["key"] == "groups_broken_up")
    assert "at least one member arrested" in groups["rule_en"]


def test_stats_csv_is_one_long_table(
    world: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, "-w", str(world[0]), "--format", "csv", "--from", "2017-01-01", "--to", "2018-12-31"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    headline = {r["figure"]: r for r in rows if r["section"] == "figure"}
    assert headline["people_arrested"]["period_from"] == "2017-01-01"
    assert (
        int(headline["people_arrested"]["count"]) > int(headline["people_arrested"]["people"]) > 0
    )
    assert {r["period_from"][:4] for r in rows if r["section"] == "yoy"} == {"2017", "2018"}


def test_stats_table_states_rules(
    world: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "-w", str(world[0]), "--by", "month")
    assert code == 0
    assert "How each figure was counted" in out and "Foreign stowaways" in out


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (["--by", "colour"], "--by: unknown 'colour': choose one of region", 2),
        (
            ["--from", "2030-01-01", "--to", "2030-02-01"],
            "no cases or arrests between 2030-01-01 and 2030-02-01",
            2,
        ),
        (["--from", "2017-13-01"], "--from: must be a date like 2016-02-01", 2),
        (["--format", "xml"], "'xml' is not one of 'table', 'csv', 'json', 'jsonl'", 2),
        (["--compare-reports", "--by", "region"], "drop --by, --from and --to", 2),
    ],
)
def test_stats_bad_input_is_one_line(
    world: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
    exit_code: int,
) -> None:
    code, _, err = _run(capsys, "-w", str(world[0]), *args)
    assert code == exit_code
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_stats_empty_workspace_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(tmp_path / "empty", create=True).close()
    code, _, err = _run(capsys, "-w", str(tmp_path / "empty"))
    assert code == 1
    assert err.strip().endswith(
        "has no cases or person_records table: run 'borderlink ingest' first"
    )
    code, _, err = _run(capsys, "-w", str(tmp_path / "missing"))
    assert code == 1 and "no workspace at" in err


def test_compare_reports_sets_reported_beside_computed(
    world: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    extract_workspace(world[0])
    with Store.open(world[0], read_only=True) as store:
        rows = compare_reports(store)
        total = operation_figures(store).value("cases_cracked").count
    figures = [r for r in rows if r.kind == "figure" and r.computed is not None]
    assert figures
    for row in figures:
        assert row.difference == round(row.computed - row.reported, 1)  # type: ignore[operator]
    whole = [
        r for r in figures if r.what == "cases_cracked" and r.region is None and r.qualifier is None
    ]
    assert whole and all(r.computed == total for r in whole)
    code, out, _ = _run(capsys, "-w", str(world[0]), "--compare-reports", "--format", "json")
    assert code == 0 and len(json.loads(out)) == len(rows)


def test_compare_reports_without_extract_is_one_line(
    bare_world: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "-w", str(bare_world[0]), "--compare-reports")
    assert code == 1 and "run 'borderlink extract' first" in err


def test_compare_reports_counts_an_agency_report_by_its_own_records(
    world: tuple[Path, Path],
) -> None:
    extract_workspace(world[0])
    with Store.open(world[0], read_only=True) as store:
        rows = compare_reports(store)
        agencies = operation_figures(store, by="agency").breakdown
        regions = operation_figures(store, by="region").breakdown
    assert agencies is not None and regions is not None
    police = next(r for r in agencies.rows if r.key == "hk_police").values["people_arrested"]
    hong_kong = next(r for r in regions.rows if r.key == "HK").values["people_arrested"]
    stated = [r for r in rows if r.file == "hk_police_press_release.txt" and r.kind == "figure"]
    arrested = next(r for r in stated if r.what == "people_arrested")
    assert arrested.region == "HK" and arrested.agency == "hk_police"
    assert arrested.computed == police.count  # the force's own arrests, not Immigration's too
    assert hong_kong.count is not None and police.count is not None
    assert hong_kong.count > police.count
    assert arrested.verdict == "agrees"


def test_compare_reports_takes_a_stated_percent_as_rounded(world: tuple[Path, Path]) -> None:
    extract_workspace(world[0])
    with Store.open(world[0], read_only=True) as store:
        changes = [r for r in compare_reports(store) if r.kind == "change"]
    assert changes
    for row in changes:  # the generator rounds the same year-on-year change to a whole percent
        assert row.computed is not None and row.period is not None, row
        assert abs(row.computed - row.reported) <= 0.5 and row.verdict == "agrees", row


@pytest.mark.parametrize("by", ["region", "route", "origin", "month", "offence", "agency"])
def test_stats_every_breakdown_covers_the_total(
    world: tuple[Path, Path], capsys: pytest.CaptureFixture[str], by: str
) -> None:
    code, out, _ = _run(capsys, "-w", str(world[0]), "--by", by, "--format", "json")
    assert code == 0
    data = json.loads(out)
    rows = data["breakdown"]["rows"]
    total = data["totals"]["values"]["people_arrested"]["count"]
    summed = sum(r["values"]["people_arrested"]["count"] for r in rows)
    assert len(rows) >= 3 and data["breakdown"]["note"]
    if by == "origin":  # a case or group may touch several rows
        assert summed >= total
    else:  # every arrest falls in exactly one row (one route, not each route of its group)
        assert summed == total
    code, table, _ = _run(capsys, "-w", str(world[0]), "--by", by)
    assert code == 0 and f"By {data['breakdown']['label_en'].lower()}" in table
