"""Debian's Chromium, headless, for the tests of web pages: the DOM after the page's scripts
ran, and a screenshot. `make install` installs chromium; a test that needs it fails (never
skips) when it is missing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

NAMES = ("chromium", "chromium-browser")
#: a slow machine may take this long to start a browser and lay out a big page
TIMEOUT = 120


def chromium() -> str:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: `make install` installs Debian's chromium")


def _run(url: str, profile: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",  # containers give /dev/shm little room
        f"--user-data-dir={profile}",
        *options,
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def dom(page: Path, tmp_path: Path, query: str = "") -> BeautifulSoup:
    """The page's DOM as Chromium holds it after loading (scripts run), parsed."""
    done = _run(page.resolve().as_uri() + query, tmp_path / "profile", "--dump-dom")
    return BeautifulSoup(done.stdout, "html.parser")


def screenshot(page: Path, target: Path, tmp_path: Path, size: tuple[int, int]) -> Path:
    """A PNG of the page's top `size` (width, height) CSS pixels."""
    _run(
        page.resolve().as_uri(),
        tmp_path / "profile",
        f"--screenshot={target}",
        f"--window-size={size[0]},{size[1]}",
        "--hide-scrollbars",
    )
    assert target.exists(), "Chromium wrote no screenshot"
    return target
