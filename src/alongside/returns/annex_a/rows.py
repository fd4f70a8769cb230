"""Each Annex A list's rows, built from the record as it stood on the day the lists run to: one dict
per row, heading -> value.

How each column is filled, where it is not plain:
- Child Unique ID is the child's LA id; age is in whole years on `on`, and -1 for an unborn child (whose
  date of birth is the expected one), as Ofsted asks.
- Coded columns give the DfE code and its words ("N1: Abuse or neglect"), so a reader, and the tools
  that read the template, find the code; yes/no columns say Yes, No or Unknown.
- Allocated Team and Worker are those allocated on `on`, or on the day the work ended if it ended
  before: the team is the one the allocation was made to.
- Seen: a home visit where the child was seen, or direct work with them, finished in the story (an
  entry replaced by a finished correction counts as its correction). The last statutory visit and
  last social work visit are home visits where the child was seen; seen alone is that visit's answer.
- Case Status (List 6): looked after, then child protection plan, then child in need plan, then open
  assessment, as on `on`; "Closed episode" once closed. An open episode with none of these is blank,
  and validation asks for it to be closed or its plan recorded.
- Assessed as requiring support (List 4): No when the episode closed after assessment (RC8, RC9); Yes
  when a child in need or protection plan followed; blank while neither has happened.
- Unaccompanied asylum-seeking (Lists 8, 9) comes from the child's looked-after details (SSDA903); a
  child with none recorded is blank rather than No. Missing and absent (List 8) count the missing
  spells that started in the 12 months.
- List 10 takes the decision to place for adoption, its reversal and the matching from the SSDA903
  adoption details, and the placement order, placement and adoption order dates from the episodes.
- Eligibility (List 9): worked out from the periods of care (13 weeks looked after since 14, some of
  it at 16 or over, short breaks not counting): relevant child under 18, former relevant child at 18
  or over; anyone else is a qualifying care leaver.
"""

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Max, Q
from django.utils import timezone

from alongside.codes import (
    AbuseCategory,
    AdoptionDecisionCeasedReason,
    CareLeaverAccommodation,
    CareLeaverActivity,
    CareLeaverInTouch,
    ClosureReason,
    Disability,
    EpisodeEndReason,
    Ethnicity,
    LegalStatus,
    MissingKind,
    PlacementProvider,
    PlacementType,
    PrimaryNeed,
    ReferralSource,
)
from alongside.journey.models import (
    Adoption,
    AdoptionDecision,
    Assessment,
    CareLeaverEpisode,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Contact,
    EarlyHelpEpisode,
    LookedAfterChild,
    LookedAfterReview,
    MissingSpell,
    Section47Enquiry,
)
from alongside.people.models import FamilyMember, NetworkRole, Person
from alongside.plans.models import PlanKind, PlanReview, PlanVersion
from alongside.returns.annex_a.lists import (
    AGE,
    BIRTH,
    CHILD_ID,
    CLOSED,
    DISABLED,
    ETHNICITY,
    FORMER_RELEVANT,
    LOOKED_AFTER,
    NO,
    ON_CIN_PLAN,
    ON_CP_PLAN,
    OPEN_ASSESSMENT,
    QUALIFYING,
    RELEVANT,
    SEX,
    SEX_WORDS,
    TEAM,
    UNKNOWN,
    WORKER,
    YES,
)
from alongside.returns.annex_a.record import (
    Period,
    Span,
    Window,
    last_entries,
    last_event,
    overlaps,
    seen_by_child,
    spans_by_episode,
)
from alongside.story.models import EntryKind
from alongside.workforce.models import StaffRole

# SSDA903 codes that the lists pick children out by.
ADOPTION_PLACEMENTS = {"A3", "A4", "A5", "A6"}
FOSTERING_FOR_ADOPTION = {"U2", "U5"}
ADOPTED = {"E11", "E12"}
SHORT_BREAKS = {"V3", "V4"}


