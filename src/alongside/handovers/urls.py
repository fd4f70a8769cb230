from django.urls import path

from alongside.handovers import views

app_name = "handovers"
urlpatterns = [path("people/children/<int:child_id>/handover/", views.handover, name="handover")]
