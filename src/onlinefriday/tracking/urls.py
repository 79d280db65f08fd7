"""The click-out address, the same in every language (``tracking.links.click_url``)."""

from django.urls import re_path

from onlinefriday.tracking import views

app_name = "tracking"
# Also matched by ``tracking.middleware``, which answers most clicks before the other middleware.
CLICK_PATH = r"^go/(?P<deal_id>[0-9]+)-(?P<signature>[-a-zA-Z0-9_]+)/\Z"
urlpatterns = [
    re_path(CLICK_PATH, views.click_out, name="click"),
]
