"""The hash-chained audit log: who read or changed what, verifiable after the fact."""

from borderlink.audit.chain import GENESIS_HASH, AuditEntry, ChainCheck, check_chain, entry_hash
from borderlink.audit.log import append, entries, last_entry, verify

__all__ = [
    "GENESIS_HASH",
    "AuditEntry",
    "ChainCheck",
    "append",
    "check_chain",
    "entries",
    "entry_hash",
    "last_entry",
    "verify",
]
