"""Match two agencies' encodings: keyed blocking, Dice similarity, one score per pair.

Candidates are the pairs that share a keyed blocking token (a name key, alone or
with the birth year; an ID number; a phone), minus tokens so common that their
block would exceed `max_block_pairs`. Each candidate gets a Dice similarity per
field (names: the best pair of name slots) and the rule in encoding.yaml turns
them into a score. Only pairs at or above the threshold are written, named by
their record keys (source, file, record_key): nothing else is revealed.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import numpy as np
import pyarrow as pa
from pydantic import BaseModel

from borderlink.csv_export import write_csv
from borderlink.exchange.encode import Encodings, check_comparable, read_encodings
from borderlink.exchange.features import MatchRule, load_params
from borderlink.store import Store

PAIR_COLUMNS = ("source_a", "file_a", "record_key_a", "source_b", "file_b", "record_key_b", "score")
_CHUNK = 20_000


class MatchSummary(BaseModel):
    records_a: int
    records_b: int
    candidate_pairs: int
    matched_pairs: int
    threshold: float
    out: str | None = None


class Tokens(NamedTuple):
    rec: np.ndarray  # record index
    token: np.ndarray  # blocking token
    kind: np.ndarray  # 1 = a rare whole-name key alone, 2 = another whole-name key alone


class Candidates(NamedTuple):
    a: np.ndarray
    b: np.ndarray
    rare_name: np.ndarray  # shares a name key rare on both sides, held by one record on each
    name_pairs: np.ndarray  # pairs sharing their least common whole-name key; -1: none kept


def candidate_pairs(ta: Tokens, tb: Tokens, cap: int) -> Candidates:
    """Distinct (a, b) record index pairs sharing a token whose block has <= cap pairs."""
    store = Store.memory()
    try:
        store.register("_ta", pa.table({"r": ta.rec, "t": ta.token, "k": ta.kind}))
        store.register("_tb", pa.table({"r": tb.rec, "t": tb.token, "k": tb.kind}))
        table = store.query_arrow(
            """WITH ca AS (SELECT t, count(*) AS n FROM _ta GROUP BY t),
                    cb AS (SELECT t, count(*) AS n FROM _tb GROUP BY t),
                    ok AS (SELECT t, ca.n * cb.n AS pairs FROM ca JOIN cb USING (t)
                           WHERE ca.n * cb.n <= $cap)
               SELECT a.r AS a, b.r AS b, bool_or(a.k = 1 AND b.k = 1 AND ok.pairs = 1) AS rare,
                      coalesce(min(ok.pairs) FILTER (WHERE a.k >= 1 AND b.k >= 1), -1) AS np
               FROM _ta a JOIN ok USING (t) JOIN _tb b USING (t) GROUP BY ALL ORDER BY a, b""",
            {"cap": cap},
        )
    finally:
        store.close()
    return Candidates(
        table.column("a").to_numpy().astype(np.int64),
        table.column("b").to_numpy().astype(np.int64),
        table.column("rare").to_numpy(zero_copy_only=False).astype(bool),
        table.column("np").to_numpy().astype(np.int64),
    )


def _popcount(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.bitwise_count(x).sum(axis=-1, dtype=np.int32)
    return out


def overlap(a: np.ndarray, b: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(shared bits / the smaller filter's bits, tokens in the smaller filter ~ bits / k)."""
    na, nb = _popcount(a), _popcount(b)
    fewer = np.minimum(na, nb)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: np.ndarray = _popcount(a & b) / fewer.astype(np.float64)
    out[fewer == 0] = np.nan
    return out, np.rint(fewer / k)


