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


@pytest.mark.django_db(transaction=True)
def test_record_a_visit_and_direct_work_then_correct_it(live_server, browser, artifacts):
    today = timezone.localdate()
    demo_seed(size="small", seed=5, as_of=today)
    worker = DemoLogin.objects.select_related("user").get(role=DemoRole.SOCIAL_WORKER).user
    child = caseload_for(worker.staff, on=today)[0].child

    page = browser.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", worker.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.goto(f"{live_server.url}/people/children/{child.id}/")
    page.click("a:has-text('Record a visit')")
    check_accessibility(page, "record a visit")

    page.fill("#id_occurred_time", "25:99")
    page.click("button:has-text('Add to the story')")
    assert "Enter the time like 14:30" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "record a visit with errors")

    page.fill("#id_occurred_time", "08:00")
    page.fill("#id_summary", "Before-school visit")
    page.check("#id_child_seen_1")
    page.check("#id_child_seen_alone_1")
    page.fill("#id_body", "The kitchen was tidy and there was food for breakfast.")
    page.wait_for_selector("#autosave-status:has-text('Draft saved')", timeout=10_000)
    page.click("button:has-text('Add to the story')")
    assert "Before-school visit" in page.inner_text("main")
    check_accessibility(page, "the story")

    page.click("a:has-text('Open') >> nth=0")
    page.click("a:has-text('Correct this entry')")
    page.fill("#id_body", "The kitchen was tidy; there was cereal but no milk.")
    page.fill("#id_correction_reason", "I wrote it up wrongly: there was no milk.")
    page.click("button:has-text('Add the correction')")
    main = page.inner_text("main")
    assert "there was food for breakfast" in main and "there was cereal but no milk" in main
    assert "I wrote it up wrongly" in main
    page.screenshot(path=str(artifacts / "story-correction.png"), full_page=True)
    check_accessibility(page, "an entry with its correction")
    page.close()
