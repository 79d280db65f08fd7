from django.urls import path, re_path

from onlinefriday.deals import import_views, views

app_name = "deals"
urlpatterns = [
    path("merchant/prices/", views.prices, name="prices"),
    path("merchant/imports/", import_views.import_list, name="import-list"),
    path("merchant/imports/new/", import_views.import_upload, name="import-upload"),
    path("merchant/imports/template.xlsx", import_views.import_template, name="import-template"),
    path("merchant/imports/<int:pk>/", import_views.import_detail, name="import-detail"),
    path(
        "merchant/imports/<int:pk>/progress/",
        import_views.import_progress,
        name="import-progress",
    ),
    re_path(
        r"^merchant/imports/(?P<pk>[0-9]+)/report\.(?P<kind>xlsx|csv)$",
        import_views.import_report,
        name="import-report",
    ),
]
