"""How well the analysis matches a generated world's truth.

Each true person is mapped to the entity that holds most of their records
(truth/records.csv -> person_records -> clusters), and is judged by that
entity's syndicate and role: resolution errors count against the graph, as
they would for an analyst reading it.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, Field

from borderlink.errors import NotFound, SourceError
from borderlink.graph.rules import role_rules
from borderlink.store import Store


class GraphEvaluation(BaseModel):
    syndicate_ari: float
    syndicate_members_scored: int
    migrants_in_syndicates: float
    migrants_scored: int
    role_f1: dict[str, float] = Field(default_factory=dict)
    role_macro_f1: float = 0.0
    people_scored: int = 0
    people_unmatched: int = 0


def adjusted_rand_index(truth: list[str], predicted: list[str]) -> float:
    """Hubert-Arabie ARI from the contingency table (1.0 for identical partitions)."""
    n = len(truth)
    if n < 2:
        return 1.0
    pairs = Counter(zip(truth, predicted, strict=True))
    sum_cells = sum(comb(v, 2) for v in pairs.values())
    sum_a = sum(comb(v, 2) for v in Counter(truth).values())
    sum_b = sum(comb(v, 2) for v in Counter(predicted).values())
    expected = sum_a * sum_b / comb(n, 2)
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return (sum_cells - expected) / (maximum - expected)


def f1_per_label(truth: list[str], predicted: list[str], labels: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, predicted, strict=True) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p != label)
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return out


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SourceError(f"truth file missing: {path}", file=str(path))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


ENTITY_SQL = """
SELECT t.person_id, coalesce(c.entity_id, 'rec:' || p.record_id) AS entity_id, count(*) AS n
FROM truth_records t
JOIN person_records p ON p.source = t.source AND p.file = t.file AND p.record_key = t.record_key
LEFT JOIN clusters c ON c.record_id = p.record_id AND c.resolve_run_id = $run
GROUP BY ALL
"""


def evaluate_graph(store: Store, truth_dir: Path) -> GraphEvaluation:
    """Syndicate ARI, migrants placed in syndicates, per-role and macro F1."""
    if not store.table_exists("entity_roles"):
        raise NotFound("no analysis in this workspace: run 'borderlink analyse' first")
    truth_dir = Path(truth_dir)
    records = pd.DataFrame(
        _read_csv(truth_dir / "records.csv"), columns=["source", "file", "record_key", "person_id"]
    )
    people = _read_csv(truth_dir / "people.csv")
    store.query("SELECT 1")
    store.register("truth_records", records)
    run = store.scalar("SELECT resolve_run_id FROM analyse_runs ORDER BY finished_at DESC LIMIT 1")
    sql = ENTITY_SQL
    if not store.table_exists("clusters"):
        sql = sql.replace(
            "LEFT JOIN clusters c ON c.record_id = p.record_id AND c.resolve_run_id = $run",
            "LEFT JOIN (SELECT NULL::VARCHAR AS entity_id) c ON false",
        )
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for person, entity, n in store.query(sql, {"run": run} if "$run" in sql else None):
        votes[person][entity] += int(n)
    store.unregister("truth_records")
    entity_of = {p: c.most_common(1)[0][0] for p, c in votes.items()}
    syndicate = dict(store.query("SELECT entity_id, syndicate_id FROM syndicate_members"))
    role = dict(store.query("SELECT entity_id, role FROM entity_roles"))
    true_sid, pred_sid, true_role, pred_role = [], [], [], []
    migrants = placed = unmatched = 0
    for person in people:
        entity = entity_of.get(person["person_id"])
        if entity is None:
            unmatched += 1
            continue
        if person.get("syndicate_id"):
            true_sid.append(person["syndicate_id"])
            pred_sid.append(syndicate.get(entity) or f"none:{person['person_id']}")
        if person.get("role") == "migrant":
            migrants += 1
            placed += entity in syndicate
        true_role.append(person.get("role", ""))
        pred_role.append(role.get(entity, ""))
    f1 = f1_per_label(true_role, pred_role, role_rules().roles)
    present = [r for r in role_rules().roles if r in set(true_role)]
    return GraphEvaluation(
        syndicate_ari=round(adjusted_rand_index(true_sid, pred_sid), 4),
        syndicate_members_scored=len(true_sid),
        migrants_in_syndicates=round(placed / migrants, 4) if migrants else 0.0,
        migrants_scored=migrants,
        role_f1={r: round(v, 4) for r, v in f1.items()},
        role_macro_f1=round(sum(f1[r] for r in present) / len(present), 4) if present else 0.0,
        people_scored=len(true_role),
        people_unmatched=unmatched,
    )


def evaluate_workspace_graph(workspace: Path, truth_dir: Path) -> GraphEvaluation | None:
    """evaluate_graph on a workspace opened read-only; None when it was never analysed."""
    with Store.open(Path(workspace), read_only=True) as store:
        if not store.table_exists("entity_roles") or not store.table_exists("analyse_runs"):
            return None
        return evaluate_graph(store, truth_dir)
