"""Settings: declared once, validated on load, with their source recorded.

Precedence: defaults < borderlink.toml (in the working directory, or the file
named by BORDERLINK_CONFIG) < BORDERLINK_* environment < CLI flags.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from borderlink.errors import ConfigError


class Settings(BaseModel):
    """Every setting borderlink reads, each with a description for `config show`."""

    model_config = {"extra": "forbid"}

    workspace: Path = Field(
        Path("workspace"),
        description="Workspace folder holding the DuckDB file; created by ingest.",
    )
    threads: int = Field(2, ge=1, description="Threads DuckDB may use for a pipeline stage.")
    memory_limit: str = Field(
        "4GB", description="DuckDB memory limit for a pipeline stage (e.g. '4GB')."
    )
    keys_dir: Path = Field(
        Path("~/.borderlink/keys"),
        description=(
            "Key folder for exchange signing keys (private keys 0600, kept outside every "
            "workspace and never exported)."
        ),
    )
    agency: str | None = Field(
        None,
        description="This workspace's agency code (e.g. hk_police): packages must name it.",
    )
    agreements_dir: Path | None = Field(
        None,
        description="Folder of exchange agreement YAML files (default: the packaged agreements).",
    )
    engine: Literal["duckdb", "spark"] = Field(
        "duckdb",
        description="Engine for resolve and analyse: duckdb (one machine) or spark (a cluster).",
    )
    spark_master: str = Field(
        "local[*]",
        description="Spark master URL for --engine spark (local[*]: every core of this machine).",
    )
    spark_driver_memory: str = Field(
        "4g", description="Spark driver memory (JVM syntax, e.g. '4g'); in local mode, all of it."
    )
    spark_executor_memory: str = Field(
        "4g", description="Memory per Spark executor (JVM syntax, e.g. '8g'); cluster mode only."
    )
    spark_executor_cores: int = Field(2, ge=1, description="Cores per Spark executor.")
    spark_partitions: int = Field(
        8,
        ge=1,
        description="Spark shuffle partitions (about 2-4 per core of the cluster, more for "
        "big runs: each should hold a few hundred MB at most).",
    )
    spark_work_dir: str = Field(
        "",
        description="Folder for the Parquet files the workspace and Spark exchange; every "
        "executor must reach it (a shared filesystem or object store on a cluster). "
        "Empty: a 'spark' folder in the workspace.",
    )


def _toml_values() -> tuple[dict[str, Any], str]:
    path = Path(os.environ.get("BORDERLINK_CONFIG", "borderlink.toml"))
    if not path.is_file():
        return {}, ""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}", file=str(path)) from exc
    section = data.get("borderlink", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [borderlink] must be a table", file=str(path))
    return dict(section), str(path)


def load_settings(**flags: Any) -> tuple[Settings, dict[str, str]]:
    """Build the effective settings and say where each value came from."""
    values: dict[str, Any] = {}
    origin = {name: "default" for name in Settings.model_fields}
    toml_values, toml_path = _toml_values()
    for key, value in toml_values.items():
        if key not in Settings.model_fields:
            raise ConfigError(
                f"{toml_path}: unknown setting '{key}'; known: {', '.join(Settings.model_fields)}",
                file=toml_path,
                key=key,
            )
        values[key] = value
        origin[key] = toml_path
    for name in Settings.model_fields:
        env = os.environ.get(f"BORDERLINK_{name.upper()}")
        if env is not None:
            values[name] = env
            origin[name] = f"BORDERLINK_{name.upper()}"
    for name, value in flags.items():
        if value is not None:
            values[name] = value
            origin[name] = "command line"
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"setting '{key}' from {origin.get(key, '?')}: {first['msg']}", key=key
        ) from exc
    return settings, origin


def settings_for_run(settings: Settings | None, workspace: Path, **flags: Any) -> Settings:
    """The settings a stage runs with: the caller's (a Workspace's), else the loaded ones.

    `flags` (engine, spark_master...) override either, validated like any setting, so a
    stage never reads settings behind the back of the Workspace that called it.
    """
    given = {k: v for k, v in flags.items() if v is not None}
    if settings is None:
        return load_settings(workspace=workspace, **given)[0]
    try:
        return Settings.model_validate({**settings.model_dump(), **given})
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"setting '{key}': {first['msg']}", key=key) from exc
