from django.urls import path

from alongside.assessments import views

app_name = "assessments"
urlpatterns = [
    path("people/children/<int:child_id>/assessment/", views.assessment, name="assessment"),
    path("people/children/<int:child_id>/assessment/autosave/", views.autosave, name="autosave"),
    path("assessments/<int:assessment_id>/sign-off/", views.sign_off, name="sign_off"),
]
