"""The built site (_build/html) served on 127.0.0.1, and Debian's Chromium for Playwright.

Nothing here downloads a browser: without /usr/bin/chromium the tests are skipped
(with the install command), or fail when ``CI=true``.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCREENS = Path(os.environ.get("SCREENSHOTS_DIR", "/tmp/screens"))
# Pages that are Sphinx machinery rather than report pages.
SKIP_PAGES = {"genindex.html", "search.html", "py-modindex.html"}
SKIP_DIRS = {"_static", "_sources", "_images", "_downloads", "_sphinx_design_static"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):   # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"{SITE}/index.html is missing: run `make book` first, then the "
                    "browser tests", pytrace=False)
    return SITE


@pytest.fixture(scope="session")
def site_url(site_dir):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_pages(site_dir) -> list[str]:
    """Every report page, as a path relative to the site root."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] in SKIP_DIRS or rel.as_posix() in SKIP_PAGES:
            continue
        pages.append(rel.as_posix())
    return pages


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at the system Chromium."""
    if not Path(CHROMIUM).exists():
        message = (f"Chromium is not installed at {CHROMIUM}; install it with "
                   "`apt-get install chromium` (Debian/Ubuntu), then rerun")
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def is_local(url: str, site_url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme == "http" and parts.netloc == urlsplit(site_url).netloc


class Visit:
    """One browser context that serves only 127.0.0.1 and records what went wrong."""

    def __init__(self, browser, site_url: str, **context_args):
        self.site_url = site_url
        self.context = browser.new_context(service_workers="block", **context_args)
        self.outside: list[str] = []          # requests to any other host (aborted)
        self.problems: list[str] = []         # console errors, failed requests, 4xx/5xx
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda req: req.url.startswith(site_url) and
                     self.problems.append(f"request failed: {req.url} ({req.failure})"))
        self.page.on("response", lambda res: res.status >= 400 and
                     self.problems.append(f"HTTP {res.status}: {res.url}"))

    def _route(self, route):
        if is_local(route.request.url, self.site_url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _console(self, msg):
        if msg.type == "error":
            self.problems.append(f"console error: {msg.text}")

    def open(self, path: str, wait: str = "load"):
        self.page.goto(self.site_url + path, wait_until=wait)
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture()
def visit(browser, site_url):
    """Factory: ``visit(**context_args)`` -> Visit; contexts are closed afterwards."""
    opened = []

    def make(**context_args):
        v = Visit(browser, site_url, **context_args)
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()


@pytest.fixture(scope="session")
def crawl(browser, site_url, site_pages):
    """Load every page once; per page: problems, outside requests, ids, links, images."""
    v = Visit(browser, site_url)
    report = {}
    try:
        for rel in site_pages:
            v.problems.clear()
            v.outside.clear()
            page = v.open(rel)
            page.wait_for_load_state("networkidle")
            info = page.evaluate("""() => ({
                ids: Array.from(document.querySelectorAll('[id]'), e => e.id),
                bib: Array.from(document.querySelectorAll(
                    '[role="doc-biblioentry"], div.citation'), e => e.id).filter(Boolean),
                links: Array.from(document.querySelectorAll('a[href]'), a => ({
                    href: a.href, raw: a.getAttribute('href'),
                    cite: !!a.closest('.bibtex-citation'), text: a.textContent.trim()})),
                imgs: Array.from(document.images, i => ({src: i.currentSrc || i.src,
                    alt: i.getAttribute('alt')})),
                nav: Array.from(document.querySelectorAll(
                    '.bd-sidebar-primary nav a[href], nav.bd-docs-nav a[href]'), a => a.href),
            })""")
            info["problems"] = list(v.problems)
            info["outside"] = list(v.outside)
            report[rel] = info
    finally:
        v.close()
    return report


@pytest.fixture(scope="session")
def shoot():
    """``shoot(page, name)``: a screenshot into $SCREENSHOTS_DIR (default /tmp/screens)."""
    def take(page, name: str) -> Path:
        SCREENS.mkdir(parents=True, exist_ok=True)
        path = SCREENS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path
    return take
