"""Answering the staff pulse survey. See models.py for how the answers stay anonymous."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.access.models import AuditEvent
from alongside.access.roles import UserKind, user_kind
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError, FormProblems
from alongside.practice_model.config import operating_model
from alongside.pulse.models import AgreeScale, PulseAnswer, PulseParticipation, PulseRound, role_group_for

FREE_TEXT_LIMIT = 2000

NOT_STAFF = "Only current staff can answer the pulse survey"
ALREADY_ANSWERED = "You have already answered this round of the survey. The next round opens on {opens}."
ANSWER_THE_STATEMENT = "Select how much you agree with: {statement}"
FREE_TEXT_TOO_LONG = f"Write {FREE_TEXT_LIMIT:,} characters or fewer"


def round_period(on: date, every_months: int) -> tuple[date, date]:
    """The period of `every_months` months holding `on`, counted from January (so 3 is the calendar
    quarters, 6 the half years)."""
    index = (on.year * 12 + on.month - 1) // every_months * every_months
    opens = date(index // 12, index % 12 + 1, 1)
    return opens, opens + relativedelta(months=every_months) - timedelta(days=1)


def pulse_round_current(on: date | None = None) -> PulseRound:
    """The round running on `on` (today by default), made the first time anyone needs it, with the
    operating model's statements as they are now."""
    on = on or timezone.localdate()
    existing = PulseRound.objects.filter(opens_on__lte=on, closes_on__gte=on).first()
    if existing is not None:
        return existing
    config = operating_model().pulse_survey
    opens, closes = round_period(on, config.every_months)
    # Two people opening the survey at once: the unique opening date lets one create it, and the
    # other reads it back.
    round_, _ = PulseRound.objects.get_or_create(
        opens_on=opens,
        defaults={
            "closes_on": closes,
            "statements": [{"code": code, "statement": text} for code, text in config.statements],
        },
    )
    return round_


def pulse_has_answered(staff, round_: PulseRound) -> bool:
    return PulseParticipation.objects.filter(round=round_, staff=staff).exists()


def _check_answers(round_: PulseRound, answers: dict[str, str], free_text: str) -> None:
    problems = {
        code: ANSWER_THE_STATEMENT.format(statement=statement)
        for code, statement in round_.statement_pairs
        if answers.get(code) not in AgreeScale.values
    }
    if len(free_text) > FREE_TEXT_LIMIT:
        problems["free_text"] = FREE_TEXT_TOO_LONG
    if problems:
        raise FormProblems(problems)


@transaction.atomic
def pulse_answer(
    *, actor, answers: dict[str, str], free_text: str = "", on: date | None = None, request=None
) -> PulseAnswer:
    """Records one person's answers to the round running on `on` (today by default).

    Refuses anyone who is not current staff, a second answer in the same round, and answers that
    leave a statement out. Writes the participation (who), the answer (what, with only the person's
    pod, team and role group) and an audit entry that they took part, all or nothing."""
    if user_kind(actor) != UserKind.STAFF:
        raise ApplicationError(NOT_STAFF)
    staff = actor.staff
    round_ = pulse_round_current(on)
    already = ApplicationError(ALREADY_ANSWERED.format(opens=f"{round_.closes_on + timedelta(days=1):%-d %B %Y}"))
    if pulse_has_answered(staff, round_):
        raise already
    _check_answers(round_, answers, free_text)
    try:
        # A double submission racing this one: the unique constraint refuses the second.
        with transaction.atomic():
            PulseParticipation.objects.create(round=round_, staff=staff)
    except IntegrityError:
        raise already from None
    answer = PulseAnswer(
        round=round_,
        pod_id=staff.pod_id,
        team_id=staff.pod.team_id if staff.pod_id else staff.team_id,
        role_group=role_group_for(staff.role),
        answers={code: answers[code] for code, _ in round_.statement_pairs},
        free_text=free_text.strip(),
    )
    answer.full_clean()
    answer.save()
    # Who took part, never what they said.
    audit_record(actor=actor, event=AuditEvent.PULSE_ANSWERED, detail={"round": round_.id}, request=request)
    return answer
