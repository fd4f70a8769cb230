"""Single sign-on with the LA's identity provider (OpenID Connect), via mozilla-django-oidc.

On when OIDC_RP_CLIENT_ID is set (docs/operations.md lists the settings). It only matches people to
existing, current staff accounts by email: an account is never created by signing in, so a valid
council login without a staff record in Alongside gets nowhere."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from alongside.access.declare import Rule, access_rule


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(
            email__iexact=email, is_active=True, staff__isnull=False, staff__left_on__isnull=True
        )

    def create_user(self, claims):
        return None  # accounts come from the LA's staff records, never from a sign-in


def _enabled_or_404():
    if not settings.ALONGSIDE_OIDC_ENABLED:
        raise Http404


@access_rule(Rule.SINGLE_SIGN_ON)
def sign_in_with_council(request):
    _enabled_or_404()
    return OIDCAuthenticationRequestView.as_view()(request)


class _Callback(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return "/sign-in/?sso=failed"


@access_rule(Rule.SINGLE_SIGN_ON)
def callback(request):
    _enabled_or_404()
    return _Callback.as_view()(request)
