"""Cross-script name keys: 陈志明 / 陳志明 / CHAN Chi-ming / CHEN Zhiming meet on a shared key."""

from borderlink.resolve.names.keys import (
    NameInput,
    bridge_keys,
    latin_forms,
    name_key_families,
    name_keys,
)

__all__ = ["NameInput", "bridge_keys", "latin_forms", "name_key_families", "name_keys"]
