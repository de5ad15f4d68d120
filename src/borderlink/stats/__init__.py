"""The operation's figures as SQL builders over the workspace.

`headline(store)` gives the top line as (label, value) pairs;
`operation_figures(store, window, by)` counts cases, arrests and distinct people by kind,
groups broken up and year-on-year changes; `compare_reports(store)` sets them beside the
figures the reports state. The counting rules are data: `stats/rules/counting.yaml`.
"""

from borderlink.stats.breakdowns import DIMENSIONS
from borderlink.stats.compare import Comparison, compare_reports
from borderlink.stats.counting import counting_rules
from borderlink.stats.figures import operation_figures
from borderlink.stats.headline import headline, headline_lines
from borderlink.stats.models import (
    Breakdown,
    Count,
    FigureInfo,
    FigureSet,
    OperationFigures,
    YoyRow,
)
from borderlink.stats.windows import Window
from borderlink.stats.yoy import YoyChange, yoy_change

__all__ = [
    "DIMENSIONS",
    "Breakdown",
    "Comparison",
    "Count",
    "FigureInfo",
    "FigureSet",
    "OperationFigures",
    "Window",
    "YoyChange",
    "YoyRow",
    "compare_reports",
    "counting_rules",
    "headline",
    "headline_lines",
    "operation_figures",
    "yoy_change",
]
