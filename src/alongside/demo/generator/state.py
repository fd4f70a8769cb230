"""The simulation's state (children, families) and the rates and probabilities it runs on."""

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace as Row

from alongside.codes import UPN_LA_CODES
from alongside.demo import distributions as dist

LA_NAME = "Kestrel Vale"
# A DfE LA number is needed for the returns' headers; 999 is not any real council's.
LA_DFE_CODE = "999"
# UPNs are issued by the LA where a child first went to school: mostly this LA's neighbours.
UPN_ISSUERS = ["873", "874", "886", "919", "935"]
assert all(code in UPN_LA_CODES for code in UPN_ISSUERS)


@dataclass
class Child:
    person: Row
    born: date  # date of birth, or expected date for an unborn child
    previous_cp_plans: int = 0
    in_care_until: date | None = None
    supported_until: date = date.min  # as a care leaver, to 21
    adopted: bool = False  # an adopted child belongs to the adoptive family, not this one

    def available_on(self, day: date) -> bool:
        return (
            -0.75 < self.age_on(day) < 18
            and self.in_care_until is None
            and day >= self.supported_until
            and not self.adopted
        )

    def age_on(self, day: date) -> float:
        return (day - self.born).days / 365.25


@dataclass
class Family:
    network_id: int
    children: list[Child]
    adults: list[Row]
    school: int
    uasc: bool = False
    busy_until: date = date.min
    posts: dict = field(default_factory=dict)  # service -> Post last allocated, for continuity
    referrals: int = 0


# Probabilities of each path at referral (shares of referrals, §1 and §3 of national figures):
# NFA 6.5%; assessed not in need 30.8%; s47 36% (here 30% at referral plus escalations);
# ICPC 31% of s47; CP plan 86% of ICPC; care entry ~26 per 10k children a year.
PATHS = {
    "before": dist.Weighted({"nfa": 6.5, "not_in_need": 30.0, "cin": 28.5, "s47": 30.0, "care": 5.0}),
    "after": dist.Weighted({"nfa": 6.5, "not_in_need": 31.0, "cin": 30.5, "s47": 28.0, "care": 4.0}),
}
ICPC_SHARE = {"before": 0.34, "after": 0.29}
CP_TO_CARE = {"before": 0.22, "after": 0.17}
# Chance that a returning family gets the post (and so usually the worker) they had before.
CONTINUITY = {"before": 0.3, "after": 0.85}
# Chance that the case moves to a different worker when the assessment ends (the old
# assessment-team-to-long-term-team handoff that pods remove).
HANDOFF_AFTER_ASSESSMENT = {"before": 0.7, "after": 0.1}
# Share of referrals that are about a family already known (re-referral within 12 months 22.6%).
RE_REFERRAL_SOON = 0.36
RE_REFERRAL_LATER = 0.12
DATA_FAULT_SHARE = 0.025
