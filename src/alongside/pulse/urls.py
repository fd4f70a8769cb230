from django.urls import path

from alongside.pulse import views

app_name = "pulse"
urlpatterns = [
    path("pulse/", views.survey, name="survey"),
    path("pulse/results/", views.results, name="results"),
]
