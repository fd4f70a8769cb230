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


def test_an_owner_refused_keeps_everything_the_worker_wrote(world, sign_in):
    client = sign_in(world.worker.user)
    post = plan_post(**{"goal-0-action-0-owner_kind": "", "contingency": "Back to conference", "fgc_offered": "yes"})
    page = client.post(url(world), post).content.decode()
    assert "Back to conference" in page and "Nan is on call" in page
    assert 'id="fgc_offered" name="fgc_offered" type="checkbox" value="yes" checked' in page


def test_autosave_keeps_the_writers_changes_without_making_a_version(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(url(world), plan_post())
    kept = client.post(url(world, "autosave/"), plan_post(based_on="1", safety_plan="Nan and Aunt Jo take turns"))
    assert "They become the next version when you save it" in kept.content.decode()
    assert PlanVersion.objects.count() == 1
    # Back on the page (after the browser closed), the form carries on from the kept changes...
    page = client.get(url(world)).content.decode()
    assert "Your unsaved changes from" in page and "Nan and Aunt Jo take turns" in page
    # ...which nobody else sees.
    assert "Nan and Aunt Jo take turns" not in sign_in(world.pod_colleague.user).get(url(world)).content.decode()
    client = sign_in(world.worker.user)
    client.post(url(world), plan_post(based_on="1", safety_plan="Nan and Aunt Jo take turns"))
    assert PlanVersion.objects.get(number=2).safety_plan == "Nan and Aunt Jo take turns"
    assert "Your unsaved changes" not in client.get(url(world)).content.decode()


def test_changes_kept_before_someone_saved_a_newer_version_are_shown_to_copy_not_merged(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(url(world), plan_post())
    client.post(url(world, "autosave/"), plan_post(based_on="1", contingency="Ask Nan first"))
    sign_in(world.pod_colleague.user).post(
        url(world), plan_post(based_on="1", contingency="Call the out-of-hours team")
    )
    client = sign_in(world.worker.user)
    page = client.get(url(world)).content.decode()
    assert "written before version 2 was saved" in page and "Ask Nan first" in page
    assert 'name="contingency" rows="2">Call the out-of-hours team</textarea>' in page
    client.post(url(world), {"action": "discard_draft"})
    assert "Ask Nan first" not in client.get(url(world)).content.decode()
