"""One summary row per entity: its names in every script, nationality, birth date, sources."""

from __future__ import annotations

from borderlink.store import Store

# The most precise birth date the records agree on most often.
_DOB_BY_PRECISION = (
    "coalesce(mode(f.dob) FILTER (WHERE f.dob_precision = 'day'), "
    "mode(f.dob) FILTER (WHERE f.dob_precision = 'month'), "
    "mode(f.dob) FILTER (WHERE f.dob_precision = 'year'))"
)
_PRECISION = (
    "CASE WHEN count(*) FILTER (WHERE f.dob_precision = 'day') > 0 THEN 'day' "
    "WHEN count(*) FILTER (WHERE f.dob_precision = 'month') > 0 THEN 'month' "
    "WHEN count(*) FILTER (WHERE f.dob_precision = 'year') > 0 THEN 'year' END"
)
_NAME = (
    "nullif(trim(coalesce(nullif(trim(p.name), ''), concat_ws(' ', p.surname, p.given_names))), '')"
)

ENTITIES_SQL = f"""
INSERT INTO entities
SELECT c.entity_id, count(*) AS n_records,
  list_sort(list_distinct(flatten(list([{_NAME}, nullif(trim(p.name_zh), '')])))) AS names,
  mode(p.nationality) AS nationality,
  {_DOB_BY_PRECISION} AS dob,
  {_PRECISION} AS dob_precision,
  list_sort(list_distinct(list(p.source))) AS sources,
  c.resolve_run_id
FROM clusters c
JOIN person_records p ON p.record_id = c.record_id
JOIN resolve_features f ON f.unique_id = c.record_id
WHERE c.resolve_run_id = $run
GROUP BY c.entity_id, c.resolve_run_id"""


def write_entities(store: Store, run_id: str) -> int:
    store.execute("DELETE FROM entities", stage="resolve", table="entities")
    store.execute(ENTITIES_SQL, {"run": run_id}, stage="resolve", table="entities")
    return store.count("entities")
