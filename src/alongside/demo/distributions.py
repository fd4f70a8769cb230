"""Distributions that calibrate the synthetic LA on national figures (shared/reference/national-figures.md).

Each table names the section of the reference it comes from. Marks: [V] verified DfE/ONS figure,
[U] working estimate from the reference where no stored figure exists.
"""

import random
from bisect import bisect_right
from itertools import accumulate


class Weighted:
    """Draws a value with the given weights; built once, drawn from many times."""

    def __init__(self, table: dict):
        self.values = list(table)
        self._cumulative = list(accumulate(table.values()))
        self._total = self._cumulative[-1]

    def draw(self, rng: random.Random):
        return self.values[bisect_right(self._cumulative, rng.random() * self._total)]


class Ranges:
    """Draws a number uniformly inside a band picked by weight: {(low, high): weight}."""

    def __init__(self, table: dict[tuple[float, float], float]):
        self._bands = Weighted(table)

    def draw(self, rng: random.Random) -> float:
        low, high = self._bands.draw(rng)
        return rng.uniform(low, high)


# Rates per 10,000 children per year. National referrals 519 [V §1]; the demo LA sits near the p75
# of LAs (619) because the issue asks for ~6,000 referrals a year from 100,000 children.
REFERRALS_PER_10K = 600

# §1: suggested 2025 mix [U], spread over the DfE codes within each group.
REFERRAL_SOURCE = Weighted(
    {
        "6": 28,
        "2A": 19,
        "2B": 2,
        "3A": 3,
        "3B": 3,
        "3C": 1,
        "3D": 2,
        "3E": 3,
        "3F": 3,
        "5A": 4,
        "5B": 2,
        "5C": 2,
        "5D": 5,
        "1A": 4,
        "1B": 1.5,
        "1C": 1,
        "1D": 1.5,
        "4": 1.3,
        "7": 4,
        "8": 4,
        "9": 2,
        "10": 1.4,
    }
)

# §2 working mix [U] for primary need at assessment.
PRIMARY_NEED = Weighted({"N1": 57, "N2": 13, "N5": 12, "N4": 7, "N3": 3, "N8": 3, "N9": 3, "N6": 2, "N0": 1, "N7": 0.3})

# §2 assessment timeliness: working days from referral to authorisation [V]; 85.7% within 45.
ASSESSMENT_WORKING_DAYS = Ranges(
    {
        (0, 0): 1.8,
        (1, 10): 11.7,
        (11, 20): 17.3,
        (21, 30): 15.8,
        (31, 40): 20.2,
        (41, 45): 18.9,
        (46, 50): 5.8,
        (51, 60): 4.3,
        (61, 90): 4.2,
    }
)

# §2 factors at the end of assessment, % of episodes with a factor [V]. One episode has several.
FACTOR_SHARE = {
    "4B": 33.5,
    "3B": 31.7,
    "17A": 19.0,
    "4A": 17.6,
    "16A": 17.6,
    "20": 16.3,
    "1B": 14.3,
    "2B": 14.1,
    "5A": 12.3,
    "18B": 12.0,
    "3A": 11.3,
    "14A": 7.0,
    "6B": 5.4,
    "3C": 5.0,
    "15A": 5.0,
    "2A": 4.8,
    "19B": 3.7,
    "10A": 3.3,
    "24A": 3.2,
    "11A": 2.4,
    "13A": 1.7,
}

# §3 s47 start to ICPC in working days [V]: 81% within 15.
ICPC_WORKING_DAYS = Ranges({(5, 10): 8.7, (11, 15): 72.7, (16, 20): 8.9, (21, 30): 9.7})

# §3 initial category of abuse (2020 split, the latest full one) [V].
ABUSE_CATEGORY = Weighted({"NEG": 50.5, "EMO": 35.7, "PHY": 7.4, "SAB": 3.8, "MUL": 2.6})

# §3 length of child protection plans that ended in 2024-25, in months [V].
CP_PLAN_MONTHS = Ranges({(1, 3): 15.9, (3, 6): 11.0, (6, 12): 43.5, (12, 24): 25.2, (24, 30): 4.4})

# §3 CIN demographics [U]: age band of a child at referral, in years.
AGE_AT_REFERRAL = Ranges({(-0.3, 0): 1, (0, 1): 5, (1, 5): 15, (5, 10): 21, (10, 16): 37, (16, 17.9): 21})

# §4 age on starting to be looked after, 2025 [V].
AGE_ENTERING_CARE = Ranges({(0, 1): 16, (1, 5): 14, (5, 10): 15, (10, 16): 27, (16, 17.8): 28})

# §4 length of the last period of care, in days [V]; mean 864.
CARE_DAYS = Ranges(
    {
        (3, 14): 7,
        (14, 56): 7,
        (56, 182): 14,
        (182, 365): 19,
        (365, 730): 21,
        (730, 1095): 9,
        (1095, 1825): 9,
        (1825, 3650): 9,
        (3650, 5400): 5,
    }
)

# §4 legal status on starting care, 2024 [V]; C1 assumed for "care order" on entry [U].
LEGAL_STATUS_ON_ENTRY = Weighted({"V2": 57, "C1": 31, "L1": 5, "L2": 5, "J1": 2})

