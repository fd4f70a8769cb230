"""A team manager records an observation of a worker's visit by keyboard, the worker responds, and
the manager sees the count for the worker go up: in headless Chromium, every page checked by axe."""

import pytest
from django.utils import timezone

from alongside.access.backends import DEMO_PASSWORD
from alongside.demo.models import DemoLogin, DemoRole
from alongside.observations.models import Observation, ObservationResponse
from alongside.observations.selectors import observation_counts_for_pod
from alongside.observations.services import CONSENT_NEEDED
from alongside.practice_model.config import operating_model
from tests.browser.test_demo_sign_ins import check_accessibility
from tests.browser.test_story import demo_page

pytestmark = [pytest.mark.browser]


def sign_in(browser, live_server, user):
    page = browser.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    return page


def type_into(page, selector, text):
    page.focus(selector)
    page.keyboard.type(text)


def choose(page, selector):
    """Selects a radio button from the keyboard: focus it, then Space."""
    page.focus(selector)
    page.keyboard.press("Space")


def press_enter_on(page, selector):
    """Follows a link or presses a button from the keyboard, and waits for the next page."""
    page.focus(selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def submit(page, label):
    press_enter_on(page, f"button:has-text('{label}')")


def row_for(page, name) -> str:
    return page.inner_text(f"tr:has(th:has-text('{name}'))")


@pytest.mark.django_db(transaction=True)
def test_a_manager_observes_the_worker_who_responds_and_the_count_goes_up(live_server, browser, artifacts):
    today = timezone.localdate()
    manager_user, page = demo_page(live_server, browser, role=DemoRole.TEAM_MANAGER)
    worker = DemoLogin.objects.select_related("user__staff").get(role=DemoRole.SOCIAL_WORKER).user.staff
    assert worker.manager_id == manager_user.staff.id, "the demo worker is managed by the demo manager"
    before = next(r for r in observation_counts_for_pod(worker.pod, on=today) if r.worker == worker)
    observations_before = Observation.objects.count()

    page.goto(f"{live_server.url}/observations/")
    assert worker.full_name in row_for(page, worker.full_name)
    check_accessibility(page, "observations home for the manager")
    press_enter_on(page, "a:has-text('Record an observation')")
    check_accessibility(page, "choose the worker")
    page.focus("#id_worker")
    page.select_option("#id_worker", str(worker.id))
    submit(page, "Continue")
    check_accessibility(page, "choose the child")
    choose(page, "#id_child_1")
    submit(page, "Continue")
    check_accessibility(page, "the observation form")

    # Without the family's agreement nothing is recorded.
    submit(page, "Record the observation")
    assert CONSENT_NEEDED in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "the observation form with errors")
    assert Observation.objects.count() == observations_before

    for part, value in zip(("0", "1", "2"), (today.day, today.month, today.year), strict=True):
        type_into(page, f"#id_observed_on_{part}", str(value))
        type_into(page, f"#id_consent_on_{part}", str(value))
    choose(page, "#id_practice_1")  # a home visit
    choose(page, "#id_consent_by_1")
    choose(page, "#id_consent_how_1")  # verbally
    for code, _ in operating_model().quality.observation_prompts:
        type_into(page, f"#id_feedback_{code}", f"Observed well: {code.replace('_', ' ')}.")
    type_into(page, "#id_went_well", "You let the children lead the conversation.")
    type_into(page, "#id_even_better_if", "Even better if the plan's next steps had dates.")
    submit(page, "Record the observation")
    assert "Observation of" in page.inner_text(".govuk-notification-banner")
    assert "You let the children lead the conversation." in page.inner_text("main")
    check_accessibility(page, "the observation, for the observer")
    observation = Observation.objects.get(worker=worker, observer=manager_user.staff, went_well__startswith="You let")

    worker_page = sign_in(browser, live_server, worker.user)
    worker_page.goto(f"{live_server.url}/observations/")
    check_accessibility(worker_page, "observations home for the worker")
    press_enter_on(worker_page, f"a[href='/observations/{observation.id}/#response']")
    check_accessibility(worker_page, "the observation, for the worker")
    type_into(worker_page, "#id_text", "Thank you. I will put dates on the next steps with the family.")
    submit(worker_page, "Send my response")
    assert "I will put dates on the next steps" in worker_page.inner_text("main")
    assert "Send my response" not in worker_page.inner_text("main")
    check_accessibility(worker_page, "the observation with the response")
    assert ObservationResponse.objects.get(observation=observation).text.startswith("Thank you.")
    worker_page.close()

    page.goto(f"{live_server.url}/observations/")
    row = row_for(page, worker.full_name)
    assert str(before.in_last_12_months + 1) in row and today.strftime("%-d %b %Y") in row
    page.screenshot(path=str(artifacts / "observations-pod.png"), full_page=True)
    page.close()
