from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "onlinefriday.demo"
    label = "demo"
