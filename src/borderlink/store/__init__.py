"""The workspace store: the only package that talks to DuckDB."""

from borderlink.store.store import DB_FILE, Store, workspace_db_path

__all__ = ["DB_FILE", "Store", "workspace_db_path"]
