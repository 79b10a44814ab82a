"""System checks: settings that do not fit together stop the start with a clear message,
instead of losing mail (or exposing the site) after a request has already answered."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def check_mailer(app_configs, **kwargs):
    """The default mailer can be built from MAILERS (EMAIL_BACKEND and its options)."""
    from django.core.mail import mailers

    backend = settings.MAILERS["default"]["BACKEND"]
    try:
        mailers["default"]
    except Exception as exc:  # InvalidMailer, ImportError, TypeError: all mean "no mail"
        hint = None
        if "file_path" in str(exc):
            hint = (
                "EMAIL_FILE_PATH is only for django.core.mail.backends.filebased.EmailBackend: "
                f"unset it, or set EMAIL_BACKEND to the file backend (it is {backend})."
            )
        return [
            checks.Error(
                f"Email cannot be sent with these settings: {exc}", hint=hint, id="rendezvous.E001"
            )
        ]
    if backend.endswith("filebased.EmailBackend") and not settings.MAILERS["default"].get(
        "OPTIONS", {}
    ).get("file_path"):
        return [
            checks.Error(
                "The file email backend needs a directory.",
                hint="Set EMAIL_FILE_PATH to a directory the server may write to.",
                id="rendezvous.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_production_shape(app_configs, **kwargs):
    """With DEBUG off, mail must reach people and leave from a worker."""
    problems = []
    backend = settings.MAILERS["default"]["BACKEND"]
    if any(name in backend for name in ("console", "locmem", "dummy", "mail_backends")):
        problems.append(
            checks.Warning(
                f"EMAIL_BACKEND is {backend}: no email reaches anyone.",
                hint="Set EMAIL_BACKEND to an anymail backend or SMTP (see the README).",
                id="rendezvous.W001",
            )
        )
    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        problems.append(
            checks.Warning(
                "TASKS_BACKEND is the immediate backend: every email is sent inside the "
                "request that caused it, and a slow mail service slows every request.",
                hint="Use django_tasks_db.DatabaseBackend (the default) and run manage.py "
                "db_worker.",
                id="rendezvous.W002",
            )
        )
    return problems
