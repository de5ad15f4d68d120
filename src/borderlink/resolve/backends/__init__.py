"""The engines resolve runs on: DuckDB on one machine, Spark on a cluster (see protocol.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from borderlink.config import Settings
from borderlink.errors import ConfigError
from borderlink.resolve.backends.protocol import ENGINES, ResolveBackend


@contextmanager
def open_backend(
    engine: str, settings: Settings, workspace: Path, memory_limit: str
) -> Iterator[ResolveBackend]:
    """The backend for `engine`, closed on exit (`memory_limit`: DuckDB's scratch share)."""
    backend: ResolveBackend
    if engine == "duckdb":
        from borderlink.resolve.backends.duckdb import DuckDBBackend

        backend = DuckDBBackend(settings.threads, memory_limit)
    elif engine == "spark":
        from borderlink.resolve.backends.spark import SparkBackend

        backend = SparkBackend(settings, workspace)
    else:
        raise ConfigError(f"unknown engine '{engine}'; known: {', '.join(ENGINES)}", key="engine")
    try:
        yield backend
    finally:
        backend.close()