def _coded(choices, code: str) -> str:
    """ "N1: Abuse or neglect": the DfE code first, so the code is found, then its words."""
    if not code:
        return ""
    try:
        return f"{code}: {choices(code).label}"
    except ValueError:
        return code


def _yes_no(value: bool | None) -> str:
    return "" if value is None else YES if value else NO


def _disabled(person: Person) -> str:
    if not person.disabilities:
        return UNKNOWN
    return NO if person.disabilities == [Disability.NONE] else YES


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    if born > on:
        return -1
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _by(value: date | None, on: date) -> date | None:
    """A date as known on `on`: a later one had not happened yet."""
    return value if value and value <= on else None


def _child_cells(person: Person, on: date) -> dict:
    born = person.date_of_birth or person.expected_date_of_birth
    return {
        CHILD_ID: person.la_id,
        SEX: SEX_WORDS.get(person.sex, ""),
        ETHNICITY: _coded(Ethnicity, person.ethnicity),
        BIRTH: born,
        AGE: -1 if person.is_unborn else _age(born, on),
    }


# --- the lists ---------------------------------------------------------------------------------


def _list_1(w: Window, shared) -> list[dict]:
    start = timezone.make_aware(datetime.combine(w.six, time.min))
    end = timezone.make_aware(datetime.combine(w.on + timedelta(days=1), time.min))
    rows = []
    for contact in (
        Contact.objects.filter(received_at__gte=start, received_at__lt=end)
        .select_related("child")
        .order_by("received_at", "id")
    ):
        if contact.child:
            cells = _child_cells(contact.child, w.on)
        else:
            born = contact.child_date_of_birth
            cells = {CHILD_ID: "", SEX: "", ETHNICITY: "", BIRTH: born, AGE: _age(born, w.on)}
        cells["Date of Contact"] = timezone.localtime(contact.received_at).date()
        cells["Contact Source"] = _coded(ReferralSource, contact.source)
        rows.append(cells)
    return rows


def _list_2(w: Window, shared) -> list[dict]:
    episodes = (
        EarlyHelpEpisode.objects.filter(started_on__lte=w.on)
        .filter(Q(started_on__gte=w.six) | Q(ended_on__isnull=True) | Q(ended_on__gt=w.on))
        .select_related("child")
        .order_by("started_on", "id")
    )
    rows = []
    for episode in episodes:
        ended = _by(episode.ended_on, w.on)
        allocated = shared.allocations.on(episode.child_id, ended or w.on)
        rows.append(
            {
                **_child_cells(episode.child, w.on),
                "Assessment start date": episode.started_on,
                "Organisation completing assessment": allocated.team if allocated else "",
            }
        )
    return rows


def _list_3(w: Window, shared) -> list[dict]:
    referrals = list(
        ChildInNeedEpisode.objects.filter(referral_date__gte=w.six, referral_date__lte=w.on)
        .select_related("child")
        .order_by("referral_date", "id")
    )
    earlier = defaultdict(list)
    for child, episode_id, day in ChildInNeedEpisode.objects.filter(
        child_id__in={r.child_id for r in referrals}, referral_date__gte=w.six - relativedelta(months=12)
    ).values_list("child_id", "id", "referral_date"):
        earlier[child].append((day, episode_id))
    rows = []
    for referral in referrals:
        year_before = referral.referral_date - relativedelta(months=12)
        this = (referral.referral_date, referral.id)
        count = sum(1 for other in earlier[referral.child_id] if year_before <= other[0] and other < this)
        rows.append(
            {
                **_child_cells(referral.child, w.on),
                "Date of referral": referral.referral_date,
                "Referral Source": _coded(ReferralSource, referral.referral_source),
                "Referral NFA?": _yes_no(referral.referral_nfa),
                "Number of Referrals in Last 12 Months": count,
                **shared.allocations.cells(referral.child_id, _by(referral.closure_date, w.on) or w.on),
            }
        )
    return rows


