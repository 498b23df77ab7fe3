"""Headless Chromium through Playwright for the browser tests: the system's, never a download.

CI installs Debian's `chromium` package (.ci/run); Playwright drives that executable,
so nothing runs `playwright install`. Without it the browser tests are skipped.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from playwright.async_api import Browser, async_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str:
    """Return the system's Chromium, or skip the test when there is none."""
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("chromium is not installed (CI installs Debian's chromium package)")
    return found


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """Yield the system's Chromium, headless, started by Playwright; always close it."""
    executable = chromium_path()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            await browser.close()
