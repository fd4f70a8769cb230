from django.urls import path

from alongside.insight import views

app_name = "insight"
urlpatterns = [
    path("insight/", views.dashboard, name="dashboard"),
    path("insight/refresh/", views.refresh, name="refresh"),
    path("insight/<slug:code>/", views.figure, name="figure"),
    path("insight/<slug:code>/figures.csv", views.figure_csv, name="figure_csv"),
]
