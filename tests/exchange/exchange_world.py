"""The resolve tests' hand-made person world, split by agency for exchange tests.

gd_psb's records go to one workspace, everyone else's to hk_police's, so an
import followed by resolve must link 陈志明 (gd_psb) to CHAN Chi-ming
(hk_police) across scripts.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "resolve"))

from person_world import Rec, world, write_records

SENDER, RECEIVER = "gd_psb", "hk_police"

# Extra gd_psb records: one with fields the agreement never releases, one migrant
# whose phone and ID number are withheld for her role.
EXTRA = [
    Rec(
        "X01",
        "gd_psb",
        "GDP-X1",
        dict(
            name="黄秀英",
            sex="F",
            role="migrant",
            phone="+8613900001111",
            id_type="passport",
            id_number="C7654321",
            address="广州市天河区秘密路1号",
            remarks="线人提供",
            case_no="GD2016-0001",
        ),
    ),
    Rec(
        "X02",
        "gd_psb",
        "GDP-X2",
        dict(
            name="林国强",
            role="organiser",
            case_no="GD2016-0001",
            address="深圳市某处",
            remarks="内部备注",
        ),
    ),
]


def split_world() -> tuple[list[Rec], list[Rec]]:
    recs = world()
    mine = [r for r in recs if r.source == SENDER] + EXTRA
    return mine, [r for r in recs if r.source != SENDER]


__all__ = ["EXTRA", "RECEIVER", "SENDER", "Rec", "split_world", "write_records"]
