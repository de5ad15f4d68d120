"""Possible aliases: one facilitator arrested under two identities (`alias_candidates`).

A smuggler booked under a second identity gives another given name and another ID
number, and often a birth date moved by months; the resolver rightly keeps such
records apart, since names and documents disagree. What stays the same is what he
cannot change as easily: his phones, his surname, the people he works with. Two
entities that share a phone and a surname, were born within a year of each other (or
give no date), and were never arrested in the same case are listed here with that
evidence, for an analyst to decide (`review`, `explain`, `export aliases`). Nothing is
merged here: a decision 'same' on the pair merges them on the next resolve.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from borderlink.csv_export import write_csv
from borderlink.model.tables import fill_table
from borderlink.resolve.backends.duckdb import FEATURES_TABLE
from borderlink.resolve.tables import require_resolved
from borderlink.store import Store

ALIAS_TABLE = "alias_candidates"
EXPORT_COLUMNS = (
    "source_a",
    "file_a",
    "record_key_a",
    "source_b",
    "file_b",
    "record_key_b",
    "score",
    "evidence",
)
# Phones held by more entities than this are shared lines (a hostel, a boss's number
# given by many), not one person's.
MAX_PHONE_HOLDERS = 3

ALIAS_SQL = f"""
WITH rec AS (  -- facilitators' records (a migrant's or employer's phone is no alias evidence)
  SELECT p.record_id, p.case_no, c.entity_id, f.phone, f.dob, f.dob_precision,
         coalesce(f.id_kind, 'id') || ':' || f.id_number AS doc,
         f.name_keys, p.source, p.row_number
  FROM person_records p
  JOIN {FEATURES_TABLE} f ON f.unique_id = p.record_id
  JOIN clusters c ON c.record_id = p.record_id AND c.resolve_run_id = $run
  WHERE p.role IS NOT NULL AND p.role NOT IN ('migrant', 'employer') AND p.migrant_kind IS NULL
),
holders AS (
  SELECT phone FROM rec WHERE phone IS NOT NULL GROUP BY phone
  HAVING count(DISTINCT entity_id) BETWEEN 2 AND {MAX_PHONE_HOLDERS}
),
ent AS (
  SELECT entity_id,
    list(DISTINCT phone) FILTER (WHERE phone IS NOT NULL) AS phones,
    list(DISTINCT split_part(k.key, '|', 1)) FILTER (WHERE k.key IS NOT NULL) AS surnames,
    list(DISTINCT k.key) FILTER (WHERE k.key IS NOT NULL) AS keys,
    list(DISTINCT dob) FILTER (WHERE dob_precision IN ('day', 'month')) AS dobs,
    list(DISTINCT doc) FILTER (WHERE doc IS NOT NULL) AS docs,
    list(DISTINCT case_no) FILTER (WHERE case_no IS NOT NULL) AS cases,
    arg_min(record_id, (source, row_number)) AS first_record
  FROM (SELECT r.*, unnest(CASE WHEN len(r.name_keys) = 0 THEN [NULL] ELSE r.name_keys END)
               AS key FROM rec r) k
  GROUP BY entity_id
),
pairs AS (
  SELECT a.entity_id AS ea, b.entity_id AS eb, list(DISTINCT a.phone) AS phones,
         arg_min(a.record_id, a.record_id) AS ra, arg_min(b.record_id, b.record_id) AS rb
  FROM rec a JOIN rec b ON a.phone = b.phone AND a.entity_id < b.entity_id
  WHERE a.phone IN (SELECT phone FROM holders)
  GROUP BY ALL
),
partners AS (  -- facilitators arrested with each entity
  SELECT DISTINCT a.entity_id, b.entity_id AS partner FROM rec a
  JOIN rec b ON a.case_no = b.case_no AND a.entity_id <> b.entity_id
),
scored AS (
  SELECT p.*, x.surnames AS sur_a, y.surnames AS sur_b,
    list_has_any(x.surnames, y.surnames) AS same_surname,
    list_has_any(x.keys, y.keys) AS same_name,
    list_has_any(x.cases, y.cases) AS same_case,
    CASE WHEN len(x.docs) > 0 AND len(y.docs) > 0 AND NOT list_has_any(x.docs, y.docs)
         THEN true ELSE false END AS ids_differ,
    (SELECT min(abs(date_diff('day', da, db))) FROM unnest(x.dobs) t1(da), unnest(y.dobs) t2(db))
      AS dob_gap_days,
    (SELECT count(*) FROM partners pa JOIN partners pb ON pa.partner = pb.partner
     WHERE pa.entity_id = p.ea AND pb.entity_id = p.eb) AS shared_partners
  FROM pairs p JOIN ent x ON x.entity_id = p.ea JOIN ent y ON y.entity_id = p.eb
)
SELECT ea AS entity_a, eb AS entity_b, ra AS record_a, rb AS record_b,
  round(least(1.0, 0.35 + 0.15 * least(len(phones) - 1, 1) + 0.25
        + CASE WHEN dob_gap_days IS NULL THEN 0.05 ELSE 0.15 END
        + CASE WHEN ids_differ THEN 0.05 ELSE 0.0 END
        + CASE WHEN shared_partners > 0 THEN 0.1 ELSE 0.0 END), 3) AS score,
  json_object('phones', phones, 'same_surname', same_surname, 'dob_gap_days', dob_gap_days,
              'ids_differ', ids_differ, 'shared_partners', shared_partners) AS evidence,
  $run AS resolve_run_id
