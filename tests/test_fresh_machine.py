"""On a machine without Chromium the browser tests skip with a reason; CI refuses to skip.

Each case runs pytest in a subprocess on the probe below with ``CHROMIUM`` pointing nowhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.browser
@pytest.mark.skipif(not os.environ.get("FRESH_MACHINE_PROBE"), reason="run in a subprocess below")
def test_probe_that_needs_the_browser(browser):
    assert browser.is_connected()


def run_without_chromium(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"REQUIRE_BROWSER"}}
    environment |= {"CHROMIUM": "/nonexistent/chromium", "FRESH_MACHINE_PROBE": "1"} | env
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            f"{Path(__file__).relative_to(ROOT)}::test_probe_that_needs_the_browser",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_without_chromium_the_browser_tests_skip_and_say_how_many_and_why():
    out = run_without_chromium()
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 browser tests skipped: Debian's Chromium is not installed" in out.stdout


def test_with_require_browser_a_missing_chromium_fails_the_run():
    out = run_without_chromium(REQUIRE_BROWSER="1")
    assert out.returncode != 0
    assert "REQUIRE_BROWSER is set" in out.stdout
