"""Matching on keyed encodings against matching on clear text, on a generated world split by agency.

Steps: generate a world (borderlink.synth), ingest it, and treat each source as
one agency's holdings. For every pair of agencies, match

  * encoded: the keyed Bloom-filter encodings (`exchange encode` / `exchange match`),
  * clear, same rule: the same tokens, blocks and scoring rule on plain sets
    (exact Dice, no hashing): what the encodings approximate,
  * clear, resolve: borderlink's own resolution (Splink) of the same records in
    one workspace, where the pair is matched when both records share an entity
    (only with --resolve: it is the slow step),

and score the pairs against truth/records.csv (same person_id). Then time
encoding and matching for N x N records (two sides cut from a larger world:
the mainland agencies on one side, Hong Kong's on the other).

Run: python bench/bench_exchange.py [--scale 20000] [--resolve] [--big 100000]
[--keep DIR] (--scale 0 skips the accuracy table)
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import pickle
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from borderlink.exchange.agreement import get_agreement
from borderlink.exchange.encode import Encodings, encode_tokens
from borderlink.exchange.features import (
    RECORD_COLUMNS,
    MatchRule,
    PersonTokens,
    block_kind,
    load_params,
    person_tokens,
    rare_name_keys,
)
from borderlink.exchange.match import (
    Similarities,
    Tokens,
    candidate_pairs,
    combine,
    dice,
    match_encodings,
    name_dice,
    overlap,
)
from borderlink.ingest.run import ingest_export
from borderlink.store import Store
from borderlink.synth import generate

AGENCIES = ("gd_psb", "gx_psb", "yn_psb", "hk_police", "hk_immd")
SECRET = os.urandom(32)
Key = tuple[str, str, str]


def read_truth(world: Path) -> dict[Key, str]:
    with (world / "truth" / "records.csv").open(encoding="utf-8") as fh:
        return {
            (r["source"], r["file"], r["record_key"]): r["person_id"] for r in csv.DictReader(fh)
        }


def tokens_by_agency(ws: Path, withhold: bool = False) -> dict[str, list[PersonTokens]]:
    """Each agency's tokens; `withhold` applies the agreement's role rules (a migrant's ID
    and phone stay out), else every field the matcher reads is used, as resolve does."""
    release = get_agreement("joint-operation").releases["person_records"] if withhold else None
    out: dict[str, list[PersonTokens]] = {}
    with Store.open(ws, read_only=True) as store:
        for agency in AGENCIES:
            rows = store.query_dicts(
                f"SELECT {RECORD_COLUMNS} FROM person_records WHERE source = ? "
                "ORDER BY file, row_number, record_id",
                [agency],
            )
            out[agency] = [person_tokens(r, release) for r in rows]
    return out


def _set_dice(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return float("nan")
    sa, sb = set(a), set(b)
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def _set_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return float("nan")
    return len(set(a) & set(b)) / min(len(set(a)), len(set(b)))


def _grams(key: str) -> tuple[str, ...]:
    family, _, body = key.partition(":")
    return tuple(f"{family}:{body[j : j + 2]}" for j in range(len(body) - 1))


def clear_match(
    ta: list[PersonTokens], tb: list[PersonTokens], rule: MatchRule
) -> set[tuple[Key, Key]]:
    """The same blocking and rule as the encodings, on plain token sets."""
    params = load_params()
    ids: dict[str, int] = {}

    def flat(tokens: list[PersonTokens]) -> Tokens:
        rare = rare_name_keys(tokens)
        rec, tok, kind = [], [], []
        for i, t in enumerate(tokens):
            for b in t.blocks:
                rec.append(i)
                tok.append(ids.setdefault(b, len(ids)))
                kind.append(block_kind(b, rare))
        return Tokens(np.array(rec, np.int64), np.array(tok, np.uint64), np.array(kind, np.uint8))

    c = candidate_pairs(flat(ta), flat(tb), params.blocking.max_block_pairs)
    ia, ib = c.a, c.b
    grams_a = [[set(_grams(x)) for x in t.names] for t in ta]
    grams_b = [[set(_grams(y)) for y in t.names] for t in tb]

    def best_name(i: int, j: int) -> float:
        best = float("nan")
        for x in grams_a[i]:
            for y in grams_b[j]:
                if x and y:
                    d = 2 * len(x & y) / (len(x) + len(y))
                    best = d if best != best or d > best else best
        return best

    name = np.array([best_name(i, j) for i, j in zip(ia.tolist(), ib.tolist(), strict=True)])
    pairs = list(zip(ia.tolist(), ib.tolist(), strict=True))

    def field(attr: str) -> np.ndarray:
        return np.array([_set_dice(getattr(ta[i], attr), getattr(tb[j], attr)) for i, j in pairs])

    dob = np.array([_set_overlap(ta[i].dob, tb[j].dob) for i, j in pairs])
    fewer = np.array([min(len(ta[i].dob), len(tb[j].dob)) for i, j in pairs])
    sim = Similarities(
        name,
        dob,
        fewer,
        field("id_grams"),
        field("id_kind"),
        field("phone"),
        field("sex"),
        c.rare_name,
        c.name_pairs,
    )
    score = combine(sim, rule)
    keep = score >= rule.threshold
    return {(ta[i].key, tb[j].key) for i, j in zip(ia[keep], ib[keep], strict=True)}


def encoded_match(ea: Encodings, eb: Encodings, rule: MatchRule) -> set[tuple[Key, Key]]:
    ia, ib, _, _ = match_encodings(ea, eb, rule=rule)
    return {
        (tuple(ea.keys[i]), tuple(eb.keys[j]))  # type: ignore[misc]
        for i, j in zip(ia.tolist(), ib.tolist(), strict=True)
    }


def true_pairs(
    ta: list[PersonTokens], tb: list[PersonTokens], truth: dict[Key, str]
) -> set[tuple[Key, Key]]:
    by_person: dict[str, list[Key]] = {}
    for t in tb:
        if t.key in truth:
            by_person.setdefault(truth[t.key], []).append(t.key)
    return {(t.key, k) for t in ta if t.key in truth for k in by_person.get(truth[t.key], [])}


def resolve_pairs(
    ws: Path, agencies: tuple[str, ...]
) -> dict[tuple[str, str], set[tuple[Key, Key]]]:
    from borderlink.resolve import resolve_workspace

    resolve_workspace(ws)
    with Store.open(ws, read_only=True) as store:
        rows = store.query(
            "SELECT c.entity_id, p.source, p.file, p.record_key FROM clusters c "
            "JOIN person_records p USING (record_id)"
        )
    members: dict[str, list[Key]] = {}
    for entity, *key in rows:
        members.setdefault(entity, []).append((key[0], key[1], key[2]))
    out: dict[tuple[str, str], set[tuple[Key, Key]]] = {}
    for keys in members.values():
        for x, y in itertools.permutations(keys, 2):
            if x[0] != y[0] and agencies.index(x[0]) < agencies.index(y[0]):
                out.setdefault((x[0], y[0]), set()).add((x, y))
    return out


def pr(found: set[Any], truth: set[Any]) -> tuple[float, float]:
    tp = len(found & truth)
    return (tp / len(found) if found else 1.0), (tp / len(truth) if truth else 1.0)


def accuracy(scale: int, seed: int, with_resolve: bool, withhold: bool, root: Path) -> None:
    world, ws = root / "world", root / "ws"
    t0 = time.perf_counter()
    generate(world, seed=seed, scale=scale)
    ingest_export(world, ws)
    print(f"setup: generate + ingest {scale:,} person rows: {time.perf_counter() - t0:.1f} s")
    truth = read_truth(world)
    tokens = tokens_by_agency(ws, withhold)
    resolved = resolve_pairs(ws, AGENCIES) if with_resolve else {}
    rule = load_params().match
    for label, variant in (
        ("default rule (encoding.yaml)", rule),
        (
            "with the rare-name support (0.75, threshold 0.875)",
            rule.model_copy(update={"rare_name_support": 0.75, "threshold": 0.875}),
        ),
    ):
        print(f"\n{label}, scale {scale:,}, seed {seed}:\n")
        accuracy_table(tokens, truth, resolved, variant)


def accuracy_table(
    tokens: dict[str, list[PersonTokens]],
    truth: dict[Key, str],
    resolved: dict[tuple[str, str], set[tuple[Key, Key]]],
    rule: MatchRule,
) -> None:
    with_resolve = bool(resolved)
    enc = {
        a: encode_tokens(t, SECRET, agreement="joint-operation", agency=a)
        for a, t in tokens.items()
    }
    totals = {"enc": [0, 0, 0], "clear": [0, 0, 0], "resolve": [0, 0, 0]}  # found, tp, true
    print(
        "| agencies | records | true pairs | encoded P / R | clear same-rule P / R "
        "| clear resolve P / R |"
    )
    print("|---|---|---|---|---|---|")
    for a, b in itertools.combinations(AGENCIES, 2):
        want = true_pairs(tokens[a], tokens[b], truth)
        got = {
            "enc": encoded_match(enc[a], enc[b], rule),
            "clear": clear_match(tokens[a], tokens[b], rule),
        }
        if with_resolve:
            got["resolve"] = resolved.get((a, b), set())
        cells = []
        for name in ("enc", "clear", "resolve"):
            if name not in got:
                cells.append("-")
                continue
            p, r = pr(got[name], want)
            cells.append(f"{p:.3f} / {r:.3f}")
            totals[name][0] += len(got[name])
            totals[name][1] += len(got[name] & want)
            totals[name][2] += len(want)
        print(
            f"| {a} x {b} | {len(tokens[a]):,} x {len(tokens[b]):,} | {len(want):,} | "
            + " | ".join(cells)
            + " |"
        )
    summary = []
    for name, (found, tp, want_n) in totals.items():
        if want_n:
            summary.append(f"{name}: P {tp / max(found, 1):.3f} R {tp / want_n:.3f}")
    print("all pairs: " + "; ".join(summary))
    enc_r = totals["enc"][1] / max(totals["enc"][2], 1)
    for name in ("clear", "resolve"):
        if totals[name][2]:
            ratio = enc_r / (totals[name][1] / totals[name][2])
            print(f"encoded recall / {name} recall = {ratio:.3f}")


def _big_tokens(
    n: int, seed: int, root: Path
) -> tuple[dict[str, list[PersonTokens]], dict[Key, str], float, float]:
    """Generate + ingest a world of 2.6 n rows (reused from `root` when --keep kept it)
    and read every agency's tokens (cached beside it)."""
    world, ws = root / f"big-world-{seed}-{n}", root / f"big-ws-{seed}-{n}"
    cache = root / f"big-tokens-{seed}-{n}.pkl"
    t0 = time.perf_counter()
    if not (ws / "borderlink.duckdb").exists():
        generate(world, seed=seed, scale=int(n * 2.6))
        ingest_export(world, ws)
    t_setup = time.perf_counter() - t0
    truth = read_truth(world)
    t0 = time.perf_counter()
    if cache.exists():
        tokens = pickle.loads(cache.read_bytes())
    else:
        tokens = tokens_by_agency(ws)
        cache.write_bytes(pickle.dumps(tokens))
    return tokens, truth, t_setup, time.perf_counter() - t0


