"""Signing keys: private ones 0600 and never exported; trust conflicts refused."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.errors import KeyStoreError
from borderlink.exchange.keys import KeyRing, key_id, verify_signature


def test_generate_keeps_private_key_0600_and_signs(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    info = ring.generate("gd_psb")
    private = Path(info.path)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(private.parent.stat().st_mode) == 0o700
    kid, sig = ring.sign("gd_psb", b"data")
    assert kid == info.key_id
    assert verify_signature(ring.own_public("gd_psb"), sig, b"data")
    assert not verify_signature(ring.own_public("gd_psb"), sig, b"date")
    with pytest.raises(KeyStoreError, match="already exists"):
        ring.generate("gd_psb")


def test_exported_file_holds_the_public_key_only(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    ring.generate("hk_police")
    ring.export_public("hk_police", tmp_path / "hk.pub")
    text = (tmp_path / "hk.pub").read_text()
    assert "PUBLIC KEY" in text and "PRIVATE" not in text


def test_private_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    info = ring.generate("gd_psb")
    Path(info.path).chmod(0o644)
    with pytest.raises(KeyStoreError, match="readable by others"):
        ring.sign("gd_psb", b"x")


def test_trusting_a_second_key_for_an_agency_needs_replace(tmp_path: Path) -> None:
    a, b, me = KeyRing(tmp_path / "a"), KeyRing(tmp_path / "b"), KeyRing(tmp_path / "me")
    a.generate("gx_psb")
    b.generate("gx_psb")
    a.export_public("gx_psb", tmp_path / "a.pub")
    b.export_public("gx_psb", tmp_path / "b.pub")
    me.trust(tmp_path / "a.pub", "gx_psb")
    me.trust(tmp_path / "a.pub", "gx_psb")  # the same key again is fine
    with pytest.raises(KeyStoreError, match="already trusted with key"):
        me.trust(tmp_path / "b.pub", "gx_psb")
    replaced = me.trust(tmp_path / "b.pub", "gx_psb", replace=True)
    assert replaced.key_id == key_id(b.own_public("gx_psb")) != key_id(a.own_public("gx_psb"))
    trusted = me.trusted("gx_psb")
    assert trusted is not None and key_id(trusted) == replaced.key_id


def test_keys_cli_generate_export_trust(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = str(tmp_path / "keys")
    assert main(["keys", "generate", "--agency", "yn_psb", "--keys-dir", keys]) == 0
    pub = str(tmp_path / "yn.pub")
    assert main(["keys", "export", "--agency", "yn_psb", "--out", pub, "--keys-dir", keys]) == 0
    other = str(tmp_path / "other")
    assert main(["keys", "trust", pub, "--agency", "yn_psb", "--keys-dir", other]) == 0
    assert "trusted key" in capsys.readouterr().out
    assert main(["keys", "generate", "--agency", "Bad Name", "--keys-dir", keys]) == 2
    assert (
        main(["keys", "trust", str(tmp_path / "none.pub"), "--agency", "x_y", "--keys-dir", keys])
        == 1
    )
    assert "not a readable PEM public key" in capsys.readouterr().err
