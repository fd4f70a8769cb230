from django.urls import path

from alongside.partners import views

app_name = "partners"
urlpatterns = [
    path("partner/children/<int:child_id>/", views.child, name="child"),
    path("partner/children/<int:child_id>/actions/", views.update_action, name="update_action"),
    path("partner/referral/", views.referral, name="referral"),
]
