"""Resolution quality against a generated world's truth, beside a plain Splink baseline.

Pairs are counted from cluster sizes (never enumerated), so the measure is
cheap at a million records. The baseline is trained and scored in the same run
on the same feature rows, with names compared as written (settings/baseline.yaml),
so the difference is the name keys alone. Later stages add their own sections
through `SECTION_HOOKS` and the CLI prints whatever sections it receives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from pydantic import BaseModel

from borderlink.errors import SourceError
from borderlink.resolve import clusters as clustering
from borderlink.resolve.backends.duckdb import FEATURES_TABLE, memory_shares
from borderlink.resolve.spec import load_spec
from borderlink.resolve.tables import require_resolved
from borderlink.store import Store

if TYPE_CHECKING:
    from borderlink.config import Settings


class SourcePairRecall(BaseModel):
    source_a: str
    source_b: str
    true_pairs: int
    found: int
    recall: float


class PairMetrics(BaseModel):
    records: int
    true_people: int
    entities: int
    true_pairs: int
    predicted_pairs: int
    true_positive: int
    precision: float
    recall: float
    f1: float
    cross_source_true_pairs: int
    cross_source_found: int
    cross_source_recall: float
    per_source_pair: list[SourcePairRecall]


class EvaluationSection(BaseModel):
    title: str
    rows: list[tuple[str, str]]


class Evaluation(BaseModel):
    truth_dir: str
    records_in_truth: int
    records_matched: int
    resolve: PairMetrics
    baseline: PairMetrics | None
    sections: list[EvaluationSection] = []


# (store, truth folder, record_id -> true person_id of the records the truth labels)
SectionHook = Callable[[Store, Path, dict[str, str]], EvaluationSection | None]
SECTION_HOOKS: list[SectionHook] = []


def _builtin_hooks() -> list[SectionHook]:
    """resolve's own extra sections (imported here: they import this module)."""
    from borderlink.resolve.alias_evaluate import alias_section

    return [alias_section]


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def read_truth(truth_dir: Path) -> pa.Table:
    import csv

    path = Path(truth_dir) / "records.csv"
    if not path.is_file():
        raise SourceError(f"{path}: no truth file (expected truth/records.csv)")
    cols: dict[str, list[str]] = {"source": [], "file": [], "record_key": [], "person_id": []}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in cols if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceError(f"{path}: missing column(s) {', '.join(missing)}")
        for row in reader:
            for c in cols:
                cols[c].append(row[c])
    return pa.table({c: pa.array(v, pa.string()) for c, v in cols.items()})


# Records of the workspace with their true person (by source, file and record key).
_LABELLED_SQL = """
CREATE OR REPLACE TEMP TABLE _labelled AS
SELECT p.record_id, p.source, t.person_id
FROM person_records p
JOIN (SELECT DISTINCT source, file, record_key, person_id FROM _truth) t
  ON t.source = p.source AND t.file = p.file AND t.record_key = p.record_key"""

_COUNTS_SQL = """
WITH x AS (SELECT l.person_id, a.entity_id, l.source FROM _labelled l
           JOIN _assign a ON a.record_id = l.record_id),
pe AS (SELECT person_id, entity_id, count(*) AS n FROM x GROUP BY ALL),
pes AS (SELECT person_id, entity_id, source, count(*) AS n FROM x GROUP BY ALL),
p AS (SELECT person_id, count(*) AS n FROM x GROUP BY ALL),
ps AS (SELECT person_id, source, count(*) AS n FROM x GROUP BY ALL),
e AS (SELECT entity_id, count(*) AS n FROM x GROUP BY ALL)
SELECT
  (SELECT count(*) FROM x) AS records,
  (SELECT count(*) FROM p) AS true_people,
  (SELECT count(*) FROM e) AS entities,
  (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM p) AS true_pairs,
  (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM e) AS predicted_pairs,
  (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM pe) AS true_positive,
  (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM ps) AS same_source_true,
  (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM pes) AS same_source_found"""

# Per source pair: true pairs from (person, source) counts, found from (person, entity, source).
_PER_SOURCE_SQL = """
WITH x AS (SELECT l.person_id, a.entity_id, l.source FROM _labelled l
           JOIN _assign a ON a.record_id = l.record_id),
{grp} AS (SELECT {keys}, source, count(*) AS n FROM x GROUP BY ALL)
SELECT a.source AS source_a, b.source AS source_b,
  sum(CASE WHEN a.source = b.source THEN a.n * (a.n - 1) / 2 ELSE a.n * b.n END) AS pairs
FROM {grp} a JOIN {grp} b ON {join} AND a.source <= b.source
GROUP BY ALL"""


