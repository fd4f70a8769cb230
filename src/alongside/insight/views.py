"""The impact and fidelity dashboard: is the service doing the model, and is it helping? For those
who lead the service (Rule.INSIGHT); anyone else gets "not found". The figures come from the latest
snapshot (store.py); every page view and download goes in the audit trail."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from alongside.access.access import require_insight
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent, AuditRoute
from alongside.access.services import audit_record
from alongside.insight.charts import WHOLE_SERVICE, line_spec, pods_spec
from alongside.insight.figures import format_value
from alongside.insight.store import current_dashboard, take_snapshot
from alongside.lib.errors import ApplicationError

MOST_PODS_ON_A_CHART = 4
GROUP_HEADINGS = (("fidelity", "Are we doing the model?"), ("impact", "Is it helping children and families?"))


def _dashboard_or_none(request):
    require_insight(request.user)
    return current_dashboard()


@access_rule(Rule.INSIGHT)
@login_required
@require_GET
def dashboard(request):
    """Every figure's finding and its chart, fidelity then impact, with the go-live marked."""
    board = _dashboard_or_none(request)
    audit_record(actor=request.user, event=AuditEvent.INSIGHT_VIEWED, request=request, detail={"page": "dashboard"})
    groups = []
    if board:
        for name, heading in GROUP_HEADINGS:
            figures = [
                {"figure": f, "chart": line_spec(f, board.pod_names), "table": _table(f)} for f in board.group(name)
            ]
            groups.append({"name": name, "heading": heading, "figures": figures})
    return render(request, "insight/dashboard.html", {"board": board, "groups": groups})


def _table(figure, pod_id=None) -> list[dict]:
    points = figure.points if pod_id is None else figure.pods.get(pod_id, [])
    return [
        {
            "label": p.label,
            "numerator": p.numerator,
            "denominator": p.denominator,
            "value": format_value(figure.metric, p.value),
        }
        for p in points
    ]


@access_rule(Rule.INSIGHT)
@login_required
@require_GET
def figure(request, code: str):
    """One figure: by month with the pods chosen, the pods side by side before and after, the data
    tables, the definition and the SQL that computes it."""
    board = _dashboard_or_none(request)
    if board is None or code not in board.figures:
        raise Http404
    figure = board.figures[code]
    chosen = [p for p in request.GET.getlist("pod") if p in figure.pods][:MOST_PODS_ON_A_CHART]
    audit_record(actor=request.user, event=AuditEvent.INSIGHT_VIEWED, request=request, detail={"figure": code})
    pods = sorted(figure.pods, key=lambda p: board.pod_names.get(p, p))
    comparisons = [
        {
            "pod": board.pod_names.get(pod, pod),
            "before": format_value(figure.metric, c.before),
            "after": format_value(figure.metric, c.after),
        }
        for pod, c in sorted(figure.pod_comparisons.items(), key=lambda i: board.pod_names.get(i[0], i[0]))
    ]
    return render(
        request,
        "insight/figure.html",
        {
            "board": board,
            "figure": figure,
            "metric": figure.metric,
            "chart": line_spec(figure, board.pod_names, chosen),
            "pods_chart": pods_spec(figure, board.pod_names) if figure.metric.pods else None,
            "pod_choices": [(p, board.pod_names.get(p, p), p in chosen) for p in pods],
            "chosen": [(p, board.pod_names.get(p, p), _table(figure, p)) for p in chosen],
            "table": _table(figure),
            "comparisons": comparisons,
            "too_many": len(request.GET.getlist("pod")) > MOST_PODS_ON_A_CHART,
            "most_pods": MOST_PODS_ON_A_CHART,
        },
    )


@access_rule(Rule.INSIGHT)
@login_required
@require_GET
def figure_csv(request, code: str):
    """Every month's figure for the whole service and each pod, with numerator and denominator, so a
    data officer can check or rework it."""
    board = _dashboard_or_none(request)
    if board is None or code not in board.figures:
        raise Http404
    figure = board.figures[code]
    audit_record(
        actor=request.user,
        event=AuditEvent.FIGURES_DOWNLOADED,
        request=request,
        route=AuditRoute.EXPORT,
        detail={"figure": code, "snapshot": board.directory.name},
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}-{board.snapshot_on:%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(["figure", "period", "period_start", "pod", "numerator", "denominator", "value", "unit"])
    series = [(WHOLE_SERVICE, figure.points)] + [
        (board.pod_names.get(pod, pod), points)
        for pod, points in sorted(figure.pods.items(), key=lambda i: board.pod_names.get(i[0], i[0]))
    ]
    for name, points in series:
        for p in points:
            writer.writerow(
                [
                    figure.metric.title,
                    p.label,
                    p.start.isoformat(),
                    name,
                    _plain(p.numerator),
                    _plain(p.denominator),
                    "" if p.value is None else round(p.value, 4),
                    figure.metric.unit,
                ]
            )
    return response


def _plain(number: float | None) -> str:
    if number is None:
        return ""
    return str(int(number)) if number == int(number) else f"{number:.6g}"


@access_rule(Rule.INSIGHT)
@login_required
@require_POST
def refresh(request):
    """Takes a new snapshot now. A large LA should take one each night instead (docs/insight.md)."""
    require_insight(request.user)
    try:
        result = take_snapshot()
    except ApplicationError as error:
        context = {"board": current_dashboard(), "groups": [], "problem": error.message}
        return render(request, "insight/dashboard.html", context)
    audit_record(
        actor=request.user,
        event=AuditEvent.SNAPSHOT_TAKEN,
        request=request,
        detail={"snapshot": result.directory.name, "rows": result.total_rows},
    )
    messages.success(request, f"Figures updated from a new snapshot ({result.total_rows:,} rows).")
    return redirect("insight:dashboard")
