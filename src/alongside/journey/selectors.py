"""Reads about children's journeys: who is open to which service today, and LA-wide figures."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from alongside.journey.models import (
    CareEpisode,
    CareLeaverEpisode,
    ChildInNeedEpisode,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Contact,
    EarlyHelpEpisode,
    Section47Enquiry,
)
from alongside.lib.working_days import calendar_for


def _open_on(prefix_start: str, prefix_end: str, on: date) -> Q:
    return Q(**{f"{prefix_start}__lte": on}) & (Q(**{f"{prefix_end}__isnull": True}) | Q(**{f"{prefix_end}__gt": on}))


def open_cin_episodes(on: date):
    """Child in need episodes open on a date (referral to closure), excluding no-further-action."""
    return ChildInNeedEpisode.objects.filter(_open_on("referral_date", "closure_date", on), referral_nfa=False)


def open_cin_plans(on: date):
    return ChildInNeedPlan.objects.filter(_open_on("started_on", "ended_on", on))


def open_cp_plans(on: date):
    return ChildProtectionPlan.objects.filter(_open_on("started_on", "ended_on", on))


def open_care_episodes(on: date):
    return CareEpisode.objects.filter(_open_on("started_on", "ended_on", on))


def open_care_leaver_episodes(on: date):
    return CareLeaverEpisode.objects.filter(_open_on("started_on", "ended_on", on))


def open_early_help_episodes(on: date):
    return EarlyHelpEpisode.objects.filter(_open_on("started_on", "ended_on", on))


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    per_10k: float | None
    national_per_10k: float | None
    note: str = ""


def la_figures(*, on: date, child_population: int) -> list[Figure]:
    """The headline figures for an LA on a date, each per 10,000 children beside the England rate
    (DfE 2024-25, shared/reference/national-figures.md). Counts are children, as the DfE counts."""
    year_ago = on - timedelta(days=365)

    def rate(count):
        return round(count * 10_000 / child_population, 1) if child_population else None

    referrals = ChildInNeedEpisode.objects.filter(referral_date__gt=year_ago, referral_date__lte=on)
    earlier = ChildInNeedEpisode.objects.filter(
        child_id=OuterRef("child_id"),
        referral_date__lt=OuterRef("referral_date"),
        referral_date__gte=OuterRef("referral_date") - timedelta(days=365),
    )
    referral_count = referrals.count()
    re_referrals = referrals.filter(Exists(earlier)).count()
    s47 = Section47Enquiry.objects.filter(started_on__gt=year_ago, started_on__lte=on).count()
    plans_started = ChildProtectionPlan.objects.filter(started_on__gt=year_ago, started_on__lte=on).count()
    entered_care = CareEpisode.objects.filter(
        new_episode_reason="S", started_on__gt=year_ago, started_on__lte=on
    ).count()
    cin = open_cin_episodes(on).values("child_id").distinct().count()
    cp = open_cp_plans(on).values("episode__child_id").distinct().count()
    cla = open_care_episodes(on).values("child_id").distinct().count()
    leavers = open_care_leaver_episodes(on).values("child_id").distinct().count()
    early_help = open_early_help_episodes(on).values("child_id").distinct().count()
    return [
        Figure("Children in need today", cin, rate(cin), 330.3),
        Figure("Children on a child protection plan", cp, rate(cp), 40.6),
        Figure("Children looked after", cla, rate(cla), 67.0),
        Figure("Care leavers supported", leavers, None, None),
        Figure("Children in early help", early_help, None, None),
        Figure("Referrals in the last 12 months", referral_count, rate(referral_count), 519.4),
        Figure(
            "Re-referrals within 12 months",
            re_referrals,
            None,
            None,
            note=f"{100 * re_referrals / referral_count:.1f}% of referrals (England 22.6%)" if referral_count else "",
        ),
        Figure("Section 47 enquiries in the last 12 months", s47, rate(s47), 189.3),
        Figure("Child protection plans started in the last 12 months", plans_started, rate(plans_started), 50.8),
        Figure("Children who started to be looked after in the last 12 months", entered_care, rate(entered_care), 26.0),
    ]


class EpisodeKind:
    EARLY_HELP = "Early help"
    CHILD_IN_NEED = "Child in need"
    CHILD_PROTECTION = "Child protection"
    LOOKED_AFTER = "Looked after"
    CARE_LEAVER = "Care leaver"


@dataclass(frozen=True)
class EpisodeRow:
    kind: str
    title: str
    started_on: date
    ended_on: date | None
    details: list[tuple[str, str]]

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


def child_episodes(child) -> list[EpisodeRow]:
    """Every episode of a child's journey, newest first: early help, child in need (referral to
    closure, with its assessment, enquiries and plans), child protection plans, periods of care
    (their SSDA903 episodes grouped) and leaving care. Six queries however long the history."""
    rows: list[EpisodeRow] = []
    for episode in EarlyHelpEpisode.objects.filter(child=child):
        rows.append(
            EpisodeRow(
                EpisodeKind.EARLY_HELP,
                "Early help",
                episode.started_on,
                episode.ended_on,
                [("Ended because", episode.get_end_reason_display())] if episode.end_reason else [],
            )
        )
    cin_episodes = ChildInNeedEpisode.objects.filter(child=child).prefetch_related(
        "assessments", "section47s", "cin_plans", "cp_plans__reviews"
    )
    for episode in cin_episodes:
        details = [("Referral source", episode.get_referral_source_display())]
        if episode.referral_nfa:
            details.append(("Decision", "No further action"))
        if episode.primary_need:
            details.append(("Primary need", episode.get_primary_need_display()))
        for assessment in episode.assessments.all():
            done = f"authorised {assessment.authorised_on:%-d %b %Y}" if assessment.authorised_on else "in progress"
            details.append(("Assessment", f"started {assessment.started_on:%-d %b %Y}, {done}"))
        for enquiry in episode.section47s.all():
            outcome = (
                f"conference {enquiry.icpc_date:%-d %b %Y}"
                if enquiry.icpc_date
                else "no conference needed"
                if enquiry.icpc_not_required
                else "enquiry ongoing"
            )
            details.append(("Section 47 enquiry", f"started {enquiry.started_on:%-d %b %Y}, {outcome}"))
        for plan in episode.cin_plans.all():
            details.append(("Child in need plan", _span(plan.started_on, plan.ended_on)))
        if episode.closure_reason:
            details.append(("Closed because", episode.get_closure_reason_display()))
        rows.append(
            EpisodeRow(
                EpisodeKind.CHILD_IN_NEED,
                "Referral and child in need",
                episode.referral_date,
                episode.closure_date,
                details,
            )
        )
        for plan in episode.cp_plans.all():
            plan_details = [("Category", plan.get_initial_category_display())]
            if plan.latest_category != plan.initial_category:
                plan_details.append(("Latest category", plan.get_latest_category_display()))
            plan_details.append(("Previous plans", str(plan.previous_plans)))
            reviews = [r.held_on for r in plan.reviews.all()]
            if reviews:
                plan_details.append(("Review conferences", ", ".join(f"{d:%-d %b %Y}" for d in sorted(reviews))))
            rows.append(
                EpisodeRow(
                    EpisodeKind.CHILD_PROTECTION, "Child protection plan", plan.started_on, plan.ended_on, plan_details
                )
            )
    rows.extend(_periods_of_care(CareEpisode.objects.filter(child=child).order_by("started_on", "id")))
    for episode in CareLeaverEpisode.objects.filter(child=child):
        details = []
        if episode.in_touch:
            details.append(("In touch", episode.get_in_touch_display()))
        if episode.activity and episode.activity != "0":
            details.append(("Activity", episode.get_activity_display()))
        if episode.accommodation and episode.accommodation != "0":
            details.append(("Accommodation", episode.get_accommodation_display()))
        rows.append(
            EpisodeRow(EpisodeKind.CARE_LEAVER, "Leaving care support", episode.started_on, episode.ended_on, details)
        )
    rows.sort(key=lambda r: (r.started_on, r.kind), reverse=True)
    return rows


def _periods_of_care(episodes) -> list[EpisodeRow]:
    """SSDA903 episodes chain (RNE 'S' starts a period, REC 'X1' continues it); show one row per
    period with its legal statuses and placements in order."""
    periods: list[list] = []
    for episode in episodes:
        if episode.new_episode_reason == "S" or not periods:
            periods.append([])
        periods[-1].append(episode)
    rows = []
    for period in periods:
        first, last = period[0], period[-1]
        details = []
        for episode in period:
            placement = episode.get_placement_type_display()
            details.append(
                (f"From {episode.started_on:%-d %b %Y}", f"{episode.get_legal_status_display()}; {placement}")
            )
        if last.end_reason and last.end_reason != "X1":
            details.append(("Left care because", last.get_end_reason_display()))
        rows.append(
            EpisodeRow(
                EpisodeKind.LOOKED_AFTER,
                "Looked after",
                first.started_on,
                last.ended_on if last.end_reason != "X1" else None,
                details,
            )
        )
    return rows


def _span(start: date, end: date | None) -> str:
    return f"{start:%-d %b %Y} to {end:%-d %b %Y}" if end else f"from {start:%-d %b %Y}"


@dataclass(frozen=True)
class Involvement:
    """What is open for a child on a date, most intensive first, for caseload lists."""

    kind: str
    since: date


def current_involvement(child_ids: list[int], on: date) -> dict[int, Involvement]:
    """The most intensive open involvement for each child: looked after, child protection plan,
    care leaver, child in need, early help. Six queries for any number of children."""
    found: dict[int, Involvement] = {}

    def take(kind, pairs):
        for child_id, since in pairs:
            if child_id not in found:
                found[child_id] = Involvement(kind, since)

    take(EpisodeKind.LOOKED_AFTER, care_period_starts(child_ids, on).items())
    take(
        EpisodeKind.CHILD_PROTECTION,
        open_cp_plans(on).filter(episode__child_id__in=child_ids).values_list("episode__child_id", "started_on"),
    )
    take(
        EpisodeKind.CARE_LEAVER,
        open_care_leaver_episodes(on).filter(child_id__in=child_ids).values_list("child_id", "started_on"),
    )
    take(
        EpisodeKind.CHILD_IN_NEED,
        open_cin_episodes(on).filter(child_id__in=child_ids).values_list("child_id", "referral_date"),
    )
    take(
        EpisodeKind.EARLY_HELP,
        open_early_help_episodes(on).filter(child_id__in=child_ids).values_list("child_id", "started_on"),
    )
    return found


def care_period_starts(child_ids, on: date) -> dict[int, date]:
    """For children in care on a date, when their current period of care began: SSDA903 episodes chain
    while each starts the day the last one ended, so walk back through the chain. Two queries."""
    open_now = {e.child_id: e for e in open_care_episodes(on).filter(child_id__in=child_ids)}
    episodes = defaultdict(list)
    for e in CareEpisode.objects.filter(child_id__in=list(open_now), started_on__lte=on).order_by("started_on"):
        episodes[e.child_id].append(e)
    periods = {}
    for child, current in open_now.items():
        start = current.started_on
        for earlier in reversed([e for e in episodes[child] if e.started_on < current.started_on]):
            if earlier.ended_on == start:
                start = earlier.started_on
            else:
                break
        periods[child] = start
    return periods


@dataclass(frozen=True)
class WaitingContact:
    contact: Contact
    decision_due: date
    overdue: bool


def contacts_waiting(*, on: date) -> list[WaitingContact]:
    """Contacts waiting for the front door's decision, oldest first, each due one working day after
    it arrived (the referral decision timescale)."""
    waiting = list(Contact.objects.filter(decided_at__isnull=True).select_related("child").order_by("received_at"))
    if not waiting:
        return []
    calendar = calendar_for(waiting[0].received_at.year, on.year + 1)
    rows = []
    for contact in waiting:
        due = calendar.add(timezone.localtime(contact.received_at).date(), 1)
        rows.append(WaitingContact(contact, due, due < on))
    return rows
