from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from onlinefriday.api.v1 import api
from onlinefriday.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("onlinefriday.tracking.urls")),
]
# Vietnamese pages live at /, English ones at /en/: a URL always says its language.
urlpatterns += i18n_patterns(
    path("", include("onlinefriday.storefront.urls")),
    path("", include("onlinefriday.festivals.urls")),
    path("accounts/", include("onlinefriday.accounts.urls")),
    path("", include("onlinefriday.merchants.urls")),
    path("", include("onlinefriday.deals.urls")),
    path("back-office/", include("onlinefriday.dashboard.urls")),
    path("", include("onlinefriday.moderation.report_urls")),
    prefix_default_language=False,
)
