"""Human-readable outputs of a finished run: report.md and a self-contained report.html, both
rendered from one view model built from the storyline.json dict."""
from __future__ import annotations

from pathlib import Path

from storyline.report.html import render_html, write_html
from storyline.report.md import render_markdown, write_markdown
from storyline.report.view import View, build_view

__all__ = ["View", "build_view", "render_html", "render_markdown", "write_html", "write_markdown", "write_reports"]


def write_reports(data: dict, out: str | Path) -> None:
    """Write OUT/report.md and OUT/report.html from a storyline.json dict."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    view = build_view(data)
    write_markdown(view, out / "report.md")
    write_html(view, out / "report.html")
