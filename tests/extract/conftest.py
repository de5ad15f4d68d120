"""Shared fixtures: the gold report folder and a workspace ingested from real exports."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).parent / "gold"


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    """A delivery with a few gold reports, a binary and an empty report, and gd_psb records
    holding the case number and phone that zh10_shenzhen_case.txt names."""
    root = tmp_path / "export"
    reports = root / "reports"
    reports.mkdir(parents=True)
    for name in ("en01_joint_operation.txt", "zh06_gx_gb18030.txt", "zh10_shenzhen_case.txt"):
        shutil.copy(GOLD_DIR / name, reports / name)
    (reports / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (reports / "blank.md").write_text("   \n", encoding="utf-8")
    (reports / "minutes.txt").write_text(
        "Meeting notes: the team will meet again soon.\n", encoding="utf-8"
    )
    gd = root / "gd_psb"
    _write_csv(
        gd / "案件.csv",
        ["案件编号", "案件类别", "立案日期", "发案地点", "简要案情"],
        [["GD-2018-00873", "组织他人偷越国(边)境", "2018-09-01", "广东省深圳市宝安区", "…"]],
    )
    _write_csv(
        gd / "涉案人员.csv",
        [
            "案件编号",
            "人员编号",
            "姓名",
            "性别",
            "出生日期",
            "证件类型",
            "证件号码",
            "国籍",
            "手机号码",
            "涉案身份",
            "处理结果",
        ],
        [
            [
                "GD-2018-00873",
                "GDP-0000001",
                "陈某明",
                "男",
                "19760312",
                "无",
                "",
                "中国",
                "138 1234 5678",
                "组织者",
                "刑事拘留",
            ]
        ],
    )
    return root
