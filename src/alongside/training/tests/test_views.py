"""The training pages: everyone sees their own training; practice leads see coverage and record
courses for several people at once, with errors shown and nothing saved."""

from datetime import timedelta

from django.utils import timezone

from alongside.testing import factories as f
from alongside.training.models import TrainingCompletion
from alongside.training.services import ALREADY_RECORDED, IN_THE_FUTURE, NOBODY_CHOSEN, UNKNOWN_COURSE, training_record

HOME, RECORD = "/training/", "/training/record/"
TODAY = timezone.localdate()
LAST_WEEK = TODAY - timedelta(days=7)


def posted(on, *staff, notes=""):
    return {
        "completed_on_0": str(on.day),
        "completed_on_1": str(on.month),
        "completed_on_2": str(on.year),
        "staff": [str(s.id) for s in staff],
        "notes": notes,
    }


def test_a_worker_sees_their_own_training_and_no_coverage(world, sign_in):
    training_record(
        actor=world.quality_lead.user, course_code="restorative_practice", completed_on=LAST_WEEK, staff=[world.worker]
    )
    page = sign_in(world.worker.user).get(HOME).content.decode()
    assert "Restorative practice" in page and "Current" in page and "Not done yet" in page
    assert "Coverage across the service" not in page and "Record training" not in page


def test_a_practice_lead_sees_coverage_and_refreshers(world, sign_in):
    page = sign_in(world.quality_lead.user).get(HOME).content.decode()
    assert "Coverage across the service" in page and "By pod" in page and "By role" in page
    assert "Refreshers needed now" in page and "Refreshers due in the next 60 days" in page


def test_a_team_manager_sees_their_own_pod_first(world, sign_in):
    page = sign_in(world.manager.user).get(HOME).content.decode()
    by_pod = page.split("By pod")[1]
    assert by_pod.index("Oakfield pod") < by_pod.index("Brookside pod") < by_pod.index("Harbour pod")


def test_only_staff_see_the_training_page(world, sign_in):
    assert sign_in(world.parent.user).get(HOME).status_code == 404
    assert sign_in(world.data_officer.user).get(HOME).status_code == 200


def test_only_practice_leads_record(world, sign_in):
    assert sign_in(world.worker.user).get(RECORD).status_code == 404
    assert (
        sign_in(world.worker.user)
        .post(f"{RECORD}?course=restorative_practice", posted(LAST_WEEK, world.worker))
        .status_code
        == 404
    )
    assert sign_in(world.parent.user).get(RECORD).status_code == 404
    assert not TrainingCompletion.objects.exists()


def test_recording_a_course_for_two_people(world, sign_in):
    client = sign_in(world.quality_lead.user)
    form = client.get(f"{RECORD}?course=motivational_interviewing").content.decode()
    assert "Rory Williams, Oakfield pod: not done yet" in form
    assert "Harriet Jones" not in form  # a head of service does not need this course
    response = client.post(
        f"{RECORD}?course=motivational_interviewing", posted(LAST_WEEK, world.worker, world.pod_colleague)
    )
    assert response.status_code == 302 and response["Location"] == HOME
    assert set(TrainingCompletion.objects.values_list("staff", "course", "completed_on")) == {
        (world.worker.id, "motivational_interviewing", LAST_WEEK),
        (world.pod_colleague.id, "motivational_interviewing", LAST_WEEK),
    }
    assert "Motivational interviewing recorded for 2 people." in client.get(HOME).content.decode()


def test_an_unknown_course_is_asked_for_again(world, sign_in):
    page = sign_in(world.quality_lead.user).get(f"{RECORD}?course=knitting").content.decode()
    assert "govuk-error-summary" in page and UNKNOWN_COURSE in page


def test_errors_are_shown_and_nothing_is_saved(world, sign_in):
    client = sign_in(world.quality_lead.user)
    url = f"{RECORD}?course=restorative_practice"
    future = client.post(url, posted(TODAY + timedelta(days=2), world.worker)).content.decode()
    assert "govuk-error-summary" in future and IN_THE_FUTURE in future
    nobody = client.post(url, posted(LAST_WEEK)).content.decode()
    assert NOBODY_CHOSEN in nobody
    assert not TrainingCompletion.objects.exists()
    client.post(url, posted(LAST_WEEK, world.worker))
    again = client.post(url, posted(LAST_WEEK, world.worker, world.pod_colleague)).content.decode()
    message = ALREADY_RECORDED.format(name="Rory Williams", course="Restorative practice", on=LAST_WEEK)
    assert message in again
    assert TrainingCompletion.objects.count() == 1


def test_the_coverage_page_reads_a_fixed_number_of_queries(world, sign_in, django_assert_max_num_queries):
    pod = f.PodFactory()
    people = [f.StaffFactory(pod=pod) for _ in range(10)]
    training_record(
        actor=world.quality_lead.user, course_code="restorative_practice", completed_on=LAST_WEEK, staff=people
    )
    client = sign_in(world.quality_lead.user)
    with django_assert_max_num_queries(15):
        assert client.get(HOME).status_code == 200
