from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404

from alongside.access.access import NeedsReason
from alongside.access.models import AuditEntry, AuditEvent
from alongside.journey.models import (
    Assessment,
    CareEpisode,
    ChildInNeedEpisode,
    ChildProtectionPlan,
    LookedAfterChild,
    LookedAfterHealth,
)
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.people.access import access_correction_target, access_returns_correction, may_correct_returns_details
from alongside.people.identifiers import UPN_INVALID
from alongside.people.models import RecordCorrection
from alongside.people.returns_details import CONSTRAINT_WORDS, CORRECTABLE, details_for_returns
from alongside.people.services import NOT_A_CODE, NOT_THIS_CHILD, REASON_REQUIRED, SELECT, correct_record
from alongside.practice_model.config import DEFAULT_PATH

REASON = "CIN census 8610: no primary need; the assessment found abuse or neglect"


@pytest.fixture
def referral(world):
    """Amy's referral, with the gap the census validator reports: no primary need."""
    ChildInNeedEpisode.objects.filter(child=world.child).update(primary_need="")
    return ChildInNeedEpisode.objects.get(child=world.child)


def corrections_and_audit():
    return RecordCorrection.objects.count(), AuditEntry.objects.filter(event=AuditEvent.RECORD_CORRECTED).count()


# The service.


def test_it_changes_the_value_and_keeps_the_old_one_with_who_and_why(world, referral):
    made = correct_record(
        by=world.data_officer.user, child=world.child, target=referral, changes={"primary_need": "N1"}, reason=REASON
    )
    referral.refresh_from_db()
    assert referral.primary_need == "N1"
    correction = RecordCorrection.objects.get()
    assert made == [correction]
    assert (correction.child, correction.content_type, correction.object_id) == (
        world.child,
        ContentType.objects.get_for_model(ChildInNeedEpisode),
        referral.id,
    )
    assert (correction.field_name, correction.old_value, correction.new_value) == ("primary_need", "", "N1")
    assert (correction.reason, correction.by) == (REASON, world.data_officer.user)
    audit = AuditEntry.objects.get(event=AuditEvent.RECORD_CORRECTED)
    assert (audit.actor, audit.person, audit.reason) == (world.data_officer.user, world.child, REASON)
    assert audit.detail == {
        "kind": "referral",
        "object_id": referral.id,
        "changes": {"primary_need": {"from": "", "to": "N1"}},
    }


def test_one_correction_per_changed_field_and_none_for_the_unchanged(world, referral):
    changes = {
        "referral_date": date(2025, 2, 3),  # as it was
        "referral_source": "5A",  # was 6
        "primary_need": "N4",  # was blank
        "referral_nfa": False,  # as it was
        "closure_date": None,
        "closure_reason": "",
    }
    correct_record(by=world.worker.user, child=world.child, target=referral, changes=changes, reason=REASON)
    assert sorted(RecordCorrection.objects.values_list("field_name", "old_value", "new_value")) == [
        ("primary_need", "", "N4"),
        ("referral_source", "6", "5A"),
    ]
    assert AuditEntry.objects.filter(event=AuditEvent.RECORD_CORRECTED).count() == 1


def test_a_code_not_in_the_dfe_list_is_refused_and_nothing_changes(world, referral):
    with pytest.raises(FormProblems) as refused:
        correct_record(
            by=world.data_officer.user,
            child=world.child,
            target=referral,
            changes={"primary_need": "N99", "referral_source": "5A"},
            reason=REASON,
        )
    assert refused.value.problems == {"primary_need": NOT_A_CODE.format(label="Primary need")}
    assert (referral.primary_need, referral.referral_source) == ("", "6"), "the caller's object is left as it was"
    referral.refresh_from_db()
    assert (referral.primary_need, referral.referral_source) == ("", "6")
    assert corrections_and_audit() == (0, 0)


def test_a_correction_without_a_reason_is_refused(world, referral):
    with pytest.raises(FormProblems) as refused:
        correct_record(
            by=world.data_officer.user, child=world.child, target=referral, changes={"primary_need": "N1"}, reason="  "
        )
    assert refused.value.problems == {"reason": REASON_REQUIRED}
    referral.refresh_from_db()
    assert referral.primary_need == ""
    assert corrections_and_audit() == (0, 0)


