"""resolve_features computed on Spark's executors, equal to the DuckDB backend's row for row.

Each record's own features come from the very code the DuckDB backend runs:
on every executor, a batch of person records goes through the Python name-key
functions (features.name_table) and features_sql in an embedded DuckDB, via
Arrow (mapInArrow). Records are partitioned by their name fields first, so a
name repeated across the workspace is keyed on one executor. What needs the
whole workspace (holders per name key, capped fuzzy keys) is Spark SQL below,
KEY_HOLDERS_SQL transpiled, ADD_HOLDERS_SQL and CAP_FUZZY_SQL of features.py
written again for Spark (DuckDB's list aggregates have no direct translation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
import sqlglot
from sqlglot import exp

from borderlink.resolve.features import (
    KEY_HOLDERS_SQL,
    NAME_FIELDS,
    NameKeyer,
    build_features,
    default_keyer,
    distinct_names_sql,
    features_sql,
    name_table,
)
from borderlink.resolve.tables import ensure_resolve_tables
from borderlink.store import Store

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def key_holders_spark() -> str:
    """features.KEY_HOLDERS_SQL (holders per name key) in Spark's dialect, over the base rows.

    The same query, transpiled: the counts are defined once, in features.py.
    """
    body = KEY_HOLDERS_SQL.split(" AS\n", 1)[1]
    tree = sqlglot.parse_one(body, read="duckdb")
    for table in tree.find_all(exp.Table):
        if table.name == "resolve_features":
            table.set("this", exp.to_identifier("bl_features_base"))
    return tree.sql(dialect="spark")


# Per record: keys sorted, holders and expected counts aligned, the rare keys.
ADD_HOLDERS_SPARK = """
SELECT e.unique_id,
  transform(s, x -> x.key) AS name_keys,
  transform(s, x -> CAST(x.holders AS INT)) AS key_holders,
  transform(s, x -> CAST(x.expected AS DOUBLE)) AS key_expected,
  transform(filter(s, x -> x.holders <= {limit}), x -> x.key) AS rare_keys
FROM (
  SELECT e.unique_id, array_sort(collect_list(named_struct(
    'key', e.key, 'holders', h.holders, 'expected', h.expected))) AS s
  FROM (SELECT unique_id, explode(name_keys) AS key FROM bl_features_base) e
  JOIN bl_key_holders h ON h.key = e.key
  GROUP BY e.unique_id) e"""

# Fuzzy keys held by more than {limit} records are dropped (features.CAP_FUZZY_SQL).
CAP_FUZZY_SPARK = """
SELECT e.unique_id, array_sort(collect_list(e.key)) AS fuzzy_keys
FROM (SELECT unique_id, explode(fuzzy_keys) AS key FROM bl_features_base) e
JOIN (SELECT key FROM (SELECT explode(fuzzy_keys) AS key FROM bl_features_base)
      GROUP BY key HAVING count(*) <= {limit}) c ON c.key = e.key
GROUP BY e.unique_id"""

LIST_DEFAULTS = {
    "name_keys": "CAST(array() AS ARRAY<STRING>)",
    "key_holders": "CAST(array() AS ARRAY<INT>)",
    "key_expected": "CAST(array() AS ARRAY<DOUBLE>)",
    "rare_keys": "CAST(array() AS ARRAY<STRING>)",
    "fuzzy_keys": "CAST(array() AS ARRAY<STRING>)",
}


def reference_schemas(
    records: pa.Schema, common_key_holders: int, fuzzy_key_max_records: int
) -> tuple[pa.Schema, pa.Schema]:
    """The per-record features' schema and the final resolve_features schema.

    Both come from running the DuckDB backend's own build on no records, so the
    Spark output has exactly the workspace table's columns, order and types.
    """
    with Store.memory() as store:
        store.register("_empty", records.empty_table())
        store.execute("CREATE TABLE person_records AS SELECT * FROM _empty")
        store.unregister("_empty")
        store.register("_name_table", name_table([], default_keyer()))
        base = store.query_arrow(features_sql()).schema
        store.unregister("_name_table")
        ensure_resolve_tables(store)
        build_features(
            store,
            common_key_holders=common_key_holders,
            fuzzy_key_max_records=fuzzy_key_max_records,
        )
        final = store.query_arrow("SELECT * FROM resolve_features").schema
    return base, final


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    return table.select(schema.names).cast(schema)


def record_features_fn(
    schema: pa.Schema, keyer: NameKeyer | None
) -> Callable[[Iterable[pa.RecordBatch]], Iterable[pa.RecordBatch]]:
    """The executor function: person record batches in, per-record feature batches out."""

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        names = keyer or default_keyer()
        with Store.memory() as store:
            store.execute("SET threads = 1")
            for batch in batches:
                store.register("person_records", pa.Table.from_batches([batch]))
                store.register("_name_table", name_table(store.query(distinct_names_sql()), names))
                out = _conform(store.query_arrow(features_sql()), schema)
                store.unregister("_name_table")
                store.unregister("person_records")
                yield from out.to_batches()

    return run


def spark_features(
    spark: SparkSession,
    records: DataFrame,
    *,
    base: pa.Schema,
    final: pa.Schema,
    common_key_holders: int,
    fuzzy_key_max_records: int,
    keyer: NameKeyer | None,
    scratch: Path,
) -> DataFrame:
    """resolve_features as a Spark DataFrame (columns in the workspace table's order).

    `scratch` is a folder for the per-record features (Parquet).
    """
    from pyspark.sql.pandas.types import from_arrow_schema

    parts = int(spark.conf.get("spark.sql.shuffle.partitions") or 8)
    by_name = records.repartition(parts, *NAME_FIELDS)
    rows = by_name.mapInArrow(record_features_fn(base, keyer), from_arrow_schema(base))
    # Written once: the aggregates below read the per-record features four times, and
    # the name keys must not be recomputed for each.
    rows.write.mode("overwrite").parquet(str(scratch))
    spark.read.parquet(str(scratch)).createOrReplaceTempView("bl_features_base")
    spark.sql(key_holders_spark()).createOrReplaceTempView("bl_key_holders")
    spark.sql(ADD_HOLDERS_SPARK.format(limit=int(common_key_holders))).createOrReplaceTempView(
        "bl_holders"
    )
    spark.sql(CAP_FUZZY_SPARK.format(limit=int(fuzzy_key_max_records))).createOrReplaceTempView(
        "bl_fuzzy"
    )
    joined = {c: f"coalesce({t}.{c}, {LIST_DEFAULTS[c]})" for c, t in _SOURCES.items()}
    columns = ", ".join(joined.get(c, f"f.{c}") + f" AS {c}" for c in final.names)
    return spark.sql(
        f"""SELECT {columns} FROM bl_features_base f
        LEFT JOIN bl_holders h ON h.unique_id = f.unique_id
        LEFT JOIN bl_fuzzy z ON z.unique_id = f.unique_id"""
    )


_SOURCES = {
    "name_keys": "h",
    "key_holders": "h",
    "key_expected": "h",
    "rare_keys": "h",
    "fuzzy_keys": "z",
}


def read_parquet_table(path: Path, schema: pa.Schema | None = None) -> pa.Table:
    """A Parquet dataset written by Spark (a folder of part files) as one Arrow table."""
    table = pq.read_table(str(path))
    return _conform(table, schema) if schema is not None else table
