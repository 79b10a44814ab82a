from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "schedules"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from config import checks  # noqa: F401  (registers the settings checks)
