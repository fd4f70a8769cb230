from django.urls import path

from alongside.practice_model import views

app_name = "practice_model"
urlpatterns = [path("how-we-work/", views.operating_model_page, name="operating_model")]
