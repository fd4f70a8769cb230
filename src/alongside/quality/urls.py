from django.urls import path

from alongside.quality import views

app_name = "quality"
urlpatterns = [
    path("quality/", views.quality_home, name="home"),
    path("quality/rounds/new/", views.round_new, name="round_new"),
    path("quality/rounds/<int:round_id>/", views.round_page, name="round"),
    path("quality/themes/", views.themes, name="themes"),
    path("quality/audits/<int:audit_id>/", views.audit_page, name="audit"),
    path("quality/audits/<int:audit_id>/grade/", views.audit_grade, name="audit_grade"),
    path("quality/audits/<int:audit_id>/family-view/", views.audit_family_view, name="audit_family_view"),
    path("quality/audits/<int:audit_id>/moderate/", views.audit_moderate, name="audit_moderate"),
    path("quality/audits/<int:audit_id>/reflect/", views.audit_reflect, name="audit_reflect"),
    path("quality/audits/<int:audit_id>/action-done/", views.audit_action_done, name="audit_action_done"),
]
