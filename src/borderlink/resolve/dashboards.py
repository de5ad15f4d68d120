"""Splink's own dashboards for a workspace: the comparison viewer and cluster studio.

Both are built with Splink's public API (`linker.visualisations.comparison_viewer_dashboard`
and `cluster_studio_dashboard`) from the latest resolve run: its stored model, the
features of every record and the pairs it kept (re-scored with the intermediate columns
the dashboards read). Splink inlines its JavaScript; its templates also link Google's
web fonts, which are dropped here so that a dashboard opened on a machine without the
internet shows everything and reaches out to nobody.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa

from borderlink.outputs import ensure_folder, write_text
from borderlink.resolve.backends.duckdb import (
    FEATURES_TABLE,
    load_table,
    new_linker,
    scratch_store,
    splink_db_api,
)
from borderlink.resolve.tables import require_resolved
from borderlink.store import Store

COMPARISON_VIEWER = "comparison_viewer.html"
CLUSTER_STUDIO = "cluster_studio.html"
# <link> tags to hosts outside the file (Splink's templates preconnect to Google Fonts)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>\s*", re.IGNORECASE)


def offline(html: str) -> str:
    """The page without links that would fetch from the network (fonts fall back)."""
    return _REMOTE_LINK.sub("", html)


def _clusters_shown(store: Store, run: str, limit: int) -> list[str]:
    """The entities with the most records (ties by id): where a reviewer looks first."""
    rows = store.query(
        "SELECT entity_id FROM entities WHERE n_records > 1 AND resolve_run_id = ? "
        "ORDER BY n_records DESC, entity_id LIMIT ?",
        [run, limit],
        stage="dashboards",
        table="entities",
    )
    return [str(r[0]) for r in rows]


def write_dashboards(store: Store, out_dir: Path, *, clusters: int = 20) -> list[Path]:
    """Write both dashboards into `out_dir` (created); returns the files written."""
    run = require_resolved(store)
    model = json.loads(
        str(store.scalar("SELECT model_json FROM resolve_runs WHERE resolve_run_id = ?", [run]))
    )
    model = {**model, "retain_intermediate_calculation_columns": True}
    model["retain_matching_columns"] = True
    features = store.query_arrow(f"SELECT * FROM {FEATURES_TABLE}")
    pairs = store.query_arrow(
        "SELECT '0' AS match_key, record_a AS join_key_l, record_b AS join_key_r "
        "FROM match_pairs WHERE resolve_run_id = ?",
        [run],
    )
    clustered = store.query_arrow(
        f"SELECT c.entity_id AS cluster_id, f.* FROM {FEATURES_TABLE} f "
        "JOIN clusters c ON c.record_id = f.unique_id"
    )
    shown = _clusters_shown(store, run, clusters)
    ensure_folder(out_dir, "out")
    with scratch_store() as scratch:
        pages = _render(scratch, model, features, pairs, clustered, shown)
    written = []
    for name, html in pages.items():
        path = out_dir / name
        write_text(path, offline(html), "out")
        written.append(path)
    return written


def _render(
    scratch: Store,
    model: dict[str, object],
    features: pa.Table,
    pairs: pa.Table,
    clustered: pa.Table,
    shown: list[str],
) -> dict[str, str]:
    """Both pages as HTML text, rendered by Splink on the scratch database."""
    load_table(scratch, FEATURES_TABLE, features)
    linker = new_linker(scratch, model)
    load_table(scratch, "_pairs", pairs)
    api = splink_db_api(scratch)
    linker.table_management.register_blocked_pairs_for_predict(
        api.register("_pairs", table_name="_dashboard_pairs")
    )
    predictions = linker.inference.predict(warning_mode="never")
    load_table(scratch, "_clustered", clustered)
    df_clustered = api.register("_clustered", table_name="_dashboard_clusters")
    scratch_dir = Path(str(scratch.scalar("SELECT current_setting('temp_directory')")))
    viewer = linker.visualisations.comparison_viewer_dashboard(
        predictions,
        str(scratch_dir / COMPARISON_VIEWER),
        overwrite=True,
        return_html_as_string=True,
    )
    pages = {COMPARISON_VIEWER: str(viewer)}
    if shown:
        studio = linker.visualisations.cluster_studio_dashboard(
            predictions,
            df_clustered,
            str(scratch_dir / CLUSTER_STUDIO),
            cluster_ids=shown,
            overwrite=True,
            return_html_as_string=True,
        )
        pages[CLUSTER_STUDIO] = str(studio)
    return pages
