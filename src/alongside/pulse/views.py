from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import require_quality, require_staff
from alongside.access.declare import Rule, access_rule
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.practice_model.config import operating_model
from alongside.pulse.forms import PulseForm
from alongside.pulse.models import PulseRound
from alongside.pulse.selectors import (
    SAFE_SUPPORTED,
    pulse_participants,
    pulse_round_results,
    pulse_rounds_reported,
    pulse_trend,
    safe_and_supported_by_pod,
)
from alongside.pulse.services import pulse_answer, pulse_has_answered, pulse_round_current

NOT_ASKED = "Not asked"


@access_rule(Rule.STAFF)
@login_required
@require_http_methods(["GET", "POST"])
def survey(request):
    """This round's survey, or a thank-you once the person has answered it."""
    require_staff(request.user)
    round_ = pulse_round_current(timezone.localdate())
    context = {
        "round": round_,
        "next_opens": round_.closes_on + timedelta(days=1),
        "smallest": operating_model().pulse_survey.smallest_group,
    }
    if pulse_has_answered(request.user.staff, round_):
        return render(request, "pulse/answered.html", context)
    form = PulseForm(request.POST or None, round_=round_)
    if request.method == "POST" and form.is_valid():
        try:
            pulse_answer(
                actor=request.user,
                answers=form.answers(),
                free_text=form.cleaned_data["free_text"],
                request=request,
            )
        except ApplicationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "Thank you. Your answers have been sent.")
            return redirect("pulse:survey")
    return render(request, "pulse/survey.html", context | {"form": form})


@access_rule(Rule.QUALITY)
@login_required
@require_GET
def results(request):
    """A closed round's results by pod, team and role group, the trend across rounds, and how many
    have taken part in the open round so far. Suppressed groups show as text, never figures."""
    require_quality(request.user)
    today = timezone.localdate()
    rounds = list(pulse_rounds_reported(on=today))
    chosen = next((r for r in rounds if str(r.id) == request.GET.get("round")), rounds[0] if rounds else None)
    open_round = PulseRound.objects.filter(opens_on__lte=today, closes_on__gte=today).first()
    trend = pulse_trend(on=today)
    # A statement added to (or dropped from) the config is "not asked" in the rounds before (after).
    statements = list({code: text for r in trend for code, text in r.statements}.items())
    codes = [code for code, _ in statements]
    safe = safe_and_supported_by_pod(on=today)
    # The pods down the side, the rounds across: one table for the dashboard question.
    safe_rounds = sorted({(s.round_id, s.opens_on) for s in safe}, key=lambda r: r[1])
    safe_rows: dict = {}
    for share in safe:
        safe_rows.setdefault((share.pod_id is None, share.pod), {})[share.round_id] = share
    return render(
        request,
        "pulse/results.html",
        {
            "rounds": rounds,
            "results": pulse_round_results(chosen, on=today) if chosen else None,
            "open_round": open_round,
            "open_participants": pulse_participants(open_round) if open_round else 0,
            "trend_statements": statements,
            "trend": [
                (r.round, r.whole, [r.whole.agreeing.get(code, NOT_ASKED) if r.whole.shown else None for code in codes])
                for r in trend
            ],
            "safe_statement": dict(operating_model().pulse_survey.statements).get(SAFE_SUPPORTED, SAFE_SUPPORTED),
            "safe_rounds": safe_rounds,
            "safe_rows": [
                (label, [cells.get(round_id) for round_id, _ in safe_rounds])
                for (_, label), cells in sorted(safe_rows.items())
            ],
            "smallest": operating_model().pulse_survey.smallest_group,
        },
    )
