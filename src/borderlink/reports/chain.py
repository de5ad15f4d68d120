"""Chain relations between syndicates: which group hands people over to which.

One function, `syndicate_chain`, is the report's only source of these links, so it can
switch to a stored chain table once analyse writes one. Until then the hand-overs are
computed from tables every analysis has: a customer (a smuggled person) that two
syndicates both moved (`syndicate_customers`, relation `moved`) is evidence that one
passed them to the other. The direction follows the smuggling chain: a group based
further up the route (origin side: Yunnan, Guangxi) hands over to one based further
down (Guangdong, then Hong Kong); groups based in the same region are linked without
a direction.
"""

from __future__ import annotations

from pydantic import BaseModel

from borderlink.model.vocab import region_chain_stages
from borderlink.store import Store

# position of a base region along the chain, origin side first
CHAIN_ORDER = region_chain_stages()


class ChainLink(BaseModel):
    """Syndicate `upstream` hands people over to `downstream` (or works beside it)."""

    upstream: str
    downstream: str
    directed: bool  # False: same stage of the chain, no direction can be told
    shared_customers: int  # people both groups moved: the evidence
    upstream_base: str | None
    downstream_base: str | None


SHARED_SQL = """
SELECT a.syndicate_id AS s1, b.syndicate_id AS s2, count(DISTINCT a.entity_id) AS shared
FROM syndicate_customers a JOIN syndicate_customers b
  ON a.entity_id = b.entity_id AND a.syndicate_id < b.syndicate_id
WHERE coalesce(a.relation, 'moved') = 'moved' AND coalesce(b.relation, 'moved') = 'moved'
GROUP BY 1, 2 HAVING count(DISTINCT a.entity_id) >= ?
ORDER BY shared DESC, s1, s2
"""


def syndicate_chain(store: Store, min_shared: int = 1) -> list[ChainLink] | None:
    """Group-to-group hand-overs with their evidence; None when analyse has not run."""
    if not (store.table_exists("syndicate_customers") and store.table_exists("syndicates")):
        return None
    bases = dict(store.query("SELECT syndicate_id, base_region FROM syndicates"))
    links = []
    for s1, s2, shared in store.query(SHARED_SQL, [min_shared], stage="reports"):
        r1, r2 = CHAIN_ORDER.get(bases.get(s1) or "", 0), CHAIN_ORDER.get(bases.get(s2) or "", 0)
        up, down = (s2, s1) if r2 < r1 else (s1, s2)
        links.append(
            ChainLink(
                upstream=up,
                downstream=down,
                directed=bool(r1 and r2 and r1 != r2),
                shared_customers=int(shared),
                upstream_base=bases.get(up),
                downstream_base=bases.get(down),
            )
        )
    return links