def test_an_unchanged_answer_writes_nothing(world, referral):
    made = correct_record(
        by=world.data_officer.user,
        child=world.child,
        target=referral,
        changes={"primary_need": "", "referral_source": "6"},
        reason=REASON,
    )
    assert made == []
    assert corrections_and_audit() == (0, 0)


def test_a_bad_upn_is_refused_in_the_models_own_words(world):
    with pytest.raises(FormProblems) as refused:
        correct_record(
            by=world.data_officer.user, child=world.child, target=world.child, changes={"upn": "NOTAUPN"}, reason=REASON
        )
    assert refused.value.problems == {"upn": UPN_INVALID}
    world.child.refresh_from_db()
    assert world.child.upn == ""


def test_disabilities_are_kept_in_the_code_lists_order(world):
    correct_record(
        by=world.worker.user,
        child=world.child,
        target=world.child,
        changes={"disabilities": ["HEAR", "MOB"]},
        reason="Seen by the audiologist",
    )
    world.child.refresh_from_db()
    assert world.child.disabilities == ["MOB", "HEAR"]
    assert RecordCorrection.objects.get().old_value == ["NONE"]
    # The same codes ticked in another order are no change.
    assert (
        correct_record(
            by=world.worker.user,
            child=world.child,
            target=world.child,
            changes={"disabilities": ["HEAR", "MOB"]},
            reason="x",
        )
        == []
    )


def test_a_blank_required_code_is_asked_for(world, referral):
    with pytest.raises(FormProblems) as refused:
        correct_record(
            by=world.worker.user, child=world.child, target=referral, changes={"referral_source": ""}, reason=REASON
        )
    assert refused.value.problems == {"referral_source": SELECT.format(label="referral source")}


def test_a_closure_date_without_its_reason_is_refused_in_plain_words(world, referral):
    with pytest.raises(FormProblems) as refused:
        correct_record(
            by=world.worker.user,
            child=world.child,
            target=referral,
            changes={"closure_date": date(2025, 6, 1)},
            reason=REASON,
        )
    assert refused.value.problems == {"__all__": CONSTRAINT_WORDS["cin_closure_date_and_reason_together"]}
    assert corrections_and_audit() == (0, 0)


def test_another_childs_episode_is_refused(world):
    other = ChildInNeedEpisode.objects.get(child=world.sibling)
    with pytest.raises(ApplicationError, match=NOT_THIS_CHILD.format(name="Amy")):
        correct_record(
            by=world.worker.user, child=world.child, target=other, changes={"primary_need": "N2"}, reason=REASON
        )
    assert corrections_and_audit() == (0, 0)


def test_a_correction_is_never_changed_or_deleted(world, referral):
    [correction] = correct_record(
        by=world.worker.user, child=world.child, target=referral, changes={"primary_need": "N1"}, reason=REASON
    )
    correction.reason = "Something else"
    with pytest.raises(PermissionError):
        correction.save()
    with pytest.raises(PermissionError):
        correction.delete()
    with pytest.raises(PermissionError):
        RecordCorrection.objects.update(reason="x")
    with pytest.raises(PermissionError):
        RecordCorrection.objects.all().delete()


# Who may correct.


@pytest.mark.parametrize(
    "who,may",
    [
        ("worker", True),  # the child's worker
        ("manager", True),  # the worker's manager
        ("head_of_service", True),  # further up the manager line
        ("data_officer", True),  # prepares the returns
        ("pod_colleague", False),  # may see, covers for the worker, does not answer for the record
        ("team_colleague", False),
        ("quality_lead", False),
        ("protection_officer", False),
    ],
)
def test_who_may_correct_a_childs_details(world, who, may):
    user = getattr(world, who).user
    assert may_correct_returns_details(user, world.child) is may
    if may:
        assert access_returns_correction(user, world.child.id) == world.child
    else:
        with pytest.raises(PermissionDenied):
            access_returns_correction(user, world.child.id)


def test_staff_who_would_need_a_reason_are_refused_not_asked(world):
    with pytest.raises(PermissionDenied):
        access_returns_correction(world.other_team_worker.user, world.child.id)


