"""Reading units in worker processes: the row transforms are pure Python, so on a
multi-core machine files are read side by side and only the inserts stay in the
one process that holds the workspace (DuckDB allows one writer).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import pyarrow as pa

from borderlink.ingest.delivery import Unit
from borderlink.ingest.orphans import die_with_parent
from borderlink.ingest.reading import UnitReader, open_source
from borderlink.ingest.writer import TableWriter
from borderlink.model.loader import load_model
from borderlink.sources.mapping import SourceMapping


@dataclass
class UnitResult:
    read: int
    imported: int
    quarantined: int
    tables: list[tuple[str, pa.Table]]
    absent_columns: list[str]


def read_unit(mapping: SourceMapping, unit: Unit, run_id: str, sha: str) -> UnitResult:
    """Read and transform one unit without touching the workspace; return Arrow batches."""
    writers = {rt.table: TableWriter(None, rt) for rt in load_model().tables("ingest")}
    reader = UnitReader(mapping, unit, open_source(unit), run_id, sha, writers, None)
    reader.run()
    tables: list[tuple[str, pa.Table]] = []
    for name, writer in writers.items():
        writer.flush()
        tables.extend((name, t) for t in writer.tables)
    return UnitResult(
        reader.read, reader.imported, reader.quarantined, tables, reader.absent_columns
    )


class UnitPool:
    """A small process pool (fork) for read_unit; None workers means read inline."""

    def __init__(self, workers: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )

    def submit(
        self, mapping: SourceMapping, unit: Unit, run_id: str, sha: str
    ) -> Future[UnitResult]:
        return self.pool.submit(read_unit, mapping, unit, run_id, sha)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
