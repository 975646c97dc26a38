"""The web pages end to end: headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)
against a `newsgraph serve` this module starts on a free localhost port, over a DuckDB
ingested from the seed, the 84 PolNeAR dev articles and one article full of XSS payloads.

A screenshot of every page goes to artifacts/ for a reviewer. Without Chromium or
Playwright the module skips, unless NEWSGRAPH_REQUIRE_BROWSER is set (`make test`).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import POLNEAR_DEV, ROOT, SEED

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts"
PUBLISHED = "2021-06-15"
XSS_TITLE = "Payload <script>window.__xss=1</script> in the title"
XSS_PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"></svg>',
    '"><iframe src="javascript:window.__xss=1"></iframe>',
    "<b onmouseover=window.__xss=1>bold</b>",
]


def _browser_or_skip():
    why = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = "the playwright package is not installed (pip install 'playwright>=1.40')"
    if why is None and not Path(CHROMIUM).is_file():
        why = f"{CHROMIUM} is missing (apt-get install chromium)"
    if why:
        if os.environ.get("NEWSGRAPH_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests required but {why}")
        pytest.skip(f"browser tests skipped: {why}")
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.loads(answer.read())


@pytest.fixture(scope="module")
def sync_playwright():
    return _browser_or_skip()


@pytest.fixture(scope="module")
def server(tmp_path_factory, sync_playwright, nlp):
    """The base URL of a server over the test corpus; the database is ingested once for the module."""
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    tmp = tmp_path_factory.mktemp("web")
    xss = tmp / "xss.jsonl"
    xss.write_text(json.dumps({
        "id": "xss.txt", "title": XSS_TITLE, "url": "javascript:window.__xss=1", "published": PUBLISHED,
        "text": f"Officials said {XSS_PAYLOADS[0]} was found on the site.\n\n"
                f"The ministry said {XSS_PAYLOADS[1]} and {XSS_PAYLOADS[2]} appeared in the report.\n\n"
                f"\"We condemn {XSS_PAYLOADS[3]} and {XSS_PAYLOADS[4]},\" the spokesman told reporters.",
    }) + "\n", encoding="utf-8")
    db = tmp / "web.duckdb"
    store = open_store(str(db))
    summary = ingest([str(SEED), str(POLNEAR_DEV / "text"), str(xss)], store, published=PUBLISHED, progress=False)
    store.close()  # DuckDB allows one writer: the server opens the file next
    assert summary.failed == 0 and summary.added == 86, summary.line()

    port = _free_port()
    log = (tmp / "server.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get_json(f"{base}/api/health")
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"the server did not start: {(tmp / 'server.log').read_text()[-2000:]}")
            time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser(sync_playwright, server):
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records dialogs, script errors and console errors; a test ends with none of them."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=server)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    yield tab
    errors = tab.errors
    context.close()
    assert not errors, errors


def _open(page, path: str):
    page.goto(path)
    page.wait_for_selector("body[data-ready]")
    return page


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


@pytest.fixture(scope="module")
def seed(server) -> dict:
    (doc,) = _get_json(f"{server}/api/search?q=normalize+ties")["documents"]
    return _get_json(f"{server}/api/documents/{doc['id']}")


@pytest.fixture(scope="module")
def xss_id(server) -> str:
    (doc,) = _get_json(f"{server}/api/search?q=__xss")["documents"]
    return doc["id"]


# ---- reader -------------------------------------------------------------------

def test_web_reader_shows_quotes_with_speakers_and_events(page, seed):
    _open(page, f"/documents/{seed['document']['id']}")
    names = {a["id"]: a["name"] for a in seed["actors"]}
    items = page.locator("li.quote-item")
    assert items.count() == len(seed["quotes"]) > 0
    for k, quote in enumerate(seed["quotes"]):
        item = items.nth(k).inner_text()
        assert names.get(quote["speaker"], "unattributed") in item and quote["text"] in item
    chips = page.locator(".margin .speaker-chip").all_inner_texts()
    assert "United States government" in chips
    assert len(chips) == sum(1 for q in seed["quotes"] if q.get("in") != "title")
    events = page.locator("li.event")
    assert events.count() == len(seed["events"])
    rejects = events.filter(has_text="REJECT").filter(has_text="United States government")
    assert rejects.count() > 0
    assert page.locator(".doc-title").inner_text() == seed["document"]["title"]
    # every actor mention is underlined and names its actor on hover
    washington = page.locator(".doc-body .seg.mention", has_text="Washington").first
    assert "United States government (USAGOV)" in washington.get_attribute("title")
    assert page.locator("svg.map .place-dot").count() > 0
    _shot(page, "reader")


def test_web_reader_click_event_highlights_its_evidence(page, seed):
    _open(page, f"/documents/{seed['document']['id']}")
    body_events = [e for e in seed["events"] if e["evidence"].get("in") != "title"]
    title_events = [e for e in seed["events"] if e["evidence"].get("in") == "title"]
    for event in body_events[:3] + title_events[:1]:
        page.locator(f'li.event[data-event="{event["id"]}"]').click()
        mark = page.locator("mark.focus")
        assert mark.count() == 1
        assert mark.inner_text() == event["evidence"]["text"]
        inside = ".doc-title" if event["evidence"].get("in") == "title" else ".doc-body"
        assert page.locator(f"{inside} mark.focus").count() == 1
        assert mark.is_visible() and page.locator(f'li.event[data-event="{event["id"]}"].active').count() == 1
    _shot(page, "reader-event")


def test_web_reader_click_quote_highlights_it(page, seed):
    _open(page, f"/documents/{seed['document']['id']}")
    quote = seed["quotes"][0]
    page.locator(f'li.quote-item[data-quote-item="{quote["id"]}"]').click()
    assert page.locator("mark.focus").inner_text() == quote["text"]
    # the speaker's mention is highlighted with the quote
    attributed = next(q for q in seed["quotes"] if q.get("speaker_mention") and q.get("in") != "title")
    page.locator(f'li.quote-item[data-quote-item="{attributed["id"]}"]').click()
    assert page.locator("mark.focus").inner_text() == attributed["text"]
    assert page.locator("mark.focus-speaker").count() == 1
    assert page.locator("mark.focus-speaker").inner_text() == attributed["speaker_mention"]["text"]
    # a speaker chip in the margin focuses its quote too
    page.locator(".margin .speaker-chip").nth(1).click()
    assert page.locator("mark.focus").inner_text() == seed["quotes"][1]["text"]


def test_web_reader_link_to_an_event_focuses_it(page, seed):
    event = seed["events"][1]
    _open(page, f"/documents/{seed['document']['id']}#{event['id']}")
    assert page.locator("mark.focus").inner_text() == event["evidence"]["text"]


def test_web_reader_unknown_document_says_so(page):
    _open(page, "/documents/0000")
    assert "No article" in page.locator("main").inner_text()
    page.errors.clear()  # the 404 fetch logs a console error by design


# ---- other pages ----------------------------------------------------------------

def test_web_index_lists_documents_and_links_every_page(page):
    _open(page, "/")
    assert page.locator("ul.doc-list li").count() == 20
    assert page.locator("#doc-total").inner_text() == "86"
    for path in ("/analyze", "/network", "/timeline", "/map", "/search"):
        assert page.locator(f'nav.top a[href="{path}"]').count() == 1
    assert page.locator("#actors li").count() > 0
    _shot(page, "index")


def test_web_index_most_present_actors_honour_the_filter(page, server):
    def listed():
        page.wait_for_selector("#actors ul.actor-list")
        return page.locator("#actors ul.actor-list > li > a:not(.code)").all_inner_texts()

    _open(page, "/")
    everyone = listed()
    assert everyone == [a["name"] for a in _get_json(f"{server}/api/actors?limit=25")["items"]]
    _open(page, "/?actor=SYRGOV&quad_class=4")
    expected = _get_json(f"{server}/api/actors?actor=SYRGOV&quad_class=4&limit=25")["items"]
    assert listed() == [a["name"] for a in expected] != everyone
    in_articles = page.locator("#actors li .muted").first.inner_text()
    assert in_articles.strip() == f"{expected[0]['documents']} articles"
    assert expected[0]["documents"] <= int(page.locator("#doc-total").inner_text())


def test_web_network_draws_nodes_and_edges_and_lists_edge_events(page):
    _open(page, "/network")
    assert page.locator("svg.network g.node circle").count() > 0
    assert page.locator("svg.network g.edge path.edge-line").count() > 0
    # click an edge where it shows (its midpoint, unless a node covers it there)
    point = page.evaluate("""() => {
      for (const edge of document.querySelectorAll('svg.network g.edge')) {
        const path = edge.querySelector('path.edge-hit');
        const mid = path.getPointAtLength(path.getTotalLength() / 2);
        const pt = path.ownerSVGElement.createSVGPoint();
        pt.x = mid.x; pt.y = mid.y;
        const screen = pt.matrixTransform(path.getScreenCTM());
        const hit = document.elementFromPoint(screen.x, screen.y);
        if (hit && hit.closest('g.edge') === edge) return [screen.x, screen.y];
      }
      return null;
    }""")
    assert point, "no edge can be clicked"
    page.mouse.click(*point)
    page.wait_for_selector("#details[data-loaded]")
    rows = page.locator("#details li.event-row")
    assert rows.count() > 0 and page.locator("#details blockquote.evidence").count() > 0
    assert page.locator("svg.network g.edge.selected").count() == 1
    _shot(page, "network")


def test_web_network_filters_by_root_and_actor(page):
    _open(page, "/network?root=12&actor=USAGOV")
    assert page.locator("select[name=root]").input_value() == "12"
    assert page.locator("svg.network g.edge").count() > 0
    titles = page.locator("svg.network g.edge").evaluate_all("els => els.map(e => e.dataset.source + '>' + e.dataset.target)")
    assert all("USAGOV" in t for t in titles)


def _browser_loaded(page, name: str):
    """The table browser `name` once its page of rows has arrived."""
    box = page.locator(f'[data-browser="{name}"]')
    page.wait_for_selector(f'[data-browser="{name}"][data-loaded]')
    return box


def test_web_actor_page_lists_quotes_and_events(page, server):
    _open(page, "/actors/USAGOV")
    assert page.locator("h1").inner_text().strip() == "USAGOV"
    said = _browser_loaded(page, "said")
    total = _get_json(f"{server}/api/quotes?actor=USAGOV&limit=1")["total"]
    assert said.locator("tbody tr").count() == min(25, total)
    assert said.locator(".showing").inner_text() == f"showing 1–{min(25, total)} of {total} quotes"
    assert _browser_loaded(page, "did").locator("tbody tr").count() > 0
    assert _browser_loaded(page, "done-to").locator("tbody tr").count() > 0
    assert page.locator("ul.partners li").count() > 0
    assert page.locator("svg.timeline rect.coop, svg.timeline rect.conflict").count() > 0
    _shot(page, "actor")


def test_web_actor_page_counts_partners_and_timeline_honour_the_filter(page, server):
    _open(page, "/actors/USAGOV?quad_class=4")
    did = _browser_loaded(page, "did")
    total = _get_json(f"{server}/api/events?source=USAGOV&quad_class=4&limit=1")["total"]
    assert did.locator(".showing").inner_text().endswith(f"of {total} events")
    heading = page.locator("section.panel h2", has_text="Did").locator(".count").inner_text()
    assert heading == str(total)
    partners = _get_json(f"{server}/api/actors/USAGOV?quad_class=4")["partners"]
    assert page.locator("ul.partners li").count() == len(partners)
    assert page.locator("svg.timeline rect.q1, svg.timeline rect.q2").count() == 0


def test_web_timeline_draws_bars_for_a_pair(page):
    _open(page, "/timeline?actor=USAGOV")
    assert page.locator("svg.timeline g.bar rect.q1, svg.timeline g.bar rect.q2").count() > 0
    _shot(page, "timeline")
    _open(page, "/timeline?actor=USAGOV&partner=USALEG")
    assert page.locator("svg.timeline g.bar").count() > 0


def test_web_search_links_results_to_the_reader(page, seed):
    _open(page, "/search?q=Assad")
    links = page.locator(".results-docs a.doc-title-link")
    assert f"/documents/{seed['document']['id']}" in links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert page.locator(".results-quotes li").count() > 0 and page.locator(".results-quotes mark").count() > 0
    _shot(page, "search")
    links.first.click()
    page.wait_for_selector("body[data-ready] .reader")


def test_web_analyze_renders_the_reader_view(page):
    page.goto("/analyze")
    page.fill("#text", "Russia condemned the sanctions imposed by the European Union, the Kremlin "
                       "spokesman said on Tuesday. \"We reject these measures,\" he told reporters in Moscow.")
    page.fill("#title", "Russia condemns EU sanctions")
    page.fill("#published", "2022-03-01")
    page.click("#analyze-button")
    page.wait_for_selector("body[data-ready] .reader", timeout=120_000)
    assert page.locator(".doc-title").inner_text() == "Russia condemns EU sanctions"
    assert page.locator("li.quote-item").count() > 0 and page.locator("li.event").count() > 0
    _shot(page, "analyze")


# ---- untrusted text ----------------------------------------------------------------

def _assert_inert(page):
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    injected = "main script, main img, main iframe, main svg:not(.map), [onerror], [onload], [onmouseover]"
    assert page.locator(injected).count() == 0


def test_web_xss_reader_shows_payloads_as_text(page, xss_id):
    _open(page, f"/documents/{xss_id}")
    page.locator("main").hover()
    page.wait_for_timeout(300)
    _assert_inert(page)
    body = page.locator(".doc-body").inner_text()
    for payload in XSS_PAYLOADS:
        assert payload in body
    assert page.locator(".doc-title").inner_text() == XSS_TITLE
    assert page.title().startswith(XSS_TITLE)
    # the stored javascript: URL is not a link
    assert page.locator('a[href^="javascript"]').count() == 0
    for event in page.locator("li.event").all():
        event.click()
    _assert_inert(page)
    _shot(page, "xss-reader")


def test_web_xss_search_shows_payloads_as_text(page, xss_id):
    _open(page, "/search?q=" + urllib.request.quote("<script>window.__xss=1</script>"))
    _assert_inert(page)
    assert page.locator(".results-docs a.doc-title-link").first.inner_text() == XSS_TITLE
    assert page.locator("#q").input_value() == "<script>window.__xss=1</script>"
    _open(page, "/search?q=onerror")
    _assert_inert(page)
    assert any('onerror="window.__xss=1"' in t for t in page.locator(".results-quotes li, .results-docs li")
               .all_inner_texts())
    _shot(page, "xss-search")


def test_web_xss_analyze_shows_payloads_as_text(page):
    page.goto("/analyze")
    page.fill("#text", "The minister said " + " ".join(XSS_PAYLOADS) + " was unacceptable.")
    page.fill("#title", XSS_TITLE)
    page.click("#analyze-button")
    page.wait_for_selector("body[data-ready] .reader", timeout=120_000)
    _assert_inert(page)
    assert page.locator(".doc-title").inner_text() == XSS_TITLE


# ---- filters, browsers, downloads (issue 15) -------------------------------------------

def test_web_actor_pagination_reaches_the_last_quote_of_usagov(page, server):
    everything = _get_json(f"{server}/api/quotes?actor=USAGOV&limit=500")
    assert everything["total"] == len(everything["items"]) > 25, "the test needs more than one page"
    _open(page, "/actors/USAGOV")
    said = _browser_loaded(page, "said")
    said.locator("button.last").click()
    page.wait_for_selector('[data-browser="said"][data-loaded] button.last[disabled]')
    total = everything["total"]
    first = (total - 1) // 25 * 25 + 1
    assert said.locator(".showing").inner_text() == f"showing {first}–{total} of {total} quotes"
    last = everything["items"][-1]
    assert said.locator("tbody tr").last.get_attribute("data-id") == f"{last['doc_id']}/{last['quote_id']}"
    # sorting by a column head asks the server and the order shows
    said.locator('button.sort[data-sort="speaker"]').click()
    page.wait_for_selector('[data-browser="said"][data-loaded] th[aria-sort="ascending"]')
    assert said.locator(".showing").inner_text().startswith("showing 1–25 of")


def test_web_filter_bar_changes_the_url_and_the_results(page, server):
    _open(page, "/")
    _browser_loaded(page, "events")
    before = page.locator('[data-browser="events"] .showing').inner_text()
    page.select_option(".filter-bar select[name=quad_class]", "4")
    page.fill(".filter-bar input[name=actor]", "USAGOV")
    page.click(".filter-bar button[type=submit]")
    page.wait_for_url("**/?*quad_class=4*")
    page.wait_for_selector("body[data-ready]")
    assert "actor=USAGOV" in page.url and "since=" not in page.url  # empty fields stay out of the URL
    expected = _get_json(f"{server}/api/events?actor=USAGOV&quad_class=4&limit=500")
    events = _browser_loaded(page, "events")
    assert events.locator(".showing").inner_text() != before
    assert events.locator(".showing").inner_text().endswith(f"of {expected['total']} events")
    ids = events.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert ids == [f"{e['doc_id']}/{e['event_id']}" for e in expected["items"][:15]]
    assert page.locator(".filter-bar select[name=quad_class]").input_value() == "4"
    docs = _get_json(f"{server}/api/documents?actor=USAGOV&quad_class=4&limit=1")["total"]
    assert page.locator("#doc-total").inner_text() == str(docs)
    # the same filter carries to the other pages through their URL
    _open(page, "/network?quad_class=4")
    assert page.locator("svg.network g.edge.conflict-edge").count() == page.locator("svg.network g.edge").count() > 0


def test_web_a_bad_date_names_the_pages_field(page):
    _open(page, "/?since=2021/06")
    _browser_loaded(page, "events")
    message = page.locator('[data-browser="events"] .showing').inner_text()
    assert "since '2021/06' is not valid" in message and "--" not in message
    page.errors.clear()  # the 400 fetches log console errors by design


def test_web_download_rows_equal_the_apis(page, server):
    import csv
    import io

    _open(page, "/?actor=USAGOV&plover=REJECT")
    events = _browser_loaded(page, "events")
    events.locator('button.sort[data-sort="goldstein"]').click()
    page.wait_for_selector('[data-browser="events"][data-loaded] th[aria-sort="ascending"]')
    href = events.locator("a.download.csv").get_attribute("href")
    with urllib.request.urlopen(server + href, timeout=30) as answer:
        rows = list(csv.DictReader(io.StringIO(answer.read().decode("utf-8"))))
    listed = _get_json(f"{server}/api/events?actor=USAGOV&plover=REJECT&sort=goldstein&limit=500")["items"]
    assert rows and [(r["doc_id"], r["event_id"]) for r in rows] == [(e["doc_id"], e["event_id"]) for e in listed]
    href = events.locator("a.download.gdelt-events").get_attribute("href")
    with urllib.request.urlopen(server + href, timeout=30) as answer:
        assert len(answer.read().decode("utf-8").splitlines()) == len(listed)
    quotes_href = _browser_loaded(page, "quotes").locator("a.download.jsonl").get_attribute("href")
    with urllib.request.urlopen(server + quotes_href, timeout=30) as answer:
        lines = [json.loads(line) for line in answer.read().decode("utf-8").splitlines()]
    assert lines == _get_json(f"{server}/api/quotes?actor=USAGOV&plover=REJECT&limit=500")["items"]


def test_web_search_for_assad_skips_articles_that_only_say_ambassador(page, server):
    import re

    _open(page, "/search?q=Assad")
    found = page.locator(".results-docs li")
    assert found.count() > 0
    results = set(found.locator("a.doc-title-link").evaluate_all(
        "els => els.map(a => decodeURIComponent(a.getAttribute('href').split('/').pop()))"))
    only_ambassador = [d["id"] for d in _get_json(f"{server}/api/documents?q=ambassador&limit=500")["items"]
                       if not re.search(r"\bAssad\b", _get_json(f"{server}/api/documents/{d['id']}")["document"]["text"]
                                        + (d["title"] or ""), re.I)]
    assert only_ambassador, "the corpus should hold an article saying 'ambassador' without 'Assad'"
    assert results.isdisjoint(only_ambassador)
    marks = page.locator(".results-docs .excerpt mark").all_inner_texts()
    assert marks and all(m.lower() == "assad" for m in marks)
    hits = [int(h) for h in found.evaluate_all("els => els.map(e => e.dataset.hits)")]
    assert hits == sorted(hits, reverse=True)


def test_web_timeline_stacks_quad_classes_and_lists_a_bars_events(page, server):
    _open(page, "/timeline?actor=USAGOV")
    assert page.locator("svg.timeline rect.q1, svg.timeline rect.q2").count() > 0
    assert page.locator("svg.timeline rect.q3, svg.timeline rect.q4").count() > 0
    assert page.locator("svg.timeline polyline.goldstein-line").count() == 1
    undated = _get_json(f"{server}/api/timeline?actor=USAGOV")["undated"]
    assert f"{undated['events']} events" in page.locator("#undated").inner_text()
    bar = page.locator('svg.timeline g.bar[role="button"]').last
    period = bar.get_attribute("data-period")
    bar.click()
    events = _browser_loaded(page, "bar")
    assert page.locator("svg.timeline g.bar.selected").count() == 1
    dates = events.locator("tbody tr td:first-child").all_inner_texts()
    assert dates and all(d.startswith(period) for d in dates)
    assert int(events.get_attribute("data-loaded")) >= int(bar.get_attribute("data-events"))


def test_web_network_is_readable_and_a_list_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    tab = context.new_page()
    _open(tab, "/network")
    labels = tab.locator("svg.network text.node-label").evaluate_all(
        "els => els.map(e => { const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })")
    assert labels
    overlaps = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert not overlaps
    # the hub is labelled with its canonical name, the code on hover
    hub = tab.locator("svg.network g.node").first
    key = hub.get_attribute("data-key")
    name = _get_json(f"{server}/api/pairs?limit=150")["items"]
    names = {p["source"]: p["source_name"] for p in name} | {p["target"]: p["target_name"] for p in name}
    assert tab.locator(f'svg.network text.node-label[data-key="{key}"]').text_content() == names[key][:27] + (
        "…" if len(names[key]) > 28 else names[key][27:])
    assert hub.locator("title").text_content().startswith(f"{names[key]} ({key})")
    edges = tab.locator("svg.network g.edge").count()
    tab.locator("#min-weight").fill("3")
    assert "min_events=3" in tab.url
    assert 0 < tab.locator("svg.network g.edge").count() < edges
    context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server)
    tab = phone.new_page()
    _open(tab, "/network")
    assert tab.locator("#pair-list li").first.is_visible() and not tab.locator("svg.network").is_visible()
    first = tab.locator("#pair-list li").first
    first.locator("button").click()
    tab.wait_for_selector("#details[data-loaded]")
    assert tab.locator("#details li.event-row").count() > 0
    phone.close()


SCREENS = {"index": "/", "actor": "/actors/USAGOV", "network": "/network", "timeline": "/timeline?actor=USAGOV",
           "search": "/search?q=Assad", "map": "/map", "analyze": "/analyze"}


def test_web_map_region_click_filters(page, server):
    _open(page, "/map")
    counts = {c["country"]: c["events"] for c in _get_json(f"{server}/api/map")["countries"]}
    assert page.locator("svg.world path.country").count() > 170
    assert page.locator("svg.world path.country.has-events").count() == sum(
        1 for code in counts if page.locator(f'svg.world path[data-code="{code}"]').count())
    target = next(code for code in counts if code != "USA" and page.locator(f'svg.world path[data-code="{code}"]').count())
    page.locator(f'svg.world path[data-code="{target}"]').dispatch_event("click")
    page.wait_for_url(f"**/map?country={target}")
    page.wait_for_selector("body[data-ready]")
    assert page.locator(".filter-bar input[name=country]").input_value() == target
    assert page.locator(f'svg.world path.selected[data-code="{target}"]').count() == 1
    events = _browser_loaded(page, "map-events")
    expected = _get_json(f"{server}/api/events?country={target}&limit=1")["total"]
    assert events.locator(".showing").inner_text().endswith(f"of {expected} events")
    # the filter goes on to the other pages
    page.locator("#map-side a", has_text="network").click()
    page.wait_for_selector("body[data-ready]")
    assert f"country={target}" in page.url
    assert page.locator(".filter-bar input[name=country]").input_value() == target


def test_web_map_admin1_region_click_filters(page, server):
    _open(page, "/map")
    regions = _get_json(f"{server}/api/map")["regions"]
    shaped = [r for r in regions if r["path"]]
    circled = [r for r in regions if not r["path"] and r["x"] is not None]
    assert page.locator("svg.world path.region-shape").count() == len(shaped) > 0  # the corpus names US states
    assert page.locator("svg.world circle.region").count() == len(circled) > 0  # and regions elsewhere
    placed = shaped + circled
    # the region with the most events but not every event of the corpus, so the filter visibly narrows
    everything = _get_json(f"{server}/api/events?limit=1")["total"]
    region = max((r for r in placed if 0 < r["events"] < everything), key=lambda r: r["events"])
    circle = page.locator(f'svg.world .region[data-code="{region["admin1"]}"]')
    assert region["name"] in circle.locator("title").text_content()
    circle.dispatch_event("click")
    page.wait_for_url(f"**/map?region={region['admin1']}")
    page.wait_for_selector("body[data-ready]")
    assert page.locator(".filter-bar input[name=region]").input_value() == region["admin1"]
    assert page.locator(f'svg.world .region.selected[data-code="{region["admin1"]}"]').count() == 1
    _shot(page, "map-region")
    named_there = _get_json(f"{server}/api/map?region={region['admin1']}")["regions"]
    assert len(named_there) > 25, "the test needs more regions than the list shows"
    assert page.locator("#map-side ol.region-list > li").count() == 25
    # what the list leaves out is said
    assert f"{len(named_there) - 25} more regions" in page.locator("#map-side p.more").last.inner_text()
    # the map starts zoomed in on the region; the wheel zooms out, a button shows the whole world again
    def width() -> float:
        return float(page.locator("svg.world").get_attribute("viewBox").split()[2])

    start = width()
    assert start < 360
    page.locator("svg.world").hover()
    page.mouse.wheel(0, 300)
    page.wait_for_function("start => parseFloat(document.querySelector('svg.world').getAttribute('viewBox')"
                           ".split(' ')[2]) > start", arg=start)
    page.click("#whole-world")
    assert width() == 360
    expected = _get_json(f"{server}/api/events?region={region['admin1']}&limit=500")
    assert 0 < expected["total"] < everything
    events = _browser_loaded(page, "map-events")
    assert events.locator(".showing").inner_text().endswith(f"of {expected['total']} events")
    assert region["events"] == sum(1 for e in expected["items"] if not e["negated"])
    # the other pages honour it: the articles page lists the articles that name the region
    page.locator("#map-side a", has_text="articles").click()
    page.wait_for_selector("body[data-ready]")
    assert f"region={region['admin1']}" in page.url
    assert page.locator(".filter-bar input[name=region]").input_value() == region["admin1"]
    assert page.locator("#doc-total").inner_text() == str(region["articles"])
    assert _browser_loaded(page, "events").locator(".showing").inner_text().endswith(
        f"of {expected['total']} events")


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)])
def test_web_screenshots_of_every_page(browser, server, seed, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, base_url=server)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    ARTIFACTS.mkdir(exist_ok=True)
    shown_ms: dict[str, dict[str, int]] = {}
    tab.goto("about:blank")  # the new context's renderer starts here, not in the first page's time
    for name, path in {**SCREENS, "reader": f"/documents/{seed['document']['id']}"}.items():
        for visit in ("first", "again"):  # a page opened anew, then reloaded as an analyst would
            tab.goto(path)
            if name == "analyze":
                break
            tab.wait_for_selector("body[data-ready]")
            # every table's rows in too; the time from navigation to here is when the page's data shows
            tab.wait_for_selector("[data-browser]:not([data-loaded])", state="detached")
            shown_ms.setdefault(name, {})[visit] = round(tab.evaluate("performance.now()"))
        tab.wait_for_timeout(200)
        # a phone page must not scroll sideways
        assert tab.evaluate("document.documentElement.scrollWidth") <= size[0] + 1, name
        tab.screenshot(path=str(ARTIFACTS / f"{name}-{size[0]}x{size[1]}.png"))
    context.close()
    assert not errors, errors
    (ARTIFACTS / f"page-times-{size[0]}x{size[1]}.json").write_text(json.dumps(shown_ms, indent=1) + "\n")
    # generous against a busy 2-core machine; the figures themselves are in artifacts/page-times-*.json
    assert max(max(t.values()) for t in shown_ms.values()) < 3000, shown_ms
