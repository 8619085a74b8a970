"""Not a test: starts Debian's headless Chromium for the browser tests, one way for all.

Flags keep Chromium off the network it cannot reach here (background updates, sync), and
a fresh profile per browser means no state leaks between tests. A missing Chromium fails
the test with the command to install it; browser tests are never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def start_chromium(profile: str, extra_args: tuple[str, ...] = (), prefs: dict | None = None,
                   page_load_timeout: int = 60) -> WebDriver:
    """A headless Chromium with a fresh profile in `profile`, plus any extra flags and prefs."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.fail(
            f"browser tests need Debian's Chromium: missing {', '.join(missing)} "
            "(apt-get install chromium chromium-driver)",
            pytrace=False,
        )
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *extra_args,
    ):
        options.add_argument(arg)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(page_load_timeout)
    return driver