# §4 placement at 31 March 2024 [V], adjusted for age as the age-band figures suggest [U].
PLACEMENT_BY_AGE = {
    0: Weighted({"U6": 55, "U3": 20, "U5": 10, "R3": 10, "P1": 5}),
    1: Weighted({"U6": 55, "U3": 25, "U4": 10, "P1": 6, "U5": 4}),
    5: Weighted({"U6": 45, "U4": 20, "U3": 22, "K2": 7, "P1": 6}),
    10: Weighted({"U6": 35, "U4": 20, "U3": 14, "K2": 24, "P1": 5, "K1": 1, "S1": 1}),
    16: Weighted({"U6": 20, "U3": 10, "K2": 25, "K3": 40, "P1": 5}),
}

PROVIDER_FOR_PLACEMENT = {
    "U1": Weighted({"PR1": 100}),
    "U2": Weighted({"PR1": 100}),
    "U3": Weighted({"PR1": 100}),
    "U4": Weighted({"PR1": 60, "PR4": 40}),
    "U5": Weighted({"PR1": 60, "PR4": 40}),
    "U6": Weighted({"PR1": 60, "PR4": 35, "PR5": 5}),
    "K1": Weighted({"PR1": 40, "PR2": 60}),
    "K2": Weighted({"PR4": 75, "PR1": 20, "PR5": 5}),
    "K3": Weighted({"PR4": 70, "PR5": 20, "PR1": 10}),
    "P1": Weighted({"PR0": 100}),
    "R3": Weighted({"PR4": 70, "PR3": 30}),
    "S1": Weighted({"PR4": 80, "PR5": 20}),
    "A5": Weighted({"PR1": 70, "PR2": 30}),
    "A6": Weighted({"PR1": 70, "PR2": 30}),
}

PLACEMENT_CHANGE_REASON = Weighted(
    {
        "CARPL": 40,
        "CREQB": 14,
        "CREQO": 12,
        "CHILD": 8,
        "LAREQ": 8,
        "CLOSE": 5,
        "STAND": 3,
        "ALLEG": 2,
        "OTHER": 8,
    }
)

# §4 reason ceased 2024 [V], split by age so that young children are adopted and 18-year-olds stay put.
CARE_END_UNDER_5 = Weighted(
    {"E11": 22, "E12": 13, "E4A": 30, "E45": 10, "E46": 3, "E47": 5, "E13": 5, "E41": 4, "E4B": 3, "E3": 3, "E8": 2}
)
CARE_END_5_TO_15 = Weighted(
    {"E4A": 42, "E45": 10, "E47": 5, "E13": 9, "E41": 5, "E4B": 7, "E3": 6, "E8": 12, "E16": 1, "E11": 3}
)
CARE_END_16_17 = Weighted({"E4A": 30, "E13": 10, "E4B": 10, "E5": 20, "E8": 15, "E9": 4, "E3": 6, "E6": 3, "E15": 2})
CARE_END_AT_18 = Weighted({"E17": 40, "E5": 35, "E6": 7, "E8": 10, "E7": 3, "E13": 5})

# §5 care leavers aged 19-21 [V].
CARE_LEAVER_ACTIVITY = Weighted(
    {"F1": 4, "P1": 2, "F2": 15, "P2": 6, "F4": 17, "P4": 8, "F5": 1, "P5": 1, "G4": 9, "G5": 27, "G6": 4}
)
CARE_LEAVER_IN_TOUCH = Weighted({"YES": 92, "NO": 5, "NREQ": 2, "REFU": 1})
CARE_LEAVER_ACCOMMODATION = Weighted(
    {
        "U1": 30,
        "D1": 17,
        "B1": 10,
        "Z1": 9,
        "E1": 4,
        "X2": 3,
        "T1": 4,
        "K1": 5,
        "U2": 4,
        "D2": 2,
        "S2": 2,
        "Y1": 5,
        "B2": 2,
        "R1": 3,
    }
)

# §4 ethnicity of children in care, 2025 [V] (White 71, Mixed 11, Black 8, Asian 5, other 4, NK 1),
# spread over codes with the pupil census shape [U].
ETHNICITY = Weighted(
    {
        "WBRI": 61,
        "WOTH": 7.4,
        "WIRI": 0.8,
        "WIRT": 0.8,
        "WROM": 1.0,
        "MWBC": 4.0,
        "MWBA": 2.0,
        "MWAS": 2.0,
        "MOTH": 3.0,
        "AIND": 1.2,
        "APKN": 1.8,
        "ABAN": 0.9,
        "AOTH": 1.1,
        "BCRB": 1.8,
        "BAFR": 4.6,
        "BOTH": 1.6,
        "CHNE": 0.3,
        "OOTH": 3.7,
        "REFU": 0.5,
        "NOBT": 0.5,
    }
)

# Disability among children in need [U]: about one in eight, matching N2's share of need.
DISABILITY = Weighted(
    {"LD": 30, "AUT": 30, "COMM": 12, "BEH": 10, "MOB": 6, "HAND": 2, "PC": 2, "HEAR": 3, "VIS": 3, "CON": 1, "INC": 1}
)

SIBLING_GROUP_SIZE = Weighted({1: 45, 2: 30, 3: 16, 4: 7, 5: 2})

# How children aged 4 and over take part in their looked-after reviews (SSDA903 REVIEW_CODE). Our
# assumption, weighted to children speaking for themselves as the IRO handbook expects; not a DfE table.
REVIEW_PARTICIPATION = Weighted({"PN1": 55, "PN2": 8, "PN3": 3, "PN4": 4, "PN5": 10, "PN6": 12, "PN7": 8})
