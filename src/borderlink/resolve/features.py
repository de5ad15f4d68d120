"""The Splink input table: one row of comparable features per person record.

Name keys and romanised forms are computed once per distinct name (a workspace
repeats names many times), in Python, from the names package; everything else
is SQL over person_records. The result is `resolve_features` plus `name_keys`
(one row per record and key) in the workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from borderlink.store import Store

# The name fields that make a record's name, in NameInput order.
NAME_FIELDS = ("name", "name_zh", "name_pinyin", "surname", "given_names", "nationality")


def name_sig_sql(alias: str = "") -> str:
    """One string standing for a record's name fields (unit separator between them)."""
    prefix = f"{alias}." if alias else ""
    parts = ", ".join(f"coalesce({prefix}{f}, '')" for f in NAME_FIELDS)
    return f"concat_ws(chr(31), {parts})"


KeysFn = Callable[[Any], frozenset[str]]
FormsFn = Callable[[Any], tuple[str, ...]]
BridgeFn = Callable[[Any], tuple[frozenset[str], frozenset[str]]]


@dataclass(frozen=True)
class NameKeyer:
    """The name-key functions (borderlink.resolve.names by default; injectable for tests)."""

    input_type: Callable[..., Any]
    keys: KeysFn
    forms: FormsFn
    bridge: BridgeFn | None = None


def default_keyer() -> NameKeyer:
    from borderlink.resolve.names import NameInput, bridge_keys, latin_forms, name_keys

    return NameKeyer(NameInput, name_keys, latin_forms, bridge_keys)


# Stand-ins for an empty bridge side: Splink's exploding blocking drops a row
# whose array is empty, and the two never equal each other or a key.
HK_BRIDGE_NONE = "~hk"
PY_BRIDGE_NONE = "~py"


