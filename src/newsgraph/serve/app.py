"""FastAPI app: JSON endpoints over the store (the same query functions as the CLI) and the pages.

Article text is untrusted: the API returns it as JSON data, and the pages put it
into the DOM only as text nodes (see static/app.js), never as markup.
"""
from __future__ import annotations

import asyncio
import dataclasses
import io
import logging
import os
import re
from functools import cache
from importlib import resources
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import ClientDisconnect

from newsgraph import query, validate
from newsgraph.data import load_table
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.facts.gazetteer import gazetteer
from newsgraph.serve.analysis import AnalysisPool, Busy, TooSlow, too_slow
from newsgraph.serve.worldmap import country_shapes, placed_regions, region_shapes
from newsgraph.store import Store, open_store

MAX_BODY_BYTES = 2 * 2**20
MAX_PAGE = 500
MAX_OFFSET = 2**31  # far past any real page; larger numbers only reach the database as an overflow
BODY_SECONDS = 30.0  # a request body that takes longer to arrive is a stalled or hostile client
READ_WAIT_SECONDS = 5.0  # how long a read waits for an ingest's write lock before answering 503
READERS = 8  # PostgreSQL connections the requests read on at once (the pool's size)
RETRY_AFTER = "5"
CAMEO_MAX_AGE = 3600  # seconds a browser keeps /api/cameo
CHOICES_MAX_AGE = 60  # seconds a browser keeps /api/choices
log = logging.getLogger("newsgraph.serve")
STATIC = resources.files("newsgraph.serve").joinpath("static")
PAGE_FILES = resources.files("newsgraph.serve").joinpath("pages")
PAGES = ("index", "reader", "analyze", "actor", "network", "timeline", "search", "map")


@cache
def render_page(name: str) -> str:
    """A page: its body (pages/NAME.html, whose first line names its title and scripts) in the shared layout."""
    text = PAGE_FILES.joinpath(f"{name}.html").read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    meta = re.fullmatch(r"<!-- title: (.+?); scripts: ([\w. ]*) -->", header)
    if meta is None:
        raise ValueError(f"pages/{name}.html must start with <!-- title: ...; scripts: ... -->")
    scripts = "\n".join(f'<script src="/static/{s}" defer></script>' for s in meta.group(2).split())
    layout = PAGE_FILES.joinpath("_layout.html").read_text(encoding="utf-8")
    return layout.replace("{title}", meta.group(1)).replace("{scripts}", scripts).replace("{body}", body)


@cache
def cameo_codes() -> dict[str, dict[str, Any]]:
    """The CAMEO table as the pages label and filter with it: name, Goldstein, quad class, PLOVER type per code.

    Read from data/cameo.tsv by the data loader rather than through newsgraph.events.cameo, whose package
    imports spaCy: that import was what the server's first page waited for (0.85 s). A test holds this
    equal to events.cameo's table."""
    return {r["code"]: {"name": r["name"], "goldstein": float(r["goldstein"]), "quad_class": int(r["quad_class"]),
                        "plover": r["plover"] or None} for r in load_table("cameo.tsv")}


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, description="The article's text (plain text, or an HTML page).")
    title: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")
    source: str | None = None
    url: str | None = None
    store: bool = Field(False, description="Also store the record in the server's database.")


class BodyLimit(BaseHTTPMiddleware):
    """413 for request bodies over the limit, whether or not they declare their length; 408 for one
    that trickles in; a client that hangs up mid-upload is one log line, not a traceback."""

    async def dispatch(self, request: Request, call_next: Any) -> Response:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return _too_large()
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                body = await asyncio.wait_for(_read_body(request), BODY_SECONDS)
            except _TooLarge:
                return _too_large()
            except TimeoutError:
                return JSONResponse({"error": "the request body arrived too slowly"}, status_code=408)
            except ClientDisconnect:
                log.warning("newsgraph: %s %s: the client went away during the upload", request.method,
                            request.url.path)
                return Response(status_code=400)
            request._body = body  # starlette reads the cached body downstream
        return await call_next(request)


class _TooLarge(Exception):
    pass


