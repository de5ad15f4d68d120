"""A small hand-built world in a real workspace: two syndicates, their customers, one employer.

Syndicate A (Guangxi -> Hong Kong by sea): organiser O1, recruiter R1, transporter T1
(holds a vehicle), receiver V1; moves M1, M2, M3 (Vietnamese). Syndicate B (Yunnan):
organiser O2, transporter T2 (holds a vessel), harbourer H2 (houses M5 and M6), document
vendor D2 (holds three passports); moves M5, M6 (Bangladeshi). E1 employs M3 in Hong Kong.
"""

from __future__ import annotations

import random
from typing import Any

from borderlink.store import Store

PERSON_COLS = (
    "record_id VARCHAR, source VARCHAR, file VARCHAR, record_key VARCHAR, case_no VARCHAR, "
    "event VARCHAR, event_date DATE, name VARCHAR, name_zh VARCHAR, nationality VARCHAR, "
    "phone VARCHAR, role VARCHAR, role_raw VARCHAR, migrant_kind VARCHAR, address VARCHAR, "
    "employer VARCHAR, region VARCHAR"
)

CASES = [
    # record_id, case_no, offence, opened, region, method
    ("c1", "GX-1", "organising", "2018-01-10", "GX", "unknown"),
    ("c2", "HK-1", "illegal_landing", "2018-02-01", "HK", "sea"),
    ("c3", "GD-1", "transporting", "2018-01-20", "GD", "unknown"),
    ("c4", "YN-1", "organising", "2019-03-01", "YN", "unknown"),
    ("c5", "HK-2", "illegal_landing", "2019-04-01", "HK", "land"),
    ("c6", "HK-3", "employing", "2018-05-01", "HK", "unknown"),
]

# record_id, entity, case_no, name, nationality, phone, role, address, region
PEOPLE = [
    ("p01", "O1", "GX-1", "CHEN Zhi", "CHN", "+8613800000001", "organiser", None, "GX"),
    ("p02", "O1", "HK-1", "CHAN Chi", "CHN", None, "facilitator", None, "HK"),
    ("p03", "R1", "GX-1", "LI Ming", "CHN", "+8613800000002", "recruiter", None, "GX"),
    ("p04", "R1", "GD-1", "LEE Ming", "CHN", None, "facilitator", None, "GD"),
    ("p05", "T1", "GX-1", "WANG Wei", "CHN", "+8613800000003", "transporter", None, "GX"),
    ("p06", "T1", "GD-1", "WONG Wai", "CHN", None, "organiser", None, "GD"),
    ("p07", "T1", "HK-1", "WONG Wai", "CHN", None, "transporter", None, "HK"),
    ("p08", "V1", "HK-1", "HO Ka", "CHN", "+85291000001", "receiver", None, "HK"),
    ("p09", "M1", "GX-1", "NGUYEN Van A", "VNM", "+84900000001", "migrant", None, "GX"),
    ("p10", "M1", "HK-1", "NGUYEN Van A", "VNM", None, "migrant", None, "HK"),
    ("p11", "M2", "GX-1", "TRAN Thi B", "VNM", None, "migrant", None, "GX"),
    ("p12", "M2", "HK-1", "TRAN Thi B", "VNM", None, "migrant", None, "HK"),
    ("p13", "M3", "GD-1", "LE Van C", "VNM", None, "migrant", None, "GD"),
    ("p14", "M3", "HK-1", "LE Van C", "VNM", None, "migrant", None, "HK"),
    ("p15", "M3", "HK-3", "LE Van C", "VNM", None, "migrant", None, "HK"),
    ("p16", "E1", "HK-3", "CHEUNG Boss", "CHN", None, "employer", None, "HK"),
    ("p17", "O2", "YN-1", "ZHAO Gang", "CHN", "+8613900000001", "organiser", None, "YN"),
    ("p18", "O2", "HK-2", "CHIU Kong", "CHN", None, "facilitator", None, "HK"),
    ("p19", "T2", "YN-1", "SUN Li", "CHN", "+8613900000002", "facilitator", None, "YN"),
    ("p20", "T2", "HK-2", "SUEN Lei", "CHN", None, "transporter", None, "HK"),
    ("p21", "H2", "HK-2", "LAM Po", "CHN", "+85292000001", "facilitator", "1 Tai Po Road", "HK"),
    ("p22", "D2", "YN-1", "ZHOU Yu", "CHN", "+8613900000003", "facilitator", None, "YN"),
    ("p23", "M5", "YN-1", "RAHMAN Abdul", "BGD", "+8801700000001", "migrant", None, "YN"),
    ("p24", "M5", "HK-2", "RAHMAN Abdul", "BGD", None, "migrant", "1 tai po  road", "HK"),
    ("p25", "M6", "YN-1", "HOSSAIN Karim", "BGD", None, "migrant", None, "YN"),
    ("p26", "M6", "HK-2", "HOSSAIN Karim", "BGD", None, "migrant", "1 Tai Po Road", "HK"),
]

