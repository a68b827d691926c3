"""report.md: the same view as Markdown, each statement followed by footnotes quoting its evidence.

Article text is untrusted, so it is escaped (a backslash before every Markdown- or HTML-significant
character, line breaks folded) and no renderer can turn it into markup, links, math or raw HTML.
Links are only written for http(s) URLs that `safe_url` already vetted.
"""
from __future__ import annotations

import re
from pathlib import Path

from storyline.report.labels import RELATION
from storyline.report.view import Cite, DocView, StoryView, View
from storyline.store import atomic_write_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~&$])")


def md_escape(text: str | None) -> str:
    """Untrusted text -> inert Markdown on one line."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text or ""))


def render_markdown(view: View) -> str:
    single = len(view.stories) == 1
    out = [f"# {md_escape(view.title)}", "",
           " · ".join(["*Storyline report*"] + [f"{n} {noun}" for n, noun in view.counts]), ""]
    for story in view.stories:
        out += _story(story, single)
    if view.rejected:
        out += ["## Rejected inputs", ""] + [f"- {md_escape(s)} — {md_escape(r)}" for s, r in view.rejected] + [""]
    if view.citations:
        out += ["## Evidence", ""] + [f"[^{c.n}]: {_evidence(c)}" for c in view.citations] + [""]
    return "\n".join(out)


def write_markdown(view: View, path: str | Path) -> None:
    atomic_write_text(Path(path), render_markdown(view))


def _story(story: StoryView, single: bool) -> list[str]:
    out = [] if single else [f"## {md_escape(story.title)}", ""]
    if story.documents:
        out += ["**Sources**", ""] + [f"{i}. {_doc(d)}" for i, d in enumerate(story.documents, 1)] + [""]
    if story.summary:
        out += ["### Summary", ""] + [f"- {md_escape(s.text)}{_refs(s.cites)}" for s in story.summary] + [""]
    if story.events:
        out += ["### Timeline", ""]
        for ev in story.events:
            when = f"**{md_escape(ev.date)}**"
            if ev.date_precision != "day" and ev.date != "undated":
                when += f" *({md_escape(ev.date_precision)})*"
            what = md_escape(ev.type) + ("" if ev.status == "asserted" else f" ({md_escape(ev.status)})")
            who = md_escape(", ".join(ev.actors) or "unknown actor")
            if ev.recipients:
                who += " → " + md_escape(", ".join(ev.recipients))
            extra = [f"{md_escape(k)}: {md_escape(v)}" for k, v in ev.attributes]
            if ev.location:
                extra.insert(0, f"location: {md_escape(ev.location)}")
            extra.append(f"{ev.articles} article{'s' * (ev.articles != 1)}, {ev.sources} source{'s' * (ev.sources != 1)}")
            out.append(" · ".join([f"- {when} — {what}", who] + extra) + _refs(ev.cites))
        out.append("")
    if story.claims:
        out += ["### Figures and claims", "", "| | Figure | Subject | As of | According to | Relations |",
                "|---|---|---|---|---|---|"]
        for cl in story.claims:
            rels = [f"{RELATION.get(r, md_escape(r))} {md_escape(label)}" for r, label, _ in cl.relations]
            if cl.disputed:
                rels.insert(0, "**disputed**")
            figure = md_escape(cl.value) + (" (change)" if cl.kind == "change" else "")
            out.append(f"| {cl.label} | {figure}{_refs([cl.cite])} | {md_escape(cl.subject)} | {md_escape(cl.as_of)} "
                       f"| {md_escape(cl.source or '—')} | {'; '.join(rels)} |")
        out.append("")
    if story.quotes:
        out += ["### Quotes", ""]
        for q in story.quotes:
            said = f", {md_escape(q.said_on)}" if q.said_on != "undated" else ""
            body = md_escape(q.text) if q.kind == "indirect" else f"“{md_escape(q.text)}”"  # reported, not verbatim
            out += [f"> {body}", ">",
                    f"> — {md_escape(q.speaker or 'unknown speaker')}{said}{'' if q.kind == 'direct' else f' ({q.kind} speech)'}"
                    f"{_refs(q.variants)}", ""]
    return out


def _doc(d: DocView) -> str:
    title = f"[{md_escape(d.title)}]({d.url})" if d.url else md_escape(d.title)
    meta = [m for m in (d.site, d.author) if m] + [d.published + ("" if d.precision in ("day", "unknown")
                                                                  else f" ({d.precision})")]
    line = f"{title} — {md_escape(' · '.join(meta))}"
    return line if d.url else f"{line} — {md_escape(d.source)}"


def _refs(cites: list[Cite]) -> str:
    return "".join(f" [^{c.n}]" for c in cites)


def _evidence(c: Cite) -> str:
    if not c.evidence:
        return f"*{md_escape(c.doc_title)}* — cited span not found in the document"
    core = md_escape(c.evidence)
    if c.evidence == c.evidence.strip():
        core = f"**{core}**"
    return f"*{md_escape(c.doc_title)}* — “{md_escape(c.before)}{core}{md_escape(c.after)}”"
