"""One small generated world per test session (generation takes about a second)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from borderlink.synth import GenerateSummary, generate

SEED = 11
SCALE = 1500


@dataclass(frozen=True)
class World:
    out: Path
    summary: GenerateSummary

    def csv_rows(self, relpath: str, encoding: str = "utf-8") -> list[dict[str, str]]:
        with (self.out / relpath).open(encoding=encoding, newline="") as handle:
            return list(csv.DictReader(handle))

    def jsonl(self, relpath: str) -> list[dict[str, object]]:
        lines = (self.out / relpath).read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    out = tmp_path_factory.mktemp("synth") / "world"
    return World(out, generate(out, seed=SEED, scale=SCALE))
