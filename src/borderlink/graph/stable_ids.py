"""Syndicate ids that survive re-runs.

An analyst's notes say "SYN-0007"; a new delivery must not renumber the
syndicates. Each new community takes the id of the previous syndicate it
overlaps most (Jaccard >= a threshold), best matches first, one to one; the
rest get fresh ids after the highest ever issued.
"""

from __future__ import annotations

import re

PREFIX = "SYN-"


def jaccard(a: set[str], b: set[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _number(syndicate_id: str) -> int:
    match = re.fullmatch(rf"{PREFIX}(\d+)", syndicate_id)
    return int(match.group(1)) if match else 0


def assign_stable_ids(
    groups: list[set[str]],
    previous: dict[str, set[str]],
    min_jaccard: float = 0.5,
    issued: int = 0,
) -> list[str]:
    """One id per group (same order); `issued` is the highest number handed out before."""
    pairs: list[tuple[float, int, str]] = []
    member_of: dict[str, list[str]] = {}
    for sid, members in previous.items():
        for m in members:
            member_of.setdefault(m, []).append(sid)
    for i, group in enumerate(groups):
        touched = {sid for m in group for sid in member_of.get(m, [])}
        for sid in touched:
            score = jaccard(group, previous[sid])
            if score >= min_jaccard:
                pairs.append((score, i, sid))
    ids: list[str | None] = [None] * len(groups)
    taken: set[str] = set()
    for _score, i, sid in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if ids[i] is None and sid not in taken:
            ids[i] = sid
            taken.add(sid)
    counter = max([issued, *(_number(s) for s in previous)])
    order = sorted(range(len(groups)), key=lambda i: (-len(groups[i]), min(groups[i], default="")))
    for i in order:
        if ids[i] is None:
            counter += 1
            ids[i] = f"{PREFIX}{counter:04d}"
    return [s for s in ids if s is not None]
