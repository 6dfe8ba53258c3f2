"""Visit every page of the built site in headless Chromium and check what a
reader gets.

Needs the built book (``jupyter-book build .`` writes ``_build/html``) and
Debian's Chromium at /usr/bin/chromium, driven through Python playwright
(``playwright install`` is never used). Without Chromium or the built site
the test skips with a message, except under ``CI=true``, where it fails.

For every page, in light mode (the network checks cover what the page itself
loads; axe-core runs afterwards, so its own fetches do not count):
- no console error and no uncaught exception (see ALLOWED_CONSOLE_ERRORS);
- no failed request, and no request to any host but the local server;
- every math element rendered by MathJax, with no raw TeX and no MathJax error;
- every <img> decoded (naturalWidth > 0);
- no serious or critical accessibility violation (axe-core);
- on pages with interactive figures, moving each slider changes the image.
In dark mode the console and accessibility checks run again.

The page weights (bytes transferred) are written to
``_build/browser-report.json``.
"""

from __future__ import annotations

import functools
import http.server
import json
import pathlib
import re
import shutil
import threading
import urllib.parse

import pytest
from jupyter_harness import CHROMIUM, CHROMIUM_ARGS, unavailable

ROOT = pathlib.Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"

#: Console errors we accept, each with the reason. Only for third-party code
#: we cannot fix. Empty: no page logs an error today.
ALLOWED_CONSOLE_ERRORS: dict[str, str] = {}

#: Upper bounds on what one page transfers with an empty cache, uncompressed
#: (the test server does not gzip). The shared part is about 2.2 MB: MathJax
#: (1.2 MB), the theme's CSS and icon fonts (the theme's 1.5 MB FontAwesome
#: script is dropped by _ext/site_assets.py). The page's own HTML carries the
#: interactive figures' frames.
PAGE_WEIGHT_BUDGET = 4_000_000
HTML_WEIGHT_BUDGET = 1_000_000

pytestmark = pytest.mark.browser


def site_pages() -> list[str]:
    if not SITE.is_dir():
        return []
    skip_dirs = {"_static", "_sources", "_images", "mathjax", "_sphinx_design_static"}
    pages = []
    for path in sorted(SITE.rglob("*.html")):
        rel = path.relative_to(SITE)
        if rel.parts[0] in skip_dirs:
            continue
        pages.append(rel.as_posix())
    return pages


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def server():
    if not SITE.is_dir():
        unavailable(f"no built site at {SITE}: run `jupyter-book build .` first")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        unavailable("Chromium is not installed: `apt-get install chromium` "
                     "(Debian) to run the browser test")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: `pip install -r requirements-dev.txt`")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report():
    data = {}
    yield data
    out = ROOT / "_build" / "browser-report.json"
    if data:
        out.write_text(json.dumps(data, indent=1, sort_keys=True))


