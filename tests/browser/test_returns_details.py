"""A data officer follows a return's error to a child's details for statutory returns, corrects a
code with a reason and sees it in the history: in headless Chromium, every page checked by axe."""

import pytest

from alongside.access.models import RestrictedRecord
from alongside.codes import PrimaryNeed
from alongside.demo.models import DemoRole
from alongside.journey.models import ChildInNeedEpisode
from alongside.people.models import RecordCorrection
from alongside.people.services import REASON_REQUIRED
from tests.browser.test_demo_sign_ins import check_accessibility
from tests.browser.test_story import demo_page

pytestmark = [pytest.mark.browser]

REASON = "CIN census 8610: the assessment found family dysfunction"


@pytest.mark.django_db(transaction=True)
def test_a_data_officer_corrects_a_primary_need_and_sees_the_history(live_server, browser, artifacts):
    officer, page = demo_page(live_server, browser, role=DemoRole.DATA_OFFICER)
    referral = (
        ChildInNeedEpisode.objects.exclude(child__in=RestrictedRecord.objects.values("child"))
        .select_related("child")
        .order_by("-referral_date", "id")
        .first()
    )
    child = referral.child
    was = referral.primary_need
    to = PrimaryNeed.N5 if was != PrimaryNeed.N5 else PrimaryNeed.N4

    page.goto(f"{live_server.url}/people/children/{child.id}/")
    page.click("a:has-text('Details for statutory returns')")
    assert page.inner_text("h1") == "Details for statutory returns"
    check_accessibility(page, "details for statutory returns")

    page.click(f"#referral-{referral.id} a:has-text('Change')")
    assert page.inner_text("h1").startswith("Correct the referral on")
    check_accessibility(page, "correct a referral")

    # Without a reason nothing is saved, and the GOV.UK error summary says what is missing.
    page.select_option("#id_primary_need", to.value)
    page.click("button:has-text('Save the correction')")
    assert REASON_REQUIRED in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "correct a referral with an error")
    page.screenshot(path=str(artifacts / "returns-correction-error.png"), full_page=True)
    assert not RecordCorrection.objects.exists()

    page.select_option("#id_primary_need", to.value)
    page.fill("#id_reason", REASON)
    page.click("button:has-text('Save the correction')")
    page.wait_for_url(f"**/details-for-returns/#referral-{referral.id}")
    assert "primary need corrected" in page.inner_text(".govuk-notification-banner")
    history = page.inner_text("table:has(th:has-text('Why'))")
    assert f"{to.value} {to.label}" in history
    assert REASON in history
    assert officer.get_full_name() in history
    referral.refresh_from_db()
    assert referral.primary_need == to.value
    check_accessibility(page, "details for statutory returns after a correction")
    page.screenshot(path=str(artifacts / "returns-details-corrected.png"), full_page=True)
