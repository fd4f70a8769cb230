import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from alongside.access.models import AuditEntry, AuditEvent
from alongside.assessments import services as a
from alongside.assessments.models import AssessmentStatus, ChildAssessment
from alongside.lib.errors import ApplicationError
from alongside.story import services as story
from alongside.testing.factories import ChildInNeedEpisodeFactory, PersonFactory

WORKER_SCORE = [{"role": "worker", "who": "Rory Williams", "score": 4, "meaning": "Some safety, not enough yet"}]
COMPLETE = {
    "worries_future_danger": "Amy may be hurt when Dad drinks",
    "needs_to_happen": "A safety plan",
    "child_view": "I feel safe at Nan's",
    "factors": ["1B", "3B"],
    "decision": "cin",
}


def started(world):
    return a.assessment_start(actor=world.worker.user, child=world.child)


def test_an_assessment_starts_from_what_the_record_already_holds(world):
    network = world.child.memberships.get().network
    story.story_entry_finalise(
        actor=world.worker.user,
        network=network,
        data=story.EntryInput(
            kind="direct_work",
            occurred_at=timezone.now() - timedelta(days=3),
            about_ids=[world.child.id],
            summary="Three houses",
            direct_work_tool="three_houses",
            child_words="My worry house has shouting in it",
        ),
    )
    story.story_entry_finalise(
        actor=world.worker.user,
        network=network,
        data=story.EntryInput(
            kind="case_note",
            occurred_at=timezone.now() - timedelta(days=30),
            about_ids=[world.child.id],
            summary="Police called to the home",
            significant=True,
        ),
    )
    assessment = started(world)
    assert "Tabetha Pond, mother, lives with them" in assessment.what_we_know
    assert "Police called to the home" in assessment.what_we_know
    assert "\u201cMy worry house has shouting in it\u201d" in assessment.what_we_know
    assert assessment.dfe.episode.child == world.child and assessment.dfe.authorised_on is None
    assert started(world) == assessment, "starting again opens the same assessment"


def test_there_is_no_assessment_without_an_open_referral(world):
    child = PersonFactory()
    with pytest.raises(ApplicationError, match=a.NO_OPEN_REFERRAL):
        a.assessment_start(actor=world.worker.user, child=child)
    ChildInNeedEpisodeFactory(
        child=child, referral_date=timezone.localdate(), closure_date=timezone.localdate(), closure_reason="RC8"
    )
    with pytest.raises(ApplicationError, match=a.NO_OPEN_REFERRAL):
        a.assessment_start(actor=world.worker.user, child=child)


def test_it_cannot_be_completed_without_the_childs_view(world):
    assessment = a.assessment_save(
        actor=world.worker.user,
        assessment=started(world),
        data={**COMPLETE, "child_view": ""},
        scores=WORKER_SCORE,
        expected_version=1,
    )
    with pytest.raises(a.AssessmentInvalid) as refused:
        a.assessment_complete(actor=world.worker.user, assessment=assessment)
    assert refused.value.problems == {"child_view": a.CHILD_VIEW_NEEDED}
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS


def test_a_reason_the_childs_view_could_not_be_gained_is_enough(world):
    data = {**COMPLETE, "child_view": "", "child_view_not_gained": "Mels is 4 months old; I observed him with Mum"}
    assessment = a.assessment_save(
        actor=world.worker.user, assessment=started(world), data=data, scores=WORKER_SCORE, expected_version=1
    )
    assert a.assessment_complete(actor=world.worker.user, assessment=assessment).status == AssessmentStatus.SUBMITTED


@pytest.mark.parametrize(
    "changes,scores,field,message",
    [
        ({"factors": []}, WORKER_SCORE, "factors", a.FACTORS_NEEDED),
        ({"decision": ""}, WORKER_SCORE, "decision", a.DECISION_NEEDED),
        ({}, [], "scores", a.WORKER_SCORE_NEEDED),
    ],
)
def test_completion_needs_factors_a_decision_and_the_workers_score(world, changes, scores, field, message):
    assessment = a.assessment_save(
        actor=world.worker.user,
        assessment=started(world),
        data={**COMPLETE, **changes},
        scores=scores,
        expected_version=1,
    )
    with pytest.raises(a.AssessmentInvalid) as refused:
        a.assessment_complete(actor=world.worker.user, assessment=assessment)
    assert refused.value.problems[field] == message


@pytest.mark.parametrize(
    "scores,message",
    [
        ([{"role": "child", "who": "Amy", "score": 11, "meaning": "x"}], a.SCORE_RANGE),
        ([{"role": "parent", "who": "Tabetha", "score": 6, "meaning": " "}], a.MEANING_NEEDED),
    ],
)
def test_scaling_is_0_to_10_with_what_it_means(world, scores, message):
    with pytest.raises(a.AssessmentInvalid, match=re.escape(message)):
        a.assessment_save(
            actor=world.worker.user, assessment=started(world), data=COMPLETE, scores=scores, expected_version=1
        )


