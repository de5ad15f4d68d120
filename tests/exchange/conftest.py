"""Fixtures of the exchange tests: two agencies' workspaces and their key folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exchange_world import RECEIVER, SENDER, split_world, write_records

from borderlink.exchange.keys import KeyRing


@pytest.fixture
def keys(tmp_path: Path) -> tuple[KeyRing, KeyRing]:
    """The sender's and the receiver's key folders; the receiver trusts the sender."""
    sender, receiver = KeyRing(tmp_path / "keys-gd"), KeyRing(tmp_path / "keys-hk")
    sender.generate(SENDER)
    receiver.generate(RECEIVER)
    sender.export_public(SENDER, tmp_path / "gd_psb.pub")
    receiver.trust(tmp_path / "gd_psb.pub", SENDER)
    return sender, receiver


@pytest.fixture(scope="session")
def workspace_templates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Both agencies' workspaces, written once (row-by-row inserts take seconds)."""
    root = tmp_path_factory.mktemp("exchange-templates")
    a, b = split_world()
    write_records(root / "ws-gd", a)
    write_records(root / "ws-hk", b)
    return root / "ws-gd", root / "ws-hk"


@pytest.fixture
def workspaces(workspace_templates: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """Private copies of both workspaces, free to change."""
    out = []
    for template in workspace_templates:
        shutil.copytree(template, tmp_path / template.name)
        out.append(tmp_path / template.name)
    return out[0], out[1]
