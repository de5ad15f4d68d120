"""A tiny hand-made delivery for every source, written at test time (GB18030, XLSX included)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


GD_PERSONS = [
    [
        "GD-2017-00421",
        "GDP-0000001",
        "陈志明",
        "男",
        "19850312",
        "居民身份证",
        "11010519491231002X",
        "中国",
        "13812345678",
        "组织者",
        "刑事拘留",
    ],
    [
        "GD-2017-00421",
        "GDP-0000002",
        "阮文雄",
        "男",
        "19900305",
        "护照",
        "c 1234567",
        "越南",
        "+84 912 345 678",
        "偷渡人员",
        "遣返",
    ],
    [
        "GD-2017-00421",
        "GDP-0000003",
        "MOHAMMAD RAFIQ",
        "男",
        "19881301",
        "护照",
        "AB12345",
        "孟加拉国",
        "12345",
        "非法就业人员",
        "遣返",
    ],
    # invalid resident-ID check digit: kept as written, flagged
    [
        "GD-2017-00422",
        "GDP-0000004",
        "李强",
        "男",
        "19700101",
        "居民身份证",
        "110105194912310021",
        "中国",
        "13912345678",
        "运送者",
        "刑事拘留",
    ],
    # required person number empty -> quarantine
    ["GD-2017-00422", "", "王五", "男", "19700101", "无", "", "中国", "", "接应者", ""],
    # duplicate case + person key -> quarantine
    [
        "GD-2017-00421",
        "GDP-0000001",
        "陈志明",
        "男",
        "19850312",
        "居民身份证",
        "11010519491231002X",
        "中国",
        "13812345678",
        "组织者",
        "刑事拘留",
    ],
]


def write_delivery(root: Path) -> Path:
    """All seven sources plus truth/ and an unknown folder; returns the export folder."""
    write_csv(
        root / "gd_psb" / "案件.csv",
        ["案件编号", "案件类别", "立案日期", "发案地点", "简要案情"],
        [
            ["GD-2017-00421", "组织他人偷越国(边)境", "2017-03-05", "广东省深圳市宝安区", "摘要"],
            ["GD-2017-00422", "运送他人偷越国(边)境", "2017-04-01", "广东省东莞市", ""],
        ],
        "utf-8-sig",
    )
    write_csv(
        root / "gd_psb" / "涉案人员.csv",
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
        GD_PERSONS,
        "utf-8-sig",
    )
    write_csv(
        root / "gd_psb" / "涉案物品.csv",
        ["案件编号", "物品类别", "物品标识", "关联人员编号"],
        [
            ["GD-2017-00421", "车辆", "粤B·3K721", "GDP-0000001"],
            ["GD-2017-00421", "现金", "50000", ""],
        ],
        "utf-8-sig",
    )
    gx_header = [
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
    ]
    write_csv(
        root / "gx_psb" / "涉案人员登记.csv",
        gx_header,
        [
            [
                "GX-2018-00011",
                "运送他人偷越国(边)境",
                "2018年3月5日",
                "广西东兴市",
                "黄文强",
                "男",
                "1985年3月12日",
                "450602198503121234",
                "中国",
                "138 1234 5678",
                "运送者",
                "桂A·12345",
                "",
            ],
            [
                "GX-2018-00011",
                "运送他人偷越国(边)境",
                "2018年3月5日",
                "广西东兴市",
                "阮氏梅",
                "女",
                "1995年",
                "",
                "越南",
                "",
                "偷渡人员",
                "",
                "越南籍",
            ],
            [
                "",
                "偷越国(边)境",
                "2018年4月1日",
                "广西凭祥市",
                "无名",
                "男",
                "",
                "",
                "越南",
                "",
                "偷渡人员",
                "",
                "",
            ],
        ],
        "gb18030",
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "案件"
    ws.append(["编号", "类别", "日期", "地点"])
    ws.append(["YN-2018-00100", "偷越国(边)境", dt.datetime(2018, 5, 6), "云南省瑞丽市"])
    ws2 = wb.create_sheet("人员")
    ws2.append(["案件编号", "姓名", "拼音", "性别", "出生年月", "国籍", "证件号码", "电话", "角色"])
    ws2.append(
        [
            "YN-2018-00100",
            "昂山",
            "ang shan",
            "男",
            "1985-03",
            "缅甸",
            "MA123456",
            "13712345678",
            "偷渡人员",
        ]
    )
    ws2.append(
        ["YN-2018-00100", "Aung Kyaw", "", "男", "1990-07", "缅甸", "", 13612345678, "运送者"]
    )
    (root / "yn_psb").mkdir(parents=True)
    wb.save(root / "yn_psb" / "人员案件2018.xlsx")
    write_csv(
        root / "hk_police" / "cases.csv",
        ["case_no", "report_date", "district", "offence", "method", "narrative"],
        [["HKP-2018-004512", "12/06/2018", "Tuen Mun", "Illegal landing", "sea", "Landed."]],
        "utf-8",
    )
    write_csv(
        root / "hk_police" / "persons.csv",
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
        [
            [
                "HKP-2018-004512",
                "P1",
                "CHAN Tai-man",
                "陳大文",
                "M",
                "01/02/1980",
                "HKID",
                "A123456(3)",
                "Hong Kong",
                "9123 4567",
                "Snakehead",
                "",
            ],
            [
                "HKP-2018-004512",
                "P2",
                "NGUYEN Van Hung",
                "",
                "M",
                "1990",
                "Passport",
                "C1234567",
                "Vietnamese",
                "+84 912 345 679",
                "Illegal immigrant",
                "",
            ],
            [
                "HKP-2018-004512",
                "P3",
                "RAFIQ Mohammad",
                "",
                "M",
                "31/31/1990",
                "HKID",
                "A123456(4)",
                "Pakistan",
                "not a phone",
                "Coxswain",
                "",
            ],
        ],
        "utf-8",
    )
    write_csv(
        root / "hk_police" / "exhibits.csv",
        ["case_no", "exhibit_type", "identifier", "person_ref"],
        [
            ["HKP-2018-004512", "Vessel", "ck 1234", "P1"],
            ["HKP-2018-004512", "Mobile phone", "9123 4567", "P1"],
        ],
        "utf-8",
    )
    events = [
        {
            "record_id": "IMMD-2018-77120",
            "event": "overstay",
            "event_date": "2018-06-02",
            "surname": "NGUYEN",
            "given_names": "Van Hung",
            "chinese_name": "阮文雄",
            "sex": "M",
            "date_of_birth": "1990-03-05",
            "nationality": "VNM",
            "travel_document": {"type": "passport", "number": "C1234567", "issuer": "VNM"},
            "employer": None,
            "address": None,
            "phone": None,
        },
        {
            "record_id": "IMMD-2018-77121",
            "event": "illegal_employment",
            "event_date": "2018-07-02",
            "surname": "KHAN",
            "given_names": "Imran",
            "chinese_name": None,
            "sex": "M",
            "date_of_birth": None,
            "nationality": "PAK",
            "travel_document": None,
            "employer": "ABC Ltd",
            "address": "Yuen Long",
            "phone": "+852 6123 4567",
        },
    ]
    (root / "hk_immd").mkdir(parents=True)
    lines = [json.dumps(e, ensure_ascii=False) for e in events] + ['{"record_id": "IMMD-2018-7712']
    (root / "hk_immd" / "enforcement.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_csv(
        root / "calls" / "calls.csv",
        ["caller", "callee", "start", "duration_s", "agency"],
        [
            ["13812345678", "+84 912 345 678", "2018-02-11T23:14:05+08:00", "65", "gd_psb"],
            ["9123 4567", "+852 6123 4567", "2018-02-12T01:00:00+08:00", "30", "hk_police"],
        ],
        "utf-8",
    )
    (root / "reports").mkdir()
    (root / "reports" / "r1.txt").write_text(
        "Police cracked 12 cases in Guangxi.", encoding="utf-8"
    )
    (root / "reports" / "r2.md").write_text("广东警方破获案件15起。", encoding="utf-8")
    (root / "truth").mkdir()
    (root / "truth" / "records.csv").write_text(
        "source,file,record_key,person_id\n", encoding="utf-8"
    )
    (root / "scratch").mkdir()
    return root


@pytest.fixture
def delivery(tmp_path: Path) -> Path:
    return write_delivery(tmp_path / "export")
