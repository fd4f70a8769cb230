from django.urls import include, path

from alongside.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("sign-in/", web.SignInView.as_view(), name="login"),
    path("sign-out/", web.sign_out, name="logout"),
    path("healthz", web.healthz, name="healthz"),
    path("people/", include("alongside.people.urls")),
    path("access/", include("alongside.access.urls")),
]

handler403 = "alongside.web.views.forbidden"
handler404 = "alongside.web.views.not_found"
handler500 = "alongside.web.views.server_error"
