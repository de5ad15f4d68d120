"""Agencies' Ed25519 signing keys, kept in a key folder outside every workspace.

Layout of the folder (Settings.keys_dir):
  private/<agency>.pem   this machine's agency's private key, mode 0600 (folder 0700)
  public/<agency>.pem    its public key, as `keys export` hands it over
  trusted/<agency>.pem   other agencies' public keys this machine accepts packages from

Private keys are read only to sign; no function here returns their bytes, so
they cannot end up in a package, a log or a workspace export. A key's id is the
first 16 hex digits of SHA-256 over its raw 32 public bytes (shown to compare
out of band before trusting).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel

from borderlink.errors import InvalidRequest, KeyStoreError

_AGENCY = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


class KeyInfo(BaseModel):
    agency: str
    key_id: str
    path: str


def check_agency(agency: str) -> str:
    if not _AGENCY.match(agency):
        raise InvalidRequest(
            "agency",
            f"agency code {agency!r}: lower-case letters, digits and '_' (e.g. gd_psb)",
            agency=agency,
        )
    return agency


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _public_pem(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _write_private(path: Path, data: bytes) -> None:
    """Create the file 0600 from the start (never briefly readable by others)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o600)


def _check_private(path: Path) -> None:
    """A private key or secret others can read is refused, not used."""
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise KeyStoreError(
            f"{path}: readable by others (mode {oct(mode)}); chmod 600 it first", path=str(path)
        )


def _read_public(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise KeyStoreError(
            f"{path}: not a readable PEM public key: {exc}", path=str(path)
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyStoreError(f"{path}: not an Ed25519 public key", path=str(path))
    return key


class KeyRing:
    """One key folder: generate, export and trust keys; sign and verify with them."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).expanduser()

    def _private_path(self, agency: str) -> Path:
        return self.folder / "private" / f"{check_agency(agency)}.pem"

    def public_path(self, agency: str) -> Path:
        return self.folder / "public" / f"{check_agency(agency)}.pem"

    def trusted_path(self, agency: str) -> Path:
        return self.folder / "trusted" / f"{check_agency(agency)}.pem"

    def generate(self, agency: str, *, replace: bool = False) -> KeyInfo:
        """A new key pair for `agency`; refuses to overwrite one unless `replace`."""
        private_path = self._private_path(agency)
        if private_path.exists() and not replace:
            raise KeyStoreError(
                f"a key for {agency} already exists at {private_path} "
                "(replace it explicitly to rotate)",
                agency=agency,
            )
        for sub, mode in (("private", 0o700), ("public", 0o755), ("trusted", 0o755)):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
            os.chmod(self.folder / sub, mode)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        _write_private(private_path, pem)
        self.public_path(agency).write_bytes(_public_pem(key.public_key()))
        return KeyInfo(agency=agency, key_id=key_id(key.public_key()), path=str(private_path))

    def _private(self, agency: str) -> Ed25519PrivateKey:
        path = self._private_path(agency)
        if not path.is_file():
            raise KeyStoreError(
                f"no private key for {agency} in {self.folder} "
                f"(generate {agency}'s key pair first)",
                agency=agency,
            )
        _check_private(path)
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyStoreError(f"{path}: not an Ed25519 private key", path=str(path))
        return key

    def own_public(self, agency: str) -> Ed25519PublicKey:
        path = self.public_path(agency)
        if not path.is_file():
            raise KeyStoreError(f"no key for {agency} in {self.folder}", agency=agency)
        return _read_public(path)

    def export_public(self, agency: str, out: Path) -> KeyInfo:
        """Write the agency's public key (never the private one) to `out`."""
        public = self.own_public(agency)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(_public_pem(public))
        return KeyInfo(agency=agency, key_id=key_id(public), path=str(out))

    def trust(self, public_file: Path, agency: str, *, replace: bool = False) -> KeyInfo:
        """Accept packages signed by this key as coming from `agency`."""
        public = _read_public(public_file)
        target = self.trusted_path(agency)
        if target.exists() and not replace:
            current = _read_public(target)
            if key_id(current) != key_id(public):
                raise KeyStoreError(
                    f"{agency} is already trusted with key {key_id(current)}; "
                    f"this file holds {key_id(public)} (replace it explicitly after checking it)",
                    agency=agency,
                )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_public_pem(public))
        return KeyInfo(agency=agency, key_id=key_id(public), path=str(target))

    def trusted(self, agency: str) -> Ed25519PublicKey | None:
        """The key trusted for `agency`: a trusted/ entry, else this machine's own key."""
        for path in (self.trusted_path(agency), self.public_path(agency)):
            if path.is_file():
                return _read_public(path)
        return None

    # -- secrets shared under an agreement (keys of the matching encodings) -----------
    def secret_path(self, agreement: str) -> Path:
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", agreement):
            raise InvalidRequest(
                "agreement", f"agreement id {agreement!r}: lower-case letters, digits, '-'"
            )
        return self.folder / "private" / f"{agreement}.secret"

    def _write_secret(self, agreement: str, secret: bytes) -> Path:
        path = self.secret_path(agreement)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
        _write_private(path, (secret.hex() + "\n").encode("ascii"))
        return path

    def create_secret(self, agreement: str, *, replace: bool = False) -> Path:
        """A new random 256-bit secret for the agreement's encodings (shared out of band)."""
        if self.secret_path(agreement).exists() and not replace:
            raise KeyStoreError(
                f"a secret for {agreement} already exists (replace it explicitly to change it; "
                "encodings made with the old one no longer match)",
                agreement=agreement,
            )
        return self._write_secret(agreement, os.urandom(32))

    def install_secret(self, agreement: str, source: Path, *, replace: bool = False) -> Path:
        """Install a secret received from a partner (a file holding 64 hex digits)."""
        try:
            secret = bytes.fromhex(source.read_text(encoding="ascii").strip())
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise KeyStoreError(f"{source}: not a secret file (64 hex digits)") from exc
        if len(secret) != 32:
            raise KeyStoreError(f"{source}: {len(secret) * 8}-bit secret, 256 bits expected")
        exists = self.secret_path(agreement).exists()
        if exists and not replace and self.secret(agreement) != secret:
            raise KeyStoreError(f"a different secret for {agreement} is installed")
        return self._write_secret(agreement, secret)

    def secret(self, agreement: str) -> bytes:
        path = self.secret_path(agreement)
        if not path.is_file():
            raise KeyStoreError(
                f"no secret for agreement {agreement} in {self.folder} "
                "(make or install the agreement's secret first)",
                agreement=agreement,
            )
        _check_private(path)
        return bytes.fromhex(path.read_text(encoding="ascii").strip())

    def sign(self, agency: str, data: bytes) -> tuple[str, bytes]:
        """(key id, signature) of `data` with the agency's private key."""
        key = self._private(agency)
        return key_id(key.public_key()), key.sign(data)


def verify_signature(public: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return False
    return True