def dice(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dice of filter rows (..., w); NaN where either filter is empty (field missing)."""
    na, nb = _popcount(a), _popcount(b)
    inter = _popcount(a & b)
    total = (na + nb).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: np.ndarray = 2.0 * inter / total
    out[(na == 0) | (nb == 0)] = np.nan
    return out


def name_dice(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Best Dice over every pair of name slots: (c, s, w) x (c, s, w) -> (c,)."""
    d = dice(a[:, :, None, :], b[:, None, :, :])
    filled = ~np.isnan(d)
    best = np.where(filled, d, -1.0).max(axis=(1, 2))
    out: np.ndarray = np.where(best < 0, np.nan, best)
    return out


class Similarities(NamedTuple):
    """Dice per field for a batch of pairs; NaN where a side lacks the field."""

    name: np.ndarray
    dob: np.ndarray  # overlap: shared tokens / the fewer tokens (a coarser date is consistent)
    dob_tokens: np.ndarray  # tokens of the coarser side: 1 = year only
    id_number: np.ndarray
    id_kind: np.ndarray  # 1 when both numbers are of one kind
    phone: np.ndarray
    sex: np.ndarray
    rare_name: np.ndarray
    name_pairs: np.ndarray  # pairs of the two files sharing the pair's least common name key


def combine(sim: Similarities, rule: MatchRule) -> np.ndarray:
    """Score = (name + best supporting field) / 2, times the penalty per conflict.

    Conflicts: birth dates disagree and no ID supports the pair; ID numbers
    disagree; sex differs. A name key rare on both sides and held by one record
    on each supports the pair when the birth date cannot (missing on a side), as
    resolve's 'key of one person' does.
    """
    name, dob, id_, phone = sim.name, sim.dob, sim.id_number, sim.phone
    rare_name = sim.rare_name
    dob_support = np.where(sim.dob_tokens <= 1, dob * rule.year_only_support, dob)
    dob_support = np.where(sim.dob_tokens == 2, dob * rule.month_support, dob_support)
    support = np.fmax(np.fmax(dob_support, id_), phone)
    lone = rare_name & np.isnan(dob)
    support = np.where(lone, np.fmax(support, rule.rare_name_support), support)
    support = np.nan_to_num(support, nan=0.0)
    score = (np.nan_to_num(name, nan=0.0) + support) / 2.0
    id_ok = np.nan_to_num(id_, nan=0.0) >= rule.id_support_at
    conflicts = ((np.nan_to_num(dob, nan=1.0) < rule.dob_conflict_below) & ~id_ok).astype(int)
    same_kind = np.nan_to_num(sim.id_kind, nan=0.0) >= 0.99
    conflicts += same_kind & (np.nan_to_num(id_, nan=1.0) < rule.id_conflict_below)
    if rule.sex_conflict:
        conflicts += np.nan_to_num(sim.sex, nan=1.0) < 0.5
    score = np.where(np.nan_to_num(name, nan=0.0) < rule.min_name, 0.0, score)
    document = id_ok | (np.nan_to_num(phone, nan=0.0) >= 0.99)
    if rule.inexact_name_needs_document:  # another spelling: an ID number or phone must agree
        score = np.where((np.nan_to_num(name, nan=0.0) < 0.999) & ~document, 0.0, score)
    # A birth date agreeing to the day, or a document, tells namesakes apart; else the name
    # must be uncommon in the two files (few pairs share it, so chance agreement is unlikely).
    full_date = (sim.dob_tokens >= 3) & (np.nan_to_num(dob, nan=0.0) >= 0.99)
    common = (sim.name_pairs < 0) | (sim.name_pairs > rule.max_weak_name_pairs)
    score = np.where(~full_date & ~document & common, 0.0, score)
    out: np.ndarray = score * rule.conflict_penalty**conflicts
    return out


def score_pairs(
    a: Encodings, b: Encodings, c: Candidates, rule: MatchRule | None = None
) -> np.ndarray:
    params = load_params()
    rule, k_dob = rule or params.match, params.dob.k
    out = np.empty(len(c.a), np.float64)
    for start in range(0, len(c.a), _CHUNK):
        part = slice(start, start + _CHUNK)
        pa_, pb_ = c.a[part], c.b[part]
        dob, dob_tokens = overlap(a.dob[pa_], b.dob[pb_], k_dob)
        sim = Similarities(
            name_dice(a.name[pa_], b.name[pb_]),
            dob,
            dob_tokens,
            dice(a.id_number[pa_], b.id_number[pb_]),
            dice(a.id_kind[pa_], b.id_kind[pb_]),
            dice(a.phone[pa_], b.phone[pb_]),
            dice(a.sex[pa_], b.sex[pb_]),
            c.rare_name[part],
            c.name_pairs[part],
        )
        out[part] = combine(sim, rule)
    return out


def match_encodings(
    a: Encodings, b: Encodings, *, rule: MatchRule | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(index a, index b, score) of the matched pairs, and the number of candidates."""
    params = load_params()
    c = candidate_pairs(
        Tokens(a.token_rec, a.token, a.token_kind),
        Tokens(b.token_rec, b.token, b.token_kind),
        params.blocking.max_block_pairs,
    )
    rule = rule or params.match
    scores = score_pairs(a, b, c, rule)
    keep = scores >= rule.threshold
    return c.a[keep], c.b[keep], scores[keep], len(c.a)


def write_pairs(
    out: Path, a: Encodings, b: Encodings, ia: np.ndarray, ib: np.ndarray, s: np.ndarray
) -> None:
    rows = (
        [*a.keys[i], *b.keys[j], f"{score:.4f}"]
        for i, j, score in zip(ia.tolist(), ib.tolist(), s.tolist(), strict=True)
    )
    write_csv(out, PAIR_COLUMNS, rows)


def match_files(enc_a: Path, enc_b: Path, out: Path) -> MatchSummary:
    """Read both ENC files, check they are comparable, write PAIRS.csv."""
    a, b = read_encodings(enc_a), read_encodings(enc_b)
    check_comparable(a, b, enc_a, enc_b)
    ia, ib, scores, candidates = match_encodings(a, b)
    write_pairs(out, a, b, ia, ib, scores)
    return MatchSummary(
        records_a=len(a.keys),
        records_b=len(b.keys),
        candidate_pairs=candidates,
        matched_pairs=len(ia),
        threshold=load_params().match.threshold,
        out=str(out),
    )
