"""Clerical review: the uncertain pairs, the analysts' decisions, and their exchange as JSONL.

A decision names two record ids. Record ids are derived from the delivery's
own keys, so a decision survives a re-import of the same data, and every later
resolve obeys the latest decision on a pair ('same' forces a link, 'different'
forbids one, see clusters.py).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from borderlink.errors import NotFound, OptionError, SourceError
from borderlink.resolve.spec import load_spec
from borderlink.resolve.tables import ensure_resolve_tables, require_resolved
from borderlink.store import Store


class UncertainPair(BaseModel):
    record_a: str
    record_b: str
    match_probability: float
    linked: bool  # at or above the match threshold (same entity unless a decision split it)
    effect: int  # records whose entity a decision on this pair could change
    name_a: str | None
    name_b: str | None
    source_a: str
    source_b: str


class DecisionRecord(BaseModel):
    record_a: str
    record_b: str
    decision: Literal["same", "different", "possible_alias"]  # an alias: flagged, not merged
    reason: str
    decided_by: str
    decided_at: dt.datetime


_NAME = "coalesce(nullif(trim({p}.name), ''), concat_ws(' ', {p}.surname, {p}.given_names))"

UNCERTAIN_SQL = f"""
WITH sizes AS (SELECT entity_id, count(*) AS n FROM clusters GROUP BY entity_id),
decided AS (SELECT least(record_a, record_b) AS a, greatest(record_a, record_b) AS b
            FROM review_decisions)
SELECT m.record_a, m.record_b, m.match_probability,
  m.match_probability >= $match AS linked,
  CASE WHEN ca.entity_id = cb.entity_id THEN sa.n ELSE sa.n + sb.n END AS effect,
  {_NAME.format(p="pa")} AS name_a, {_NAME.format(p="pb")} AS name_b,
  pa.source AS source_a, pb.source AS source_b
FROM match_pairs m
JOIN clusters ca ON ca.record_id = m.record_a JOIN sizes sa ON sa.entity_id = ca.entity_id
JOIN clusters cb ON cb.record_id = m.record_b JOIN sizes sb ON sb.entity_id = cb.entity_id
JOIN person_records pa ON pa.record_id = m.record_a
JOIN person_records pb ON pb.record_id = m.record_b
WHERE m.match_probability >= $low AND m.match_probability < $high
  AND NOT EXISTS (SELECT 1 FROM decided d WHERE d.a = m.record_a AND d.b = m.record_b)
ORDER BY effect DESC, abs(m.match_probability - 0.5), m.record_a, m.record_b
LIMIT $limit"""


def uncertain_pairs(workspace: Path, *, limit: int = 50) -> tuple[list[UncertainPair], int]:
    """The undecided pairs in the review band, biggest effect first; and how many there are."""
    with Store.open(workspace, read_only=True) as store:
        return uncertain_in_store(store, limit=limit)


def uncertain_in_store(store: Store, *, limit: int = 50) -> tuple[list[UncertainPair], int]:
    """uncertain_pairs on an open store (the server reads through its own connection)."""
    t = load_spec().thresholds
    require_resolved(store)
    rows = store.query_dicts(
        UNCERTAIN_SQL,
        {"match": t.match, "low": t.review_low, "high": t.review_high, "limit": limit},
        stage="review",
        table="match_pairs",
    )
    total = store.count(
        "match_pairs",
        "match_probability >= ? AND match_probability < ?",
        [t.review_low, t.review_high],
    )
    return [UncertainPair(**r) for r in rows], total


def _who(by: str | None) -> str:
    if by and by.strip():
        return by.strip()
    return os.environ.get("USER") or getpass.getuser()


def _check_records(store: Store, ids: list[str]) -> None:
    if not store.table_exists("person_records"):
        raise NotFound("the workspace holds no person records; run 'borderlink ingest' first")
    found = {
        str(r[0])
        for r in store.query(
            "SELECT record_id FROM person_records WHERE record_id IN (SELECT unnest(?))", [ids]
        )
    }
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotFound(f"unknown record id {missing[0]}", record_id=missing[0])


def decide(
    workspace: Path, record_a: str, record_b: str, *, same: bool, reason: str, by: str | None = None
) -> DecisionRecord:
    """Store an analyst's decision on a pair; every later resolve obeys it."""
    if record_a == record_b:
        raise OptionError("a decision needs two different records")
    if not reason.strip():
        raise OptionError("a decision needs a reason (--reason TEXT)")
    decision = DecisionRecord(
        record_a=record_a,
        record_b=record_b,
        decision="same" if same else "different",
        reason=reason.strip(),
        decided_by=_who(by),
        decided_at=dt.datetime.now(dt.UTC),
    )
    with Store.open(workspace) as store:
        _check_records(store, [record_a, record_b])
        ensure_resolve_tables(store)
        _insert(store, [decision])
    return decision


def _insert(store: Store, decisions: list[DecisionRecord]) -> None:
    store.executemany(
        "INSERT INTO review_decisions VALUES (?, ?, ?, ?, ?, ?)",
        [
            [d.record_a, d.record_b, d.decision, d.reason, d.decided_by, d.decided_at]
            for d in decisions
        ],
        stage="review",
        table="review_decisions",
    )


def export_decisions(workspace: Path, out: Path) -> int:
    """Every decision, oldest first, as JSON Lines (with each record's source and key)."""
    with Store.open(workspace, read_only=True) as store:
        if not store.table_exists("review_decisions"):
            rows: list[dict[str, Any]] = []
        else:
            rows = store.query_dicts(
                "SELECT d.*, pa.source AS source_a, pa.record_key AS record_key_a, "
                "pb.source AS source_b, pb.record_key AS record_key_b FROM review_decisions d "
                "LEFT JOIN person_records pa ON pa.record_id = d.record_a "
                "LEFT JOIN person_records pb ON pb.record_id = d.record_b "
                "ORDER BY d.decided_at, d.record_a, d.record_b"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            row["decided_at"] = row["decided_at"].isoformat() if row["decided_at"] else None
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def import_decisions(workspace: Path, file: Path) -> tuple[int, int]:
    """Add the decisions of a JSONL file (skipping ones already held); (added, already held)."""
    if not file.is_file():
        raise SourceError(f"{file}: no such file")
    decisions: list[DecisionRecord] = []
    for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            decisions.append(DecisionRecord.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise SourceError(f"{file}: line {n}: {where}: {first['msg']}", line=n) from exc
    with Store.open(workspace) as store:
        ensure_resolve_tables(store)
        held = {
            (str(a), str(b), str(d), t.isoformat() if t else "")
            for a, b, d, t in store.query(
                "SELECT record_a, record_b, decision, decided_at FROM review_decisions"
            )
        }
        new = [
            d
            for d in decisions
            if (d.record_a, d.record_b, d.decision, d.decided_at.isoformat()) not in held
        ]
        with store.transaction():
            _insert(store, new)
    return len(new), len(decisions) - len(new)
