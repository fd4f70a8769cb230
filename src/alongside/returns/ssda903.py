"""The SSDA903 (children looked after) return: one CSV per table, built from the record
(../shared/reference/ssda903.md). Our checks of those CSVs are in `ssda903_rules`.

Column names and order are the ones the independent validator `csc-validator-be-903` recognises a table
by. Dates are DD/MM/YYYY; a blank cell means "not applicable". The return states the record as it stood on
31 March: an episode or allocation that ended after the census end is sent as open.

Cohorts, as the DfE defines them:
- Episodes: every episode open at any point in the year; Header lists every child in any table.
- OC2: children looked after continuously for 12 months at 31 March (the DfE test in
  `continuously_looked_after`); a child in the cohort with no health record still gets a row, left blank,
  so the gap shows as rule 191.
- OC3: care leavers whose 17th to 21st birthday falls in the year, from their leaving-care support.
- AD1: children adopted in the year (an episode ending E11 or E12). PlacedAdoption: decisions that the
  child should be placed for adoption that were live at some point in the year.
- PrevPerm: children who started a period of care in the year.
- SWEpisodes: children looked after at 31 March, with every allocation that ran in the year, whether or
  not they were looked after then (SW01STG1, SW12STG2).

Decisions, with their reasons:
- The record keeps a placement change reason on the episode the child moved into; the DfE wants it on
  the episode that ended because of the move (rules 225, 226), so it is written one row earlier.
- SW_ID is the worker's Social Work England number when it is one ("SW" and at least 4 characters,
  SW02STG1), else "SW" and the staff id padded to six digits: stable, and never a person's name.
- SW_REASON comes from the allocation's reason (ALLOCATION_TO_SW_REASON).
- Header has no UASC column: the DfE derives it from the UASC table, and a Header with an extra column is
  not recognised. The UASC table lists children asylum-seeking at some point in the year (DUC in or after
  it, rule 104). DUC is the date the status ceased or, while it has not, the 18th birthday when it will: the
  DfE expects that date in every year's return from the first (rule 205B), so it is never blank.
"""

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from alongside.journey.models import (
    Adoption,
    AdoptionDecision,
    CareEpisode,
    CareLeaverEpisode,
    LookedAfterChild,
    LookedAfterHealth,
    LookedAfterReview,
    MissingSpell,
)
from alongside.people.models import Person
from alongside.practice_model.models import LocalAuthority
from alongside.returns.base import Produced, Progress, census_end, census_start, no_progress
from alongside.workforce.models import Allocation, AllocationReason