def speed(n: int, seed: int, root: Path, with_clear: bool, save: Path | None = None) -> None:
    """Time N x N (mainland agencies against Hong Kong's), score encoded and clear text."""
    tokens, truth, t_setup, t_tokens = _big_tokens(n, seed, root)
    print(f"setup: generate + ingest {int(n * 2.6):,} rows (seed {seed}): {t_setup:.1f} s")
    side_a = (tokens["gd_psb"] + tokens["gx_psb"] + tokens["yn_psb"])[:n]
    side_b = (tokens["hk_police"] + tokens["hk_immd"])[:n]
    na, nb = len(side_a), len(side_b)
    t0 = time.perf_counter()
    ea = encode_tokens(side_a, SECRET, agreement="joint-operation", agency="mainland")
    eb = encode_tokens(side_b, SECRET, agreement="joint-operation", agency="hk")
    t_encode = time.perf_counter() - t0
    t0 = time.perf_counter()
    ia, ib, _, candidates = match_encodings(ea, eb)
    t_match = time.perf_counter() - t0
    found = {
        (tuple(ea.keys[i]), tuple(eb.keys[j]))
        for i, j in zip(ia.tolist(), ib.tolist(), strict=True)
    }
    want = true_pairs(side_a, side_b, truth)
    p, r = pr(found, want)  # type: ignore[arg-type]
    if save is not None:
        diagnose(side_a, side_b, ea, eb, want, save)  # type: ignore[arg-type]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"| {na:,} x {nb:,} | tokens (name keys) {t_tokens:.1f} s "
        f"(all {sum(map(len, tokens.values())):,} rows) | encode {t_encode:.1f} s "
        f"| match {t_match:.1f} s ({candidates:,} candidates, {len(found):,} pairs) "
        f"| encoded P {p:.3f} R {r:.3f} ({len(want):,} true pairs) | peak RSS {rss:,.0f} MiB |"
    )
    if with_clear:
        t0 = time.perf_counter()
        clear = clear_match(side_a, side_b, load_params().match)
        t_clear = time.perf_counter() - t0
        cp, cr = pr(clear, want)  # type: ignore[arg-type]
        print(
            f"baseline, clear text same rule: P {cp:.3f} R {cr:.3f} ({len(clear):,} pairs, "
            f"{t_clear:.1f} s); encoded recall / clear recall = {r / max(cr, 1e-9):.3f}"
        )
    sys.stdout.flush()


