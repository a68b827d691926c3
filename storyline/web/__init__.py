"""The web app over a finished run: `create_app(OUT)` for ASGI servers and tests, `serve(OUT)`
to run it with uvicorn (the `storyline serve` command)."""
from __future__ import annotations

from pathlib import Path

from storyline.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(out: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the web UI with uvicorn until interrupted; localhost only unless `host` says otherwise."""
    import uvicorn
    uvicorn.run(create_app(Path(out)), host=host, port=port)
