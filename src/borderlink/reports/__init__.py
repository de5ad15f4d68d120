"""The operation report: self-contained HTML (inline SVG charts), the same as PDF, and
every figure as CSV and JSON. Templates and chart specs are package data (templates/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel

from borderlink.errors import InvalidRequest
from borderlink.reports.data import ReportData, report_data
from borderlink.reports.files import write_data_files
from borderlink.reports.labels import labels_for
from borderlink.reports.pdf import find_chromium, print_pdf
from borderlink.reports.render import render_html
from borderlink.store import Store


class ReportSummary(BaseModel):
    out: str
    html: str
    pdf: str | None
    files: list[str]
    data: ReportData


def build_report(
    store: Store,
    out: Path,
    *,
    lang: str = "en",
    window: tuple[date | None, date | None] | None = None,
    pdf: bool = True,
    chromium: Path | None = None,
    marking: str | None = None,
) -> ReportSummary:
    """Write report.html, report.pdf and the figures' CSV/JSON files into OUT.

    `marking` is the classification printed at the top and bottom of the page and of
    every PDF page (default: labels.yaml `marking_default`); a generated world is also
    marked as synthetic data."""
    labels = labels_for(lang)
    browser = find_chromium(chromium) if pdf else None  # fail before any work
    data = report_data(store, window)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InvalidRequest("out", f"{out} exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        html = out / "report.html"
        html.write_text(render_html(data, labels, marking=marking), encoding="utf-8")
    except OSError as exc:
        raise InvalidRequest(
            "out", f"cannot write the report to {out}: {exc.strerror or exc}"
        ) from exc
    files = write_data_files(data, out)
    banner = marking or labels.text("marking_default")
    if data.generated_world:
        banner += " · " + labels.text("synthetic")
    if data.exchanged:  # every page says which handling codes the figures carry
        codes = sorted({m.handling_code for m in data.exchanged})
        banner += f" · {labels.text('exchanged')} {', '.join(codes)}"
    pdf_path = print_pdf(html, out / "report.pdf", browser, banner) if browser else None
    return ReportSummary(
        out=str(out),
        html=str(html),
        pdf=str(pdf_path) if pdf_path else None,
        files=[str(f) for f in files],
        data=data,
    )


__all__ = ["ReportData", "ReportSummary", "build_report", "report_data"]
