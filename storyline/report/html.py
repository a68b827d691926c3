"""report.html: the view model through one autoescaped jinja2 template, as one offline page.

Article text is hostile input, so everything goes through autoescaping; the only markup built in
Python is the highlighted source text, whose pieces are escaped here. A strict Content-Security-Policy
meta tag blocks script, frames and remote loads even if something slipped through.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from storyline.report.charts import claim_charts, timeline_svg
from storyline.report.labels import RELATION
from storyline.report.view import View
from storyline.store import atomic_write_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def highlight(text: str, spans: list[tuple[int, int, str]],
              links: dict[str, list[tuple[str, str, str]]] | None = None) -> Markup:
    """Escaped `text` with each (start, end, id) span in a <mark>; spans that partly overlap are
    split (the continuation carries no id) so the tags always nest. `links` maps a span id to
    (href, label, title) back-links written right after the span ends (links cannot nest)."""
    links = links or {}
    starts: dict[int, list[tuple[int, int, str]]] = {}
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        starts.setdefault(span[0], []).append(span)
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    out: list[str] = []
    stack: list[tuple[int, int, str]] = []
    ending: list[str] = []
    for pos, nxt in zip(cuts, cuts[1:] + [None]):
        reopen = []
        while any(end == pos for _, end, _ in stack):
            span = stack.pop()
            out.append("</mark>")
            if span[1] != pos:
                reopen.append(span)
        for span_id in ending:
            out.extend(f'<a class="back" href="{escape(href)}" title="{escape(title)}">{escape(label)}</a>'
                       for href, label, title in links.get(span_id, []))
        for span in reversed(reopen):
            out.append('<mark class="cont">')
            stack.append(span)
        for span in starts.get(pos, []):
            out.append(f'<mark id="{escape(span[2])}">')
            stack.append(span)
        ending = [span_id for _, end, span_id in stack if end == nxt] if nxt is not None else []
        if nxt is not None:
            out.append(str(escape(text[pos:nxt])))
    return Markup("".join(out))


TEMPLATES = Path(__file__).parent / "templates"


def diff_markup(words: list[tuple[str, bool]]) -> Markup:
    """A quote variant's words, escaped, those differing from the first variant in <ins>."""
    return Markup(" ".join(f"<ins>{escape(w)}</ins>" if differs else str(escape(w)) for w, differs in words))


def environment(*template_dirs: Path, **globals_) -> Environment:
    """The autoescaping environment for report.html and, with its own templates and link
    functions in `globals_`, the web app: both render the story sections of macros.html."""
    env = Environment(loader=FileSystemLoader([*template_dirs, TEMPLATES]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(highlight=highlight, csp=CSP, relation_words=RELATION, timeline_svg=timeline_svg,
                       claim_charts=claim_charts, diff_markup=diff_markup, cite_href=lambda c: f"#{c.anchor}",
                       doc_href=lambda c: f"#{c.doc_anchor}", entity_link=escape)
    env.globals.update(globals_)
    return env


_env = environment()


def render_html(view: View) -> str:
    """The whole report as one self-contained HTML page (also what the web UI serves at /)."""
    return _env.get_template("report.html").render(view=view)


def write_html(view: View, path: str | Path) -> None:
    atomic_write_text(Path(path), render_html(view))
