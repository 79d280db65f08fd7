from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "onlinefriday.tracking"
    label = "tracking"
    verbose_name = _("Clicks")

    def ready(self):
        from onlinefriday.tracking import targets  # noqa: F401  (its signal receivers)
