"""Why two records are (or are not) one person: every comparison's level and match weight.

The pair is re-scored with the model of the latest resolve run (the JSON stored
in resolve_runs), so the figures are exactly those the run used, whether or not
the pair was a candidate. The levels' labels and the prior are read from that
model JSON, and the waterfall chart is Splink's own (`linker.visualisations.
waterfall_chart`), saved with the chart libraries Splink ships inlined: the file
opens offline.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from borderlink.errors import InvalidRequest, NotFound
from borderlink.outputs import write_text
from borderlink.resolve.aliases import AliasPair, alias_between
from borderlink.resolve.backends.duckdb import (
    FEATURES_TABLE,
    load_table,
    new_linker,
    scratch_store,
    splink_db_api,
)
from borderlink.resolve.review import DecisionRecord, decision_on
from borderlink.resolve.tables import require_resolved
from borderlink.store import Store


class ComparisonExplanation(BaseModel):
    comparison: str
    level: str
    gamma: int
    match_weight: float  # log2 Bayes factor; 0 for a null level


class RecordBrief(BaseModel):
    """One side of the pair: every field the model compares, and where the record came from."""

    record_id: str
    source: str
    file: str
    record_key: str
    name: str | None
    sex: str | None
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
    decision: DecisionRecord | None = None  # an analyst's decision on the pair (latest wins)
    waterfall: str | None = None  # the waterfall chart's HTML file, when one was asked for


_BRIEF_SQL = """
SELECT p.record_id, p.source, p.file, p.record_key,
  coalesce(nullif(trim(p.name), ''), concat_ws(' ', p.surname, p.given_names))
    || CASE WHEN p.name_zh IS NOT NULL THEN ' / ' || p.name_zh ELSE '' END AS name,
  f.sex, CAST(f.dob AS VARCHAR) || ' (' || f.dob_precision || ')' AS dob,
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


def level_labels(model: dict[str, Any]) -> dict[str, dict[int, str]]:
    """comparison -> gamma -> the level's label, from the saved model JSON.

    Splink numbers a comparison's levels from the top: the null level is -1, the others
    count down to 0 in the order written (its comparison_vector_value).
    """
    out: dict[str, dict[int, str]] = {}
    for comparison in model["comparisons"]:
        levels = comparison["comparison_levels"]
        gamma = sum(1 for level in levels if not level.get("is_null_level")) - 1
        labels: dict[int, str] = {}
        for level in levels:
            label = str(level.get("label_for_charts") or level["sql_condition"])
            if level.get("is_null_level"):
                labels[-1] = label
            else:
                labels[gamma] = label
                gamma -= 1
        out[str(comparison["output_column_name"])] = labels
    return out


def _chart_value(value: Any) -> Any:
    """A value as the chart's JSON can carry it (dates as ISO text, lists item by item)."""
    if isinstance(value, list | tuple):
        return [_chart_value(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _score_pair(
    features: pa.Table, model: dict[str, Any], a: str, b: str, *, chart: bool = False
) -> tuple[dict[str, Any], str | None]:
    """The pair's scored row; with `chart`, Splink's waterfall chart as offline HTML too."""
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
        html = None
        if chart:
            record = {k: _chart_value(v) for k, v in row.items()}
            waterfall = linker.visualisations.waterfall_chart([record], filter_nulls=False)
            html = str(waterfall.to_html(inline=True))
    return row, html


def explain_pair(
    workspace: Path, record_a: str, record_b: str, *, waterfall: Path | None = None
) -> Explanation:
    """Re-score one pair with the latest run's model and break the score down.

    `waterfall`: also write Splink's waterfall chart of the pair to this HTML file.
    """
    with Store.open(workspace, read_only=True) as store:
        return explain_in_store(store, record_a, record_b, waterfall=waterfall)


def explain_in_store(
    store: Store, record_a: str, record_b: str, *, waterfall: Path | None = None
) -> Explanation:
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
    row, html = _score_pair(features, model, record_a, record_b, chart=waterfall is not None)
    if waterfall is not None and html is not None:
        write_html(waterfall, html)
    comparisons = []
    for name, labels in level_labels(model).items():
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
    prior = float(model["probability_two_random_records_match"])
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
        decision=decision_on(store, record_a, record_b),
        waterfall=None if waterfall is None else str(waterfall),
    )


def write_html(out: Path, html: str) -> None:
    """Write the chart; a path that cannot be written is a PathError naming --waterfall."""
    write_text(out, html, "waterfall")
