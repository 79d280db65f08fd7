from django.urls import path

from onlinefriday.festivals import views

app_name = "festivals"
urlpatterns = [
    path("", views.home, name="home"),
    path("festivals/<slug:slug>/programme/", views.programme, name="programme"),
    path("festivals/<slug:slug>/programme.ics", views.programme_ics, name="programme-ics"),
]
