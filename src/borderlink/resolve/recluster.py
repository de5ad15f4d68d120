"""Re-cluster with the stored model: what a review decision needs, in seconds.

A decision changes no record and no score: the pairs the latest run scored still
hold under its trained model, so obeying the decision only needs clustering
again (union-find over the stored links, the decisions and the evidence in
`resolve_features`). Training and scoring are repeated only when the data changed
since that run (`reusable_model`) or when asked (`borderlink resolve --retrain`).

Each re-clustering is a resolve run of its own in `resolve_runs`, carrying the
model JSON and hash of the run it reuses, so every cluster still traces back to
one model.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from borderlink.errors import WorkspaceError
from borderlink.resolve import clusters as clustering
from borderlink.resolve.aliases import build_aliases
from borderlink.resolve.backends.duckdb import FEATURES_TABLE, cluster_features
from borderlink.resolve.collective import regroup
from borderlink.resolve.entities import write_entities
from borderlink.resolve.run import (
    ResolveSummary,
    _previous_ids,
    _record_run,
    _summary,
    _write_clusters,
    read_decisions,
)
from borderlink.resolve.spec import load_spec
from borderlink.store import Store
from borderlink.views import newest_run

RUN_COLUMNS = (
    "resolve_run_id",
    "started_at",
    "model_name",
    "model_json",
    "model_sha256",
    "candidate_pairs",
)


def _latest_run(store: Store) -> dict[str, Any] | None:
    return newest_run(store, "resolve_runs", RUN_COLUMNS)


def reusable_model(store: Store, spec_name: str = "person") -> bool:
    """True when the latest run's model and pairs still fit the data: nothing imported since.

    The feature rows must be exactly the person records (same ids, none added or
    removed), and no import may have added or replaced a file after the run began.
    """
    run = _latest_run(store)
    if run is None or run["model_name"] != spec_name:
        return False
    for table in (FEATURES_TABLE, "match_pairs", "clusters", "person_records"):
        if not store.table_exists(table):
            return False
    changed = store.scalar(
        "SELECT count(*) FROM person_records p "
        f"FULL JOIN {FEATURES_TABLE} f ON f.unique_id = p.record_id "
        "WHERE p.record_id IS NULL OR f.unique_id IS NULL",
        stage="resolve",
        table=FEATURES_TABLE,
    )
    if changed:
        return False
    if store.table_exists("import_files"):
        newer = store.scalar(
            "SELECT count(*) FROM import_files WHERE action <> 'unchanged' AND imported_at > ?",
            [run["started_at"]],
            stage="resolve",
            table="import_files",
        )
        if newer:
            return False
    return True


def recluster_workspace(
    workspace: Path, *, progress: Callable[[str], None] | None = None
) -> ResolveSummary:
    """Cluster again under the latest model and the current decisions; no training, no scoring."""
    spec = load_spec()
    started = dt.datetime.now(dt.UTC)
    say = progress or (lambda _m: None)
    timings: dict[str, float] = {}
    with Store.open(Path(workspace)) as store:
        run = _latest_run(store)
        if run is None or not store.table_exists(FEATURES_TABLE):
            raise WorkspaceError(
                "the workspace has not been resolved yet; run 'borderlink resolve'"
            )
        digest, text = str(run["model_sha256"]), str(run["model_json"])
        say("clustering with the stored model")
        start = time.perf_counter()
        features = store.query_arrow(
            f"SELECT unique_id, lifelong_doc, dob_ymd, sex FROM {FEATURES_TABLE} "
            "ORDER BY unique_id",
            stage="resolve",
            table=FEATURES_TABLE,
        )
        pairs = store.query_arrow(
            "SELECT record_a, record_b, match_probability FROM match_pairs",
            stage="resolve",
            table="match_pairs",
        )
        decisions = read_decisions(store)
        first = cluster_features(features, pairs, spec.thresholds.match, decisions)
        grouping = regroup(store, spec, pairs, first, decisions)
        ids = grouping.record_ids
        entity_of = clustering.assign_ids(ids, grouping.groups, _previous_ids(store))
        timings["clustering"] = round(time.perf_counter() - start, 3)
        run_id = f"R{started:%Y%m%dT%H%M%S.%f}-{digest[:6]}"  # several a second
        start = time.perf_counter()
        with store.transaction():
            store.execute(
                "UPDATE match_pairs SET resolve_run_id = ?",
                [run_id],
                stage="resolve",
                table="match_pairs",
            )
            _write_clusters(store, run_id, entity_of)
            n_entities = write_entities(store, run_id)
            n_aliases = build_aliases(store, run_id)
            candidates = int(str(run["candidate_pairs"] or 0))
            summary = _summary(
                store, spec, run_id, len(ids), candidates, pairs, grouping.result, decisions
            )
            summary.possible_aliases = n_aliases
            timings["writing"] = round(time.perf_counter() - start, 3)
            summary.entities, summary.model_sha256 = n_entities, digest
            model_file = Path(workspace) / "models" / f"person-{digest[:12]}.json"
            summary.model_file, summary.timings = str(model_file), timings
            summary.notes = [f"re-clustered with the model of {run['resolve_run_id']}"]
            _record_run(store, summary, spec, text, started)
    return summary


def entity_of(store: Store, record_ids: list[str]) -> dict[str, str]:
    """The current entity of each record (records not clustered are left out)."""
    rows = store.query(
        "SELECT record_id, entity_id FROM clusters WHERE record_id IN (SELECT unnest(?))",
        [record_ids],
        stage="resolve",
        table="clusters",
    )
    return {str(r): str(e) for r, e in rows}
