from django.urls import path

from onlinefriday.dashboard.moderation import rejudge, views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("decide/", views.bulk_decide, name="bulk"),
    path("deals/<int:pk>/", views.deal_detail, name="deal"),
    path("deals/<int:pk>/approve/", views.approve, name="approve"),
    path("deals/<int:pk>/reject/", views.reject, name="reject"),
    path("decisions/", views.decisions, name="decisions"),
    path("rejudge/", rejudge.festivals, name="rejudge"),
    path("rejudge/festivals/<slug:slug>/", rejudge.start, name="rejudge-start"),
    path("rejudge/jobs/<int:pk>/", rejudge.job, name="rejudge-job"),
    path("rejudge/jobs/<int:pk>/progress/", rejudge.job_progress, name="rejudge-progress"),
]
