"""Answering the pulse survey: one answer per person per round, every statement answered, and the
answer row never linked to the person."""

import re
from datetime import date, timedelta

import pytest
from django.db import models

from alongside.access.models import AuditEntry, AuditEvent
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.practice_model.config import operating_model
from alongside.pulse.models import AgreeScale, PulseAnswer, PulseParticipation, PulseRound, RoleGroup
from alongside.pulse.services import (
    ALREADY_ANSWERED,
    ANSWER_THE_STATEMENT,
    NOT_STAFF,
    pulse_answer,
    pulse_round_current,
    round_period,
)
from alongside.pulse.tests.helpers import TODAY, answers


@pytest.mark.parametrize(
    "on,opens,closes",
    [
        (date(2026, 2, 15), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 12, 31), date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_rounds_are_the_calendar_quarters(on, opens, closes):
    assert operating_model().pulse_survey.every_months == 3
    assert round_period(on, 3) == (opens, closes)


def test_a_round_is_made_when_first_needed_with_the_configs_statements(db):
    round_ = pulse_round_current(date(2026, 2, 15))
    assert (round_.opens_on, round_.closes_on) == (date(2026, 1, 1), date(2026, 3, 31))
    assert round_.statement_pairs == list(operating_model().pulse_survey.statements)
    assert pulse_round_current(date(2026, 3, 31)) == round_
    assert PulseRound.objects.count() == 1


def test_an_existing_rounds_questions_are_not_rewritten(db):
    round_ = pulse_round_current(date(2026, 2, 15))
    # As if the operating model said something else when this round was made.
    round_.statements = [{"code": "safe_supported", "statement": "I feel safe at work."}]
    round_.save()
    assert pulse_round_current(date(2026, 3, 1)).statement_pairs == [("safe_supported", "I feel safe at work.")]


def test_the_answer_is_kept_apart_from_who_answered(world):
    answer = pulse_answer(actor=world.worker.user, answers=answers(), free_text="  More time please  ")
    answer.refresh_from_db()
    assert answer.pod == world.worker.pod and answer.team == world.worker.pod.team
    assert answer.role_group == RoleGroup.SOCIAL_WORKERS
    assert answer.answers["safe_supported"] == AgreeScale.AGREE and answer.free_text == "More time please"
    participation = PulseParticipation.objects.get()
    assert participation.staff == world.worker and participation.round == answer.round
    entry = AuditEntry.objects.get(event=AuditEvent.PULSE_ANSWERED)
    assert entry.actor == world.worker.user and entry.detail == {"round": answer.round.id}


def test_the_answer_row_has_no_link_to_a_person_and_no_time():
    fields = PulseAnswer._meta.get_fields()
    linked = {f.related_model.__name__ for f in fields if f.is_relation}
    assert linked == {"PulseRound", "Pod", "Team"}
    assert not [f for f in fields if isinstance(f, models.DateField)]  # DateTimeField is a DateField too
    assert isinstance(PulseAnswer._meta.pk, models.UUIDField)


def test_a_second_answer_in_the_round_is_refused_and_nothing_changes(world):
    pulse_answer(actor=world.worker.user, answers=answers())
    closes = pulse_round_current().closes_on
    message = ALREADY_ANSWERED.format(opens=f"{closes + timedelta(days=1):%-d %B %Y}")
    with pytest.raises(ApplicationError, match=re.escape(message)):
        pulse_answer(actor=world.worker.user, answers=answers(agree=False))
    assert PulseAnswer.objects.get().answers == answers()
    assert PulseParticipation.objects.count() == 1
    assert AuditEntry.objects.filter(event=AuditEvent.PULSE_ANSWERED).count() == 1


def test_the_next_round_can_be_answered(world):
    pulse_answer(actor=world.worker.user, answers=answers(), on=TODAY - timedelta(days=100))
    pulse_answer(actor=world.worker.user, answers=answers())
    assert PulseAnswer.objects.values("round").distinct().count() == 2


def test_every_statement_must_be_answered(world):
    partial = answers()
    del partial["supervision_helps"]
    with pytest.raises(FormProblems) as refused:
        pulse_answer(actor=world.worker.user, answers=partial | {"time_for_direct_work": "maybe"})
    statements = dict(operating_model().pulse_survey.statements)
    assert refused.value.problems == {
        "supervision_helps": ANSWER_THE_STATEMENT.format(statement=statements["supervision_helps"]),
        "time_for_direct_work": ANSWER_THE_STATEMENT.format(statement=statements["time_for_direct_work"]),
    }
    assert not PulseAnswer.objects.exists() and not PulseParticipation.objects.exists()
    assert not AuditEntry.objects.filter(event=AuditEvent.PULSE_ANSWERED).exists()


@pytest.mark.parametrize("who", ["parent", "partner", "leaver"])
def test_only_current_staff_can_answer(world, who):
    user = getattr(world, who).user
    with pytest.raises(ApplicationError, match=NOT_STAFF):
        pulse_answer(actor=user, answers=answers())
    assert not PulseAnswer.objects.exists() and not PulseParticipation.objects.exists()


@pytest.mark.parametrize(
    "who,group", [("manager", RoleGroup.MANAGERS), ("quality_lead", RoleGroup.OTHER), ("head_of_service", "managers")]
)
def test_role_groups_and_staff_without_a_pod(world, who, group):
    staff = getattr(world, who)
    answer = pulse_answer(actor=staff.user, answers=answers())
    assert answer.role_group == group
    assert answer.pod_id == staff.pod_id and answer.team_id == (staff.pod.team_id if staff.pod else staff.team_id)
