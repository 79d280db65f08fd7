from django.urls import include, path

app_name = "dashboard"
urlpatterns = [
    path("merchants/", include("onlinefriday.dashboard.merchants.urls")),
    path("partners/", include("onlinefriday.dashboard.partners.urls")),
    path("imports/", include("onlinefriday.dashboard.imports.urls")),
    path("moderation/", include("onlinefriday.dashboard.moderation.urls")),
]
