"""Precision and recall of extracted facts against hand-written gold facts (JSON Lines).

Facts match on file (base name), kind, what, value and qualifier; changes also on
direction (a signed change without one, as generate's truth writes it, is read as its
size and direction); periods and the report date on start and end. Only the kinds the gold file
annotates are scored, and only for the files it names, so a gold file about figures
is not penalised by the places the extractor also finds.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from borderlink.errors import SourceError
from borderlink.extract.facts import Fact

Key = tuple[Any, ...]


class KindScore(BaseModel):
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


class Evaluation(BaseModel):
    """Scores overall and per kind, with the facts that were missed or spurious."""

    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int
    by_kind: dict[str, KindScore] = Field(default_factory=dict)
    missed: list[str] = Field(default_factory=list)
    spurious: list[str] = Field(default_factory=list)


def _value(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return round(float(value), 6)
    return str(value).strip()


def fact_key(fact: dict[str, Any]) -> Key:
    """What must agree for an extracted fact to count as the gold one."""
    file = Path(str(fact.get("file", ""))).name
    kind = fact.get("kind")
    if kind in ("period", "report_date"):
        return (file, kind, _date(fact.get("start")), _date(fact.get("end")))
    value, direction = fact.get("value"), fact.get("direction")
    if kind == "change" and direction is None and isinstance(value, int | float) and value:
        # a signed percent (generate's truth/report_facts.jsonl) is a value with a direction
        value, direction = abs(value), ("down" if value < 0 else "up")
    key: Key = (file, kind, fact.get("what"), _value(value), fact.get("qualifier"))
    if kind == "change":
        key += (direction,)
    return key


def _date(value: Any) -> str | None:
    return None if value in (None, "") else str(value)[:10]


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold facts, one JSON object per line (blank lines and # comments skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read gold file: {exc.strerror}", file=str(path)) from exc
    gold = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}:{number}: not JSON: {exc.msg}", file=str(path)) from exc
        if not isinstance(item, dict) or "file" not in item or "kind" not in item:
            raise SourceError(f"{path}:{number}: a gold fact needs file and kind", file=str(path))
        gold.append(item)
    return gold


def evaluate(
    predicted: Iterable[Fact], gold: list[dict[str, Any]], *, files: set[str] | None = None
) -> Evaluation:
    """Score `predicted` against `gold` over the gold's kinds and files (or only `files`)."""
    if files is not None:
        gold = [g for g in gold if Path(str(g["file"])).name in files]
    kinds = {g["kind"] for g in gold}
    files = {Path(str(g["file"])).name for g in gold}
    wanted = Counter(fact_key(g) for g in gold)
    found = Counter(
        fact_key(f.model_dump(mode="json"))
        for f in predicted
        if f.kind in kinds and Path(f.file).name in files
    )
    hits = wanted & found
    missed = wanted - found
    spurious = found - wanted
    by_kind: dict[str, KindScore] = {k: KindScore() for k in sorted(kinds)}
    for key, n in hits.items():
        by_kind[key[1]].true_positives += n
    for key, n in missed.items():
        by_kind[key[1]].false_negatives += n
    for key, n in spurious.items():
        by_kind[key[1]].false_positives += n
    tp, fp, fn = sum(hits.values()), sum(spurious.values()), sum(missed.values())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Evaluation(
        precision=precision,
        recall=recall,
        f1=f1,
        true_positives=tp,
        false_positives=fp,
        false_negatives=fn,
        by_kind=by_kind,
        missed=[json.dumps(k, ensure_ascii=False) for k in sorted(missed.elements(), key=str)],
        spurious=[json.dumps(k, ensure_ascii=False) for k in sorted(spurious.elements(), key=str)],
    )
