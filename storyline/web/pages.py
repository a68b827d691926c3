"""What each web page shows, built from `Database` queries through the report's view model: a
story page is the report's story section; a document page is its highlighted text with a link
back from every cited span to the event, claim or quote citing it."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from storyline.model import DateRole
from storyline.nlp.countries import country_of
from storyline.report.labels import date_label, safe_url
from storyline.report.view import DocView, EventView, StoryView, build_view, doc_view
from storyline.web.db import Database

DATE_ROLE_WORDS = {DateRole.ANCHOR: "latest date reported: the writing day is measured from it",
                   DateRole.NOT_BEFORE: "already happened: written on or after it",
                   DateRole.NOT_AFTER: "still to come: written on or before it"}

DATE_NOTES = {"metadata": "From the page's metadata.",
              "content": "Dated from its own text (this run kept no evidence spans).",
              "inferred": "No dated expression of its own: dated through the other reports of the events it reports.",
              "narrowed": "Then narrowed through the other reports of the events it reports.",
              "": "Nothing in the text bounded the publication day: undated."}


def story_href(story: str | None, anchor: str = "") -> str:
    return f"/stories/{quote(story or '', safe='')}" + (f"#{anchor}" if anchor else "")


def document_href(document: str, target: str = "") -> str:
    return f"/documents/{quote(document, safe='')}" + (f"#{target}" if target else "")


def entity_href(name: str) -> str:
    return f"/entities/{quote(name, safe='')}"


MOST_SHOWN = 150  # events, claims and quotes on a story page unless all are asked for: a readable page


def story_page(db: Database, story_id: str, most: int | None = MOST_SHOWN) -> tuple[StoryView, dict] | None:
    """The story's view and its totals of events, claims and quotes (more than shown when `most` cut them)."""
    data = db.story(story_id, most)
    if data is None:
        return None
    return next(s for s in build_view(data).stories if s.id == story_id), data["totals"]


@dataclass
class DocumentPage:
    doc: DocView
    story: str | None
    metadata: list[tuple[str, str]]
    removed: list[dict]
    date_evidence: list[tuple[str, str, str]]       # (span id, expression, what it says of the day)
    links: dict[str, list[tuple[str, str, str]]]     # span id -> back-links (href, label, title)
    date_note: str = ""                              # how the day was found when no span of this text shows it
    cited: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, label, href), for the side list
    copies: list[dict] = field(default_factory=list)


