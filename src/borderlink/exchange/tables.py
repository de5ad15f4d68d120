"""The exchange tables and marks, created from their model/schema declarations.

A workspace made before exchange existed lacks the mark columns on its record
tables; they are added (empty) here, so an old workspace can send and receive.
"""

from __future__ import annotations

from borderlink.audit.log import ensure_table as ensure_audit_table
from borderlink.model.loader import load_model
from borderlink.store import Store

PACKAGES = "exchange_packages"
ITEMS = "exchange_items"
REQUESTS = "exchange_requests"
MARKS = ("handling_code", "source_reliability", "information_grade")
MARKED_TABLES = ("person_records", "cases")


def ensure_exchange_tables(store: Store) -> None:
    model = load_model()
    for table in (PACKAGES, ITEMS, REQUESTS, *MARKED_TABLES):
        store.execute(model.by_table(table).ddl(), stage="exchange", table=table)
    for table in MARKED_TABLES:
        have = set(store.columns(table))
        for col in MARKS:
            if col not in have:
                store.execute(
                    f'ALTER TABLE "{table}" ADD COLUMN "{col}" VARCHAR',
                    stage="exchange",
                    table=table,
                )
    ensure_audit_table(store)
