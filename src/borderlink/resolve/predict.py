"""Score the candidate pairs with the trained model and keep those above the floor.

The blocked pairs are materialised once (so their number is known), handed back
to Splink for scoring, and the scored pairs leave the engine with each
comparison's level kept as JSON for review and explain. The steps are the same
on every engine; a backend runs the SQL and says how it builds a struct.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc


def blocking_names(linker: Any) -> dict[str, str]:
    """match_key -> the blocking rule's SQL, for `blocked_by`.

    Read from the model as Splink saves it (its public `save_model_to_json`), whose
    rules keep the order Splink numbers them in.
    """
    rules = linker.misc.save_model_to_json()["blocking_rules_to_generate_predictions"]
    return {
        str(i): str(rule["blocking_rule"] if isinstance(rule, dict) else rule)
        for i, rule in enumerate(rules)
    }


def predict(linker: Any, floor: float, count: Callable[[str], int]) -> tuple[Any, int]:
    """Splink's predictions at or above `floor` and the number of candidate pairs.

    `count(table)` counts a table's rows on the engine (the blocked pairs).
    """
    blocked = linker.inference.compute_blocked_pairs_for_predict()
    candidates = count(blocked.physical_name)
    linker.table_management.register_blocked_pairs_for_predict(blocked)
    predictions = linker.inference.predict(threshold_match_probability=floor, warning_mode="never")
    return predictions, candidates


def pairs_sql(
    table: str,
    comparisons: list[str],
    struct: Callable[[list[tuple[str, str]]], str],
    text_type: str = "VARCHAR",
) -> str:
    """SELECT the pair columns (PAIR_COLUMNS) from a predictions table.

    `struct(fields)` builds a struct from (name, expression) pairs in the engine's
    dialect; its JSON is the pair's `levels`. `blocked_by` holds the match key
    until `name_blocking_rules` replaces it with the rule.
    """
    levels = struct([(c, f"gamma_{c}") for c in comparisons])
    return f"""SELECT least(unique_id_l, unique_id_r) AS record_a,
                   greatest(unique_id_l, unique_id_r) AS record_b,
                   match_weight, match_probability,
                   CAST(to_json({levels}) AS {text_type}) AS levels,
                   CAST(match_key AS {text_type}) AS blocked_by
            FROM {table}"""


def name_blocking_rules(pairs: pa.Table, rules: dict[str, str]) -> pa.Table:
    """Replace each pair's match key in `blocked_by` with its blocking rule's SQL."""
    keys = pairs.column("blocked_by")
    index = pc.index_in(keys, value_set=pa.array(list(rules), pa.string()))
    named = pc.if_else(
        pc.is_null(index), keys, pc.take(pa.array(list(rules.values()), pa.string()), index)
    )
    return pairs.set_column(pairs.schema.get_field_index("blocked_by"), "blocked_by", named)
