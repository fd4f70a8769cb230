"""Meetings are recorded once, in the story, and the child's journey follows from what they decide."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from alongside.journey.meetings import (
    CATEGORY_NEEDED,
    NO_S47_OPEN,
    NOT_LOOKED_AFTER,
    ONE_CHILD_PER_REVIEW,
    OUTCOME_NEEDED,
    S47_ALREADY_OPEN,
)
from alongside.journey.models import (
    ChildInNeedPlan,
    ChildProtectionPlan,
    ChildProtectionReview,
    LookedAfterReview,
    Section47Enquiry,
)
from alongside.story import services as s
from alongside.story.models import StoryEntry


def at(day: date):
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def meeting(world, kind, day, *, about=None, **fields):
    return s.EntryInput(
        kind="meeting",
        occurred_at=at(day),
        about_ids=[c.id for c in (about or [world.sibling])],
        summary=kind.replace("_", " "),
        meeting_kind=kind,
        attendees="Rory Williams (social worker), DC Shah (police), Nurse Okafor (health)",
        decisions="As recorded",
        family_view="Mum said she wants the children kept together.",
        **fields,
    )


def finish(world, data, actor=None):
    network = world.child.memberships.get().network
    return s.story_entry_finalise(actor=actor or world.worker.user, network=network, data=data)


def test_the_section_47_path_writes_the_record_once_from_the_meetings(world):
    finish(world, meeting(world, "strategy_discussion", date(2026, 11, 2), meeting_outcome="start_s47"))
    enquiry = Section47Enquiry.objects.get(episode__child=world.sibling)
    # 15 working days from Monday 2 November 2026 is Monday 23 November.
    assert (enquiry.started_on, enquiry.icpc_target_date) == (date(2026, 11, 2), date(2026, 11, 23))
    ChildInNeedPlan.objects.create(episode=enquiry.episode, started_on=date(2026, 6, 1))

    finish(
        world,
        meeting(world, "initial_conference", date(2026, 11, 20), meeting_outcome="cp_plan", abuse_category="EMO"),
    )
    enquiry.refresh_from_db()
    assert enquiry.icpc_date == date(2026, 11, 20)
    plan = ChildProtectionPlan.objects.get(episode__child=world.sibling)
    assert (plan.started_on, plan.initial_category, plan.latest_category, plan.previous_plans) == (
        date(2026, 11, 20),
        "EMO",
        "EMO",
        0,
    )
    # The child in need plan gives way to the protection plan: the two never run together.
    assert ChildInNeedPlan.objects.get(episode=enquiry.episode).ended_on == date(2026, 11, 20)

    finish(
        world,
        meeting(
            world,
            "review_conference",
            date(2026, 11, 23),
            meeting_outcome="plan_ends_cin",
            abuse_category="NEG",
        ),
    )
    plan.refresh_from_db()
    assert (plan.ended_on, plan.latest_category) == (date(2026, 11, 23), "NEG")
    assert list(ChildProtectionReview.objects.filter(plan=plan).values_list("held_on", flat=True)) == [
        date(2026, 11, 23)
    ]
    assert ChildInNeedPlan.objects.filter(episode=enquiry.episode, started_on=date(2026, 11, 23)).exists()
    # Each meeting is in the story, with its decision.
    outcomes = list(
        StoryEntry.objects.filter(kind="meeting").order_by("occurred_at").values_list("meeting_outcome", flat=True)
    )
    assert outcomes == ["start_s47", "cp_plan", "plan_ends_cin"]


def test_an_enquiry_can_end_without_a_conference(world):
    finish(world, meeting(world, "strategy_discussion", date(2026, 10, 1), meeting_outcome="start_s47"))
    finish(world, meeting(world, "strategy_discussion", date(2026, 10, 9), meeting_outcome="s47_no_conference"))
    enquiry = Section47Enquiry.objects.get(episode__child=world.sibling)
    assert enquiry.icpc_not_required and enquiry.icpc_date is None


def test_siblings_at_one_conference_each_get_their_plan(world):
    ChildProtectionPlan.objects.filter(episode__child=world.child).update(ended_on=date(2026, 1, 5))
    both = [world.child, world.sibling]
    finish(world, meeting(world, "strategy_discussion", date(2026, 10, 1), about=both, meeting_outcome="start_s47"))
    finish(
        world,
        meeting(
            world,
            "initial_conference",
            date(2026, 10, 20),
            about=both,
            meeting_outcome="cp_plan",
            abuse_category="NEG",
        ),
    )
    assert ChildProtectionPlan.objects.get(episode__child=world.sibling, ended_on=None).previous_plans == 0
    # Amy's earlier plan counts as a previous plan (CIN census NumberOfPreviousCPP).
    assert ChildProtectionPlan.objects.get(episode__child=world.child, ended_on=None).previous_plans == 1


@pytest.mark.parametrize(
    "kind,fields,field,message",
    [
        ("strategy_discussion", {}, "meeting_outcome", OUTCOME_NEEDED),
        ("initial_conference", {"meeting_outcome": "cp_plan"}, "abuse_category", CATEGORY_NEEDED),
        (
            "initial_conference",
            {"meeting_outcome": "no_plan_cin"},
            "meeting_outcome",
            NO_S47_OPEN.format(name="Mels Pond", on="20 November 2026"),
        ),
        (
            "review_conference",
            {"meeting_outcome": "plan_continues"},
            "meeting_outcome",
            "Mels Pond is not on a child protection plan on 20 November 2026",
        ),
        (
            "looked_after_review",
            {"review_participation": "PN1"},
            "meeting_outcome",
            NOT_LOOKED_AFTER.format(name="Mels Pond", on="20 November 2026"),
        ),
        ("looked_after_review", {}, "review_participation", "Select how the child took part in their review"),
    ],
)
def test_a_decision_the_record_cannot_take_is_refused_and_nothing_changes(world, kind, fields, field, message):
    with pytest.raises(s.EntryInvalid) as refused:
        finish(world, meeting(world, kind, date(2026, 11, 20), **fields))
    assert refused.value.problems[field] == message
    assert not StoryEntry.objects.exists()
    assert not Section47Enquiry.objects.exists()
    assert ChildProtectionPlan.objects.count() == 1  # Amy's, from the world


def test_a_second_enquiry_is_not_started_while_one_is_open(world):
    finish(world, meeting(world, "strategy_discussion", date(2026, 10, 1), meeting_outcome="start_s47"))
    with pytest.raises(s.EntryInvalid) as refused:
        finish(world, meeting(world, "strategy_discussion", date(2026, 10, 5), meeting_outcome="start_s47"))
    assert refused.value.problems["meeting_outcome"] == S47_ALREADY_OPEN.format(
        name="Mels Pond", since="1 October 2026"
    )
    assert Section47Enquiry.objects.count() == 1


def test_a_looked_after_review_is_for_one_child_and_records_their_participation(world):
    with pytest.raises(s.EntryInvalid) as refused:
        finish(
            world,
            meeting(
                world,
                "looked_after_review",
                date(2026, 11, 2),
                about=[world.child, world.sibling],
                review_participation="PN1",
            ),
        )
    assert refused.value.problems["about"] == ONE_CHILD_PER_REVIEW
    from alongside.journey.models import CareEpisode

    CareEpisode.objects.create(
        child=world.sibling,
        started_on=date(2026, 5, 1),
        new_episode_reason="S",
        legal_status="V2",
        category_of_need="N1",
        placement_type="U4",
    )
    finish(world, meeting(world, "looked_after_review", date(2026, 11, 2), review_participation="PN1"))
    review = LookedAfterReview.objects.get()
    assert (review.child, review.held_on, review.participation) == (world.sibling, date(2026, 11, 2), "PN1")


def test_a_draft_meeting_writes_nothing_until_it_is_finished(world):
    network = world.child.memberships.get().network
    s.story_entry_save_draft(
        actor=world.worker.user,
        network=network,
        data=meeting(world, "strategy_discussion", date(2026, 11, 2), meeting_outcome="start_s47"),
    )
    assert not Section47Enquiry.objects.exists()


def test_a_crafted_decision_on_a_meeting_that_makes_none_is_ignored(world):
    entry = finish(
        world,
        meeting(world, "core_group", date(2026, 11, 2), meeting_outcome="cp_plan", abuse_category="SAB"),
    )
    entry.refresh_from_db()
    assert (entry.meeting_outcome, entry.abuse_category) == ("", "")
    assert ChildProtectionPlan.objects.count() == 1


def test_a_correction_fixes_the_words_but_not_the_decision(world):
    original = finish(world, meeting(world, "strategy_discussion", date(2026, 11, 2), meeting_outcome="start_s47"))
    changed = meeting(world, "strategy_discussion", date(2026, 11, 2), meeting_outcome="no_s47")
    with pytest.raises(s.EntryInvalid) as refused:
        s.story_entry_correct(actor=world.worker.user, original=original, data=changed, reason="Wrong outcome")
    assert refused.value.problems["meeting_outcome"] == s.MEETING_DECISION_FIXED
    words = meeting(world, "strategy_discussion", date(2026, 11, 2), meeting_outcome="start_s47")
    words.attendees = "Rory Williams, DC Shah, Nurse Okafor, Ms Patel (school)"
    correction = s.story_entry_correct(
        actor=world.worker.user, original=original, data=words, reason="The school attended too"
    )
    assert correction.corrects == original and "Ms Patel" in correction.attendees
    assert Section47Enquiry.objects.count() == 1