COLUMNS = {
    "Header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "Episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "Reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "UASC": ["CHILD", "SEX", "DOB", "DUC"],
    "Missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "OC2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "OC3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "AD1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "PlacedAdoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "PrevPerm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "SWEpisodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
FILES = {
    "Header": "header.csv",
    "Episodes": "episodes.csv",
    "Reviews": "reviews.csv",
    "UASC": "uasc.csv",
    "Missing": "missing.csv",
    "OC2": "oc2.csv",
    "OC3": "oc3.csv",
    "AD1": "ad1.csv",
    "PlacedAdoption": "placed_adoption.csv",
    "PrevPerm": "prev_perm.csv",
    "SWEpisodes": "sw_episodes.csv",
}

# Our reading of the DfE reasons for a change of social worker (ssda903.md §3, to confirm in the guidance).
ALLOCATION_TO_SW_REASON = {
    AllocationReason.NEW_REFERRAL: "FCONTA",  # first allocation after a contact
    AllocationReason.STEPPED_UP: "TSPROC",  # moving to the looked-after team is the standard process
    AllocationReason.STEPPED_DOWN: "TSPROC",
    AllocationReason.TRANSFER: "TSPROC",
    AllocationReason.CARE_LEAVER: "TSPROC",
    AllocationReason.WORKER_LEFT: "LEFTRL",
    AllocationReason.CASELOAD: "MANAGE",
    AllocationReason.CONFLICT: "MANAGE",
    AllocationReason.FAMILY_REQUEST: "PCCHAN",
    AllocationReason.LONG_ABSENCE: "ABSENC",
}

RESPITE = {"V3", "V4"}  # short breaks


def _d(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _flag(value: bool | None) -> str:
    return "" if value is None else ("1" if value else "0")


def sw_id(staff_id: int, registration_number: str) -> str:
    if registration_number.upper().startswith("SW") and len(registration_number) >= 4:
        return registration_number.upper()
    return f"SW{staff_id:06d}"


def continuously_looked_after(episodes: Iterable, year: int) -> bool:
    """The OC2 cohort as the DfE and the validators test it, on CareEpisode-shaped objects: looked after
    in the year, no period of care starting after 1 April or ending before 31 March, no short breaks."""
    start, end = census_start(year), census_end(year)
    episodes = list(episodes)
    in_year = [e for e in episodes if e.started_on <= end and (e.ended_on is None or e.ended_on >= start)]
    if not in_year:
        return False
    for e in in_year:
        if e.new_episode_reason == "S" and start < e.started_on <= end:
            return False
        if e.ended_on is not None and e.end_reason != "X1" and e.ended_on < end:
            return False
        if e.legal_status in RESPITE:
            return False
    return True


def _csv(table: str, rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS[table])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def produce(year: int, progress: Progress = no_progress) -> Produced:
    """The SSDA903 tables for the collection year ending 31 March `year`. A fixed number of queries,
    whatever the number of children."""
    start, end = census_start(year), census_end(year)
    progress("Reading looked-after episodes", 0.0)
    episodes = list(
        CareEpisode.objects.filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .order_by("child_id", "started_on", "id")
    )
    by_child: dict[int, list[CareEpisode]] = defaultdict(list)
    for e in episodes:
        by_child[e.child_id].append(e)
    # Whole histories for the children in the year: periods of care and the OC2 test look back.
    history: dict[int, list[CareEpisode]] = defaultdict(list)
    for e in CareEpisode.objects.filter(child_id__in=list(by_child), started_on__lte=end).order_by("started_on", "id"):
        history[e.child_id].append(e)

    progress("Reading care leavers", 0.2)
    leavers = _care_leavers(year)
    children_ids = set(by_child) | set(leavers)
    people = {p.id: p for p in Person.objects.filter(id__in=children_ids)}
    details = {d.child_id: d for d in LookedAfterChild.objects.filter(child_id__in=children_ids)}

    def child(pid: int) -> str:
        return people[pid].la_id

    def dob(pid: int) -> str:
        return _d(people[pid].date_of_birth)

    tables: dict[str, list[list[str]]] = {name: [] for name in COLUMNS}

    progress("Writing episodes", 0.3)
    for pid, eps in by_child.items():
        for index, e in enumerate(eps):
            ended = e.ended_on if e.ended_on and e.ended_on <= end else None
            following = eps[index + 1] if index + 1 < len(eps) else None
            change = ""
            if ended and following and following.started_on == ended and following.new_episode_reason in "PTUB":
                change = following.placement_change_reason
            tables["Episodes"].append(
                [
                    child(pid),
                    _d(e.started_on),
                    e.new_episode_reason,
                    e.legal_status,
                    e.category_of_need,
                    e.placement_type,
                    e.placement_provider,
                    _d(ended),
                    e.end_reason if ended else "",
                    change,
                    e.home_postcode,
                    e.placement_postcode,
                    e.urn,
                ]
            )

    progress("Writing reviews, missing spells and adoption", 0.45)
    for r in LookedAfterReview.objects.filter(child_id__in=list(by_child), held_on__range=(start, end)).order_by(
        "child_id", "held_on"
    ):
        tables["Reviews"].append([child(r.child_id), dob(r.child_id), _d(r.held_on), r.participation])
    for m in (
        MissingSpell.objects.filter(child_id__in=list(by_child), started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .order_by("child_id", "started_on")
    ):
        mis_end = m.ended_on if m.ended_on and m.ended_on <= end else None
        tables["Missing"].append([child(m.child_id), dob(m.child_id), m.kind, _d(m.started_on), _d(mis_end)])
    for a in Adoption.objects.filter(child_id__in=list(by_child)).select_related("decision").order_by("child_id"):
        adopted = [e for e in by_child[a.child_id] if e.end_reason in ("E11", "E12") and e.ended_on <= end]
        if not adopted:
            continue
        tables["AD1"].append(
            [
                child(a.child_id),
                dob(a.child_id),
                _d(a.decision.decided_on),
                _d(a.matched_on),
                _flag(a.by_former_foster_carers),
                str(a.adopter_count),
                a.adopter_sex,
                a.adopter_legal_status,
            ]
        )
    for dec in (
        AdoptionDecision.objects.filter(child_id__in=list(by_child), decided_on__lte=end)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=start))
        .order_by("child_id", "decided_on")
    ):
        ceased = dec.ceased_on if dec.ceased_on and dec.ceased_on <= end else None
        tables["PlacedAdoption"].append(
            [
                child(dec.child_id),
                dob(dec.child_id),
                _d(dec.decided_on),
                _d(ceased),
                dec.ceased_reason if ceased else "",
            ]
        )

    progress("Writing health, care leavers and previous permanence", 0.6)
    health = {h.child_id: h for h in LookedAfterHealth.objects.filter(child_id__in=list(by_child), year=year)}
    for pid in by_child:
        if not continuously_looked_after(history[pid], year):
            continue
        h = health.get(pid)
        tables["OC2"].append(
            [child(pid), dob(pid)]
            + (
                [""] * 10
                if h is None
                else [
                    "" if h.sdq_score is None else str(h.sdq_score),
                    h.sdq_reason,
                    _flag(h.convicted),
                    _flag(h.health_check),
                    _flag(h.immunisations),
                    _flag(h.teeth_check),
                    _flag(h.health_assessment),
                    _flag(h.substance_misuse),
                    _flag(h.intervention_received),
                    _flag(h.intervention_offered),
                ]
            )
        )
    for pid, leaver in sorted(leavers.items()):
        tables["OC3"].append([child(pid), dob(pid), leaver.in_touch, leaver.activity, leaver.accommodation])
    for pid, eps in by_child.items():
        if not any(e.new_episode_reason == "S" and e.started_on >= start for e in eps):
            continue
        d = details.get(pid)
        tables["PrevPerm"].append(
            [child(pid), dob(pid)]
            + (
                ["", "", ""]
                if d is None
                else [d.previous_permanence, d.previous_permanence_la, _d(d.previous_permanence_on)]
            )
        )

    progress("Writing social worker episodes", 0.75)
    with_social_worker = [pid for pid, eps in by_child.items() if any(e.legal_status not in RESPITE for e in eps)]
    allocations: dict[int, list] = defaultdict(list)
    for a in (
        Allocation.objects.filter(child_id__in=with_social_worker, started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .select_related("worker")
        .order_by("child_id", "started_on", "id")
    ):
        allocations[a.child_id].append(a)
    for pid, chain in allocations.items():
        for a, sw_start, sw_end, reason in _social_worker_episodes(chain, end):
            tables["SWEpisodes"].append(
                [
                    child(pid),
                    dob(pid),
                    sw_id(a.worker_id, a.worker.registration_number),
                    _d(sw_start),
                    _d(sw_end),
                    reason,
                ]
            )

    progress("Writing the header", 0.9)
    for pid in sorted(children_ids, key=lambda i: people[i].la_id):
        p, d = people[pid], details.get(pid)
        # Motherhood is asked of looked-after girls, not of care leavers outside care all year (rule 628). It
        # is as it stood on 31 March, or when she left care: a first child born later is not in this return
        # (rule 625).
        girl = p.sex == "F" and pid in by_child
        if girl and d is not None and d.is_mother and d.first_child_born_on:
            last = by_child[pid][-1]
            as_at = last.ended_on if last.ended_on and last.ended_on <= end and last.end_reason != "X1" else end
            if d.first_child_born_on > as_at:
                d.is_mother, d.first_child_born_on = False, None
        tables["Header"].append(
            [
                p.la_id,
                p.sex,
                _d(p.date_of_birth),
                p.ethnicity,
                p.upn or p.upn_unknown,
                _flag(d.is_mother) if d is not None and girl else "",
                _d(d.first_child_born_on) if d is not None and girl else "",
            ]
        )
        # UASC lists those asylum-seeking at some point in the year: status that ceased before it began
        # (at an 18th birthday years ago, for a care leaver) is not reported (rule 104).
        if d is not None and d.uasc and (d.uasc_ceased_on is None or d.uasc_ceased_on >= start):
            # Status that has not ceased will at 18: the DfE wants that date now, and the same date in each
            # year's return until it passes (rule 205B).
            ceased = d.uasc_ceased_on or p.date_of_birth + relativedelta(years=18)
            tables["UASC"].append([p.la_id, p.sex, _d(p.date_of_birth), _d(ceased)])
    tables["UASC"].sort()

    la = LocalAuthority.objects.first()
    progress("Done", 1.0)
    return Produced(
        kind="903",
        year=year,
        files={FILES[name]: _csv(name, rows) for name, rows in tables.items()},
        children=len(children_ids),
        la_code=la.dfe_code if la else "",
    )


def produce_previous(year: int, progress: Progress = no_progress) -> Produced:
    """Last year's tables, which the continuity rules read beside this year's."""
    return produce(year - 1, progress)


def _social_worker_episodes(chain: list[Allocation], end: date) -> list[tuple[Allocation, date, date | None, str]]:
    """A child's allocations as SW episodes, cut at 31 March. An allocation of under 3 days (duty cover
    between workers, or a brief assessment) is not a social worker episode for the DfE (SW09STG2): it is
    folded into the next allocation when that follows on, and dropped when it stands alone."""
    episodes: list[tuple[Allocation, date, date | None, str]] = []
    carried: tuple[date, str] | None = None
    for index, a in enumerate(chain):
        sw_end = a.ended_on if a.ended_on and a.ended_on <= end else None
        reason = ALLOCATION_TO_SW_REASON.get(a.reason, "OTHERS")
        began = a.started_on
        if carried is not None:
            began, reason = carried
            carried = None
        if sw_end is not None and (sw_end - a.started_on).days < 3:
            following = chain[index + 1] if index + 1 < len(chain) else None
            if following is not None and following.started_on <= sw_end + relativedelta(days=1):
                carried = (began, reason)
            continue
        episodes.append((a, began, sw_end, reason))
    return episodes


def _care_leavers(year: int) -> dict[int, CareLeaverEpisode]:
    """Care leavers whose 17th to 21st birthday falls in the year, with the support that ran around it."""
    start, end = census_start(year), census_end(year)
    found: dict[int, CareLeaverEpisode] = {}
    earliest_birth = start - relativedelta(years=21)
    for leaver in (
        CareLeaverEpisode.objects.filter(started_on__lte=end, child__date_of_birth__gte=earliest_birth)
        .select_related("child")
        .order_by("child_id", "started_on")
    ):
        born = leaver.child.date_of_birth
        for age in range(17, 22):
            birthday = born + relativedelta(years=age)
            # Leaving care on or after the birthday puts a 17- or 18-year-old outside OC3 (rule 1016).
            if (
                start <= birthday <= end
                and leaver.started_on < birthday
                and (leaver.ended_on is None or leaver.ended_on >= birthday)
            ):
                found[leaver.child_id] = leaver
    return found
