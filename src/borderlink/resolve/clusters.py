"""Records -> entities: links at the threshold, review decisions obeyed, stable entity ids.

Links are merged strongest first with a union-find. An analyst's 'same' is
merged before any scored link; a 'different' is a cannot-link: no merge may
put its two records in one entity, whatever path of links would join them (a
plain connected-components pass would re-join them through a third record).

A scored link is also refused when the two groups it would join hold
conflicting strong evidence, as one record with a slip cannot explain it:
different lifelong documents (valid resident IDs or HKIDs); full birth dates
each recorded alike by two or more records of its group, and different; or two
records, one in each group, that differ in both sex and full birth date. Links
are merged strongest first, so a weak link that chains two people through a
third record meets the evidence of both sides.

Entity ids carry over: each new cluster takes the id of the previous run's
entity it shares most records with (each old id used once), so an unchanged
cluster keeps its id; a cluster with no predecessor gets an id derived from its
smallest record id, which is the same on every workspace built from the same data.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Decision:
    record_a: str
    record_b: str
    same: bool


@dataclass
class Clustering:
    entity_of: dict[str, str]  # record_id -> entity_id
    linked_pairs: int = 0
    refused_links: int = 0  # scored links refused: a 'different' decision or clashing evidence
    conflicts: list[Decision] = field(default_factory=list)  # 'same' decisions that could not hold


@dataclass(frozen=True)
class Evidence:
    """Per record (aligned with record_ids), what no chain of links may contradict.

    document: a lifelong document (valid resident ID or HKID) or None;
    birth_date: the full (day-precise) birth date or None; sex or None;
    case: the case the record was booked in (source and case number) or None: two
    records of one case are two people, so no group may hold both.
    """

    documents: Sequence[str | None] = ()
    birth_dates: Sequence[str | None] = ()
    sexes: Sequence[str | None] = ()
    cases: Sequence[str | None] = ()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n
        self.cannot: dict[int, list[tuple[int, int]]] = {}
        self.documents: dict[int, frozenset[str]] = {}
        # A record's own date and sex; the group containers exist for merged groups only
        # (a million singletons would otherwise hold a million small objects).
        self.date_of: list[str | None] = [None] * n
        self.sex_of: list[str | None] = [None] * n
        self.dates: dict[int, Counter[str]] = {}  # full birth date -> records of the group
        self.sex_dates: dict[int, frozenset[tuple[str, str]]] = {}  # (sex, full date) seen
        self.case_of: list[str | None] = [None] * n
        self.case_sets: dict[int, frozenset[str]] = {}  # cases of a merged group

    def load(self, evidence: Evidence) -> None:
        for i, doc in enumerate(evidence.documents):
            if doc:
                self.documents[i] = frozenset((doc,))
        for i, date in enumerate(evidence.birth_dates):
            self.date_of[i] = date or None
        for i, sex in enumerate(evidence.sexes):
            self.sex_of[i] = sex or None
        for i, case in enumerate(evidence.cases):
            self.case_of[i] = case or None

    def _cases(self, root: int) -> frozenset[str]:
        got = self.case_sets.get(root)
        if got is not None:
            return got
        case = self.case_of[root]
        return frozenset((case,)) if case else frozenset()

    def cases_clash(self, ra: int, rb: int) -> bool:
        """Both groups hold a record of one case: two people booked together."""
        ca, cb = self._cases(ra), self._cases(rb)
        return bool(ca and cb and not ca.isdisjoint(cb))

    def _dates(self, root: int) -> Counter[str]:
        got = self.dates.get(root)
        if got is not None:
            return got
        date = self.date_of[root]
        return Counter((date,)) if date else Counter()

    def _sex_dates(self, root: int) -> frozenset[tuple[str, str]]:
        got = self.sex_dates.get(root)
        if got is not None:
            return got
        date, sex = self.date_of[root], self.sex_of[root]
        return frozenset(((sex, date),)) if date and sex else frozenset()

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

    def dates_clash(self, ra: int, rb: int) -> bool:
        """Each group confirms its own full birth date twice, and they differ."""
        if ra not in self.dates or rb not in self.dates:
            return False  # a single record confirms nothing
        ca = {d for d, n in self.dates[ra].items() if n >= 2}
        cb = {d for d, n in self.dates[rb].items() if n >= 2}
        return bool(ca and cb and ca.isdisjoint(cb))

    def sex_and_date_clash(self, ra: int, rb: int) -> bool:
        """A record of each group differs from the other in both sex and full birth date."""
        sa, sb = self._sex_dates(ra), self._sex_dates(rb)
        return any(x[0] != y[0] and x[1] != y[1] for x in sa for y in sb)

    def clash(self, ra: int, rb: int) -> bool:
        return (
            self.documents_clash(ra, rb)
            or self.dates_clash(ra, rb)
            or self.sex_and_date_clash(ra, rb)
            or self.cases_clash(ra, rb)
        )

    def union(self, a: int, b: int, *, decided: bool = False) -> bool | None:
        """Merge; True if merged, False if already together, None if forbidden.

        Only an analyst's decision may merge two groups whose strong evidence clashes.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.forbidden(ra, rb) or (not decided and self.clash(ra, rb)):
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
        dates = self._dates(ra) + self._dates(rb)
        self.dates.pop(rb, None)
        if dates:
            self.dates[ra] = dates
        seen = self._sex_dates(ra) | self._sex_dates(rb)
        self.sex_dates.pop(rb, None)
        if seen:
            self.sex_dates[ra] = seen
        cases = self._cases(ra) | self._cases(rb)
        self.case_sets.pop(rb, None)
        own = self.case_of[ra]
        if cases and not (len(cases) == 1 and own in cases):
            self.case_sets[ra] = cases
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
    evidence: Evidence | None = None,
) -> tuple[list[list[int]], Clustering]:
    """Member index lists per cluster and the counts; `links` are (a, b, probability).

    `documents` (aligned with record_ids) holds each record's lifelong document
    (a valid resident ID or HKID) or None: two groups holding different ones
    are different people, so no chain of links may join them. `evidence` adds
    birth dates and sexes (see the module docstring); `documents`, if given,
    replaces its documents.
    """
    index = {rid: i for i, rid in enumerate(record_ids)}
    uf = _UnionFind(len(record_ids))
    evidence = evidence or Evidence()
    if documents:
        evidence = replace(evidence, documents=documents)
    uf.load(evidence)
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
    smallest = [record_ids[g[0]] if len(g) == 1 else min(record_ids[i] for i in g) for g in groups]
    for gi, members in enumerate(groups):
        if len(members) == 1:  # most clusters: no counting needed
            old = previous.get(smallest[gi])
            if old is not None:
                overlaps.append((-1, smallest[gi], old, gi))
            continue
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
