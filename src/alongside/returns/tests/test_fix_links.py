from datetime import date

from alongside.journey.models import Assessment, CareEpisode, LookedAfterHealth
from alongside.returns.base import Finding
from alongside.returns.fix_links import anchors


def test_each_finding_points_at_the_card_where_it_can_be_put_right(world):
    child = world.child
    referral = child.cin_episodes.get()
    assessment = Assessment.objects.create(episode=referral, started_on=date(2025, 5, 6))
    care = CareEpisode.objects.create(
        child=child,
        started_on=date(2025, 4, 1),
        new_episode_reason="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
    )
    health = LookedAfterHealth.objects.create(child=child, year=2026, sdq_reason="SDQ2")
    said = f"{referral.referral_date:%-d %B %Y}"
    findings = [
        Finding("8610", "", child.la_id, f"the referral of {said}"),
        Finding("8897Q", "", child.la_id, "the assessment started 6 May 2025"),
        Finding("526", "", child.la_id, "the episode from 01/04/2025", "Episodes"),
        Finding("191", "", child.la_id, "", "OC2"),
        Finding("8540", "", child.la_id, "disabilities"),
        Finding("2885", "", child.la_id, "the child protection plan from 1 January 1990"),  # no such plan
        Finding("2883", ""),  # the whole return
    ]
    assert anchors(findings, {child.la_id: child.id}) == [
        f"referral-{referral.id}",
        f"assessment-{assessment.id}",
        f"care-episode-{care.id}",
        f"health-{health.id}",
        f"child-{child.id}",
        "",
        "",
    ]
