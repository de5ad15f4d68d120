"""Hong Kong exports (police CSVs, Immigration JSON Lines) and the call records."""

from __future__ import annotations

import json
from typing import Any

from borderlink.synth.noise import Clerk
from borderlink.synth.phones import write_phone
from borderlink.synth.spelling import employer_name, hk_police_name, immd_name, pick_name
from borderlink.synth.world import Case, Person, World
from borderlink.synth.writers.fields import NATIONALITY_EN, Sink, hkid, resident_id, write_csv
from borderlink.synth.writers.narratives import hk_narrative

EXHIBIT_EN = {
    "vessel": "Vessel",
    "vehicle": "Vehicle",
    "phone": "Mobile phone",
    "cash": "Cash",
    "document": "Travel document",
    "sim": "SIM card",
}
LATER_KINDS = ("later", "work", "overstay", "takedown")


def _dob(person: Person, clerk: Clerk) -> str:
    if clerk.missing():
        return ""
    if clerk.partial():
        return str(person.dob.year)
    day = clerk.swapped(person.dob)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _identity(
    person: Person, case: Case, clerk: Clerk, sink: Sink, where: tuple[str, str, str]
) -> tuple[str, str]:
    if clerk.missing(0.5):
        return "", ""
    if person.hkid:
        return "HKID", hkid(person, clerk, sink, where)
    if person.resident_ids and clerk.rng.random() < 0.9:
        return "Mainland ID", resident_id(person, clerk, sink, where)
    if person.recognizance and case.kind in LATER_KINDS and clerk.rng.random() < 0.8:
        return "Recognizance", person.recognizance
    if person.passport:
        return "Passport", person.passport
    return "", ""


def write_hk_police(world: World, sink: Sink, clerk: Clerk) -> None:
    folder = sink.out / "hk_police"
    cases = [c for c in world.cases if c.agency == "hk_police"]
    case_rows: list[list[str]] = []
    person_rows: list[list[str]] = []
    exhibit_rows: list[list[str]] = []
    for case in cases:
        people = [world.people[i.person - 1] for i in case.people]
        narrative = hk_narrative(case, people, [i.role for i in case.people], clerk.rng)
        d = case.opened
        case_rows.append(
            [
                case.case_no,
                f"{d.day:02d}/{d.month:02d}/{d.year}",
                case.place,
                case.offence,
                case.method,
                narrative,
            ]
        )
        ref_of: dict[int, str] = {}
        for n, (inv, person) in enumerate(zip(case.people, people, strict=True), start=1):
            ref = f"{case.case_no}-{n:02d}"
            ref_of.setdefault(person.index, ref)
            where = ("hk_police", "persons.csv", ref)
            name_en, name_zh = hk_police_name(person, pick_name(person, clerk), clerk)
            id_type, id_no = _identity(person, case, clerk, sink, where)
            phone = (
                write_phone(clerk.rng, inv.phone, "852", "hk")
                if inv.phone and not clerk.missing()
                else ""
            )
            show_address = person.address and (
                person.nationality == "HKG" or case.kind in LATER_KINDS
            )
            address = person.address if show_address and not clerk.missing(2) else ""
            person_rows.append(
                [
                    case.case_no,
                    ref,
                    name_en,
                    name_zh,
                    "" if clerk.missing(0.3) else person.sex,
                    _dob(person, clerk),
                    id_type,
                    id_no,
                    "" if clerk.missing(0.3) else NATIONALITY_EN[person.nationality],
                    phone,
                    inv.role,
                    address or "",
                ]
            )
            sink.record("hk_police", "persons.csv", ref, person)
        for ex in case.exhibits:
            if ex.kind not in EXHIBIT_EN:
                continue
            if ex.kind in ("phone", "sim"):
                ident = write_phone(clerk.rng, ex.identifier, "852", "hk")
            elif ex.kind == "cash" and clerk.rng.random() < 0.1:
                ident = f"{int(ex.identifier):,}"
            else:
                ident = ex.identifier
            holder = ref_of.get(ex.holder, "") if ex.holder is not None else ""
            exhibit_rows.append([case.case_no, EXHIBIT_EN[ex.kind], ident, holder])
    write_csv(
        folder / "cases.csv",
        ["case_no", "report_date", "district", "offence", "method", "narrative"],
        case_rows,
        "utf-8",
    )
    header = [
        "case_no",
        "person_ref",
        "name_en",
        "name_zh",
        "sex",
        "dob",
        "id_type",
        "id_no",
        "nationality",
        "phone",
        "role",
        "address",
    ]
    write_csv(folder / "persons.csv", header, person_rows, "utf-8")
    write_csv(
        folder / "exhibits.csv",
        ["case_no", "exhibit_type", "identifier", "person_ref"],
        exhibit_rows,
        "utf-8",
    )
    sink.counted("hk_police/cases.csv", len(case_rows))
    sink.counted("hk_police/persons.csv", len(person_rows))
    sink.counted("hk_police/exhibits.csv", len(exhibit_rows))


def write_hk_immd(world: World, sink: Sink, clerk: Clerk) -> None:
    path = sink.out / "hk_immd" / "enforcement.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for event in world.immd:
            person = world.people[event.person - 1]
            surname, given, chinese = immd_name(person, pick_name(person, clerk), clerk)
            document: dict[str, str] | None = None
            if person.passport and not clerk.missing():
                document = {
                    "type": "passport",
                    "number": person.passport,
                    "issuer": person.nationality,
                }
            employer: str | None = None
            if event.company:
                employer = event.company
            elif event.employer is not None:
                employer = employer_name(world.people[event.employer - 1], clerk)
            phone = person.phones[-1] if person.phones and clerk.rng.random() < 0.6 else None
            record: dict[str, Any] = {
                "record_id": event.record_id,
                "event": event.event,
                "event_date": event.day.isoformat(),
                "surname": surname,
                "given_names": given,
                "chinese_name": chinese,
                "sex": person.sex,
                "date_of_birth": None
                if clerk.missing() or clerk.partial()
                else clerk.swapped(person.dob).isoformat(),
                "nationality": person.nationality,
                "travel_document": document,
                "employer": employer,
                "address": person.address
                if person.address and event.event != "refused_entry" and not clerk.missing(4)
                else None,
                "phone": write_phone(clerk.rng, phone, "852", "hk") if phone else None,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            sink.record("hk_immd", "enforcement.jsonl", event.record_id, person)
    sink.counted("hk_immd/enforcement.jsonl", len(world.immd))


def write_calls(world: World, sink: Sink, clerk: Clerk) -> None:
    rows: list[list[str]] = []
    for call in world.calls:
        home = "852" if call.agency in ("hk_police", "hk_immd") else "86"
        rows.append(
            [
                write_phone(clerk.rng, call.caller, home, "calls"),
                write_phone(clerk.rng, call.callee, home, "calls"),
                call.start.isoformat(),
                str(call.duration_s),
                call.agency,
            ]
        )
    write_csv(
        sink.out / "calls" / "calls.csv",
        ["caller", "callee", "start", "duration_s", "agency"],
        rows,
        "utf-8",
    )
    sink.counted("calls/calls.csv", len(rows))
