"""Inline SVG charts of a story: its timeline and its figures over time. No chart service and no
script: the SVG is built here, every article string escaped, so it works in report.html opened
from a file and under the web app's Content-Security-Policy. Styling is by class (report.css /
app.css) and presentation attributes, never style attributes, which a strict CSP blocks.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from typing import Callable

from markupsafe import Markup, escape

from storyline.model import Relation
from storyline.report.labels import value_label
from storyline.report.view import ClaimView, EventView, Lane

WIDTH = 800           # viewBox units, the report column's width in px, so text keeps its size
LABEL_WIDTH = 340     # left column with each event's date, type and actors
ROW = 18
AXIS = 26             # room for tick labels
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
UNATTRIBUTED = "#7f7f7f"
CORE = 0.8            # the timeline is to scale over the central 80% of its events ...
OUTLIER_SPREAD = 4.0  # ... when all of them would span more than 4 times that: the rest sit at the edges
LABEL_CHARS = 56
MAX_ROWS = 80         # rows of a timeline: beyond, a chart is a wall


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def _ticks(lo: int, hi: int, most: int = 8) -> list[tuple[int, str]]:
    """(ordinal, label) ticks on whole years, months or days, whichever gives at most `most`."""
    first, last = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    years = [dt.date(y, 1, 1) for y in range(first.year + (first > dt.date(first.year, 1, 1)), last.year + 1)]
    if 2 <= len(years) <= most:
        return [(d.toordinal(), str(d.year)) for d in years]
    months = []
    y, m = first.year, first.month
    while (d := dt.date(y, m, 1)) <= last:
        if d >= first:
            months.append(d)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if len(years) > most:
        step = math.ceil(len(years) / most)
        return [(d.toordinal(), str(d.year)) for d in years[::step]]
    if len(months) >= 2:
        step = math.ceil(len(months) / most)
        return [(d.toordinal(), f"{d:%b %Y}") for d in months[::step]]
    step = max(1, math.ceil((hi - lo + 1) / most))
    return [(o, f"{dt.date.fromordinal(o):%-d %b}") for o in range(lo, hi + 1, step)]


def _short(text: str, n: int = LABEL_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def timeline_svg(events: list[EventView], href: Callable[[EventView], str] = lambda e: f"#{e.anchor}",
                 max_rows: int = MAX_ROWS) -> Markup:
    """The dated events of a story to scale: a point for a day, a bar for anything wider (its
    precision in the tooltip and as a class), one row each, in a lane of what happened and a lane
    of what was planned, feared, alleged or denied; past `max_rows`, the most reported. Empty
    when nothing is dated."""
    dated = [e for e in events if e.first and e.last]
    if not dated:
        return Markup("")
    total = len(dated)
    if total > max_rows:
        keep = {id(e) for e in sorted(dated, key=lambda e: -e.articles)[:max_rows]}
        dated = [e for e in dated if id(e) in keep]
    spans = [(_day(e.first), _day(e.last)) for e in dated]
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    mids = sorted((a + b) / 2 for a, b in spans)
    cut = int(len(mids) * (1 - CORE) / 2)
    core_lo, core_hi = mids[cut], mids[-1 - cut]
    if cut and hi - lo > OUTLIER_SPREAD * max(core_hi - core_lo, 1):
        pad = max((core_hi - core_lo) * 0.1, 3)
        lo, hi = int(core_lo - pad), int(math.ceil(core_hi + pad))
    hi = max(hi, lo + 1)
    plot = WIDTH - LABEL_WIDTH - 10

    def x(day: float) -> float:
        return LABEL_WIDTH + (min(max(day, lo), hi + 1) - lo) / (hi + 1 - lo) * plot

    lanes = [(lane, [e for e in dated if e.lane == lane]) for lane in Lane]
    lanes = [(lane, rows) for lane, rows in lanes if rows]
    height = AXIS + sum(ROW * (len(rows) + 1) for _, rows in lanes) + 6
    out = [f'<svg class="chart timeline-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-label="Timeline of {len(dated)} dated events" xmlns="http://www.w3.org/2000/svg">']
    if total > len(dated):
        out.append(f'<text class="tick" x="4" y="{AXIS - 10}">the {len(dated)} most reported of {total} dated events</text>')
    for tick, label in _ticks(lo, hi):
        out.append(f'<line class="grid" x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{AXIS - 6}" y2="{height}"/>'
                   f'<text class="tick" x="{x(tick):.1f}" y="{AXIS - 10}" text-anchor="middle">{escape(label)}</text>')
    y = AXIS
    for lane, rows in lanes:
        out.append(f'<text class="lane" x="4" y="{y + ROW - 5}">{escape(str(lane).capitalize())}</text>')
        y += ROW
        for e in rows:
            a, b = _day(e.first), _day(e.last)
            who = ", ".join(e.actors) or "unknown actor"
            if e.recipients:
                who += " → " + ", ".join(e.recipients)
            tip = f"{e.date} ({e.date_precision}) · {e.type} · {who}"
            mid = y + ROW / 2
            out.append(f'<a href="{escape(href(e))}" class="row status-{escape(e.status)}"><title>{escape(tip)}</title>'
                       f'<text class="label" x="4" y="{mid + 4:.1f}">{escape(_short(f"{e.date} · {e.type} · {who}"))}</text>')
            clipped = "◂" if b < lo else "▸" if a > hi else ""
            if clipped:
                edge = LABEL_WIDTH + 2 if b < lo else WIDTH - 12
                out.append(f'<text class="outside" x="{edge}" y="{mid + 4:.1f}">{clipped} {escape(e.date)}</text>')
            elif a == b:
                out.append(f'<circle class="point quad-{e.quad_class}" cx="{x(a + 0.5):.1f}" cy="{mid:.1f}" r="4.5"/>')
            else:
                left, right = x(a), max(x(b + 1), x(a) + 3)
                out.append(f'<rect class="span precision-{escape(e.date_precision)} quad-{e.quad_class}" '
                           f'x="{left:.1f}" y="{mid - 4:.1f}" width="{right - left:.1f}" height="8" rx="2"/>')
            out.append("</a>")
            y += ROW
    out.append("</svg>")
    return Markup("".join(out))


def claim_groups(claims: list[ClaimView]) -> list[list[ClaimView]]:
    """Claims linked by any relation (same, updates, disagrees, changes), transitively: one
    chart each, for groups of two or more that have a value and an as-of date."""
    usable = {c.id: c for c in claims if c.number is not None and c.first and c.last}
    parent = {cid: cid for cid in usable}

    def root(cid: str) -> str:
        while parent[cid] != cid:
            parent[cid] = parent[parent[cid]]
            cid = parent[cid]
        return cid

    for c in usable.values():
        for _, other in c.related:
            if other in usable:
                parent[root(c.id)] = root(other)
    groups: dict[str, list[ClaimView]] = defaultdict(list)
    for c in claims:
        if c.id in usable:
            groups[root(c.id)].append(c)
    return [g for g in groups.values() if len(g) > 1]


def _nice(lo: float, hi: float, most: int = 5) -> list[float]:
    span = hi - lo or abs(hi) or 1
    step = 10 ** math.floor(math.log10(span / most))
    for m in (1, 2, 2.5, 5, 10):
        if span / (step * m) <= most:
            step *= m
            break
    return [i * step for i in range(math.floor(lo / step), math.ceil(hi / step) + 1)]


def claims_svg(group: list[ClaimView], href: Callable[[ClaimView], str] = lambda c: f"#{c.anchor}") -> Markup:
    """One subject's figures over their as-of time: a point for a day, a horizontal bar for a
    range, one colour per source, `updates` as grey arrows from the older figure, `disagrees` as
    a red dashed line, `changes` as a dotted line to the level it changes."""
    w, h, left, right, top, bottom = 720, 300, 70, 20, 16, 40
    days = [_day(d) for c in group for d in (c.first, c.last)]
    lo, hi = min(days), max(days) + 1
    pad = max((hi - lo) * 0.08, 2)
    lo, hi = lo - pad, hi + pad
    values = [c.number for c in group]
    ticks = _nice(min(0.0, min(values)), max(0.0, max(values)))
    vlo, vhi = ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] + 1
    sources = [s for s, _ in Counter(c.source for c in group if c.source).most_common()]
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    legend_rows = math.ceil((len(sources) + 1) / 3)
    total = h + legend_rows * 18

    def x(day: float) -> float:
        return left + (day - lo) / (hi - lo) * (w - left - right)

    def y(v: float) -> float:
        return top + (vhi - v) / (vhi - vlo) * (h - top - bottom)

    pos = {c.id: (x((_day(c.first) + _day(c.last) + 1) / 2), y(c.number)) for c in group}
    out = [f'<svg class="chart claims-chart" viewBox="0 0 {w} {total}" role="img" '
           f'aria-label="{len(group)} figures over time" xmlns="http://www.w3.org/2000/svg">']
    for t in ticks:
        out.append(f'<line class="grid" x1="{left}" x2="{w - right}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
                   f'<text class="tick" x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{_compact(t)}</text>')
    if vlo < 0 < vhi:
        out.append(f'<line class="zero" x1="{left}" x2="{w - right}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>')
    for tick, label in _ticks(int(math.ceil(lo)), int(hi), most=6):
        out.append(f'<text class="tick" x="{x(tick):.1f}" y="{h - bottom + 18}" text-anchor="middle">{escape(label)}</text>')
    by_id = {c.id: c for c in group}
    drawn = set()
    for c in group:
        # one line of each relation per figure, to the latest figure it relates to: a figure
        # updating or disputing dozens of others draws arrows, not a web (all are in the table)
        latest: dict[str, str] = {}
        for relation, other in c.related:
            if other in by_id and (relation not in latest or (by_id[other].last, other) > (by_id[latest[relation]].last,
                                                                                          latest[relation])):
                latest[relation] = other
        for relation, other in latest.items():
            pair = (relation, *sorted((c.id, other)))
            if relation == Relation.SAME or pair in drawn:
                continue
            drawn.add(pair)
            (x1, y1), (x2, y2) = pos[other], pos[c.id]
            out.append(f'<line class="rel rel-{escape(relation)}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
                       + (' marker-end="url(#arrow)"' if relation == Relation.UPDATES else "") + "/>")
            if relation == Relation.DISAGREES:
                out.append(f'<text class="disagree-mark" x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2 - 4:.1f}" '
                           f'text-anchor="middle">≠</text>')
    out.append('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
               'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#888"/></marker></defs>')
    for c in group:
        fill = colour.get(c.source, UNATTRIBUTED)
        cx, cy = pos[c.id]
        tip = f"{c.value} · as of {c.as_of} · {c.source or 'unattributed'} · {c.subject}"
        out.append(f'<a href="{escape(href(c))}" class="figure-mark"><title>{escape(tip)}</title>')
        a, b = _day(c.first), _day(c.last)
        if b > a:
            out.append(f'<rect class="range" x="{x(a):.1f}" y="{cy - 4:.1f}" width="{x(b + 1) - x(a):.1f}" height="8" '
                       f'rx="2" fill="{fill}"/>')
        out.append(f'<circle class="value{" disputed" if c.disputed else ""}" cx="{cx:.1f}" cy="{cy:.1f}" r="5" '
                   f'fill="{fill}"/><text class="value-label" x="{cx + 8:.1f}" y="{cy - 7:.1f}">'
                   f'{escape(value_label(c.number, "", False, c.kind, None))}</text></a>')
    for i, (name, fill) in enumerate([(s, colour[s]) for s in sources] + [("unattributed", UNATTRIBUTED)]):
        lx, ly = left + (i % 3) * 215, h + (i // 3) * 18
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{fill}"/>'
                   f'<text class="legend" x="{lx + 15}" y="{ly}">{escape(_short(name, 30))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _compact(v: float) -> str:
    """Axis numbers: 100000 -> "100k", 2500000 -> "2.5M"."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            return f"{v / size:g}{suffix}"
    return f"{v:g}"


def claim_charts(claims: list[ClaimView], href: Callable[[ClaimView], str] = lambda c: f"#{c.anchor}"
                 ) -> list[tuple[str, Markup]]:
    """(title, SVG) per group of related figures: the title is its commonest unit and subject."""
    out = []
    for group in claim_groups(claims):
        unit = Counter(c.unit for c in group).most_common(1)[0][0]
        subject = Counter(c.subject for c in group).most_common(1)[0][0]
        out.append((f"{unit}: {subject}" if unit else subject, claims_svg(group, href)))
    return out
