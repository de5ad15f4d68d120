"""`borderlink export parquet` and `borderlink attach`: one code path, through Workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.model.tables import SCHEMA_VERSION
from borderlink.store import Store
from borderlink.workspace.schema import stored_version


@pytest.fixture
def dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A Parquet dataset exported by the CLI from a workspace with two small tables."""
    with Store.open(tmp_path / "cluster", create=True) as store:
        store.execute(
            "CREATE TABLE clusters AS SELECT 'r' || i AS record_id, 'e' || (i % 7) "
            "AS entity_id FROM range(50) t(i)"
        )
        store.execute("CREATE TABLE entities AS SELECT DISTINCT entity_id FROM clusters")
    out = tmp_path / "dataset"
    cluster = str(tmp_path / "cluster")
    assert main(["export", "parquet", "--out", str(out), "-w", cluster, "-t", "clusters"]) == 0
    assert main(["export", "parquet", "--out", str(out), "-w", cluster, "-t", "entities"]) == 0
    assert "1 tables written" in capsys.readouterr().out
    return out


def test_attach_creates_a_missing_workspace_and_reads_the_dataset(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "embedded"
    assert not new.exists()
    assert main(["attach", str(dataset), "--prefix", "spark_", "-w", str(new)]) == 0
    assert "attached 2 tables" in capsys.readouterr().out
    with Store.open(new, read_only=True) as store:
        assert store.count("spark_clusters") == 50
        assert store.scalar("SELECT count(*) FROM spark_entities") == 7
        assert stored_version(store) == SCHEMA_VERSION


def test_attach_of_a_missing_dataset_fails_in_one_line_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "embedded"
    assert main(["attach", str(tmp_path / "nowhere"), "-w", str(new)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no Parquet dataset" in err
    assert not new.exists()


def test_attach_never_replaces_a_table_of_the_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        store.execute("CREATE TABLE clusters AS SELECT 'r1' AS record_id, 'e1' AS entity_id")
    out = tmp_path / "dataset"
    assert main(["export", "parquet", "--out", str(out), "-w", str(ws), "-t", "clusters"]) == 0
    capsys.readouterr()
    assert main(["attach", str(out), "-w", str(ws)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has a table clusters already" in err
    assert main(["attach", str(out), "--prefix", "x_", "-w", str(ws)]) == 0
    with Store.open(ws, read_only=True) as store:
        assert store.count("x_clusters") == store.count("clusters") == 1
