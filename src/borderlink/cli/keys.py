"""`borderlink keys generate|export|trust`: the agencies' signing keys for exchange."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from borderlink.exchange.keys import KeyRing


AgencyOption = Annotated[str, typer.Option("--agency", help="Agency code, e.g. gd_psb.")]
KeysDirOption = Annotated[
    Path | None,
    typer.Option("--keys-dir", help="Key folder (default: setting keys_dir).", show_default=False),
]
ReplaceOption = Annotated[
    bool, typer.Option("--replace", help="Replace an existing key (rotation).")
]


def keyring(keys_dir: Path | None) -> KeyRing:
    """The key folder from --keys-dir, else the keys_dir setting."""
    from borderlink.config import load_settings  # lazily: --help stays light
    from borderlink.exchange.keys import KeyRing

    settings, _ = load_settings(keys_dir=keys_dir)
    return KeyRing(settings.keys_dir)


def register(app: typer.Typer) -> None:
    keys_app = typer.Typer(help="Ed25519 signing keys for exchange packages.", no_args_is_help=True)

    @keys_app.command("generate")
    def generate(
        agency: AgencyOption, keys_dir: KeysDirOption = None, replace: ReplaceOption = False
    ) -> None:
        """Make this agency's key pair (private key mode 0600 in the key folder)."""
        info = keyring(keys_dir).generate(agency, replace=replace)
        typer.echo(f"key {info.key_id} generated for {agency}; private key at {info.path}")

    @keys_app.command("export")
    def export(
        agency: AgencyOption,
        out: Annotated[Path, typer.Option("--out", help="Public key file to write.")],
        keys_dir: KeysDirOption = None,
    ) -> None:
        """Write the agency's PUBLIC key for its partners (the private key never leaves)."""
        info = keyring(keys_dir).export_public(agency, out)
        typer.echo(f"public key {info.key_id} of {agency} written to {out}")

    @keys_app.command("trust")
    def trust(
        public_key_file: Annotated[Path, typer.Argument(help="A partner's public key file.")],
        agency: AgencyOption,
        keys_dir: KeysDirOption = None,
        replace: ReplaceOption = False,
    ) -> None:
        """Accept packages signed with this key as coming from AGENCY (compare the id first)."""
        info = keyring(keys_dir).trust(public_key_file, agency, replace=replace)
        typer.echo(f"trusted key {info.key_id} for {agency} (compare this id with the sender)")

    @keys_app.command("secret")
    def secret(
        agreement: Annotated[str, typer.Option("--agreement", help="Agreement id.")],
        keys_dir: KeysDirOption = None,
        install: Annotated[
            Path | None, typer.Option("--install", help="Install a secret a partner shared.")
        ] = None,
        replace: ReplaceOption = False,
    ) -> None:
        """Make (or install) the secret the agreement's parties key their encodings with."""
        from borderlink.exchange.encode import secret_fingerprint

        ring = keyring(keys_dir)
        if install is not None:
            path = ring.install_secret(agreement, install, replace=replace)
        else:
            path = ring.create_secret(agreement, replace=replace)
        fingerprint = secret_fingerprint(ring.secret(agreement))
        typer.echo(
            f"secret for {agreement} at {path} (fingerprint {fingerprint}); "
            "share it with the parties over a secure channel only"
        )

    app.add_typer(keys_app, name="keys")
