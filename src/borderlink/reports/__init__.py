"""The operation report: self-contained HTML (inline SVG charts), the same as PDF, and
every figure as CSV and JSON. Templates and chart specs are package data (templates/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel

from borderlink.outputs import check_folder, ensure_folder, write_text
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
    check_folder(Path(out))
    data = report_data(store, window)
    out = ensure_folder(Path(out))
    html = out / "report.html"
    write_text(html, render_html(data, labels, marking=marking))
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
