"""Every figure of the report as CSV and JSON files beside the HTML and PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from borderlink.errors import InvalidRequest
from borderlink.reports.data import ReportData
from borderlink.stats.tables import breakdown_rows, headline_rows, to_csv, yoy_flat_rows


def _write(out: Path, name: str, rows: list[dict[str, Any]]) -> list[Path]:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    csv_path, json_path = out / f"{name}.csv", out / f"{name}.json"
    csv_path.write_text(to_csv(rows, columns), encoding="utf-8")
    json_path.write_text(
        json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )
    return [csv_path, json_path]


def write_data_files(data: ReportData, out: Path) -> list[Path]:
    """figures, yoy, by_<dimension>, flows, syndicates and (after extract) reported_vs_computed
    as .csv and .json; returns the paths."""
    written: list[Path] = []
    try:
        written += _write(out, "figures", headline_rows(data.figures))
        written += _write(out, "yoy", yoy_flat_rows(data.figures))
        for by, figures in data.breakdowns.items():
            rows = breakdown_rows(figures) or [
                {"dimension": by, "note": figures.breakdown.note if figures.breakdown else None}
            ]
            written += _write(out, f"by_{by}", rows)
        written += _write(out, "flows", [f.model_dump() for f in data.flows])
        syndicates = [
            s.model_dump(mode="json")
            | {
                "routes": ";".join(s.routes),
                "key_players": ";".join(s.key_players),
                "roles": ";".join(f"{k}={v}" for k, v in s.roles.items()),
            }
            for s in data.syndicates or []
        ]
        if data.syndicates is None:
            syndicates = [{"note": "not computed: run resolve/analyse"}]
        written += _write(out, "syndicates", syndicates)
        if data.comparisons is not None:
            compared = [c.model_dump(mode="json") for c in data.comparisons]
            for row in compared:
                period = row.pop("period") or {}
                row["period_from"], row["period_to"] = period.get("start"), period.get("end")
            written += _write(out, "reported_vs_computed", compared)
        full = out / "operation_figures.json"
        full.write_text(data.figures.model_dump_json(indent=2) + "\n", encoding="utf-8")
        written.append(full)
    except OSError as exc:
        raise InvalidRequest(
            "out", f"cannot write the report files to {out}: {exc.strerror or exc}"
        ) from exc
    return written
