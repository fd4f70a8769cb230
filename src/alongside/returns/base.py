"""What every statutory return has in common, so the data officer page, the command line and the
benchmark treat the CIN census, the SSDA903 and Ofsted's Annex A the same way.

Each return has a producer module and a rules module (named per return in `registry.py`):
  produce(year, progress=None) -> Produced     the files, built from the record, never re-keyed
  validate(produced) -> list[Finding]          our checks, run on the produced files themselves

`year` is the DfE collection year: the year the census ends, on 31 March (2026 is 1 April 2025 to
31 March 2026). Annex A is a snapshot on a day rather than a year: its `year` gives the 31 March the
lists run to, unless its own module says otherwise."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

Progress = Callable[[str, float], None]
"""progress(step, fraction done 0..1): a line for the person waiting and how far along it is."""


def no_progress(step: str, done: float) -> None:
    return None


def census_start(year: int) -> date:
    return date(year - 1, 4, 1)


def census_end(year: int) -> date:
    return date(year, 3, 31)


@dataclass
class Produced:
    """A return as files: name -> bytes, in the exact format the DfE or Ofsted receive."""

    kind: str  # "cin", "903" or "annex-a"
    year: int
    files: dict[str, bytes]
    children: int = 0
    la_code: str = ""


@dataclass(frozen=True)
class Finding:
    """One rule a produced return breaks, for one child or for the whole return.

    `rule` is the DfE rule code as the DfE and the independent validators write it ("8610", "8897Q",
    "SW17STG2"); a code ending in Q is a query the LA must explain or fix, any other blocks the return.
    `la_child_id` is the child's id as it stands in the file (Person.la_id); None for a whole-return
    rule. `where` says which part of the child's record, in a social worker's words ("the referral
    of 3 May 2025"); `message` says what is wrong and what to do, in plain words."""

    rule: str
    message: str
    la_child_id: str | None = None
    where: str = ""
    table: str = ""  # 903 table or Annex A list the finding is in; blank for the CIN census

    @property
    def is_query(self) -> bool:
        return self.rule.endswith("Q")

    def key(self) -> tuple[str | None, str]:
        """What is compared with the independent validator: the child and the rule, never row numbers."""
        return (self.la_child_id, self.rule)


@dataclass
class RuleDoc:
    """A rule we check, for the docs and the data officer page: code, one line, and where it comes from."""

    code: str
    summary: str
    source: str = "DfE"


@dataclass
class Validation:
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: str, message: str, la_child_id: str | None = None, where: str = "", table: str = ""):
        self.findings.append(Finding(rule, message, la_child_id, where, table))
