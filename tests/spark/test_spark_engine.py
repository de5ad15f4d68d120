"""Spark and DuckDB agree: one generated world resolved and analysed on each engine.

Spark runs in local mode (marker `spark`: off in the default run, run by
`make test` as its own pytest invocation). The world is the demo world at a
scale that trains the model (above training.min_records), so every step runs
on Spark: features on the executors, Splink training and scoring, clustering
per component, Leiden per component and key players per syndicate.
"""

from __future__ import annotations

import itertools
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from borderlink import Workspace
from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.evaluate import adjusted_rand_index
from borderlink.ingest import ingest_export
from borderlink.resolve import ResolveSummary, resolve_workspace
from borderlink.store import Store
from borderlink.synth import generate

# One fixture resolves and analyses the world on both engines: minutes, not seconds.
pytestmark = [pytest.mark.spark, pytest.mark.timeout(3000)]

SCALE = 1000


def _pairs(workspace: Path) -> set[tuple[str, str]]:
    with Store.open(workspace, read_only=True) as store:
        rows = store.query("SELECT entity_id, record_id FROM clusters")
    members: dict[str, list[str]] = defaultdict(list)
    for entity, record in rows:
        members[str(entity)].append(str(record))
    return {pair for group in members.values() for pair in itertools.combinations(sorted(group), 2)}


def _record_syndicates(workspace: Path) -> dict[str, str]:
    """Each person record's syndicate (or the record itself when its entity is in none)."""
    with Store.open(workspace, read_only=True) as store:
        rows = store.query(
            "SELECT c.record_id, coalesce(m.syndicate_id, 'none:' || c.record_id) "
            "FROM clusters c LEFT JOIN syndicate_members m ON m.entity_id = c.entity_id"
        )
    return {str(r): str(s) for r, s in rows}


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, ResolveSummary]]:
    root = tmp_path_factory.mktemp("engines")
    generate(root / "export", seed=7, scale=SCALE)
    ingest_export(root / "export", root / "duckdb")
    shutil.copytree(root / "duckdb", root / "spark")
    out: dict[str, tuple[Path, ResolveSummary]] = {}
    for engine in ("duckdb", "spark"):
        ws = root / engine
        summary = resolve_workspace(ws, engine=engine, spark_master="local[2]")
        with Store.open(ws) as store:
            analyse_workspace(store, engine=engine, spark_master="local[2]")
        out[engine] = (ws, summary)
    return out


def test_spark_and_duckdb_resolve_to_the_same_people(
    engines: dict[str, tuple[Path, ResolveSummary]],
) -> None:
    duck, spark = _pairs(engines["duckdb"][0]), _pairs(engines["spark"][0])
    assert engines["spark"][1].records == engines["duckdb"][1].records >= 1000
    assert len(duck) > 200
    f1 = 2 * len(duck & spark) / (len(duck) + len(spark))
    assert f1 >= 0.99, f"pair F1 between the engines' clusterings {f1:.4f}"


def test_spark_builds_the_same_features(engines: dict[str, tuple[Path, ResolveSummary]]) -> None:
    sql = "SELECT * FROM resolve_features ORDER BY unique_id"
    with Store.open(engines["duckdb"][0], read_only=True) as store:
        duck = store.query_arrow(sql)
    with Store.open(engines["spark"][0], read_only=True) as store:
        spark = store.query_arrow(sql)
    assert duck.schema == spark.schema
    assert duck.equals(spark)


def test_spark_and_duckdb_find_the_same_syndicates(
    engines: dict[str, tuple[Path, ResolveSummary]],
) -> None:
    duck = _record_syndicates(engines["duckdb"][0])
    spark = _record_syndicates(engines["spark"][0])
    records = sorted(duck)
    assert sum(1 for r in records if not duck[r].startswith("none:")) > 100
    ari = adjusted_rand_index([duck[r] for r in records], [spark.get(r, r) for r in records])
    assert ari >= 0.98, f"syndicate ARI between the engines {ari:.4f}"


def test_parquet_export_attaches_in_another_workspace(
    engines: dict[str, tuple[Path, ResolveSummary]], tmp_path: Path
) -> None:
    spark_ws = Workspace.open(engines["spark"][0])
    counts = spark_ws.export_parquet(tmp_path / "dataset", ["clusters", "entities"])
    other = Workspace.open(tmp_path / "other")  # not there yet: attach creates it
    views = other.attach_parquet(tmp_path / "dataset", prefix="spark_")
    assert views == ["spark_clusters", "spark_entities"]
    with Store.open(tmp_path / "other", read_only=True) as store:
        assert store.count("spark_clusters") == counts["clusters"] >= 1000
        assert (
            store.scalar("SELECT count(DISTINCT entity_id) FROM spark_clusters")
            == (counts["entities"])
        )
