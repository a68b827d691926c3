"""`storyline serve OUT`: a read-only FastAPI app over a finished OUT directory.

The page at / is rendered once, at start-up, by the same code and template as report.html; the API
hands out the storyline.json records. Security headers go on every response because the page shows
hostile article text (it is escaped, and the CSP is a second line of defence).
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.report import build_view, render_html
from storyline.report.html import CSP
from storyline.store import load

HEADERS = {"Content-Security-Policy": CSP + "; frame-ancestors 'none'", "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
SINGULAR = {"documents": "document", "stories": "story", "events": "event", "claims": "claim", "quotes": "quote"}


def _metadata(document: dict) -> dict:
    """A document without its text and removed pieces, which can be large."""
    return {k: v for k, v in document.items() if k not in ("text", "removed")}


def create_app(out: str | Path) -> FastAPI:
    """The app for one OUT directory; storyline.json is read once, here."""
    data = load(out)
    page = render_html(build_view(data))
    index = {kind: {item["id"]: item for item in data.get(kind, [])} for kind in SINGULAR}
    # the interactive docs pages load scripts from a CDN, which the CSP forbids: leave them out
    app = FastAPI(title="storyline", docs_url=None, redoc_url=None)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    def find(kind: str, item_id: str) -> dict:
        if item_id not in index[kind]:
            raise HTTPException(status_code=404, detail=f"unknown {SINGULAR[kind]} {item_id!r}")
        return index[kind][item_id]

    def in_story(kind: str, story: str | None) -> list[dict]:
        """Records of `kind`, optionally only those of one story (by their own story field or their documents')."""
        items = data.get(kind, [])
        if story is None:
            return items
        docs = set(find("stories", story).get("documents", []))
        return [i for i in items if i.get("story") == story or (i.get("story") is None and docs & _documents(i))]

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
    def report() -> str:
        return page

    @app.get("/api/storyline")
    def storyline() -> JSONResponse:
        return JSONResponse(data)  # as stored: skip response-model validation of the whole run

    @app.get("/api/stories")
    def stories() -> list[dict]:
        return data.get("stories", [])

    @app.get("/api/stories/{story_id}")
    def story(story_id: str) -> dict:
        """One story with its events, claims, quotes and documents' metadata (texts via /api/documents/ID)."""
        s = find("stories", story_id)
        docs = [_metadata(index["documents"][d])
                for d in s.get("documents", []) if d in index["documents"]]
        return {**s, "documents": docs, "events": in_story("events", story_id),
                "claims": in_story("claims", story_id), "quotes": in_story("quotes", story_id)}

    @app.get("/api/events")
    def events(story: str | None = None) -> list[dict]:
        return in_story("events", story)

    @app.get("/api/events/{event_id}")
    def event(event_id: str) -> dict:
        return find("events", event_id)

    @app.get("/api/claims")
    def claims(story: str | None = None) -> list[dict]:
        return in_story("claims", story)

    @app.get("/api/claims/{claim_id}")
    def claim(claim_id: str) -> dict:
        return find("claims", claim_id)

    @app.get("/api/quotes")
    def quotes(story: str | None = None) -> list[dict]:
        return in_story("quotes", story)

    @app.get("/api/quotes/{quote_id}")
    def quote(quote_id: str) -> dict:
        return find("quotes", quote_id)

    @app.get("/api/documents")
    def documents() -> list[dict]:
        """Document metadata without the texts, which can be large."""
        return [_metadata(d) for d in data.get("documents", [])]

    @app.get("/api/documents/{document_id}")
    def document(document_id: str) -> dict:
        return find("documents", document_id)

    return app


def serve(out: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the web UI with uvicorn until interrupted."""
    import uvicorn
    uvicorn.run(create_app(Path(out)), host=host, port=port)


def _documents(item: dict) -> set[str]:
    """The documents a record cites: a claim its own, events and quotes their mentions'."""
    return {item["document"]} if "document" in item else {m["document"] for m in item.get("mentions", [])}
