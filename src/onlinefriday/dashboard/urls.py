from django.urls import include, path

app_name = "dashboard"
urlpatterns = [
    path("merchants/", include("onlinefriday.dashboard.merchants.urls")),
    path("partners/", include("onlinefriday.dashboard.partners.urls")),
]
