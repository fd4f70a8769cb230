"""Compliments and complaints end to end in headless Chromium, on the demo LA: a parent on a phone makes
a complaint by keyboard alone (an empty form refused first) and is told the real date of the reply; the
demo's quality lead finds it in the log and answers stage 1; the parent reads the answer and can ask
for the next step. axe-core checks every page on the way."""

import re

import pytest
from django.utils import timezone

from alongside.access.access import family_children
from alongside.complaints.due_dates import stage_due
from alongside.complaints.models import Complaint
from alongside.demo.models import DemoLogin, DemoRole
from alongside.demo.services import demo_seed
from alongside.testing.factories import TEST_PASSWORD
from tests.browser.test_demo_sign_ins import check_accessibility
from tests.browser.test_every_page import INTERFACE_TEXT, MAX_GRADE_FOR_FAMILIES, reading_grade
from tests.browser.test_portal_and_partners import sign_in, tab_to, type_into

pytestmark = [pytest.mark.browser]


def check_reading(page, name, names):
    """The family page's own words at a reading age of about 9, as the crawl measures them."""
    text = page.evaluate(INTERFACE_TEXT)
    for word in set(re.findall(r"\b[A-Z][a-z]+\b", text)) & names:
        text = text.replace(word, "Sam")
    grade = reading_grade(text)
    assert grade <= MAX_GRADE_FOR_FAMILIES, f"{name}: reading grade {grade}"


