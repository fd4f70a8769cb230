from django.urls import path

from alongside.people import views

app_name = "people"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("children/<int:child_id>/", views.child_detail, name="child"),
    path("children/<int:child_id>/open/", views.open_with_reason, name="open_with_reason"),
    path("children/<int:child_id>/who-has-looked/", views.who_has_looked, name="who_has_looked"),
    path("children/<int:child_id>/details-for-returns/", views.returns_details, name="returns_details"),
    path(
        "children/<int:child_id>/details-for-returns/<slug:kind>/<int:object_id>/",
        views.returns_correction,
        name="returns_correction",
    ),
]
