"""Open every page of the built site in headless Chromium, served on localhost, as a reader would.

Each page is loaded at 1280 px and at 390 px (a phone). Fails on console errors, failed or
non-local requests, images that did not render, a table wider than its container at 1280 px,
and a page wider than the phone's screen. A page with a problem is saved as a screenshot under a
temporary directory (printed with the failure); set NEWSFACTS_SCREENSHOTS=DIR to save every page at
both widths there (they are two thirds of this test's time, so not taken by default).
Also: Material's search finds words that are on the site, and the data tables filter and sort
offline.
"""

import functools
import http.server
import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

# tables (and wide figures) that stick out of the content column, at the current viewport
OVERFLOW_JS = """() => {
  const col = document.querySelector('.md-content__inner');
  const right = col.getBoundingClientRect().right + 1;
  const out = [];
  for (const t of col.querySelectorAll('table, figure, svg, img, pre')) {
    const r = t.getBoundingClientRect();
    if (r.width && r.right > right)
      out.push(`${t.tagName.toLowerCase()} ends at ${Math.round(r.right)} > ${Math.round(right)}`);
  }
  for (const w of col.querySelectorAll('.nf-tablewrap, .md-typeset__scrollwrap')) {
    if (w.offsetParent !== null && w.scrollWidth > w.clientWidth + 1)
      out.push(`table scrolls: ${w.scrollWidth} > ${w.clientWidth}: ${w.textContent.slice(0, 40)}`);
  }
  return out;
}"""