FROM scored
WHERE same_surname AND NOT same_name AND NOT same_case
  AND (dob_gap_days IS NULL OR dob_gap_days <= 366)
ORDER BY score DESC, entity_a, entity_b
"""


class AliasPair(BaseModel):
    """One possible alias, with the records an analyst can open and the evidence."""

    entity_a: str
    entity_b: str
    record_a: str
    record_b: str
    score: float
    evidence: dict[str, Any]


def build_aliases(store: Store, run_id: str) -> int:
    """Fill alias_candidates for resolve run RUN_ID; return the number of pairs."""
    fill_table(store, ALIAS_TABLE, ALIAS_SQL, {"run": run_id})
    return store.count(ALIAS_TABLE)


def alias_pairs(store: Store, limit: int | None = None) -> list[AliasPair]:
    """The possible aliases of the latest resolve, strongest first."""
    if not store.table_exists(ALIAS_TABLE):
        return []
    rows = store.query_dicts(
        f"SELECT entity_a, entity_b, record_a, record_b, score, evidence FROM {ALIAS_TABLE} "
        "ORDER BY score DESC, entity_a, entity_b" + (f" LIMIT {int(limit)}" if limit else ""),
        stage="review",
        table=ALIAS_TABLE,
    )
    for r in rows:
        r["evidence"] = json.loads(r["evidence"]) if isinstance(r["evidence"], str) else {}
    return [AliasPair(**r) for r in rows]


def workspace_aliases(workspace: Path) -> list[AliasPair]:
    """alias_pairs on a workspace opened read-only (what `review` lists)."""
    with Store.open(workspace, read_only=True) as store:
        require_resolved(store)
        return alias_pairs(store)


def alias_between(store: Store, record_a: str, record_b: str) -> AliasPair | None:
    """The possible-alias entry covering two records' entities, if there is one."""
    if not store.table_exists(ALIAS_TABLE):
        return None
    row = store.query(
        f"""SELECT x.entity_a FROM {ALIAS_TABLE} x
        JOIN clusters ca ON ca.resolve_run_id = x.resolve_run_id AND ca.record_id = ?
        JOIN clusters cb ON cb.resolve_run_id = x.resolve_run_id AND cb.record_id = ?
        WHERE (x.entity_a = ca.entity_id AND x.entity_b = cb.entity_id)
           OR (x.entity_a = cb.entity_id AND x.entity_b = ca.entity_id)""",
        [record_a, record_b],
    )
    if not row:
        return None
    entity = str(row[0][0])
    return next((p for p in alias_pairs(store) if entity in (p.entity_a, p.entity_b)), None)


EXPORT_SQL = f"""
SELECT pa.source, pa.file, pa.record_key, pb.source, pb.file, pb.record_key, x.score,
       x.evidence
FROM {ALIAS_TABLE} x
JOIN person_records pa ON pa.record_id = x.record_a
JOIN person_records pb ON pb.record_id = x.record_b
ORDER BY x.score DESC, pa.source, pa.record_key, pb.source, pb.record_key"""


def export_aliases(workspace: Path, out: Path, *, excel: bool = False) -> int:
    """Write the possible aliases as CSV (columns EXPORT_COLUMNS); returns the row count."""
    with Store.open(workspace, read_only=True) as store:
        require_resolved(store)
        rows = store.query(EXPORT_SQL) if store.table_exists(ALIAS_TABLE) else []
    lines = []
    for row in rows:
        *keys, score, evidence = row
        text = evidence if isinstance(evidence, str) else json.dumps(evidence)
        lines.append([*keys, f"{float(score):.3f}", text])
    write_csv(out, EXPORT_COLUMNS, lines, excel=excel)
    return len(rows)
