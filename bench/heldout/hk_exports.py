"""hk_police (three UTF-8 CSVs) and hk_immd (JSON Lines)."""

from __future__ import annotations

import json
import random
from typing import Any

from . import identifiers as ids
from .events import ImmdEvent, Sighting
from .exports import EN_NAT, HK_OFFENCE, Writer
from .people import hk_police_name, immd_name


class HkWriter(Writer):
    # --- hk_police -------------------------------------------------------------------
    def hk(self) -> None:
        rng = self.rng
        cases, persons, exhibits = [], [], []
        for c in self.cases_of("hk_police"):
            n_ii = sum(1 for s in c.sightings if s.migrant_kind)
            narrative = (
                f"{n_ii} persons intercepted at {c.place}."
                if c.method != "unknown"
                else f"Operation in {c.place}; {len(c.sightings)} arrested."
            )
            cases.append(
                [
                    c.case_no,
                    f"{c.when:%d/%m/%Y}",
                    c.place,
                    HK_OFFENCE[c.offence],
                    c.method,
                    narrative,
                ]
            )
            for j, s in enumerate(c.sightings, start=1):
                p = s.person
                ref = f"{c.case_no[4:]}-{j:02d}"
                assert s.name is not None
                en, zh = hk_police_name(rng, s.name)
                d = self.dob(p, s)
                dob = "" if d is None else (str(d.year) if rng.random() < 0.08 else f"{d:%d/%m/%Y}")
                id_type, id_no = self.hk_doc(s, ref)
                nat = EN_NAT[p.nat][0 if rng.random() < 0.7 else 1]
                role = self.hk_role(s)
                addr = p.address if p.address and rng.random() < 0.7 else ""
                persons.append(
                    [
                        c.case_no,
                        ref,
                        en,
                        zh,
                        p.sex,
                        dob,
                        id_type,
                        id_no,
                        nat,
                        self.phone(s, "HK"),
                        role,
                        addr,
                    ]
                )
                self.record("hk_police", "persons.csv", ref, p)
                exhibits.extend([c.case_no, *e] for e in self.hk_exhibits(s, ref))
        d = self.out / "hk_police"
        self.write_csv(
            d / "cases.csv",
            ["case_no", "report_date", "district", "offence", "method", "narrative"],
            cases,
            "utf-8",
        )
        self.write_csv(
            d / "persons.csv",
            [
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
            ],
            persons,
            "utf-8",
        )
        self.write_csv(
            d / "exhibits.csv",
            ["case_no", "exhibit_type", "identifier", "person_ref"],
            exhibits,
            "utf-8",
        )

    def hk_doc(self, s: Sighting, ref: str) -> tuple[str, str]:
        rng = self.rng
        doc = self.doc(s, "hk_police", ref, "persons.csv")
        if s.person.role == "migrant" and rng.random() < 0.45:
            return "Recognizance", f"RC/{rng.randrange(10000, 99999)}/{rng.randrange(16, 20)}"
        if doc is None:
            return "", ""
        return {"rid": "Mainland ID", "hkid": "HKID", "passport": "Passport"}[doc[0]], doc[1]

    def hk_role(self, s: Sighting) -> str:
        if s.migrant_kind:
            return "Overstayer" if s.migrant_kind == "overstayer" else "Illegal immigrant"
        if s.role == "transporter":
            return "Coxswain" if s.stage == "cox" else "Driver"
        if s.role == "receiver":
            return "Look-out" if s.stage == "lookout" else "Snakehead"
        return {"harbourer": "Harbourer", "employer": "Employer"}.get(s.role, "Snakehead")

    def hk_exhibits(self, s: Sighting, ref: str) -> list[list[str]]:
        rng, p, out = self.rng, s.person, []
        syn = next((x for x in self.w.syndicates if x.sid == p.syndicate), None)
        if p.phones and rng.random() < (0.5 if syn else 0.1):
            out.append(["Mobile phone", ids.write_phone(rng, p.phones[-1], "HK"), ref])
        if syn is None:
            return out
        if p.pid in syn.vessels and rng.random() < 0.7:
            out.append(["Vessel", syn.vessels[p.pid], ref])
        if p.pid in syn.vehicles and syn.vehicles[p.pid][1] and rng.random() < 0.8:
            out.append(["Vehicle", str(syn.vehicles[p.pid][1]), ref])
        if p.role in ("organiser", "financier", "receiver") and rng.random() < 0.4:
            out.append(["Cash", f"HK${rng.randrange(5, 300) * 1000:,}", ref])
        if len(p.phones) > 1 and rng.random() < 0.3:
            out.append(["SIM card", ids.write_phone(rng, p.phones[0], "HK"), ref])
        return out

    # --- hk_immd ---------------------------------------------------------------------
    def immd(self) -> None:
        rng = self.rng
        path = self.out / "hk_immd" / "enforcement.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            for ev in sorted(self.w.immd, key=lambda e: (e.when, e.record_id)):
                fh.write(json.dumps(self.immd_obj(ev, rng), ensure_ascii=False) + "\n")
                self.record("hk_immd", "enforcement.jsonl", ev.record_id, ev.person)

    def immd_obj(self, ev: ImmdEvent, rng: random.Random) -> dict[str, Any]:
        p = ev.person
        sur, given, zh = immd_name(rng, p.name)
        d = self.dob(p)
        doc = None
        if ev.doc:
            issuer = "CHN" if ev.doc[0] == "permit" else p.nat
            doc = {"type": ev.doc[0], "number": ev.doc[1], "issuer": issuer}
        obj: dict[str, Any] = {
            "record_id": ev.record_id,
            "event": ev.event,
            "event_date": ev.when.isoformat(),
            "surname": sur,
            "given_names": given,
            "chinese_name": zh,
            "sex": p.sex,
            "date_of_birth": d.isoformat() if d else None,
            "nationality": p.nat,
            "travel_document": doc,
            "employer": ev.employer,
            "address": ev.address,
            "phone": ids.write_phone(rng, ev.phone, "HK") if ev.phone else None,
        }
        if rng.random() < 0.3:  # some writers leave out the null keys
            obj = {k: v for k, v in obj.items() if v is not None}
        return obj
