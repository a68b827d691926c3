"""Load test of `storyline serve` on a finished run: 20 concurrent clients on 127.0.0.1 asking for
story pages and searches (the issue's target: p95 server time under 300 ms), plus document,
entity and API pages, for a fixed time.

    python benchmarks/webcorpus.py /tmp/web2000          # once: 2,000 real documents -> /tmp/web2000/out
    python benchmarks/webload.py /tmp/web2000/out [--clients 20] [--seconds 60]

Server time is what the app's middleware measured for the request (its Server-Timing header:
from the request reaching the app to the response leaving it, waits for a worker thread
included); latency is what the client saw. The server runs as users run it, `storyline
serve` (by default one process with its page cache; `--cache-mb 0` renders every request, the
cold path); the clients share the machine's two cores with it.
"""
from __future__ import annotations

import argparse
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx

TARGET_MS = 300.0
WORDS = re.compile(r"[A-Za-z]{5,}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workload(out: Path, seed: int = 0) -> dict[str, list[str]]:
    """Paths per page kind: every story (large ones as often as small), searches for words of
    the run's titles, with and without filters, and a sample of documents and entities."""
    con = duckdb.connect(str(out / "storyline.duckdb"), read_only=True)
    rng = random.Random(seed)
    stories = [r[0] for r in con.execute("SELECT id FROM stories ORDER BY len(documents) DESC").fetchall()]
    titles = " ".join(r[0] or "" for r in con.execute("SELECT title FROM documents USING SAMPLE 300 ROWS").fetchall())
    words = sorted(set(w.lower() for w in WORDS.findall(titles)))
    types = [r[0] for r in con.execute("SELECT DISTINCT type FROM events WHERE type IS NOT NULL").fetchall()]
    docs = [r[0] for r in con.execute("SELECT id FROM documents USING SAMPLE 200 ROWS").fetchall()]
    actors = [r[0] for r in con.execute("SELECT unnest(actors) AS a, count(*) n FROM events GROUP BY a "
                                        "ORDER BY n DESC LIMIT 100").fetchall()]
    con.close()
    searches = [f"/search?q={quote(w)}" for w in rng.sample(words, min(60, len(words)))]
    searches += [f"/search?q={quote(w)}&type={quote(rng.choice(types))}" for w in rng.sample(words, min(20, len(words)))]
    searches += [f"/search?actor={quote(a)}&from=2015-01-01&to=2016-12-31" for a in actors[:20]]
    return {"story": [f"/stories/{quote(s, safe='')}" for s in stories],
            "search": searches,
            "document": [f"/documents/{quote(d, safe='')}" for d in docs],
            "entity": [f"/entities/{quote(a, safe='')}" for a in actors],
            "api": [f"/api/stories/{quote(s, safe='')}" for s in stories[:50]] + ["/api/stories", "/"]}


ID_KEYS = {"id", "story", "document", "claim", "event", "quote", "duplicate_of"}


def _suffixed(value, tag: str, key: str | None = None):
    """A storyline.json value with every id in it (and every list of ids) ending in `tag`."""
    if isinstance(value, dict):
        return {k: _suffixed(v, tag, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in ("documents", "events") and all(isinstance(v, str) for v in value):
            return [v + tag for v in value]
        return [_suffixed(v, tag) for v in value]
    return value + tag if key in ID_KEYS and isinstance(value, str) else value


def replicate(out: Path, copies: int, into: Path) -> Path:
    """A run `copies` times the size of `out`: every record again with its ids (and every id it
    refers to) suffixed, written by the pipeline's own store, so each copy is a separate story
    world. Measures how pages and search scale (a 2,000-document run x5 is a 10,000-document
    one) without running the pipeline five times."""
    import json

    from storyline import store
    data = json.loads((out / "storyline.json").read_text(encoding="utf-8"))
    big = {"version": data.get("version"), "rejected": data.get("rejected", [])}
    for kind in ("documents", "stories", "events", "claims", "quotes"):
        big[kind] = [_suffixed(r, f"~{k}" if k else "") for k in range(copies) for r in data.get(kind, [])]
    into.mkdir(parents=True, exist_ok=True)
    store.write_duckdb(big, into / "storyline.duckdb")
    (into / "storyline.json").write_text(json.dumps({"version": data.get("version")}), encoding="utf-8")
    return into


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=1, help="storyline serve --workers")
    parser.add_argument("--cache-mb", type=int, default=256, help="storyline serve --cache-mb (0: render every request)")
    parser.add_argument("--replicate", type=int, default=1, help="serve a run this many times OUT's size (its rows copied)")
    args = parser.parse_args()
    if args.replicate > 1:
        args.out = replicate(args.out, args.replicate, Path(tempfile.mkdtemp(prefix="webload-")))
    counts = duckdb.connect(str(args.out / "storyline.duckdb"), read_only=True).execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM stories), (SELECT count(*) FROM events)").fetchone()
    print(f"run: {counts[0]} documents, {counts[1]} stories, {counts[2]} events ({args.out})")
    paths = workload(args.out)
    port = free_port()
    storyline = Path(sys.executable).with_name("storyline")
    started = time.perf_counter()
    print(f"server: storyline serve --workers {args.workers} --cache-mb {args.cache_mb}")
    server = subprocess.Popen([str(storyline), "serve", str(args.out), "--port", str(port), "--workers",
                               str(args.workers), "--cache-mb", str(args.cache_mb)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if httpx.get(base + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
            if server.poll() is not None or time.perf_counter() - started > 60:
                print("server did not start", file=sys.stderr)
                return 1
        print(f"start-up: first page after {time.perf_counter() - started:.2f} s")
        results: dict[str, list[tuple[float, float]]] = defaultdict(list)
        errors: list[str] = []
        kinds = ["story", "search", "story", "search", "document", "entity", "api"]  # story pages and searches weigh double
        stop = time.perf_counter() + args.seconds
        lock = threading.Lock()

        def client(n: int) -> None:
            rng = random.Random(n)
            with httpx.Client(base_url=base, timeout=30) as http:
                while time.perf_counter() < stop:
                    kind = rng.choice(kinds)
                    path = rng.choice(paths[kind])
                    t0 = time.perf_counter()
                    r = http.get(path)
                    latency = (time.perf_counter() - t0) * 1000
                    timing = re.search(r"dur=([\d.]+)", r.headers.get("server-timing", ""))
                    with lock:
                        if r.status_code != 200 or "content-security-policy" not in r.headers:
                            errors.append(f"{r.status_code} {path}")
                        results[kind].append((float(timing.group(1)) if timing else float("nan"), latency))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(10)
    total = sum(len(v) for v in results.values())
    print(f"{args.clients} clients for {args.seconds:.0f} s: {total} requests ({total / args.seconds:.1f}/s), "
          f"{len(errors)} errors {errors[:5]}")
    print(f"{'page':10} {'n':>6} {'server p50':>11} {'server p95':>11} {'latency p50':>12} {'latency p95':>12}  target")
    for kind in ("story", "search", "document", "entity", "api"):
        server_ms = [s for s, _ in results[kind]]
        latency_ms = [lat for _, lat in results[kind]]
        verdict = ("met" if percentile(server_ms, 95) < TARGET_MS else "MISSED") if kind in ("story", "search") else ""
        print(f"{kind:10} {len(server_ms):6d} {statistics.median(server_ms):9.1f}ms {percentile(server_ms, 95):9.1f}ms "
              f"{statistics.median(latency_ms):10.1f}ms {percentile(latency_ms, 95):10.1f}ms  "
              f"{'p95 server < 300 ms: ' + verdict if verdict else ''}")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
