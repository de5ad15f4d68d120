"""A report file, or a stored report text, -> its facts or a clear reason why there are none.

Reports that are empty, binary or in an unknown encoding, and reports that state
nothing the rules know, are kept with a status and a message rather than dropped, so
the analyst sees every report that came in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from borderlink.errors import SourceError
from borderlink.extract.document import extract_text
from borderlink.extract.facts import ReportOutcome
from borderlink.sources.text_reader import read_report

MESSAGES = {
    "empty": "empty report: no text to read",
    "not_text": "not a text file (binary content)",
    "undecodable": "not readable as UTF-8 or GB18030 text",
    "no_facts": "no facts found: the text names no figure, period, place or person the rules know",
}


def report_outcome(
    file: str, text: str | None, status: str, *, report_date: date | None = None
) -> ReportOutcome:
    """Facts of one report, or its status and message when it yields none."""
    if status != "ok" or text is None:
        known = status if status in MESSAGES else "undecodable"
        return ReportOutcome(file=file, status=known, message=f"{file}: {MESSAGES[known]}")  # type: ignore[arg-type]
    facts = extract_text(text, file=file, report_date=report_date)
    if not facts:
        return ReportOutcome(
            file=file, status="no_facts", message=f"{file}: {MESSAGES['no_facts']}"
        )
    return ReportOutcome(file=file, status="ok", facts=facts)


def extract_files(paths: list[Path]) -> list[ReportOutcome]:
    """Read report files (UTF-8, UTF-8 with BOM or GB18030, detected) and extract each one."""
    outcomes = []
    for path in paths:
        if not path.is_file():
            raise SourceError(f"{path}: no such report file", file=str(path))
        content = read_report(path)
        outcomes.append(report_outcome(str(path), content["text"], content["status"]))
    return outcomes
