"""Keyed Bloom-filter encodings of person records, and the ENC file that carries them.

Each field has its own HMAC-SHA256 key derived from the agreement's shared
secret; a token sets k bits chosen by double hashing of its HMAC. Names get one
filter per whole-name key (slots), so a record with characters (several keys)
and one in Latin letters (one key) are compared key against key. Blocking
tokens are 64-bit truncated HMACs under a separate key. The ENC file (a NumPy
.npz archive) holds the filters, the blocking tokens, each record's key
(source, file, record_key) and a header naming the agreement, the agency and
the secret's fingerprint, never a name, date or number in clear.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from borderlink.errors import InvalidRequest, PackageRejected
from borderlink.exchange.features import (
    EncodingParams,
    FieldBits,
    PersonTokens,
    block_kind,
    load_params,
    rare_name_keys,
)

FORMAT = "borderlink-encodings/1"
FIELDS = ("name", "dob", "id_number", "phone", "sex", "id_kind")


class EncHeader(BaseModel):
    format: str = FORMAT
    agreement: str
    agency: str
    created: str
    records: int
    secret_fingerprint: str
    params_sha256: str


class Encodings(BaseModel, arbitrary_types_allowed=True):
    """Filters as uint64 words: name (n, slots, w), the others (n, w); tokens per record."""

    header: EncHeader
    keys: np.ndarray  # (n, 3) str: source, file, record_key
    name: np.ndarray
    dob: np.ndarray
    id_number: np.ndarray
    phone: np.ndarray
    sex: np.ndarray
    id_kind: np.ndarray
    token_rec: np.ndarray  # int64 record index
    token: np.ndarray  # uint64 keyed blocking token
    token_kind: np.ndarray  # uint8: 1 = a rare whole-name key alone, 2 = another, 0 = else


def derive_key(secret: bytes, label: str) -> bytes:
    """An independent key per use (field filters, blocking, fingerprint)."""
    return hmac.new(secret, f"borderlink/encoding/v1/{label}".encode(), hashlib.sha256).digest()


def secret_fingerprint(secret: bytes) -> str:
    return derive_key(secret, "fingerprint").hex()[:16]


def params_sha256(params: EncodingParams) -> str:
    return hashlib.sha256(params.model_dump_json().encode()).hexdigest()


class _Hasher:
    """A token's bits under one field key, as an integer mask (cached: names repeat)."""

    def __init__(self, key: bytes, spec: FieldBits) -> None:
        self.key, self.bits, self.k = key, spec.bits, spec.k
        self.cache: dict[str, int] = {}

    def mask(self, token: str) -> int:
        hit = self.cache.get(token)
        if hit is None:
            digest = hmac.new(self.key, token.encode(), hashlib.sha256).digest()
            h1 = int.from_bytes(digest[:8], "little")
            h2 = int.from_bytes(digest[8:16], "little") | 1
            hit = 0
            for i in range(self.k):
                hit |= 1 << ((h1 + i * h2) % self.bits)
            self.cache[token] = hit
        return hit

    def filter_bytes(self, tokens: Iterable[str]) -> bytes:
        """The filter of these tokens, little-endian (reads as uint64 words)."""
        value = 0
        for token in tokens:
            value |= self.mask(token)
        return value.to_bytes(self.bits // 8, "little")


def encode_tokens(
    tokens: list[PersonTokens], secret: bytes, *, agreement: str, agency: str
) -> Encodings:
    params = load_params()
    n = len(tokens)
    hashers = {f: _Hasher(derive_key(secret, f), getattr(params, f)) for f in FIELDS}
    words = {f: getattr(params, f).bits // 64 for f in FIELDS}
    slots = params.name.slots
    empty_name = bytes(words["name"] * 8)
    name_buf = bytearray()
    other = {f: bytearray() for f in FIELDS[1:]}
    block_key = derive_key(secret, "blocking")
    block_cache: dict[str, int] = {}
    token_rec: list[int] = []
    token_val: list[int] = []
    token_kind: list[int] = []
    rare = rare_name_keys(tokens)
    for i, t in enumerate(tokens):
        for slot in range(slots):
            if slot < len(t.names):
                family, _, body = t.names[slot].partition(":")
                grams = [f"{family}:{body[j : j + 2]}" for j in range(len(body) - 1)]
                name_buf += hashers["name"].filter_bytes(grams)
            else:
                name_buf += empty_name
        other["dob"] += hashers["dob"].filter_bytes(t.dob)
        other["id_number"] += hashers["id_number"].filter_bytes(t.id_grams)
        other["phone"] += hashers["phone"].filter_bytes(t.phone)
        other["sex"] += hashers["sex"].filter_bytes(t.sex)
        other["id_kind"] += hashers["id_kind"].filter_bytes(t.id_kind)
        for b in t.blocks:
            value = block_cache.get(b)
            if value is None:
                digest = hmac.new(block_key, b.encode(), hashlib.sha256).digest()
                value = block_cache[b] = int.from_bytes(digest[:8], "little")
            token_rec.append(i)
            token_val.append(value)
            token_kind.append(block_kind(b, rare))
    name = np.frombuffer(bytes(name_buf), "<u8").reshape(n, slots, words["name"])
    arrays = {f: np.frombuffer(bytes(buf), "<u8").reshape(n, words[f]) for f, buf in other.items()}
    header = EncHeader(
        agreement=agreement,
        agency=agency,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        records=n,
        secret_fingerprint=secret_fingerprint(secret),
        params_sha256=params_sha256(params),
    )
    keys = np.array([list(t.key) for t in tokens], dtype=str).reshape(n, 3)
    return Encodings(
        header=header,
        keys=keys,
        name=name,
        dob=arrays["dob"],
        id_number=arrays["id_number"],
        phone=arrays["phone"],
        sex=arrays["sex"],
        id_kind=arrays["id_kind"],
        token_rec=np.array(token_rec, np.int64),
        token=np.array(token_val, np.uint64),
        token_kind=np.array(token_kind, np.uint8),
    )


def write_encodings(enc: Encodings, out: Path) -> str:
    """Write the ENC file; returns its SHA-256."""
    out.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {
        "header": np.frombuffer(enc.header.model_dump_json().encode(), np.uint8),
        "keys": enc.keys,
        "token_rec": enc.token_rec,
        "token": enc.token,
        "token_kind": enc.token_kind,
    }
    arrays.update({f: getattr(enc, f) for f in FIELDS})
    with out.open("wb") as fh:
        np.savez_compressed(fh, **arrays)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def read_encodings(path: Path) -> Encodings:
    try:
        with np.load(path, allow_pickle=False) as data:
            header = EncHeader.model_validate_json(bytes(data["header"]))
            fields = {f: data[f] for f in FIELDS}
            enc = Encodings(
                header=header,
                keys=data["keys"],
                token_rec=data["token_rec"],
                token=data["token"],
                token_kind=data["token_kind"],
                **fields,
            )
    except (OSError, ValueError, KeyError) as exc:
        raise PackageRejected(
            f"{path}: not a borderlink encodings file ({exc})", file=str(path)
        ) from exc
    if header.format != FORMAT:
        raise PackageRejected(f"{path}: format {header.format!r}, expected {FORMAT}")
    if len(enc.keys) != header.records:
        raise PackageRejected(f"{path}: {len(enc.keys)} records, header says {header.records}")
    return enc


def check_comparable(a: Encodings, b: Encodings, path_a: Path, path_b: Path) -> None:
    """Both sides must use the same agreement, secret and parameters."""
    ha, hb = a.header, b.header
    if ha.agreement != hb.agreement:
        raise InvalidRequest(
            "encodings", f"{path_a} is under {ha.agreement}, {path_b} under {hb.agreement}"
        )
    if ha.secret_fingerprint != hb.secret_fingerprint:
        raise InvalidRequest(
            "encodings",
            f"{path_a} and {path_b} were encoded with different secrets "
            f"({ha.secret_fingerprint} / {hb.secret_fingerprint}); share one under {ha.agreement}",
        )
    if ha.params_sha256 != hb.params_sha256:
        raise InvalidRequest(
            "encodings", f"{path_a} and {path_b} were encoded with different parameters"
        )
