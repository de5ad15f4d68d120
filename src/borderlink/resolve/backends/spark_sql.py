"""The comparisons' SQL as Spark runs it: borderlink's SQL rewritten for Spark's dialect.

The levels in settings/comparisons.yaml are written in DuckDB's dialect plus
the `bl_*` functions, which resolve/backends/duckdb.py defines as macros. Spark
has no SQL macros, so each call is expanded in place: the macro's own DuckDB
body is parsed, its parameters replaced by the call's arguments, and the result
rewritten like any other level SQL. Functions one engine spells differently
are mapped here, and the few macros built on DuckDB's list lambdas have a
Spark body written here (over zip_with). Jaro-Winkler runs as a vectorised UDF
on rapidfuzz, the implementation DuckDB's jaro_winkler_similarity uses, so both
engines give the same similarity to the last digit.

A function neither engine knows how to run here stops the run with a
ConfigError that names it, rather than a Spark parse error mid-run.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import sqlglot
from sqlglot import exp

from borderlink.errors import ConfigError
from borderlink.resolve.backends.duckdb import MACROS

# bl_* macros whose DuckDB bodies use list lambdas: their Spark bodies, with {0}, {1}...
# standing for the arguments.
SPARK_BODIES: dict[str, str] = {
    "bl_shared_holders": (
        "array_min(zip_with({0}, {1}, (bl_k, bl_h) -> IF(array_contains({2}, bl_k), bl_h, NULL)))"
    ),
    "bl_shared_max_holders": (
        "array_max(zip_with({0}, {1}, (bl_k, bl_h) -> "
        "IF(left(bl_k, length({3})) = {3} AND array_contains({2}, bl_k), bl_h, NULL)))"
    ),
}
# Functions registered in the Spark session as UDFs of the same meaning (spark.py).
UDFS = {"bl_max_jw", "bl_jaro_winkler"}
# Functions Spark has under the same name and meaning (damerau_levenshtein: Splink's jar).
PASS_THROUGH = {"damerau_levenshtein"}

_MACRO = re.compile(
    r"CREATE OR REPLACE TEMP MACRO (\w+)\(([^)]*)\) AS\s+(.*)", re.DOTALL | re.IGNORECASE
)


@cache
def duckdb_macros() -> dict[str, tuple[list[str], str]]:
    """name -> (parameters, body) of every macro the DuckDB backend defines."""
    out: dict[str, tuple[list[str], str]] = {}
    for sql in MACROS:
        match = _MACRO.match(sql.strip())
        if match is None:
            raise ConfigError(f"resolve macro not in the form CREATE ... MACRO: {sql[:60]}")
        name, params, body = match.groups()
        out[name.lower()] = ([p.strip().lower() for p in params.split(",")], body)
    return out


def _spark(node: exp.Expr) -> str:
    return node.sql(dialect="spark")


def _call(template: str, args: list[exp.Expr]) -> exp.Expr:
    sql = template.format(*(_spark(a) for a in args))
    return exp.Paren(this=sqlglot.parse_one(sql, read="spark"))


def _expand_macro(name: str, args: list[exp.Expr]) -> exp.Expr:
    params, body = duckdb_macros()[name]
    if len(params) != len(args):
        raise ConfigError(f"{name} takes {len(params)} arguments, given {len(args)}")
    values = dict(zip(params, args, strict=True))
    tree = sqlglot.parse_one(body, read="duckdb")

    def substitute(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Column) and not node.table and node.name.lower() in values:
            return exp.Paren(this=values[node.name.lower()].copy())
        return node

    return exp.Paren(this=_rewrite(tree.transform(substitute)))


def _rewrite_node(node: exp.Expr, arrays: frozenset[str]) -> exp.Expr:
    if isinstance(node, exp.Anonymous):
        name = str(node.this).lower()
        args = list(node.expressions)
        if name in SPARK_BODIES:
            return _call(SPARK_BODIES[name], [_rewrite(a, arrays) for a in args])
        if name in UDFS or name in PASS_THROUGH:
            return node
        if name in duckdb_macros():
            return _expand_macro(name, [_rewrite(a, arrays) for a in args])
        raise ConfigError(f"comparison SQL calls {name}(), which the Spark engine cannot run")
    if isinstance(node, exp.Length) and _is_array(node.this, arrays):
        return _call("CASE WHEN {0} IS NULL THEN NULL ELSE size({0}) END", [node.this])
    if isinstance(node, exp.ArrayOverlaps):
        return _call("arrays_overlap({0}, {1})", [node.this, node.expression])
    if isinstance(node, exp.Left) and _negative(node.expression):
        keep = int(node.expression.this.this)  # left(x, -n): all but the last n characters
        return _call(f"substring({{0}}, 1, length({{0}}) - {keep})", [node.this])
    if isinstance(node, exp.JarowinklerSimilarity):
        return _call("bl_jaro_winkler({0}, {1})", [node.this, node.expression])
    return node


def _negative(node: Any) -> bool:
    return (
        isinstance(node, exp.Neg)
        and isinstance(node.this, exp.Literal)
        and not node.this.is_string
        and str(node.this.this).isdigit()
    )


def _is_array(node: exp.Expr, arrays: frozenset[str]) -> bool:
    if not isinstance(node, exp.Column):
        return False
    return re.sub(r"_[lr]$", "", node.name) in arrays


def _rewrite(tree: exp.Expr, arrays: frozenset[str] = frozenset()) -> exp.Expr:
    return tree.transform(lambda node: _rewrite_node(node, arrays))


def to_spark(sql: str, array_columns: frozenset[str]) -> str:
    """One level's SQL in Spark's dialect (`array_columns`: the feature columns that are lists)."""
    text = sql.strip()
    if text.upper() == "ELSE":
        return text
    try:
        tree = sqlglot.parse_one(text, read="duckdb")
    except sqlglot.errors.ParseError as exc:
        raise ConfigError(f"comparison SQL does not parse: {text[:80]}: {exc}") from exc
    return _spark(_rewrite(tree, array_columns))


def spark_settings(settings: dict[str, Any], array_columns: frozenset[str]) -> dict[str, Any]:
    """A copy of Splink settings (or a saved model) with every level's SQL for Spark."""
    out = {**settings, "comparisons": []}
    for comparison in settings["comparisons"]:
        levels = [
            {**level, "sql_condition": to_spark(level["sql_condition"], array_columns)}
            for level in comparison["comparison_levels"]
        ]
        out["comparisons"].append({**comparison, "comparison_levels": levels})
    return out
