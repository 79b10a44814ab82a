"""Shared set-up for benchmarks: a fresh database and a timing helper.

Benchmarks print figures; they never assert on time. Run them all with
``make bench`` or one with ``.venv/bin/python -m bench.<name>``. They use a
throwaway SQLite file unless ``DATABASE_URL`` points elsewhere (use a scratch
PostgreSQL database, never a real one: tables are flushed).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault("SECRET_KEY", "bench-" + "k" * 60)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="rendezvous-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)


def measure(fn: Callable[[], object], *, repeat: int = 30, warmup: int = 3) -> dict:
    """Median and p95 wall time of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": samples[min(len(samples) - 1, int(len(samples) * 0.95))],
    }


def row(label: str, result: dict, floor: dict | None = None) -> str:
    text = f"{label:<48} median {result['median_ms']:8.2f} ms   p95 {result['p95_ms']:8.2f} ms"
    if floor:
        text += f"   x{result['median_ms'] / floor['median_ms']:.1f} of floor"
    return text