# record_id, case_no, kind, identifier, holder_record_id
EXHIBITS = [
    ("x1", "GD-1", "vehicle", "GUIA12345", "p06"),
    ("x2", "HK-2", "vessel", "HULL-77", "p20"),
    ("x3", "YN-1", "document", "P1000001", "p22"),
    ("x4", "YN-1", "document", "P1000002", "p22"),
    ("x5", "YN-1", "document", "P1000003", "p22"),
]

# caller, callee, start, n
CALLS = [
    ("+8613800000001", "+8613800000002", "2018-01-01T10:00:00+08:00", 3),
    ("+8613800000001", "+8613800000003", "2018-01-02T10:00:00+08:00", 3),
    ("+8613800000001", "+85291000001", "2018-01-03T10:00:00+08:00", 3),
    ("+8613800000002", "+84900000001", "2018-01-05T10:00:00+08:00", 4),  # before M1's first case
    ("+85291000001", "+84900000001", "2018-02-03T10:00:00+08:00", 4),  # after it
    ("+8613900000001", "+8613900000002", "2019-02-01T10:00:00+08:00", 2),
    ("+8613900000001", "+85292000001", "2019-02-01T10:00:00+08:00", 2),
    ("+8613900000001", "+8613900000003", "2019-02-01T10:00:00+08:00", 2),
]


def build_world(
    store: Store,
    *,
    people: list[tuple[Any, ...]] | None = None,
    cases: list[tuple[str, ...]] | None = None,
    exhibits: list[tuple[str, ...]] | None = None,
    calls: list[tuple[str, str, str, int]] | None = None,
) -> None:
    """Write the ingest and resolve tables of the hand-built world (or of the rows given)."""
    rows = PEOPLE if people is None else people
    store.execute(
        "CREATE OR REPLACE TABLE cases (record_id VARCHAR, source VARCHAR, case_no VARCHAR, "
        "offence VARCHAR, opened DATE, region VARCHAR, method VARCHAR)"
    )
    store.executemany(
        "INSERT INTO cases VALUES (?, 'test', ?, ?, ?, ?, ?)", [list(c) for c in cases or CASES]
    )
    store.execute(f"CREATE OR REPLACE TABLE person_records ({PERSON_COLS})")
    store.executemany(
        "INSERT INTO person_records (record_id, source, file, record_key, case_no, name, "
        "nationality, phone, role, address, region) "
        "VALUES (?, 'test', 'f', ?, ?, ?, ?, ?, ?, ?, ?)",
        [[r[0], r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8]] for r in rows],
    )
    store.execute(
        "CREATE OR REPLACE TABLE exhibits (record_id VARCHAR, case_no VARCHAR, kind VARCHAR, "
        "identifier VARCHAR, identifier_raw VARCHAR, amount DOUBLE, currency VARCHAR, "
        "holder_key VARCHAR, holder_record_id VARCHAR)"
    )
    store.executemany(
        "INSERT INTO exhibits VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
        [[x[0], x[1], x[2], x[3], x[3], x[4], x[4]] for x in exhibits or EXHIBITS],
    )
    store.execute(
        "CREATE OR REPLACE TABLE calls (record_id VARCHAR, caller VARCHAR, caller_raw VARCHAR, "
        "callee VARCHAR, callee_raw VARCHAR, start_at TIMESTAMPTZ, duration_s INTEGER, "
        "agency VARCHAR)"
    )
    call_rows = []
    for i, (a, b, start, n) in enumerate(calls or CALLS):
        for j in range(n):
            call_rows.append([f"k{i}-{j}", a, a, b, b, start, 60 + j, "gd_psb"])
    store.executemany("INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?)", call_rows)
    store.execute(
        "CREATE OR REPLACE TABLE clusters (record_id VARCHAR, entity_id VARCHAR, "
        "resolve_run_id VARCHAR)"
    )
    store.executemany("INSERT INTO clusters VALUES (?, ?, 'run-1')", [[r[0], r[1]] for r in rows])


