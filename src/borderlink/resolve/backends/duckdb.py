"""The DuckDB backend: Splink on an in-memory DuckDB beside the workspace.

Splink materialises many intermediate tables; running it on a scratch
in-memory database keeps them out of the workspace file (and off the disk),
while the inputs come in and the scored pairs go out as Arrow tables. The
`bl_*` functions the comparisons call are DuckDB macros here.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from borderlink.resolve import clusters as clustering
from borderlink.resolve.backends.protocol import Grouping, Scored
from borderlink.resolve.clusters import Decision
from borderlink.resolve.components import cluster_arrays, pair_links, record_index
from borderlink.resolve.features import NameKeyer, build_features
from borderlink.resolve.predict import blocking_names, name_blocking_rules, pairs_sql, predict
from borderlink.resolve.spec import ModelSpec
from borderlink.resolve.spill import new_spill_folder
from borderlink.store import Store

# SQL macros the comparison levels in settings/comparisons.yaml call.
MACROS: tuple[str, ...] = (
    # Best Jaro-Winkler similarity between any romanised form of one record and any of the other.
    """CREATE OR REPLACE TEMP MACRO bl_max_jw(a, b) AS
       coalesce(list_max(list_transform(a, lambda x:
         list_max(list_transform(b, lambda y: jaro_winkler_similarity(x, y))))), 0.0)""",
    # The smallest of an aligned per-key list (key_holders or key_expected, see features.py)
    # over the keys two records share: the holders of their least common shared key; NULL if none.
    """CREATE OR REPLACE TEMP MACRO bl_shared_holders(keys_a, holders_a, keys_b) AS
       list_min(list_transform(
         list_filter(generate_series(1, len(keys_a)), lambda i: list_contains(keys_b, keys_a[i])),
         lambda i: holders_a[i]))""",
    # Holders of the most common key of one family (key prefix, e.g. 'vi:') two records share.
    """CREATE OR REPLACE TEMP MACRO bl_shared_max_holders(keys_a, holders_a, keys_b, prefix) AS
       list_max(list_transform(
         list_filter(generate_series(1, len(keys_a)),
           lambda i: starts_with(keys_a[i], prefix) AND list_contains(keys_b, keys_a[i])),
         lambda i: holders_a[i]))""",
    # Two birth dates that disagree at the precision both have (not a slip of one digit
    # or a day/month swap): the dob comparison's 'all other' level, as one test.
    """CREATE OR REPLACE TEMP MACRO bl_dates_conflict(ymd_a, ymd_b, ym_a, ym_b, year_a, year_b,
         precision_a, precision_b) AS
       year_a IS NOT NULL AND year_b IS NOT NULL AND NOT (
         coalesce(ymd_a = ymd_b, false)
         OR ((precision_a = 'month' OR precision_b = 'month') AND coalesce(ym_a = ym_b, false))
         OR ((precision_a = 'year' OR precision_b = 'year') AND year_a = year_b)
         OR coalesce(ymd_a IS NOT NULL AND ymd_b IS NOT NULL AND (
           damerau_levenshtein(ymd_a, ymd_b) = 1
           OR (left(ymd_a, 4) = left(ymd_b, 4) AND substr(ymd_a, 5, 2) = substr(ymd_b, 7, 2)
               AND substr(ymd_a, 7, 2) = substr(ymd_b, 5, 2))), false))""",
    # A document that identifies its holder over years (resident ID, HKID, passport), as
    # against a recognizance form or an unknown paper, issued per arrest: two different
    # ones of the latter say nothing about the holders.
    """CREATE OR REPLACE TEMP MACRO bl_identity_doc(kind) AS
       kind IN ('cn_resident', 'hkid', 'passport')""",
    # Two identity documents of the same kind whose numbers differ by more than one slip
    # (a typo, a transposition or a wrong check digit are one edit).
    """CREATE OR REPLACE TEMP MACRO bl_docs_conflict(kind_a, kind_b, number_a, number_b) AS
       coalesce(kind_a = kind_b AND bl_identity_doc(kind_a)
         AND damerau_levenshtein(number_a, number_b) > 1, false)""",
    # Two strings of the same length that differ by one swap of adjacent characters.
    """CREATE OR REPLACE TEMP MACRO bl_transposed(a, b) AS
       length(a) = length(b) AND a <> b AND damerau_levenshtein(a, b) = 1
       AND list_sort(string_split(a, '')) = list_sort(string_split(b, ''))""",
)

FEATURES_TABLE = "resolve_features"
_UNITS = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}


def memory_shares(limit: str) -> tuple[str, str]:
    """Split a stage's memory limit between the workspace and the scratch database.

    A stage runs two DuckDB instances (workspace and Splink scratch) plus Python
    objects (the name caches, the union-find), so each database gets a share:
    a quarter for the workspace, half for Splink, a quarter left for Python.
    """
    text = limit.strip().upper().replace(" ", "")
    number = text.rstrip("KMGTIB")
    unit = text[len(number) :] or "B"
    try:
        total = float(number) * _UNITS.get(unit, 1.0)
    except ValueError:
        return limit, limit
    return f"{int(total / 4 / 2**20)}MiB", f"{int(total / 2 / 2**20)}MiB"


def define_macros(store: Store) -> None:
    for sql in MACROS:
        store.execute(sql, stage="resolve")


def quiet_splink() -> None:
    """Splink logs every step at INFO; the CLI shows its own progress instead."""
    for name in ("splink", "splink.internals"):
        logging.getLogger(name).setLevel(logging.ERROR)


@contextmanager
def scratch_store(threads: int | None = None, memory_limit: str | None = None) -> Iterator[Store]:
    """An in-memory store with the resolve macros defined, closed on exit.

    It spills to a private temporary folder when Splink's tables outgrow its
    memory share; the folder goes when the store closes (and, after a crash, when
    the next resolve starts: resolve/spill.py).
    """
    store = Store.memory()
    spill = new_spill_folder()
    try:
        # values are bound, never formatted into SQL: a quote in TMPDIR is just a quote
        store.execute("SET temp_directory = ?", [spill])
        if threads:
            store.execute("SET threads = ?", [int(threads)])
        if memory_limit:
            store.execute("SET memory_limit = ?", [memory_limit])
        store.execute("SET preserve_insertion_order = false")
        define_macros(store)
        yield store
    finally:
        store.close()
        shutil.rmtree(spill, ignore_errors=True)


def load_table(store: Store, name: str, table: pa.Table) -> None:
    """Copy an Arrow table into the scratch store as a real table."""
    store.register("_incoming", table)
    try:
        store.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming', table=name)
    finally:
        store.unregister("_incoming")


def new_linker(store: Store, settings: dict[str, Any] | str, table: str = FEATURES_TABLE) -> Any:
    """A Splink Linker over `table` in `store` (settings dict or a saved model JSON string)."""
    from splink import Linker

    quiet_splink()
    sdf = splink_db_api(store).register(table)
    model = json.loads(settings) if isinstance(settings, str) else settings
    linker = Linker(sdf, model, log_level=None, validate_settings=False)
    quiet_splink()
    return linker


def splink_db_api(store: Store) -> Any:
    """Splink's DuckDB backend on the store's connection."""
    from splink import DuckDBAPI

    return DuckDBAPI(connection=store.connection)


def _struct(fields: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"'{name}': {expr}" for name, expr in fields) + "}"


class DuckDBBackend:
    """resolve on one machine: features in the workspace, Splink in a scratch DuckDB."""

    name = "duckdb"

    def __init__(self, threads: int | None = None, memory_limit: str | None = None) -> None:
        self._scratch_cm = scratch_store(threads, memory_limit)
        self.scratch = self._scratch_cm.__enter__()
        self.features: pa.Table | None = None

    def build_features(self, store: Store, spec: ModelSpec, keyer: NameKeyer | None) -> int:
        return build_features(
            store,
            common_key_holders=spec.common_key_holders,
            fuzzy_key_max_records=spec.fuzzy_key_max_records,
            keyer=keyer,
        )

    def load_features(self, store: Store) -> int:
        self.use_features(store.query_arrow(f"SELECT * FROM {FEATURES_TABLE}"))
        return self.features.num_rows if self.features is not None else 0

    def use_features(self, features: pa.Table) -> None:
        """Splink's input from an Arrow table of feature rows."""
        self.features = features
        load_table(self.scratch, FEATURES_TABLE, features)

    def db_api(self) -> Any:
        return splink_db_api(self.scratch)

    def splink_settings(self, settings: dict[str, Any]) -> dict[str, Any]:
        return settings  # the comparisons are written in DuckDB's dialect

    def new_linker(self, settings: dict[str, Any]) -> Any:
        return new_linker(self.scratch, settings)

    def fetch_pairs(self, linker: Any, comparisons: list[str], floor: float) -> Scored:
        # query (fetch all), not scalar: an unfinished result would block Splink's next statement
        predictions, candidates = predict(
            linker,
            floor,
            lambda table: int(self.scratch.query(f"SELECT count(*) FROM {table}")[0][0]),
        )
        sql = pairs_sql(predictions.physical_name, comparisons, _struct)
        table = self.scratch.query_arrow(sql, stage="resolve", table="predictions")
        table = name_blocking_rules(table, blocking_names(linker))
        predictions.drop_table_from_database_and_remove_from_cache()
        return Scored(table, candidates)

    def cluster(
        self, store: Store, scored: Scored, threshold: float, decisions: list[Decision]
    ) -> Grouping:
        features = self.features
        if features is None:
            raise RuntimeError("load_features must run before cluster")
        return cluster_features(features, scored.pairs, threshold, decisions)

    def close(self) -> None:
        self._scratch_cm.__exit__(None, None, None)


def cluster_features(
    features: pa.Table, pairs: pa.Table, threshold: float, decisions: list[Decision]
) -> Grouping:
    """The records of FEATURES clustered on the PAIRS at or above THRESHOLD (components.py)."""
    ids = [str(r) for r in features.column("unique_id").to_pylist()]
    index = record_index(features.column("unique_id").combine_chunks())
    links = pair_links(index, pairs, floor=threshold)
    groups, result = cluster_arrays(ids, links, decisions, evidence=cluster_evidence(features))
    return Grouping(ids, groups, result)


def cluster_evidence(features: pa.Table) -> clustering.Evidence:
    """What clustering checks groups against: documents, full birth dates, sex."""
    return clustering.Evidence(
        documents=features.column("lifelong_doc").to_pylist(),
        birth_dates=features.column("dob_ymd").to_pylist(),
        sexes=features.column("sex").to_pylist(),
    )
