"""The hash-chained audit log on a real workspace file: append, verify, tamper."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from borderlink.audit import GENESIS_HASH, append, check_chain, entries, verify
from borderlink.cli.main import main
from borderlink.store import Store


def _workspace_with_entries(tmp_path: Path, n: int = 5) -> Path:
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        for i in range(n):
            append(
                store,
                actor=f"analyst{i % 2}",
                agency="hk_police" if i % 2 else "gd_psb",
                action="search",
                target=f"陳志明 {i}",
                result_count=i,
                details={"q": "陳志明", "page": i},
            )
    return ws


def test_chain_links_each_entry_to_the_previous(tmp_path: Path) -> None:
    ws = _workspace_with_entries(tmp_path)
    with Store.open(ws, read_only=True) as store:
        log = entries(store)
        result = verify(store)
    assert [e.seq for e in log] == [1, 2, 3, 4, 5]
    assert log[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(log))
    assert result.ok and result.checked == 5
    assert entries_filtered(ws) == [2, 4]


def entries_filtered(ws: Path) -> list[int]:
    with Store.open(ws, read_only=True) as store:
        return [e.seq for e in entries(store, actor="analyst1")]


@pytest.mark.parametrize(
    ("sql", "bad_seq", "why"),
    [
        ("UPDATE audit_log SET result_count = 99 WHERE seq = 3", 3, "changed"),
        ("UPDATE audit_log SET actor = 'someone' WHERE seq = 1", 1, "changed"),
        ("DELETE FROM audit_log WHERE seq = 2", 3, "sequence gap"),
    ],
)
def test_tampering_fails_at_the_entry(tmp_path: Path, sql: str, bad_seq: int, why: str) -> None:
    ws = _workspace_with_entries(tmp_path)
    with Store.open(ws) as store:
        store.execute(sql)
        result = verify(store)
    assert not result.ok
    assert result.first_bad_seq == bad_seq
    assert why in (result.reason or "")


def test_rewriting_one_entry_with_a_fresh_hash_breaks_the_next_link(tmp_path: Path) -> None:
    ws = _workspace_with_entries(tmp_path)
    with Store.open(ws) as store:
        forged = entries(store, seqs=[2])[0].model_copy(update={"target": "nobody"})
        from borderlink.audit.chain import entry_hash

        fields = forged.model_dump(exclude={"hash"})
        new_hash = entry_hash(**fields)
        store.execute("UPDATE audit_log SET target = 'nobody', hash = ? WHERE seq = 2", [new_hash])
        result = verify(store)
    assert not result.ok and result.first_bad_seq == 3
    assert "previous-hash" in (result.reason or "")


def test_a_slice_verifies_on_its_own(tmp_path: Path) -> None:
    ws = _workspace_with_entries(tmp_path)
    with Store.open(ws, read_only=True) as store:
        middle = entries(store, seqs=[2, 3, 4])
    assert check_chain(middle, start_hash=None).ok
    assert not check_chain(middle).ok  # does not start at the genesis hash


def test_cli_verify_names_the_tampered_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = _workspace_with_entries(tmp_path)
    assert main(["audit", "verify", "-w", str(ws)]) == 0
    assert "5 entries" in capsys.readouterr().out
    with Store.open(ws) as store:
        store.execute("UPDATE audit_log SET details = '{}' WHERE seq = 4")
    assert main(["audit", "verify", "-w", str(ws)]) == 1
    err = capsys.readouterr().err
    assert "entry 4" in err and "Traceback" not in err


def test_empty_workspace_log_verifies(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        assert verify(store).ok and verify(store).checked == 0
        assert entries(store) == []


def test_appends_from_many_threads_and_transactions_keep_one_chain(tmp_path: Path) -> None:
    """A server appends from many threads, some inside a transaction that commits later
    (a decision and its entry land together): no two entries may take the same seq."""
    import threading
    import time

    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as held:
        append(held, actor="setup", action="start")
        failures: list[BaseException] = []

        def in_transaction(i: int) -> None:
            try:
                with held.cursor() as store, store.transaction():
                    append(store, actor=f"decider{i}", action="decide")
                    time.sleep(0.05)  # the decision's own writes, before the commit
            except BaseException as exc:  # pragma: no cover - reported below
                failures.append(exc)

        def plain(i: int) -> None:
            try:
                with held.cursor() as store:
                    for _ in range(5):
                        append(store, actor=f"reader{i}", action="search")
            except BaseException as exc:  # pragma: no cover - reported below
                failures.append(exc)

        threads = [threading.Thread(target=in_transaction, args=(i,)) for i in range(4)]
        threads += [threading.Thread(target=plain, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert failures == []
        log = entries(held)
        assert [e.seq for e in log] == list(range(1, 26))
        assert verify(held).ok
