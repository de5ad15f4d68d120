"""The public surface end to end on a generated world: every stage through Workspace."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import borderlink
from borderlink import Workspace
from borderlink.errors import InvalidRequest, NotFound, WorkspaceError
from borderlink.synth import generate
from borderlink.workspace.models import (
    DecideRequest,
    DisruptRequest,
    ExplainRequest,
    ExportRequest,
    GraphExportRequest,
    IngestRequest,
    ReportRequest,
    ResolveRequest,
    ReviewRequest,
    RoleOverrideRequest,
    StatsRequest,
)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(workspace, truth) after ingest, resolve, analyse and extract, built once."""
    root = tmp_path_factory.mktemp("public_api")
    generate(root / "export", seed=3, scale=500)
    ws = Workspace.open(root / "ws")
    ws.ingest(IngestRequest(export_dir=root / "export"))
    ws.resolve()
    ws.analyse()
    ws.extract()
    return root / "ws", root / "export" / "truth"


@pytest.fixture
def workspace(analysed: tuple[Path, Path], tmp_path: Path) -> Workspace:
    copy = tmp_path / "ws"
    shutil.copytree(analysed[0], copy)
    return Workspace.open(copy)


def test_workspace_is_exported_at_the_top_level() -> None:
    assert borderlink.Workspace is Workspace
    assert "Workspace" in borderlink.__all__


def test_reads_return_pydantic_results(workspace: Workspace, tmp_path: Path) -> None:
    figures = workspace.stats(StatsRequest(by="region"))
    assert figures.value("people_arrested").count and figures.breakdown is not None
    report = workspace.report(ReportRequest(out=tmp_path / "report", pdf=False))
    assert Path(report.html).is_file() and report.pdf is None
    records = workspace.export_records(ExportRequest(out=tmp_path / "records.csv"))
    with (tmp_path / "records.csv").open(encoding="utf-8") as fh:
        assert records.items == len(list(csv.DictReader(fh))) > 400
    people = workspace.export_people(ExportRequest(out=tmp_path / "people.csv"))
    assert people.items > 0
    graph = workspace.export_graph(GraphExportRequest(out=tmp_path / "g.graphml"))
    assert graph.items > people.items and (tmp_path / "g.graphml").stat().st_size > 0
    imports = workspace.imports()
    assert len(imports.runs) == 1 and imports.rows


def test_decide_applies_at_once_with_the_stored_model(workspace: Workspace) -> None:
    page = workspace.review(ReviewRequest(limit=5))
    resolved = workspace.resolve(ResolveRequest())  # nothing changed: no retraining
    assert "re-clustered with the model of" in resolved.notes[0]
    assert "training" not in resolved.timings
    pair = next(p for p in page.pairs if not p.linked)  # the world (seed 3) has some
    result = workspace.decide(
        DecideRequest(
            record_a=pair.record_a, record_b=pair.record_b, decision="same", reason="same ID card"
        )
    )
    assert result.applied is not None and result.entity_a == result.entity_b
    assert result.applied.model_sha256 == resolved.model_sha256
    assert result.applied.decisions_applied == 1
    why = workspace.explain(ExplainRequest(record_a=pair.record_a, record_b=pair.record_b))
    assert why.same_entity


def test_disrupt_and_role_override(workspace: Workspace) -> None:
    analysis = workspace.analyse()
    biggest = max(analysis.syndicates, key=lambda s: s.size)
    result = workspace.disrupt(DisruptRequest(syndicate_id=biggest.syndicate_id, top=1))
    assert result.before.members == biggest.size and len(result.removed) == 1
    member = biggest.key_players[0]
    done = workspace.override_role(
        RoleOverrideRequest(entity_id=member, role="financier", reason="bank records")
    )
    assert done.in_last_analysis
    with pytest.raises(NotFound, match="no entity E000000000000"):
        workspace.override_role(
            RoleOverrideRequest(entity_id="E000000000000", role="financier", reason="typo")
        )
    again = workspace.analyse()
    assert again.analyse_run_id != analysis.analyse_run_id
    with pytest.raises(NotFound, match=f"known: .*{biggest.syndicate_id}"):
        workspace.disrupt(DisruptRequest(syndicate_id="SYN-9999", top=1))
    lower = workspace.disrupt(DisruptRequest(syndicate_id=biggest.syndicate_id.lower(), top=1))
    assert lower.syndicate_id == biggest.syndicate_id
    with pytest.raises(InvalidRequest, match=r"^top: .* remove fewer than all"):
        workspace.disrupt(DisruptRequest(syndicate_id=biggest.syndicate_id, top=biggest.size))


