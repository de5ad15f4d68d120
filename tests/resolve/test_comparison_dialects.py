"""The comparisons' SQL is the model's, not DuckDB's: each backend supplies its functions.

settings/comparisons.yaml calls standard SQL plus `bl_*` functions. The DuckDB backend
defines every one of them as a macro; the Spark backend rewrites each level into Spark's
dialect, where of the `bl_*` functions only the UDFs the Spark session registers remain.
"""

from __future__ import annotations

import json
import re

import sqlglot
from sqlglot import exp

from borderlink.model import load_model
from borderlink.resolve.backends.spark_sql import (
    UDFS,
    duckdb_macros,
    spark_settings,
    to_spark,
)
from borderlink.resolve.spec import load_spec, splink_settings


def _levels(settings: dict[str, object]) -> list[str]:
    return [
        str(level["sql_condition"])
        for comparison in settings["comparisons"]  # type: ignore[attr-defined]
        for level in comparison["comparison_levels"]
        if str(level["sql_condition"]).strip().upper() != "ELSE"
    ]


def test_every_bl_function_the_comparisons_call_is_a_duckdb_backend_macro() -> None:
    settings = splink_settings(load_spec())
    used = set(re.findall(r"\b(bl_\w+)\(", json.dumps(settings)))
    assert {"bl_max_jw", "bl_shared_holders", "bl_dates_conflict"} <= used
    assert used <= set(duckdb_macros())


def test_every_level_rewrites_to_spark_with_only_spark_side_functions_left() -> None:
    columns = load_model().column_types("resolve_features")
    arrays = frozenset(c for c, t in columns.items() if t.endswith("[]"))
    spark = spark_settings(splink_settings(load_spec()), arrays)
    levels = _levels(spark)
    assert len(levels) > 20
    for sql in levels:
        tree = sqlglot.parse_one(sql, read="spark")
        called = {str(node.this).lower() for node in tree.find_all(exp.Anonymous)}
        ours = {name for name in called if name.startswith("bl_")}
        assert ours <= UDFS, (sql, ours - UDFS)  # macros expanded; only registered UDFs
        assert "jaro_winkler_similarity" not in sql.lower()  # DuckDB's name, not Spark's


def test_a_function_no_backend_supplies_is_refused_by_name() -> None:
    import pytest

    from borderlink.errors import ConfigError

    with pytest.raises(ConfigError, match=r"calls bl_soundex\(\)"):
        to_spark("bl_soundex(name_l) = bl_soundex(name_r)", frozenset())
