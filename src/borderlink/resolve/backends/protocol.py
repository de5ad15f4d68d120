"""What resolve asks of an engine: the seam between the pipeline and where Splink runs.

`resolve/run.py` drives every engine the same way (features, training,
scoring, clustering, writing); a backend only supplies the parts that depend
on where the data lives. DuckDB runs them beside the workspace on one machine;
Spark runs them on a cluster (or in local mode) and hands the results back.

The comparisons in settings/comparisons.yaml are written in borderlink's SQL
(DuckDB's dialect plus the `bl_*` functions); each backend makes them run on
its engine (DuckDB defines the functions as macros, Spark rewrites them into
its own dialect), so the model itself is the same on every engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa

from borderlink.resolve.clusters import Clustering, Decision
from borderlink.resolve.features import NameKeyer
from borderlink.resolve.spec import ModelSpec
from borderlink.store import Store

ENGINES = ("duckdb", "spark")

# The scored pair table every backend returns (also match_pairs' columns after the run id).
PAIR_COLUMNS = (
    "record_a",
    "record_b",
    "match_weight",
    "match_probability",
    "levels",
    "blocked_by",
)


@dataclass
class Scored:
    """Scored pairs at or above the floor and the number of candidate pairs.

    `location` is a Parquet dataset holding the same pairs where the engine keeps
    them outside the driver (Spark): clustering reads them there.
    """

    pairs: pa.Table  # PAIR_COLUMNS
    candidates: int
    location: Path | None = None


@dataclass
class Grouping:
    """Clusters as member index lists into `record_ids`, and what clustering counted."""

    record_ids: list[str]
    groups: list[list[int]]
    result: Clustering = field(default_factory=lambda: Clustering({}))


def training_errors() -> tuple[type[BaseException], ...]:
    """The errors a training step may end with on data it cannot learn from."""
    from splink.internals.exceptions import SplinkException

    return (SplinkException, ValueError, ZeroDivisionError)


class ResolveBackend(Protocol):
    """One engine for resolve (see the module docstring)."""

    name: str

    def build_features(self, store: Store, spec: ModelSpec, keyer: NameKeyer | None) -> int:
        """(Re)build resolve_features and name_keys in the workspace; the record count."""
        ...

    def load_features(self, store: Store) -> int:
        """Make the workspace's features Splink's input table; the record count."""
        ...

    def db_api(self) -> Any:
        """Splink's database API for this engine."""
        ...

    def splink_settings(self, settings: dict[str, Any]) -> dict[str, Any]:
        """Settings (or a saved model) with the comparisons' SQL as this engine runs it."""
        ...

    def new_linker(self, settings: dict[str, Any]) -> Any:
        """A Splink Linker over the loaded features."""
        ...

    def fetch_pairs(self, linker: Any, comparisons: list[str], floor: float) -> Scored:
        """Score the blocked pairs with `linker`; the pairs at or above `floor`."""
        ...

    def cluster(
        self, store: Store, scored: Scored, threshold: float, decisions: list[Decision]
    ) -> Grouping:
        """Links at `threshold` into clusters, obeying decisions and clashing evidence."""
        ...

    def close(self) -> None:
        """Release the engine's resources (scratch database, Spark session)."""
        ...
