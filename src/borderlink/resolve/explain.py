"""Why two records are (or are not) one person: every comparison's level and match weight.

The pair is re-scored with the model of the latest resolve run (the JSON stored
in resolve_runs), so the figures are exactly those the run used, whether or not
the pair was a candidate.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from borderlink.errors import InvalidRequest, NotFound
from borderlink.resolve.aliases import AliasPair, alias_between
from borderlink.resolve.backends.duckdb import (
    FEATURES_TABLE,
    load_table,
    new_linker,
    scratch_store,
    splink_db_api,
)
from borderlink.resolve.tables import require_resolved
from borderlink.store import Store


class ComparisonExplanation(BaseModel):
    comparison: str
    level: str
    gamma: int
    match_weight: float  # log2 Bayes factor; 0 for a null level


class RecordBrief(BaseModel):
    record_id: str
    source: str
    file: str
    record_key: str
    name: str | None
    dob: str | None
    id_number: str | None
    phone: str | None
    nationality: str | None
    entity_id: str | None


class Explanation(BaseModel):
    resolve_run_id: str
    records: list[RecordBrief]
    prior_match_weight: float
    comparisons: list[ComparisonExplanation]
    keys_met: list[str]
    match_weight: float
    match_probability: float
    same_entity: bool
    alias: AliasPair | None = None  # flagged as one person's two identities (aliases.py)


_BRIEF_SQL = """
SELECT p.record_id, p.source, p.file, p.record_key,
  coalesce(nullif(trim(p.name), ''), concat_ws(' ', p.surname, p.given_names))
    || CASE WHEN p.name_zh IS NOT NULL THEN ' / ' || p.name_zh ELSE '' END AS name,
  CAST(f.dob AS VARCHAR) || ' (' || f.dob_precision || ')' AS dob,
  p.id_number, p.phone, p.nationality, c.entity_id
FROM person_records p JOIN resolve_features f ON f.unique_id = p.record_id
LEFT JOIN clusters c ON c.record_id = p.record_id
WHERE p.record_id = ?"""


def _brief(store: Store, record_id: str) -> RecordBrief:
    rows = store.query_dicts(_BRIEF_SQL, [record_id], stage="explain", table="person_records")
    if not rows:
        known = store.table_exists("person_records") and store.count(
            "person_records", "record_id = ?", [record_id]
        )
        if known:
            raise NotFound(
                f"record {record_id} has not been resolved yet; run 'borderlink resolve'"
            )
        raise NotFound(f"unknown record id {record_id}", record_id=record_id)
    return RecordBrief(**rows[0])


def _levels(linker: Any) -> dict[str, dict[int, str]]:
    out: dict[str, dict[int, str]] = {}
    for comparison in linker._settings_obj.comparisons:
        out[comparison.output_column_name] = {
            int(level.comparison_vector_value): str(level.label_for_charts)
            for level in comparison.comparison_levels
        }
    return out


def _score_pair(features: pa.Table, model: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    model = {**model, "retain_intermediate_calculation_columns": True}
    model["retain_matching_columns"] = True
    with scratch_store(threads=1) as scratch:
        load_table(scratch, FEATURES_TABLE, features)
        linker = new_linker(scratch, model)
        load_table(
            scratch, "_pair", pa.table({"match_key": ["0"], "join_key_l": [a], "join_key_r": [b]})
        )
        pair = splink_db_api(scratch).register("_pair", table_name="_explain_pair")
        linker.table_management.register_blocked_pairs_for_predict(pair)
        predictions = linker.inference.predict(warning_mode="never")
        row = scratch.query_dicts(f"SELECT * FROM {predictions.physical_name}")[0]
        row["_levels"] = _levels(linker)
        row["_prior"] = linker._settings_obj._probability_two_random_records_match
    return row


def explain_pair(workspace: Path, record_a: str, record_b: str) -> Explanation:
    """Re-score one pair with the latest run's model and break the score down."""
    with Store.open(workspace, read_only=True) as store:
        return explain_in_store(store, record_a, record_b)


def explain_in_store(store: Store, record_a: str, record_b: str) -> Explanation:
    """explain_pair on an open store (the server holds one and reads through cursors)."""
    if record_a == record_b:
        raise InvalidRequest("record_b", "explain needs two different records")
    run = require_resolved(store)
    briefs = [_brief(store, record_a), _brief(store, record_b)]
    model = json.loads(
        str(store.scalar("SELECT model_json FROM resolve_runs WHERE resolve_run_id = ?", [run]))
    )
    features = store.query_arrow(
        f"SELECT * FROM {FEATURES_TABLE} WHERE unique_id IN (?, ?)", [record_a, record_b]
    )
    alias = alias_between(store, record_a, record_b)
    row = _score_pair(features, model, record_a, record_b)
    comparisons = []
    for name, labels in row["_levels"].items():
        gamma = int(row[f"gamma_{name}"])
        weight = float(row.get(f"mw_{name}") or 0.0)
        comparisons.append(
            ComparisonExplanation(
                comparison=name, level=labels.get(gamma, "?"), gamma=gamma, match_weight=weight
            )
        )
    keys_l = set(row.get("name_keys_l") or [])
    keys_r = set(row.get("name_keys_r") or [])
    # The HK-romanisation bridge meets across sides (one's HK readings, the other's pinyin).
    bridged = set(row.get("hk_bridge_l") or []) & set(row.get("py_bridge_r") or [])
    bridged |= set(row.get("py_bridge_l") or []) & set(row.get("hk_bridge_r") or [])
    prior = float(row["_prior"])
    return Explanation(
        resolve_run_id=run,
        records=briefs,
        prior_match_weight=math.log2(prior / (1 - prior)),
        comparisons=comparisons,
        keys_met=sorted(keys_l & keys_r) + sorted(f"bridge {k}" for k in bridged),
        match_weight=float(row["match_weight"]),
        match_probability=float(row["match_probability"]),
        same_entity=briefs[0].entity_id is not None and briefs[0].entity_id == briefs[1].entity_id,
        alias=alias,
    )
