"""Buffered inserts through Arrow: rows collect in Python lists and go in as one batch."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from borderlink.model.loader import RecordType
from borderlink.store import Store

_ARROW: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "JSON": pa.string(),
}

PROVENANCE_TYPES = {
    "record_id": "VARCHAR",
    "source": "VARCHAR",
    "file": "VARCHAR",
    "path": "VARCHAR",
    "record_key": "VARCHAR",
    "row_number": "BIGINT",
    "run_id": "VARCHAR",
    "file_sha256": "VARCHAR",
}


class TableWriter:
    """Collects records for one table and flushes them in batches of `batch` rows."""

    def __init__(self, store: Store | None, rt: RecordType, batch: int = 200_000) -> None:
        """Without a store (in a worker process) batches are kept in `tables` for the caller."""
        self.store, self.rt, self.batch = store, rt, batch
        self.tables: list[pa.Table] = []
        self.types = dict(PROVENANCE_TYPES) if rt.provenance else {}
        self.types.update({p.name: p.sql_type for p in rt.properties})
        self.columns = list(self.types)
        self.buffer: list[dict[str, Any]] = []
        self.written = 0

    def add(self, record: dict[str, Any]) -> None:
        self.buffer.append(record)
        if len(self.buffer) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        arrays = []
        for col in self.columns:
            sql_type = self.types[col]
            values = [r.get(col) for r in self.buffer]
            if sql_type == "JSON":
                values = [
                    v
                    if v is None or isinstance(v, str)
                    else json.dumps(v, default=str, ensure_ascii=False)
                    for v in values
                ]
            arrays.append(pa.array(values, type=_ARROW[sql_type]))
        table = pa.Table.from_arrays(arrays, names=self.columns)
        if self.store is None:
            self.tables.append(table)
        else:
            insert_arrow(self.store, self.rt.table, table)
        self.written += len(self.buffer)
        self.buffer = []


def insert_arrow(store: Store, table_name: str, table: pa.Table) -> None:
    """One INSERT ... SELECT from a registered Arrow table (no row-by-row inserts)."""
    view = f"_ingest_{table_name}"
    store.register(view, table)
    try:
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        store.execute(
            f'INSERT INTO "{table_name}" ({cols}) SELECT {cols} FROM {view}', table=table_name
        )
    finally:
        store.unregister(view)
