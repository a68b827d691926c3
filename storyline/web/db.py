"""The web app's read side: queries over a finished run's storyline.duckdb, opened read-only.

Each page is a handful of indexed queries, never a walk over the whole run, so a 10,000-document
run starts at once. A story or document comes back in the shape of storyline.json (the inverse of
`store.tables` for its rows), so the one view model (`report.build_view`) renders it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import threading
from enum import StrEnum
from pathlib import Path

import duckdb
import pyarrow as pa

from storyline.store import DUCKDB_NAME, JSON_NAME, SCHEMA, RecordKind

MAX_QUERY_CHARS = 200   # a search longer than this is refused, not truncated silently
ENTITY_EVENTS = 200     # events on an entity page: its most reported
PAGE_SIZE = 50          # results per kind and page of search; lists page by this too
SNIPPET_CHARS = 90      # context either side of a search hit
QUERY_WORD = re.compile(r"[^\W_]+")  # letters and digits, as store.WORD splits the indexed texts
DOWNLOADS = ("events", "mentions", "claims", "claim_relations", "quotes", "quote_mentions", "documents", "stories")


class StorySort(StrEnum):
    TITLE = "title"
    FIRST = "first"
    LAST = "last"
    DOCUMENTS = "documents"
    SOURCES = "sources"
    EVENTS = "events"


class Database:
    """One read-only connection; each thread queries through its own cursor (DuckDB cursors are
    not shared across threads)."""

    def __init__(self, out: str | Path):
        out = Path(out)
        path = out / DUCKDB_NAME if out.is_dir() else out
        if not path.is_file() or not (path.parent / JSON_NAME).is_file():
            raise FileNotFoundError(f"no finished storyline run at {path.parent} (need {DUCKDB_NAME} and {JSON_NAME})")
        self.path = path
        self._con = duckdb.connect(str(path), read_only=True)
        self._local = threading.local()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._local.cursor = self._con.cursor()
        return cur

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        result = self._cursor().execute(sql, list(params))
        names = [d[0] for d in result.description]
        return [dict(zip(names, row)) for row in result.fetchall()]

    def arrow(self, sql: str, params: list | tuple = ()) -> pa.Table:
        return self._cursor().sql(sql, params=list(params)).to_arrow_table()

    # ---- lists -------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = ("documents", "stories", "events", "claims", "quotes", "rejected")
        sql = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in tables)
        return {r["t"]: r["n"] for r in self.rows(sql)}

    def stories(self, sort: StorySort = StorySort.DOCUMENTS, descending: bool = True,
                offset: int = 0, limit: int = PAGE_SIZE) -> list[dict]:
        """Stories with their date span (when their documents were published: the coverage, not
        the history it recalls), documents, sites and events."""
        order = {StorySort.TITLE: "lower(s.title)", StorySort.FIRST: "first", StorySort.LAST: "last",
                 StorySort.DOCUMENTS: "documents", StorySort.SOURCES: "sources", StorySort.EVENTS: "events"}[sort]
        return self.rows(f"""
            WITH spans AS (SELECT story, min(published_start) AS first, max(published_end) AS last,
                                  count(DISTINCT coalesce(site, source)) AS sources
                           FROM documents WHERE story IS NOT NULL GROUP BY story)
            SELECT s.id, s.title, len(s.documents) AS documents, len(s.events) AS events,
                   coalesce(spans.sources, 0) AS sources, spans.first, spans.last
            FROM stories s LEFT JOIN spans ON spans.story = s.id
            ORDER BY {order} {"DESC" if descending else "ASC"} NULLS LAST, s.id LIMIT ? OFFSET ?""", [limit, offset])

    # ---- one story or document as storyline.json records --------------------------------------

    def story(self, story_id: str, most: int | None = None, texts: bool = True) -> dict | None:
        """The storyline.json slice of one story: the story, its documents, events, claims and
        quotes, plus `totals` of each kind. With `most`, only that many of each kind, the most
        reported first (events by documents, quotes by variants, claims by relations), and only
        the documents they cite carry their text: a story of a thousand articles stays one page.
        Documents come without their removed boilerplate (the document page has it), and
        without their texts unless `texts`. One query
        on the story_records serving index, one for the texts."""
        rows = self.rows("""
            SELECT kind, record, count(*) OVER (PARTITION BY kind) AS total FROM story_records WHERE story = ?
            QUALIFY kind IN ('story', 'document') OR ?::INTEGER IS NULL
                 OR row_number() OVER (PARTITION BY kind ORDER BY reach DESC, id) <= ?::INTEGER
            ORDER BY kind, first NULLS LAST, id""", [story_id, most, most])
        by_kind: dict[str, list[dict]] = {}
        totals = {}
        for row in rows:
            by_kind.setdefault(row["kind"], []).append(json.loads(row["record"]))
            totals[row["kind"]] = row["total"]
        if RecordKind.STORY not in by_kind:
            return None
        story = by_kind[RecordKind.STORY][0]
        events, claims, quotes = (by_kind.get(k, []) for k in (RecordKind.EVENT, RecordKind.CLAIM, RecordKind.QUOTE))
        shown = {c["id"] for c in claims}
        for c in claims:  # a claim related to hundreds of others links only to those shown
            c["related"] = [r for r in c.get("related") or [] if r["claim"] in shown]
        cited = {m["document"] for r in events + quotes for m in r.get("mentions") or []} \
            | {c["document"] for c in claims} | {c["document"] for line in story.get("summary") or []
                                                 for c in line.get("citations") or []}
        if not texts:
            wanted: set[str] = set()
        elif most is None:
            wanted = {d["id"] for d in by_kind.get(RecordKind.DOCUMENT, [])}
        else:
            wanted = cited
        text_of = {r["id"]: r["text"] for r in self.rows("SELECT id, text FROM documents WHERE id IN (SELECT unnest(?))",
                                                         [sorted(wanted)])}
        documents = [{**d, "text": text_of.get(d["id"], "")} for d in by_kind.get(RecordKind.DOCUMENT, [])]
        order = {d: i for i, d in enumerate(story.get("documents") or [])}
        documents.sort(key=lambda d: order.get(d["id"], len(order)))
        return {"documents": documents, "stories": [story], "events": events, "claims": claims, "quotes": quotes,
                "totals": {k: totals.get(kind, 0) for k, kind in (("events", RecordKind.EVENT),
                                                                  ("claims", RecordKind.CLAIM),
                                                                  ("quotes", RecordKind.QUOTE))}}

    def document(self, document_id: str) -> dict | None:
        """One document with everything citing it (events, claims and quotes with mentions in it,
        through the `citations` table and the story_records serving index) and the documents it
        duplicates or that duplicate it."""
        rows = self.rows("SELECT * FROM documents WHERE id = ?", [document_id])
        if not rows:
            return None
        doc = _document(rows[0])
        records: dict[str, list[dict]] = {}
        for r in self.rows("""SELECT r.kind, r.record FROM citations c JOIN story_records r ON r.kind = c.kind AND r.id = c.id
                              WHERE c.document = ? ORDER BY r.kind, r.first NULLS LAST, r.id""", [document_id]):
            records.setdefault(r["kind"], []).append(json.loads(r["record"]))
        return {"document": doc, "events": records.get(RecordKind.EVENT, []),
                "claims": records.get(RecordKind.CLAIM, []), "quotes": records.get(RecordKind.QUOTE, []),
                "copies": self.rows("""SELECT id, title, site, source, published, published_precision, story,
                                              text = (SELECT text FROM documents WHERE id = ?) AS identical
                                       FROM documents WHERE (duplicate_of = ? OR id = ?) AND id <> ? ORDER BY id""",
                                    [document_id, document_id, doc.get("duplicate_of"), document_id])}

    def _events(self, where: str, params: list) -> list[dict]:
        events = self.rows(f"SELECT e.* FROM events e WHERE {where} ORDER BY e.date_start NULLS LAST, e.id", params)
        if not events:
            return []
        mentions = _group(self.rows("SELECT * FROM mentions WHERE event IN (SELECT unnest(?))", [[e["id"] for e in events]]),
                          "event")
        out = []
        for e in events:
            rec = _record(e, "events", ("date_start", "date_end"))
            rec["date_range"] = _iso_range(e["date_start"], e["date_end"])
            rec["attributes"] = json.loads(e["attributes"] or "{}")
            rec["mentions"] = [{"document": m["document"], "start": m["start"], "end": m["end"],
                                "sentence": [m["sentence_start"], m["sentence_end"]]} for m in mentions.get(e["id"], [])]
            out.append(rec)
        return out

    def _claims(self, where: str, params: list) -> list[dict]:
        claims = self.rows(f"SELECT c.* FROM claims c WHERE {where} ORDER BY c.as_of_start NULLS LAST, c.id", params)
        if not claims:
            return []
        ids = [c["id"] for c in claims]
        mentions = _group(self.rows("SELECT * FROM claim_mentions WHERE claim IN (SELECT unnest(?))", [ids]), "claim")
        # relations among the claims asked for: a claim related to hundreds of others links only to what is shown
        related = _group(self.rows("SELECT * FROM claim_relations WHERE claim IN (SELECT unnest(?)) "
                                   "AND related IN (SELECT unnest(?))", [ids, ids]), "claim")
        out = []
        for c in claims:
            rec = _record(c, "claims", ("as_of_start", "as_of_end", "text"))
            rec["as_of_range"] = _iso_range(c["as_of_start"], c["as_of_end"])
            rec["mentions"] = [{k: m[k] for k in ("document", "start", "end", "figure_start", "figure_end")}
                               for m in mentions.get(c["id"], [])]
            rec["related"] = [{"claim": r["related"], "relation": r["relation"]} for r in related.get(c["id"], [])]
            out.append(rec)
        return out

    def _quotes(self, where: str, params: list) -> list[dict]:
        quotes = self.rows(f"SELECT q.* FROM quotes q WHERE {where} ORDER BY q.said_on_start NULLS LAST, q.id", params)
        if not quotes:
            return []
        mentions = _group(self.rows("SELECT * FROM quote_mentions WHERE quote IN (SELECT unnest(?))",
                                    [[q["id"] for q in quotes]]), "quote")
        out = []
        for q in quotes:
            rec = _record(q, "quotes", ("said_on_start", "said_on_end"))
            rec["said_on_range"] = _iso_range(q["said_on_start"], q["said_on_end"])
            rec["mentions"] = [{k: m[k] for k in ("document", "start", "end", "text")} for m in mentions.get(q["id"], [])]
            out.append(rec)
        return out

    # ---- entities ----------------------------------------------------------------------------

    def entities(self, prefix: str = "", offset: int = 0, limit: int = PAGE_SIZE) -> list[dict]:
        """Actors and recipients with how many events name them, most first."""
        return self.rows("""
            WITH named AS (SELECT unnest(list_concat(actors, recipients)) AS name, id FROM events)
            SELECT name, count(DISTINCT id) AS events FROM named
            WHERE name IS NOT NULL AND lower(name) LIKE lower(?) || '%' ESCAPE '\\'
            GROUP BY name ORDER BY events DESC, name LIMIT ? OFFSET ?""", [_like_escape(prefix), limit, offset])

    def entity_events(self, name: str, limit: int = ENTITY_EVENTS) -> tuple[list[dict], int]:
        """The `limit` most reported events naming `name` as actor or recipient, in time order,
        and how many there are in all."""
        named = "(list_contains(e.actors, ?) OR list_contains(e.recipients, ?))"
        total = self.rows(f"SELECT count(*) AS n FROM events e WHERE {named}", [name, name])[0]["n"]
        top = (f"e.id IN (SELECT e.id FROM events e JOIN mentions m ON m.event = e.id WHERE {named} "
               "GROUP BY e.id ORDER BY count(DISTINCT m.document) DESC, e.id LIMIT ?)")
        return self._events(top, [name, name, limit]), total

    # ---- search --------------------------------------------------------------------------------

    def search(self, q: str = "", actor: str | None = None, type: str | None = None, status: str | None = None,
               source: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
               offset: int = 0, limit: int = PAGE_SIZE) -> dict[str, list[dict]]:
        """Documents (title and text), events (their sentences) and quotes holding every word of
        `q`, the last as a prefix ("presid" finds "president"), and `q` itself as written (case
        aside). Words are looked up in the `terms` index and only the records holding them are
        read, in result order, until a page is full (DuckDB's fts extension cannot be installed
        offline for this DuckDB). Event filters (actor, type, status) apply to events only;
        source and dates to all."""
        if len(q) > MAX_QUERY_CHARS:
            raise ValueError(f"search text longer than {MAX_QUERY_CHARS} characters")
        words = list(dict.fromkeys(QUERY_WORD.findall(q.lower())))
        needle = " ".join(q.lower().split())
        # one word found as a prefix is in the text as written; several must also stand together, and
        # a query of no words ("%") is looked for as written
        check = (lambda text: needle in " ".join((text or "").lower().split())) if len(words) > 1 or (needle and not words) \
            else None
        found: dict[str, list[dict]] = {}
        if not (actor or type or status):
            where, params = self._hits("d.id", "document", words)
            self._narrow(where, params, "d", "document", "published", source, date_from, date_to)
            found["documents"] = self._page(
                f"SELECT d.id FROM documents d WHERE {' AND '.join(where) or 'true'} "
                "ORDER BY d.published_start DESC NULLS LAST, d.id", params,
                "SELECT id, title, site, source, published, published_precision, story, text FROM documents "
                "WHERE id IN (SELECT unnest(?))", lambda r: (r["title"] or "") + " " + (r["text"] or ""),
                check, offset, limit)
            for row in found["documents"]:
                row["snippet"] = _snippet(row.pop("text") or "", needle)
        where, params = self._hits("e.id", "event", words)
        for column, value in (("type", type), ("status", status)):
            if value:
                where.append(f"e.{column} = ?")
                params.append(value)
        if actor:
            where.append("(list_contains(e.actors, ?) OR list_contains(e.recipients, ?))")
            params += [actor, actor]
        self._narrow(where, params, "e", "event", "date", source, date_from, date_to)
        events = self._page(
            f"SELECT e.id FROM events e WHERE {' AND '.join(where) or 'true'} ORDER BY e.date_start NULLS LAST, e.id",
            params, """SELECT e.id, e.story, e.type, e.status, e.actors, e.recipients, e.date, e.date_precision, s.sentences
                       FROM (SELECT event, list({'document': document, 'start': sentence_start, 'end': sentence_end,
                                                 'text': sentence_text} ORDER BY document, start) AS sentences
                             FROM mentions WHERE event IN (SELECT unnest(?)) GROUP BY event) s
                       JOIN events e ON e.id = s.event""",
            lambda r: " ".join(m["text"] or "" for m in r["sentences"]), check, offset, limit)
        for row in events:  # the first sentence holding the words stands for the event
            sentences = row.pop("sentences")
            first = next((m for m in sentences if check is None or check(m["text"])), sentences[0])
            row.update(document=first["document"], sentence_start=first["start"], sentence_end=first["end"],
                       snippet=first["text"])
        found["events"] = events
        if not (actor or type or status):
            where, params = self._hits("q.id", "quote", words)
            self._narrow(where, params, "q", "quote", "said_on", source, date_from, date_to)
            found["quotes"] = self._page(
                f"SELECT q.id FROM quotes q WHERE {' AND '.join(where) or 'true'} ORDER BY q.said_on_start NULLS LAST, q.id",
                params, "SELECT id, story, speaker, speaker_description, text, said_on, said_on_precision, kind "
                        "FROM quotes WHERE id IN (SELECT unnest(?))", lambda r: r["text"], check, offset, limit)
        return found

    @staticmethod
    def _hits(column: str, kind: str, words: list[str]) -> tuple[list[str], list]:
        """A condition that `column` is the id of a `kind` record holding every word, the last as a prefix."""
        if not words:
            return [], []
        parts, params = [], []
        for i, word in enumerate(words):
            if i == len(words) - 1:
                parts.append("SELECT id FROM terms WHERE kind = ? AND term >= ? AND term < ?")
                params += [kind, word, word + "\U0010ffff"]
            else:
                parts.append("SELECT id FROM terms WHERE kind = ? AND term = ?")
                params += [kind, word]
        return [f"{column} IN ({' INTERSECT '.join(parts)})"], params

    def _page(self, ids_sql: str, params: list, rows_sql: str, text_of, check, offset: int, limit: int) -> list[dict]:
        """One page of results: ids in result order, their rows read in batches and kept when
        `check` accepts their text (None: all), until `offset + limit` are found."""
        if check is None:
            ids = [r["id"] for r in self.rows(f"{ids_sql} LIMIT ? OFFSET ?", [*params, limit, offset])]
            order = {i: n for n, i in enumerate(ids)}
            return sorted(self.rows(rows_sql, [ids]), key=lambda r: order[r["id"]]) if ids else []
        ids = [r["id"] for r in self.rows(ids_sql, params)]
        kept: list[dict] = []
        batch = 4 * limit
        for at in range(0, len(ids), batch):
            chunk = ids[at:at + batch]
            order = {i: n for n, i in enumerate(chunk)}
            kept += [r for r in sorted(self.rows(rows_sql, [chunk]), key=lambda r: order[r["id"]]) if check(text_of(r))]
            if len(kept) >= offset + limit:
                break
        return kept[offset:offset + limit]

    @staticmethod
    def _narrow(where: list[str], params: list, alias: str, kind: str, date: str, source: str | None,
                date_from: dt.date | None, date_to: dt.date | None) -> None:
        """Add the filters every kind shares to `where` and `params`: from a source (the document's
        own site or file, or that of a document citing the record) and a date range met by the
        record's `date`_start / _end."""
        if source:
            from_source = "SELECT id FROM documents WHERE site = ? OR source = ?"
            if kind == "document":
                where.append(f"{alias}.id IN ({from_source})")
                params += [source, source]
            else:
                where.append(f"{alias}.id IN (SELECT id FROM citations WHERE kind = ? AND document IN ({from_source}))")
                params += [kind, source, source]
        for clause, value in ((f"{alias}.{date}_end >= ?", date_from), (f"{alias}.{date}_start <= ?", date_to)):
            if value:
                where.append(clause)
                params.append(value)

    def facets(self) -> dict[str, list[str]]:
        """The values the search filters offer."""
        return {"type": [r["v"] for r in self.rows("SELECT DISTINCT type AS v FROM events WHERE type IS NOT NULL ORDER BY 1")],
                "status": [r["v"] for r in self.rows("SELECT DISTINCT status AS v FROM events WHERE status IS NOT NULL ORDER BY 1")],
                "source": [r["v"] for r in self.rows(
                    "SELECT coalesce(site, source) AS v, count(*) AS n FROM documents GROUP BY 1 ORDER BY n DESC, 1 LIMIT 200")]}

    # ---- downloads -----------------------------------------------------------------------------

    def table(self, name: str, story: str | None = None) -> pa.Table:
        """A whole table (or one story's rows of it) for CSV / Parquet / JSON download."""
        if name not in DOWNLOADS:
            raise KeyError(name)
        if story is None:
            return self.arrow(f"SELECT * FROM {name}")
        parent = {"mentions": ("event", "events"), "claim_relations": ("claim", "claims"),
                  "quote_mentions": ("quote", "quotes")}
        if name in parent:
            key, owner = parent[name]
            return self.arrow(f"SELECT * FROM {name} WHERE {key} IN (SELECT id FROM {owner} WHERE story = ?)", [story])
        return self.arrow(f"SELECT * FROM {name} WHERE {'id' if name == 'stories' else 'story'} = ?", [story])


def _snippet(text: str, needle: str) -> str:
    """The text around the first case-insensitive hit of `needle` (its start when absent)."""
    at = text.lower().find(needle) if needle else -1
    if at < 0:
        return text[:2 * SNIPPET_CHARS]
    return text[max(0, at - SNIPPET_CHARS):at + len(needle) + SNIPPET_CHARS]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _group(rows: list[dict], key: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def _record(row: dict, table: str, derived: tuple[str, ...]) -> dict:
    """A row as its storyline.json record: the schema's columns minus those `store` derived."""
    return {c: row[c] for c, _ in SCHEMA[table] if c not in derived}


def _iso_range(lo: dt.date | None, hi: dt.date | None) -> list[str] | None:
    return [lo.isoformat(), hi.isoformat()] if lo and hi else None


def _document(row: dict) -> dict:
    rec = _record(row, "documents", ("published_start", "published_end"))
    rec["published_range"] = _iso_range(row["published_start"], row["published_end"])
    rec["removed"] = json.loads(row["removed"] or "[]")
    rec["date_evidence"] = json.loads(row["date_evidence"] or "[]")
    return rec
