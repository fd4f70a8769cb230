from django.utils import timezone
from django.utils.html import escape

from alongside.plans.models import PlanVersion
from alongside.plans.services import ACTION_OWNER_NEEDED


def url(world, suffix=""):
    return f"/people/children/{world.child.id}/plans/cin/{suffix}"


def plan_post(**changes):
    data = {
        "based_on": "",
        "goal-0-words": "We want Amy to get to school on time",
        "goal-0-why": "She loves school",
        "goal-0-action-0-what": "Nan to do the school run on Mondays",
        "goal-0-action-0-owner_kind": "network",
        "goal-0-action-0-owner": "Nan",
        "goal-0-action-0-due": "2027-01-11",
        "safety_plan": "Nan is on call",
    }
    data.update(changes)
    return data


def test_a_plan_is_written_with_the_familys_goals_and_each_save_is_a_new_version(world, sign_in):
    client = sign_in(world.worker.user)
    assert "has no child in need plan yet" in client.get(url(world)).content.decode()
    assert client.post(url(world), plan_post()).status_code == 302
    page = client.get(url(world)).content.decode()
    assert "We want Amy to get to school on time" in page and "Nan to do the school run on Mondays" in page
    client.post(url(world), plan_post(based_on="1", **{"goal-0-words": "Amy gets to school on time every day"}))
    assert list(PlanVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
    earlier = client.get(url(world), {"version": 1}).content.decode()
    assert "We want Amy to get to school on time" in earlier and "Earlier version" in earlier


def test_an_action_without_an_owner_is_refused_with_a_message(world, sign_in):
    client = sign_in(world.worker.user)
    response = client.post(url(world), plan_post(**{"goal-0-action-0-owner_kind": "", "goal-0-action-0-owner": ""}))
    assert escape(ACTION_OWNER_NEEDED) in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_the_familys_agreement_and_a_review_are_recorded(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(url(world), plan_post())
    client.post(url(world, "family-view/"), {"agreement": "agreed", "comments": "Nan is happy to help"})
    goal = PlanVersion.objects.get().goals.get()
    client.post(
        url(world, "review/"),
        {
            "held_on": timezone.localdate().isoformat(),
            f"score-{goal.id}": "7",
            f"progress-{goal.id}": "Late twice this month",
        },
    )
    page = client.get(url(world)).content.decode()
    assert "Agreed. Nan is happy to help" in page and "7/10 (Late twice this month)" in page
    refused = client.post(url(world, "review/"), {f"score-{goal.id}": "12"}, follow=True).content.decode()
    assert "Score each goal from 0 to 10" in refused


def test_the_next_version_starts_from_the_current_one(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(url(world), plan_post())
    page = client.get(url(world)).content.decode()
    assert ">We want Amy to get to school on time</textarea>" in page
    assert 'value="Nan to do the school run on Mondays"' in page and 'value="2027-01-11"' in page
