"""Numbers kept whole on a printed page: "MT 2023-0043", "§ 16", "1 450 000", "2024-03-13". Pure.

A diary or procurement number broken over two lines is misread and cannot be found again by
searching the document, so the Word report ties the spaces and hyphens inside numbers
(non-breaking space, Word's non-breaking hyphen) and the HTML report sets them in a span that
does not wrap. Only what is printed changes: the text a reader copies is the same.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"

# Spaces a line must not break at: after "§" and before it ("5 §"), between groups of digits
# ("1 450 000"), around "kap." ("13 kap. 5 §"), and after a series' letters ("MT 2023-0043",
# "KS 2023/145").
_TIED_SPACES = re.compile(
    r"(?<=§) (?=\d)|(?<=\d) (?=§)|(?<=\d) (?=\d{3}\b)|(?<=\d) (?=kap\.)|(?<=kap\.) (?=\d)"
)
_SERIES = re.compile(r"\b([A-ZÅÄÖ]{1,5}) (?=\d)")
# Hyphens inside a number ("2023-0043", "2024-03-13", "23RS9593-4"): a line breaks after them.
_TIED_HYPHENS = re.compile(r"(?<=\d)-(?=\d)")
# A number with a space, hyphen or slash inside, as one token (for a span that does not wrap).
_NUMBER = re.compile(
    r"§ \d+|\d+ §|\b[A-ZÅÄÖ]{1,5} \d[\w/-]*\w|\b\d\w*(?:[-/]\w+)+|\b\d{1,3}(?: \d{3})+\b"
)


def unbreakable(text: str) -> str:
    """``text`` with the spaces and hyphens inside numbers made non-breaking (for Word)."""
    text = _SERIES.sub(rf"\1{NBSP}", _TIED_SPACES.sub(NBSP, text))
    return _TIED_HYPHENS.sub(NB_HYPHEN, text)


def nowrap_numbers(text: str) -> Markup:
    """``text`` escaped for HTML, each number in a ``<span class="nr">`` (white-space: nowrap)."""
    parts: list[str] = []
    position = 0
    for found in _NUMBER.finditer(text):
        parts.append(escape(text[position : found.start()]))
        parts.append(Markup('<span class="nr">%s</span>') % found.group())
        position = found.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)
