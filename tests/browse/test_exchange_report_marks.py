"""The report names the handling codes and grading of the received records it counts."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from borderlink.exchange.export import ExportRequest, export_package
from borderlink.exchange.importer import import_package
from borderlink.exchange.keys import KeyRing
from borderlink.reports import build_report
from borderlink.store import Store
from browse_world import World


def test_report_names_the_codes_of_the_received_records(
    copy_world: Callable[[], World], tmp_path: Path
) -> None:
    receiver = copy_world().workspace
    sender = tmp_path / "sender"
    shutil.copytree(receiver, sender)
    gd, hk = KeyRing(tmp_path / "keys-gd"), KeyRing(tmp_path / "keys-hk")
    gd.generate("gd_psb")
    gd.export_public("gd_psb", tmp_path / "gd.pub")
    hk.trust(tmp_path / "gd.pub", "gd_psb")
    request = ExportRequest(
        agreement="joint-operation",
        sender="gd_psb",
        receiver="hk_police",
        handling_code="H2",
        source_reliability="C",
        information_grade="3",
    )
    export_package(sender, request, tmp_path / "p.blpkg", keyring=gd)
    import_package(receiver, tmp_path / "p.blpkg", keyring=hk, agency="hk_police")
    with Store.open(receiver) as store:
        received = store.count("person_records", "source = 'exchange:gd_psb'")
        summary = build_report(store, tmp_path / "en", pdf=False)
        build_report(store, tmp_path / "zh", lang="zh", pdf=False)
    marks = [(m.source, m.handling_code, m.grading, m.records) for m in summary.data.exchanged]
    assert marks == [("exchange:gd_psb", "H2", "C3", received)] and received > 10
    html = Path(summary.html).read_text(encoding="utf-8")
    assert 'id="exchange-marks"' in html and 'data-handling="H2"' in html
    assert "Includes intelligence received under exchange agreements" in html
    zh = (tmp_path / "zh" / "report.html").read_text(encoding="utf-8")
    assert "含依交换协议接收的情报" in zh and 'data-handling="H2"' in zh


def test_report_without_received_records_has_no_exchange_banner(
    copy_world: Callable[[], World], tmp_path: Path
) -> None:
    with Store.open(copy_world().workspace) as store:
        summary = build_report(store, tmp_path / "en", pdf=False)
    assert summary.data.exchanged == []
    assert 'id="exchange-marks"' not in Path(summary.html).read_text(encoding="utf-8")
