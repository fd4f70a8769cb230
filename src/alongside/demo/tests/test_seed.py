import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from alongside.access.backends import DEMO_PASSWORD
from alongside.demo.models import DemoRole
from alongside.demo.services import NOT_EMPTY, SeedError, demo_seed
from alongside.people.models import Person
from alongside.practice_model.models import LocalAuthority
from alongside.returns.data_quality import data_quality_checks
from alongside.workforce.selectors import caseload_for


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        result = demo_seed(size="small", seed=3, as_of=timezone.localdate())
        yield result
        call_command("flush", interactive=False, verbosity=0)


def logins_json():
    out = StringIO()
    call_command("logins", json=True, stdout=out)
    return json.loads(out.getvalue())


def test_logins_lists_one_sign_in_for_every_kind_of_user(seeded, db):
    logins = logins_json()
    assert {login["role"] for login in logins} == set(DemoRole.values)
    for login in logins:
        assert set(login) >= {"role", "username", "password", "home_url"}
        assert login["password"] == DEMO_PASSWORD


def test_every_demo_user_can_sign_in_and_reach_their_home(seeded, db, client):
    for login in logins_json():
        client.logout()
        response = client.post("/sign-in/", {"username": login["username"], "password": login["password"]})
        assert response.status_code == 302, login["role"]
        assert client.get(login["home_url"]).status_code == 200, login["role"]


def test_the_demo_social_worker_has_a_real_caseload(seeded, db, client):
    login = next(item for item in logins_json() if item["role"] == DemoRole.SOCIAL_WORKER)
    client.post("/sign-in/", {"username": login["username"], "password": DEMO_PASSWORD})
    staff = client.get("/").wsgi_request.user.staff
    caseload = caseload_for(staff, on=timezone.localdate())
    assert len(caseload) >= 5
    page = client.get("/").content.decode()
    for entry in caseload:
        assert entry.child.full_name in page


def test_the_demo_has_data_quality_faults_to_find(seeded, db):
    assert sum(check.total for check in data_quality_checks(on=timezone.localdate())) > 0


def test_seeding_a_database_that_holds_a_record_is_refused_and_changes_nothing(seeded, db):
    people = Person.objects.count()
    with pytest.raises(SeedError, match=NOT_EMPTY):
        demo_seed(size="small", seed=4)
    assert Person.objects.count() == people


def test_the_seeded_la_is_marked_as_a_demo(seeded, db):
    local_authority = LocalAuthority.objects.get()
    assert local_authority.is_demo and local_authority.demo_size == "small"
    assert local_authority.practice_model_go_live < timezone.localdate()


def test_the_demo_holds_handovers_family_feedback_and_plan_answers_the_app_can_use(seeded, db):
    from alongside.handovers.models import Handover
    from alongside.handovers.services import visits_since_opened
    from alongside.plans.models import PlanResponse
    from alongside.portal.models import FamilyFeedback

    assert seeded.rows["handovers"] == Handover.objects.count() > 0
    assert seeded.rows["family_feedback"] == FamilyFeedback.objects.count() > 0
    assert seeded.rows["plan_responses"] == PlanResponse.objects.count() > 0
    visited = Handover.objects.filter(joint_visit__isnull=False).select_related("child").order_by("id")[:20]
    for handover in visited:
        assert handover.joint_visit in visits_since_opened(handover)
    feedback = FamilyFeedback.objects.select_related("user", "person").first()
    assert feedback.person.user == feedback.user
    family_accounts = Person.objects.filter(user__username__startswith="family-").select_related("user")
    assert family_accounts and not any(p.user.has_usable_password() for p in family_accounts)
