from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onlinefriday.core"
    label = "core"

    def ready(self) -> None:
        # Bind every @shared_task to the project's Celery app as soon as Django is up.
        import onlinefriday.tasks  # noqa: F401
