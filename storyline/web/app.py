"""`storyline serve OUT`: a read-only FastAPI app over a finished run's DuckDB.

HTML pages and their `/api/...` JSON twins are thin: each asks `Database` one question and
renders the answer through the report's templates. Article text is hostile, so it is always
escaped (Jinja autoescape) and every response carries a strict Content-Security-Policy with no
inline script; requests are GET or HEAD with a bounded URL, and nothing outside the package's
static folder and OUT's two result files can be read.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path
from urllib.parse import quote

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storyline.report.html import TEMPLATES, environment
from storyline.report.labels import date_label
from storyline.store import JSON_NAME
from storyline.web import pages
from storyline.web.cache import DEFAULT_BYTES, Cached, PageCache
from storyline.web.db import DOWNLOADS, MAX_QUERY_CHARS, PAGE_SIZE, Database, StorySort

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"}
SEARCH_PAGE = 20         # results of each kind on a search page, as search engines show (the API gives 50)
MAX_URL_BYTES = 4096     # longer request targets are refused (414): no page needs more
UNCACHED = ("/download/", "/api/storyline", "/static/")  # large or already files
FORMATS = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet",
           "json": "application/json"}


def _cite_href(c) -> str:
    return pages.document_href(c.doc_id, c.target if c.start is not None else "")


def _env():
    return environment(HERE / "templates", cite_href=_cite_href,
                       doc_href=lambda c: pages.document_href(c.doc_id),
                       entity_link=lambda name: Markup(f'<a class="entity" href="{escape(pages.entity_href(name))}">'
                                                       f'{escape(name)}</a>'),
                       story_href=pages.story_href, document_href=pages.document_href,
                       entity_href=pages.entity_href, date_label=date_label, quote=quote)


def create_app(out: str | Path, cache_bytes: int = DEFAULT_BYTES, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app for one finished OUT directory (storyline.duckdb and storyline.json); rendered
    pages and API answers are kept in up to `cache_bytes` of memory (0: render every time).
    With `allowed_hosts`, a request naming another Host is refused, so a web page elsewhere
    cannot reach a localhost server by rebinding its own name to 127.0.0.1."""
    out = Path(out)
    cache = PageCache(cache_bytes) if cache_bytes else None
    db = Database(out)
    env = _env()
    # FastAPI's own docs pages load their scripts from a CDN, which the CSP forbids: /docs is ours
    app = FastAPI(title="storyline", version="1", docs_url=None, redoc_url=None,
                  description="Read-only access to one storyline run: stories, events, claims, quotes, documents.")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    counts, facets = db.counts(), db.facets()  # a finished run never changes: once, at start

    @app.middleware("http")
    async def guard(request: Request, call_next):
        started = time.perf_counter()
        target = request.url.path.encode() + b"?" + request.url.query.encode()
        if request.method not in ("GET", "HEAD"):
            response = PlainTextResponse("read-only: only GET and HEAD", status_code=405, headers={"Allow": "GET, HEAD"})
        elif len(target) > MAX_URL_BYTES:
            response = PlainTextResponse("request URL too long", status_code=414)
        elif request.headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in request.headers:
            response = PlainTextResponse("requests carry no body", status_code=413)
        elif cache is not None and not request.url.path.startswith(UNCACHED):
            key = f"{request.method} {request.url.path}?{request.url.query}"
            hit = cache.get(key)
            if hit is None:
                response = await call_next(request)
                body = b"".join([chunk async for chunk in response.body_iterator])
                hit = Cached(response.status_code, tuple(response.headers.items()), body)
                if response.status_code == 200:
                    cache.put(key, hit)
            response = Response(hit.body, status_code=hit.status, headers=dict(hit.headers))
        else:
            response = await call_next(request)
        response.headers.update(HEADERS)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    if allowed_hosts:  # added last, so it runs first: before the page cache answers
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    def html(template: str, status_code: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(counts=counts, **context), status_code=status_code)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException):
        """A page asked for in a browser gets a page; the API and downloads answer JSON."""
        if request.url.path.startswith(("/api/", "/download/", "/static/", "/openapi")):
            return await http_exception_handler(request, exc)
        return html("error.html", status_code=exc.status_code, status=exc.status_code, detail=exc.detail)

    def missing(kind: str, key: str) -> HTTPException:
        return HTTPException(status_code=404, detail=f"unknown {kind} {key!r}")

    # ---- pages -------------------------------------------------------------------------------

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def stories_page(sort: StorySort = StorySort.DOCUMENTS, order: str = Query("desc", pattern="^(asc|desc)$"),
                     page: int = Query(1, ge=1, le=10_000)):
        rows = db.stories(sort, order == "desc", (page - 1) * PAGE_SIZE, PAGE_SIZE + 1)
        return html("stories.html", stories=rows[:PAGE_SIZE], sort=sort, order=order, page=page,
                    more=len(rows) > PAGE_SIZE, span=_span)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str, full: bool = False):
        found = pages.story_page(db, story_id, None if full else pages.MOST_SHOWN)
        if found is None:
            raise missing("story", story_id)
        story, totals = found
        return html("story.html", story=story, totals=totals, full=full)

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(document_id: str):
        page = pages.document_page(db, document_id)
        if page is None:
            raise missing("document", document_id)
        return html("document.html", page=page)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(prefix: str = Query("", max_length=MAX_QUERY_CHARS), page: int = Query(1, ge=1, le=10_000)):
        rows = db.entities(prefix, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1)
        return html("entities.html", entities=rows[:PAGE_SIZE], prefix=prefix, page=page, more=len(rows) > PAGE_SIZE)

    @app.get("/entities/{name}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(name: str):
        page = pages.entity_page(db, name)
        if page is None:
            raise missing("entity", name)
        return html("entity.html", page=page)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=MAX_QUERY_CHARS), actor: str | None = None,
                    type: str | None = None, status: str | None = None, source: str | None = None,
                    date_from: dt.date | None = Query(None, alias="from"), date_to: dt.date | None = Query(None, alias="to"),
                    page: int = Query(1, ge=1, le=10_000)):
        filters = {"actor": actor, "type": type, "status": status, "source": source}
        found = db.search(q, **filters, date_from=date_from, date_to=date_to, offset=(page - 1) * SEARCH_PAGE,
                          limit=SEARCH_PAGE) if q or any(filters.values()) or date_from or date_to else {}
        return html("search.html", q=q, filters=filters, date_from=date_from, date_to=date_to, found=found, size=SEARCH_PAGE,
                    facets=facets, page=page, query=str(request.url.query))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs():
        spec = app.openapi()
        return html("api.html", spec=spec, endpoints=pages.api_endpoints(spec))

    @app.get("/report.css", include_in_schema=False)
    def report_css():
        return FileResponse(TEMPLATES / "report.css", media_type="text/css")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    # ---- API ---------------------------------------------------------------------------------

    @app.get("/api/storyline", summary="The whole storyline.json, as written")
    def whole():
        return FileResponse(out / JSON_NAME, media_type="application/json")

    @app.get("/api/stories", summary="Stories with their date span and numbers of documents, sources and events")
    def api_stories(sort: StorySort = StorySort.DOCUMENTS, order: str = Query("desc", pattern="^(asc|desc)$"),
                    page: int = Query(1, ge=1, le=10_000)) -> list[dict]:
        return _jsonable(db.stories(sort, order == "desc", (page - 1) * PAGE_SIZE, PAGE_SIZE))

    @app.get("/api/stories/{story_id}", summary="One story with its events, claims, quotes and documents' metadata")
    def api_story(story_id: str) -> dict:
        data = db.story(story_id, texts=False)
        if data is None:
            raise missing("story", story_id)
        return {**data["stories"][0], "documents": [_metadata(d) for d in data["documents"]],
                "events": data["events"], "claims": data["claims"], "quotes": data["quotes"]}

    @app.get("/api/documents", summary="Document metadata, without texts")
    def api_documents(page: int = Query(1, ge=1, le=100_000)) -> list[dict]:
        rows = db.rows("SELECT * EXCLUDE (text, removed) FROM documents ORDER BY id LIMIT ? OFFSET ?",
                       [PAGE_SIZE, (page - 1) * PAGE_SIZE])
        return _jsonable(rows)

    @app.get("/api/documents/{document_id}", summary="One document with its text, and what cites it")
    def api_document(document_id: str) -> dict:
        found = db.document(document_id)
        if found is None:
            raise missing("document", document_id)
        return {**found["document"], "cited_by": {k: found[k] for k in ("events", "claims", "quotes")},
                "copies": _jsonable(found["copies"])}

    for kind, singular, reader in (("events", "event", "_events"), ("claims", "claim", "_claims"),
                                   ("quotes", "quote", "_quotes")):
        _records(app, db, kind, singular, reader, missing)

    @app.get("/api/entities", summary="Actors and recipients by number of events")
    def api_entities(prefix: str = Query("", max_length=MAX_QUERY_CHARS), page: int = Query(1, ge=1, le=10_000)):
        return db.entities(prefix, (page - 1) * PAGE_SIZE, PAGE_SIZE)

    @app.get("/api/entities/{name}", summary="The events an actor takes part in, in time order")
    def api_entity(name: str) -> list[dict]:
        events, _ = db.entity_events(name)
        if not events:
            raise missing("entity", name)
        return events

    @app.get("/api/search", summary="Substring search over documents, event sentences and quotes, with filters")
    def api_search(q: str = Query("", max_length=MAX_QUERY_CHARS), actor: str | None = None, type: str | None = None,
                   status: str | None = None, source: str | None = None,
                   date_from: dt.date | None = Query(None, alias="from"), date_to: dt.date | None = Query(None, alias="to"),
                   page: int = Query(1, ge=1, le=10_000)) -> dict:
        return _jsonable(db.search(q, actor, type, status, source, date_from, date_to, (page - 1) * PAGE_SIZE))

    @app.get("/download/{name}.{fmt}", summary="A table as CSV, Parquet or JSON, optionally one story's rows")
    def download(name: str, fmt: str, story: str | None = None):
        if name not in DOWNLOADS or fmt not in FORMATS:
            raise HTTPException(status_code=404, detail=f"no download {name}.{fmt}: tables {', '.join(DOWNLOADS)}; "
                                                        f"formats {', '.join(FORMATS)}")
        table = db.table(name, story)
        filename = f"{name}-{story}.{fmt}" if story else f"{name}.{fmt}"
        return Response(_encode(table, fmt), media_type=FORMATS[fmt],
                        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})

    return app