def _list_4(w: Window, shared) -> list[dict]:
    still_open = (Q(authorised_on__isnull=True) | Q(authorised_on__gt=w.on)) & (
        Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gte=w.six)
    )
    assessments = list(
        Assessment.objects.filter(started_on__lte=w.on)
        .filter(Q(started_on__gte=w.six) | Q(authorised_on__gte=w.six, authorised_on__lte=w.on) | still_open)
        .select_related("episode__child")
        .order_by("started_on", "id")
    )
    episodes = {a.episode_id for a in assessments}
    plans = spans_by_episode(ChildInNeedPlan, episodes, "ended_on")
    for episode, spans in spans_by_episode(ChildProtectionPlan, episodes, "ended_on").items():
        plans[episode].extend(spans)
    seen = seen_by_child(
        {a.episode.child_id for a in assessments}, min((a.started_on for a in assessments), default=w.on), w.on
    )
    rows = []
    for assessment in assessments:
        episode, child = assessment.episode, assessment.episode.child
        authorised = _by(assessment.authorised_on, w.on)
        window_end = authorised or w.on
        if last_event(seen[child.id], assessment.started_on, window_end):
            child_seen = YES
        else:
            child_seen = UNKNOWN
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "Continuous Assessment Start Date": assessment.started_on,
                "Child Seen During Continuous Assessment": child_seen,
                "Continuous Assessment Date of Authorisation": authorised,
                "Was the child assessed as requiring LA children's social care support?": _needs_support(
                    assessment, episode, plans[episode.id], w.on
                ),
                **shared.allocations.cells(child.id, min(window_end, _by(episode.closure_date, w.on) or w.on)),
            }
        )
    return rows


def _needs_support(assessment: Assessment, episode: ChildInNeedEpisode, plans: list[Span], on: date) -> str:
    if assessment.authorised_on is None or assessment.authorised_on > on:
        return ""
    if _by(episode.closure_date, on) and episode.closure_reason in (ClosureReason.RC8, ClosureReason.RC9):
        return NO
    if any(assessment.started_on <= plan.started_on <= on for plan in plans):
        return YES
    return ""


def _list_5(w: Window, shared) -> list[dict]:
    undecided = (
        (Q(icpc_date__isnull=True) | Q(icpc_date__gt=w.on))
        & Q(icpc_not_required=False)
        & (Q(episode__closure_date__isnull=True) | Q(episode__closure_date__gt=w.on))
    )
    enquiries = list(
        Section47Enquiry.objects.filter(started_on__lte=w.on)
        .filter(Q(started_on__gte=w.six) | undecided)
        .select_related("episode__child")
        .order_by("started_on", "id")
    )
    cp_plans = spans_by_episode(ChildProtectionPlan, {e.episode_id for e in enquiries}, "ended_on")
    history = defaultdict(list)
    earliest = min((e.started_on for e in enquiries), default=w.on) - relativedelta(months=12)
    for child, enquiry_id, started, icpc in Section47Enquiry.objects.filter(
        episode__child_id__in={e.episode.child_id for e in enquiries}, started_on__gte=earliest, started_on__lte=w.on
    ).values_list("episode__child_id", "id", "started_on", "icpc_date"):
        history[child].append((started, enquiry_id, _by(icpc, w.on)))
    rows = []
    for enquiry in enquiries:
        episode, child = enquiry.episode, enquiry.episode.child
        icpc = _by(enquiry.icpc_date, w.on)
        year_before = enquiry.started_on - relativedelta(months=12)
        this = (enquiry.started_on, enquiry.id)
        earlier = [h for h in history[child.id] if year_before <= h[0] and (h[0], h[1]) < this]
        conferences = [h[2] for h in history[child.id] if h[2] and year_before <= h[2] < enquiry.started_on]
        if icpc:
            resulted = YES if any(p.started_on == icpc for p in cp_plans[episode.id]) else NO
        else:
            resulted = ""
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "Strategy discussion initiating Section 47 Enquiry Start Date": enquiry.started_on,
                "Was an Initial Child Protection Conference deemed unnecessary?": YES
                if enquiry.icpc_not_required
                else NO
                if icpc
                else "",
                "Date of Initial Child Protection Conference": icpc,
                "Did the Initial Child Protection Conference Result in a Child Protection Plan": resulted,
                "Number of Section 47 Enquiries in the last 12 months": len(earlier),
                "Number of ICPCs in the last 12 months": len(conferences),
                **shared.allocations.cells(child.id, icpc or _by(episode.closure_date, w.on) or w.on),
            }
        )
    return rows


