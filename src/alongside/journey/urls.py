from django.urls import path

from alongside.journey import views

app_name = "journey"
urlpatterns = [path("front-door/", views.front_door, name="front_door")]
