from django.urls import path

from alongside.supervision import views

app_name = "supervision"
urlpatterns = [
    path("supervision/", views.supervision_home, name="home"),
    path("supervision/one-to-one/new/", views.supervision_new, name="new"),
    path("supervision/one-to-one/<int:session_id>/", views.supervision_session, name="session"),
    path("supervision/group/new/", views.group_new, name="group_new"),
]
