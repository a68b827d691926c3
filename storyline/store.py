"""Store stage: storyline.json and storyline.duckdb, written atomically (temp file + rename), so an
interrupted run never leaves a half-written output."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import duckdb

from storyline.model import Result

TABLES = {
    "documents": "id VARCHAR, source VARCHAR, url VARCHAR, site VARCHAR, title VARCHAR, author VARCHAR, language VARCHAR, "
                 "page_type VARCHAR, published VARCHAR, published_precision VARCHAR, published_range VARCHAR[], "
                 "published_from VARCHAR, text VARCHAR, removed JSON, duplicate_of VARCHAR, story VARCHAR",
    "stories": "id VARCHAR, title VARCHAR, documents VARCHAR[], events VARCHAR[], summary JSON",
    "events": "id VARCHAR, story VARCHAR, type VARCHAR, mode VARCHAR, status VARCHAR, quad_class INTEGER, cameo VARCHAR, "
              "actors VARCHAR[], recipients VARCHAR[], actor_countries VARCHAR[], recipient_countries VARCHAR[], "
              "date VARCHAR, date_precision VARCHAR, date_range VARCHAR[], location VARCHAR, attributes JSON",
    "mentions": "event VARCHAR, document VARCHAR, start INTEGER, \"end\" INTEGER, sentence_start INTEGER, sentence_end INTEGER, text VARCHAR",
    "claims": "id VARCHAR, subject VARCHAR, value DOUBLE, unit VARCHAR, approximate BOOLEAN, kind VARCHAR, as_of VARCHAR, "
              "as_of_precision VARCHAR, source VARCHAR, document VARCHAR, start INTEGER, \"end\" INTEGER, story VARCHAR, related JSON",
    "quotes": "id VARCHAR, speaker VARCHAR, text VARCHAR, said_on VARCHAR, story VARCHAR, mentions JSON",
    "rejected": "source VARCHAR, reason VARCHAR",
}


def _atomic_target(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    return Path(tmp)


def write(result: Result, out: str | Path) -> dict:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data = result.to_dict()
    tmp = _atomic_target(out / "storyline.json")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out / "storyline.json")
    tmp = _atomic_target(out / "storyline.duckdb")
    try:
        _write_duckdb(data, tmp)
        os.replace(tmp, out / "storyline.duckdb")
    finally:
        tmp.unlink(missing_ok=True)
    return data


def _write_duckdb(data: dict, path: Path) -> None:
    texts = {d["id"]: d["text"] for d in data["documents"]}
    rows = {
        "documents": [[d[k] for k in ("id", "source", "url", "site", "title", "author", "language", "page_type", "published",
                                      "published_precision", "published_range", "published_from", "text")]
                      + [json.dumps(d["removed"], ensure_ascii=False), d["duplicate_of"], d["story"]] for d in data["documents"]],
        "stories": [[s["id"], s["title"], s["documents"], s["events"], json.dumps(s["summary"], ensure_ascii=False)] for s in data["stories"]],
        "events": [[e[k] for k in ("id", "story", "type", "mode", "status", "quad_class", "cameo", "actors", "recipients",
                                   "actor_countries", "recipient_countries", "date", "date_precision", "date_range", "location")]
                   + [json.dumps(e["attributes"])] for e in data["events"]],
        "mentions": [[e["id"], m["document"], m["start"], m["end"], m["sentence"][0], m["sentence"][1],
                      texts[m["document"]][m["start"]:m["end"]]] for e in data["events"] for m in e["mentions"]],
        "claims": [[c[k] for k in ("id", "subject", "value", "unit", "approximate", "kind", "as_of", "as_of_precision", "source",
                                   "document", "start", "end", "story")] + [json.dumps(c["related"])] for c in data["claims"]],
        "quotes": [[q["id"], q["speaker"], q["text"], q["said_on"], q.get("story"), json.dumps(q["mentions"], ensure_ascii=False)]
                   for q in data["quotes"]],
        "rejected": [[r["source"], r["reason"]] for r in data["rejected"]],
    }
    with duckdb.connect(str(path)) as con:
        for table, schema in TABLES.items():
            con.execute(f"CREATE TABLE {table} ({schema})")
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])


def load(out: str | Path) -> dict:
    return json.loads((Path(out) / "storyline.json").read_text(encoding="utf-8"))
