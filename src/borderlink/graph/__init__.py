"""The link graph: resolved entities, syndicates, roles in the chain, key players, disruption.

Names are imported on first use, so `borderlink --help` does not pay for igraph,
networkx and pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "AnalysisSummary": "analysis",
    "analyse_workspace": "analysis",
    "DisruptionResult": "disrupt",
    "disrupt_graph": "disrupt",
    "disrupt_syndicate": "disrupt",
    "GraphEvaluation": "evaluate",
    "evaluate_graph": "evaluate",
    "export_graph": "export_graph",
    "export_people": "export_graph",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'borderlink.graph' has no attribute {name!r}")
    return getattr(import_module(f"borderlink.graph.{module}"), name)
