from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from alongside.access.data_protection import data_protection_home
from alongside.access.declare import Rule, access_rule
from alongside.access.roles import UserKind, user_kind
from alongside.partners.views import partner_home
from alongside.portal.views import parent_home, young_person_home
from alongside.quality.views import quality_home
from alongside.returns.views import data_officer_home
from alongside.web.forms import SignInForm
from alongside.workforce.models import StaffRole
from alongside.workforce.views import caseload_home, pod_home, service_home


@access_rule(Rule.PUBLIC)
class SignInView(LoginView):
    """Password sign-in. Sign-in events are audited from Django's auth signals (access/signals.py);
    django-axes counts failures and locks out after too many."""

    template_name = "web/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.ALONGSIDE_OIDC_ENABLED
        context["oidc_label"] = settings.OIDC_LABEL
        return context


@access_rule(Rule.PUBLIC)
@require_POST
def sign_out(request):
    logout(request)
    return redirect("login")


STAFF_HOMES = {
    StaffRole.TEAM_MANAGER: pod_home,
    StaffRole.BUSINESS_SUPPORT: pod_home,
    StaffRole.HEAD_OF_SERVICE: service_home,
    StaffRole.PRINCIPAL_SOCIAL_WORKER: service_home,
    StaffRole.DATA_OFFICER: data_officer_home,
    StaffRole.DATA_PROTECTION_OFFICER: data_protection_home,
    StaffRole.QUALITY_LEAD: quality_home,
}


@access_rule(Rule.SIGNED_IN)
@login_required
def home(request):
    """Each person lands on their own work: a caseload, a pod, the service, the data, their family."""
    kind = user_kind(request.user)
    if kind == UserKind.STAFF:
        return STAFF_HOMES.get(request.user.staff.role, caseload_home)(request)
    if kind == UserKind.PARENT:
        return parent_home(request)
    if kind == UserKind.YOUNG_PERSON:
        return young_person_home(request)
    if kind == UserKind.PARTNER:
        return partner_home(request)
    raise Http404


@access_rule(Rule.PUBLIC)
@require_POST
def set_language(request):
    """The family's choice of language (a cookie), from the switcher on family and sign-in pages."""
    from django.views.i18n import set_language as django_set_language

    return django_set_language(request)


@access_rule(Rule.PUBLIC)
@require_GET
@never_cache
def healthz(request):
    """200 when the database answers; 503 otherwise, so a load balancer stops sending traffic."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@access_rule(Rule.PUBLIC)
@require_GET
@never_cache
def readyz(request):
    """200 when this instance can serve: the database answers and every migration is applied.

    /healthz is liveness (restart me if it fails); this is readiness (send me traffic): during a
    deployment the new code can be up before `alongside migrate` has run, and must not take requests.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "error", "database": "unavailable", "migrations": "unknown"}, status=503)
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # noqa: BLE001 - a migration table that cannot be read is not ready either
        return JsonResponse({"status": "error", "database": "ok", "migrations": "unknown"}, status=503)
    if unapplied:
        names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in unapplied]
        body = {"status": "error", "database": "ok", "migrations": "pending", "pending": names}
        return JsonResponse(body, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "ok"})


def forbidden(request, exception=None):
    return render(request, "web/403.html", status=403)


def not_found(request, exception=None):
    return render(request, "web/404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database.
    from django.template import loader

    return HttpResponse(loader.get_template("web/500.html").render({"service_name": "Alongside"}), status=500)
