"""Every page each demo user can reach by following links, in headless Chromium, checked by axe-core
at WCAG 2.2 AA; and every family page read at a reading age of 9 or below.

The crawl starts at each user's home page and follows same-site links. Pages that differ only in
their ids (another child, another entry) are one kind of page, visited once, which keeps the
crawl to a few minutes while still reaching every kind of page a user can open."""

import os
import re
from urllib.parse import urlsplit

import pytest
import textstat
from django.utils import timezone

from alongside.access.backends import DEMO_PASSWORD
from alongside.demo.models import DemoLogin, DemoRole
from alongside.demo.services import demo_seed
from tests.browser.test_demo_sign_ins import check_accessibility

pytestmark = [pytest.mark.browser]

# Links that act rather than show (signing out), download files, or leave the site.
SKIP = re.compile(r"^/(sign-out|static|story/documents)/|/print/$|/export/|/subject-access/.+/download")
MAX_PAGES_PER_USER = 80
# Reading age = Flesch-Kincaid grade + 5 (US school grade 4 is age 9 to 10).
MAX_GRADE_FOR_FAMILIES = 4.0
FAMILY_ROLES = {DemoRole.PARENT, DemoRole.YOUNG_PERSON}


def kind_of_page(path: str) -> str:
    return re.sub(r"/\d+/", "/<id>/", path)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of the page's text. Each line on screen (a heading, a list item, a
    button) is read as its own sentence, as a reader meets it; otherwise a list with no full stops
    would count as one very long sentence."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return textstat.flesch_kincaid_grade(" ".join(line if line[-1] in ".?!" else f"{line}." for line in lines))


def crawl(page, base: str, role: str, artifacts) -> dict[str, str]:
    """Visits each kind of page once; returns {kind of page: problem} for anything that failed."""
    problems, seen, queue = {}, set(), ["/"]
    while queue and len(seen) < MAX_PAGES_PER_USER:
        path = queue.pop(0)
        kind = kind_of_page(urlsplit(path).path)
        if kind in seen:
            continue
        seen.add(kind)
        response = page.goto(base + path)
        if response.status >= 400:
            problems[kind] = f"status {response.status}"
            continue
        try:
            check_accessibility(page, f"{role} {path}")
        except AssertionError as failure:
            problems[kind] = str(failure)
        if role in FAMILY_ROLES:
            text = page.evaluate(INTERFACE_TEXT)
            # People's names are long and rare (their syllables count against them) but they are
            # not words a child has to learn: each is read as a short common name.
            for name in set(re.findall(r"\b[A-Z][a-z]+\b", text)) & NAMES:
                text = text.replace(name, "Sam")
            if os.environ.get("ALONGSIDE_SHOW_READING"):
                print(f"--- {path}\n{text}")  # noqa: T201 - for tuning the words, on request
            grade = reading_grade(text)
            if grade > MAX_GRADE_FOR_FAMILIES:
                problems[kind] = f"reading grade {grade} (age {grade + 5:.0f}) over {MAX_GRADE_FOR_FAMILIES}"
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    safe = role.replace(" ", "-")
    page.screenshot(path=str(artifacts / f"crawl-last-{safe}.png"), full_page=True)
    return problems | ({} if seen else {"/": "nothing visited"})


NAMES: set[str] = set()
# The page's own words: what people wrote (plan goals in the family's words, story entries) is
# marked alongside-their-words and left out, as it is theirs, not the interface's.
INTERFACE_TEXT = """() => {
  const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('.alongside-their-words').forEach((el) => el.remove());
  return main.innerText;
}"""


@pytest.mark.django_db(transaction=True)
def test_every_page_each_demo_user_can_reach_passes_axe(live_server, browser, artifacts):
    from alongside.people.models import Person
    from alongside.workforce.models import StaffMember

    demo_seed(size="small", seed=5, as_of=timezone.localdate())
    NAMES.update(Person.objects.values_list("first_name", flat=True))
    NAMES.update(Person.objects.values_list("last_name", flat=True))
    NAMES.update(StaffMember.objects.values_list("first_name", flat=True))
    NAMES.update(StaffMember.objects.values_list("last_name", flat=True))
    failures = {}
    for login in DemoLogin.objects.select_related("user").order_by("order"):
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/sign-in/")
        check_accessibility(page, "sign in")
        page.fill("#id_username", login.user.username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button:has-text('Sign in')")
        for kind, problem in crawl(page, live_server.url, login.role, artifacts).items():
            failures[f"{login.role} {kind}"] = problem
        context.close()
    assert not failures, "\n".join(f"{page}: {problem}" for page, problem in failures.items())