def test_a_data_officer_outside_the_service_wide_roles_states_a_reason_first(world, settings, tmp_path):
    path = tmp_path / "model.yaml"
    shipped = "service_wide_roles: [data_officer, "
    assert shipped in DEFAULT_PATH.read_text()
    path.write_text(DEFAULT_PATH.read_text().replace(shipped, "service_wide_roles: ["))
    settings.ALONGSIDE_OPERATING_MODEL = str(path)
    with pytest.raises(NeedsReason):
        access_returns_correction(world.data_officer.user, world.child.id)


@pytest.mark.parametrize("who", ["parent", "partner", "leaver"])
def test_people_who_are_not_current_staff_find_nothing(world, who):
    with pytest.raises(Http404):
        access_returns_correction(getattr(world, who).user, world.child.id)


def test_a_restricted_record_is_not_found_by_a_data_officer_who_is_not_named(world):
    with pytest.raises(Http404):
        access_returns_correction(world.data_officer.user, world.restricted_child.id)


def test_an_object_of_another_child_or_an_unknown_kind_is_not_found(world):
    sibling_referral = ChildInNeedEpisode.objects.get(child=world.sibling)
    with pytest.raises(Http404):
        access_correction_target(world.worker.user, world.child.id, "referral", sibling_referral.id)
    with pytest.raises(Http404):
        access_correction_target(world.worker.user, world.child.id, "story", world.child.id)
    found = access_correction_target(world.worker.user, world.sibling.id, "referral", sibling_referral.id)
    assert found.obj == sibling_referral


# The page and its forms.


def page_url(child):
    return f"/people/children/{child.id}/details-for-returns/"


def form_url(child, kind, obj):
    return f"{page_url(child)}{kind}/{obj.id}/"


def test_the_page_shows_the_codes_the_returns_read_with_change_links(world, referral, sign_in):
    plan = ChildProtectionPlan.objects.get(episode=referral)
    response = sign_in(world.data_officer.user).get(page_url(world.child))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Details for statutory returns" in html
    assert "6 Police" in html  # referral source, code and label
    assert "NEG Neglect" in html  # the child protection plan's category
    assert "WBRI White British" in html
    assert f'href="{form_url(world.child, "referral", referral)}"' in html
    assert f'href="{form_url(world.child, "child-protection-plan", plan)}"' in html
    assert "No one has corrected these details here yet." in html
    audit = AuditEntry.objects.get(event=AuditEvent.CHILD_VIEWED, actor=world.data_officer.user)
    assert audit.detail["page"] == "details_for_returns"


def test_colleagues_who_may_not_correct_see_the_page_without_change_links(world, referral, sign_in):
    client = sign_in(world.pod_colleague.user)
    html = client.get(page_url(world.child)).content.decode()
    assert "NEG Neglect" in html
    assert "details-for-returns/referral/" not in html
    assert client.get(form_url(world.child, "referral", referral)).status_code == 403


def test_an_outsider_is_not_found(world, sign_in):
    client = sign_in(world.parent.user)
    assert client.get(page_url(world.child)).status_code == 404
    assert client.get(form_url(world.child, "child", world.child)).status_code == 404


def test_the_page_reads_each_kind_in_one_query(world, referral, django_assert_max_num_queries):
    for _ in range(3):
        ChildProtectionPlan.objects.create(
            episode=referral, started_on=date(2025, 4, 1), initial_category="PHY", latest_category="PHY"
        )
    with django_assert_max_num_queries(len(CORRECTABLE)):
        sections = details_for_returns(world.child)
    assert [len(s.cards) for s in sections] == [1, 1, 0, 4, 0, 0, 0]


def form_data(referral, **changes):
    data = {
        "referral_date_0": referral.referral_date.day,
        "referral_date_1": referral.referral_date.month,
        "referral_date_2": referral.referral_date.year,
        "referral_source": referral.referral_source,
        "primary_need": referral.primary_need,
        "referral_nfa": str(referral.referral_nfa),
        "closure_reason": referral.closure_reason,
        "reason": "",
    }
    data.update(changes)
    return data


