"""The report as PDF, printed by headless Chromium through Playwright.

Why Chromium rather than weasyprint: the PDF is then the very page the browser test
checks (same HTML, CSS grid, inline SVG and CJK fonts), Debian ships Chromium as one
package, and Playwright is already what the tests drive. Browsers are never downloaded:
Playwright launches the system's Chromium by its path.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from html import escape
from pathlib import Path

from borderlink.errors import ConfigError

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PDF_EXTRA = "the PDF needs the 'pdf' extra: pip install borderlink[pdf]"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def find_chromium(explicit: Path | None = None) -> Path:
    """The browser to print with: the one named, $BORDERLINK_CHROMIUM, or one on PATH.

    Fails first when the optional 'pdf' extra (playwright) is not installed.
    """
    if importlib.util.find_spec("playwright") is None:
        raise ConfigError(PDF_EXTRA)
    if explicit is not None:
        if not Path(explicit).is_file():
            raise ConfigError(f"no Chromium at {explicit}")
        return Path(explicit)
    env = os.environ.get("BORDERLINK_CHROMIUM")
    if env:
        if not Path(env).is_file():
            raise ConfigError(f"BORDERLINK_CHROMIUM={env} is not a file")
        return Path(env)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise ConfigError(
        "no Chromium found to print the PDF: install it ('make system-deps' or "
        "'apt-get install chromium'), "
        "set BORDERLINK_CHROMIUM, or write the report without its PDF"
    )


def print_pdf(html: Path, pdf: Path, chromium: Path, marking: str = "") -> Path:
    """Print the HTML file to an A4 PDF with the marking on top of every page and page
    numbers below; no request leaves the page."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - find_chromium checked it
        raise ConfigError(PDF_EXTRA) from exc
    footer = (
        '<div style="font-size:8px;color:#5b6b7b;width:100%;text-align:center;">'
        '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )
    header = (
        '<div style="font-size:8px;color:#7a1f1f;font-weight:bold;width:100%;'
        f'text-align:center;">{escape(marking)}</div>'
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith("file:")
                        else route.abort()
                    ),
                )
                page.goto(html.resolve().as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(
                    path=str(pdf),
                    format="A4",
                    print_background=True,
                    prefer_css_page_size=True,
                    display_header_footer=True,
                    header_template=header,
                    footer_template=footer,
                )
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise ConfigError(
            f"Chromium could not print {html.name} to PDF: {str(exc).splitlines()[0]}"
        ) from exc
    return pdf
