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

from borderlink.config import Settings, settings_for_run
from borderlink.resolve import clusters as clustering
from borderlink.resolve.aliases import build_aliases
from borderlink.resolve.backends import open_backend
from borderlink.resolve.backends.duckdb import DuckDBBackend, memory_shares
from borderlink.resolve.backends.protocol import ResolveBackend, Scored
from borderlink.resolve.collective import regroup
from borderlink.resolve.entities import write_entities
from borderlink.resolve.features import NameKeyer
from borderlink.resolve.model import model_hash, model_json, train
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
    possible_aliases: int = 0  # entity pairs flagged as one person's two identities


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
        "SELECT record_a, record_b, decision FROM review_decisions "
        "WHERE decision IN ('same', 'different') ORDER BY decided_at, rowid",
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
    backend = DuckDBBackend(threads, memory_limit)
    try:
        backend.use_features(features)
        text, scored = train_and_score_on(backend, spec, features.num_rows, notes, timings)
    finally:
        backend.close()
    return text, scored.pairs, scored.candidates


def train_and_score_on(
    backend: ResolveBackend,
    spec: ModelSpec,
    records: int,
    notes: list[str],
    timings: dict[str, float] | None = None,
) -> tuple[str, Scored]:
    """Train on the backend's loaded features, then score; the model JSON and the pairs.

    The model is saved with the comparisons as written in settings/ (borderlink's
    SQL), whatever engine trained it, so its hash and its use by explain do not
    depend on the engine.
    """
    timings = timings if timings is not None else {}
    start = time.perf_counter()
    settings = splink_settings(spec)
    linker = backend.new_linker(backend.splink_settings(settings))
    model = train(
        linker,
        spec,
        records,
        notes,
        rebuild=lambda m: backend.new_linker(backend.splink_settings(as_written(m, settings))),
    )
    timings["training"] = round(time.perf_counter() - start, 3)
    start = time.perf_counter()
    model = as_written(model, settings)  # as the engine saved it: back to borderlink's SQL
    scorer = backend.new_linker(backend.splink_settings(model))  # as saved (m floored)
    scored = backend.fetch_pairs(scorer, spec.comparisons, spec.thresholds.floor)
    timings["scoring"] = round(time.perf_counter() - start, 3)
    return model_json(model), scored


def as_written(model: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """The trained model with each level's SQL as settings/ writes it (level order is kept)."""
    for trained, written in zip(model["comparisons"], settings["comparisons"], strict=True):
        for level, source in zip(
            trained["comparison_levels"], written["comparison_levels"], strict=True
        ):
            level["sql_condition"] = source["sql_condition"]
    return model


def resolve_workspace(
    workspace: Path,
    *,
    progress: Progress | None = None,
    spec_name: str = "person",
    keyer: NameKeyer | None = None,
    engine: str | None = None,
    spark_master: str | None = None,
    settings: Settings | None = None,
) -> ResolveSummary:
    """Resolve every person record of the workspace into entities (see module docstring).

    `engine` (default: the `engine` setting) picks where features, training,
    scoring and clustering run; the workspace is written the same way for each.
    `settings` are the caller's (a Workspace's); without them they are loaded.
    """
    workspace = Path(workspace)
    settings = settings_for_run(settings, workspace, engine=engine, spark_master=spark_master)
    spec = load_spec(spec_name)
    clock = _Clock(progress)
    notes: list[str] = []
    started = dt.datetime.now(dt.UTC)
    workspace_memory, scratch_memory = memory_shares(settings.memory_limit)
    with (
        Store.open(workspace, threads=settings.threads, memory_limit=workspace_memory) as store,
        open_backend(settings.engine, settings, workspace, scratch_memory) as backend,
    ):
        records = require_person_records(store)
        with store.transaction():
            ensure_resolve_tables(store)
            with clock.stage("name keys and features"):
                backend.build_features(store, spec, keyer)
                n_features = backend.load_features(store)
            clock.say("training and scoring")
            text, scored = train_and_score_on(backend, spec, n_features, notes, clock.timings)
            digest = model_hash(text)
            run_id = f"R{started:%Y%m%dT%H%M%S.%f}-{digest[:6]}"  # several a second
            with clock.stage("clustering"):
                decisions = read_decisions(store)
                first = backend.cluster(store, scored, spec.thresholds.match, decisions)
                grouping = regroup(store, spec, scored.pairs, first, decisions)
                entity_of = clustering.assign_ids(
                    grouping.record_ids, grouping.groups, _previous_ids(store)
                )
            with clock.stage("writing"):
                _write_pairs(store, run_id, scored.pairs)
                _write_clusters(store, run_id, entity_of)
                n_aliases = build_aliases(store, run_id)
                n_entities = write_entities(store, run_id)
                model_file = _save_model_file(workspace, text, digest)
            summary = _summary(
                store,
                spec,
                run_id,
                records,
                scored.candidates,
                scored.pairs,
                grouping.result,
                decisions,
            )
            summary.entities, summary.model_sha256 = n_entities, digest
            summary.possible_aliases = n_aliases
            summary.model_file, summary.timings, summary.notes = (
                str(model_file),
                clock.timings,
                notes,
            )
            _record_run(store, summary, spec, text, started)
    return summary


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
