"""Write a run's result to OUT (storyline.json and storyline.duckdb) and read it back.

Every file is written next to its target under a temporary name and moved into place with
`os.replace`, so an interrupted run leaves either the previous file or the new one, never half of
one. The DuckDB tables are filled from Arrow tables built from the same dict as storyline.json, so
the two always agree and large runs load in bulk rather than row by row.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import tempfile
from enum import StrEnum
from pathlib import Path

import duckdb
import pyarrow as pa

from storyline.model import Result

JSON_NAME = "storyline.json"
DUCKDB_NAME = "storyline.duckdb"

_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
          "DATE": pa.date32(), "VARCHAR[]": pa.list_(pa.string()), "JSON": pa.string()}

# table -> [(column, DuckDB type)]. JSON columns hold nested values as JSON text; *_start/*_end DATE
# columns are the first and last day an imprecise date can mean, for range queries.
SCHEMA: dict[str, list[tuple[str, str]]] = {
    "documents": [("id", "VARCHAR"), ("source", "VARCHAR"), ("url", "VARCHAR"), ("site", "VARCHAR"),
                  ("title", "VARCHAR"), ("author", "VARCHAR"), ("language", "VARCHAR"),
                  ("page_type", "VARCHAR"), ("published", "VARCHAR"), ("published_precision", "VARCHAR"),
                  ("published_start", "DATE"), ("published_end", "DATE"), ("published_from", "VARCHAR"),
                  ("duplicate_of", "VARCHAR"), ("story", "VARCHAR"), ("text", "VARCHAR"), ("removed", "JSON"),
                  ("date_evidence", "JSON")],
    "stories": [("id", "VARCHAR"), ("title", "VARCHAR"), ("documents", "VARCHAR[]"), ("events", "VARCHAR[]")],
    "story_summaries": [("story", "VARCHAR"), ("position", "INTEGER"), ("text", "VARCHAR"), ("citations", "JSON")],
    "events": [("id", "VARCHAR"), ("story", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"),
               ("status", "VARCHAR"), ("quad_class", "INTEGER"), ("cameo", "VARCHAR"),
               ("actors", "VARCHAR[]"), ("recipients", "VARCHAR[]"), ("actor_countries", "VARCHAR[]"),
               ("recipient_countries", "VARCHAR[]"), ("date", "VARCHAR"), ("date_precision", "VARCHAR"),
               ("date_start", "DATE"), ("date_end", "DATE"), ("location", "VARCHAR"), ("attributes", "JSON")],
    "mentions": [("event", "VARCHAR"), ("document", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
                 ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"), ("text", "VARCHAR"),
                 ("sentence_text", "VARCHAR")],
    "claims": [("id", "VARCHAR"), ("story", "VARCHAR"), ("subject", "VARCHAR"), ("value", "DOUBLE"),
               ("unit", "VARCHAR"), ("approximate", "BOOLEAN"), ("kind", "VARCHAR"), ("as_of", "VARCHAR"),
               ("as_of_precision", "VARCHAR"), ("as_of_start", "DATE"), ("as_of_end", "DATE"),
               ("source", "VARCHAR"), ("document", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
               ("text", "VARCHAR"), ("bound", "VARCHAR"), ("figure_start", "INTEGER"), ("figure_end", "INTEGER")],
    "claim_mentions": [("claim", "VARCHAR"), ("document", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
                       ("figure_start", "INTEGER"), ("figure_end", "INTEGER")],
    "claim_relations": [("claim", "VARCHAR"), ("related", "VARCHAR"), ("relation", "VARCHAR")],
    "quotes": [("id", "VARCHAR"), ("story", "VARCHAR"), ("speaker", "VARCHAR"), ("text", "VARCHAR"),
               ("said_on", "VARCHAR"), ("said_on_precision", "VARCHAR"), ("said_on_start", "DATE"),
               ("said_on_end", "DATE"), ("kind", "VARCHAR"), ("speaker_description", "VARCHAR")],
    "quote_mentions": [("quote", "VARCHAR"), ("document", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
                       ("text", "VARCHAR")],
    "rejected": [("source", "VARCHAR"), ("reason", "VARCHAR")],
    # a serving index: each story's records as storyline.json has them (documents without their
    # text), so a story page is one query; `reach` ranks them (an event's reporting documents, a
    # quote's variants, a claim's relations) and `first` orders them in time
    "story_records": [("story", "VARCHAR"), ("kind", "VARCHAR"), ("id", "VARCHAR"), ("reach", "INTEGER"),
                      ("first", "DATE"), ("record", "JSON")],
}


WORD = r"[\pL\pN]+"  # a word for search: letters and digits of any script (RE2 syntax, as DuckDB's regexp functions)

# tables computed in SQL from the others once they are loaded. terms: the search index, every
# distinct lower-cased word of each document (title and text), event (its mentions' sentences)
# and quote, sorted by word so a lookup reads a few row groups.
DERIVED = {"terms": f"""
    SELECT DISTINCT term, kind, id FROM (
        SELECT unnest(regexp_extract_all(lower(coalesce(title, '') || ' ' || coalesce(text, '')), '{WORD}')) AS term,
               'document' AS kind, id FROM documents
        UNION ALL SELECT unnest(regexp_extract_all(lower(sentence_text), '{WORD}')), 'event', event FROM mentions
        UNION ALL SELECT unnest(regexp_extract_all(lower(text), '{WORD}')), 'quote', id FROM quotes)
    ORDER BY term, kind, id""",
    # which event, claim and quote cites each document, for its page
    "citations": """
    SELECT DISTINCT document, kind, id FROM (
        SELECT document, 'event' AS kind, event AS id FROM mentions
        UNION ALL SELECT document, 'claim', id FROM claims
        UNION ALL SELECT document, 'claim', claim FROM claim_mentions
        UNION ALL SELECT document, 'quote', quote FROM quote_mentions)
    ORDER BY document, kind, id"""}


# ART indexes for the lookups by id the web app makes: without them each scans its whole table
# (a search page's quotes by id: 8 ms -> 2 ms on a 10,000-document run, benchmarks/webload.py)
INDEXES = [("documents", "id"), ("events", "id"), ("mentions", "event"), ("claims", "id"), ("claim_mentions", "claim"),
           ("claim_relations", "claim"), ("quotes", "id"), ("quote_mentions", "quote"), ("story_records", "story"),
           ("citations", "document")]


class RecordKind(StrEnum):
    """What a row of story_records holds."""
    STORY = "story"
    DOCUMENT = "document"
    EVENT = "event"
    CLAIM = "claim"
    QUOTE = "quote"


def write(result: Result, out: str | Path) -> dict:
    """Write OUT/storyline.duckdb, then OUT/storyline.json (last: its presence marks a finished run).
    Returns the storyline.json dict, for the report stage."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data = result.to_dict()
    write_duckdb(data, out / DUCKDB_NAME)
    atomic_write_text(out / JSON_NAME, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return data


def load(out: str | Path) -> dict:
    """Read a finished run's storyline.json; `out` is the OUT directory or the file itself."""
    path = Path(out)
    if path.is_dir():
        path = path / JSON_NAME
    if not path.is_file():
        raise FileNotFoundError(f"no {JSON_NAME} at {path} (is this a finished storyline run?)")
    return json.loads(path.read_text(encoding="utf-8"))


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to a temporary sibling of `path`, fsync it, then move it into place."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as f:  # "x", not mkstemp: keeps the umask's mode
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_duckdb(data: dict, path: Path) -> None:
    """Build the database in a temporary directory beside `path` (DuckDB wants to create the file
    itself, and may leave a .wal beside it) and move the finished file into place."""
    path = Path(path)
    tmpdir = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        tmp = tmpdir / path.name
        con = duckdb.connect(str(tmp))
        try:
            for table, rows in tables(data).items():
                columns = SCHEMA[table]
                ddl = ", ".join(f'"{c}" {t}' for c, t in columns)
                con.execute(f"CREATE TABLE {table} ({ddl})")
                incoming = pa.Table.from_pylist(rows, schema=pa.schema([(c, _ARROW[t]) for c, t in columns]))
                con.register("incoming", incoming)
                con.execute(f"INSERT INTO {table} SELECT * FROM incoming")
                con.unregister("incoming")
            for table, sql in DERIVED.items():
                con.execute(f"CREATE TABLE {table} AS {sql}")
            for table, column in INDEXES:
                con.execute(f'CREATE INDEX {table}_{column} ON {table} ("{column}")')
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def tables(data: dict) -> dict[str, list[dict]]:
    """storyline.json dict -> rows per table, nested lists flattened into child tables and each
    cited span's text copied in, so SQL users need not slice document text themselves."""
    texts = {d["id"]: d.get("text") or "" for d in data.get("documents", [])}

    def span(doc: str, start: int | None, end: int | None) -> str | None:
        return texts[doc][start:end] if doc in texts and start is not None and end is not None else None

    out: dict[str, list[dict]] = {name: [] for name in SCHEMA}
    for d in data.get("documents", []):
        lo, hi = _range(d.get("published"), d.get("published_range"))
        out["documents"].append({**d, "published_start": lo, "published_end": hi,
                                 "removed": json.dumps(d.get("removed") or [], ensure_ascii=False),
                                 "date_evidence": json.dumps(d.get("date_evidence") or [])})
    for s in data.get("stories", []):
        out["stories"].append(s)
        for i, line in enumerate(s.get("summary") or []):
            out["story_summaries"].append({"story": s["id"], "position": i, "text": line.get("text"),
                                           "citations": json.dumps(line.get("citations") or [])})
    for e in data.get("events", []):
        lo, hi = _range(e.get("date"), e.get("date_range"))
        out["events"].append({**e, "date_start": lo, "date_end": hi,
                              "attributes": json.dumps(e.get("attributes") or {}, ensure_ascii=False)})
        for m in e.get("mentions") or []:
            s0, s1 = (m.get("sentence") or [None, None])[:2]
            out["mentions"].append({"event": e["id"], "document": m["document"], "start": m["start"],
                                    "end": m["end"], "sentence_start": s0, "sentence_end": s1,
                                    "text": span(m["document"], m["start"], m["end"]),
                                    "sentence_text": span(m["document"], s0, s1)})
    for c in data.get("claims", []):
        lo, hi = _range(c.get("as_of"), c.get("as_of_range"))
        out["claims"].append({**c, "as_of_start": lo, "as_of_end": hi,
                              "text": span(c["document"], c.get("start"), c.get("end"))})
        for m in c.get("mentions") or []:
            out["claim_mentions"].append({"claim": c["id"], **m})
        for r in c.get("related") or []:
            out["claim_relations"].append({"claim": c["id"], "related": r["claim"], "relation": r["relation"]})
    for q in data.get("quotes", []):
        lo, hi = _range(q.get("said_on"), q.get("said_on_range"))
        out["quotes"].append({**q, "said_on_start": lo, "said_on_end": hi})
        for m in q.get("mentions") or []:
            out["quote_mentions"].append({"quote": q["id"], **m})
    out["rejected"] = list(data.get("rejected", []))
    out["story_records"] = story_records(data)
    return {name: [{c: row.get(c) for c, _ in SCHEMA[name]} for row in rows] for name, rows in out.items()}


def story_records(data: dict) -> list[dict]:
    """The story_records rows: every record under the story it belongs to (its own `story`
    field, else the story listing it), ranked by reach."""
    of_doc = {d: s["id"] for s in data.get("stories", []) for d in s.get("documents", [])}
    of_event = {e: s["id"] for s in data.get("stories", []) for e in s.get("events", [])}
    rows = []

    def add(story: str | None, kind: RecordKind, record: dict, reach: int, first: dt.date | None) -> None:
        if story is not None:
            rows.append({"story": story, "kind": kind, "id": record["id"], "reach": reach, "first": first,
                         "record": json.dumps(record, ensure_ascii=False)})

    for s in data.get("stories", []):
        add(s["id"], RecordKind.STORY, s, 0, None)
    for d in data.get("documents", []):
        add(d.get("story") or of_doc.get(d["id"]), RecordKind.DOCUMENT,
            {k: v for k, v in d.items() if k not in ("text", "removed")}, 0,
            _range(d.get("published"), d.get("published_range"))[0])
    for e in data.get("events", []):
        add(e.get("story") or of_event.get(e["id"]), RecordKind.EVENT, e,
            len({m["document"] for m in e.get("mentions") or []}), _range(e.get("date"), e.get("date_range"))[0])
    for c in data.get("claims", []):
        add(c.get("story"), RecordKind.CLAIM, c, len(c.get("related") or []), _range(c.get("as_of"), c.get("as_of_range"))[0])
    for q in data.get("quotes", []):
        add(q.get("story"), RecordKind.QUOTE, q, len(q.get("mentions") or []),
            _range(q.get("said_on"), q.get("said_on_range"))[0])
    return sorted(rows, key=lambda r: (r["story"], r["kind"], r["id"]))  # a story's rows together: zonemaps skip the rest


def _range(date: str | None, rng: list | None) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = rng if rng and len(rng) == 2 else (date, date)
    return _day(lo), _day(hi)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
