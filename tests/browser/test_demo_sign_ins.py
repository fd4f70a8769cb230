"""End to end in headless Chromium: each demo user signs in and lands on their own real data, and
every page they see passes axe-core's WCAG 2.2 AA checks."""

from pathlib import Path

import pytest
from django.utils import timezone

from alongside.access.access import family_children
from alongside.access.backends import DEMO_PASSWORD
from alongside.access.models import RestrictedRecord
from alongside.demo.models import DemoLogin, DemoRole
from alongside.demo.services import demo_seed
from alongside.journey.selectors import la_figures
from alongside.partners.selectors import sharings_in_force
from alongside.portal.selectors import workers_for_children
from alongside.returns.data_quality import data_quality_checks
from alongside.workforce.selectors import caseload_for, pod_members_with_caseloads

pytestmark = [pytest.mark.browser]

AXE = (Path(__file__).parent / "axe.min.js").read_text()
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def expected_on_home(login, today) -> list[str]:
    """What each person's home page must show, read from the database independently of the view."""
    user = login.user
    if login.role == DemoRole.SOCIAL_WORKER:
        return [entry.child.full_name for entry in caseload_for(user.staff, on=today)]
    if login.role == DemoRole.TEAM_MANAGER:
        return [user.staff.pod.name] + [
            row.member.full_name for row in pod_members_with_caseloads(user.staff.pod, on=today)
        ]
    if login.role in (DemoRole.HEAD_OF_SERVICE, DemoRole.QUALITY_LEAD):  # the demo's quality lead is the PSW
        figure = la_figures(on=today, child_population=100)[0]
        return [figure.label, f"{figure.count:,}"]
    if login.role == DemoRole.PARENT:
        rows = workers_for_children(family_children(user), on=today)
        return (
            [f"Hello {user.person.first_name}"]
            + [row.child.first_name for row in rows]
            + [row.worker.full_name for row in rows if row.worker]
        )
    if login.role == DemoRole.YOUNG_PERSON:
        row = workers_for_children([user.person], on=today, you=True)[0]
        return [f"Hello {user.person.first_name}", row.worker.full_name]
    if login.role == DemoRole.SCHOOL_DSL:
        return [user.partner.agency.name] + [
            s.child.full_name for s in sharings_in_force(user.partner.agency, on=today)
        ]
    if login.role == DemoRole.DATA_OFFICER:
        total = sum(check.total for check in data_quality_checks(on=today))
        return ["Data quality for the statutory returns", f"{total} gap"]
    if login.role == DemoRole.DATA_PROTECTION_OFFICER:
        restricted = RestrictedRecord.objects.select_related("child")
        assert restricted.exists(), "the demo restricts some records"
        return ["Subject access request", "Restricted records"] + [record.child.la_id for record in restricted]
    raise AssertionError(login.role)


def check_accessibility(page, name):
    # Evaluated through the DevTools protocol: the page's Content Security Policy rightly blocks an
    # injected inline <script>, and this test must not weaken it.
    page.evaluate(AXE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]]
    assert not problems, f"{name}: {problems}"


@pytest.mark.django_db(transaction=True)
def test_each_demo_user_lands_on_a_home_page_with_their_own_data(live_server, browser, artifacts):
    today = timezone.localdate()
    demo_seed(size="small", seed=5, as_of=today)
    logins = list(DemoLogin.objects.select_related("user"))
    assert {login.role for login in logins} == set(DemoRole.values)
    expectations = {login.role: expected_on_home(login, today) for login in logins}

    for login in logins:
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        assert "/sign-in/" in page.url
        page.fill("#id_username", login.user.username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button:has-text('Sign in')")
        page.wait_for_load_state()
        text = page.inner_text("main")
        for expected in expectations[login.role]:
            assert expected in text, f"{login.role}: {expected!r} missing from home page"
        # The one inline script carries the CSP nonce and runs; GOV.UK Frontend's module loads.
        assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
        page.screenshot(path=str(artifacts / f"home-{login.role}.png"), full_page=True)
        check_accessibility(page, f"home page for {login.role}")
        context.close()


@pytest.mark.django_db(transaction=True)
def test_a_worker_finds_a_child_with_a_misspelt_name_and_opens_their_page(live_server, browser, artifacts):
    today = timezone.localdate()
    demo_seed(size="small", seed=5, as_of=today)
    worker = DemoLogin.objects.select_related("user").get(role=DemoRole.SOCIAL_WORKER).user
    child = caseload_for(worker.staff, on=today)[0].child
    # Misspell the first name the way a phone call might: drop the "h", double a letter.
    misspelt = child.first_name.replace("h", "").replace("n", "nn", 1)

    page = browser.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", worker.username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Sign in')")
    page.click("a:has-text('Find a person')")
    page.click("button:has-text('Search')")  # nothing entered
    assert "Enter a name, date of birth, NHS number or LA ID" in page.inner_text(".govuk-error-summary")
    check_accessibility(page, "search with an error")

    page.fill("#id_name", f"{misspelt} {child.last_name}")
    page.click("button:has-text('Search')")
    page.click(f"a[href='/people/children/{child.id}/']")
    assert page.inner_text("h1") == child.full_name
    main = page.inner_text("main")
    assert "Family network" in main and "Episodes" in main and worker.get_full_name() in main
    page.screenshot(path=str(artifacts / "child-page.png"), full_page=True)
    check_accessibility(page, "child page")
    page.close()


def test_the_accessibility_check_catches_a_real_failure(browser):
    """Guards the guard: a form field with no label must fail the check above."""
    page = browser.new_page()
    page.set_content(
        "<html lang='en'><head><title>t</title></head><body><main><input type='text'></main></body></html>"
    )
    with pytest.raises(AssertionError, match="label"):
        check_accessibility(page, "a page with an unlabelled input")
    page.close()
