"""The CLI commands of the graph stage, end to end on the hand-built world."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.store import Store


def test_analyse_then_override_then_export(
    world: Callable[[], Store], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world().close()
    ws = str(tmp_path / "ws")
    assert main(["analyse", "-w", ws]) == 0
    assert "VN>GX>GD>HK:sea" in capsys.readouterr().out
    assert main(["roles", "override", "T1", "financier", "--reason", "ledger", "-w", ws]) == 0
    assert main(["analyse", "-w", ws]) == 0
    assert main(["export", "people", "--out", str(tmp_path / "p.csv"), "-w", ws]) == 0
    assert "T1,SYN-" in (tmp_path / "p.csv").read_text(encoding="utf-8")
    assert ",financier," in (tmp_path / "p.csv").read_text(encoding="utf-8")


def test_disrupt_top_prints_before_and_after(
    world: Callable[[], Store], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world().close()
    ws = str(tmp_path / "ws")
    main(["analyse", "-w", ws])
    with Store.open(tmp_path / "ws") as store:
        sid = store.scalar("SELECT syndicate_id FROM syndicate_members WHERE entity_id = 'O1'")
    capsys.readouterr()
    assert main(["disrupt", "--syndicate", sid, "--top", "1", "-w", ws]) == 0
    out = capsys.readouterr().out
    assert "before" in out and "after" in out and "stages cut off" in out


def test_bad_role_and_bad_format_exit_2(world: Callable[[], Store], tmp_path: Path) -> None:
    world().close()
    ws = str(tmp_path / "ws")
    assert main(["roles", "override", "T1", "boss", "--reason", "x", "-w", ws]) == 2
    assert main(["export", "graph", "--format", "dot", "--out", str(tmp_path / "g"), "-w", ws]) == 2
    assert main(["disrupt", "--syndicate", "SYN-0001", "-w", ws]) == 2


def test_request_formats_match_the_library() -> None:
    from typing import get_args

    from borderlink.graph.export_graph import FORMATS
    from borderlink.workspace.models import GRAPH_FORMATS, GraphExportRequest

    assert get_args(GraphExportRequest.model_fields["format"].annotation) == FORMATS
    assert GRAPH_FORMATS == FORMATS
