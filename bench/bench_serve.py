"""Load on `borderlink serve`: N concurrent users searching and opening entity pages.

Starts the real server as a child process on 127.0.0.1 (a free port) over an existing
resolved and analysed workspace, logs each simulated user in (one analyst per agency,
created here when missing), then for --duration seconds each user loops: search a
name, phone or ID taken from the workspace, open the first hit's entity. Reports p50/
p95/p99 per request kind, errors, requests per second, and the server's RSS sampled
every --sample seconds (memory over time). Load goes to 127.0.0.1 only, bounded in users
and time.

Run: .venv/bin/python bench/bench_serve.py WORKSPACE [--users 50] [--duration 600]
     [--baseline-src /path/to/previous/src]   (the same load on the previous code first)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

from borderlink.access import add_user, default_policy, list_users
from borderlink.store import Store

PASSWORD = "bench password 123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(workspace: Path, queries: int) -> tuple[list[str], list[str]]:
    """Bench users (one analyst per agency) and a sample of queries drawn from the data."""
    with Store.open(workspace) as store:
        have = {u.username for u in list_users(store)}
        names = []
        for agency in default_policy().agencies:
            name = f"bench.{agency}"
            if name not in have:
                add_user(store, name, agency=agency, role="analyst", password=PASSWORD)
            names.append(name)
        rows = store.query(
            "SELECT coalesce(name_zh, name), phone, id_number FROM person_records "
            f"USING SAMPLE reservoir({int(queries)} ROWS) REPEATABLE (7)"
        )
    picks: list[str] = []
    rng = random.Random(7)
    for name, phone, id_number in rows:
        options = [v for v in (name, name, name, phone, id_number) if v]
        if options:
            picks.append(str(rng.choice(options)))
    return names, picks


HERE_SRC = Path(__file__).resolve().parents[1] / "src"


def start_server(workspace: Path, port: int, src: Path = HERE_SRC) -> subprocess.Popen[bytes]:
    """`borderlink serve` from the code in `src` (this tree's, or a baseline's)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "borderlink.cli.main",
            "serve",
            "--workspace",
            str(workspace),
            "--port",
            str(port),
        ],
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


async def user_loop(
    client: httpx.AsyncClient,
    queries: list[str],
    until: float,
    seed: int,
    timings: dict[str, list[float]],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < until:
        q = rng.choice(queries)
        start = time.perf_counter()
        try:
            r = await client.get("/api/search", params={"q": q})
        except httpx.HTTPError as exc:  # a timeout counts as an error, not a crash
            errors.append(f"search {type(exc).__name__}")
            continue
        timings["search"].append(time.perf_counter() - start)
        if r.status_code != 200:
            errors.append(f"search {r.status_code}")
            continue
        hits = r.json()["results"]
        if not hits:
            continue
        start = time.perf_counter()
        try:
            e = await client.get(f"/api/entities/{hits[0]['entity_id']}")
        except httpx.HTTPError as exc:
            errors.append(f"entity {type(exc).__name__}")
            continue
        timings["entity"].append(time.perf_counter() - start)
        if e.status_code != 200:
            errors.append(f"entity {e.status_code}")


async def sample_memory(pid: int, until: float, every: float, out: list[tuple[float, int]]) -> None:
    proc = psutil.Process(pid)
    t0 = time.monotonic()
    while time.monotonic() < until:
        out.append((round(time.monotonic() - t0, 1), proc.memory_info().rss))
        await asyncio.sleep(every)


async def run(
    args: argparse.Namespace, port: int, pid: int, users: list[str], queries: list[str]
) -> dict[str, object]:
    url = f"http://127.0.0.1:{port}"
    timings: dict[str, list[float]] = {"search": [], "entity": []}
    errors: list[str] = []
    memory: list[tuple[float, int]] = []
    clients = []
    for i in range(args.users):
        name = users[i % len(users)]
        r = httpx.post(f"{url}/api/auth/token", data={"username": name, "password": PASSWORD})
        r.raise_for_status()
        clients.append(
            httpx.AsyncClient(
                base_url=url,
                timeout=30,
                headers={"Authorization": f"Bearer {r.json()['access_token']}"},
            )
        )
    start = time.monotonic()
    until = start + args.duration
    await asyncio.gather(
        sample_memory(pid, until, args.sample, memory),
        *(user_loop(c, queries, until, i, timings, errors) for i, c in enumerate(clients)),
    )
    elapsed = time.monotonic() - start
    for c in clients:
        await c.aclose()

    def pct(values: list[float], q: float) -> float:
        return round(1000 * statistics.quantiles(values, n=100)[q - 1], 1) if len(values) > 1 else 0

    return {
        "users": args.users,
        "duration_s": round(elapsed, 1),
        "requests": sum(len(v) for v in timings.values()),
        "rps": round(sum(len(v) for v in timings.values()) / elapsed, 1),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:10],
        **{
            f"{kind}_{name}_ms": pct(values, q)
            for kind, values in timings.items()
            for name, q in (("p50", 50), ("p95", 95), ("p99", 99))
        },
        "memory_mb": [(t, round(rss / 2**20)) for t, rss in memory],
    }


def serve_and_load(
    args: argparse.Namespace, src: Path, users: list[str], queries: list[str]
) -> dict[str, object]:
    """One server from `src`: one user alone (the same run's baseline), then N users."""
    port = free_port()
    server = start_server(args.workspace, port, src)
    try:
        alone = argparse.Namespace(**{**vars(args), "users": 1, "duration": args.baseline})
        baseline = asyncio.run(run(alone, port, server.pid, users, queries))
        result = asyncio.run(run(args, port, server.pid, users, queries))
        result["baseline_one_user"] = {k: v for k, v in baseline.items() if k != "memory_mb"}
        result["src"] = str(src)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--duration", type=float, default=600.0)
    ap.add_argument("--sample", type=float, default=10.0)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--baseline", type=float, default=60.0, help="seconds of one user alone")
    ap.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    ap.add_argument(
        "--baseline-src",
        type=Path,
        default=None,
        help="also load a server run from this src folder (the previous code) first",
    )
    args = ap.parse_args()
    if not 1 <= args.users <= 200 or not 0 < args.duration <= 1800:
        raise SystemExit("--users 1..200, --duration up to 1800 s")
    users, queries = prepare(args.workspace, args.queries)
    result: dict[str, object] = {}
    runs = [("previous", args.baseline_src)] if args.baseline_src else []
    for label, src in [*runs, ("this", HERE_SRC)]:
        result[label] = serve_and_load(args, src, users, queries)
    with Store.open(args.workspace, read_only=True) as store:
        result["records"] = store.count("person_records")
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