def test_no_factors_identified_stands_alone(world):
    with pytest.raises(a.AssessmentInvalid, match=a.NO_FACTORS_ALONE):
        a.assessment_save(
            actor=world.worker.user,
            assessment=started(world),
            data={**COMPLETE, "factors": ["21", "1B"]},
            scores=WORKER_SCORE,
            expected_version=1,
        )


def test_a_save_from_an_old_copy_is_refused(world):
    assessment = started(world)
    a.assessment_save(
        actor=world.worker.user, assessment=assessment, data=COMPLETE, scores=WORKER_SCORE, expected_version=1
    )
    with pytest.raises(ApplicationError, match="saved somewhere else"):
        a.assessment_save(
            actor=world.worker.user,
            assessment=assessment,
            data={**COMPLETE, "needs_to_happen": "x"},
            scores=WORKER_SCORE,
            expected_version=1,
        )
    assert ChildAssessment.objects.get().needs_to_happen == "A safety plan"


def test_the_managers_sign_off_authorises_the_dfe_assessment(world):
    assessment = a.assessment_save(
        actor=world.worker.user, assessment=started(world), data=COMPLETE, scores=WORKER_SCORE, expected_version=1
    )
    a.assessment_complete(actor=world.worker.user, assessment=assessment)
    with pytest.raises(ApplicationError, match=a.NOT_THEIR_MANAGER):
        a.assessment_sign_off(actor=world.pod_colleague.user, assessment=assessment)
    a.assessment_sign_off(actor=world.manager.user, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF and assessment.signed_off_by == world.manager.user
    assert assessment.dfe.authorised_on == timezone.localdate() and assessment.dfe.factors == ["1B", "3B"]
    assert AuditEntry.objects.filter(event=AuditEvent.ASSESSMENT_SIGNED_OFF, person=world.child).exists()
    with pytest.raises(ApplicationError, match=a.NOT_IN_PROGRESS):
        a.assessment_save(
            actor=world.worker.user, assessment=assessment, data=COMPLETE, scores=WORKER_SCORE, expected_version=None
        )


def test_the_worker_writes_and_completes_it_through_the_page(world, sign_in):
    client = sign_in(world.worker.user)
    url = f"/people/children/{world.child.id}/assessment/"
    assert "Start an assessment" in client.get(url).content.decode()
    client.post(url, {"action": "start"})
    form = {
        "version": "1",
        "scores-TOTAL_FORMS": "2",
        "scores-INITIAL_FORMS": "0",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "12",
        "scores-0-role": "worker",
        "scores-0-who": "Rory",
        "scores-0-score": "4",
        "scores-0-meaning": "Getting there",
        "scores-1-role": "child",
        "scores-1-who": "Amy",
        "scores-1-score": "",
        "scores-1-meaning": "",
        "needs_to_happen": "A safety plan",
        "factors": ["3B"],
        "decision": "cin",
        "action": "complete",
    }
    refused = client.post(url, form)
    assert escape(a.CHILD_VIEW_NEEDED) in refused.content.decode()
    assert ChildAssessment.objects.get().status == AssessmentStatus.IN_PROGRESS
    client.post(url, {**form, "version": "2", "child_view": "I want Dad to stop shouting"})
    assert ChildAssessment.objects.get().status == AssessmentStatus.SUBMITTED
    manager = sign_in(world.manager.user)
    assessment = ChildAssessment.objects.get()
    assert manager.post(f"/assessments/{assessment.id}/sign-off/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED_OFF


def test_autosave_keeps_the_workers_text_and_refuses_a_stale_tab(world, sign_in):
    client = sign_in(world.worker.user)
    client.post(f"/people/children/{world.child.id}/assessment/", {"action": "start"})
    url = f"/people/children/{world.child.id}/assessment/autosave/"
    form = {
        "version": "1",
        "scores-TOTAL_FORMS": "0",
        "scores-INITIAL_FORMS": "0",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "12",
        "worries_future_danger": "Dad's drinking when he has the children",
    }
    saved = client.post(url, form).content.decode()
    assert "Saved at" in saved and 'id="assessment-version" value="2"' in saved
    assessment = ChildAssessment.objects.get()
    assert (assessment.version, assessment.worries_future_danger) == (2, "Dad's drinking when he has the children")

    stale = client.post(url, {**form, "worries_future_danger": "From the old tab"}).content.decode()
    assert "Not saved yet" in stale and escape(a.CHANGED_ELSEWHERE) in stale
    assessment.refresh_from_db()
    assert assessment.worries_future_danger == "Dad's drinking when he has the children"

    colleague = sign_in(world.pod_colleague.user).post(url, {**form, "version": "2", "worries_future_danger": "x"})
    assert "Nothing to save here" in colleague.content.decode()
    assessment.refresh_from_db()
    assert (assessment.version, assessment.worries_future_danger) == (2, "Dad's drinking when he has the children")
