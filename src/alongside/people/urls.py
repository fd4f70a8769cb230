from django.urls import path

from alongside.people import views

app_name = "people"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("children/<int:child_id>/", views.child_detail, name="child"),
]