def _list_6(w: Window, shared) -> list[dict]:
    episodes = list(
        ChildInNeedEpisode.objects.filter(referral_nfa=False, referral_date__lte=w.on)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=w.six))
        .select_related("child")
        .order_by("referral_date", "id")
    )
    ids = {e.id for e in episodes}
    work = {
        "cp": spans_by_episode(ChildProtectionPlan, ids, "ended_on"),
        "cin": spans_by_episode(ChildInNeedPlan, ids, "ended_on"),
        "assessment": spans_by_episode(Assessment, ids, "authorised_on"),
    }
    seen = seen_by_child({e.child_id for e in episodes}, min((e.referral_date for e in episodes), default=w.on), w.on)
    in_care = {child for child, periods in shared.periods.items() if periods and periods[-1].ended_on is None}
    rows = []
    for episode in episodes:
        child = episode.child
        closed = _by(episode.closure_date, w.on)
        last_seen = last_event(seen[child.id], episode.referral_date, closed or w.on)
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "CIN Start Date": episode.referral_date,
                "Primary Need Code": _coded(PrimaryNeed, episode.primary_need),
                "Date Child Was Last Seen": last_seen.day if last_seen else None,
                "CIN Closure Date": closed,
                "Reason for Closure": _coded(ClosureReason, episode.closure_reason) if closed else "",
                "Case Status": _case_status(
                    {kind: spans[episode.id] for kind, spans in work.items()}, closed, child.id in in_care, w.on
                ),
                **shared.allocations.cells(child.id, closed or w.on),
            }
        )
    return rows


def _open_on(start: date, end: date | None, on: date) -> bool:
    return start <= on and (end is None or end > on)


def _case_status(work: dict[str, list[Span]], closed: date | None, in_care: bool, on: date) -> str:
    if closed:
        return CLOSED
    if in_care:
        return LOOKED_AFTER
    for kind, status in (("cp", ON_CP_PLAN), ("cin", ON_CIN_PLAN), ("assessment", OPEN_ASSESSMENT)):
        if any(_open_on(span.started_on, span.ended_on, on) for span in work[kind]):
            return status
    return ""


def _list_7(w: Window, shared) -> list[dict]:
    plans = list(
        ChildProtectionPlan.objects.filter(started_on__lte=w.on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=w.six))
        .select_related("episode__child")
        .prefetch_related("reviews")
        .order_by("started_on", "id")
    )
    seen = seen_by_child({p.episode.child_id for p in plans}, min((p.started_on for p in plans), default=w.on), w.on)
    rows = []
    for plan in plans:
        child = plan.episode.child
        ended = _by(plan.ended_on, w.on)
        visit = last_event(seen[child.id], plan.started_on, ended or w.on, home_visits=True)
        reviews = [r.held_on for r in plan.reviews.all() if r.held_on <= w.on]
        protected = any(
            e.legal_status in ("L1", "L2") and overlaps(e.started_on, e.ended_on, w.six, w.on)
            for period in shared.periods.get(child.id, ())
            for e in period.episodes
        )
        rows.append(
            {
                **_child_cells(child, w.on),
                DISABLED: _disabled(child),
                "Child Protection Plan Start Date": plan.started_on,
                "Initial Category of Abuse": _coded(AbuseCategory, plan.initial_category),
                "Latest Category of Abuse": _coded(AbuseCategory, plan.latest_category),
                "Date of the Last Statutory Visit": visit.day if visit else None,
                "Was the Child Seen Alone?": (UNKNOWN if visit.alone is None else _yes_no(visit.alone))
                if visit
                else "",
                "Date of latest review conference": max(reviews, default=None),
                "Child Protection Plan End Date": ended,
                "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)": YES
                if protected
                else "",
                "Number of Previous Child Protection Plans": plan.previous_plans,
                **shared.allocations.cells(child.id, ended or w.on),
            }
        )
    return rows