def diagnose(
    side_a: list[PersonTokens],
    side_b: list[PersonTokens],
    ea: Encodings,
    eb: Encodings,
    want: set[tuple[Key, Key]],
    out: Path,
) -> None:
    """Save every candidate's field similarities (from the encodings), its truth label and
    how common its shared name key is on both sides, so rules can be compared offline."""
    params = load_params()
    c = candidate_pairs(
        Tokens(ea.token_rec, ea.token, ea.token_kind),
        Tokens(eb.token_rec, eb.token, eb.token_kind),
        params.blocking.max_block_pairs,
    )
    cols: dict[str, list[np.ndarray]] = {}
    for start in range(0, len(c.a), 20_000):
        pa_, pb_ = c.a[start : start + 20_000], c.b[start : start + 20_000]
        dob, dob_tokens = overlap(ea.dob[pa_], eb.dob[pb_], params.dob.k)
        part = {
            "name": name_dice(ea.name[pa_], eb.name[pb_]),
            "dob": dob,
            "dob_tokens": dob_tokens,
            "id_number": dice(ea.id_number[pa_], eb.id_number[pb_]),
            "id_kind": dice(ea.id_kind[pa_], eb.id_kind[pb_]),
            "phone": dice(ea.phone[pa_], eb.phone[pb_]),
            "sex": dice(ea.sex[pa_], eb.sex[pb_]),
        }
        for k, v in part.items():
            cols.setdefault(k, []).append(v)
    fa: dict[str, int] = {}
    fb: dict[str, int] = {}
    for side, freq in ((side_a, fa), (side_b, fb)):
        for t in side:
            for k in set(t.names):
                freq[k] = freq.get(k, 0) + 1
    shared = np.array(
        [
            min((fa[k] * fb[k] for k in set(side_a[i].names) & set(side_b[j].names)), default=-1)
            for i, j in zip(c.a.tolist(), c.b.tolist(), strict=True)
        ]
    )
    label = np.array(
        [
            (side_a[i].key, side_b[j].key) in want
            for i, j in zip(c.a.tolist(), c.b.tolist(), strict=True)
        ]
    )
    np.savez(
        out,
        **{k: np.concatenate(v) for k, v in cols.items()},
        rare_name=c.rare_name,
        name_pairs=c.name_pairs,
        shared_name_pairs=shared,
        label=label,
        n_true=np.array([len(want)]),
    )
    print(f"candidates and their similarities saved to {out} ({len(c.a):,} candidates)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--resolve", action="store_true")
    ap.add_argument(
        "--withhold", action="store_true", help="apply the agreement's role rules to the tokens"
    )
    ap.add_argument("--big", type=int, default=0, help="time N x N records (e.g. 100000)")
    ap.add_argument("--no-clear", action="store_true", help="--big without the clear baseline")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the big world and its tokens here")
    ap.add_argument(
        "--prepare", action="store_true", help="with --keep: only generate, ingest and tokenise"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-exchange-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        if args.scale:
            accuracy(args.scale, args.seed, args.resolve, args.withhold, Path(tmp))
        if args.big and args.prepare:
            _big_tokens(args.big, args.seed, root)
        elif args.big:
            save = root / f"candidates-{args.seed}-{args.big}.npz" if args.keep else None
            speed(args.big, args.seed, root, not args.no_clear, save)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
