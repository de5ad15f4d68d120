"""Request fields in the CLI's spelling: InvalidRequest names a field, the user reads a flag.

The library words its messages in its own terms (`top: must be at least 1`); only the
CLI knows that `start` is typed `--from` and that generate's `out` is an argument.
"""

from __future__ import annotations

# field -> how every command spells it, unless the command says otherwise below
FLAGS: dict[str, str] = {
    "start": "--from",
    "end": "--to",
    "window": "--from/--to",
    "syndicate_id": "--syndicate",
    "decided_by": "--by",
    "sources": "--source",
    "export_dir": "EXPORT_DIR",
    "record_a": "RECORD_A",
    "record_b": "RECORD_B",
    "entity_id": "ENTITY",
    "role": "ROLE",
    "file": "FILE",
    "decision": "--same/--different",
    "gold": "--evaluate",
}

PER_COMMAND: dict[str, dict[str, str]] = {
    "generate": {"out": "OUT"},
    "resolve": {"out": "--dashboards"},
    "exchange": {
        "sender": "--from",
        "receiver": "--to",
        "handling_code": "--handling",
        "source_reliability": "--reliability",
        "information_grade": "--grade",
        "encodings": "ENC_A/ENC_B",
    },
}


def flag_for(field: str, command: str | None = None) -> str:
    """The flag (or argument) that sets `field` in `command`."""
    own = PER_COMMAND.get(command or "", {})
    if field in own:
        return own[field]
    return FLAGS.get(field, "--" + field.replace("_", "-"))


def command_of(argv: list[str]) -> str | None:
    """The command a command line runs (its first word that is not an option)."""
    words = [a for a in argv if not a.startswith("-")]
    return words[0] if words else None
