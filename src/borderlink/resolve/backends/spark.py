"""The Spark backend: features, training, scoring and clustering on a Spark cluster.

Records go out of the workspace as Parquet (or are read from an attached
Parquet dataset), and everything per record or per pair runs on the executors:
name keys and features (spark_features.py), Splink's blocking, training and
scoring on its Spark database API (the same model, its SQL rewritten by
spark_sql.py), and clustering per connected component (spark_cluster.py).
What comes back to the workspace is what the DuckDB backend writes: the
feature rows, the scored pairs above the floor and the clusters; they also stay
in the work folder as Parquet (features/, pairs/), readable by both engines.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from borderlink.config import Settings
from borderlink.resolve.backends.duckdb import FEATURES_TABLE, quiet_splink
from borderlink.resolve.backends.protocol import Grouping, Scored
from borderlink.resolve.backends.spark_cluster import cluster_on_spark
from borderlink.resolve.backends.spark_features import (
    read_parquet_table,
    reference_schemas,
    spark_features,
)
from borderlink.resolve.backends.spark_sql import spark_settings
from borderlink.resolve.backends.spark_udfs import register_udfs
from borderlink.resolve.clusters import Decision
from borderlink.resolve.features import NameKeyer, fill_name_keys
from borderlink.resolve.predict import blocking_names, name_blocking_rules, pairs_sql, predict
from borderlink.resolve.spec import ModelSpec
from borderlink.spark.session import spark_session, work_dir
from borderlink.store import Store
from borderlink.store.parquet import write_parquet

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


def _struct(fields: list[tuple[str, str]]) -> str:
    return "named_struct(" + ", ".join(f"'{name}', {expr}" for name, expr in fields) + ")"


class SparkBackend:
    """resolve on Spark (local mode or a cluster, `spark_master`)."""

    name = "spark"

    def __init__(self, settings: Settings, workspace: Path) -> None:
        self.settings = settings
        self.folder = work_dir(settings, workspace)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.spark = spark_session(settings, workspace, app="borderlink resolve")
        register_udfs(self.spark)
        self._api: Any = None
        self.features: DataFrame | None = None
        self.arrays: frozenset[str] = frozenset()

    def _path(self, name: str) -> Path:
        return self.folder / name

    def build_features(self, store: Store, spec: ModelSpec, keyer: NameKeyer | None) -> int:
        records_dir = self._path("person_records")
        shutil.rmtree(records_dir, ignore_errors=True)
        write_parquet(store, "SELECT * FROM person_records", records_dir)
        records = self.spark.read.parquet(str(records_dir))
        base, final = reference_schemas(
            pa.schema(read_parquet_table(records_dir).schema),
            spec.common_key_holders,
            spec.fuzzy_key_max_records,
        )
        frame = spark_features(
            self.spark,
            records,
            base=base,
            final=final,
            common_key_holders=spec.common_key_holders,
            fuzzy_key_max_records=spec.fuzzy_key_max_records,
            keyer=keyer,
            scratch=self._path("features_base"),
        )
        out = self._path("features")
        frame.write.mode("overwrite").parquet(str(out))
        table = read_parquet_table(out, final)
        store.register("_spark_features", table)
        try:
            store.execute(
                f"CREATE OR REPLACE TABLE {FEATURES_TABLE} AS SELECT * FROM _spark_features",
                stage="resolve",
                table=FEATURES_TABLE,
            )
        finally:
            store.unregister("_spark_features")
        fill_name_keys(store)
        self.arrays = frozenset(
            f.name for f in final if pa.types.is_list(f.type) or pa.types.is_large_list(f.type)
        )
        return int(table.num_rows)

    def load_features(self, store: Store) -> int:
        path = self._path("features")
        if not path.exists():  # features built by the DuckDB backend: hand them over
            write_parquet(store, f"SELECT * FROM {FEATURES_TABLE}", path)
        self.features = self.spark.read.parquet(str(path)).cache()
        self.features.createOrReplaceTempView(FEATURES_TABLE)
        if not self.arrays:
            self.arrays = frozenset(
                f.name for f in self.features.schema.fields if f.dataType.typeName() == "array"
            )
        rows: int = self.features.count()
        return rows

    def db_api(self) -> Any:
        if self._api is None:
            from splink.backends.spark import SparkAPI

            quiet_splink()
            # In local mode Splink's intermediate tables stay in memory; on a cluster
            # they go to Parquet in the checkpoint folder, which survives a lost executor.
            local = self.settings.spark_master.startswith("local")
            self._api = SparkAPI(  # type: ignore[no-untyped-call]
                spark_session=self.spark,
                break_lineage_method="persist" if local else "parquet",
                num_partitions_on_repartition=self.settings.spark_partitions,
            )
        return self._api

    def splink_settings(self, settings: dict[str, Any]) -> dict[str, Any]:
        return spark_settings(settings, self.arrays)

    def new_linker(self, settings: dict[str, Any]) -> Any:
        from splink import Linker

        quiet_splink()
        sdf = self.db_api().register(FEATURES_TABLE, table_name=None)
        linker = Linker(sdf, settings, log_level=None, validate_settings=False)
        quiet_splink()
        return linker

    def fetch_pairs(self, linker: Any, comparisons: list[str], floor: float) -> Scored:
        predictions, candidates = predict(
            linker, floor, lambda table: int(self.spark.table(table).count())
        )
        sql = pairs_sql(predictions.physical_name, comparisons, _struct, text_type="STRING")
        out = self._path("pairs")
        self.spark.sql(sql).write.mode("overwrite").parquet(str(out))
        pairs = name_blocking_rules(read_parquet_table(out), blocking_names(linker))
        return Scored(pairs, candidates, location=out)

    def cluster(
        self, store: Store, scored: Scored, threshold: float, decisions: list[Decision]
    ) -> Grouping:
        if self.features is None or scored.location is None:
            raise RuntimeError("load_features and fetch_pairs must run before cluster")
        members, result = cluster_on_spark(
            self.spark,
            self.features,
            self.spark.read.parquet(str(scored.location)),
            threshold,
            decisions,
        )
        ids = [str(r) for (r,) in store.query(f"SELECT unique_id FROM {FEATURES_TABLE}")]
        index = {r: i for i, r in enumerate(ids)}
        grouped: dict[str, list[int]] = {}
        for record, grp in zip(members["record_id"], members["grp"], strict=True):
            grouped.setdefault(str(grp), []).append(index[str(record)])
        placed = {i for g in grouped.values() for i in g}
        groups = list(grouped.values()) + [[i] for i in range(len(ids)) if i not in placed]
        return Grouping(ids, groups, result)

    def close(self) -> None:
        if self.features is not None:
            self.features.unpersist()
        self.spark.catalog.clearCache()
