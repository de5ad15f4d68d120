"""`borderlink exchange agreements|export|import|verify|encode|match` (and `request`,
`requests`: cli/exchange_requests.py): sharing under agreements."""

from __future__ import annotations

import getpass
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from borderlink.cli.exchange_requests import register_requests
from borderlink.cli.keys import KeysDirOption
from borderlink.cli.options import WorkspaceOption

if TYPE_CHECKING:
    from borderlink.config import Settings
    from borderlink.exchange.agreement import Agreement
    from borderlink.exchange.keys import KeyRing

console = Console()
AgreementOption = Annotated[str, typer.Option("--agreement", help="Agreement id.")]
FromOption = Annotated[str, typer.Option("--from", help="Sending agency.")]


def _stdin_to_file(path: Path, tmp: Path) -> Path:
    """`-` means standard input: spooled to a file (packages are checked as a whole)."""
    if str(path) != "-":
        return path
    spooled = tmp / "stdin.blpkg"
    spooled.write_bytes(sys.stdin.buffer.read())
    return spooled


def _to_stdout(out: Path, tmp: Path) -> tuple[Path, bool]:
    """Where to write: a temporary file copied to standard output when OUT is `-`."""
    return (tmp / "stdout", True) if str(out) == "-" else (out, False)


def _settings(workspace: Path | None, keys_dir: Path | None = None, **more: object) -> Settings:
    from borderlink.config import load_settings  # lazily: --help stays light

    settings, _ = load_settings(workspace=workspace, keys_dir=keys_dir, **more)
    return settings


def _keyring(settings: Settings) -> KeyRing:
    from borderlink.exchange.keys import KeyRing

    return KeyRing(settings.keys_dir)


def _agreements(settings: Settings) -> dict[str, Agreement]:
    from borderlink.exchange.agreement import load_agreements

    return load_agreements(settings.agreements_dir)


def actor() -> str:
    return f"cli:{getpass.getuser()}"


def agreements_cmd(
    agreement: Annotated[str | None, typer.Argument(help="Show only this agreement.")] = None,
) -> None:
    """List the agreements: parties, purpose, retention, released fields, codes."""
    settings = _settings(None)
    found = _agreements(settings)
    for a in found.values():
        if agreement is not None and a.id != agreement:
            continue
        console.print(f"[bold]{escape(a.id)}[/bold]: {escape(a.title)}")
        console.print(f"  agencies: {', '.join(a.agencies)}")
        console.print(f"  purpose: {escape(a.purpose.strip())}")
        console.print(f"  retention: {a.retention_days} days")
        d = a.defaults
        console.print(
            f"  default marks: {d.handling_code}, source {d.source_reliability}, "
            f"information {d.information_grade}"
        )
        if a.restrictions:
            console.print(f"  restrictions: {escape(a.restrictions.strip())}")
        table = Table("kind", "fields released", "withheld by role")
        for kind, rel in a.releases.items():
            roles = "; ".join(f"{r}: {', '.join(f)}" for r, f in rel.withheld_for_roles.items())
            table.add_row(kind, ", ".join(rel.fields), roles)
        console.print(table)
    from borderlink.exchange.agreement import load_codes

    codes = load_codes()
    table = Table("code", "meaning", "court", "onward", title="Handling codes")
    for code, h in codes.handling_codes.items():
        table.add_row(
            code,
            h.meaning,
            "yes" if h.court_use else "no",
            "yes" if h.onward_dissemination else "no",
        )
    console.print(table)
    table = Table("grade", "meaning", title="Source reliability / information grading")
    for grade, meaning in [*codes.source_reliability.items(), *codes.information_grading.items()]:
        table.add_row(grade, meaning)
    console.print(table)


def export_cmd(
    agreement: AgreementOption,
    sender: FromOption,
    receiver: Annotated[str, typer.Option("--to", help="Receiving agency.")],
    out: Annotated[
        Path, typer.Option("--out", help="Package file to write ('-': standard output).")
    ],
    workspace: WorkspaceOption = None,
    keys_dir: KeysDirOption = None,
    handling: Annotated[
        str | None, typer.Option("--handling", help="H0-H3 (default: agreement).")
    ] = None,
    reliability: Annotated[str | None, typer.Option("--reliability", help="A-D or X.")] = None,
    grade: Annotated[str | None, typer.Option("--grade", help="1-4.")] = None,
    include_received: Annotated[
        bool, typer.Option("--include-received", help="Also re-send received items (never H2/H3).")
    ] = False,
    answer: Annotated[
        Path | None,
        typer.Option("--request", help="REQUEST.json received: send only the records it asks."),
    ] = None,
) -> None:
    """Write a signed package of what the agreement lets SENDER give RECEIVER."""
    from borderlink.exchange.export import ExportRequest, export_package
    from borderlink.exchange.requests import answer_scope

    settings = _settings(workspace, keys_dir)
    request = ExportRequest(
        agreement=agreement,
        sender=sender,
        receiver=receiver,
        handling_code=handling,
        source_reliability=reliability,
        information_grade=grade,
        include_received=include_received,
        **(answer_scope(answer, agreement, sender, receiver) if answer else {}),
    )
    with tempfile.TemporaryDirectory() as tmp:
        target, stdout = _to_stdout(out, Path(tmp))
        s = export_package(
            settings.workspace,
            request,
            target,
            keyring=_keyring(settings),
            agreements=_agreements(settings),
            actor=actor(),
        )
        if stdout:
            sys.stdout.buffer.write(target.read_bytes())
            sys.stdout.flush()
    counts = ", ".join(f"{n} {k}" for k, n in s.counts.items())
    typer.echo(
        f"package {s.package_id} -> {out}: {counts}; marked {s.handling_code}/"
        f"{s.source_reliability}{s.information_grade}; audit entry {s.audit_seq}",
        err=stdout,  # the package itself went to standard output
    )
    if any(s.withheld.values()):
        typer.echo(f"withheld by role: {sum(s.withheld.values())} field values", err=stdout)


