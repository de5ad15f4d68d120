"""Cooperating groups along the chain: a recruiting group hands customers to a transport
group, which hands them to receivers in Hong Kong (the "industrial chain").

A chained syndicate keeps one Syndicate object for the events (its migrants flow through
all three stages), but its members belong to three groups with their own organisers;
a case arrests the members of one group only, and the groups talk only at hand-overs.
"""

from __future__ import annotations

from .syndicates import PersonFactory, Syndicate

RECRUITING = ("recruit", "entry_drv", "docs")
TRANSPORT = ("org", "gd_drv", "cox", "hk_drv", "recv_gd", "fin")
RECEIVING = ("recv_hk", "harb")


def can_chain(s: Syndicate) -> bool:
    return bool(s.stage("recruit") and s.stage("recv_hk") and (s.stage("cox") or s.stage("hk_drv")))


def split_chain(
    s: Syndicate, factory: PersonFactory, ids: tuple[str, str]
) -> list[tuple[str, str]]:
    """Give S's members to three groups (S's id for transport, IDS for the other two).

    Each of the recruiting and receiving groups gets an organiser of its own.
    Returns the hand-overs as (from group, to group).
    """
    rec_id, recv_id = ids
    transport_id = s.sid
    for stage, gid in [(x, rec_id) for x in RECRUITING] + [(x, recv_id) for x in RECEIVING]:
        for p in s.stage(stage):
            p.syndicate = gid
            s.groups[p.pid] = gid
    for stage in TRANSPORT:
        for p in s.stage(stage):
            s.groups.setdefault(p.pid, transport_id)
    recruiter = s.stage("recruit")[0]
    home = recruiter.home if recruiter.home in ("GX", "YN", "GD") else "GD"
    boss_a = factory.new("organiser", rec_id, "CHN", home)
    boss_c = factory.new("organiser", recv_id, "HKG", "HK")
    s.stages.setdefault("org", []).extend([boss_a, boss_c])
    s.groups[boss_a.pid] = rec_id
    s.groups[boss_c.pid] = recv_id
    return [(rec_id, transport_id), (transport_id, recv_id)]
