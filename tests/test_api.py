"""The REST API and the served pages, through FastAPI's TestClient (no browser, no server).

The database is built once for the module from the seed and a few PolNeAR dev articles.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SEED, polnear_corpus

pytest.importorskip("fastapi")
pytest.importorskip("httpx")  # TestClient needs it

from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.serve.app import CSP, MAX_BODY_BYTES, PAGES, STATIC, create_app  # noqa: E402

PAGE_PATHS = {"index": "/", "reader": "/documents/abc", "actor": "/actors/USAGOV", "analyze": "/analyze",
              "network": "/network", "timeline": "/timeline", "search": "/search", "map": "/map"}


@pytest.fixture(scope="module")
def api(tmp_path_factory, nlp):
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    tmp = tmp_path_factory.mktemp("api")
    store = open_store(str(tmp / "api.duckdb"))
    summary = ingest([str(SEED), str(polnear_corpus(tmp, 4))], store, published="2021-06-15", progress=False)
    assert summary.failed == 0, summary.failures
    with TestClient(create_app(store=store), raise_server_exceptions=False) as client:
        yield client
    store.close()


@pytest.fixture(scope="module")
def seed_id(api) -> str:
    (doc,) = api.get("/api/search", params={"q": "normalize ties"}).json()["documents"]
    return doc["id"]


# ---- endpoints answer -------------------------------------------------------

def test_api_health_counts_documents(api):
    body = api.get("/api/health").json()
    assert body["ok"] is True and body["engine"] == "duckdb" and body["documents"] == 5


def test_api_documents_paginate(api):
    first = api.get("/api/documents", params={"limit": 2}).json()
    second = api.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    last = api.get("/api/documents", params={"limit": 2, "offset": 4}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    assert {d["id"] for d in first["items"]}.isdisjoint(d["id"] for d in second["items"])
    assert len(last["items"]) == 1 and last["next_offset"] is None


def test_api_record_is_the_whole_record(api, seed_id):
    record = api.get(f"/api/documents/{seed_id}").json()
    assert record["schema"] == "newsgraph/1" and record["document"]["id"] == seed_id
    assert {"actors", "entities", "quotes", "events", "counts", "dates", "places"} <= record.keys()
    text = record["document"]["text"]
    for event in record["events"]:
        ev = event["evidence"]
        where = record["document"]["title"] if ev.get("in") == "title" else text
        assert where[ev["start"]:ev["end"]] == ev["text"]


def test_api_actor_has_quotes_events_partners_timeline(api):
    body = api.get("/api/actors/USAGOV").json()
    assert body["quotes"] and body["did"] and body["partners"] and body["timeline"]
    assert all(q["speaker_code"] == "USAGOV" for q in body["quotes"])
    assert any(e["plover"] == "REJECT" for e in body["did"])


def test_api_actor_under_the_shared_filter(api):
    whole = api.get("/api/actors/USAGOV").json()
    conflict = api.get("/api/actors/USAGOV", params={"quad_class": 4}).json()
    assert conflict["actors"] == whole["actors"]  # who the actor is does not depend on the filter
    listed = api.get("/api/events", params={"source": "USAGOV", "quad_class": 4, "limit": 500}).json()
    assert conflict["did_total"] == listed["total"] < whole["did_total"]
    assert [e["event_id"] for e in conflict["did"]] == [e["event_id"] for e in listed["items"]][:100]
    assert all(p["conflict"] == p["events"] for p in conflict["partners"])
    assert all(m["quad4"] == m["events"] for m in conflict["timeline"])
    assert conflict["quotes_total"] == whole["quotes_total"]  # quotes have no event type
    later = api.get("/api/actors/USAGOV", params={"since": "2100"}).json()
    assert later["quotes_total"] == later["did_total"] == 0 and later["quotes"] == later["timeline"] == []


def test_api_actor_by_canonical_name(api):
    body = api.get("/api/actors/united states government").json()
    assert body["actors"][0]["code"] == "USAGOV"


def test_api_events_between_a_pair(api):
    pair = api.get("/api/pairs", params={"limit": 1}).json()["items"][0]
    events = api.get("/api/events", params={"source": pair["source"], "target": pair["target"]}).json()["items"]
    assert len(events) >= pair["events"]  # the pair count leaves negated events out, the list keeps them
    assert all(e["evidence"] for e in events)


def test_api_quotes_events_timeline_filters(api, seed_id):
    quotes = api.get("/api/quotes", params={"doc_id": seed_id, "limit": 500}).json()["items"]
    assert quotes and {q["doc_id"] for q in quotes} == {seed_id}
    rejects = api.get("/api/events", params={"plover": "reject", "root": "12"}).json()["items"]
    assert rejects and all(e["plover"] == "REJECT" for e in rejects)
    months = api.get("/api/timeline", params={"actor": "USAGOV", "since": "2021-06", "until": "2021-06"}).json()
    assert [row["period"] for row in months["items"]] == ["2021-06"]
    # a partner: the pair's events alone, dated and undated
    whole = api.get("/api/timeline", params={"actor": "USAGOV", "by": "year"}).json()
    pair = api.get("/api/timeline", params={"actor": "USAGOV", "partner": "SYRGOV", "by": "year"}).json()
    between = [e for e in api.get("/api/events", params={"actor": "USAGOV", "limit": 500}).json()["items"]
               if {e["source_code"], e["target_code"]} == {"USAGOV", "SYRGOV"} and not e["negated"]]
    assert 0 < sum(r["events"] for r in pair["items"]) + pair["undated"]["events"] == len(between)
    assert sum(r["events"] for r in pair["items"]) < sum(r["events"] for r in whole["items"])


def test_api_search_finds_articles_and_quotes(api, seed_id):
    body = api.get("/api/search", params={"q": "Assad"}).json()
    assert seed_id in [d["id"] for d in body["documents"]]
    assert any("Assad" in q["text"] for q in body["quotes"])


def test_api_cameo_table_names_codes(api):
    from newsgraph.events.cameo import cameo_table

    answer = api.get("/api/cameo")
    table = answer.json()
    assert table["120"]["plover"] == "REJECT" and table["12"]["name"]
    assert answer.headers["cache-control"] == "max-age=3600"  # a browser asks once, not on every page
    assert api.get("/api/choices").headers["cache-control"] == "private, max-age=60"
    assert table == {c.code: {"name": c.name, "goldstein": c.goldstein, "quad_class": c.quad_class,
                              "plover": c.plover} for c in cameo_table().values()}


def test_api_first_requests_of_every_page_import_no_spacy(tmp_path):
    """The server's first page once waited 0.85 s for /api/cameo to import spaCy; nothing a page asks for may."""
    import subprocess
    import sys

    probe = f"""
import sys
from fastapi.testclient import TestClient
from newsgraph.serve.app import create_app
with TestClient(create_app({str(tmp_path / "empty.duckdb")!r}, create=True)) as client:
    for path in ("/", "/map", "/api/cameo", "/api/choices", "/api/documents", "/api/events", "/api/quotes",
                 "/api/actors", "/api/map", "/api/pairs", "/api/timeline", "/api/search?q=word"):
        assert client.get(path).status_code == 200, path
print("loaded:" + ",".join(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "loaded:"


def test_api_openapi_describes_the_endpoints(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/actors/{key}", "/api/events", "/api/pairs",
                 "/api/timeline", "/api/search", "/api/analyze", "/api/quotes"):
        assert path in paths


# ---- analyse ----------------------------------------------------------------

def test_api_analyze_answers_the_record_without_storing_it(api):
    before = api.get("/api/health").json()["documents"]
    answer = api.post("/api/analyze", json={"text": "Russia condemned the sanctions imposed by the European "
                                                    "Union on Tuesday.", "title": "Russia condemns",
                                            "published": "2022-03-01"})
    assert answer.status_code == 200, answer.text
    record = answer.json()
    assert record["document"]["title"] == "Russia condemns" and record["document"]["published"] == "2022-03-01"
    assert api.get(f"/api/documents/{record['document']['id']}").status_code == 404
    assert api.get("/api/health").json()["documents"] == before


def test_api_analyze_stores_when_asked(api):
    text = "The mayor of Lyon said the city would welcome refugees from Ukraine."
    record = api.post("/api/analyze", json={"text": text, "store": True}).json()
    assert api.get(f"/api/documents/{record['document']['id']}").json()["document"]["text"] == text


def test_api_analyze_reads_html(api):
    page = "<html><head><title>A page</title></head><body><p>Germany praised France for its help.</p></body></html>"
    record = api.post("/api/analyze", json={"text": page}).json()
    assert "<p>" not in record["document"]["text"] and "Germany" in record["document"]["text"]


@pytest.mark.parametrize("body, why", [
    (b"{not json", "bad JSON"),
    (b"[]", "not an object"),
    (b"{}", "no text"),
    (json.dumps({"text": ""}).encode(), "empty text"),
    (json.dumps({"text": 5}).encode(), "text not a string"),
    (json.dumps({"text": "Some words.", "published": "last Tuesday"}).encode(), "bad date"),
    (json.dumps({"text": "Some words.", "published": "2021-13-45"}).encode(), "impossible date"),
    (json.dumps({"text": "Some words.", "store": "maybe"}).encode(), "store not a boolean"),
])
def test_api_analyze_rejects_bad_input_with_422(api, body, why):
    answer = api.post("/api/analyze", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, why
    assert answer.json()["error"]


def test_api_body_over_the_limit_is_413(api):
    text = "word " * (MAX_BODY_BYTES // 5 + 10)
    answer = api.post("/api/analyze", json={"text": text})
    assert answer.status_code == 413 and "MB" in answer.json()["error"]


def test_api_body_over_the_limit_without_length_is_413(api):
    def chunks():
        for _ in range(3):
            yield b"x" * (MAX_BODY_BYTES // 2)
    answer = api.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413


# ---- errors: 404, 400, 422, never 500 ----------------------------------------

@pytest.mark.parametrize("path", ["/api/documents/0000", "/api/actors/NOSUCHACTOR", "/api/actors/%20",
                                  "/static/nope.js", "/static/..%2Fapp.py", "/static/.hidden", "/api/nothing"])
def test_api_unknown_things_are_404(api, path):
    answer = api.get(path)
    assert answer.status_code == 404 and answer.json()["error"]


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"since": "yesterday"}),
    ("/api/events", {"until": "2021-6"}),
    ("/api/quotes", {"since": "2021/06"}),
    ("/api/pairs", {"since": "x"}),
    ("/api/timeline", {"by": "week"}),
    ("/api/timeline", {"until": "June"}),
])
def test_api_bad_query_values_are_400(api, path, params):
    answer = api.get(path, params=params)
    assert answer.status_code == 400 and "not valid" in answer.json()["error"]


@pytest.mark.parametrize("path, params", [
    ("/api/documents", {"limit": 0}),
    ("/api/documents", {"limit": 100000}),
    ("/api/documents", {"limit": "ten"}),
    ("/api/events", {"offset": -1}),
    ("/api/pairs", {"min_events": 0}),
    ("/api/search", {}),
    ("/api/search", {"q": "a"}),
    ("/api/search", {"q": "x" * 201}),
    ("/api/actors/USAGOV", {"limit": 0}),
])
def test_api_out_of_range_parameters_are_422(api, path, params):
    answer = api.get(path, params=params)
    assert answer.status_code == 422 and answer.json()["error"].startswith("invalid request")


@pytest.mark.parametrize("path, params", [
    ("/api/search", {"q": "%' OR 1=1 --"}),
    ("/api/search", {"q": "<script>alert(1)</script>"}),
    ("/api/events", {"actor": "'; DROP TABLE events; --"}),
    ("/api/events", {"root": "\u0000"}),
    ("/api/quotes", {"speaker": "%_%", "text": "\\"}),
    ("/api/actors", {"name": "日本"}),
    ("/api/documents", {"q": "\U0001F600"}),
    ("/api/timeline", {"actor": "USAGOV", "partner": "SYRGOV", "by": "year"}),
    ("/api/documents/" + "f" * 5000, {}),
])
def test_api_odd_input_never_500(api, path, params):
    answer = api.get(path, params=params)
    assert answer.status_code < 500, answer.text


def test_api_wrong_method_is_405(api):
    answer = api.get("/api/analyze")
    assert answer.status_code == 405 and answer.json()["error"]


def test_api_injection_in_filters_matches_nothing(api):
    assert api.get("/api/events", params={"actor": "' OR '1'='1"}).json()["items"] == []
    assert api.get("/api/health").json()["documents"] >= 5


# ---- pages and static files ---------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("name", PAGES)
def test_api_pages_are_served_with_the_csp(api, name):
    answer = api.get(PAGE_PATHS[name])
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-eval" not in CSP
    html = answer.text
    assert not INLINE_SCRIPT.search(html) and not INLINE_HANDLER.search(html)
    assert 'href="/static/style.css"' in html and '<nav class="top">' in html
    for script in re.findall(r'<script src="/static/([\w.-]+)"', html):
        served = api.get(f"/static/{script}")
        assert served.status_code == 200 and served.headers["content-security-policy"] == CSP


def test_api_nav_bar_links_every_page(api):
    html = api.get("/").text
    for path in ("/analyze", "/network", "/timeline", "/search"):
        assert f'href="{path}"' in html


def test_api_static_files_are_served(api):
    for f in sorted(Path(str(STATIC)).iterdir()):
        answer = api.get(f"/static/{f.name}")
        assert answer.status_code == 200, f.name
        assert answer.headers["content-security-policy"] == CSP


def test_api_scripts_never_write_markup():
    # Untrusted text must only reach the DOM as text: no API that parses a string as HTML or code.
    forbidden = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
                           r"setTimeout\(\s*['\"`]|javascript:")
    for script in Path(str(STATIC)).glob("*.js"):
        hits = [line for line in script.read_text(encoding="utf-8").splitlines()
                if forbidden.search(line) and not line.lstrip().startswith(("*", "//", "/*"))]
        assert not hits, f"{script.name}: {hits}"


def test_api_timeline_counts_what_it_cannot_show(tmp_path, nlp):
    """An article stored without a date: its undated events are counted beside the timeline, not lost."""
    from newsgraph.store import open_store

    with open_store(str(tmp_path / "undated.duckdb")) as store, TestClient(create_app(store=store)) as client:
        stored = client.post("/api/analyze", json={"text": SEED.read_text(encoding="utf-8"), "store": True})
        assert stored.status_code == 200 and stored.json()["document"]["published"] is None
        body = client.get("/api/timeline", params={"by": "year"}).json()
        total = store.fetch("SELECT count(*) AS n FROM events WHERE NOT negated")[0]["n"]
        assert body["undated"]["articles"] == 1 and body["undated"]["events"] > 0
        assert sum(r["events"] for r in body["items"]) + body["undated"]["events"] == total
        dated = client.get("/api/timeline", params={"actor": "SYRGOV"}).json()["undated"]
        assert dated["events"] <= body["undated"]["events"]


# ---- serve refuses a database that is not there ---------------------------------

def test_api_serve_refuses_a_missing_database_file(tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main
    from newsgraph.serve.app import serving_store

    typo = tmp_path / "typo.duckdb"
    result = CliRunner().invoke(main, ["serve", "--db", str(typo)])
    assert result.exit_code == 1 and "E018" in result.output and "--create" in result.output
    assert len(result.output.strip().splitlines()) == 1 and not typo.exists()
    with serving_store(str(typo), create=True) as store:
        assert store.count("documents") == 0
    assert typo.exists()


# ---- the shared filter, pagination and sorting -----------------------------------

def test_api_filter_errors_name_the_field_not_a_cli_flag(api):
    answer = api.get("/api/events", params={"since": "2021/06"})
    assert answer.status_code == 400 and answer.json()["error"].startswith("[E023] since '2021/06'")
    assert "--" not in answer.json()["error"]
    answer = api.get("/api/quotes", params={"quad_class": "7"})
    assert answer.status_code == 400 and "quad_class" in answer.json()["error"]


def test_api_every_list_takes_the_shared_filter(api, seed_id):
    everything = api.get("/api/events", params={"limit": 500}).json()
    conflict = api.get("/api/events", params={"quad_class": 4, "limit": 500}).json()
    assert 0 < conflict["total"] < everything["total"] == len(everything["items"])
    assert {e["quad_class"] for e in conflict["items"]} == {4}
    usa = api.get("/api/events", params={"country": "usa", "limit": 500}).json()
    assert usa["items"] and usa["total"] < everything["total"]
    seed_outlet = api.get(f"/api/documents/{seed_id}").json()["document"]["source"]
    docs = api.get("/api/documents", params={"actor": "SYRGOV"}).json()
    assert seed_id in [d["id"] for d in docs["items"]] and docs["total"] == len(docs["items"])
    if seed_outlet:
        only = api.get("/api/documents", params={"outlet": seed_outlet}).json()["items"]
        assert only and {d["source"] for d in only} == {seed_outlet}
    pairs = api.get("/api/pairs", params={"actor": "USAGOV", "quad_class": 4}).json()["items"]
    assert all("USAGOV" in (p["source"], p["target"]) and p["conflict"] == p["events"] for p in pairs)
    months = api.get("/api/timeline", params={"plover": "REJECT", "by": "year"}).json()
    rejects = api.get("/api/events", params={"plover": "REJECT", "limit": 500}).json()["items"]
    assert sum(r["events"] for r in months["items"]) + months["undated"]["events"] == \
        sum(1 for e in rejects if not e["negated"])
    quotes = api.get("/api/quotes", params={"actor": "USAGOV", "limit": 500}).json()
    assert quotes["items"] and all(q["speaker_code"] == "USAGOV" for q in quotes["items"])
    pair = api.get("/api/pairs", params={"actor": "USAGOV", "limit": 1}).json()["items"][0]
    other = pair["target"] if pair["source"] == "USAGOV" else pair["source"]
    between = api.get("/api/events", params={"actor": "USAGOV", "partner": other, "limit": 500}).json()["items"]
    assert len(between) >= pair["events"] and all({"USAGOV", other} <= {e["source_code"] or e["source"],
                                                                           e["target_code"] or e["target"]}
                                                  for e in between)
    choices = api.get("/api/choices").json()
    assert any(c["value"] == "USA" for c in choices["countries"])


def test_api_counts_a_filtered_table_up_to_a_cap_and_says_so(api, monkeypatch):
    from newsgraph import query

    exact = {"events": api.get("/api/events", params={"country": "USA", "limit": 1}).json()}
    exact["quotes"] = api.get("/api/quotes", params={"text": "the", "limit": 1}).json()
    for answer in exact.values():
        assert answer["total"] > 4 and answer["total_capped"] is False
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    # a text matched is counted to a cap of its own (matching each quote's text is the count's cost)
    assert api.get("/api/quotes", params={"text": "the", "limit": 1}).json()["total_capped"] is False
    monkeypatch.setattr(query, "TEXT_COUNT_CAP", 3)
    for what, params in (("events", {"country": "USA"}), ("quotes", {"text": "the"})):
        first = api.get(f"/api/{what}", params={**params, "limit": 2}).json()
        # more than 3: counting stopped there; the next page is known all the same
        assert first["total"] == 3 and first["total_capped"] is True and first["next_offset"] == 2
        # a page past the cap counts past itself
        later = api.get(f"/api/{what}", params={**params, "limit": 2, "offset": 2}).json()
        assert later["total"] == min(4, exact[what]["total"]) and later["next_offset"] == 4
        assert later["total_capped"] is (exact[what]["total"] > 4)
        last = api.get(f"/api/{what}", params={**params, "limit": 50, "offset": 2}).json()
        assert last["total"] == exact[what]["total"] and last["total_capped"] is False
    # with no filter, the total is the one the store keeps: exact, never capped
    whole = api.get("/api/events", params={"limit": 1}).json()
    assert whole["total"] > 3 and whole["total_capped"] is False


def test_api_events_and_quotes_page_with_a_total_and_sort(api):
    total = api.get("/api/quotes", params={"limit": 1}).json()["total"]
    seen = []
    offset = 0
    while offset is not None:
        answer = api.get("/api/quotes", params={"limit": 7, "offset": offset, "sort": "speaker"}).json()
        assert answer["total"] == total
        seen += [(q["doc_id"], q["quote_id"]) for q in answer["items"]]
        offset = answer["next_offset"]
    assert len(seen) == len(set(seen)) == total
    past = api.get("/api/quotes", params={"limit": 7, "offset": total + 10}).json()
    assert past["items"] == [] and past["total"] == total and past["next_offset"] is None
    assert api.get("/api/quotes", params={"actor": "NOBODY"}).json()["total"] == 0
    by_goldstein = api.get("/api/events", params={"sort": "goldstein", "order": "desc", "limit": 500}).json()["items"]
    scores = [e["goldstein"] for e in by_goldstein]
    assert scores == sorted(scores, reverse=True)
    assert api.get("/api/events", params={"sort": "evidence; DROP TABLE events"}).status_code == 400
    assert api.get("/api/events", params={"order": "sideways"}).status_code == 422


# ---- search on word boundaries ----------------------------------------------------

def test_api_search_matches_whole_words_ranked_with_excerpts(api, seed_id):
    text = "The ambassador of Sweden met reporters. The ambassadorial staff said nothing more."
    stored = api.post("/api/analyze", json={"text": text, "title": "An embassy notice", "store": True}).json()
    ambassador_only = stored["document"]["id"]
    body = api.get("/api/search", params={"q": "Assad"}).json()
    ids = [d["id"] for d in body["documents"]]
    assert seed_id in ids and ambassador_only not in ids
    assert all(re.search(r"\bAssad\b", d["excerpt"], re.I) for d in body["documents"])
    hits = [d["hits"] for d in body["documents"]]
    assert hits == sorted(hits, reverse=True) and hits[0] > 0
    assert ambassador_only in [d["id"] for d in api.get("/api/search", params={"q": "ambassador"}).json()["documents"]]
    assert api.get("/api/search", params={"q": "ambass"}).json()["documents"] == []
    assert all(re.search(r"\bAssad\b", q["text"], re.I) for q in body["quotes"])


# ---- downloads ----------------------------------------------------------------------

def test_api_download_rows_equal_the_api_rows(api):
    import csv
    import io

    params = {"actor": "USAGOV", "sort": "goldstein", "order": "desc"}
    listed = api.get("/api/events", params={**params, "limit": 500}).json()["items"]
    assert listed
    answer = api.get("/api/export/events", params={**params, "format": "csv"})
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["doc_id"], r["event_id"]) for r in rows] == [(e["doc_id"], e["event_id"]) for e in listed]
    assert [float(r["goldstein"]) for r in rows] == [e["goldstein"] for e in listed]
    lines = api.get("/api/export/events", params={**params, "format": "jsonl"}).text.splitlines()
    assert [json.loads(line) for line in lines] == listed
    gdelt = api.get("/api/export/events", params={**params, "format": "gdelt-events"}).text.splitlines()
    assert len(gdelt) == len(listed) and all(len(line.split("\t")) == 61 for line in gdelt)
    quotes = api.get("/api/quotes", params={"actor": "USAGOV", "limit": 500}).json()["items"]
    lines = api.get("/api/export/quotes", params={"actor": "USAGOV", "format": "jsonl"}).text.splitlines()
    assert [json.loads(line) for line in lines] == quotes
    assert api.get("/api/export/quotes", params={"format": "gdelt-events"}).status_code == 400
    assert api.get("/api/export/actors", params={"format": "csv"}).status_code == 404


# ---- the corpus map -----------------------------------------------------------------

def test_api_map_counts_events_by_actor_country_with_shapes(api):
    body = api.get("/api/map").json()
    shapes = {s["code"]: s for s in body["shapes"]}
    assert len(shapes) > 170 and shapes["USA"]["path"].startswith("M") and shapes["SYR"]["name"] == "Syria"
    usa = next(c for c in body["countries"] if c["country"] == "USA")
    events = api.get("/api/events", params={"country": "USA", "limit": 500}).json()["items"]
    assert usa["events"] == sum(1 for e in events if not e["negated"]) > 0
    assert usa["cooperation"] + usa["conflict"] == usa["events"] and -10 <= usa["mean_goldstein"] <= 10
    assert all(c["country"] in shapes or c["country"] in ("XKX",) for c in body["countries"][:5])
    assert body["places"] and {"country", "admin1", "mentions", "articles"} <= body["places"][0].keys()
    filtered = api.get("/api/map", params={"quad_class": 4}).json()["countries"]
    assert sum(c["events"] for c in filtered) < sum(c["events"] for c in body["countries"])


def test_api_map_regions_are_placed_and_their_counts_are_what_the_region_filter_lists(api):
    regions = api.get("/api/map").json()["regions"]
    assert regions and all(r["admin1"] for r in regions)
    placed = [r for r in regions if r["x"] is not None]
    assert placed and all(0 <= r["x"] <= 360 and 0 <= r["y"] <= 180 for r in placed)
    assert all(r["name"] != r["admin1"] for r in placed)  # a placed region is named by the gazetteer
    states = [r for r in regions if r["path"]]
    assert states and all(r["admin1"].startswith("US") and r["path"].startswith("M") for r in states)
    assert all(r["path"] is None for r in regions if not r["admin1"].startswith("US"))
    for region in regions[:4]:
        listed = api.get("/api/events", params={"region": region["admin1"], "limit": 500}).json()
        assert region["events"] == sum(1 for e in listed["items"] if not e["negated"])
        docs = api.get("/api/documents", params={"region": region["admin1"], "limit": 500}).json()
        assert docs["total"] == region["articles"] > 0
        assert {e["doc_id"] for e in listed["items"]} <= {d["id"] for d in docs["items"]}
        quotes = api.get("/api/quotes", params={"region": region["admin1"], "limit": 500}).json()["items"]
        assert {q["doc_id"] for q in quotes} <= {d["id"] for d in docs["items"]}
        # a download of the view is the same rows
        lines = api.get("/api/export/events", params={"region": region["admin1"], "format": "jsonl"}).text.splitlines()
        assert [json.loads(line) for line in lines] == listed["items"]
    everything = api.get("/api/events", params={"limit": 1}).json()["total"]
    assert api.get("/api/events", params={"region": regions[0]["admin1"].lower()}).json()["total"] < everything
    assert api.get("/api/events", params={"region": "ZZ99"}).json()["total"] == 0
    answer = api.get("/api/events", params={"region": "Texas!"})
    assert answer.status_code == 400 and answer.json()["error"].startswith("[E023] region 'Texas!'")


def _actors_of_records(api, filters: dict) -> dict:
    """Documents and mentions per actor group, counted from the records of the articles passing `filters`."""
    counted: dict = {}
    for doc in api.get("/api/documents", params={**filters, "limit": 500}).json()["items"]:
        for actor in api.get(f"/api/documents/{doc['id']}").json()["actors"]:
            # the store keeps an uncoded actor's code as null where the record may say ""
            group = (actor["name"], actor["code"] or None, actor["type"], actor["country"], actor["sector"])
            documents, mentions = counted.get(group, (0, 0))
            counted[group] = (documents + 1, mentions + len(actor["mentions"]))
    return counted


def test_api_every_region_shape_is_a_gazetteer_region_around_its_point():
    from newsgraph.facts.gazetteer import gazetteer
    from newsgraph.serve.worldmap import region_shapes

    shapes = region_shapes()
    assert len(shapes) == 51  # the 50 states and the District of Columbia
    for code, path in shapes.items():
        region = gazetteer().region("USA", code[2:])
        assert region is not None and region.adm1 == code, code
        assert re.fullmatch(r"(M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)*Z)+", path), code
        points = [(float(x), float(y)) for x, y in re.findall(r"[ML]([\d.]+),([\d.]+)", path)]
        # the gazetteer's centre of the region (its towns' weighted mean) lies within the shape's bounds
        x, y = region.lon + 180, 90 - region.lat
        assert min(p[0] for p in points) <= x <= max(p[0] for p in points), code
        assert min(p[1] for p in points) <= y <= max(p[1] for p in points), code


def test_api_actors_honour_the_filter(api):
    everyone = api.get("/api/actors", params={"limit": 500}).json()["items"]
    for filters in ({"actor": "SYRGOV"}, {"since": "1900"}, {"quad_class": 4, "country": "USA"}):
        listed = api.get("/api/actors", params={**filters, "limit": 500}).json()["items"]
        got = {(a["name"], a["code"], a["type"], a["country"], a["sector"]): (a["documents"], a["mentions"])
               for a in listed}
        want = _actors_of_records(api, filters)
        assert got == want, [(k, got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k)]
        assert [a["documents"] for a in listed] == sorted((a["documents"] for a in listed), reverse=True)
    in_syria = api.get("/api/actors", params={"actor": "SYRGOV", "limit": 500}).json()["items"]
    assert in_syria and in_syria != everyone
    assert api.get("/api/actors", params={"actor": "NOBODY"}).json()["items"] == []


def test_api_filters_search_and_map_answer_alike_on_postgresql(fresh_postgres, tmp_path, nlp):
    """The SQL the shared filter, the word-boundary search, the window counts and the map build runs on both
    engines with the same answers."""
    from newsgraph.ingest import ingest
    from newsgraph.store import open_store

    corpus = [str(SEED), str(polnear_corpus(tmp_path, 4))]
    with open_store(fresh_postgres) as pg, open_store(str(tmp_path / "same.duckdb")) as duckdb_store:
        ingest(corpus, pg, published="2021-06-15", progress=False)
        ingest(corpus, duckdb_store, published="2021-06-15", progress=False)
        with TestClient(create_app(store=pg), raise_server_exceptions=False) as client, \
                TestClient(create_app(store=duckdb_store)) as api:
            for path, params in [
                ("/api/events", {"actor": "USAGOV", "quad_class": 3, "sort": "goldstein", "order": "desc"}),
                ("/api/events", {"country": "usa", "limit": 5, "offset": 5}),
                ("/api/quotes", {"actor": "USAGOV", "sort": "speaker"}),
                ("/api/documents", {"plover": "REJECT"}),
                ("/api/pairs", {"quad_class": 4}),
                ("/api/timeline", {"actor": "USAGOV", "by": "year"}),
                ("/api/map", {}),
                ("/api/map", {"region": "USDC"}),
                ("/api/actors", {"quad_class": 4}),
            ]:
                on_pg, on_duck = client.get(path, params=params), api.get(path, params=params)
                assert on_pg.status_code == 200, (path, on_pg.text)
                assert on_pg.json() == on_duck.json(), path
            found = client.get("/api/search", params={"q": "Assad"}).json()
            assert found["documents"] and all(re.search(r"\bAssad\b", d["excerpt"], re.I) for d in found["documents"])
            assert [d["hits"] for d in found["documents"]] == sorted((d["hits"] for d in found["documents"]),
                                                                      reverse=True)
            assert client.get("/api/search", params={"q": "ambass"}).json()["documents"] == []
