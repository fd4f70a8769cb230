from django.urls import path

from alongside.returns import views

app_name = "returns"
urlpatterns = [
    path("returns/", views.returns_home, name="home"),
    path("returns/<int:run_id>/", views.run_detail, name="run"),
    path("returns/<int:run_id>/progress/", views.run_progress, name="progress"),
    path("returns/<int:run_id>/files/<int:file_id>/", views.download, name="download"),
]
