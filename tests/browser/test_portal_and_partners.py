"""The family portal and partner pages end to end in headless Chromium, on the demo LA: a parent
agrees their plan (by keyboard alone) and writes to a new worker, a young person adds their view,
a school adds what it knows and makes a referral (by keyboard alone), and the social worker sees it
all in the family's story. axe-core checks every page on the way."""

import re

import pytest
from django.utils import timezone

from alongside.access.access import family_children
from alongside.access.backends import DEMO_PASSWORD
from alongside.demo.models import DemoLogin, DemoRole
from alongside.demo.services import demo_seed
from alongside.handovers.models import Handover
from alongside.journey.models import Contact
from alongside.partners.selectors import sharings_in_force
from alongside.plans.models import Plan, PlanResponse
from alongside.portal.selectors import current_plans
from alongside.story.models import StoryEntry
from alongside.workforce.models import Allocation, StaffMember
from alongside.workforce.services import allocation_change
from tests.browser.test_demo_sign_ins import check_accessibility

pytestmark = [pytest.mark.browser]


def sign_in(browser, base, user):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # a phone: mobile first
    page.goto(f"{base}/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    return page


def tab_to(page, selector: str, presses: int = 120):
    """Moves focus with the Tab key alone until the element matching `selector` has it."""
    target = page.locator(selector).first
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def type_into(page, selector: str, text: str):
    tab_to(page, selector)
    page.keyboard.type(text)


@pytest.mark.django_db(transaction=True)
def test_families_and_partners_work_in_the_same_story(live_server, browser, artifacts):
    today = timezone.localdate()
    demo_seed(size="small", seed=5, as_of=today)
    logins = {login.role: login.user for login in DemoLogin.objects.select_related("user")}
    parent, young, school, worker_user = (
        logins[DemoRole.PARENT],
        logins[DemoRole.YOUNG_PERSON],
        logins[DemoRole.SCHOOL_DSL],
        logins[DemoRole.SOCIAL_WORKER],
    )
    child = next(p.child for p in current_plans(family_children(parent), person=parent.person))
    plan = Plan.objects.get(child=child, ended_on__isnull=True)
    # The child's manager gives them a new worker from the same pod: a handover opens.
    allocation = Allocation.objects.get(child=child, ended_on__isnull=True)
    new_worker = (
        StaffMember.objects.filter(
            pod=allocation.pod, left_on__isnull=True, role__in=["social_worker", "senior_social_worker"]
        )
        .exclude(pk=allocation.worker_id)
        .first()
    )
    allocation_change(
        actor=allocation.worker.manager.user,
        child=child,
        worker=new_worker,
        reason="worker_left",
        over_cap_reason="Knows the family from the pod",
    )

    # A parent, on a phone, agrees the plan using only the keyboard.
    page = sign_in(browser, live_server.url, parent)
    assert f"Hello {parent.person.first_name}" in page.inner_text("main")
    check_accessibility(page, "parent home")
    page.screenshot(path=str(artifacts / "portal-parent-home.png"), full_page=True)
    # The demo parent has answered plans in the portal before (the generator's history).
    answers_before = PlanResponse.objects.filter(person=parent.person).count()
    page.goto(f"{live_server.url}/family/children/{child.id}/plan/")
    check_accessibility(page, "family plan")
    tab_to(page, "button:has-text('Send my answer')")
    page.keyboard.press("Enter")  # nothing chosen
    assert "Choose whether you agree with the plan" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "family plan with an error")
    tab_to(page, "input[name=agreement][value=agreed]")
    page.keyboard.press("Space")
    tab_to(page, "button:has-text('Send my answer')")
    # A key press does not wait for the page it submits to: wait for the page itself.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Your worker can see your answer" in page.inner_text("main")
    answers = PlanResponse.objects.filter(person=parent.person)
    assert answers.count() == answers_before + 1
    assert answers.order_by("-responded_at", "-id").first().agreement == "agreed"

    # ... and writes a message for the new worker, with HTML in it that must come back as text.
    page.click(f"a[href='/family/children/{child.id}/new-worker/']")
    check_accessibility(page, "message for a new worker")
    page.fill("textarea[name=text]", "Please knock loudly. <b>Mornings</b> are hard.")
    page.click("button:has-text('Send my message')")
    assert Handover.objects.get(child=child, completed_on__isnull=True).family_message.startswith("Please knock")
    page.goto(f"{live_server.url}/family/story/")
    assert "<b>Mornings</b> are hard." in page.inner_text("main")  # shown as typed, not as bold
    check_accessibility(page, "family story")
    page.screenshot(path=str(artifacts / "portal-parent-story.png"), full_page=True)
    page.context.close()

    # A young person adds their own view, kept from their parents.
    page = sign_in(browser, live_server.url, young)
    page.click("a:has-text('Tell us how things are going')")
    check_accessibility(page, "young person's view")
    page.click("button:has-text('Send to my worker')")
    assert "Choose a number from 0 to 10" in page.inner_text(".govuk-error-summary")
    page.check("input[name=scale][value='7']")
    page.fill("textarea[name=text]", "I want to stay at my school")
    page.fill("textarea[name=goals]", "Pass my exams\nSee my nan every week")
    page.check("input[name=private]")
    page.click("button:has-text('Send to my worker')")
    view = StoryEntry.objects.get(kind="young_person_view", author=young)
    assert view.scale == 7 and view.hidden_from.exists()
    page.screenshot(path=str(artifacts / "portal-young-person.png"), full_page=True)
    page.context.close()

    # The school adds what it knows about a shared child and makes a referral, by keyboard alone.
    shared = sharings_in_force(school.partner.agency, on=today).first().child
    page = sign_in(browser, live_server.url, school)
    page.click(f"a[href='/partner/children/{shared.id}/']")
    check_accessibility(page, "partner child page")
    page.fill("#id_summary", "Attendance this half term")
    page.fill("#id_text", "Attendance is 78%. Late most Mondays.")
    page.click("button:has-text('Add to the story')")
    assert "Attendance this half term" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "partner-child.png"), full_page=True)

    page.goto(f"{live_server.url}/partner/referral/")
    tab_to(page, "button:has-text('Send referral')")
    page.keyboard.press("Enter")
    summary = page.inner_text(".govuk-error-summary")
    assert "Enter the child's first name" in summary and "Enter what you are worried about" in summary
    check_accessibility(page, "referral with errors")
    type_into(page, "#id_child_first_name", "Kit")
    type_into(page, "#id_child_last_name", "Marlowe")
    type_into(page, "#id_worries", "Says there is no food at home. Asked to take bread home.")
    tab_to(page, "input[name=family_aware][value=yes]")
    page.keyboard.press("Space")
    type_into(page, "#id_referrer_phone", "01632 960 001")
    tab_to(page, "button:has-text('Send referral')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Referral sent" in page.inner_text("h1")
    contact = Contact.objects.get(child_last_name="Marlowe")
    assert contact.source == "2A" and contact.referrer_organisation == school.partner.agency.name
    check_accessibility(page, "referral sent")
    page.context.close()

    # The social worker (the child's worker until the handover) sees the family's words in the story.
    page = sign_in(browser, live_server.url, allocation.worker.user)
    page.goto(f"{live_server.url}/people/children/{child.id}/story/")
    story = page.inner_text("main")
    assert re.search(rf"{parent.person.first_name} agreed the plan", story)
    assert "Please knock loudly" in story and "Family's own words" in story
    check_accessibility(page, "staff story with the family's words")
    page.screenshot(path=str(artifacts / "staff-story-family-words.png"), full_page=True)
    page.context.close()
    # And the school's worker sees the school's information in the shared child's story.
    page = sign_in(browser, live_server.url, worker_user)
    page.goto(f"{live_server.url}/people/children/{shared.id}/story/")
    if "/open/" not in page.url:
        assert "Attendance this half term" in page.inner_text("main")
    page.context.close()
    assert plan.versions.exists()
