"""The family's own answer to a plan, given in the portal (plans/PlanResponse).

Only families that use the portal answer (demo/generator/portal_families.py), and only to versions
written since the portal opened. Most such families answer each version within a fortnight, before
the next version replaces it (the app takes an answer only to the latest version). Their answer
mostly matches what the worker recorded when they went through the plan with the family, but not
always: some say in the portal what they did not say in the room. As in the app, each answer also
goes into the family's story, in their words.
"""

from datetime import timedelta
from types import SimpleNamespace as Row

from alongside.demo import distributions as dist
from alongside.plans.models import Agreement, PlanKind
from alongside.portal.services import AGREEMENT_WORDS

ANSWERS = 0.85  # share of versions a portal family answers
SAME_AS_RECORDED = 0.7  # chance the family's answer is what the worker recorded in the room
AGREEMENT = dist.Weighted({Agreement.AGREED: 65, Agreement.PARTLY: 25, Agreement.DISAGREED: 10})

DISAGREE_WITH = [
    "I do not agree that the children cannot stay at Nan's at weekends.",
    "The plan says I missed appointments but two were cancelled by you.",
    "I want the contact with their dad to be supervised, not at the park.",
    "Too many meetings. I cannot take more time off work.",
    "The goal about school is not what {child} wants.",
    "It says we argue every day. That is not true any more.",
]


def write_plan_responses(generator, portal) -> None:
    """Adds the portal families' answers to plan versions (and their story entries) to the rows."""
    rng, as_of = generator.rng, generator.as_of
    rows = generator.rows["plan_responses"] = []
    plans = {plan.id: plan for plan in generator.rows["plans"]}
    first_name = {p.id: p.first_name for p in generator.rows["people"]}
    kind_label = dict(PlanKind.choices)
    versions = sorted(generator.rows["plan_versions"], key=lambda v: (v.plan_id, v.number))
    for version, following in zip(versions, versions[1:] + [None], strict=True):
        written = version.written_at.date()
        if written < portal.since:
            continue
        plan = plans[version.plan_id]
        network_id = portal.network_of.get(plan.child_id)
        parent_id = portal.parent.get(network_id)
        if parent_id is None or rng.random() >= ANSWERS:
            continue
        # Before the next version replaces this one, and not later than yesterday.
        replaced = following.written_at.date() if following and following.plan_id == plan.id else as_of
        day = written + timedelta(days=rng.randint(1, 14))
        if day >= replaced or day >= as_of:
            continue
        if version.family_agreement and rng.random() < SAME_AS_RECORDED:
            agreement = Agreement(version.family_agreement)
        else:
            agreement = AGREEMENT.draw(rng)
        disagree_with = (
            "" if agreement == Agreement.AGREED else rng.choice(DISAGREE_WITH).format(child=first_name[plan.child_id])
        )
        user_id = portal.user_of(parent_id)
        parent = portal.people[parent_id]
        generator._entry(
            network_id,
            user_id,
            day,
            [plan.child_id],
            kind="family_words",
            summary=f"{parent.first_name} {AGREEMENT_WORDS[agreement]} ({kind_label[plan.kind].lower()}, "
            f"version {version.number})",
            body=disagree_with,
        )
        rows.append(
            Row(
                id=generator.next_id("plan_response"),
                version_id=version.id,
                person_id=parent_id,
                user_id=user_id,
                agreement=agreement,
                what_they_disagree_with=disagree_with,
                responded_at=generator.rows["story"][-1].occurred_at,
            )
        )
