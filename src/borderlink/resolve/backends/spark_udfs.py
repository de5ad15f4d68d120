"""The similarity functions the comparisons call, as vectorised Spark UDFs.

Jaro-Winkler comes from rapidfuzz, whose algorithm DuckDB's
jaro_winkler_similarity implements, so a pair lands on the same level on both
engines (Splink's JVM Jaro-Winkler rounds differently near the thresholds).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from rapidfuzz.distance import JaroWinkler

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def max_jaro_winkler(left: pd.Series, right: pd.Series) -> pd.Series:
    """Best similarity between any form of one record and any of the other (0.0 if none)."""
    out = []
    for a, b in zip(left, right, strict=True):
        if a is None or b is None or len(a) == 0 or len(b) == 0:
            out.append(0.0)
            continue
        out.append(max(JaroWinkler.similarity(x, y) for x in a for y in b))
    return pd.Series(out, dtype="float64")


def jaro_winkler(left: pd.Series, right: pd.Series) -> pd.Series:
    """Jaro-Winkler similarity of two strings (null if either is null)."""
    return pd.Series(
        [
            None if a is None or b is None else JaroWinkler.similarity(a, b)
            for a, b in zip(left, right, strict=True)
        ],
        dtype="float64",
    )


def register_udfs(spark: SparkSession) -> None:
    """bl_max_jw(array, array) and bl_jaro_winkler(string, string) for Spark SQL."""
    from pyspark.sql.pandas.functions import pandas_udf

    spark.udf.register("bl_max_jw", pandas_udf(max_jaro_winkler, "double"))  # type: ignore[call-overload]
    spark.udf.register("bl_jaro_winkler", pandas_udf(jaro_winkler, "double"))  # type: ignore[call-overload]
