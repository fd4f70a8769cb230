from django.urls import path

from alongside.training import views

app_name = "training"
urlpatterns = [
    path("training/", views.training_home, name="home"),
    path("training/record/", views.training_record_page, name="record"),
]
