from django.urls import path

from . import views

app_name = "ppid"

urlpatterns = [
    path("", views.landing, name="landing"),
]
