"""The HTML export in a real browser: every claim on the page, nothing fetched, no CSP violation.

The page holds no script, so the violations are caught by a listener that Playwright
adds before the page loads (through the DevTools protocol, which the page's policy
does not govern), and by Chromium's console, which reports every blocked load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from briefings import BUNDLED, TESTS, load_briefing
from browser import chromium
from html_pages import HOSTILE_V2
from playwright.async_api import Browser

from briefing.document.model import Briefing
from briefing.export import render

# In the slow layer: headless Chromium.
pytestmark = pytest.mark.slow

FIXTURES = TESTS / "fixtures"
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class Opened:
    """What the browser saw of one page: requests, console messages, violations."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.console: list[str] = []
        self.violations: list[str] = []
        self.claims_shown: dict[str, bool] = {}
        self.text = ""


async def open_page(browser: Browser, path: Path, briefing: Briefing) -> Opened:
    """Open the export at `path`; record what it asked for and said, and which claims show."""
    seen = Opened()
    page = await browser.new_page()
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.console.append(f"{message.type}: {message.text}"))
    await page.add_init_script(LISTEN)
    await page.goto(path.as_uri(), wait_until="load")
    for claim in briefing.claims():
        element = page.locator(f'[id="claim-{claim.id}"]')
        seen.claims_shown[claim.id] = await element.count() == 1 and await element.is_visible()
    seen.text = await page.locator("body").inner_text()
    seen.violations = await page.evaluate("window.__violations")
    await page.close()
    return seen


def write(tmp_path: Path, name: str, briefing: Briefing) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(render(briefing, None, "html"), encoding="utf-8")
    return path


@pytest.fixture
def hostile_v2(tmp_path: Path) -> Briefing:
    path = tmp_path / "hostile-v2.toml"
    path.write_text(HOSTILE_V2, encoding="utf-8")
    return load_briefing(path)


async def test_every_claim_shows_and_nothing_is_fetched_or_blocked(
    tmp_path: Path, hostile_v2: Briefing
) -> None:
    briefings = {
        "bundled": load_briefing(BUNDLED),
        "features-v2": load_briefing(FIXTURES / "features-v2.toml"),
        "hostile": load_briefing(FIXTURES / "hostile.toml"),
        "reader-hostile": load_briefing(FIXTURES / "reader-hostile.toml"),
        "reader-hostile-v2": load_briefing(FIXTURES / "reader-hostile-v2.toml"),
        "hostile-v2": load_briefing(FIXTURES / "hostile-v2.toml"),
        "hostile-v2-markup": hostile_v2,
    }
    async with chromium() as browser:
        for name, briefing in briefings.items():
            path = write(tmp_path, name, briefing)
            seen = await open_page(browser, path, briefing)
            assert all(seen.claims_shown.values()), (name, seen.claims_shown)
            assert len(seen.claims_shown) == len(briefing.claims())
            assert seen.requests == [path.as_uri()], (name, seen.requests)
            assert seen.violations == [], (name, seen.violations)
            assert not [m for m in seen.console if "Content Security Policy" in m], seen.console
            # The page's text, as a reader sees it, holds the claims' text.
            for claim in briefing.claims()[:3]:
                assert claim.text.split()[0] in seen.text


async def test_a_violation_is_seen_when_there_is_one(tmp_path: Path) -> None:
    # The checks above can fail: a page that loads an image and runs a script is caught.
    briefing = load_briefing(FIXTURES / "features-v2.toml")
    html = render(briefing, None, "html").replace(
        "</main>",
        '<img src="https://example.invalid/x.png"><script>document.title="x"</script></main>',
    )
    path = tmp_path / "broken.html"
    path.write_text(html, encoding="utf-8")
    async with chromium() as browser:
        seen = await open_page(browser, path, briefing)
    assert any(v.startswith("img-src https://example.invalid") for v in seen.violations), seen
    assert any(v.startswith("script-src") for v in seen.violations), seen.violations
    assert [m for m in seen.console if "Content Security Policy" in m]
    # Blocked, yet asked for: the request check would fail too.
    assert "https://example.invalid/x.png" in seen.requests


async def test_dark_and_print_styles_apply(tmp_path: Path) -> None:
    briefing = load_briefing(FIXTURES / "features-v2.toml")
    path = write(tmp_path, "features-v2", briefing)
    background = "getComputedStyle(document.documentElement).backgroundColor"
    async with chromium() as browser:
        light = await browser.new_page(color_scheme="light")
        await light.goto(path.as_uri())
        dark = await browser.new_page(color_scheme="dark")
        await dark.goto(path.as_uri())
        assert await light.evaluate(background) == "rgb(255, 255, 255)"
        assert await dark.evaluate(background) == "rgb(22, 22, 22)"
        await light.emulate_media(media="print")
        claim = "getComputedStyle(document.querySelector('.claim')).breakInside"
        assert await light.evaluate(claim) == "avoid"
        pdf = await light.pdf()
        assert pdf.startswith(b"%PDF")
