"""Reading the pulse survey: the share agreeing with each statement, for the whole local authority
and by pod, team and role group, with small-number suppression. Never a view of one person."""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from alongside.practice_model.config import operating_model
from alongside.pulse.models import AGREEING, PulseAnswer, PulseParticipation, PulseRound, RoleGroup
from alongside.pulse.suppression import cells_to_show
from alongside.workforce.models import Pod, Team

SAFE_SUPPORTED = "safe_supported"
TOO_FEW = "Fewer than {smallest} answers: not shown"
HIDDEN_TO_PROTECT = "Not shown, so that a smaller group's answers cannot be worked out"
NO_POD = "Not in a pod"
NO_TEAM = "Not in a team"


class RoundStillOpen(Exception):
    """Results of an open round would change as each person answers; comparing them before and
    after one person answered would show what that person said."""


@dataclass
class Group:
    """One row of a report. When `shown` is false, `answers` and `agreeing` are None and `note`
    says why: the figures never leave this module."""

    key: object  # the pod or team id, or the role group (None for "not in a pod/team")
    label: str
    shown: bool
    answers: int | None
    agreeing: dict[str, int | None]  # statement code -> percent agreeing
    note: str = ""

    @property
    def figures(self) -> list[int | None]:
        """The percents in the round's statement order, for tables."""
        return list(self.agreeing.values())


@dataclass
class RoundResults:
    round: PulseRound
    statements: list[tuple[str, str]]
    whole: Group
    by_pod: list[Group]
    by_team: list[Group]
    by_role_group: list[Group]
    free_text: list[str] = field(default_factory=list)

    @property
    def whole_as_list(self) -> list[Group]:
        return [self.whole]


@dataclass
class _Tally:
    answers: int = 0
    agreeing: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, answers: dict):
        self.answers += 1
        for code, value in answers.items():
            if value in AGREEING:
                self.agreeing[code] += 1


def pulse_rounds_reported(*, on: date | None = None):
    """Rounds whose results may be shown: those that have closed, newest first."""
    on = on or timezone.localdate()
    return PulseRound.objects.filter(closes_on__lt=on).order_by("-opens_on")


def pulse_participants(round_: PulseRound) -> int:
    """How many people have taken part (a number only: who took part is in the audit trail)."""
    return PulseParticipation.objects.filter(round=round_).count()


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole)


def _rows_for(round_ids) -> dict[int, list[dict]]:
    rows = defaultdict(list)
    for row in PulseAnswer.objects.filter(round_id__in=round_ids).values(
        "round_id", "pod_id", "team_id", "role_group", "answers", "free_text"
    ):
        rows[row["round_id"]].append(row)
    return rows


def _tally(rows: list[dict]) -> dict:
    """Counts for every cell of the report, and the finest cells (pod within team) only used to
    work out what subtraction could reveal."""
    tallies: dict = defaultdict(_Tally)
    for row in rows:
        for cell in (
            ("whole",),
            ("pod", row["pod_id"]),
            ("team", row["team_id"]),
            ("role", row["role_group"]),
            ("pod_in_team", row["pod_id"], row["team_id"]),
        ):
            tallies[cell].add(row["answers"])
    return tallies


def _sums(tallies: dict) -> list[tuple]:
    """Which figures add up to which: the whole is the sum of the pods, of the teams, and of the
    role groups; each pod and each team is the sum of its pod-within-team cells."""
    cells = list(tallies)
    fine = [c for c in cells if c[0] == "pod_in_team"]
    sums = [(("whole",), [c for c in cells if c[0] == kind]) for kind in ("pod", "team", "role")]
    for pod in {c[1] for c in fine}:
        sums.append((("pod", pod), [c for c in fine if c[1] == pod]))
    for team in {c[2] for c in fine}:
        sums.append((("team", team), [c for c in fine if c[2] == team]))
    return sums


def _group(key, label: str, tally: _Tally, shown: bool, statements, smallest: int) -> Group:
    if not shown:
        note = TOO_FEW.format(smallest=smallest) if tally.answers < smallest else HIDDEN_TO_PROTECT
        return Group(key, label, False, None, {code: None for code, _ in statements}, note)
    agreeing = {code: _percent(tally.agreeing[code], tally.answers) for code, _ in statements}
    return Group(key, label, True, tally.answers, agreeing)


def _results(round_: PulseRound, rows: list[dict], names: dict, smallest: int) -> RoundResults:
    statements = round_.statement_pairs
    tallies = _tally(rows)
    counts = {cell: tally.answers for cell, tally in tallies.items()}
    wanted = [cell for cell in tallies if cell[0] != "pod_in_team"]
    shown = cells_to_show(counts, _sums(tallies), wanted, smallest)

    def groups(kind: str) -> list[Group]:
        cells = sorted((c for c in tallies if c[0] == kind), key=lambda c: (c[1] is None, names[kind](c[1])))
        return [_group(c[1], names[kind](c[1]), tallies[c], c in shown, statements, smallest) for c in cells]

    whole = tallies.get(("whole",), _Tally())
    results = RoundResults(
        round=round_,
        statements=statements,
        whole=_group(None, "The whole service", whole, ("whole",) in shown, statements, smallest),
        by_pod=groups("pod"),
        by_team=groups("team"),
        by_role_group=groups("role"),
    )
    # Free text only for the whole service, never with a group, in an order that says nothing about
    # who answered when.
    if whole.answers >= smallest:
        texts = [row["free_text"] for row in rows if row["free_text"]]
        random.SystemRandom().shuffle(texts)
        results.free_text = texts
    return results


