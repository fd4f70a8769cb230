from django.urls import path

from alongside.plans import views

app_name = "plans"
urlpatterns = [
    path("people/children/<int:child_id>/plans/<str:plan_kind>/", views.plan, name="plan"),
    path("people/children/<int:child_id>/plans/<str:plan_kind>/family-view/", views.family_view, name="family_view"),
    path("people/children/<int:child_id>/plans/<str:plan_kind>/review/", views.review, name="review"),
    path("people/children/<int:child_id>/plans/<str:plan_kind>/autosave/", views.autosave, name="autosave"),
]
