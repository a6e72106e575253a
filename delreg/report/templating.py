"""The jinja2 templates of the Markdown and HTML reports, loaded only when one is rendered."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from delreg.report.typography import nowrap_numbers

if TYPE_CHECKING:
    import jinja2

# Characters that would turn a sentence into emphasis, a link, code or raw HTML in Markdown.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
# "2023. Något" at the start of a line would start a new numbered list.
_LIST_MARKER = re.compile(r"^(\d+)([.)])")


def markdown_escape(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LIST_MARKER.sub(r"\1\\\2", escaped)


@lru_cache(maxsize=4)
def environment(package: str = "delreg.report") -> jinja2.Environment:
    """The templates in ``package``'s ``templates`` folder (the report's, the audit pack's)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        # Every value in an HTML report is escaped; a Markdown template escapes with `md`.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["nowrap_numbers"] = nowrap_numbers
    return env


def render_template(name: str, *, package: str = "delreg.report", **context: Any) -> str:
    return environment(package).get_template(name).render(**context)
