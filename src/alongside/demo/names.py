"""Pools of synthetic names drawn from Faker once per run, so a million names cost a list lookup.

Names follow the family's ethnicity loosely (Faker's en_GB pool alone would make every family sound
White British); none are real people's: Faker combines first and last names at random."""

import random

from faker import Faker

_CHINESE_SURNAMES = ["Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Lee", "Lin", "Huang", "Zhou", "Wu", "Ho"]


class NamePools:
    def __init__(self, seed: int, size: int = 300):
        self._pools: dict[str, tuple[list[str], list[str], list[str]]] = {}
        for locale in ("en_GB", "en_IE", "pl_PL", "ro_RO", "en_IN", "en_PK", "yo_NG", "tw_GH"):
            fake = Faker(locale)
            fake.seed_instance(seed)
            female = sorted({fake.first_name_female() for _ in range(size)})
            male = sorted({fake.first_name_male() for _ in range(size)})
            last = sorted({fake.last_name() for _ in range(size)})
            self._pools[locale] = (female, male, last)
        self._pools["zh"] = (self._pools["en_GB"][0], self._pools["en_GB"][1], _CHINESE_SURNAMES)

    _BY_ETHNICITY = {
        "WIRI": ["en_IE"],
        "WIRT": ["en_IE", "en_GB"],
        "WOTH": ["pl_PL", "ro_RO", "en_GB"],
        "WROM": ["ro_RO", "en_GB"],
        "AIND": ["en_IN"],
        "ABAN": ["en_IN", "en_PK"],
        "APKN": ["en_PK"],
        "AOTH": ["en_IN", "en_PK"],
        "BAFR": ["yo_NG", "tw_GH"],
        "MWBA": ["en_GB", "yo_NG"],
        "MWAS": ["en_GB", "en_IN"],
        "CHNE": ["zh"],
    }

    def locale_for(self, ethnicity: str, rng: random.Random) -> str:
        return rng.choice(self._BY_ETHNICITY.get(ethnicity, ["en_GB"]))

    def last_name(self, locale: str, rng: random.Random) -> str:
        return rng.choice(self._pools[locale][2])

    def first_name(self, locale: str, sex: str, rng: random.Random) -> str:
        female, male, _ = self._pools[locale]
        return rng.choice(female if sex == "F" else male)
