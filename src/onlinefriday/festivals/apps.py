from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalsConfig(AppConfig):
    name = "onlinefriday.festivals"
    label = "festivals"
    verbose_name = _("Festivals")
