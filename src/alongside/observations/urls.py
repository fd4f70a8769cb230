from django.urls import path

from alongside.observations import views

app_name = "observations"
urlpatterns = [
    path("observations/", views.observations_home, name="home"),
    path("observations/new/", views.observation_new, name="new"),
    path("observations/<int:observation_id>/", views.observation_page, name="observation"),
]
