"""Clustering over arrays (components.py) gives exactly the clusters the union-find gave.

Two checks: random small inputs (links, evidence, decisions) against clusters.cluster,
and a generated world (seed 7, 300 person records) resolved for real, whose first
clustering and collective regrouping are compared with the record-by-record version
kept in reference_clustering.py, before and after review decisions.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from reference_clustering import reference_clusters

from borderlink.ingest.run import ingest_export
from borderlink.resolve import clusters as clustering
from borderlink.resolve import resolve_workspace
from borderlink.resolve.backends.duckdb import FEATURES_TABLE, cluster_features
from borderlink.resolve.collective import regroup
from borderlink.resolve.components import Links, cluster_arrays
from borderlink.resolve.recluster import recluster_workspace
from borderlink.resolve.review import decide
from borderlink.resolve.run import read_decisions
from borderlink.resolve.spec import load_spec
from borderlink.store import Store
from borderlink.synth.generate import generate


def _random_input(
    seed: int,
) -> tuple[list[str], Links, list[clustering.Decision], clustering.Evidence]:
    rnd = random.Random(seed)
    n = rnd.randint(1, 60)
    ids = [f"r{rnd.randint(0, 999):03d}-{i}" for i in range(n)]
    rnd.shuffle(ids)

    def some(values: list[str], share: float) -> list[str | None]:
        return [rnd.choice(values) if rnd.random() < share else None for _ in range(n)]

    evidence = clustering.Evidence(
        documents=some(["cn:1", "cn:2", "hk:3"], 0.1),
        birth_dates=some(["19900101", "19900102", "19911111", ""], 0.5),
        sexes=some(["M", "F"], 0.6),
        cases=some(["gd\x1f1", "gd\x1f2", "hk\x1f1", "hk\x1f2", "yn\x1f9"], 0.3),
    )
    m = rnd.randint(0, 3 * n)
    links = Links(
        np.array([rnd.randrange(n) for _ in range(m)], np.int64),
        np.array([rnd.randrange(n) for _ in range(m)], np.int64),
        np.array([rnd.choice([0.9, 0.95, 0.99, rnd.random()]) for _ in range(m)]),
    )
    decisions = []
    for _ in range(rnd.randint(0, 6) if n > 1 else 0):
        a, b = sorted(rnd.sample(ids, 2))
        decisions.append(clustering.Decision(a, b, rnd.random() < 0.5))
    return ids, links, decisions, evidence


@pytest.mark.parametrize("block", range(4))
def test_random_inputs_cluster_as_the_union_find_does(block: int) -> None:
    refused = 0
    for seed in range(block * 250, (block + 1) * 250):
        ids, links, decisions, evidence = _random_input(seed)
        as_tuples = [
            (ids[a], ids[b], p)
            for a, b, p in zip(links.a.tolist(), links.b.tolist(), links.p.tolist(), strict=True)
        ]
        want = clustering.cluster(ids, as_tuples, decisions, evidence=evidence)
        got = cluster_arrays(ids, links, decisions, evidence=evidence)
        assert got == want, seed
        refused += want[1].refused_links
    assert refused > 0  # the inputs do reach the union-find's refusals


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("components")
    generate(root / "export", seed=7, scale=300)
    ingest_export(root / "export", root / "ws")
    resolve_workspace(root / "ws")
    return root / "ws"


def _new_clusters(
    store: Store, pairs: pa.Table, decisions: list[clustering.Decision]
) -> tuple[list[str], list[list[int]], clustering.Clustering]:
    spec = load_spec()
    features = store.query_arrow(
        f"SELECT unique_id, lifelong_doc, dob_ymd, sex FROM {FEATURES_TABLE} ORDER BY unique_id"
    )
    first = cluster_features(features, pairs, spec.thresholds.match, decisions)
    got = regroup(store, spec, pairs, first, decisions)
    return got.record_ids, got.groups, got.result


def _compare(ws: Path) -> tuple[list[list[int]], clustering.Clustering]:
    with Store.open(ws) as store:
        pairs = store.query_arrow("SELECT record_a, record_b, match_probability FROM match_pairs")
        decisions = read_decisions(store)
        want = reference_clusters(store, load_spec(), pairs, decisions)
        ids, groups, result = _new_clusters(store, pairs, decisions)
    assert ids == want.record_ids
    assert groups == want.groups
    assert result == want.result
    return groups, result


def test_a_generated_world_clusters_as_before(generated: Path) -> None:
    groups, result = _compare(generated)
    assert result.linked_pairs > 50
    assert len(groups) < sum(len(g) for g in groups)


def test_clusters_stay_the_same_after_decisions(generated: Path, tmp_path: Path) -> None:
    import shutil

    ws = tmp_path / "ws"
    shutil.copytree(generated, ws)
    with Store.open(ws) as store:
        linked = store.query(
            "SELECT record_a, record_b FROM match_pairs ORDER BY match_probability DESC LIMIT 3"
        )
        band = store.query(
            "SELECT record_a, record_b FROM match_pairs WHERE match_probability < 0.9 "
            "ORDER BY match_probability DESC LIMIT 3"
        )
        store.execute(  # an alias flags a pair and changes no cluster
            "INSERT INTO review_decisions VALUES (?, ?, 'possible_alias', 'alias', 't', now())",
            [str(band[2][0]), str(band[2][1])],
        )
    before, _ = _compare(ws)
    decide(ws, str(linked[0][0]), str(linked[0][1]), same=False, reason="two people")
    decide(ws, str(linked[1][0]), str(linked[1][1]), same=False, reason="two people")
    decide(ws, str(band[0][0]), str(band[0][1]), same=True, reason="one person")
    decide(ws, str(band[1][0]), str(band[1][1]), same=True, reason="one person")
    after, result = _compare(ws)
    assert after != before
    assert len(result.conflicts) == 0 or all(d.same for d in result.conflicts)
    summary = recluster_workspace(ws)  # and the re-clustering writes those clusters
    with Store.open(ws) as store:
        written = store.query(
            "SELECT count(DISTINCT entity_id) FROM clusters WHERE resolve_run_id = ?",
            [summary.resolve_run_id],
        )
    assert written[0][0] == len(after)
