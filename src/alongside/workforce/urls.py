from django.urls import path

from alongside.workforce import views

app_name = "workforce"
urlpatterns = [path("people/children/<int:child_id>/allocate/", views.allocate, name="allocate")]
