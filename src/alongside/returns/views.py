"""The data officer's pages: the data quality home, and producing, checking and downloading the
statutory returns (Rule.RETURNS). Every production and download goes in the audit trail."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from alongside.access.access import hidden_child_ids, require_returns
from alongside.access.declare import Rule, access_rule
from alongside.access.models import AuditEvent, AuditRoute
from alongside.access.services import audit_record
from alongside.lib.errors import ApplicationError
from alongside.lib.forms import show_refusal
from alongside.returns.data_quality import data_quality_checks
from alongside.returns.forms import ProduceReturnForm
from alongside.returns.models import ReturnFile, ReturnRun
from alongside.returns.registry import RETURN_TYPES
from alongside.returns.selectors import comparison, rule_groups, run_counts
from alongside.returns.services import latest_complete_year, request_return, years_offered

RECENT_RUNS = 15


def data_officer_home(request):
    """A data officer's home: open cases missing what the statutory returns will need."""
    today = timezone.localdate()
    checks = data_quality_checks(on=today, hidden_ids=hidden_child_ids(request.user))
    return render(
        request,
        "returns/data_officer_home.html",
        {
            "staff": request.user.staff,
            "checks": checks,
            "today": today,
            "total": sum(check.total for check in checks),
        },
    )


@access_rule(Rule.RETURNS)
@login_required
@require_http_methods(["GET", "POST"])
def returns_home(request):
    """Choose a return and a year; it is produced in the background and checked against the rules."""
    staff = require_returns(request.user)
    today = timezone.localdate()
    form = ProduceReturnForm(
        request.POST or None, years=years_offered(today), latest_complete=latest_complete_year(today)
    )
    if request.method == "POST" and form.is_valid():
        try:
            run = request_return(
                staff=staff, kind=form.cleaned_data["kind"], year=form.cleaned_data["year"], request=request
            )
        except ApplicationError as error:
            show_refusal(form, error)
        else:
            return redirect("returns:run", run.id)
    runs = list(ReturnRun.objects.select_related("requested_by")[:RECENT_RUNS])
    counts = run_counts(runs)
    for run in runs:
        run.counts = counts.get(run.id, {"errors": 0, "queries": 0})
    return render(request, "returns/home.html", {"form": form, "runs": runs, "types": RETURN_TYPES})


def _run_for(request, run_id: int) -> ReturnRun:
    require_returns(request.user)
    return get_object_or_404(ReturnRun.objects.select_related("requested_by"), id=run_id)


@access_rule(Rule.RETURNS)
@login_required
@require_GET
def run_detail(request, run_id: int):
    """A run: its progress while it is produced, then its files and what the rules found, each
    finding linked to the child's details where it can be put right."""
    run = _run_for(request, run_id)
    context = {"run": run, "type": RETURN_TYPES[run.kind]}
    if run.finished:
        audit_record(
            actor=request.user,
            event=AuditEvent.RETURN_VIEWED,
            request=request,
            detail={"return": run.kind, "year": run.year, "run": run.id},
        )
        groups = rule_groups(run)
        context.update(
            files=run.files.defer("content"),
            groups=groups,
            errors=sum(g.total for g in groups if not g.is_query),
            queries=sum(g.total for g in groups if g.is_query),
            hidden=hidden_child_ids(request.user),
            comparison=comparison(run),
        )
    return render(request, "returns/run.html", context)


@access_rule(Rule.RETURNS)
@login_required
@require_GET
def run_progress(request, run_id: int):
    """The progress panel, polled while the return is produced; once it is done the page reloads."""
    run = _run_for(request, run_id)
    response = render(request, "returns/_progress.html", {"run": run})
    if run.finished:
        response["HX-Refresh"] = "true"
    return response


@access_rule(Rule.RETURNS)
@login_required
@require_GET
def download(request, run_id: int, file_id: int):
    run = _run_for(request, run_id)
    file = get_object_or_404(ReturnFile, id=file_id, run=run)
    audit_record(
        actor=request.user,
        event=AuditEvent.RETURN_DOWNLOADED,
        request=request,
        route=AuditRoute.EXPORT,
        detail={"return": run.kind, "year": run.year, "run": run.id, "file": file.name},
    )
    content_type = {
        "xml": "application/xml",
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip": "application/zip",
    }.get(file.name.rsplit(".", 1)[-1], "application/octet-stream")
    response = HttpResponse(bytes(file.content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.name}"'
    return response