@pytest.mark.django_db(transaction=True)
def test_a_parent_complains_and_the_quality_lead_answers_stage_1(live_server, browser, artifacts):
    today = timezone.localdate()
    demo_seed(size="small", seed=5, as_of=today)
    logins = {login.role: login.user for login in DemoLogin.objects.select_related("user")}
    parent, quality_lead = logins[DemoRole.PARENT], logins[DemoRole.QUALITY_LEAD]
    child = family_children(parent)[0]
    names = {parent.person.first_name, parent.person.last_name, child.first_name, child.last_name}
    reply_by = stage_due(1, today)
    already = set(Complaint.objects.values_list("id", flat=True))

    # The parent, on a phone, finds the page from the menu and sends an empty form by keyboard.
    page = sign_in(browser, live_server.url, parent)
    page.goto(f"{live_server.url}/family/compliment-or-complaint/")
    assert f"we will reply by {reply_by:%-d %B %Y}" in page.inner_text("main")
    check_accessibility(page, "compliment or complaint")
    check_reading(page, "compliment or complaint", names)
    tab_to(page, "button:has-text('Send')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.inner_text(".govuk-error-summary")
    assert "Choose if it is good or if it went wrong" in summary and "Write what happened" in summary
    check_accessibility(page, "compliment or complaint with errors")

    # A complaint about her child, to be answered by email: radios by arrow keys, as a keyboard user does.
    tab_to(page, "input[name=kind]")
    page.keyboard.press("ArrowDown")  # the second choice: a complaint
    tab_to(page, "input[name=child]")
    page.keyboard.press("Space")
    assert page.locator(f"input[name=child][value='{child.id}']").is_checked()
    type_into(page, "#id_about", "Nobody told me the meeting had moved. I waited an hour.")
    tab_to(page, "input[name=reply_by]")
    page.keyboard.press("ArrowDown")  # by email: the email box appears
    type_into(page, "#id_reply_email", "parent@example.org")
    tab_to(page, "button:has-text('Send')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "We have your complaint" in page.inner_text("h1")
    assert f"We will reply by {reply_by:%-d %B %Y}" in page.inner_text("main")
    check_accessibility(page, "complaint sent")
    check_reading(page, "complaint sent", names)
    page.screenshot(path=str(artifacts / "portal-complaint-sent.png"), full_page=True)
    complaint = Complaint.objects.exclude(id__in=already).get()
    assert (complaint.made_by, complaint.child, complaint.reply_email) == (parent.person, child, "parent@example.org")
    page.click("a:has-text('See what you sent us')")
    assert "Nobody told me the meeting had moved" in page.inner_text("main")
    check_accessibility(page, "what you sent us")
    check_reading(page, "what you sent us", names)
    page.context.close()

    # The quality lead sees it in the log, opens it and answers stage 1.
    page = sign_in(browser, live_server.url, quality_lead)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(f"{live_server.url}/complaints/")
    log = page.inner_text("main")
    assert f"Complaint {complaint.id}" in log and f"{reply_by:%-d %b %Y}" in log
    check_accessibility(page, "complaints log")
    page.screenshot(path=str(artifacts / "complaints-log.png"), full_page=True)
    page.click(f"a[href='/complaints/{complaint.id}/']")
    assert "Nobody told me the meeting had moved" in page.inner_text("main")
    check_accessibility(page, "complaint")
    page.click("#respond-submit")  # nothing chosen: refused, and the page says why
    assert "Select the outcome" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "complaint response with errors")
    page.check("input[name=respond-outcome][value=partly_upheld]")
    page.fill("#id_respond-summary", "We are sorry the change of time was not passed on. We will text you.")
    page.fill("#id_respond-learning", "Changes of meeting time are sent to the family by text the same day")
    page.click("#respond-submit")
    assert "Response recorded." in page.inner_text("main")
    check_accessibility(page, "complaint answered")
    page.screenshot(path=str(artifacts / "complaint-answered.png"), full_page=True)
    stage = complaint.stages.get()
    assert (stage.responded_on, stage.outcome, stage.responded_by) == (today, "partly_upheld", quality_lead)
    # The other forms a complaints officer meets pass axe too, with and without problems.
    for path in ("/complaints/new/", "/complaints/new/?kind=compliment"):
        page.goto(f"{live_server.url}{path}")
        check_accessibility(page, path)
        page.click("#form-submit")
        assert page.locator(".govuk-error-summary").is_visible()
        check_accessibility(page, f"{path} with errors")
    page.context.close()

    # The parent reads the answer and can ask for the next step.
    page = sign_in(browser, live_server.url, parent)
    page.goto(f"{live_server.url}/family/my-complaints/")
    mine = page.inner_text("main")
    assert "We agree with some of it." in mine and "We are sorry the change of time" in mine
    check_accessibility(page, "the answer in the portal")
    check_reading(page, "the answer in the portal", names)
    page.click(f"a[href='/family/my-complaints/next-stage/?complaint={complaint.id}']")
    assert f"we will reply by {stage_due(2, today):%-d %B %Y}" in page.inner_text("main")
    check_accessibility(page, "ask for the next step")
    check_reading(page, "ask for the next step", names)
    page.context.close()


@pytest.mark.django_db(transaction=True)
def test_a_complaint_at_the_review_panel_passes_axe(live_server, browser, world):
    """The stage 2 extension and stage 3 panel forms, on the world's quality lead."""
    from datetime import date

    from alongside.complaints import services
    from alongside.complaints.tests.conftest import complaint_input

    actor = world.quality_lead.user
    complaint = services.complaint_record(actor=actor, data=complaint_input(world))
    services.complaint_respond(
        actor=actor, complaint=complaint, responded_on=date(2026, 3, 13), outcome="not_upheld", summary="No"
    )
    services.complaint_escalate(actor=actor, complaint=complaint, requested_on=date(2026, 3, 16))
    page = browser.new_context(viewport={"width": 1100, "height": 900}).new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", actor.username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto(f"{live_server.url}/complaints/{complaint.id}/")
    check_accessibility(page, "stage 2 with its forms")
    page.fill("#id_extend-reason", "")
    page.click("#extend-submit")
    assert "Say why the stage needs longer" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "stage 2 extension refused")
    services.complaint_respond(
        actor=actor, complaint=complaint, responded_on=date(2026, 4, 17), outcome="not_upheld", summary="No"
    )
    services.complaint_escalate(actor=actor, complaint=complaint, requested_on=date(2026, 4, 20))
    page.goto(f"{live_server.url}/complaints/{complaint.id}/")
    assert "Record the review panel" in page.inner_text("main")
    check_accessibility(page, "stage 3 with the panel form")
    page.context.close()
