"""The report as Markdown and as a standalone, printable HTML page, from templates.

The HTML page has no scripts and loads nothing: its style is inline and it names only fonts
every system has, so it prints the same offline and can be attached to an agenda as it is.
"""

from __future__ import annotations

from delreg.report.layout import Layout
from delreg.report.templating import render_template


def render_markdown(layout: Layout) -> str:
    return render_template("report.md", layout=layout)


def render_html(layout: Layout) -> str:
    return render_template("report.html", layout=layout)
