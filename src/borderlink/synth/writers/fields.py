"""What every writer shares: the sink that collects truth rows, ID writing with the
deliberate (recorded) check-digit errors, and nationality names per language.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from borderlink.synth.ids import break_hkid, break_resident_id
from borderlink.synth.noise import Clerk
from borderlink.synth.world import Person

NATIONALITY_ZH = {
    "CHN": "中国",
    "HKG": "中国香港",
    "VNM": "越南",
    "MMR": "缅甸",
    "BGD": "孟加拉国",
    "PAK": "巴基斯坦",
    "IND": "印度",
    "NPL": "尼泊尔",
    "LKA": "斯里兰卡",
}
NATIONALITY_EN = {
    "CHN": "China",
    "HKG": "Hong Kong",
    "VNM": "Vietnam",
    "MMR": "Myanmar",
    "BGD": "Bangladesh",
    "PAK": "Pakistan",
    "IND": "India",
    "NPL": "Nepal",
    "LKA": "Sri Lanka",
}


@dataclass
class Sink:
    """Truth rows and file counts gathered while the exports are written."""

    out: Path
    records: list[tuple[str, str, str, str]] = field(default_factory=list)
    id_errors: list[tuple[str, str, str, str]] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)

    def record(self, source: str, file: str, key: str, person: Person) -> None:
        self.records.append((source, file, key, person.person_id))

    def counted(self, relpath: str, rows: int) -> None:
        self.files[relpath] = rows


def resident_id(person: Person, clerk: Clerk, sink: Sink, where: tuple[str, str, str]) -> str:
    """One of the person's resident IDs, copied wrongly now and then (recorded)."""
    ids = person.resident_ids
    number = (
        ids[0] if len(ids) == 1 or clerk.rng.random() < 0.5 else ids[clerk.rng.randrange(len(ids))]
    )
    if clerk.hit(clerk.rates.id_error):
        number, reason = break_resident_id(clerk.rng, number)
        sink.id_errors.append((*where, reason))
    return number


def hkid(person: Person, clerk: Clerk, sink: Sink, where: tuple[str, str, str]) -> str:
    assert person.hkid is not None
    if clerk.hit(clerk.rates.id_error):
        number, reason = break_hkid(clerk.rng, person.hkid)
        sink.id_errors.append((*where, reason))
        return number
    return person.hkid


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> None:
    """CSV with CRLF line ends, as spreadsheet programs export it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