def _per_source(store: Store) -> list[SourcePairRecall]:
    def pairs(grp: str, keys: str, join: str) -> dict[tuple[str, str], int]:
        sql = _PER_SOURCE_SQL.format(grp=grp, keys=keys, join=join)
        return {(str(a), str(b)): int(n) for a, b, n in store.query(sql)}

    true = pairs("g", "person_id", "a.person_id = b.person_id")
    found = pairs(
        "g", "person_id, entity_id", "a.person_id = b.person_id AND a.entity_id = b.entity_id"
    )
    return [
        SourcePairRecall(
            source_a=a,
            source_b=b,
            true_pairs=n,
            found=found.get((a, b), 0),
            recall=_ratio(found.get((a, b), 0), n),
        )
        for (a, b), n in sorted(true.items())
        if n > 0
    ]


def pair_metrics(store: Store, assignment: pa.Table) -> PairMetrics:
    """Metrics of one record -> entity assignment (a table record_id, entity_id)."""
    store.register("_assign", assignment)
    try:
        c = store.query_dicts(_COUNTS_SQL, stage="evaluate", table="_labelled")[0]
        per_source = _per_source(store)
    finally:
        store.unregister("_assign")
    tp, pred, true = int(c["true_positive"]), int(c["predicted_pairs"]), int(c["true_pairs"])
    precision, recall = _ratio(tp, pred), _ratio(tp, true)
    cross_true = true - int(c["same_source_true"])
    cross_found = tp - int(c["same_source_found"])
    return PairMetrics(
        records=int(c["records"]),
        true_people=int(c["true_people"]),
        entities=int(c["entities"]),
        true_pairs=true,
        predicted_pairs=pred,
        true_positive=tp,
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        cross_source_true_pairs=cross_true,
        cross_source_found=cross_found,
        cross_source_recall=_ratio(cross_found, cross_true),
        per_source_pair=per_source,
    )


def baseline_assignment(
    features: pa.Table, *, threads: int, memory_limit: str, notes: list[str]
) -> pa.Table:
    """Plain Splink (names as written) trained, scored and clustered on the same features."""
    from borderlink.resolve.run import train_and_score

    spec = load_spec("baseline")
    _, pairs, _ = train_and_score(
        features, spec, threads=threads, memory_limit=memory_limit, notes=notes
    )
    ids = [str(r) for r in features.column("unique_id").to_pylist()]
    prob = pairs.column("match_probability").to_pylist()
    links = [
        (a, b, p)
        for a, b, p in zip(
            pairs.column("record_a").to_pylist(),
            pairs.column("record_b").to_pylist(),
            prob,
            strict=True,
        )
        if p is not None and p >= spec.thresholds.match
    ]
    groups, _ = clustering.cluster(ids, links)
    entity_of = {ids[i]: ids[g[0]] for g in groups for i in g}
    return pa.table({"record_id": list(entity_of.keys()), "entity_id": list(entity_of.values())})


def evaluate_workspace(
    workspace: Path,
    truth_dir: Path,
    *,
    baseline: bool = True,
    notes: list[str] | None = None,
    settings: Settings | None = None,
) -> Evaluation:
    """Pair precision/recall/F1 (overall, across sources, per source pair) and the baseline."""
    from borderlink.config import settings_for_run

    settings = settings_for_run(settings, Path(workspace))
    truth = read_truth(truth_dir)
    notes = notes if notes is not None else []
    with Store.open(workspace) as store:
        run = require_resolved(store)
        store.register("_truth", truth)
        try:
            store.execute(_LABELLED_SQL, stage="evaluate", table="_labelled")
        finally:
            store.unregister("_truth")
        ours = store.query_arrow(
            "SELECT record_id, entity_id FROM clusters WHERE resolve_run_id = ?", [run]
        )
        result: dict[str, Any] = {
            "truth_dir": str(truth_dir),
            "records_in_truth": truth.num_rows,
            "records_matched": store.count("_labelled"),
            "resolve": pair_metrics(store, ours),
            "baseline": None,
        }
        if baseline:
            features = store.query_arrow(f"SELECT * FROM {FEATURES_TABLE}")
            assignment = baseline_assignment(
                features,
                threads=settings.threads,
                memory_limit=memory_shares(settings.memory_limit)[1],
                notes=notes,
            )
            result["baseline"] = pair_metrics(store, assignment)
        hooks = [*_builtin_hooks(), *SECTION_HOOKS]
        labels = {
            str(r): str(p) for r, p in store.query("SELECT record_id, person_id FROM _labelled")
        }
        sections = [s for hook in hooks if (s := hook(store, Path(truth_dir), labels))]
        store.execute("DROP TABLE IF EXISTS _labelled")
    return Evaluation(**result, sections=sections)