def test_a_data_officer_corrects_a_code_and_sees_it_in_the_history(world, referral, sign_in):
    client = sign_in(world.data_officer.user)
    form = client.get(form_url(world.child, "referral", referral))
    assert form.status_code == 200
    assert "Correct the referral on 3 February 2025" in form.content.decode()
    assert "N1 Abuse or neglect" in form.content.decode()

    response = client.post(
        form_url(world.child, "referral", referral), form_data(referral, primary_need="N1", reason=REASON)
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(world.child)}#referral-{referral.id}"
    referral.refresh_from_db()
    assert referral.primary_need == "N1"

    page = client.get(response["Location"]).content.decode()
    assert "The referral on 3 February 2025: primary need corrected." in page
    assert "Changes to this record" in page
    assert "The referral on 3 February 2025</a>: Primary need" in page
    assert "N1 Abuse or neglect" in page
    assert REASON in page
    assert "Wilfred Mott" in page


def test_a_correction_without_a_reason_shows_the_error_summary_and_saves_nothing(world, referral, sign_in):
    client = sign_in(world.worker.user)
    response = client.post(form_url(world.child, "referral", referral), form_data(referral, primary_need="N1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert REASON_REQUIRED in html
    referral.refresh_from_db()
    assert referral.primary_need == ""
    assert corrections_and_audit() == (0, 0)


def test_a_half_filled_date_is_refused_not_emptied(world, referral, sign_in):
    client = sign_in(world.worker.user)
    response = client.post(
        form_url(world.child, "referral", referral), form_data(referral, referral_date_2="", reason=REASON)
    )
    assert response.status_code == 200
    assert "Enter the year" in response.content.decode()
    referral.refresh_from_db()
    assert referral.referral_date == date(2025, 2, 3)
    assert corrections_and_audit() == (0, 0)


def test_the_childs_page_links_here_only_for_those_who_may_correct(world, sign_in):
    link = page_url(world.child)
    assert link in sign_in(world.worker.user).get(f"/people/children/{world.child.id}/").content.decode()
    assert link not in sign_in(world.pod_colleague.user).get(f"/people/children/{world.child.id}/").content.decode()


def test_each_kinds_form_opens_with_the_current_codes(world, referral, sign_in):
    assessment = Assessment.objects.create(episode=referral, started_on=date(2025, 2, 4), factors=["3B", "4B"])
    episode = CareEpisode.objects.create(
        child=world.child,
        started_on=date(2025, 6, 1),
        new_episode_reason="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
    )
    plan = ChildProtectionPlan.objects.get(episode=referral)
    details = LookedAfterChild.objects.create(child=world.child, previous_permanence="Z1")
    health = LookedAfterHealth.objects.create(child=world.child, year=2026, sdq_reason="SDQ2")
    client = sign_in(world.manager.user)
    shown = {
        ("child", world.child): "WBRI White British",
        ("referral", referral): "6 Police",
        ("assessment", assessment): "3B Domestic abuse: parent or carer",
        ("child-protection-plan", plan): "NEG Neglect",
        ("care-episode", episode): "U4 Fostered with other foster carer: long-term",
        ("looked-after", details): "Z1 ",
        ("health", health): "SDQ2 ",
    }
    assert {kind for kind, _ in shown} == set(CORRECTABLE)
    for (kind, obj), text in shown.items():
        response = client.get(form_url(world.child, kind, obj))
        assert response.status_code == 200, kind
        assert text in response.content.decode(), kind
    page = client.get(page_url(world.child)).content.decode()
    assert f'id="assessment-{assessment.id}"' in page
    assert "4B Mental health: parent or carer" in page


def test_the_childs_own_details_with_ticked_disabilities(world, sign_in):
    client = sign_in(world.worker.user)
    response = client.post(
        form_url(world.child, "child", world.child),
        {
            "upn_unknown": "",
            "date_of_birth_0": "4",
            "date_of_birth_1": "3",
            "date_of_birth_2": "2016",
            "sex": "F",
            "ethnicity": "WBRI",
            "disabilities": ["HEAR", "COMM"],
            "upn": "",
            "reason": "The hearing assessment came back",
        },
    )
    assert response.status_code == 302
    world.child.refresh_from_db()
    assert world.child.disabilities == ["COMM", "HEAR"]
    assert list(RecordCorrection.objects.values_list("field_name", "old_value", "new_value")) == [
        ("disabilities", ["NONE"], ["COMM", "HEAR"])
    ]
    page = client.get(page_url(world.child)).content.decode()
    assert "COMM Communication, HEAR Hearing" in page