class PageLog:
    """Everything a page did while loading: console, requests, failures."""

    def __init__(self, page, origin: str):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.bytes = 0
        self.html_bytes = 0
        self.origin = urllib.parse.urlsplit(origin).netloc
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("request", self._request)
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url} ({req.failure})"))
        page.on("requestfinished", self._finished)
        page.on("response", self._response)

    def _console(self, msg):
        if msg.type == "error" and not any(k in msg.text for k in ALLOWED_CONSOLE_ERRORS):
            self.console_errors.append(msg.text)

    def _request(self, req):
        parts = urllib.parse.urlsplit(req.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.origin:
            self.foreign.append(req.url)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")

    def _finished(self, req):
        try:
            sizes = req.sizes()
        except Exception:  # a request of a page already closed
            return
        self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if req.resource_type == "document":
            self.html_bytes += sizes["responseBodySize"]

    def assert_clean(self, where: str):
        assert not self.foreign, f"{where}: requests to other hosts: {self.foreign}"
        assert not self.failed, f"{where}: failed requests: {self.failed}"
        assert not self.page_errors, f"{where}: uncaught exceptions: {self.page_errors}"
        assert not self.console_errors, f"{where}: console errors: {self.console_errors}"


def open_page(browser, url: str, scheme: str):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log = PageLog(page, url)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, log


def wait_for_mathjax(page):
    page.evaluate("""async () => {
        if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
            await MathJax.startup.promise;
        }
    }""")


def check_math(page, where: str):
    result = page.evaluate("""() => {
        const math = Array.from(document.querySelectorAll('.math'));
        return {
            total: math.length,
            unrendered: math.filter(m => !m.querySelector('mjx-container'))
                            .map(m => m.textContent.slice(0, 80)),
            errors: Array.from(document.querySelectorAll('mjx-merror'))
                         .map(e => e.textContent.slice(0, 80)),
            mathjax: !!window.MathJax,
        };
    }""")
    if result["total"]:
        assert result["mathjax"], f"{where}: math on the page but MathJax did not load"
    assert not result["unrendered"], f"{where}: raw TeX left: {result['unrendered']}"
    assert not result["errors"], f"{where}: MathJax errors: {result['errors']}"
    body = page.inner_text("article") if page.query_selector("article") else ""
    for raw in ("\\(", "\\)", "$$", "\\begin{"):
        assert raw not in body, f"{where}: raw TeX delimiter {raw!r} visible"
    # a "$" left in the prose (outside code and rendered math) is TeX that was
    # not parsed: glued Markdown read as CommonMark, or $$ glued to a list item
    prose = page.evaluate("""() => {
        const article = document.querySelector('article');
        if (!article) return '';
        const copy = article.cloneNode(true);
        copy.querySelectorAll('pre, code, .highlight, .cell_input, mjx-container, .math')
            .forEach(e => e.remove());
        return copy.textContent;
    }""")
    stray = [prose[max(0, m.start() - 40):m.end() + 40] for m in re.finditer(r"\$", prose)]
    assert not stray, f"{where}: unparsed TeX (a '$' in the text): {stray[:3]}"
    return result["total"]


def check_images(page, where: str):
    page.evaluate("""async () => {
        for (const img of document.images) { img.loading = 'eager'; }
        await Promise.all(Array.from(document.images).map(
            img => img.decode().catch(() => null)));
    }""")
    broken = page.evaluate("""() => Array.from(document.images)
        .filter(img => !(img.complete && img.naturalWidth > 0))
        .map(img => img.src.slice(0, 100))""")
    assert not broken, f"{where}: images that did not decode: {broken}"
    return page.evaluate("document.images.length")


def check_accessibility(page, where: str):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{where}: accessibility violations:\n" + "\n".join(bad)


def check_sliders(page, where: str):
    figures = page.query_selector_all("figure.l1l2-interactive")
    for k, figure in enumerate(figures):
        img = figure.query_selector("img.l1l2-frame")
        for slider in figure.query_selector_all("input.l1l2-slider"):
            before = img.get_attribute("src")
            label = figure.query_selector(f"output[data-for='{slider.get_attribute('id')}']")
            label_before = label.inner_text()
            at_max = slider.get_attribute("value") == slider.get_attribute("max")
            slider.focus()
            page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
            after = img.get_attribute("src")
            assert after != before, f"{where}: figure {k}: moving a slider did not change it"
            assert label.inner_text() != label_before, f"{where}: slider label did not update"
            assert page.evaluate("(img) => img.naturalWidth > 0 || img.decode().then(() => "
                                 "img.naturalWidth > 0)", img)
    return len(figures)


@pytest.mark.parametrize("page_path", site_pages() or ["index.html"])
def test_page_in_light_mode(browser, server, report, page_path):
    where = page_path
    context, page, log = open_page(browser, f"{server}/{page_path}", "light")
    try:
        wait_for_mathjax(page)
        n_math = check_math(page, where)
        n_images = check_images(page, where)
        n_figures = check_sliders(page, where)
        page.wait_for_load_state("networkidle")
        log.assert_clean(where)
        # axe runs last: its own fetches (it re-reads stylesheets, and resolves
        # @import relative to the page) are the test's, not the reader's.
        check_accessibility(page, where)
        assert log.bytes <= PAGE_WEIGHT_BUDGET, (
            f"{where}: {log.bytes} bytes transferred, budget {PAGE_WEIGHT_BUDGET}")
        assert log.html_bytes <= HTML_WEIGHT_BUDGET, (
            f"{where}: its HTML weighs {log.html_bytes} bytes, budget {HTML_WEIGHT_BUDGET}")
        report[page_path] = {"bytes": log.bytes, "html_bytes": log.html_bytes, "math": n_math,
                             "images": n_images, "interactive_figures": n_figures}
    finally:
        context.close()


@pytest.mark.parametrize("page_path", site_pages() or ["index.html"])
def test_page_in_dark_mode(browser, server, page_path):
    where = f"{page_path} (dark)"
    context, page, log = open_page(browser, f"{server}/{page_path}", "dark")
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        wait_for_mathjax(page)
        check_math(page, where)
        log.assert_clean(where)
        check_accessibility(page, where)
    finally:
        context.close()


def test_the_site_has_pages():
    if not SITE.is_dir():
        unavailable(f"no built site at {SITE}: run `jupyter-book build .` first")
    pages = site_pages()
    assert "index.html" in pages and "chapters/01_three_losses.html" in pages


@pytest.mark.parametrize("page_path", ["chapters/01_three_losses.html",
                                       "chapters/09_geometry_of_sparsity.html"])
def test_a_printed_chapter_wraps_code_and_prints_figures_without_controls(browser, server,
                                                                           page_path):
    # Print media at an A4 page width: nothing is cut at the right edge.
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        page.emulate_media(media="print")
        cut = page.evaluate("""() => [...document.querySelectorAll('pre')]
            .filter(pre => pre.offsetParent !== null && pre.scrollWidth > pre.clientWidth + 1)
            .map(pre => pre.textContent.slice(0, 60))""")
        assert not cut, f"{page_path}: printed code is cut at the page edge: {cut[:3]}"
        shown = page.evaluate("""() => ({
            controls: [...document.querySelectorAll('.l1l2-controls')]
                .filter(el => el.offsetParent !== null).length,
            figures: [...document.querySelectorAll('figure.l1l2-interactive img')]
                .filter(img => img.offsetParent !== null && img.naturalWidth > 0).length,
            nav: [...document.querySelectorAll('.bd-sidebar-primary, .bd-header')]
                .filter(el => el.offsetParent !== null).length,
            wide: document.documentElement.scrollWidth > window.innerWidth + 1})""")
        assert shown["controls"] == 0 and shown["nav"] == 0, shown
        assert shown["figures"] >= 1 and not shown["wide"], shown
    finally:
        context.close()


def test_jupyter_buttons_of_a_chapter_open_and_download_its_reader_notebook():
    # _ext/site_assets.py, item 8: Binder and Colab open notebooks/, and the
    # site's copy of the .ipynb is the reader version (no MyST, an install cell).
    if not SITE.is_dir():
        unavailable(f"no built site at {SITE}: run `jupyter-book build .` first")
    for page in sorted((SITE / "chapters").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        launch = re.findall(r'href="(https://(?:mybinder\.org|colab\.research\.google\.com)'
                            r'/[^"]+)"', html)
        assert len(launch) == 2, f"{page.name}: Binder and Colab buttons, got {launch}"
        assert all(url.endswith(f"notebooks/{page.stem}.ipynb") for url in launch), launch
        download = SITE / "_sources" / "chapters" / f"{page.stem}.ipynb"
        assert download.read_bytes() == (ROOT / "notebooks" / download.name).read_bytes()