def _records(app: FastAPI, db: Database, kind: str, singular: str, reader: str, missing) -> None:
    """/api/{kind}?story= and /api/{kind}/{id} for events, claims and quotes."""
    alias = kind[0]

    def listing(story: str | None = None, page: int = Query(1, ge=1, le=100_000)) -> list[dict]:
        if story is not None and not db.rows("SELECT 1 FROM stories WHERE id = ?", [story]):
            raise missing("story", story)
        if story is not None:
            return getattr(db, reader)(f"{alias}.story = ?", [story])
        return getattr(db, reader)(f"{alias}.id IN (SELECT id FROM {kind} ORDER BY id LIMIT ? OFFSET ?)",
                                   [PAGE_SIZE, (page - 1) * PAGE_SIZE])

    def item(item_id: str) -> dict:
        rows = getattr(db, reader)(f"{alias}.id = ?", [item_id])
        if not rows:
            raise missing(singular, item_id)
        return rows[0]

    app.get(f"/api/{kind}", summary=f"{kind.capitalize()}, all or one story's")(listing)
    app.get(f"/api/{kind}/{{item_id}}", summary=f"One {singular}")(item)


def _metadata(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in ("text", "removed")}


def _span(first, last) -> str:
    if not first:
        return "undated"
    return date_label(None, "range", [first.isoformat(), last.isoformat()])


def _jsonable(value):
    """Dates from DuckDB rows as ISO strings."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v)))


def _encode(table: pa.Table, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(_jsonable(table.to_pylist()), ensure_ascii=False).encode()
    sink = io.BytesIO()
    if fmt == "parquet":
        pq.write_table(table, sink)
    else:  # CSV has no lists: those cells hold JSON arrays
        for i, f in enumerate(table.schema):
            if pa.types.is_list(f.type):
                cells = [None if v is None else json.dumps(v, ensure_ascii=False) for v in table.column(i).to_pylist()]
                table = table.set_column(i, f.name, pa.array(cells, pa.string()))
        pacsv.write_csv(table, sink)
    return sink.getvalue()
