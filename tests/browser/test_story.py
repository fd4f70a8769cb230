"""A worker records a home visit with the child's own words, finds it in the story, and corrects it:
in headless Chromium, with every page checked against WCAG 2.2 AA."""

import pytest
from django.utils import timezone

from alongside.access.backends import DEMO_PASSWORD
from alongside.demo.models import DemoLogin, DemoRole
from alongside.demo.services import demo_seed
from alongside.workforce.selectors import caseload_for
from tests.browser.test_demo_sign_ins import check_accessibility

pytestmark = [pytest.mark.browser]


def settle(page):
    """Lets htmx's debounced autosave (up to 1.5 s after typing) finish before submitting. The live
    test server shares one SQLite connection between its threads, so an autosave racing the submit
    can break that connection for every later test; a real server has a connection per request."""
    page.wait_for_timeout(2000)
    page.wait_for_load_state("networkidle")


def demo_page(live_server, browser, role=DemoRole.SOCIAL_WORKER):
    """The small demo LA, and a page signed in as its demo user in this role."""
    demo_seed(size="small", seed=5, as_of=timezone.localdate())
    user = DemoLogin.objects.select_related("user").get(role=role).user
    page = browser.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    return user, page


@pytest.mark.django_db(transaction=True)
def test_record_a_visit_and_direct_work_then_correct_it(live_server, browser, artifacts):
    worker, page = demo_page(live_server, browser)
    child = caseload_for(worker.staff, on=timezone.localdate())[0].child
    page.goto(f"{live_server.url}/people/children/{child.id}/")
    page.click("a:has-text('Record a visit')")
    check_accessibility(page, "record a visit")

    page.fill("#id_occurred_time", "25:99")
    page.fill("#id_minutes", "an hour")
    settle(page)
    page.click("button:has-text('Add to the story')")
    errors = page.inner_text(".govuk-error-summary")
    assert "Enter the time like 14:30" in errors
    assert "Enter how long it took as a number of minutes, like 45" in errors
    check_accessibility(page, "record a visit with errors")

    page.fill("#id_occurred_time", "08:00")
    page.fill("#id_minutes", "60")
    page.fill("#id_summary", "Before-school visit")
    page.check("#id_child_seen_1")
    page.check("#id_child_seen_alone_1")
    page.fill("#id_body", "The kitchen was tidy and there was food for breakfast.")
    page.wait_for_selector("#autosave-status:has-text('Draft saved')", timeout=10_000)
    settle(page)
    page.click("button:has-text('Add to the story')")
    assert "Before-school visit" in page.inner_text("main")
    check_accessibility(page, "the story")

    # The demo's own entries for the family may be later today, so find ours by its summary.
    ours = page.locator("article:has-text('Before-school visit')")
    assert "Time spent: 1 hour." in ours.inner_text()
    ours.locator("a:has-text('Open')").click()
    page.click("a:has-text('Correct this entry')")
    assert page.input_value("#id_minutes") == "60"
    page.fill("#id_body", "The kitchen was tidy; there was cereal but no milk.")
    page.fill("#id_correction_reason", "I wrote it up wrongly: there was no milk.")
    page.click("button:has-text('Add the correction')")
    main = page.inner_text("main")
    assert "there was food for breakfast" in main and "there was cereal but no milk" in main
    assert "I wrote it up wrongly" in main
    page.screenshot(path=str(artifacts / "story-correction.png"), full_page=True)
    check_accessibility(page, "an entry with its correction")
    page.close()


@pytest.mark.django_db(transaction=True)
def test_a_strategy_discussion_then_a_conference_put_a_child_on_a_plan(live_server, browser, artifacts):
    from alongside.journey.models import ChildProtectionPlan, Section47Enquiry

    today = timezone.localdate()
    worker, page = demo_page(live_server, browser)
    child = next(
        allocation.child
        for allocation in caseload_for(worker.staff, on=today)
        if allocation.child.cin_episodes.filter(closure_date=None, referral_nfa=False).exists()
        and not ChildProtectionPlan.objects.filter(episode__child=allocation.child, ended_on=None).exists()
        and not Section47Enquiry.objects.filter(episode__child=allocation.child, icpc_date=None).exists()
    )
    page.goto(f"{live_server.url}/people/children/{child.id}/story/new/meeting/")
    page.click("button:has-text('Continue')")
    assert "Select the kind of meeting" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "choose a meeting, with an error")
    page.check("label:has-text('Strategy discussion')")
    page.click("button:has-text('Continue')")
    page.fill("#id_summary", "Strategy discussion with police and health")
    page.fill("#id_attendees", "Social worker, DS Khan (police), Nurse Adeyemi (health)")
    page.check("label:has-text('Start a section 47 enquiry')")
    check_accessibility(page, "record a strategy discussion")
    settle(page)
    page.click("button:has-text('Add to the story')")
    assert "Decided: Start a section 47 enquiry" in page.inner_text("main")
    page.goto(f"{live_server.url}/people/children/{child.id}/story/new/meeting/?meeting=initial_conference")
    page.fill("#id_summary", "Initial child protection conference")
    page.fill("#id_family_view", "Dad said: we know things have to change.")
    page.check("label:has-text('A child protection plan')")
    settle(page)
    page.click("button:has-text('Add to the story')")
    assert "Select the category of abuse" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "an initial conference with an error")
    page.check("label:has-text('Neglect')")
    page.screenshot(path=str(artifacts / "story-conference.png"), full_page=True)
    settle(page)
    page.click("button:has-text('Add to the story')")
    assert "Decided: A child protection plan (category: neglect)" in page.inner_text("main")
    check_accessibility(page, "the story with a conference")
    plan = ChildProtectionPlan.objects.get(episode__child=child, ended_on=None)
    assert (plan.started_on, plan.initial_category) == (today, "NEG")
    page.close()


