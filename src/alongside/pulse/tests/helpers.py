from datetime import timedelta

from django.utils import timezone

from alongside.pulse.models import AgreeScale
from alongside.pulse.services import pulse_answer
from alongside.testing import factories as f
from alongside.workforce.models import StaffRole

TODAY = timezone.localdate()
# Always in a round that has closed (a round is at most three months here).
LAST_ROUND = TODAY - timedelta(days=100)


def answers(agree: bool = True, **overrides) -> dict[str, str]:
    value = AgreeScale.AGREE if agree else AgreeScale.DISAGREE
    data = {
        "safe_supported": value,
        "caseload_manageable": value,
        "supervision_helps": value,
        "time_for_direct_work": value,
    }
    return data | overrides


def answer_in(pod, count: int, *, agreeing: int | None = None, on=LAST_ROUND, role=StaffRole.SOCIAL_WORKER, text=""):
    """`count` new members of `pod` answer; the first `agreeing` of them (all by default) agree."""
    agreeing = count if agreeing is None else agreeing
    for n in range(count):
        staff = f.StaffFactory(pod=pod, role=role)
        pulse_answer(actor=staff.user, answers=answers(n < agreeing), free_text=text.format(n=n), on=on)
