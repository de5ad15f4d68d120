"""Chain relations between syndicates, as the report shows them: read, never recomputed.

`analyse` writes the hand-overs to `syndicate_chain` (graph/chains.py: customers dealt
with by one group and then, within the window, by another, with the cases, dates and
calls that support it). The report reads that table through its reader, so the report,
`analyse` and `export chain` always show the same relations; it only adds each group's
base region for the reader.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from borderlink.graph.chains import CHAIN_TABLE, chain_relations
from borderlink.store import Store


class ChainLink(BaseModel):
    """Syndicate `upstream` handed people over to `downstream`."""

    upstream: str
    downstream: str
    customers: int  # people handed over: the evidence
    cases: int  # cases in which the two groups dealt with them
    first_seen: date | None
    last_seen: date | None
    calls_between: int  # calls between members of the two groups
    upstream_base: str | None
    downstream_base: str | None


def syndicate_chain(store: Store) -> list[ChainLink] | None:
    """The hand-overs of the latest analysis, strongest first; None when analyse has not run."""
    if not (store.table_exists(CHAIN_TABLE) and store.table_exists("syndicates")):
        return None
    bases = dict(store.query("SELECT syndicate_id, base_region FROM syndicates", stage="reports"))
    return [
        ChainLink(
            upstream=r.from_syndicate,
            downstream=r.to_syndicate,
            customers=r.customers,
            cases=len(r.cases),
            first_seen=r.first_seen,
            last_seen=r.last_seen,
            calls_between=r.calls_between,
            upstream_base=bases.get(r.from_syndicate),
            downstream_base=bases.get(r.to_syndicate),
        )
        for r in chain_relations(store)
    ]
