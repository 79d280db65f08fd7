from django.urls import path

from onlinefriday.dashboard.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/original/", views.original_file, name="original"),
]