def _need_chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Chromium whose requests to any host but this one go to a proxy that refuses them (a port bound but not
    listening; loopback is never proxied), so none leaves the machine; `_page` reports them. Playwright's
    request interception (page.route) could block them too, but it turns the browser's HTTP cache off:
    every page then fetched and compiled the theme's CSS and JavaScript again (a quarter of this file's
    browser CPU time)."""
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with socket.socket() as closed, sync_playwright() as pw:
        closed.bind(("127.0.0.1", 0))
        proxy = f"--proxy-server=http://127.0.0.1:{closed.getsockname()[1]}"
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, proxy])
        yield b
        b.close()


def _page(browser, problems, viewport):
    page = browser.new_page(viewport=viewport)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # a request cut short because the test moved on to the next page is not a fault of the site (a
    # missing file answers 404, caught below)
    page.on(
        "requestfailed",
        lambda r: "ERR_ABORTED" not in (r.failure or "") and problems.append(f"request failed: {r.url} ({r.failure})"),
    )
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    # a request to another host: reported here, and refused by the browser fixture's proxy (a failed request)
    page.on(
        "request",
        lambda r: (
            urlparse(r.url).hostname not in ("127.0.0.1", "localhost")
            and problems.append(f"non-local request: {r.url}")
        ),
    )
    return page


def _in_flight(page) -> set:
    """The requests `page` has started and not yet finished or failed (kept current by its events)."""
    pending: set = set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    return pending


def _settle(page, pending: set, problems: list, rel: str) -> None:
    """Wait until the requests still in flight after the page's checks (the search index, the favicon
    once asked for) have finished, so that a failure there is seen before the next page cancels them.
    The full-page screenshot taken after every page used to give them that time."""
    deadline = time.monotonic() + 20
    while pending:
        if time.monotonic() > deadline:
            problems.append(f"{rel}: requests still loading after 20 s: {sorted(r.url for r in pending)}")
            return
        page.wait_for_timeout(10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> tuple[Path, bool]:
    """Where screenshots go, and whether every page is taken (NEWSFACTS_SCREENSHOTS) or only those with a problem."""
    every = bool(os.environ.get("NEWSFACTS_SCREENSHOTS"))
    out = Path(os.environ["NEWSFACTS_SCREENSHOTS"]) if every else tmp_path_factory.mktemp("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    print(f"screenshots in {out}")
    return out, every


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_page_renders_and_fits(site, server, browser, shots, width):
    viewport = DESKTOP if width == "desktop" else PHONE
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) >= 25
    problems = []
    page = _page(browser, problems, viewport)
    pending = _in_flight(page)
    out, every = shots
    for rel in pages:
        if rel == "404.html":
            continue
        seen = len(problems)
        page.goto(f"{server}/{rel}", wait_until="load")
        broken = page.evaluate(
            "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        problems += [f"{rel}: image did not render: {src}" for src in broken]
        if width == "desktop":
            problems += [f"{rel}: {p}" for p in page.evaluate(OVERFLOW_JS)]
        else:
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > viewport["width"]:
                problems.append(f"{rel}: page is {wide} px wide on a {viewport['width']} px phone")
        _settle(page, pending, problems, rel)
        if every or len(problems) > seen:
            # JPEG: half the time of PNG for the long data pages, still sharp enough to read
            page.screenshot(
                path=str(out / f"{width}-{rel.replace('/', '_')}.jpg"), full_page=True, type="jpeg", quality=70
            )
    page.close()
    assert problems == []


def test_overflow_check_catches_a_wide_table(server, browser):
    """The overflow check above is not vacuous: a table made too wide is reported."""
    page = _page(browser, [], DESKTOP)
    page.goto(f"{server}/quality.html", wait_until="load")
    assert page.evaluate(OVERFLOW_JS) == []
    page.evaluate("document.querySelector('.md-content__inner table').style.minWidth = '2000px'")
    assert page.evaluate(OVERFLOW_JS) != []
    page.close()


def test_a_non_local_request_is_reported_and_refused(server, browser):
    """The non-local check above is not vacuous: a request to another host is reported, and the proxy (not the
    network) refuses it."""
    url = "http://example.org/newsfacts.js"
    problems = []
    page = _page(browser, problems, DESKTOP)
    page.goto(f"{server}/index.html", wait_until="load")
    answer = page.evaluate("url => fetch(url, {mode: 'no-cors'}).then(() => 'answered', () => 'refused')", url)
    page.close()
    assert answer == "refused"
    assert f"non-local request: {url}" in problems
    assert f"request failed: {url} (net::ERR_PROXY_CONNECTION_FAILED)" in problems, problems


def _search(page, server, word):
    # Material sends the query to its search worker once the index is ready, whenever it was typed:
    # no need to wait for the network to go quiet first (networkidle is 500 ms without a request)
    page.goto(f"{server}/index.html", wait_until="load")
    page.locator("input.md-search__input").click()
    page.keyboard.type(word, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    return page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link", "els => els.map(e => new URL(e.href).pathname)"
    )


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Peskov", {"/data/actors.html", "/sources/cnn-2022-09-29.html"}),
        ("Kherson", {"/findings.html"}),
        ("sham", {"/data/quotes.html"}),
    ],
)
def test_search_finds_what_is_on_the_site(server, browser, word, expected):
    problems = []
    page = _page(browser, problems, DESKTOP)
    found = set(_search(page, server, word))
    page.close()
    assert expected <= found, (word, sorted(found))
    assert problems == []


def test_data_tables_filter_and_sort_offline(server, browser):
    problems = []
    page = _page(browser, problems, DESKTOP)
    page.goto(f"{server}/data/quotes.html", wait_until="load")
    rows = page.locator("table.nf-data tbody tr")
    total = rows.count()
    assert total > 20
    page.fill(".nf-browse input[type=search]", "sham")
    visible = page.eval_on_selector_all("table.nf-data tbody tr:not([hidden])", "rs => rs.map(r => r.textContent)")
    assert 0 < len(visible) < total and all("sham" in t.lower() for t in visible)
    assert page.text_content(".nf-count") == f"{len(visible)} of {total} rows"
    page.fill(".nf-browse input[type=search]", "")
    page.select_option("select[data-col='2']", "term")  # kind
    kinds = page.eval_on_selector_all(
        "table.nf-data tbody tr:not([hidden]) td:nth-child(3)", "cs => cs.map(c => c.textContent)"
    )
    assert kinds and set(kinds) == {"term"}
    page.select_option("select[data-col='2']", "")
    page.click("table.nf-data th:nth-child(2) button")  # speaker, ascending
    speakers = page.eval_on_selector_all(
        "table.nf-data tbody tr td:nth-child(2)", "cs => cs.map(c => c.getAttribute('data-sort'))"
    )
    named = [s for s in speakers if s]
    assert len(named) > 5 and speakers == named + [""] * (len(speakers) - len(named))
    assert named == sorted(named, key=str.lower)
    # each row links to its source page, where the quote is shown in its sentence
    link = page.locator("table.nf-data tbody tr td:last-child a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    target = href.split("#")[1]
    assert page.locator(f"[id='{target}'] mark").count() == 1
    page.close()
    assert problems == []


def _evaluation_fixture() -> str:
    from newsfacts.publish.evaluate import COLUMNS

    cols = list(COLUMNS[2:])  # after scope and half
    counts = {"quotes_key", "speakers_key", "figures_key", "figures_found"}
    lines = ["scope,half," + ",".join(cols)]
    for scope in ["develop", "check", "all"] + [f"d{i:02d}" for i in range(1, 49)]:
        half = {"all": ""}.get(scope, "develop" if scope == "develop" or scope[-1] in "13579" else "check")
        lines.append(f"{scope},{half}," + ",".join("120" if c in counts else "0.875" for c in cols))
    return "\n".join(lines) + "\n"


def test_quality_page_with_the_evaluation_fits_at_1280(server, browser, tmp_path):
    """The out-of-sample tables (summary and the 48 excerpts, opened) stay inside the column."""
    import markdown

    from conftest import ROOT
    from newsfacts.docsite.quality import quality_page

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "quality.csv").write_text((ROOT / "reports" / "quality.csv").read_text("utf-8"))
    (tmp_path / "reports" / "evaluation.csv").write_text(_evaluation_fixture())
    body = markdown.markdown(quality_page(tmp_path), extensions=["tables", "admonition", "attr_list", "toc"])
    problems = []
    page = _page(browser, problems, DESKTOP)
    page.goto(f"{server}/quality.html", wait_until="load")
    page.evaluate("html => { document.querySelector('.md-content__inner').innerHTML = html; }", body)
    page.click("details.nf-details summary")
    assert page.locator("table.nf-eval-excerpts tbody tr").count() == 2 * 48
    assert page.evaluate(OVERFLOW_JS) == []
    page.close()
    assert problems == []


def test_opened_from_disk_the_site_says_how_to_serve_it(site, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto((site / "index.html").as_uri(), wait_until="load")
    assert "make serve" in page.text_content(".nf-file-note")
    page.close()


def test_served_over_http_there_is_no_file_note(server, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server}/index.html", wait_until="load")
    assert page.locator(".nf-file-note").count() == 0 and page.locator("input.md-search__input").is_visible()
    page.close()