def _blank(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def fuzzy_keys(forms: tuple[str, ...]) -> list[str]:
    """Blocking keys that survive a misspelt letter: 3-letter heads of the two longest words.

    HOSSAIN SAJED / HOSSAIN Sajid and PHYO HLAR THANT / THAND share one, so
    spelling variants the name keys keep apart still become candidate pairs.
    """
    out: set[str] = set()
    for form in forms:
        words = sorted((w for w in form.split() if len(w) >= 2), key=lambda w: (-len(w), w))
        if len(words) >= 2:
            out.add("|".join(sorted(w[:3] for w in words[:2])))
    return sorted(out)


def name_table(rows: list[tuple[Any, ...]], keyer: NameKeyer) -> pa.Table:
    """(sig, keys, forms, fuzzy, hk_bridge, py_bridge) per distinct name row (sig, NAME_FIELDS)."""
    sigs: list[str] = []
    keys: list[list[str]] = []
    forms: list[list[str]] = []
    fuzzy: list[list[str]] = []
    hk_bridge: list[list[str]] = []
    py_bridge: list[list[str]] = []
    for sig, *fields in rows:
        name = keyer.input_type(*(_blank(f) for f in fields))
        sigs.append(sig)
        keys.append(sorted(keyer.keys(name)))
        forms.append(list(keyer.forms(name)))
        fuzzy.append(fuzzy_keys(tuple(forms[-1])))
        hk, py = keyer.bridge(name) if keyer.bridge else (frozenset(), frozenset())
        hk_bridge.append(sorted(hk) or [HK_BRIDGE_NONE])
        py_bridge.append(sorted(py) or [PY_BRIDGE_NONE])
    return pa.table(
        {
            "sig": pa.array(sigs, pa.string()),
            "keys": pa.array(keys, pa.list_(pa.string())),
            "forms": pa.array(forms, pa.list_(pa.string())),
            "fuzzy": pa.array(fuzzy, pa.list_(pa.string())),
            "hk_bridge": pa.array(hk_bridge, pa.list_(pa.string())),
            "py_bridge": pa.array(py_bridge, pa.list_(pa.string())),
        }
    )


def distinct_names_sql(where: str = "") -> str:
    cols = ", ".join(NAME_FIELDS)
    return f"SELECT DISTINCT {name_sig_sql()} AS sig, {cols} FROM person_records" + (
        f" WHERE {where}" if where else ""
    )


ID_KIND_SQL = """CASE
    WHEN p.id_type IN ('resident_id', 'mainland_id') THEN 'cn_resident'
    WHEN p.id_type IS NULL OR p.id_type = '' THEN NULL
    ELSE p.id_type END"""

# Records without a date of birth but with a valid mainland resident ID take the
# birth date the ID number encodes (GB 11643: digits 7-14 are YYYYMMDD).
DOB_SQL = """CASE WHEN p.dob IS NULL AND p.id_valid AND {kind} = 'cn_resident'
        THEN try_strptime(substr(p.id_number, 7, 8), '%Y%m%d')::DATE ELSE p.dob END"""
DOB_PRECISION_SQL = """CASE WHEN p.dob IS NULL AND p.id_valid AND {kind} = 'cn_resident'
        AND try_strptime(substr(p.id_number, 7, 8), '%Y%m%d') IS NOT NULL THEN 'day'
        WHEN p.dob IS NULL THEN NULL ELSE coalesce(p.dob_precision, 'day') END"""


def features_sql(where: str = "") -> str:
    """SELECT building the feature rows from person_records joined to `_name_table`."""
    kind = ID_KIND_SQL.replace("\n", " ")
    return f"""
    WITH base AS (
      SELECT p.record_id AS unique_id, p.source,
        coalesce(n.keys, []::VARCHAR[]) AS name_keys,
        list_min(n.keys) AS name_block,
        coalesce(n.forms, []::VARCHAR[]) AS latin_forms,
        coalesce(n.fuzzy, []::VARCHAR[]) AS fuzzy_keys,
        coalesce(n.hk_bridge, ['{HK_BRIDGE_NONE}']) AS hk_bridge,
        coalesce(n.py_bridge, ['{PY_BRIDGE_NONE}']) AS py_bridge,
        nullif(lower(trim(coalesce(nullif(trim(p.name), ''),
          concat_ws(' ', p.surname, p.given_names)))), '') AS name_plain,
        {DOB_SQL.format(kind=kind)} AS dob,
        {DOB_PRECISION_SQL.format(kind=kind)} AS dob_precision,
        {kind} AS id_kind,
        nullif(p.id_number, '') AS id_number,
        ({kind}) IN ('cn_resident', 'hkid') AS id_check,
        CASE WHEN ({kind}) IN ('cn_resident', 'hkid') AND p.id_valid
          AND nullif(p.id_number, '') IS NOT NULL
          THEN ({kind}) || ':' || p.id_number END AS lifelong_doc,
        nullif(p.phone, '') AS phone, p.sex, nullif(p.nationality, '') AS nationality
      FROM person_records p LEFT JOIN _name_table n ON n.sig = {name_sig_sql("p")}
      {"WHERE " + where if where else ""}
    )
    SELECT *,
      CASE WHEN dob_precision = 'day' THEN strftime(dob, '%Y%m%d') END AS dob_ymd,
      CASE WHEN dob_precision IN ('day', 'month') THEN strftime(dob, '%Y%m') END AS dob_ym,
      year(dob) AS dob_year
    FROM base"""


# How many people hold each key. Two estimates, the larger wins:
# - seen: the distinct birth years among the key's holders (one person seen five
#   times counts once; a name shared by many people spreads over many years);
# - expected: how many records would carry the key if surname and given name
#   were drawn independently at their frequencies in the workspace (within the
#   key's family). NGUYEN THI NHUNG is common even when only one record of it
#   has a birth date, because NGUYEN and THI NHUNG are both frequent.
# Keys held by more than $limit are "common". The expected count is kept as well
# (key_expected): a key may round to one holder while frequencies predict a namesake.
KEY_HOLDERS_SQL = """
CREATE OR REPLACE TEMP TABLE _key_holders AS
WITH k AS (
  SELECT key, dob_year, split_part(key, ':', 1) AS family,
    split_part(split_part(key, ':', 2), '|', 1) AS sur,
    split_part(split_part(key, ':', 2), '|', 2) AS given
  FROM (SELECT unnest(name_keys) AS key, dob_year FROM resolve_features)),
fam AS (SELECT family, count(*) AS n FROM k GROUP BY family),
sur AS (SELECT family, sur, count(*) AS n FROM k GROUP BY family, sur),
giv AS (SELECT family, given, count(*) AS n FROM k GROUP BY family, given),
seen AS (SELECT key, family, sur, given, count(DISTINCT dob_year) AS years
         FROM k GROUP BY key, family, sur, given)
SELECT seen.key,
  greatest(1, seen.years, CAST(round(sur.n * giv.n / fam.n) AS BIGINT)) AS holders,
  sur.n * giv.n / fam.n AS expected
FROM seen
JOIN fam ON fam.family = seen.family
JOIN sur ON sur.family = seen.family AND sur.sur = seen.sur
JOIN giv ON giv.family = seen.family AND giv.given = seen.given"""

# name_keys stay sorted; key_holders and key_expected are aligned with them; rare_keys
# are the uncommon ones.
ADD_HOLDERS_SQL = """
CREATE OR REPLACE TABLE resolve_features AS
SELECT f.* EXCLUDE (name_keys),
  coalesce(k.name_keys, []::VARCHAR[]) AS name_keys,
  coalesce(k.key_holders, []::INTEGER[]) AS key_holders,
  coalesce(k.key_expected, []::DOUBLE[]) AS key_expected,
  coalesce(k.rare_keys, []::VARCHAR[]) AS rare_keys
FROM resolve_features f LEFT JOIN (
  SELECT e.unique_id, list(e.key ORDER BY e.key) AS name_keys,
    list(CAST(h.holders AS INTEGER) ORDER BY e.key) AS key_holders,
    list(CAST(h.expected AS DOUBLE) ORDER BY e.key) AS key_expected,
    coalesce(list(e.key ORDER BY e.key) FILTER (WHERE h.holders <= $limit), []::VARCHAR[])
      AS rare_keys
  FROM (SELECT unique_id, unnest(name_keys) AS key FROM resolve_features) e
  JOIN _key_holders h ON h.key = e.key
  GROUP BY e.unique_id) k ON k.unique_id = f.unique_id"""


# Fuzzy blocking keys held by more records than $limit are dropped: they would
# pair every NGUYEN VAN H... with every other, and the name keys cover those.
CAP_FUZZY_SQL = """
CREATE OR REPLACE TABLE resolve_features AS
SELECT f.* EXCLUDE (fuzzy_keys), coalesce(k.fuzzy_keys, []::VARCHAR[]) AS fuzzy_keys
FROM resolve_features f LEFT JOIN (
  SELECT e.unique_id, list(e.key ORDER BY e.key) AS fuzzy_keys
  FROM (SELECT unique_id, unnest(fuzzy_keys) AS key FROM resolve_features) e
  JOIN (SELECT key FROM (SELECT unnest(fuzzy_keys) AS key FROM resolve_features)
        GROUP BY key HAVING count(*) <= $limit) c ON c.key = e.key
  GROUP BY e.unique_id) k ON k.unique_id = f.unique_id"""


def build_features(
    store: Store,
    *,
    common_key_holders: int,
    fuzzy_key_max_records: int = 30,
    keyer: NameKeyer | None = None,
) -> int:
    """(Re)build resolve_features and name_keys in the workspace; returns the record count."""
    keyer = keyer or default_keyer()
    rows = store.query(distinct_names_sql(), stage="resolve", table="person_records")
    store.register("_name_table", name_table(rows, keyer))
    try:
        store.execute(
            f"CREATE OR REPLACE TABLE resolve_features AS {features_sql()}",
            stage="resolve",
            table="resolve_features",
        )
    finally:
        store.unregister("_name_table")
    store.execute(KEY_HOLDERS_SQL, stage="resolve", table="_key_holders")
    store.execute(
        ADD_HOLDERS_SQL, {"limit": common_key_holders}, stage="resolve", table="resolve_features"
    )
    store.execute("DROP TABLE IF EXISTS _key_holders")
    store.execute(
        CAP_FUZZY_SQL, {"limit": fuzzy_key_max_records}, stage="resolve", table="resolve_features"
    )
    fill_name_keys(store)
    return store.count("resolve_features")


def fill_name_keys(store: Store) -> None:
    """Rebuild name_keys (one row per record and key) from resolve_features."""
    store.execute("DELETE FROM name_keys", stage="resolve", table="name_keys")
    store.execute(
        "INSERT INTO name_keys SELECT unique_id, split_part(key, ':', 1), key FROM "
        "(SELECT unique_id, unnest(name_keys) AS key FROM resolve_features)",
        stage="resolve",
        table="name_keys",
    )