def _uasc(child_ids) -> dict[int, tuple[bool, date | None]]:
    """Whether each child was an unaccompanied asylum-seeking child, and when that ended; a child with
    no looked-after details is missing from the answer (not known, rather than no)."""
    return {
        child: (uasc, ceased)
        for child, uasc, ceased in LookedAfterChild.objects.filter(child_id__in=child_ids).values_list(
            "child_id", "uasc", "uasc_ceased_on"
        )
    }


def _list_8(w: Window, shared) -> list[dict]:
    chosen: dict[int, Period] = {}
    for child, periods in shared.periods.items():
        latest = periods[-1]
        if latest.ended_on is None or latest.ended_on >= w.six:
            chosen[child] = latest
    people = Person.objects.in_bulk(list(chosen))
    seen = seen_by_child(chosen, min((p.started_on for p in chosen.values()), default=w.on), w.on)
    health = last_entries(list(chosen), EntryKind.HEALTH_ASSESSMENT, w.on)
    uasc = _uasc(list(chosen))
    spells = Counter(
        MissingSpell.objects.filter(
            child_id__in=list(chosen), started_on__gte=w.twelve, started_on__lte=w.on
        ).values_list("child_id", "kind")
    )
    reviews = dict(
        LookedAfterReview.objects.filter(child_id__in=list(chosen), held_on__lte=w.on)
        .values("child_id")
        .annotate(last=Max("held_on"))
        .values_list("child_id", "last")
    )
    rows = []
    for child_id, period in sorted(chosen.items(), key=lambda item: (item[1].started_on, people[item[0]].la_id)):
        child, last = people[child_id], period.last
        ended = period.ended_on
        status_start = last.started_on
        for episode in reversed(period.episodes[:-1]):
            if episode.legal_status != last.legal_status:
                break
            status_start = episode.started_on
        earlier = shared.periods[child_id][:-1]
        again = any(p.ended_on and p.ended_on >= w.twelve for p in earlier)
        placements = [
            group
            for p in shared.periods[child_id]
            for group in p.placements()
            if overlaps(group[0].started_on, group[-1].ended_on, w.twelve, w.on)
        ]
        visit = last_event(seen[child_id], period.started_on, ended or w.on, home_visits=True)
        review = reviews.get(child_id)
        health_on = health.get(child_id)
        rows.append(
            {
                **_child_cells(child, w.on),
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": _yes_no(
                    uasc[child_id][0] and (uasc[child_id][1] is None or uasc[child_id][1] >= w.twelve)
                )
                if child_id in uasc
                else "",
                DISABLED: _disabled(child),
                "Date Started to be Looked After": period.started_on,
                "Child's Category of Need": _coded(PrimaryNeed, last.category_of_need),
                "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)": (
                    _yes_no(again)
                ),
                "Start date of current legal status": status_start,
                "Child's Legal Status": _coded(LegalStatus, last.legal_status),
                "Date of Latest Statutory Review": review if review and review >= period.started_on else None,
                "Date of Last Social Work Visit": visit.day if visit else None,
                "Date of Last Health Assessment": health_on if health_on and health_on >= period.started_on else None,
                "Number of Placements in the Last 12 months": len(placements),
                "Date Ceased to be Looked After": ended,
                "Reason Ceased to be Looked After": _coded(EpisodeEndReason, last.end_reason) if ended else "",
                "Start Date of Most Recent Placement": period.placements()[-1][0].started_on,
                "Placement Type": _coded(PlacementType, last.placement_type),
                "Placement Provider": _coded(PlacementProvider, last.placement_provider),
                "Placement postcode": last.placement_postcode,
                "URN of Placement": last.urn,
                "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": spells[
                    (child_id, MissingKind.MISSING)
                ],
                "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": spells[
                    (child_id, MissingKind.AWAY)
                ],
                **shared.allocations.cells(child_id, ended or w.on),
            }
        )
    return rows


