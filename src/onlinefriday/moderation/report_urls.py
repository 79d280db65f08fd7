"""Shoppers' reports on deals (``moderation.report_views``), in every language."""

from django.urls import path

from onlinefriday.moderation import report_views

app_name = "reports"
urlpatterns = [
    path("deals/<int:pk>/report/", report_views.report, name="report"),
    path("deals/<int:pk>/report/sent/", report_views.sent, name="sent"),
]
