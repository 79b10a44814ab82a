"""Settings that follow the port, and settings that do not fit together stopping the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SITE_URL", "EMAIL_", "PORT"))
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean | env, capture_output=True, text=True
    )


def test_links_follow_the_port_make_run_serves_on():
    out = run(["-c", "import config.settings as s; print(s.SITE_URL)"], PORT="8150")
    assert out.stdout.strip() == "http://127.0.0.1:8150"


def test_site_url_still_wins_when_set():
    out = run(
        ["-c", "import config.settings as s; print(s.SITE_URL)"],
        PORT="8150",
        SITE_URL="https://meet.example.com/",
    )
    assert out.stdout.strip() == "https://meet.example.com"


def test_a_file_path_beside_the_smtp_backend_stops_the_start_with_a_clear_message():
    out = run(
        ["manage.py", "check"],
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_FILE_PATH="/tmp",
    )
    assert out.returncode != 0
    assert "rendezvous.E001" in out.stderr
    assert "EMAIL_FILE_PATH is only for django.core.mail.backends.filebased" in out.stderr


def test_the_file_backend_without_a_directory_stops_the_start():
    out = run(
        ["manage.py", "check"], EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend"
    )
    assert out.returncode != 0
    assert "rendezvous.E00" in out.stderr


def test_production_without_a_worker_or_real_mail_is_warned_about():
    out = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="False",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.com",
        TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
    )
    assert out.returncode != 0
    assert "rendezvous.W001" in out.stderr and "rendezvous.W002" in out.stderr