def import_cmd(
    package: Annotated[Path, typer.Argument(help="Package file received ('-': standard input).")],
    workspace: WorkspaceOption = None,
    keys_dir: KeysDirOption = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="This workspace's agency (default: setting).")
    ] = None,
) -> None:
    """Verify a package (signature, trust, agreement, hashes), then import its items."""
    from borderlink.exchange.importer import import_package

    settings = _settings(workspace, keys_dir, agency=agency)
    with tempfile.TemporaryDirectory() as tmp:
        s = import_package(
            settings.workspace,
            _stdin_to_file(package, Path(tmp)),
            keyring=_keyring(settings),
            agency=settings.agency,
            agreements=_agreements(settings),
            actor=actor(),
        )
    counts = ", ".join(f"{n} {k}" for k, n in s.counts.items())
    typer.echo(
        f"package {s.package_id} from {s.sender} verified and imported as {s.source}: "
        f"{counts}; {s.decisions_applied} decisions; audit entry {s.audit_seq}"
    )
    typer.echo("run 'borderlink resolve' to link the received records with yours")


def verify_cmd(
    package: Annotated[Path, typer.Argument(help="Package file ('-' for standard input).")],
    keys_dir: KeysDirOption = None,
) -> None:
    """Check a package (signature, trust, agreement, hashes, sender's audit) without importing."""
    from borderlink.exchange.package import read_package

    settings = _settings(None, keys_dir)
    with tempfile.TemporaryDirectory() as tmp:
        pkg = read_package(
            _stdin_to_file(package, Path(tmp)),
            _keyring(settings),
            _agreements(settings),
        )
    m = pkg.manifest
    typer.echo(
        f"package {m.package_id}: {m.sender} -> {m.receiver} under {m.agreement}, "
        f"created {m.created}, signed with key {pkg.key_id}"
    )
    typer.echo(
        f"marks {m.handling_code}/{m.source_reliability}{m.information_grade}; items: "
        + ", ".join(f"{n} {k}" for k, n in m.counts.items())
    )
    for e in m.audit:
        typer.echo(
            f"sender's audit entry {e.seq} ({e.action} by {e.actor} at {e.at}): hash verified"
        )


def encode_cmd(
    agreement: AgreementOption,
    agency: FromOption,
    out: Annotated[Path, typer.Option("--out", help="Encodings file (ENC) to write.")],
    workspace: WorkspaceOption = None,
    keys_dir: KeysDirOption = None,
) -> None:
    """Write keyed Bloom-filter encodings of the agency's persons (no clear names or numbers)."""
    from borderlink.exchange.matching import EncodeRequest, encode_workspace

    settings = _settings(workspace, keys_dir)
    s = encode_workspace(
        settings.workspace,
        EncodeRequest(agreement=agreement, agency=agency),
        out,
        keyring=_keyring(settings),
        agreements=_agreements(settings),
        actor=actor(),
    )
    typer.echo(
        f"{s.records:,} records of {agency} encoded under {s.agreement} "
        f"(secret {s.secret_fingerprint}) -> {out}; audit entry {s.audit_seq}"
    )


def match_cmd(
    enc_a: Annotated[Path, typer.Argument(help="One agency's encodings.")],
    enc_b: Annotated[Path, typer.Argument(help="The other agency's encodings.")],
    out: Annotated[Path, typer.Option("--out", help="PAIRS.csv to write.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Find the persons both hold; write only the matched pairs' record keys and scores."""
    from borderlink.exchange.matching import match_and_record

    settings = _settings(workspace)
    s = match_and_record(settings.workspace, enc_a, enc_b, out, actor=actor())
    typer.echo(
        f"{s.matched_pairs:,} matched pairs (score >= {s.threshold}) among "
        f"{s.candidate_pairs:,} candidates of {s.records_a:,} x {s.records_b:,} records -> {out}"
    )


def register(app: typer.Typer) -> None:
    exchange_app = typer.Typer(
        help="Exchange intelligence between agencies under agreements.", no_args_is_help=True
    )
    exchange_app.command("agreements")(agreements_cmd)
    exchange_app.command("export")(export_cmd)
    exchange_app.command("import")(import_cmd)
    exchange_app.command("verify")(verify_cmd)
    exchange_app.command("encode")(encode_cmd)
    exchange_app.command("match")(match_cmd)
    register_requests(exchange_app)
    app.add_typer(exchange_app, name="exchange")