def _names(rows_by_round: dict) -> dict:
    rows = [row for rows in rows_by_round.values() for row in rows]
    pods = Pod.objects.in_bulk({row["pod_id"] for row in rows if row["pod_id"]})
    teams = Team.objects.in_bulk({row["team_id"] for row in rows if row["team_id"]})
    roles = dict(RoleGroup.choices)
    return {
        "pod": lambda pod_id: pods[pod_id].name if pod_id else NO_POD,
        "team": lambda team_id: teams[team_id].name if team_id else NO_TEAM,
        "role": lambda code: str(roles.get(code, code)),
    }


def pulse_round_results(round_: PulseRound, *, on: date | None = None) -> RoundResults:
    """A closed round's results: the share agreeing with each statement for the whole service and
    by pod, team and role group, with small-number and secondary suppression applied, and the free
    text (whole service only, shuffled) when the round has enough answers.

    Raises RoundStillOpen for a round that has not closed on `on`."""
    on = on or timezone.localdate()
    if not round_.is_closed(on):
        raise RoundStillOpen(str(round_))
    rows = _rows_for([round_.id])
    return _results(round_, rows[round_.id], _names(rows), operating_model().pulse_survey.smallest_group)


def pulse_trend(*, on: date | None = None) -> list[RoundResults]:
    """Every closed round's results, oldest first, for the trend across rounds."""
    rounds = list(pulse_rounds_reported(on=on).order_by("opens_on"))
    rows = _rows_for([r.id for r in rounds])
    names = _names(rows)
    smallest = operating_model().pulse_survey.smallest_group
    return [_results(r, rows[r.id], names, smallest) for r in rounds]


@dataclass(frozen=True)
class PodShare:
    round_id: int
    opens_on: date
    closes_on: date
    pod_id: int | None
    pod: str
    answers: int | None  # None when not shown
    share_agreeing: int | None  # percent; None when not shown
    note: str


def safe_and_supported_by_pod(*, on: date | None = None) -> list[PodShare]:
    """For the impact dashboard: per closed round and pod, the percent of staff agreeing "I feel
    safe and supported at work", with the same suppression as the results page (hidden groups have
    None and a note saying why)."""
    rounds = list(pulse_rounds_reported(on=on).order_by("opens_on"))
    rows = _rows_for([r.id for r in rounds])
    names = _names(rows)
    smallest = operating_model().pulse_survey.smallest_group
    out = []
    for round_ in rounds:
        if SAFE_SUPPORTED not in dict(round_.statement_pairs):
            continue
        results = _results(round_, rows[round_.id], names, smallest)
        for group in results.by_pod:
            out.append(
                PodShare(
                    round_id=round_.id,
                    opens_on=round_.opens_on,
                    closes_on=round_.closes_on,
                    pod_id=group.key,
                    pod=group.label,
                    answers=group.answers,
                    share_agreeing=group.agreeing[SAFE_SUPPORTED],
                    note=group.note,
                )
            )
    return out


@dataclass(frozen=True)
class SafeSupportedCount:
    closes_on: date
    pod_id: int | None  # None: the whole service
    answered: int
    agreed: int


def safe_and_supported_counts(*, on: date | None = None) -> list[SafeSupportedCount]:
    """For the analytics snapshot: per closed round, the whole service's and each pod's number of
    answers and of staff agreeing "I feel safe and supported", for exactly the cells the results
    page may show (the same small-number and secondary suppression). A suppressed pod is left out,
    and so is "not in a pod", which no pod row stands for."""
    rounds = [r for r in pulse_rounds_reported(on=on).order_by("opens_on") if SAFE_SUPPORTED in dict(r.statement_pairs)]
    rows = _rows_for([r.id for r in rounds])
    smallest = operating_model().pulse_survey.smallest_group
    out = []
    for round_ in rounds:
        tallies = _tally(rows[round_.id])
        counts = {cell: tally.answers for cell, tally in tallies.items()}
        # The same cells as the results page decides on, so that the page and the snapshot together
        # reveal nothing that either alone would not.
        wanted = [cell for cell in tallies if cell[0] != "pod_in_team"]
        for cell in sorted(cells_to_show(counts, _sums(tallies), wanted, smallest), key=str):
            if cell[0] not in ("whole", "pod") or cell[1:] == (None,):
                continue
            tally = tallies[cell]
            pod_id = cell[1] if cell[0] == "pod" else None
            out.append(SafeSupportedCount(round_.closes_on, pod_id, tally.answers, tally.agreeing[SAFE_SUPPORTED]))
    return out
