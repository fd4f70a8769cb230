from django.urls import path

from alongside.access import data_protection, views

app_name = "access"
urlpatterns = [
    path("break-glass/", views.break_glass, name="break_glass"),
    path("notifications/", views.notifications, name="notifications"),
    path("reviews/<int:review_id>/", views.decide_review, name="decide_review"),
    path("subject-access/<int:person_id>/", data_protection.subject_access, name="subject_access"),
]
