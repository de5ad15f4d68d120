"""Settings: every field documented, precedence file < environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.config import Settings, load_settings
from borderlink.errors import ConfigError

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def test_every_setting_has_a_description_and_a_doc_entry() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, name
        assert f"`{name}`" in doc, f"docs/configuration.md lacks `{name}`"


def test_precedence_is_file_then_environment_then_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = tmp_path / "borderlink.toml"
    toml.write_text('[borderlink]\nworkspace = "from-file"\nthreads = 1\nmemory_limit = "1GB"\n')
    monkeypatch.setenv("BORDERLINK_CONFIG", str(toml))
    monkeypatch.setenv("BORDERLINK_THREADS", "3")
    settings, origin = load_settings(memory_limit="2GB")
    assert settings.workspace == Path("from-file") and origin["workspace"] == str(toml)
    assert settings.threads == 3 and origin["threads"] == "BORDERLINK_THREADS"
    assert settings.memory_limit == "2GB" and origin["memory_limit"] == "command line"


def test_unknown_key_in_file_names_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = tmp_path / "borderlink.toml"
    toml.write_text("[borderlink]\nworkspaec = 'x'\n")
    monkeypatch.setenv("BORDERLINK_CONFIG", str(toml))
    with pytest.raises(ConfigError, match=r"borderlink\.toml: unknown setting 'workspaec'"):
        load_settings()


def test_stages_run_with_the_workspace_settings_not_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a Workspace's settings, a stage never loads settings itself (flags still apply)."""
    from borderlink.config import settings_for_run
    from borderlink.errors import WorkspaceError
    from borderlink.resolve import resolve_workspace

    given = Settings(threads=1)
    monkeypatch.setenv("BORDERLINK_THREADS", "zero")  # would fail if read
    assert settings_for_run(given, tmp_path).threads == 1
    assert settings_for_run(given, tmp_path, engine="spark").engine == "spark"
    with pytest.raises(ConfigError, match="engine"):
        settings_for_run(given, tmp_path, engine="hadoop")
    with pytest.raises(ConfigError, match="BORDERLINK_THREADS"):
        settings_for_run(None, tmp_path)
    with pytest.raises(WorkspaceError, match="no workspace"):
        resolve_workspace(tmp_path / "none", settings=given)