STAGES = [
    ("organiser", 1),
    ("recruiter", 2),
    ("transporter", 2),
    ("receiver", 1),
    ("harbourer", 1),
    ("document_vendor", 1),
    ("financier", 1),
]


def noisy_world(store: Store, syndicates: int = 8, seed: int = 3) -> dict[str, tuple[str, str]]:
    """Several syndicates whose reports disagree: returns entity -> (true syndicate, role).

    A third of facilitator records say only "facilitator", one in ten names a wrong stage;
    a few calls cross between syndicates. Each syndicate moves 12 migrants through a border
    case, a transit case and a Hong Kong case.
    """
    rng = random.Random(seed)
    truth: dict[str, tuple[str, str]] = {}
    people: list[tuple[Any, ...]] = []
    cases: list[tuple[str, ...]] = []
    exhibits: list[tuple[str, ...]] = []
    calls: list[tuple[str, str, str, int]] = []
    stages = [s for s, _ in STAGES]
    phones: dict[str, str] = {}
    phone_of: dict[str, str] = {}

    def record(entity: str, case: str, role: str, region: str) -> str:
        rid = f"r{len(people):05d}"
        true_role = truth[entity][1]
        reported = role
        if true_role not in ("migrant", "employer"):
            draw = rng.random()
            if draw < 0.33:
                reported = "facilitator"
            elif draw < 0.43:
                reported = rng.choice([s for s in stages if s != true_role])
        people.append(
            (rid, entity, case, entity, "CHN", phones.get(entity), reported, None, region)
        )
        phones.pop(entity, None)  # the phone is written on the first record only
        return rid

    for s in range(syndicates):
        sid = f"S{s}"
        members = {st: [f"{sid}-{st}{i}" for i in range(n)] for st, n in STAGES}
        for st, names in members.items():
            for name in names:
                truth[name] = (sid, st)
                phones[name] = phone_of[name] = f"+86139{s:02d}{len(truth):05d}"
        migrants = [f"{sid}-m{i}" for i in range(12)]
        for m in migrants:
            truth[m] = ("", "migrant")
        year = 2016 + s % 4
        border, transit, hk = f"GX-{s}", f"GD-{s}", f"HK-{s}"
        cases += [
            (f"c{border}", border, "organising", f"{year}-03-01", "GX", "unknown"),
            (f"c{transit}", transit, "transporting", f"{year}-03-10", "GD", "unknown"),
            (f"c{hk}", hk, "illegal_landing", f"{year}-04-01", "HK", "sea"),
        ]
        call_phone = {n: phones[n] for ns in members.values() for n in ns}
        for r in members["recruiter"] + members["organiser"]:
            record(r, border, truth[r][1], "GX")
        for t in members["transporter"]:
            rid = record(t, transit, "transporter", "GD")
            exhibits.append((f"x{rid}", transit, "vehicle", f"GUI-{t}", rid))
        for f in members["financier"] + members["document_vendor"]:
            rid = record(f, transit, truth[f][1], "GD")
            kind = "card" if truth[f][1] == "financier" else "document"
            exhibits += [(f"x{rid}-{i}", transit, kind, f"{kind}-{f}-{i}", rid) for i in range(3)]
        for h in members["receiver"] + members["harbourer"] + members["organiser"]:
            record(h, hk, truth[h][1], "HK")
        for m in migrants:
            phones[m] = f"+84{s:02d}{migrants.index(m):07d}"
            call_phone[m] = phones[m]
            record(m, border, "migrant", "GX")
            record(m, hk, "migrant", "HK")
        organiser = members["organiser"][0]
        for names in members.values():
            for name in names:
                if name != organiser:
                    calls.append(
                        (call_phone[organiser], call_phone[name], f"{year}-02-01T09:00:00+08:00", 3)
                    )
        for m in migrants:
            calls.append(
                (
                    call_phone[members["recruiter"][0]],
                    call_phone[m],
                    f"{year}-02-10T09:00:00+08:00",
                    2,
                )
            )
            calls.append(
                (
                    call_phone[members["receiver"][0]],
                    call_phone[m],
                    f"{year}-04-05T09:00:00+08:00",
                    2,
                )
            )
    members_all = sorted(n for n in truth if truth[n][0])
    for _ in range(syndicates):
        a, b = rng.sample(members_all, 2)
        calls.append((phone_of[a], phone_of[b], "2018-01-01T00:00:00+08:00", 1))
    build_world(store, people=people, cases=cases, exhibits=exhibits, calls=calls)
    return truth