async def _read_body(request: Request) -> bytes:
    """The whole request body, or _TooLarge as soon as it passes the limit."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _TooLarge
    return bytes(body)


class SafeHeaders(BaseHTTPMiddleware):
    """Every answer says what it is (no MIME sniffing) and, unless a page set its own, runs nothing."""

    async def dispatch(self, request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers.setdefault("Content-Security-Policy", API_CSP)
        return response


def _too_large() -> JSONResponse:
    return JSONResponse({"error": f"request body over the {MAX_BODY_BYTES // 2**20} MB limit"}, status_code=413)


def serving_store(db: str | None, create: bool = False) -> Store:
    """The store a server reads: a DuckDB file opened per request (so `newsgraph ingest` can write it
    between requests; read-only if the file is), or a PostgreSQL connection. A DuckDB file that does not
    exist is refused (a mistyped path must not serve an empty store) unless `create` is set."""
    url = db or "newsgraph.duckdb"
    if url.startswith(("postgresql://", "postgres://")):
        return open_store(url, readers=READERS)
    path = url.removeprefix("duckdb:")
    if path != ":memory:" and not create and not os.path.exists(path):
        raise NewsgraphError(Errors.E018, url=url, why="no such file (check the path; --create starts an empty "
                             "database there)")
    read_only = os.path.exists(path) and not os.access(path, os.W_OK)
    return open_store(url, read_only=read_only, transient=True, wait=READ_WAIT_SECONDS)


def create_app(db: str | None = None, store: Store | None = None, model: str | None = None,
               analysis: AnalysisPool | None = None, *, create: bool = False) -> FastAPI:
    """The app over the database at `db` (or an open `store`); `analysis` runs POST /api/analyze; `create`
    lets a DuckDB file that does not exist yet be created empty."""
    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN, and these machines are offline.
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None, description="News articles as structured records: actors, "
                  "quotes, CAMEO/PLOVER events, facts, each with its evidence span.")
    app.add_middleware(BodyLimit)
    app.add_middleware(SafeHeaders)
    the_store = store or serving_store(db, create=create)
    pool = analysis or AnalysisPool(model)
    # No lock here: every read gets a connection of its own from the store, so requests run side by side;
    # the store itself serialises writes. Analysis never touches the store.

    def ask(verb: Any, **kwargs: Any) -> Any:
        try:
            # One connection for all the queries of one verb: a served DuckDB file is opened per session, and
            # opening it costs more than a page's queries (the store's sessions nest, per thread). No lock:
            # each request reads on a connection of its own; the store serialises writes.
            with the_store.session():
                return verb(the_store, **kwargs)
        except NewsgraphError as err:
            raise _http_error(err) from err

    def counted_page(verb: Any, count: Any, limit: int, offset: int, **which: Any) -> dict[str, Any]:
        """A page of a table with its total: one query unless the page is past the end. The total is counted up
        to a cap (`query.COUNT_CAP`, `query.TEXT_COUNT_CAP` for a text matched, and always past this page, so that
        a next page is known): beyond it the answer says `total_capped` (there are more than `total`)."""
        cap = max(query.TEXT_COUNT_CAP if which.get("text") else query.COUNT_CAP, offset + limit)

        def both(store: Store) -> tuple[list[dict[str, Any]], int]:
            items = verb(store, **which, limit=limit, offset=offset, counted=True, count_cap=cap)
            total = int(items[0]["total_rows"]) if items else (0 if offset == 0 else count(store, **which_of(which)))
            for item in items:
                del item["total_rows"]
            return items, total

        items, total = ask(both)
        # a count that stopped is cap + 1 (a total the store keeps, exact, may be anything: cap + 1 is then
        # "more than cap" all the same, and truly so)
        capped = total == cap + 1
        answer = page(items, limit, offset, cap if capped else total)
        answer["total_capped"] = capped
        if capped:
            answer["next_offset"] = offset + limit if len(items) == limit else None
        return answer

    def first_page(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
        """The rows of a first page asked for `counted`, without their `total_rows`, and that total."""
        total = int(items[0]["total_rows"]) if items else 0
        for item in items:
            del item["total_rows"]
        return items, total

    def which_of(which: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in which.items() if k not in ("sort", "descending")}

    def page(items: list[dict[str, Any]], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
        answer = {"items": items, "limit": limit, "offset": offset,
                  "next_offset": offset + limit if len(items) == limit else None}
        if total is not None:
            answer["total"] = total
            answer["next_offset"] = offset + limit if offset + limit < total else None
        return answer

    # Starlette's class, so the router's own 404/405 (unknown path, wrong method) answer {"error": ...} too.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # the details (paths, SQL, values) are for the log, never for the caller
        log.error("newsgraph: %s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__,
                  str(exc).splitlines()[0][:200] if str(exc) else "")
        return JSONResponse({"error": "internal error"}, status_code=500)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'] if p != 'body') or 'body'}: {e['msg']}"
                             for e in exc.errors())
        return JSONResponse({"error": f"invalid request: {problems}"}, status_code=422)

    Limit = Query(50, ge=1, le=MAX_PAGE)  # noqa: N806
    Offset = Query(0, ge=0, le=MAX_OFFSET)  # noqa: N806
    Sort = Query(None, description="a column to sort by")  # noqa: N806
    Order = Query("asc", pattern="^(asc|desc)$")  # noqa: N806

    def view(since: str | None = Query(None, description="ISO date prefix, inclusive"),
             until: str | None = Query(None, description="ISO date prefix, inclusive"),
             outlet: str | None = Query(None, description="the article's source (site or agency)"),
             actor: str | None = Query(None, description="actor code or canonical name"),
             country: str | None = Query(None, description="an actor's country code"),
             region: str | None = Query(None, description="a region the articles name: GDELT ADM1 code, e.g. USTX"),
             root: str | None = Query(None, description="CAMEO root code, e.g. 12"),
             plover: str | None = Query(None, description="PLOVER event type, e.g. REJECT"),
             quad_class: str | None = Query(None, description="1-4: verbal/material cooperation/conflict"),
             ) -> query.Filter:
        """The shared filter from the query string (the pages' filter bar writes the same names)."""
        try:
            return query.Filter.of({"since": since, "until": until, "outlet": outlet, "actor": actor,
                                    "country": country, "region": region, "root": root, "plover": plover,
                                    "quad_class": quad_class})
        except NewsgraphError as err:
            raise _http_error(err) from err

    View = Depends(view)  # noqa: N806

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        return {"ok": True, "engine": the_store.engine, "documents": ask(lambda s: s.count("documents"))}

    @app.get("/api/cameo")
    def cameo(response: Response) -> dict[str, Any]:
        """The CAMEO code table (name, Goldstein, quad class, PLOVER type per code), for labels and filters."""
        # it changes only with newsgraph itself: a browser asks once an hour, not on every page
        response.headers["Cache-Control"] = f"max-age={CAMEO_MAX_AGE}"
        return cameo_codes()

    @app.get("/api/documents")
    def documents(q: str | None = None, limit: int = Limit, offset: int = Offset,
                  filters: query.Filter = View) -> dict[str, Any]:
        items, total = ask(lambda s: (query.documents(s, text=q, limit=limit, offset=offset, filters=filters),
                                      None if q else query.count_documents(s, filters=filters)))
        return page(items, limit, offset, total)

    @app.get("/api/choices")
    def choices(response: Response) -> dict[str, Any]:
        """The values the filter bar offers: outlets and actor countries, most frequent first."""
        # suggestions only (any value may be typed): a minute behind an ingest is fine, and the next pages
        # need not ask again while they load their own data
        response.headers["Cache-Control"] = f"private, max-age={CHOICES_MAX_AGE}"
        return ask(query.filter_choices)

    @app.get("/api/documents/{doc_id}")
    def record(doc_id: str) -> Response:
        text = ask(lambda s: s.record(doc_id))
        if text is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return Response(text, media_type="application/json")

    @app.get("/api/actors")
    def actors(name: str | None = None, limit: int = Limit, offset: int = Offset,
               filters: query.Filter = View) -> dict[str, Any]:
        """Actors, most articles first; under the shared filter, counted over the articles that pass it."""
        return page(ask(query.actors, name=name, limit=limit, offset=offset, filters=filters), limit, offset)

    @app.get("/api/actors/{key}")
    def actor(key: str, limit: int = Query(100, ge=1, le=MAX_PAGE), filters: query.Filter = View) -> dict[str, Any]:
        """Everything about one actor (a code such as USAGOV, or a canonical name): who it is across the corpus,
        and its quotes, events, partners and timeline under the shared filter (whose own actor is this one)."""
        others = dataclasses.replace(filters, actor=None)

        def everything(s: Store) -> dict[str, Any] | None:
            known = [a for a in query.actors(s, name=key, limit=None)
                     if a["code"] == key or a["name"].lower() == key.lower()]
            if not known:
                return None
            spoken = dataclasses.replace(filters, actor=key)  # a quote's actor is its speaker
            quotes, quotes_total = first_page(query.quotes(s, limit=limit, filters=spoken, counted=True))
            did, did_total = first_page(query.events(s, source=key, limit=limit, filters=others, counted=True))
            done_to, done_to_total = first_page(query.events(s, target=key, limit=limit, filters=others, counted=True))
            return {
                "key": key, "actors": known, "quotes": quotes, "quotes_total": quotes_total,
                "did": did, "did_total": did_total, "done_to": done_to, "done_to_total": done_to_total,
                "partners": query.pairs(s, actor=key, limit=20, filters=others),
                "timeline": query.timeline(s, actor=key, by="month", filters=others),
            }

        answer = ask(everything)
        if answer is None:
            raise HTTPException(404, f"no actor {key!r}")
        return answer

    @app.get("/api/quotes")
    def quotes(speaker: str | None = None, text: str | None = None, doc_id: str | None = None,
               limit: int = Limit, offset: int = Offset, sort: str | None = Sort, order: str = Order,
               filters: query.Filter = View) -> dict[str, Any]:
        """Quotes passing the shared filter (its `actor` is the speaker), a page at a time, with the total."""
        return counted_page(query.quotes, query.count_quotes, limit, offset, speaker=speaker, text=text,
                            doc_id=doc_id, filters=filters, sort=sort, descending=order == "desc")

    @app.get("/api/events")
    def events(source: str | None = None, target: str | None = None, doc_id: str | None = None,
               partner: str | None = Query(None, description="with the filter's actor: the events between them"),
               limit: int = Limit, offset: int = Offset, sort: str | None = Sort, order: str = Order,
               filters: query.Filter = View) -> dict[str, Any]:
        """Events passing the shared filter, a page at a time, with the total."""
        return counted_page(query.events, query.count_events, limit, offset, source=source, target=target,
                            doc_id=doc_id, filters=filters, sort=sort, descending=order == "desc",
                            partner=partner if filters.actor else None)

    @app.get("/api/pairs")
    def pairs(min_events: int = Query(1, ge=1), limit: int = Query(200, ge=1, le=2000), offset: int = Offset,
              filters: query.Filter = View) -> dict[str, Any]:
        return page(ask(query.pairs, min_events=min_events, limit=limit, offset=offset, filters=filters),
                    limit, offset)

    @app.get("/api/timeline")
    def timeline(partner: str | None = None, by: str = "month", filters: query.Filter = View) -> dict[str, Any]:
        """Events per period; `undated` counts the events (and their articles) no period can hold."""
        # with a partner, the pair's events: the filter's actor on one side, the partner on the other
        pair = ({"actor": filters.actor, "partner": partner, "filters": dataclasses.replace(filters, actor=None)}
                if partner and filters.actor else {"filters": filters})
        return ask(lambda s: {"by": by, "items": query.timeline(s, by=by, **pair), "undated": query.undated(s, **pair)})

    @app.get("/api/search")
    def search(q: str = Query(..., min_length=2, max_length=200), limit: int = Limit,
               filters: query.Filter = View) -> dict[str, Any]:
        """Search articles (title and body) and quotes for the words of `q`, whole words in order: articles
        with the most matches first, each with an excerpt around its first match."""
        return ask(lambda s: {"q": q, "words": query.search_words(q),
                              "documents": query.search_documents(s, q=q, limit=limit, filters=filters),
                              "quotes": query.search_quotes(s, q=q, limit=limit, filters=filters)})

    @app.get("/api/map")
    def corpus_map(filters: query.Filter = View) -> dict[str, Any]:
        """Events by actor country (count, mean Goldstein), places named by country and region, and the regions
        named with the events of their articles, under the shared filter; with the country shapes to draw them
        on (ISO3 codes, SVG paths in a 360 x 180 box), each region's point in that box and its shape if it has
        one (the US states)."""
        answer = ask(query.by_country, filters=filters)
        return {**answer, "regions": placed_regions(answer["regions"]), "shapes": country_shapes()}

    @app.get("/api/export/{what}")
    def download(what: str, format: str = Query("csv", description="csv, jsonl or gdelt-events"),  # noqa: A002
                 source: str | None = None, target: str | None = None, sort: str | None = Sort,
                 order: str = Order, filters: query.Filter = View) -> Response:
        """The current view (events or quotes under the shared filter) as a file, by the export code the CLI
        uses: CSV or JSONL of the rows /api/events or /api/quotes list, or GDELT 2.0 Events."""
        from newsgraph.export.view import VIEW_FORMATS, write_view

        if what not in ("events", "quotes"):
            raise HTTPException(404, f"no export of {what!r}: use events or quotes")
        if format not in VIEW_FORMATS:
            raise HTTPException(400, f"format {format!r} is not valid: use one of {', '.join(VIEW_FORMATS)}")
        buffer = io.StringIO()
        written = ask(write_view, what=what, fmt=format, out=buffer, filters=filters, source=source,
                      target=target, sort=sort, descending=order == "desc")
        suffix = {"csv": "csv", "jsonl": "jsonl", "gdelt-events": "export.CSV"}[format]
        media = {"csv": "text/csv", "jsonl": "application/x-ndjson", "gdelt-events": "text/tab-separated-values"}
        return Response(buffer.getvalue(), media_type=f"{media[format]}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="newsgraph-{what}.{suffix}"',
                                 "X-Rows": str(written)})

    @app.post("/api/analyze")
    def analyze(body: AnalyzeRequest) -> Response:
        """Analyse a text (plain or HTML); the answer is the record. Stored only when `store` is true."""
        from newsgraph.read import read_bytes

        try:
            published = validate.published(body.published or None)
        except NewsgraphError as err:
            raise HTTPException(422, f"invalid request: {err.message}") from err
        (raw,) = list(read_bytes(body.text.encode("utf-8", "replace"), body.url or "POST /api/analyze"))
        if isinstance(raw, NewsgraphError):
            raise HTTPException(422, raw.message)
        raw.title = body.title or raw.title
        if published:
            raw.published, raw.published_from = published, "field"
        raw.source, raw.url = body.source, body.url
        try:
            result = pool.run(raw)
        except Busy:
            raise HTTPException(503, Errors.E030.format(why="every analysis worker is taken"),
                                headers={"Retry-After": RETRY_AFTER}) from None
        except TooSlow:
            raise HTTPException(504, too_slow(raw.input_id, pool.seconds).message,
                                headers={"Retry-After": RETRY_AFTER}) from None
        if isinstance(result, NewsgraphError):
            if result.code is Errors.E025:  # a fault of newsgraph's, not of the text: details to the log
                log.warning("newsgraph: %s", result.message)
                raise HTTPException(422, "this text could not be analysed")
            raise HTTPException(422, result.message)
        text, record = result
        if body.store:
            try:
                the_store.add([record])
            except NewsgraphError as err:
                raise _http_error(err) from err
        return Response(text, media_type="application/json")

    # -- pages: static shells; app.js fills them from the API ----------------
    def shell(name: str) -> HTMLResponse:
        return HTMLResponse(render_page(name),
                            headers={"Content-Security-Policy": CSP})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return shell("index")

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def reader_page(doc_id: str) -> HTMLResponse:
        return shell("reader")

    @app.get("/actors/{key}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(key: str) -> HTMLResponse:
        return shell("actor")

    for name in ("analyze", "network", "timeline", "search", "map"):
        app.add_api_route(f"/{name}", (lambda n: lambda: shell(n))(name), response_class=HTMLResponse,
                          include_in_schema=False)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        if "/" in name or name.startswith(".") or not STATIC.joinpath(name).is_file():
            raise HTTPException(404, "no such file")
        return FileResponse(str(STATIC.joinpath(name)), headers={"Content-Security-Policy": CSP})

    app.state.store = the_store
    app.state.analysis = pool
    warm(the_store)
    return app


def warm(store: Store) -> None:
    """Do at start-up what the first visitor would otherwise wait for: every page's HTML, the CAMEO table, the
    map's shapes, and a first read of the store (DuckDB reads its catalogue and the tables' first blocks).
    A store that cannot be read now (an ingest holds it) is left for the requests to wait on."""
    for name in PAGES:
        render_page(name)
    cameo_codes()
    country_shapes()
    region_shapes()
    gazetteer()
    try:
        with store.session():
            query.filter_choices(store)
            query.documents(store, limit=1)
            query.events(store, limit=1, counted=True)
            query.quotes(store, limit=1, counted=True)
    except NewsgraphError as err:
        log.warning("newsgraph: the store was not read at start-up: %s", err.message)


def _http_error(err: NewsgraphError) -> HTTPException:
    """A store error as an answer: the caller's mistake says what it was; the database's own trouble
    says only that it is unavailable (its message names files and servers), and goes to the log."""
    if err.code in (Errors.E023, Errors.E016):
        return HTTPException(400, err.message)
    log.warning("newsgraph: %s", err.message)
    if err.code is Errors.E028:
        return HTTPException(503, "the database is busy (an ingest is writing to it); try again shortly",
                             headers={"Retry-After": RETRY_AFTER})
    return HTTPException(503, "the database is not available; try again later", headers={"Retry-After": RETRY_AFTER})


# JSON answers are data: nothing in them may load or run anything, wherever they end up displayed.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
# Scripts only from this server, no inline script, no plugins: a payload in an article has nowhere to run.
CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " \
      "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

