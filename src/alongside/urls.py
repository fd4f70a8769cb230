from django.urls import include, path

from alongside.access import oidc, two_factor
from alongside.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("sign-in/", web.SignInView.as_view(), name="login"),
    path("sign-out/", web.sign_out, name="logout"),
    path("healthz", web.healthz, name="healthz"),
    path("readyz", web.readyz, name="readyz"),
    path("people/", include("alongside.people.urls")),
    path("access/", include("alongside.access.urls")),
    path("", include("alongside.story.urls")),
    path("", include("alongside.assessments.urls")),
    path("", include("alongside.plans.urls")),
    path("", include("alongside.practice_model.urls")),
    path("", include("alongside.workforce.urls")),
    path("", include("alongside.handovers.urls")),
    path("", include("alongside.supervision.urls")),
    path("", include("alongside.quality.urls")),
    path("", include("alongside.observations.urls")),
    path("", include("alongside.pulse.urls")),
    path("", include("alongside.training.urls")),
    path("", include("alongside.complaints.urls")),
    path("", include("alongside.insight.urls")),
    path("", include("alongside.returns.urls")),
    path("", include("alongside.portal.urls")),
    path("", include("alongside.partners.urls")),
    path("", include("alongside.journey.urls")),
    path("family/language/", web.set_language, name="set_language"),
    path("account/two-factor/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/code/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("sign-in/council/", oidc.sign_in_with_council, name="oidc_authentication_init"),
    path("sign-in/council/callback/", oidc.callback, name="oidc_authentication_callback"),
]

handler403 = "alongside.web.views.forbidden"
handler404 = "alongside.web.views.not_found"
handler500 = "alongside.web.views.server_error"
