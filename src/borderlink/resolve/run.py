"""`resolve_workspace`: features -> training -> scoring -> clusters -> entities, in one run.

The workspace changes in one transaction at the end, so a failed run leaves the
previous results in place. Each run records the trained model (JSON and hash)
beside its counts and timings, so every entity traces back to one model.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from borderlink.config import load_settings
from borderlink.resolve import clusters as clustering
from borderlink.resolve.engine import (
    FEATURES_TABLE,
    load_table,
    memory_shares,
    new_linker,
    scratch_store,
)
from borderlink.resolve.entities import write_entities
from borderlink.resolve.features import NameKeyer, build_features
from borderlink.resolve.model import model_hash, model_json, train
from borderlink.resolve.predict import score
from borderlink.resolve.review import UNDECIDED_SQL
from borderlink.resolve.spec import ModelSpec, load_spec, splink_settings
from borderlink.resolve.tables import ensure_resolve_tables, require_person_records
from borderlink.store import Store

Progress = Callable[[str], None]


class ResolveSummary(BaseModel):
    resolve_run_id: str
    records: int
    candidate_pairs: int
    stored_pairs: int
    linked_pairs: int
    entities: int
    multi_record_entities: int
    uncertain_pairs: int
    decisions_applied: int
    refused_links: int
    conflicting_decisions: int
    model_sha256: str
    model_file: str
    timings: dict[str, float]
    notes: list[str]


class _Clock:
    def __init__(self, progress: Progress | None) -> None:
        self.timings: dict[str, float] = {}
        self._progress = progress

    def say(self, name: str) -> None:
        if self._progress is not None:
            self._progress(name)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.say(name)
        start = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - start, 3)


def read_decisions(store: Store) -> list[clustering.Decision]:
    rows = store.query(
        "SELECT record_a, record_b, decision FROM review_decisions ORDER BY decided_at, rowid",
        stage="resolve",
        table="review_decisions",
    )
    return clustering.latest_decisions((str(a), str(b), str(d)) for a, b, d in rows)


def _previous_ids(store: Store) -> dict[str, str]:
    return {str(r): str(e) for r, e in store.query("SELECT record_id, entity_id FROM clusters")}


def _write_pairs(store: Store, run_id: str, pairs: pa.Table) -> None:
    store.execute("DELETE FROM match_pairs", table="match_pairs")
    store.register("_pairs", pairs)
    try:
        store.execute(
            "INSERT INTO match_pairs SELECT $run, record_a, record_b, match_weight, "
            "match_probability, levels, blocked_by FROM _pairs",
            {"run": run_id},
            stage="resolve",
            table="match_pairs",
        )
    finally:
        store.unregister("_pairs")


def _write_clusters(store: Store, run_id: str, entity_of: dict[str, str]) -> None:
    store.execute("DELETE FROM clusters", table="clusters")
    table = pa.table(
        {
            "record_id": pa.array(list(entity_of.keys()), pa.string()),
            "entity_id": pa.array(list(entity_of.values()), pa.string()),
        }
    )
    store.register("_clusters", table)
    try:
        store.execute(
            "INSERT INTO clusters SELECT record_id, entity_id, $run FROM _clusters",
            {"run": run_id},
            stage="resolve",
            table="clusters",
        )
    finally:
        store.unregister("_clusters")


def _save_model_file(workspace: Path, text: str, digest: str) -> Path:
    folder = workspace / "models"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"person-{digest[:12]}.json"
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    return path


def train_and_score(
    features: pa.Table,
    spec: ModelSpec,
    *,
    threads: int,
    memory_limit: str,
    notes: list[str],
    timings: dict[str, float] | None = None,
) -> tuple[str, pa.Table, int]:
    """Model JSON, scored pairs and candidate count for the feature rows (in scratch DuckDB)."""
    timings = timings if timings is not None else {}
    with scratch_store(threads, memory_limit) as scratch:
        start = time.perf_counter()
        load_table(scratch, FEATURES_TABLE, features)
        linker = new_linker(scratch, splink_settings(spec))
        model = train(
            linker, spec, features.num_rows, notes, rebuild=lambda m: new_linker(scratch, m)
        )
        timings["training"] = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        scorer = new_linker(scratch, model)  # the trained model as saved (m floored)
        scored = score(scratch, scorer, spec.comparisons, spec.thresholds.floor)
        timings["scoring"] = round(time.perf_counter() - start, 3)
    return model_json(model), scored.pairs, scored.candidates


def resolve_workspace(
    workspace: Path,
    *,
    progress: Progress | None = None,
    spec_name: str = "person",
    keyer: NameKeyer | None = None,
) -> ResolveSummary:
    """Resolve every person record of the workspace into entities (see module docstring)."""
    workspace = Path(workspace)
    settings, _ = load_settings(workspace=workspace)
    spec = load_spec(spec_name)
    clock = _Clock(progress)
    notes: list[str] = []
    started = dt.datetime.now(dt.UTC)
    workspace_memory, scratch_memory = memory_shares(settings.memory_limit)
    with Store.open(workspace, threads=settings.threads, memory_limit=workspace_memory) as store:
        records = require_person_records(store)
        with store.transaction():
            ensure_resolve_tables(store)
            with clock.stage("name keys and features"):
                build_features(
                    store,
                    common_key_holders=spec.common_key_holders,
                    fuzzy_key_max_records=spec.fuzzy_key_max_records,
                    keyer=keyer,
                )
                features = store.query_arrow(f"SELECT * FROM {FEATURES_TABLE}")
            clock.say("training and scoring")
            text, pairs, candidates = train_and_score(
                features,
                spec,
                threads=settings.threads,
                memory_limit=scratch_memory,
                notes=notes,
                timings=clock.timings,
            )
            digest = model_hash(text)
            run_id = f"R{started:%Y%m%dT%H%M%S}-{digest[:6]}"
            with clock.stage("clustering"):
                decisions = read_decisions(store)
                threshold = spec.thresholds.match
                links = _links(pairs, threshold)
                ids = [str(r) for r in features.column("unique_id").to_pylist()]
                groups, result = clustering.cluster(
                    ids, links, decisions, evidence=cluster_evidence(features)
                )
                entity_of = clustering.assign_ids(ids, groups, _previous_ids(store))
            with clock.stage("writing"):
                _write_pairs(store, run_id, pairs)
                _write_clusters(store, run_id, entity_of)
                n_entities = write_entities(store, run_id)
                model_file = _save_model_file(workspace, text, digest)
            summary = _summary(store, spec, run_id, records, candidates, pairs, result, decisions)
            summary.entities, summary.model_sha256 = n_entities, digest
            summary.model_file, summary.timings, summary.notes = (
                str(model_file),
                clock.timings,
                notes,
            )
            _record_run(store, summary, spec, text, started)
    return summary


def cluster_evidence(features: pa.Table) -> clustering.Evidence:
    """What clustering checks groups against: documents, full birth dates, sex."""
    return clustering.Evidence(
        documents=features.column("lifelong_doc").to_pylist(),
        birth_dates=features.column("dob_ymd").to_pylist(),
        sexes=features.column("sex").to_pylist(),
    )


def _links(pairs: pa.Table, threshold: float) -> list[tuple[str, str, float]]:
    a = pairs.column("record_a").to_pylist()
    b = pairs.column("record_b").to_pylist()
    p = pairs.column("match_probability").to_pylist()
    return [(x, y, q) for x, y, q in zip(a, b, p, strict=True) if q is not None and q >= threshold]


def _summary(
    store: Store,
    spec: ModelSpec,
    run_id: str,
    records: int,
    candidates: int,
    pairs: pa.Table,
    result: clustering.Clustering,
    decisions: list[clustering.Decision],
) -> ResolveSummary:
    multi = int(
        store.scalar(
            "SELECT count(*) FROM (SELECT entity_id FROM clusters GROUP BY entity_id "
            "HAVING count(*) > 1)",
        )
    )
    uncertain = int(  # left to review: decided pairs are not counted
        store.scalar(UNDECIDED_SQL, [spec.thresholds.review_low, spec.thresholds.review_high])
    )
    return ResolveSummary(
        resolve_run_id=run_id,
        records=records,
        candidate_pairs=candidates,
        stored_pairs=pairs.num_rows,
        linked_pairs=result.linked_pairs,
        entities=0,
        multi_record_entities=multi,
        uncertain_pairs=uncertain,
        decisions_applied=len(decisions),
        refused_links=result.refused_links,
        conflicting_decisions=len(result.conflicts),
        model_sha256="",
        model_file="",
        timings={},
        notes=[],
    )


def _record_run(
    store: Store, s: ResolveSummary, spec: ModelSpec, text: str, started: dt.datetime
) -> None:
    import json

    values: list[Any] = [
        s.resolve_run_id,
        started,
        dt.datetime.now(dt.UTC),
        spec.name,
        text,
        s.model_sha256,
        spec.thresholds.match,
        s.records,
        s.candidate_pairs,
        s.stored_pairs,
        s.linked_pairs,
        s.entities,
        s.decisions_applied,
        json.dumps(s.timings),
    ]
    store.execute(
        "INSERT INTO resolve_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
        stage="resolve",
        table="resolve_runs",
    )