def test_bad_requests_name_the_field_not_a_flag(workspace: Workspace) -> None:
    with pytest.raises(InvalidRequest) as caught:
        DisruptRequest(syndicate_id="SYN-0001", top=0)
    assert caught.value.field == "top" and "--" not in str(caught.value)
    with pytest.raises(InvalidRequest, match=r"^remove: give exactly one"):
        DisruptRequest(syndicate_id="SYN-0001")
    with pytest.raises(InvalidRequest, match=r"^start: must be a date like 2016-02-01"):
        StatsRequest.parse(start="2017-13-01")
    with pytest.raises(InvalidRequest, match=r"^reason: a decision needs a reason"):
        DecideRequest(record_a="a", record_b="b", decision="same", reason=" ")
    with pytest.raises(InvalidRequest, match=r"^role: unknown role 'boss'"):
        workspace.override_role(RoleOverrideRequest(entity_id="E1", role="boss", reason="x"))
    assert InvalidRequest("top", "x").status == 422


def test_reads_on_a_missing_workspace_fail_cleanly(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "none")
    with pytest.raises(WorkspaceError, match="no workspace at"):
        ws.stats()


def test_every_table_the_pipeline_writes_is_declared(analysed: tuple[Path, Path]) -> None:
    """The pipeline's workspace holds declared tables only, each with its declared columns."""
    from borderlink.model import load_model
    from borderlink.store import Store

    model = load_model()
    with Store.open(analysed[0], read_only=True) as store:
        found = store.query(
            "SELECT table_name, list(column_name ORDER BY ordinal_position) "
            "FROM information_schema.columns WHERE table_schema = 'main' GROUP BY table_name"
        )
    declared = {rt.table for rt in model.tables()}
    assert {t for t, _ in found} - declared == set()
    for table, columns in found:
        assert sorted(columns) == sorted(model.column_types(table)), table


def test_status_says_which_stage_is_out_of_date(workspace: Workspace) -> None:
    fresh = {s.stage: s for s in workspace.status().stages}
    assert all(s.ran and not s.out_of_date for s in fresh.values()), fresh
    records = workspace.review(ReviewRequest(limit=1)).pairs or []
    assert records, "the generated world has uncertain pairs"
    pair = records[0]
    workspace.decide(
        DecideRequest(
            record_a=pair.record_a,
            record_b=pair.record_b,
            decision="different",
            reason="different mothers' names",
            apply=False,
        )
    )
    stale = {s.stage: s for s in workspace.status().stages}
    assert (
        stale["resolve"].out_of_date
        and "1 review decision(s) not applied" in stale["resolve"].reason
    )
    assert stale["analyse"].out_of_date and not stale["ingest"].out_of_date
    workspace.resolve()
    after = {s.stage: s for s in workspace.status().stages}
    assert not after["resolve"].out_of_date
    assert after["analyse"].out_of_date and "is newer" in after["analyse"].reason
    workspace.analyse()
    assert not any(s.out_of_date for s in workspace.status().stages)


def test_cli_review_shows_whole_ids_and_counts_only_undecided_pairs(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from borderlink.cli.main import main

    resolved = workspace.path

    assert main(["review", "--format", "json", "-w", str(resolved)]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["pairs"], "the generated world has uncertain pairs"
    first = page["pairs"][0]
    assert main(["review", "--limit", "1", "-w", str(resolved)]) == 0
    table = capsys.readouterr().out
    assert first["record_a"] in table and first["record_b"] in table  # never cut
    assert "dob" in table and "nationality" in table
    assert main(["review", "--format", "csv", "-w", str(resolved)]) == 0
    assert capsys.readouterr().out.startswith("record_a,record_b,match_probability")
    args = [first["record_a"], first["record_b"], "--different", "--reason", "x"]
    assert main(["decide", *args, "-w", str(resolved)]) == 0
    assert "applied in" in capsys.readouterr().out
    assert main(["review", "--format", "json", "-w", str(resolved)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == page["total"] - 1
    assert main(["review", "--format", "xml", "-w", str(resolved)]) == 2
