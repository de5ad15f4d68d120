"""One Spark session per command, configured from Settings.

The session carries Splink's similarity UDF jar, which ships inside the splink
package: nothing is downloaded when Spark starts (no --packages). Executors run
the same Python as the driver in local mode; on a cluster, borderlink and its
dependencies must be installed on the executors' Python (docs/scale.md).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from borderlink.config import Settings
from borderlink.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def work_dir(settings: Settings, workspace: Path) -> Path:
    """Where the workspace and Spark exchange Parquet files (default <workspace>/spark)."""
    return Path(settings.spark_work_dir) if settings.spark_work_dir else Path(workspace) / "spark"


def _require_java() -> None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return
    if shutil.which("java") is None:
        raise ConfigError(
            "the Spark engine needs Java 17 (Debian: apt-get install openjdk-17-jre-headless, "
            "or 'make spark-deps'); none found on PATH or in JAVA_HOME",
            key="engine",
        )


def _import_pyspark() -> Any:
    try:
        import pyspark.sql
    except ImportError as exc:
        raise ConfigError(
            "the Spark engine needs pyspark: pip install 'borderlink[spark]'", key="engine"
        ) from exc
    return pyspark.sql


def spark_session(settings: Settings, workspace: Path, app: str = "borderlink") -> SparkSession:
    """A Spark session for `settings.spark_master` with borderlink's configuration."""
    _require_java()
    sql = _import_pyspark()
    from splink.backends.spark import similarity_jar_location

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    scratch = work_dir(settings, workspace) / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    builder = (
        sql.SparkSession.builder.appName(app)
        .master(settings.spark_master)
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", settings.spark_driver_memory)
        .config("spark.executor.memory", settings.spark_executor_memory)
        .config("spark.executor.cores", str(settings.spark_executor_cores))
        .config("spark.sql.shuffle.partitions", str(settings.spark_partitions))
        .config("spark.default.parallelism", str(settings.spark_partitions))
        .config("spark.local.dir", str(scratch))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.extraJavaOptions", "-Dlog4j.rootLogger=ERROR,console")
    )
    session: SparkSession = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(str(scratch / "checkpoints"))
    return session
