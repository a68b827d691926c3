"""Report stage: one view model from storyline.json, rendered as report.md and a self-contained
report.html. Article text is untrusted: the HTML is autoescaped, links are http(s) only, and a
Content-Security-Policy forbids scripts, so nothing from an article can execute."""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _md(text) -> str:
    return MD_SPECIAL.sub(r"\\\1", str(text if text is not None else "")).replace("\n", " ")


def _safe_url(url) -> str | None:
    return url if isinstance(url, str) and re.match(r"^https?://", url, re.I) else None


def build_view(data: dict) -> dict:
    docs = {d["id"]: d for d in data["documents"]}

    def cite(doc_id: str, start: int, end: int, sentence=None) -> dict:
        d = docs[doc_id]
        s0, s1 = sentence or (start, end)
        return {"document": doc_id, "title": d["title"] or d["source"], "evidence": d["text"][start:end],
                "context": d["text"][s0:s1], "anchor": f"{doc_id}-{start}-{end}", "start": start, "end": end}

    stories = []
    for s in data["stories"]:
        events = [e for e in data["events"] if e["story"] == s["id"]]
        events.sort(key=lambda e: (e["date_range"] or ["9999"])[0])
        claims = [c for c in data["claims"] if c.get("story") == s["id"]]
        quotes = [q for q in data["quotes"] if q.get("story") == s["id"]]
        stories.append({
            "id": s["id"], "title": s["title"],
            "documents": [docs[i] for i in s["documents"] if i in docs],
            "summary": [{"text": l["text"], "cites": [cite(c["document"], c["start"], c["end"]) for c in l["citations"]]} for l in s["summary"]],
            "events": [{**e, "cites": [cite(m["document"], m["start"], m["end"], m["sentence"]) for m in e["mentions"]]} for e in events],
            "claims": [{**c, "cite": cite(c["document"], c["start"], c["end"]),
                        "disagrees": any(r["relation"] == "disagrees" for r in c["related"])} for c in claims],
            "quotes": [{**q, "cites": [cite(m["document"], m["start"], m["end"]) for m in q["mentions"]]} for q in quotes],
        })
    sources = []
    for d in data["documents"]:
        marks = sorted({(c["start"], c["end"]) for st in stories for group in ("summary", "events", "quotes")
                        for item in st[group] for c in item["cites"] if c["document"] == d["id"]}
                       | {(c["cite"]["start"], c["cite"]["end"]) for st in stories for c in st["claims"] if c["document"] == d["id"]})
        pieces, pos = [], 0
        for a, b in marks:
            if a < pos:
                continue
            pieces.append({"text": d["text"][pos:a], "mark": None})
            pieces.append({"text": d["text"][a:b], "mark": f"{d['id']}-{a}-{b}"})
            pos = b
        pieces.append({"text": d["text"][pos:], "mark": None})
        sources.append({**d, "pieces": pieces, "safe_url": _safe_url(d.get("url"))})
    return {"stories": stories, "sources": sources, "rejected": data["rejected"]}


def _env() -> Environment:
    env = Environment(loader=PackageLoader("storyline.report", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = _md
    return env


def render_html(view: dict) -> str:
    return _env().get_template("report.html.j2").render(view=view)


def render_markdown(view: dict) -> str:
    env = _env()
    env.autoescape = False
    return env.get_template("report.md.j2").render(view=view)


def write_reports(data: dict, out: Path) -> None:
    view = build_view(data)
    (Path(out) / "report.html").write_text(render_html(view), encoding="utf-8")
    (Path(out) / "report.md").write_text(render_markdown(view), encoding="utf-8")
