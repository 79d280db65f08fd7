"""The click-out address, the same in every language (``tracking.links.click_url``)."""

from django.urls import path

from onlinefriday.tracking import views

app_name = "tracking"
urlpatterns = [
    path("go/<int:deal_id>-<slug:signature>/", views.click_out, name="click"),
]