@pytest.mark.django_db(transaction=True)
def test_a_manager_changes_a_worker_and_the_handover_begins(live_server, browser, artifacts):
    manager, page = demo_page(live_server, browser, DemoRole.TEAM_MANAGER)
    child = next(
        entry.child for member in manager.staff.reports.all() for entry in caseload_for(member, on=timezone.localdate())
    )
    page.goto(f"{live_server.url}/people/children/{child.id}/")
    page.click("a[href$='/allocate/']")
    page.click("button:has-text('Change worker')")
    assert "Choose a worker" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "choose a worker, with an error")
    page.locator(".govuk-radios__item:not(:has-text('Over cap')) input[name=worker]").first.check()
    page.check("#reason")
    page.click("button:has-text('Change worker')")
    assert "is now" in page.inner_text(".govuk-notification-banner")
    page.click("a:has-text('The latest handover')")
    assert "Not complete" in page.inner_text("main")
    check_accessibility(page, "the handover")
    # The manager (who may write every part) records the joint visit in the story, then completes it.
    page.click("a:has-text('record a visit')")
    page.fill("#id_summary", "Joint introduction visit")
    page.check("#id_child_seen_1")
    page.fill("#id_people_present", "Both workers and Mum")
    settle(page)
    page.click("button:has-text('Add to the story')")
    page.goto(f"{live_server.url}/people/children/{child.id}/handover/")
    page.fill("#summary", "Loves football; mornings are hard; Nan is the family's anchor.")
    page.fill("#family_message", "Please text before you come.")
    page.fill("#family_message_from", "Mum")
    page.select_option("#joint_visit", index=1)
    page.click("button:has-text('Save the handover')")
    assert "Complete" in page.inner_text("main")
    page.screenshot(path=str(artifacts / "handover.png"), full_page=True)
    check_accessibility(page, "a completed handover")
    page.close()


@pytest.mark.django_db(transaction=True)
def test_a_manager_records_supervision_and_a_group_session(live_server, browser):
    manager, page = demo_page(live_server, browser, DemoRole.TEAM_MANAGER)
    page.click("a:has-text('Supervision') >> nth=0")
    check_accessibility(page, "supervision")
    page.click("a:has-text('Record') >> nth=0")
    page.fill("#held_on", timezone.localdate().isoformat())
    page.select_option("#child-0", index=1)
    page.fill("#discussion-0", "Attendance has dropped since the move.")
    page.fill("#decisions-0", "Ask school for daily attendance.")
    page.click("button:has-text('Record the supervision')")
    assert "say what was discussed, the decision and why" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "record supervision, with an error")
    assert page.input_value("#discussion-0") == "Attendance has dropped since the move."  # nothing lost
    page.fill("#reasons-0", "Being seen every day is the plan's safety goal.")
    page.fill("#reflective_notes", "A hard month; agreed a finish time.")
    page.click("button:has-text('Record the supervision')")
    assert "Only" in page.inner_text(".govuk-inset-text") and "In the story" in page.inner_text("main")
    check_accessibility(page, "a supervision session")
    page.goto(f"{live_server.url}/supervision/group/new/")
    page.fill("#family", "The Willows family")
    page.fill("#themes", "Keeping the child's voice in the room")
    page.click("button:has-text('Record the session')")
    assert "Select who attended" in page.inner_text(".govuk-error-summary")
    page.locator("input[name^=attended-]").first.check()
    page.click("button:has-text('Record the session')")
    assert "Group reflective practice session recorded" in page.inner_text(".govuk-notification-banner")
    page.close()
