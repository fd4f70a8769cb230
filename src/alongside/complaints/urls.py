from django.urls import path

from alongside.complaints import views

app_name = "complaints"
urlpatterns = [
    path("complaints/", views.log, name="log"),
    path("complaints/new/", views.new, name="new"),
    path("complaints/<int:complaint_id>/", views.complaint, name="complaint"),
]