def _eligibility(born: date | None, periods: list[Period], on: date) -> str:
    """The Children (Leaving Care) Act category: eligible once looked after for 13 weeks since 14,
    some of it at 16 or over (short breaks do not count); relevant if that child has left care
    under 18, former relevant at 18 or over. Anyone else the LA supports qualifies."""
    if born is None:
        return ""
    fourteen, sixteen = born + relativedelta(years=14), born + relativedelta(years=16)
    days, after_sixteen = 0, False
    for period in periods:
        for episode in period.episodes:
            if episode.legal_status in SHORT_BREAKS:
                continue
            start, end = max(episode.started_on, fourteen), min(episode.ended_on or on, on)
            if end > start:
                days += (end - start).days
                after_sixteen = after_sixteen or end > sixteen
    if days < 91 or not after_sixteen:
        return QUALIFYING
    return RELEVANT if _age(born, on) < 18 else FORMER_RELEVANT


def _list_9(w: Window, shared) -> list[dict]:
    leavers = list(
        CareLeaverEpisode.objects.filter(started_on__lte=w.on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=w.on))
        .select_related("child")
        .order_by("started_on", "id")
    )
    ids = [leaver.child_id for leaver in leavers]
    uasc = _uasc(ids)
    written = PlanVersion.objects.filter(
        plan__child_id__in=ids, plan__kind=PlanKind.PATHWAY, written_at__lt=_midnight_after(w.on)
    )
    last_plan: dict[int, date] = {}
    for child, at in (
        written.values("plan__child_id").annotate(last=Max("written_at")).values_list("plan__child_id", "last")
    ):
        last_plan[child] = timezone.localtime(at).date()
    reviewed = PlanReview.objects.filter(plan__child_id__in=ids, plan__kind=PlanKind.PATHWAY, held_on__lte=w.on)
    for child, day in (
        reviewed.values("plan__child_id").annotate(last=Max("held_on")).values_list("plan__child_id", "last")
    ):
        last_plan[child] = max(day, last_plan.get(child, day))
    rows = []
    for leaver in leavers:
        child = leaver.child
        allocated = shared.allocations.on(child.id, w.on)
        accommodation = leaver.accommodation if leaver.accommodation not in ("", "0") else ""
        rows.append(
            {
                **_child_cells(child, w.on),
                "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)": _yes_no(
                    uasc[child.id][0]
                )
                if child.id in uasc
                else "",
                DISABLED: _disabled(child),
                TEAM: allocated.team if allocated else "",
                WORKER: allocated.worker if allocated else "",
                "Allocated Personal Advisor": allocated.worker
                if allocated and allocated.role == StaffRole.PERSONAL_ADVISER
                else "",
                "Eligibility Category": _eligibility(child.date_of_birth, shared.periods.get(child.id, []), w.on),
                "Latest Pathway Plan Review Date": last_plan.get(child.id),
                "LA in Touch": _coded(CareLeaverInTouch, leaver.in_touch),
                "Latest Date of Contact": _by(leaver.last_contact_on, w.on),
                "Type of Accommodation": _accommodation_type(accommodation),
                "Suitability of Accommodation": ("Suitable" if accommodation.endswith("1") else "Unsuitable")
                if accommodation
                else "",
                "Activity Status": _coded(CareLeaverActivity, leaver.activity)
                if leaver.activity not in ("", "0")
                else "",
            }
        )
    return rows


