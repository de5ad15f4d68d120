"""Benchmark: ingest about 1,000,000 person rows across all sources; time and peak RSS.

Uses borderlink.synth.generate when it exists (scale chosen to reach the row
count); otherwise writes its own synthetic delivery in the agencies' formats.
Run: .venv/bin/python bench/bench_ingest.py [--rows 1000000] [--out /tmp/bench_ingest]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import time
from pathlib import Path

from openpyxl import Workbook

SHARES = {"gd_psb": 0.3, "gx_psb": 0.25, "yn_psb": 0.1, "hk_police": 0.2, "hk_immd": 0.15}
NATS = ["中国", "越南", "缅甸", "孟加拉国", "巴基斯坦", "印度", "尼泊尔", "斯里兰卡"]
ROLES = ["组织者", "运送者", "接应者", "偷渡人员", "非法就业人员", "非法居留人员"]
HK_ROLES = ["Illegal immigrant", "Snakehead", "Driver", "Coxswain", "Overstayer", "Employer"]


def _phone(rng: random.Random) -> str:
    return f"13{rng.randint(0, 9)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"


def _csv(path: Path, header: list[str], rows: object, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)  # type: ignore[arg-type]


def write_delivery(out: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    n = {k: int(rows * v) for k, v in SHARES.items()}
    _csv(
        out / "gd_psb" / "涉案人员.csv",
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
        (
            [
                f"GD-2017-{i // 4:06d}",
                f"GDP-{i:07d}",
                "陈志明",
                "男",
                f"19{rng.randint(50, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                "护照",
                f"E{rng.randint(1000000, 9999999)}",
                rng.choice(NATS),
                _phone(rng),
                rng.choice(ROLES),
                "遣返",
            ]
            for i in range(n["gd_psb"])
        ),
        "utf-8-sig",
    )
    _csv(
        out / "gd_psb" / "案件.csv",
        ["案件编号", "案件类别", "立案日期", "发案地点", "简要案情"],
        (
            [f"GD-2017-{i:06d}", "偷越国(边)境", "2017-03-05", "广东省深圳市", ""]
            for i in range(n["gd_psb"] // 4)
        ),
        "utf-8-sig",
    )
    _csv(
        out / "gx_psb" / "涉案人员登记.csv",
        [
            "案件编号",
            "案件类别",
            "立案时间",
            "发案地",
            "姓名",
            "性别",
            "出生日期",
            "证件号码",
            "国籍",
            "联系电话",
            "身份",
            "车辆号牌",
            "备注",
        ],
        (
            [
                f"GX-2018-{i // 3:06d}",
                "运送他人偷越国(边)境",
                "2018年3月5日",
                "广西东兴市",
                "阮氏梅",
                "女",
                f"19{rng.randint(50, 99)}年",
                "",
                "越南",
                _phone(rng),
                rng.choice(ROLES),
                "桂A·12345" if i % 5 == 0 else "",
                "",
            ]
            for i in range(n["gx_psb"])
        ),
        "gb18030",
    )
    wb = Workbook(write_only=True)
    cases, people = wb.create_sheet("案件"), wb.create_sheet("人员")
    cases.append(["编号", "类别", "日期", "地点"])
    people.append(
        ["案件编号", "姓名", "拼音", "性别", "出生年月", "国籍", "证件号码", "电话", "角色"]
    )
    for i in range(n["yn_psb"]):
        people.append(
            [
                f"YN-{i // 3:06d}",
                "昂山",
                "ang shan",
                "男",
                f"19{rng.randint(50, 99)}-{rng.randint(1, 12):02d}",
                "缅甸",
                f"MA{rng.randint(100000, 999999)}",
                _phone(rng),
                rng.choice(ROLES),
            ]
        )
    (out / "yn_psb").mkdir(parents=True, exist_ok=True)
    wb.save(out / "yn_psb" / "yn_export.xlsx")
    _csv(
        out / "hk_police" / "persons.csv",
        [
            "case_no",
            "person_ref",
            "name_en",
            "name_zh",
            "sex",
            "dob",
            "id_type",
            "id_no",
            "nationality",
            "phone",
            "role",
            "address",
        ],
        (
            [
                f"HKP-2018-{i // 3:06d}",
                f"P{i}",
                "NGUYEN Van Hung",
                "",
                "M",
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/19{rng.randint(50, 99)}",
                "Passport",
                f"C{rng.randint(1000000, 9999999)}",
                "Vietnam",
                f"9{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                rng.choice(HK_ROLES),
                "",
            ]
            for i in range(n["hk_police"])
        ),
        "utf-8",
    )
    (out / "hk_immd").mkdir(parents=True, exist_ok=True)
    with (out / "hk_immd" / "enforcement.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n["hk_immd"]):
            fh.write(
                json.dumps(
                    {
                        "record_id": f"IMMD-{i:08d}",
                        "event": "overstay",
                        "event_date": "2018-06-02",
                        "surname": "NGUYEN",
                        "given_names": "Van Hung",
                        "chinese_name": None,
                        "sex": "M",
                        "date_of_birth": "1990-03-05",
                        "nationality": "VNM",
                        "travel_document": {
                            "type": "passport",
                            "number": f"C{i:07d}",
                            "issuer": "VNM",
                        },
                        "employer": None,
                        "address": None,
                        "phone": None,
                    }
                )
                + "\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench_ingest"))
    args = parser.parse_args()
    from borderlink.ingest import ingest_export

    if args.out.exists():
        shutil.rmtree(args.out)
    export = args.out / "export"
    t0 = time.perf_counter()
    write_delivery(export, args.rows)
    print(f"delivery written in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    summary = ingest_export(export, args.out / "ws")
    elapsed = time.perf_counter() - t0
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    child_gib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024
    for src, counts in sorted(summary.by_source().items()):
        print(f"  {src:10s} {counts}")
    print(
        f"rows read {summary.read:,}, imported {summary.imported:,}, "
        f"quarantined {summary.quarantined:,}"
    )
    print(
        f"ingest: {elapsed:.1f} s, {summary.read / elapsed:,.0f} rows/s, peak RSS main "
        f"{rss_gib:.2f} GiB, largest worker {child_gib:.2f} GiB"
    )


if __name__ == "__main__":
    main()