def document_page(db: Database, document_id: str) -> DocumentPage | None:
    found = db.document(document_id)
    if found is None:
        return None
    d = found["document"]
    view = build_view({"documents": [d], "events": found["events"], "claims": found["claims"],
                       "quotes": found["quotes"]})
    doc = view.sources[0] if view.sources else doc_view(d, "d1")  # cited by nothing: not among the sources
    text = doc.text
    spans: list[tuple[int, int, str]] = []
    links: dict[str, list[tuple[str, str, str]]] = {}
    cited: list[tuple[str, str, str]] = []

    def mark(start, end, span_id: str, link: tuple[str, str, str] | None = None) -> None:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            return
        while end > start + 1 and text[end - 1].isspace():  # back-links sit at the sentence, not the next line
            end -= 1
        spans.append((start, end, span_id))
        if link and link not in links.setdefault(span_id, []):
            links[span_id].append(link)

    for e in found["events"]:
        who = ", ".join(e.get("actors") or []) or "unknown actor"
        title = f"{e.get('type')} · {who} · {date_label(e.get('date'), e.get('date_precision'), e.get('date_range'))}"
        href = story_href(e.get("story"), f"ev-{e['id']}")
        cited.append(("event", title, href))
        for m in e["mentions"]:
            if m["document"] != document_id:
                continue
            s0, s1 = (m.get("sentence") or [None, None])[:2]
            if isinstance(s0, int) and isinstance(s1, int):
                mark(s0, s1, f"s{s0}-{s1}", (href, "event", title))
                mark(m["start"], m["end"], f"t{m['start']}-{m['end']}")
            else:
                mark(m["start"], m["end"], f"s{m['start']}-{m['end']}", (href, "event", title))
    for c in found["claims"]:
        href = story_href(c.get("story"), f"claim-{c['id']}")
        title = f"{c.get('value')} {c.get('unit') or ''} · {c.get('subject')}"
        cited.append(("claim", title, href))
        for m in [c] + c.get("mentions", []):
            if m.get("document") == document_id:
                mark(m.get("start"), m.get("end"), f"s{m.get('start')}-{m.get('end')}", (href, "claim", title))
    for q in found["quotes"]:
        href = story_href(q.get("story"), f"quote-{q['id']}")
        title = f"{q.get('speaker') or q.get('speaker_description') or 'unknown speaker'}: {q.get('text', '')[:80]}"
        cited.append(("quote", title, href))
        for m in q.get("mentions", []):
            if m["document"] == document_id:
                mark(m["start"], m["end"], f"s{m['start']}-{m['end']}", (href, "quote", title))
    evidence = []
    for ev in d.get("date_evidence") or []:
        span_id = f"date{ev['start']}-{ev['end']}"
        mark(ev["start"], ev["end"], span_id)
        evidence.append((span_id, text[ev["start"]:ev["end"]], DATE_ROLE_WORDS.get(ev["role"], ev["role"])))
    doc.spans = spans
    url = safe_url(d.get("url"))
    metadata = [(k, str(v)) for k, v in (("title", d.get("title")), ("site", d.get("site")), ("author", d.get("author")),
                                          ("source", d.get("source")), ("url", url), ("language", d.get("language")),
                                          ("page type", d.get("page_type")),
                                          ("published", f"{doc.published} ({doc.precision}"
                                                        f"{', from ' + d['published_from'] if d.get('published_from') else ''})"))
                if v]
    if evidence:
        note = DATE_NOTES["narrowed"] if d.get("published_from") == "inferred" else ""
    else:
        note = DATE_NOTES.get(d.get("published_from") or "", DATE_NOTES[""])
    return DocumentPage(doc, d.get("story"), metadata, d.get("removed") or [], evidence, links, note, cited,
                        found["copies"])


@dataclass
class EntityPage:
    name: str
    events: list[EventView]
    stories: list[tuple[str, str]]   # (story id, its title) the events belong to
    total: int = 0                   # events naming it in all (the page shows the most reported)
    country: str | None = None       # ISO3 code when the name is a country, its people or an institution of it


def entity_page(db: Database, name: str) -> EntityPage | None:
    events, total = db.entity_events(name)
    if not events:
        return None
    docs = {m["document"] for e in events for m in e["mentions"][:1]}
    documents = db.rows("SELECT id, title, site, source, text FROM documents WHERE id IN (SELECT unnest(?))", [sorted(docs)])
    for e in events:
        e["mentions"] = e["mentions"][:1]
    view = build_view({"documents": documents, "events": events})
    story_of = {e["id"]: e.get("story") for e in events}
    titles = {r["id"]: r["title"] for r in db.rows("SELECT id, title FROM stories WHERE id IN (SELECT unnest(?))",
                                                   [sorted({s for s in story_of.values() if s})])}
    views = sorted((ev for s in view.stories for ev in s.events), key=lambda ev: (ev.first is None, ev.first or "", ev.id))
    return EntityPage(name, views, sorted(titles.items(), key=lambda kv: kv[1] or ""), total, country_of(name))


def api_endpoints(spec: dict) -> list[tuple[str, str, str, list[tuple[str, str, str, bool]]]]:
    """The OpenAPI document as (method, path, summary, [(parameter, where, type, required)])."""
    def kind(schema: dict) -> str:
        if "enum" in schema:
            return " | ".join(map(str, schema["enum"]))
        if "anyOf" in schema:
            return " | ".join(kind(s) for s in schema["anyOf"])
        if "$ref" in schema:
            return kind(spec.get("components", {}).get("schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1], {}))
        return schema.get("format") or schema.get("type", "")
    return [(method.upper(), path, op.get("summary", ""),
             [(p["name"], p["in"], kind(p.get("schema", {})), bool(p.get("required"))) for p in op.get("parameters", [])])
            for path, methods in spec.get("paths", {}).items() for method, op in methods.items()]
