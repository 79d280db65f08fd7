from django.urls import path

from onlinefriday.festivals import views
from onlinefriday.storefront.views import home

app_name = "festivals"
urlpatterns = [
    # The shop home (storefront:home) begins with the festival; the old name still reverses to it.
    path("", home, name="home"),
    path("festivals/<slug:slug>/programme/", views.programme, name="programme"),
    path("festivals/<slug:slug>/programme.ics", views.programme_ics, name="programme-ics"),
]
