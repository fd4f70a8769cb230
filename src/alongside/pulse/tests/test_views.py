"""The survey and results pages: any current staff member answers once a round; practice leads read
results in which a suppressed group never shows a figure."""

import html
import re

from alongside.pulse.models import PulseAnswer, PulseParticipation
from alongside.pulse.selectors import HIDDEN_TO_PROTECT, TOO_FEW
from alongside.pulse.services import ANSWER_THE_STATEMENT
from alongside.pulse.tests.helpers import TODAY, answer_in, answers
from alongside.testing import factories as f

SURVEY, RESULTS = "/pulse/", "/pulse/results/"


def test_the_survey_has_a_fieldset_of_radios_for_each_statement(world, sign_in):
    page = sign_in(world.worker.user).get(SURVEY).content.decode()
    assert page.count('<fieldset class="govuk-fieldset"') == 4
    assert page.count('type="radio"') == 4 * 5
    assert "I feel safe and supported at work." in page and "Anything else you want to tell us" in page


def test_answering_then_coming_back_shows_the_thank_you(world, sign_in):
    client = sign_in(world.worker.user)
    response = client.post(SURVEY, answers() | {"free_text": "Thanks for asking"})
    assert response.status_code == 302 and response["Location"] == SURVEY
    page = client.get(SURVEY).content.decode()
    assert "You have answered this round, thank you" in page and "The next round opens on" in page
    assert PulseAnswer.objects.get().free_text == "Thanks for asking"


def test_a_second_attempt_changes_nothing(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(SURVEY, answers())
    response = client.post(SURVEY, answers(agree=False))
    assert "You have answered this round, thank you" in response.content.decode()
    assert PulseAnswer.objects.get().answers == answers() and PulseParticipation.objects.count() == 1


def test_a_missing_statement_is_shown_as_an_error_and_nothing_is_saved(world, sign_in):
    partial = answers()
    del partial["caseload_manageable"]
    response = sign_in(world.worker.user).post(SURVEY, partial)
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert ANSWER_THE_STATEMENT.format(statement="My caseload is manageable.") in page
    assert not PulseAnswer.objects.exists() and not PulseParticipation.objects.exists()


def test_only_staff_see_the_survey(world, sign_in):
    assert sign_in(world.parent.user).get(SURVEY).status_code == 404
    assert sign_in(world.partner.user).get(SURVEY).status_code == 404


def test_results_are_for_practice_leads_only(world, sign_in):
    assert sign_in(world.quality_lead.user).get(RESULTS).status_code == 200
    assert sign_in(world.manager.user).get(RESULTS).status_code == 200
    assert sign_in(world.worker.user).get(RESULTS).status_code == 404
    assert sign_in(world.parent.user).get(RESULTS).status_code == 404


def _rows(page: str, label: str) -> str:
    """The text of every table row about the group (the round's table and the trend by pod)."""
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, re.S)
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", " ", r)) for r in rows if f">{label}<" in r)


def test_the_results_page_never_shows_a_suppressed_groups_figures(world, sign_in):
    team = f.TeamFactory(name="Riverside")
    answer_in(f.PodFactory(name="Willow pod", team=team), 9)
    # One of four agrees: 25%, a figure no shown group has (the others are 100%, 90%, 69%...).
    answer_in(f.PodFactory(name="Rowan pod", team=team), 4, agreeing=1)
    answer_in(f.PodFactory(name="Ash pod", team=team), 7, agreeing=0, text="We need more time with children")
    page = sign_in(world.quality_lead.user).get(RESULTS).content.decode()
    assert "25%" not in page
    rowan = _rows(page, "Rowan pod")
    assert TOO_FEW.format(smallest=5) in rowan and "Not shown" in rowan
    assert not re.search(r"\d", rowan.replace("Fewer than 5 answers", ""))
    ash = _rows(page, "Ash pod")
    assert HIDDEN_TO_PROTECT in ash and not re.search(r"\d", ash)
    assert "100%" in _rows(page, "Willow pod")
    # Free text for the whole service, with no group beside it.
    assert "We need more time with children" in page
    assert "Ash pod" not in page.split("Anything else people wanted to tell us")[1].split("Trend across rounds")[0]


def test_the_open_round_shows_only_how_many_have_answered(world, sign_in):
    answer_in(f.PodFactory(name="Open pod"), 6, on=TODAY)
    page = sign_in(world.quality_lead.user).get(RESULTS).content.decode()
    assert "has 6 answers so far" in page and "Open pod" not in page


def test_the_results_page_reads_a_fixed_number_of_queries(world, sign_in, django_assert_max_num_queries):
    for _ in range(8):
        answer_in(f.PodFactory(), 5)
    client = sign_in(world.quality_lead.user)
    with django_assert_max_num_queries(20):
        assert client.get(RESULTS).status_code == 200
