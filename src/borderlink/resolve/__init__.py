"""Resolve person records into entities across agencies and scripts (Splink on DuckDB)."""

from borderlink.resolve.run import ResolveSummary, resolve_workspace

__all__ = ["ResolveSummary", "resolve_workspace"]
