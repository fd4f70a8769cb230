"""A worker answers the pulse survey by keyboard and cannot answer twice; the quality lead sees the
results with a small group shown as "not shown", then records a course and sees coverage change:
in headless Chromium, every page checked by axe."""

import pytest
from django.utils import timezone

from alongside.demo.models import DemoLogin, DemoRole
from alongside.pulse.models import PulseAnswer, PulseParticipation
from alongside.pulse.selectors import pulse_round_results, pulse_rounds_reported
from alongside.training.models import TrainingCompletion
from alongside.training.selectors import current_staff, training_coverage_by_pod, training_for_staff
from tests.browser.test_demo_sign_ins import check_accessibility
from tests.browser.test_story import demo_page

pytestmark = [pytest.mark.browser]


def press(page, key, *, navigates=False):
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


@pytest.mark.django_db(transaction=True)
def test_a_worker_answers_the_pulse_survey_once_by_keyboard(live_server, browser, artifacts):
    worker, page = demo_page(live_server, browser)
    page.goto(f"{live_server.url}/pulse/")
    assert page.locator("fieldset").count() == 4
    page.screenshot(path=str(artifacts / "pulse-survey.png"), full_page=True)
    check_accessibility(page, "the pulse survey")

    # Each statement is a group of radios: Space chooses the focused one, an arrow key moves to the
    # next and chooses it, Tab moves on to the next statement.
    page.focus("#id_safe_supported_1")
    press(page, "Space")  # strongly agree
    press(page, "Tab")
    press(page, "ArrowDown")  # my caseload is manageable: agree
    press(page, "ArrowDown")  # ... neither agree nor disagree
    press(page, "Tab")
    press(page, "Space")  # supervision helps: strongly agree
    press(page, "Tab")
    press(page, "Space")
    press(page, "ArrowDown")  # time for direct work: agree
    press(page, "Tab")
    page.keyboard.type("The pod meetings help.")
    press(page, "Tab")
    press(page, "Enter", navigates=True)
    assert "You have answered this round, thank you" in page.inner_text("main")
    answer = PulseAnswer.objects.get(round__closes_on__gte=timezone.localdate())
    assert answer.answers == {
        "safe_supported": "strongly_agree",
        "caseload_manageable": "neither",
        "supervision_helps": "strongly_agree",
        "time_for_direct_work": "agree",
    }
    assert answer.free_text == "The pod meetings help." and answer.pod_id == worker.staff.pod_id
    check_accessibility(page, "the pulse thank-you")

    page.goto(f"{live_server.url}/pulse/")
    main = page.inner_text("main")
    assert "You have answered this round, thank you" in main and "The next round opens on" in main
    assert page.locator("fieldset").count() == 0
    assert PulseParticipation.objects.filter(staff=worker.staff, round=answer.round).count() == 1
    page.close()


@pytest.mark.django_db(transaction=True)
def test_the_quality_lead_sees_suppressed_results_and_records_training(live_server, browser, artifacts):
    today = timezone.localdate()
    lead, page = demo_page(live_server, browser, role=DemoRole.QUALITY_LEAD)

    # A round of the demo in which some pod has too few answers to show.
    suppressed = next(
        (round_, group)
        for round_ in pulse_rounds_reported(on=today)
        for group in pulse_round_results(round_, on=today).by_pod
        if not group.shown
    )
    page.goto(f"{live_server.url}/pulse/results/?round={suppressed[0].id}")
    row = page.inner_text(f"table:has(caption:has-text('By pod')) tr:has(th:has-text('{suppressed[1].label}'))")
    assert "not shown" in row.lower() and "%" not in row
    page.screenshot(path=str(artifacts / "pulse-results.png"), full_page=True)
    check_accessibility(page, "pulse results")

    # Someone whose role needs restorative practice and who does not hold it now.
    person = next(
        row.staff
        for row in training_for_staff([s for s in current_staff(on=today) if s.pod_id], on=today)
        for state in row.courses
        if state.course.code == "restorative_practice" and not state.holds
    )
    pod = person.pod.name

    def cell():
        return next(
            c
            for r in training_coverage_by_pod(on=today)
            if r.label == pod
            for c in r.cells
            if c.course.code == "restorative_practice"
        )

    before = cell()
    page.goto(f"{live_server.url}/training/")
    check_accessibility(page, "training with coverage")
    coverage = f"table:has(caption:has-text('By pod')) tr:has(th:has-text('{pod}'))"
    assert f"{before.holding} of {before.needed}" in page.inner_text(coverage)

    with page.expect_navigation():
        page.click("a:has-text('Record training')")
    check_accessibility(page, "choose a course")
    page.check("input[value='restorative_practice']")
    with page.expect_navigation():
        page.click("button:has-text('Continue')")
    with page.expect_navigation():
        page.click("button:has-text('Record the course')")
    assert "Select who completed the course" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "record training with errors")

    page.fill("#id_completed_on_0", str(today.day))
    page.fill("#id_completed_on_1", str(today.month))
    page.fill("#id_completed_on_2", str(today.year))
    page.check(f"input[name='staff'][value='{person.id}']")
    with page.expect_navigation():
        page.click("button:has-text('Record the course')")
    assert "Restorative practice recorded for 1 person." in page.inner_text("main")
    assert f"{before.holding + 1} of {before.needed}" in page.inner_text(coverage)
    assert TrainingCompletion.objects.filter(staff=person, course="restorative_practice", completed_on=today).exists()
    assert cell().holding == before.holding + 1
    page.screenshot(path=str(artifacts / "training-coverage.png"), full_page=True)
    check_accessibility(page, "training after recording")
    assert DemoLogin.objects.get(role=DemoRole.QUALITY_LEAD).user == lead
    page.close()
