"""Possible aliases against a generated world's truth (an `evaluate` section).

truth/aliases.csv pairs a person with the second identity he was booked under
(person_id, alias_person_id; both appear in truth/records.csv under their own ids).
A true pair is found when some row of alias_candidates joins a record of one to a
record of the other; precision is the share of rows that join such a pair.
"""

from __future__ import annotations

import csv
from pathlib import Path

from borderlink.resolve.aliases import ALIAS_TABLE
from borderlink.resolve.evaluate import EvaluationSection
from borderlink.store import Store


def read_alias_truth(truth_dir: Path) -> set[frozenset[str]]:
    """The true (person, second identity) pairs; empty when the truth has none."""
    path = truth_dir / "aliases.csv"
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {frozenset((r["person_id"], r["alias_person_id"])) for r in csv.DictReader(fh)}


def alias_section(
    store: Store, truth_dir: Path, labels: dict[str, str]
) -> EvaluationSection | None:
    """Alias-pair recall and precision, or None when the truth lists no aliases.

    `labels` is each labelled record's true person (record_id -> person_id).
    """
    truth = read_alias_truth(truth_dir)
    if not truth and not (truth_dir / "aliases.csv").is_file():
        return None
    rows = (
        store.query(f"SELECT record_a, record_b FROM {ALIAS_TABLE}")
        if store.table_exists(ALIAS_TABLE)
        else []
    )
    people = [(labels.get(str(a)), labels.get(str(b))) for a, b in rows]
    flagged = [frozenset((a, b)) for a, b in people if a is not None and b is not None]
    right = [p for p in flagged if p in truth]
    found = set(right)
    recall = len(found) / len(truth) if truth else 1.0
    precision = len(right) / len(rows) if rows else 1.0
    return EvaluationSection(
        title="Possible aliases (deceptive identities)",
        rows=[
            ("true alias pairs", f"{len(truth):,}"),
            ("pairs flagged", f"{len(rows):,}"),
            ("alias pair recall", f"{recall:.4f}"),
            ("alias pair precision", f"{precision:.4f}"),
        ],
    )
