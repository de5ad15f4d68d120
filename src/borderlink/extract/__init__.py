"""Facts from free-text reports: figures, changes, periods, places, routes, people.

Rules and vocabularies are YAML in `extract/rules/`; nothing is downloaded.
"""

from borderlink.extract.document import extract_text
from borderlink.extract.evaluate import Evaluation, evaluate, load_gold
from borderlink.extract.facts import ExtractSummary, Fact, ReportOutcome
from borderlink.extract.outcomes import extract_files, report_outcome
from borderlink.extract.report_facts import extract_workspace, reported_figures, stored_facts

__all__ = [
    "Evaluation",
    "ExtractSummary",
    "Fact",
    "ReportOutcome",
    "evaluate",
    "extract_files",
    "extract_text",
    "extract_workspace",
    "load_gold",
    "report_outcome",
    "reported_figures",
    "stored_facts",
]
