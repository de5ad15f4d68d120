"""Score the candidate pairs with the trained model and keep those above the floor.

The blocked pairs are materialised once (so their number is known), handed back
to Splink for scoring, and the scored pairs leave the scratch database as Arrow
with each comparison's level kept as JSON for review and explain.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from borderlink.store import Store


@dataclass
class Scored:
    pairs: pa.Table  # record_a, record_b, match_weight, match_probability, levels, blocked_by
    candidates: int


def _blocking_names(linker: Any) -> dict[str, str]:
    rules = linker._settings_obj._blocking_rules_to_generate_predictions
    return {str(i): str(rule.blocking_rule_sql) for i, rule in enumerate(rules)}


def score(store: Store, linker: Any, comparisons: list[str], floor: float) -> Scored:
    """Blocked pairs -> Splink predictions at or above `floor`, as an Arrow table."""
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    # query (fetch all), not scalar: an unfinished result would block Splink's next statement
    candidates = int(store.query(f"SELECT count(*) FROM {blocked.physical_name}")[0][0])
    linker.table_management.register_blocked_pairs_for_predict(blocked)
    predictions = linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
    levels = ", ".join(f"'{c}': gamma_{c}" for c in comparisons)
    rules = _blocking_names(linker)
    cases = " ".join(
        f"WHEN '{k}' THEN '{v.replace(chr(39), chr(39) * 2)}'" for k, v in rules.items()
    )
    blocked_by = f"CASE CAST(match_key AS VARCHAR) {cases} ELSE CAST(match_key AS VARCHAR) END"
    table = store.query_arrow(
        f"""SELECT least(unique_id_l, unique_id_r) AS record_a,
                   greatest(unique_id_l, unique_id_r) AS record_b,
                   match_weight, match_probability,
                   CAST(to_json({{{levels}}}) AS VARCHAR) AS levels,
                   {blocked_by} AS blocked_by
            FROM {predictions.physical_name}""",
        stage="resolve",
        table="predictions",
    )
    predictions.drop_table_from_database_and_remove_from_cache()
    return Scored(table, candidates)
