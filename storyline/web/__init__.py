"""The web app over a finished run: `create_app(OUT)` for ASGI servers and tests, `serve(OUT)`
to run it with uvicorn (the `storyline serve` command)."""
from __future__ import annotations

import os
from pathlib import Path

from storyline.web.app import create_app
from storyline.web.cache import DEFAULT_BYTES

OUT_VARIABLE = "STORYLINE_SERVE_OUT"   # how `serve` tells worker processes what to serve
CACHE_VARIABLE = "STORYLINE_SERVE_CACHE_BYTES"
HOST_VARIABLE = "STORYLINE_SERVE_HOST"

__all__ = ["create_app", "hosts_for", "serve"]


def serve(out: str | Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          cache_bytes: int = DEFAULT_BYTES) -> None:
    """Run the web UI with uvicorn until interrupted; localhost only unless `host` says otherwise.
    Several `workers` are processes, each with its own read-only connection and page cache."""
    import uvicorn
    if workers == 1:
        uvicorn.run(create_app(Path(out), cache_bytes, hosts_for(host)), host=host, port=port)
        return
    create_app(Path(out), 0)  # fail here, once, on a bad OUT rather than in every worker
    os.environ[OUT_VARIABLE] = str(Path(out).resolve())
    os.environ[CACHE_VARIABLE] = str(cache_bytes)
    os.environ[HOST_VARIABLE] = host
    uvicorn.run("storyline.web:app_from_environment", factory=True, host=host, port=port, workers=workers)


def app_from_environment():
    """The app a uvicorn worker process builds: OUT and the cache size come from `serve`."""
    return create_app(os.environ[OUT_VARIABLE], int(os.environ.get(CACHE_VARIABLE, DEFAULT_BYTES)),
                      hosts_for(os.environ.get(HOST_VARIABLE, "127.0.0.1")))


def hosts_for(host: str) -> list[str] | None:
    """The Host names a server bound to `host` answers: a loopback server only its own names
    (no DNS rebinding); one bound to every interface or a public address, any."""
    if host in ("127.0.0.1", "localhost", "::1"):
        return ["127.0.0.1", "localhost", "[::1]", "::1"]
    return None