def _midnight_after(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def _accommodation_type(code: str) -> str:
    """The type is the code's letter; the DfE code's second character says whether it is suitable.
    "D1" is "D: Semi-independent or transitional accommodation"."""
    if not code:
        return ""
    return f"{code[0]}: {CareLeaverAccommodation(code).label.rsplit(', ', 1)[0]}"


def _list_10(w: Window, shared) -> list[dict]:
    chosen: dict[int, Period] = {}
    for child, periods in shared.periods.items():
        for period in periods:
            if not overlaps(period.started_on, period.ended_on, w.twelve, w.on):
                continue
            if any(
                e.legal_status in ("E1", "D1")
                or e.placement_type in ADOPTION_PLACEMENTS | FOSTERING_FOR_ADOPTION
                or e.end_reason in ADOPTED
                for e in period.episodes
            ):
                chosen[child] = period
    decisions: dict[int, AdoptionDecision] = {}
    for decision in AdoptionDecision.objects.filter(decided_on__lte=w.on).order_by("decided_on", "id"):
        decisions[decision.child_id] = decision  # oldest first, so each child's latest is kept
    for child, decision in decisions.items():
        ceased = _by(decision.ceased_on, w.on)
        if child not in chosen and (ceased is None or ceased >= w.twelve) and shared.periods.get(child):
            chosen[child] = shared.periods[child][-1]
    matched = {
        decision: day
        for decision, day in Adoption.objects.filter(child_id__in=list(chosen), matched_on__lte=w.on).values_list(
            "decision_id", "matched_on"
        )
    }
    people = Person.objects.in_bulk(list(chosen))
    families = {}
    for person, network in (
        FamilyMember.objects.filter(person_id__in=list(chosen), role=NetworkRole.CHILD)
        .order_by("-network_id")
        .values_list("person_id", "network_id")
    ):
        families[person] = network  # ordered newest first, so the oldest network is the one kept

    def first(period: Period, test) -> date | None:
        return next((e.started_on for e in period.episodes if test(e)), None)

    rows = []
    for child_id, period in sorted(chosen.items(), key=lambda item: (item[1].started_on, people[item[0]].la_id)):
        child = people[child_id]
        adopted = period.last.end_reason in ADOPTED and period.ended_on
        decision = decisions.get(child_id)
        no_longer = _by(decision.ceased_on, w.on) if decision else None
        why = _coded(AdoptionDecisionCeasedReason, decision.ceased_reason) if no_longer else ""
        rows.append(
            {
                **_child_cells(child, w.on),
                "Family identifier": str(families[child_id]) if child_id in families else "",
                DISABLED: _disabled(child),
                "Date the Child Entered Care": period.started_on,
                "Date of Decision that Child Should be Placed for Adoption": decision.decided_on if decision else None,
                "Date of Placement Order": first(period, lambda e: e.legal_status == "E1"),
                "Date of Matching Child and Prospective Adopters": matched.get(decision.id) if decision else None,
                "Date Placed for Adoption": first(period, lambda e: e.placement_type in ADOPTION_PLACEMENTS),
                "Date of Adoption Order": period.ended_on if adopted else None,
                "Date of Decision that Child Should No Longer be Placed for Adoption": no_longer,
                "Reason Why Child No Longer Placed for Adoption": why,
                "Date the child was placed for fostering in FFA or concurrent planning placement": first(
                    period, lambda e: e.placement_type in FOSTERING_FOR_ADOPTION
                ),
            }
        )
    return rows


def _list_11(w: Window, shared) -> list[dict]:
    return []


BUILDERS = {
    1: _list_1,
    2: _list_2,
    3: _list_3,
    4: _list_4,
    5: _list_5,
    6: _list_6,
    7: _list_7,
    8: _list_8,
    9: _list_9,
    10: _list_10,
    11: _list_11,
}
