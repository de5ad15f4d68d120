"""Vehicles and vessels: mainland plates, dual-plated cross-boundary cars, boats.

A cross-boundary car carries two plates (粤Z·…港 on the mainland side, a Hong Kong plate
on the other), so the same car shows up under different identifiers in Guangdong's and
Hong Kong's exhibits; truth/vehicles.csv pairs them.
"""

from __future__ import annotations

import random
import string

from borderlink.synth.world import Person, Vehicle, World, places

_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_HK_PREFIXES = [
    "AB",
    "AC",
    "AD",
    "AE",
    "AF",
    "AG",
    "AH",
    "AJ",
    "AK",
    "AL",
    "AM",
    "AN",
    "AP",
    "AR",
    "AS",
    "AT",
    "AU",
    "AV",
    "AW",
    "AX",
    "AY",
    "CA",
    "CB",
    "DA",
    "DE",
    "FA",
    "GB",
    "HK",
    "JD",
    "KM",
    "LM",
    "MV",
    "NB",
    "PE",
    "RK",
    "SG",
    "TV",
    "UM",
    "VX",
    "WB",
    "XX",
    "YY",
]


class Fleet:
    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng = rng
        self.world = world
        self.cars: dict[int, Vehicle] = {}  # by driver's person index

    def _mainland_plate(self, prefix: str) -> str:
        rng = self.rng
        body = [rng.choice(string.digits) for _ in range(5)]
        for pos in rng.sample(range(5), rng.randint(0, 2)):
            body[pos] = rng.choice(_LETTERS)
        return f"{prefix}·{''.join(body)}"

    def _hk_plate(self) -> str:
        return f"{self.rng.choice(_HK_PREFIXES)} {self.rng.randint(1, 9999)}"

    def mainland_car(self, driver: Person, region: str) -> Vehicle:
        prefix = str(
            self.rng.choice(places()["mainland"].get(region, places()["mainland"]["GD"]))["plate"]
        )
        return self._add(driver, self._mainland_plate(prefix), None)

    def dual_plated(self, driver: Person) -> Vehicle:
        body = self.rng.choice(_LETTERS) + "".join(self.rng.choice(string.digits) for _ in range(3))
        return self._add(driver, f"粤Z·{body}港", self._hk_plate())

    def _add(self, driver: Person, mainland: str | None, hk: str | None) -> Vehicle:
        vehicle = Vehicle(f"V{len(self.world.vehicles) + 1:06d}", mainland, hk, driver.index)
        self.world.vehicles.append(vehicle)
        self.cars[driver.index] = vehicle
        return vehicle

    def car_of(self, driver: Person) -> Vehicle | None:
        return self.cars.get(driver.index)

    def vessel(self, hk_registered: bool) -> str:
        """A hull number: a Guangdong fishing boat or a Hong Kong-licensed speedboat."""
        rng = self.rng
        if hk_registered:
            return f"CM{rng.randint(10000, 99999)}{rng.choice('ABCDEFGHY')}"
        return (
            f"{rng.choice(['粤珠渔', '粤深渔', '粤中山渔', '粤惠渔'])}{rng.randint(10000, 99999)}"
        )
