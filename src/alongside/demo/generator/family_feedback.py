"""What helped and what did not: feedback the portal's families give (portal/FamilyFeedback).

A family that uses the portal (demo/generator/portal_families.py) gives feedback every three or
four months while one of its children has a worker, from a few weeks after the portal opened or
their child was allocated. The answers lean towards help that helped, and lean further as the
practice model beds in: "it did not help" falls from about a quarter of answers when the portal
opened to about one in eight by the as-of date. These are assumptions for the family feedback
figure to show something, not findings.
"""

from datetime import datetime, time, timedelta
from types import SimpleNamespace as Row

from django.utils import timezone

from alongside.portal.models import HowItWent

EVERY_DAYS = 110  # on average, between one family's pieces of feedback
# Shares of each answer when the portal opened, and by the as-of date (straight line between).
HELPED_A_LOT = (0.30, 0.50)
NOT_HELPED = (0.25, 0.12)

HELPED = [
    "{worker} listened to us and did what they said they would.",
    "Having the same worker for a while. We did not have to tell our story again.",
    "The family meeting. Everyone knew what they had to do.",
    "{worker} explained things in plain words and did not judge us.",
    "Help with the housing letter and getting the kids to school on time.",
    "{worker} spent time with {child} on their own, and {child} liked it.",
    "Knowing who to ring when things got bad.",
]
DID_NOT_HELP = [
    "Meetings were at times I could not make because of work.",
    "Too many people at the meetings. It felt like everyone was against us.",
    "Visits were cancelled at short notice.",
    "We had a new worker again and had to start from the beginning.",
    "Reports used words we did not understand.",
    "It took weeks to hear back about the nursery place.",
]


def write_family_feedback(generator, portal) -> None:
    """Adds the portal families' feedback to the generator's rows."""
    rng, as_of = generator.rng, generator.as_of
    rows = generator.rows["family_feedback"] = []
    first_name = {p.id: p.first_name for p in generator.rows["people"]}
    staff = portal.staff
    span = max(1, (as_of - portal.since).days)
    for network_id, parent_id in portal.parent.items():
        children = portal.children[network_id]
        starts = [a.started_on for child in children for a in portal._allocations.get(child, [])]
        if not starts:
            continue
        day = max(portal.since, min(starts)) + timedelta(days=rng.randint(20, 120))
        while day < as_of:
            child_id, worker_id = next(
                ((c, w) for c in children if (w := portal.worker_on(c, day)) is not None), (None, None)
            )
            if worker_id is not None:
                rows.append(_feedback(rng, day, span, portal, parent_id, worker_id, staff, first_name[child_id]))
            day += timedelta(days=max(30, int(rng.gauss(EVERY_DAYS, EVERY_DAYS / 3))))


def _feedback(rng, day, span, portal, parent_id, worker_id, staff, child_name) -> Row:
    progress = (day - portal.since).days / span
    a_lot = HELPED_A_LOT[0] + (HELPED_A_LOT[1] - HELPED_A_LOT[0]) * progress
    not_helped = NOT_HELPED[0] + (NOT_HELPED[1] - NOT_HELPED[0]) * progress
    draw = rng.random()
    if draw < a_lot:
        how = HowItWent.HELPED_A_LOT
    elif draw < a_lot + not_helped:
        how = HowItWent.NOT_HELPED
    else:
        how = HowItWent.HELPED_A_BIT
    names = dict(worker=staff[worker_id].first_name, child=child_name)
    # Families say what helped more often than what did not, unless it did not help.
    helped = rng.choice(HELPED).format(**names) if how != HowItWent.NOT_HELPED or rng.random() < 0.2 else ""
    did_not = rng.choice(DID_NOT_HELP) if how != HowItWent.HELPED_A_LOT or rng.random() < 0.15 else ""
    at = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 21), rng.choice([0, 10, 25, 40, 55]))))
    return Row(
        id=portal.g.next_id("family_feedback"),
        person_id=parent_id,
        user_id=portal.user_of(parent_id),
        worker_id=worker_id,
        how_it_went=how,
        what_helped=helped,
        what_did_not_help=did_not,
        given_at=at,
    )
