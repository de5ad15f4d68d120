"""Records -> entities: links at the threshold, review decisions obeyed, stable entity ids.

Links are merged strongest first with a union-find. An analyst's 'same' is
merged before any scored link; a 'different' is a cannot-link: no merge may
put its two records in one entity, whatever path of links would join them (a
plain connected-components pass would re-join them through a third record).

Entity ids carry over: each new cluster takes the id of the previous run's
entity it shares most records with (each old id used once), so an unchanged
cluster keeps its id; a cluster with no predecessor gets an id derived from its
smallest record id, which is the same on every workspace built from the same data.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Decision:
    record_a: str
    record_b: str
    same: bool


@dataclass
class Clustering:
    entity_of: dict[str, str]  # record_id -> entity_id
    linked_pairs: int = 0
    refused_links: int = 0  # scored links refused because a 'different' decision forbids them
    conflicts: list[Decision] = field(default_factory=list)  # 'same' decisions that could not hold


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n
        self.cannot: dict[int, list[tuple[int, int]]] = {}
        self.documents: dict[int, frozenset[str]] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def forbidden(self, ra: int, rb: int) -> bool:
        ca, cb = self.cannot.get(ra), self.cannot.get(rb)
        if not ca or not cb:
            return False
        for x, y in ca if len(ca) <= len(cb) else cb:
            fx, fy = self.find(x), self.find(y)
            if (fx == ra and fy == rb) or (fx == rb and fy == ra):
                return True
        return False

    def documents_clash(self, ra: int, rb: int) -> bool:
        da, db = self.documents.get(ra), self.documents.get(rb)
        return bool(da and db and da.isdisjoint(db))

    def union(self, a: int, b: int, *, decided: bool = False) -> bool | None:
        """Merge; True if merged, False if already together, None if forbidden.

        Only an analyst's decision may merge two groups whose lifelong documents differ.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.forbidden(ra, rb) or (not decided and self.documents_clash(ra, rb)):
            return None
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        moved = self.cannot.pop(rb, None)
        if moved:
            self.cannot.setdefault(ra, []).extend(moved)
        docs = self.documents.pop(rb, None)
        if docs:
            self.documents[ra] = self.documents.get(ra, frozenset()) | docs
        return True


def latest_decisions(rows: Iterable[tuple[str, str, str]]) -> list[Decision]:
    """One decision per unordered pair: rows come oldest first, the last one wins."""
    by_pair: dict[tuple[str, str], Decision] = {}
    for a, b, decision in rows:
        lo, hi = sorted((a, b))
        by_pair[(lo, hi)] = Decision(lo, hi, decision == "same")
    return list(by_pair.values())


def cluster(
    record_ids: Sequence[str],
    links: Iterable[tuple[str, str, float]],
    decisions: Sequence[Decision] = (),
    documents: Sequence[str | None] | None = None,
) -> tuple[list[list[int]], Clustering]:
    """Member index lists per cluster and the counts; `links` are (a, b, probability).

    `documents` (aligned with record_ids) holds each record's lifelong document
    (a valid resident ID or HKID) or None: two groups holding different ones
    are different people, so no chain of links may join them.
    """
    index = {rid: i for i, rid in enumerate(record_ids)}
    uf = _UnionFind(len(record_ids))
    for i, doc in enumerate(documents or ()):
        if doc:
            uf.documents[i] = frozenset((doc,))
    different = {(d.record_a, d.record_b) for d in decisions if not d.same}
    for d in decisions:
        if not d.same and d.record_a in index and d.record_b in index:
            pair = (index[d.record_a], index[d.record_b])
            for i in pair:
                uf.cannot.setdefault(i, []).append(pair)
    result = Clustering({})
    for d in decisions:
        if not (d.same and d.record_a in index and d.record_b in index):
            continue
        if uf.union(index[d.record_a], index[d.record_b], decided=True) is None:
            result.conflicts.append(d)
    for a, b, _ in sorted(links, key=lambda link: -link[2]):
        if (min(a, b), max(a, b)) in different or a not in index or b not in index:
            continue
        merged = uf.union(index[a], index[b])
        if merged is None:
            result.refused_links += 1
        elif merged:
            result.linked_pairs += 1
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(record_ids)):
        groups[uf.find(i)].append(i)
    return list(groups.values()), result


def derived_entity_id(record_id: str, salt: int = 0) -> str:
    text = record_id if salt == 0 else f"{record_id}#{salt}"
    return "E" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def assign_ids(
    record_ids: Sequence[str], groups: list[list[int]], previous: dict[str, str]
) -> dict[str, str]:
    """record_id -> entity_id, carrying previous ids over by largest overlap."""
    overlaps: list[tuple[int, str, str, int]] = []  # (-overlap, smallest record, old id, group)
    smallest = [min(record_ids[i] for i in g) for g in groups]
    for gi, members in enumerate(groups):
        counts: dict[str, int] = defaultdict(int)
        for i in members:
            old = previous.get(record_ids[i])
            if old is not None:
                counts[old] += 1
        overlaps.extend((-n, smallest[gi], old, gi) for old, n in counts.items())
    chosen: dict[int, str] = {}
    used: set[str] = set()
    for _, _, old, gi in sorted(overlaps):
        if gi not in chosen and old not in used:
            chosen[gi] = old
            used.add(old)
    used |= set(previous.values())
    out: dict[str, str] = {}
    for gi, members in enumerate(groups):
        entity = chosen.get(gi)
        if entity is None:
            salt = 0
            entity = derived_entity_id(smallest[gi])
            while entity in used:
                salt += 1
                entity = derived_entity_id(smallest[gi], salt)
            used.add(entity)
        for i in members:
            out[record_ids[i]] = entity
    return out
