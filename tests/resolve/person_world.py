"""A small hand-made world of person records across the five agencies, with known true people.

Each person appears as the agencies write them: simplified characters (gd_psb,
gx_psb with Sino-Vietnamese characters), Hong Kong romanisation with
traditional characters (hk_police), surname/given fields (hk_immd), pinyin and
month-precise dates (yn_psb). Filler people are distinct singletons so that the
model has non-matching pairs to learn from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from borderlink.ingest.run import ensure_schema
from borderlink.store import Store

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def resident_id(area: str, dob: str, seq: str) -> str:
    """A valid 18-digit mainland resident ID (GB 11643 check digit)."""
    body = area + dob.replace("-", "") + seq
    total = sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return body + _CHECK[total % 11]


def record_id(source: str, file: str, key: str) -> str:
    return hashlib.sha1(f"{source}\x1f{file}\x1f{key}".encode()).hexdigest()[:16]


@dataclass
class Rec:
    person: str
    source: str
    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return {
            "gd_psb": "涉案人员.csv",
            "gx_psb": "涉案人员登记.csv",
            "yn_psb": "人员",
            "hk_police": "persons.csv",
            "hk_immd": "enforcement.jsonl",
        }[self.source]

    @property
    def record_id(self) -> str:
        return record_id(self.source, self.file, self.key)


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


CHEN_ID = resident_id("440306", "1985-03-12", "451")
LI_ID = resident_id("110105", "1980-05-14", "002")
LI_ID_TYPO = LI_ID[:-1] + ("0" if LI_ID[-1] != "0" else "1")  # check digit miswritten

PEOPLE: list[Rec] = [
    # 1: 陈志明 in three scripts
    Rec(
        "P01",
        "gd_psb",
        "GDP-01",
        dict(
            name="陈志明",
            sex="M",
            dob=_d("1985-03-12"),
            dob_precision="day",
            id_type="resident_id",
            id_number=CHEN_ID,
            id_valid=True,
            nationality="CHN",
            phone="+8613812345678",
        ),
    ),
    Rec(
        "P01",
        "hk_police",
        "HKP-01",
        dict(
            name="CHAN Chi-ming",
            name_zh="陳志明",
            sex="M",
            dob=_d("1985-03-12"),
            dob_precision="day",
            nationality="CHN",
            phone="+8613812345678",
        ),
    ),
    Rec(
        "P01",
        "yn_psb",
        "row:2",
        dict(
            name="陈志明",
            name_pinyin="chen zhiming",
            sex="M",
            dob=_d("1985-03-01"),
            dob_precision="month",
            nationality="CHN",
        ),
    ),
    # 2: 阮文雄 / NGUYEN Van Hung
    Rec(
        "P02",
        "gx_psb",
        "row:2",
        dict(
            name="阮文雄",
            sex="M",
            dob=_d("1990-03-05"),
            dob_precision="day",
            nationality="VNM",
            phone="+84912345678",
        ),
    ),
    Rec(
        "P02",
        "hk_immd",
        "IMMD-02",
        dict(
            surname="NGUYEN",
            given_names="Van Hung",
            name_zh="阮文雄",
            sex="M",
            dob=_d("1990-03-05"),
            dob_precision="day",
            id_type="passport",
            id_number="C1234567",
            nationality="VNM",
        ),
    ),
    Rec(
        "P02",
        "hk_police",
        "HKP-02",
        dict(
            name="NGUYEN Van Hung",
            sex="M",
            dob=_d("1990-01-01"),
            dob_precision="year",
            id_type="passport",
            id_number="C1234567",
            nationality="VNM",
            phone="+84912345678",
        ),
    ),
    # 3: Mohammad / Muhammad Rafiq, passport transposed once
    Rec(
        "P03",
        "gd_psb",
        "GDP-03",
        dict(
            name="MOHAMMAD RAFIQ",
            sex="M",
            dob=_d("1988-01-13"),
            dob_precision="day",
            id_type="passport",
            id_number="AB1234567",
            nationality="PAK",
        ),
    ),
    Rec(
        "P03",
        "hk_police",
        "HKP-03",
        dict(
            name="RAFIQ Muhammad",
            sex="M",
            dob=_d("1988-01-13"),
            dob_precision="day",
            id_type="passport",
            id_number="AB1234567",
            nationality="PAK",
        ),
    ),
    Rec(
        "P03",
        "hk_immd",
        "IMMD-03",
        dict(
            surname="RAFIQ",
            given_names="Mohammad",
            sex="M",
            dob=_d("1988-01-13"),
            dob_precision="day",
            id_type="passport",
            id_number="AB1234576",
            nationality="PAK",
        ),
    ),
    # 4: 黄伟强 / WONG Wai-keung
    Rec(
        "P04",
        "gd_psb",
        "GDP-04",
        dict(
            name="黄伟强",
            sex="M",
            dob=_d("1979-07-21"),
            dob_precision="day",
            nationality="CHN",
            phone="+8613900001111",
        ),
    ),
    Rec(
        "P04",
        "hk_police",
        "HKP-04",
        dict(
            name="WONG Wai-keung",
            name_zh="黃偉強",
            sex="M",
            dob=_d("1979-07-21"),
            dob_precision="day",
            nationality="CHN",
            phone="+85291234567",
        ),
    ),
    # 5: 张丽华 / CHEUNG Lai-wa
    Rec(
        "P05",
        "gd_psb",
        "GDP-05",
        dict(
            name="张丽华",
            sex="F",
            dob=_d("1992-11-02"),
            dob_precision="day",
            nationality="CHN",
            phone="+8613700002222",
        ),
    ),
    Rec(
        "P05",
        "hk_police",
        "HKP-05",
        dict(
            name="CHEUNG Lai-wa",
            sex="F",
            dob=_d("1992-11-02"),
            dob_precision="day",
            nationality="CHN",
            phone="+8613700002222",
        ),
    ),
    # 6: 谢文辉 / TSE Man-fai (no shared phone, full dates)
    Rec(
        "P06",
        "gx_psb",
        "row:3",
        dict(name="谢文辉", sex="M", dob=_d("1983-02-17"), dob_precision="day", nationality="CHN"),
    ),
    Rec(
        "P06",
        "hk_police",
        "HKP-06",
        dict(
            name="TSE Man-fai",
            name_zh="謝文輝",
            sex="M",
            dob=_d("1983-02-17"),
            dob_precision="day",
            nationality="CHN",
        ),
    ),
    # 7: Aung Kyaw Oo / AONG Kyaw Oo
    Rec(
        "P07",
        "yn_psb",
        "row:3",
        dict(
            name="Aung Kyaw Oo",
            sex="M",
            dob=_d("1994-06-01"),
            dob_precision="month",
            nationality="MMR",
            phone="+959123456789",
        ),
    ),
    Rec(
        "P07",
        "hk_police",
        "HKP-07",
        dict(
            name="AONG Kyaw Oo",
            sex="M",
            dob=_d("1994-06-09"),
            dob_precision="day",
            nationality="MMR",
            phone="+959123456789",
        ),
    ),
    # 8: 阮氏兰 / NGUYEN Thi Lan
    Rec(
        "P08",
        "gx_psb",
        "row:4",
        dict(name="阮氏兰", sex="F", dob=_d("1996-09-30"), dob_precision="day", nationality="VNM"),
    ),
    Rec(
        "P08",
        "hk_immd",
        "IMMD-08",
        dict(
            surname="NGUYEN",
            given_names="Thi Lan",
            sex="F",
            dob=_d("1996-09-30"),
            dob_precision="day",
            id_type="passport",
            id_number="B7654321",
            nationality="VNM",
        ),
    ),
    # 9: 李建国: one-digit dob typo, check digit miswritten
    Rec(
        "P09",
        "gd_psb",
        "GDP-09",
        dict(
            name="李建国",
            sex="M",
            dob=_d("1980-05-14"),
            dob_precision="day",
            id_type="resident_id",
            id_number=LI_ID,
            id_valid=True,
            nationality="CHN",
        ),
    ),
    Rec(
        "P09",
        "gx_psb",
        "row:5",
        dict(
            name="李建国",
            sex="M",
            dob=_d("1980-05-15"),
            dob_precision="day",
            id_type="resident_id",
            id_number=LI_ID_TYPO,
            id_valid=False,
            nationality="CHN",
        ),
    ),
    # 10: day/month swap, Tran Van Nam
    Rec(
        "P10",
        "gx_psb",
        "row:6",
        dict(
            name="陈文南",
            sex="M",
            dob=_d("1991-04-07"),
            dob_precision="day",
            nationality="VNM",
            phone="+84987654321",
        ),
    ),
    Rec(
        "P10",
        "hk_immd",
        "IMMD-10",
        dict(
            surname="TRAN",
            given_names="Van Nam",
            sex="M",
            dob=_d("1991-07-04"),
            dob_precision="day",
            nationality="VNM",
            phone="+84987654321",
        ),
    ),
    # 11 and 12: two different men called 王伟
    Rec(
        "P11",
        "gd_psb",
        "GDP-11",
        dict(
            name="王伟",
            sex="M",
            dob=_d("1975-01-20"),
            dob_precision="day",
            id_type="resident_id",
            id_number=resident_id("440104", "1975-01-20", "113"),
            id_valid=True,
            nationality="CHN",
        ),
    ),
    Rec(
        "P12",
        "gd_psb",
        "GDP-12",
        dict(
            name="王伟",
            sex="M",
            dob=_d("1988-10-03"),
            dob_precision="day",
            id_type="resident_id",
            id_number=resident_id("450102", "1988-10-03", "215"),
            id_valid=True,
            nationality="CHN",
        ),
    ),
    # 13: a second 阮文雄, not P02
    Rec(
        "P13",
        "gx_psb",
        "row:7",
        dict(name="阮文雄", sex="M", dob=_d("1972-12-11"), dob_precision="day", nationality="VNM"),
    ),
]

_SUR = "赵钱孙周吴郑冯褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜"
_GIVEN = "一二三山川云飞海波涛宇航子轩浩然梓萱欣怡佳琪思远博文"
_LATIN_SUR = [
    "KHAN",
    "AHMED",
    "HOSSAIN",
    "SINGH",
    "SHARMA",
    "THAPA",
    "PERERA",
    "SILVA",
    "CHOWDHURY",
    "GURUNG",
    "FERNANDO",
    "PATEL",
    "IQBAL",
    "RANA",
    "BASNET",
]
_LATIN_GIVEN = [
    "Imran",
    "Farid",
    "Rahim",
    "Arjun",
    "Bikash",
    "Nuwan",
    "Kamal",
    "Suresh",
    "Tariq",
    "Sanjay",
    "Dilshan",
    "Ravi",
    "Anil",
    "Javed",
    "Prakash",
]


def fillers(n: int = 480, seed: int = 7) -> list[Rec]:
    """Distinct singletons: random names, dates, sources (never a true match to anyone)."""
    rng = random.Random(seed)
    out: list[Rec] = []
    seen: set[str] = set()
    sources = ["gd_psb", "gx_psb", "hk_police", "hk_immd", "yn_psb"]
    while len(out) < n:
        i = len(out)
        source = sources[i % len(sources)]
        dob = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(15000))
        if i % 3 == 0:
            name = rng.choice(_LATIN_SUR) + " " + rng.choice(_LATIN_GIVEN)
            nat = rng.choice(["PAK", "BGD", "IND", "NPL", "LKA"])
        else:
            name = rng.choice(_SUR) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
            nat = "CHN"
        if name in seen:
            continue
        seen.add(name)
        out.append(
            Rec(
                f"F{i:03d}",
                source,
                f"FILL-{i:03d}",
                dict(
                    name=name,
                    sex=rng.choice("MF"),
                    dob=dob,
                    dob_precision="day",
                    nationality=nat,
                    phone=f"+86139{rng.randrange(10**8):08d}" if i % 2 else None,
                ),
            )
        )
    return out


def write_records(workspace: Path, recs: list[Rec]) -> None:
    """person_records (the ingest contract's table, created by ingest's own DDL) with `recs`.

    One transaction: a commit per row would take seconds for a few hundred rows.
    """
    with Store.open(workspace, create=True) as store, store.transaction():
        ensure_schema(store)
        for r in recs:
            row = {
                "record_id": r.record_id,
                "source": r.source,
                "file": r.file,
                "path": r.file,
                "record_key": r.key,
                "row_number": 2,
                "run_id": "test",
                "file_sha256": "0",
                **r.fields,
            }
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            store.execute(
                f"INSERT OR REPLACE INTO person_records ({cols}) VALUES ({marks})",
                list(row.values()),
            )


def world() -> list[Rec]:
    return PEOPLE + fillers()


def true_pairs(recs: list[Rec]) -> set[tuple[str, str]]:
    by_person: dict[str, list[str]] = {}
    for r in recs:
        by_person.setdefault(r.person, []).append(r.record_id)
    out: set[tuple[str, str]] = set()
    for ids in by_person.values():
        for i, a in enumerate(sorted(ids)):
            for b in sorted(ids)[i + 1 :]:
                out.add((a, b))
    return out
