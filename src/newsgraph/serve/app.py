"""FastAPI app: JSON endpoints over the store (the same query functions as the CLI) and the pages.

Article text is untrusted: the API returns it as JSON data, and the pages put it
into the DOM only as text nodes (see static/app.js), never as markup.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
from functools import cache
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import ClientDisconnect

from newsgraph import query, validate
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.serve.analysis import AnalysisPool, Busy, TooSlow, too_slow
from newsgraph.store import Store, open_store

MAX_BODY_BYTES = 2 * 2**20
MAX_PAGE = 500
MAX_OFFSET = 2**31  # far past any real page; larger numbers only reach the database as an overflow
BODY_SECONDS = 30.0  # a request body that takes longer to arrive is a stalled or hostile client
READ_WAIT_SECONDS = 5.0  # how long a read waits for an ingest's write lock before answering 503
READERS = 8  # PostgreSQL connections the requests read on at once (the pool's size)
RETRY_AFTER = "5"
log = logging.getLogger("newsgraph.serve")
STATIC = resources.files("newsgraph.serve").joinpath("static")
PAGE_FILES = resources.files("newsgraph.serve").joinpath("pages")
PAGES = ("index", "reader", "analyze", "actor", "network", "timeline", "search")


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


def serving_store(db: str | None) -> Store:
    """The store a server reads: a DuckDB file opened per request (so `newsgraph ingest` can write it
    between requests; read-only if the file is), or a PostgreSQL connection."""
    url = db or "newsgraph.duckdb"
    if url.startswith(("postgresql://", "postgres://")):
        return open_store(url, readers=READERS)
    path = url.removeprefix("duckdb:")
    read_only = os.path.exists(path) and not os.access(path, os.W_OK)
    return open_store(url, read_only=read_only, transient=True, wait=READ_WAIT_SECONDS)


def create_app(db: str | None = None, store: Store | None = None, model: str | None = None,
               analysis: AnalysisPool | None = None) -> FastAPI:
    """The app over the database at `db` (or an open `store`); `analysis` runs POST /api/analyze."""
    # No /docs or /redoc: FastAPI's pages load their scripts from a CDN, and these machines are offline.
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None, description="News articles as structured records: actors, "
                  "quotes, CAMEO/PLOVER events, facts, each with its evidence span.")
    app.add_middleware(BodyLimit)
    app.add_middleware(SafeHeaders)
    the_store = store or serving_store(db)
    pool = analysis or AnalysisPool(model)
    # No lock here: every read gets a connection of its own from the store, so requests run side by side;
    # the store itself serialises writes. Analysis never touches the store.

    def ask(verb: Any, **kwargs: Any) -> Any:
        try:
            return verb(the_store, **kwargs)
        except NewsgraphError as err:
            raise _http_error(err) from err

    def page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
        return {"items": items, "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(items) == limit else None}

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

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        return {"ok": True, "engine": the_store.engine, "documents": ask(lambda s: s.count("documents"))}

    @app.get("/api/cameo")
    def cameo_codes() -> dict[str, Any]:
        """The CAMEO code table (name, Goldstein, quad class, PLOVER type per code), for labels and filters."""
        from newsgraph.events.cameo import cameo_table

        return {c.code: {"name": c.name, "goldstein": c.goldstein, "quad_class": c.quad_class,
                         "plover": c.plover} for c in cameo_table().values()}

    @app.get("/api/documents")
    def documents(q: str | None = None, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        return page(ask(query.documents, text=q, limit=limit, offset=offset), limit, offset)

    @app.get("/api/documents/{doc_id}")
    def record(doc_id: str) -> Response:
        text = ask(lambda s: s.record(doc_id))
        if text is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return Response(text, media_type="application/json")

    @app.get("/api/actors")
    def actors(name: str | None = None, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        return page(ask(query.actors, name=name, limit=limit, offset=offset), limit, offset)

    @app.get("/api/actors/{key}")
    def actor(key: str, limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        """Everything about one actor (a code such as USAGOV, or a canonical name)."""
        known = [a for a in ask(query.actors, name=key, limit=None)
                 if a["code"] == key or a["name"].lower() == key.lower()]
        if not known:
            raise HTTPException(404, f"no actor {key!r}")
        quotes = ask(query.quotes, speaker=key, limit=limit)
        quotes = [q for q in quotes if q["speaker_code"] == key or (q["speaker"] or "").lower() == key.lower()]
        return {
            "key": key, "actors": known, "quotes": quotes,
            "did": ask(query.events, source=key, limit=limit),
            "done_to": ask(query.events, target=key, limit=limit),
            "partners": ask(query.pairs, actor=key, limit=20),
            "timeline": ask(query.timeline, actor=key, by="month"),
        }

    @app.get("/api/quotes")
    def quotes(speaker: str | None = None, text: str | None = None, since: str | None = None,
               until: str | None = None, doc_id: str | None = None, limit: int = Limit,
               offset: int = Offset) -> dict[str, Any]:
        return page(ask(query.quotes, speaker=speaker, text=text, since=since, until=until, doc_id=doc_id,
                        limit=limit, offset=offset), limit, offset)

    @app.get("/api/events")
    def events(actor: str | None = None, source: str | None = None, target: str | None = None,
               since: str | None = None, until: str | None = None, root: str | None = None,
               plover: str | None = None, doc_id: str | None = None, limit: int = Limit,
               offset: int = Offset) -> dict[str, Any]:
        return page(ask(query.events, actor=actor, source=source, target=target, since=since, until=until,
                        root=root, plover=plover, doc_id=doc_id, limit=limit, offset=offset), limit, offset)

    @app.get("/api/pairs")
    def pairs(actor: str | None = None, since: str | None = None, until: str | None = None,
              root: str | None = None, min_events: int = Query(1, ge=1),
              limit: int = Query(200, ge=1, le=2000), offset: int = Offset) -> dict[str, Any]:
        return page(ask(query.pairs, actor=actor, since=since, until=until, root=root, min_events=min_events,
                        limit=limit, offset=offset), limit, offset)

    @app.get("/api/timeline")
    def timeline(actor: str | None = None, partner: str | None = None, by: str = "month",
                 since: str | None = None, until: str | None = None) -> dict[str, Any]:
        """Events per period; `undated` counts the events (and their articles) no period can hold."""
        return {"by": by, "items": ask(query.timeline, actor=actor, partner=partner, by=by, since=since,
                                       until=until),
                "undated": ask(query.undated, actor=actor, partner=partner)}

    @app.get("/api/search")
    def search(q: str = Query(..., min_length=2, max_length=200), limit: int = Limit) -> dict[str, Any]:
        """Full-text search over articles (title and body) and quotes."""
        return {"q": q, "documents": ask(query.documents, text=q, limit=limit),
                "quotes": ask(query.quotes, text=q, limit=limit)}

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

    for name in ("analyze", "network", "timeline", "search"):
        app.add_api_route(f"/{name}", (lambda n: lambda: shell(n))(name), response_class=HTMLResponse,
                          include_in_schema=False)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        if "/" in name or name.startswith(".") or not STATIC.joinpath(name).is_file():
            raise HTTPException(404, "no such file")
        return FileResponse(str(STATIC.joinpath(name)), headers={"Content-Security-Policy": CSP})

    app.state.store = the_store
    app.state.analysis = pool
    return app


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

