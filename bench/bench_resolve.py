"""Time and peak memory of `resolve` per stage, against plain Splink on the same records.

The records are written straight into person_records (the ingest contract's
table) by a small population model below, so the bench needs neither the
generator nor the ingest: people (Chinese with Zipf-distributed surnames,
Vietnamese, Burmese, South Asian) are seen 1-5 times each, as characters,
pinyin or Latin, with month/year-only or missing birth dates, IDs and phones
on some records. It measures speed; quality is measured by `borderlink
evaluate` on generated data.

Each measurement runs in a fresh process so that peak RSS is per run.
Run: .venv/bin/python bench/bench_resolve.py [N ...]   (default 100000)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华建国志红玉梅晓飞海波宇浩然子轩欣怡佳琪思远博雨泽晨阳俊凯嘉怡梓涵一诺辰逸宏伟"  # noqa: E501
VN_SUR = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui"]
VN_MID = ["Van", "Thi", "Duc", "Minh", "Huu", "Ngoc", "Quang"]
VN_GIVEN = [
    "Hung",
    "Lan",
    "Nam",
    "Tuan",
    "Hoa",
    "Linh",
    "Dung",
    "Thanh",
    "Hai",
    "Long",
    "Mai",
    "Phuong",
    "Son",
    "Trang",
    "Cuong",
    "Binh",
    "Khanh",
    "Quan",
    "Thu",
    "Vinh",
]
MM = ["Aung", "Kyaw", "Zaw", "Min", "Htet", "Naing", "Thant", "Zin", "Myint", "Soe", "Win", "Oo"]
SA_GIVEN = [
    "Mohammad",
    "Muhammad",
    "Abdul",
    "Rafiq",
    "Imran",
    "Arjun",
    "Ravi",
    "Bikash",
    "Suresh",
    "Kamal",
    "Nuwan",
    "Farid",
    "Tariq",
    "Anil",
    "Sanjay",
    "Rahim",
]
SA_SUR = [
    "Khan",
    "Ahmed",
    "Hossain",
    "Singh",
    "Sharma",
    "Thapa",
    "Perera",
    "Silva",
    "Chowdhury",
    "Gurung",
    "Patel",
    "Iqbal",
    "Rana",
    "Islam",
    "Uddin",
    "Kumar",
]
SOURCES = ["gd_psb", "gx_psb", "yn_psb", "hk_police", "hk_immd"]


def _person(rng: random.Random, i: int) -> dict[str, object]:
    from pypinyin import lazy_pinyin

    kind = rng.random()
    dob = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(50 * 365))
    p: dict[str, object] = {"dob": dob, "sex": rng.choice("MF"), "id": None, "phone": None}
    if kind < 0.45:
        sur = SURNAMES[min(int(rng.paretovariate(1.1)) - 1, len(SURNAMES) - 1)]
        han = sur + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        py = lazy_pinyin(han)
        p.update(nat="CHN", han=han, latin=f"{py[0].upper()} {''.join(py[1:]).capitalize()}")
        if rng.random() < 0.6:
            p["id"] = f"{rng.randrange(110000, 659999)}{dob:%Y%m%d}{rng.randrange(1000):03d}0"
    elif kind < 0.7:
        given = f"{rng.choice(VN_MID)} {rng.choice(VN_GIVEN)}"
        p.update(nat="VNM", han=None, latin=f"{rng.choice(VN_SUR).upper()} {given}")
    elif kind < 0.8:
        words = rng.sample(MM, rng.choice((2, 3)))
        p.update(nat="MMR", han=None, latin=" ".join(words))
    else:
        p.update(
            nat=rng.choice(["BGD", "PAK", "IND", "NPL", "LKA"]),
            han=None,
            latin=f"{rng.choice(SA_SUR).upper()} {rng.choice(SA_GIVEN)}",
        )
    if p["id"] is None and rng.random() < 0.5:
        p["id"] = f"{rng.choice('BCEKN')}{rng.randrange(10**7):07d}"
    if rng.random() < 0.5:
        p["phone"] = f"+86{rng.randrange(13000000000, 13999999999)}"
    return p


def person_records(n: int, seed: int = 11) -> pa.Table:
    rng = random.Random(seed)
    cols: dict[str, list[object]] = {
        c: []
        for c in (
            "record_id",
            "source",
            "file",
            "path",
            "record_key",
            "row_number",
            "run_id",
            "file_sha256",
            "name",
            "name_zh",
            "dob",
            "dob_precision",
            "id_type",
            "id_number",
            "id_valid",
            "nationality",
            "phone",
            "sex",
        )
    }
    i = 0
    while len(cols["record_id"]) < n:
        p = _person(rng, i)
        i += 1
        for _ in range(min(rng.choice((1, 1, 2, 2, 3, 4, 5)), n - len(cols["record_id"]))):
            k = len(cols["record_id"])
            src = rng.choice(SOURCES)
            han_side = p["han"] is not None and src in ("gd_psb", "gx_psb", "yn_psb")
            cols["record_id"].append(hashlib.sha1(f"bench{k}".encode()).hexdigest()[:16])
            for c, v in (
                ("source", src),
                ("file", "f"),
                ("path", "f"),
                ("record_key", f"K{k}"),
                ("row_number", k + 2),
                ("run_id", "bench"),
                ("file_sha256", "0"),
            ):
                cols[c].append(v)
            cols["name"].append(p["han"] if han_side else p["latin"])
            cols["name_zh"].append(p["han"] if src == "hk_police" and rng.random() < 0.5 else None)
            r = rng.random()
            prec = "day" if r < 0.7 else "month" if r < 0.85 else "year" if r < 0.95 else None
            dob = p["dob"]
            assert isinstance(dob, dt.date)
            cols["dob"].append(
                None
                if prec is None
                else dob.replace(
                    month=1 if prec == "year" else dob.month, day=1 if prec != "day" else dob.day
                )
            )
            cols["dob_precision"].append(prec)
            has_id = p["id"] is not None and rng.random() < 0.6
            cols["id_number"].append(p["id"] if has_id else None)
            cols["id_type"].append(
                ("resident_id" if len(str(p["id"])) == 18 else "passport") if has_id else None
            )
            cols["id_valid"].append(None)
            cols["nationality"].append(p["nat"])
            cols["phone"].append(p["phone"] if rng.random() < 0.6 else None)
            cols["sex"].append(p["sex"])
    return pa.table(cols)


def build_workspace(ws: Path, n: int) -> None:
    from borderlink.ingest.run import ensure_schema
    from borderlink.store import Store

    table = person_records(n)
    with Store.open(ws, create=True) as store:
        ensure_schema(store)
        store.register("_bench", table)
        cols = ", ".join(table.column_names)
        store.execute(f"INSERT INTO person_records ({cols}) SELECT {cols} FROM _bench")


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def child(mode: str, ws: Path) -> None:
    """One measurement in this process: 'resolve' or 'baseline'; prints JSON."""
    start = time.perf_counter()
    if mode == "resolve":
        from borderlink.resolve import resolve_workspace

        s = resolve_workspace(ws)
        out = {"timings": s.timings, "candidates": s.candidate_pairs, "entities": s.entities}
    else:
        from borderlink.config import load_settings
        from borderlink.resolve.backends.duckdb import memory_shares
        from borderlink.resolve.evaluate import baseline_assignment
        from borderlink.store import Store

        settings, _ = load_settings(workspace=ws)
        with Store.open(ws, read_only=True) as store:
            features = store.query_arrow("SELECT * FROM resolve_features")
        t0 = time.perf_counter()
        assign = baseline_assignment(
            features,
            threads=settings.threads,
            memory_limit=memory_shares(settings.memory_limit)[1],
            notes=[],
        )
        out = {
            "timings": {"training, scoring, clustering": time.perf_counter() - t0},
            "entities": len(set(assign.column("entity_id").to_pylist())),
        }
    out.update(total=round(time.perf_counter() - start, 1), peak_rss_gb=round(_peak_gb(), 2))
    print(json.dumps(out))


def main(sizes: list[int]) -> None:
    for n in sizes:
        ws = Path(f"/tmp/bench_resolve_{n}")
        if not (ws / "borderlink.duckdb").exists():
            build_workspace(ws, n)
        for mode in ("resolve", "baseline"):
            res = subprocess.run(
                [sys.executable, __file__, "--child", mode, str(ws)],
                capture_output=True,
                text=True,
                check=True,
            )
            print(n, mode, res.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        main([int(a) for a in sys.argv[1:]] or [100_000])
