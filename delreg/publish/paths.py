"""Where each thing lives in the bundle. Links must stay the same between runs, so every path
is a function of the thing's own identity (its diary number, date, board, procurement number),
never of its position in a list. Pure."""

from __future__ import annotations

import posixpath
import re
import unicodedata

from delreg.model import Meeting

SITE = "site/"
DATABASE = "delreg.db"
METADATA = "metadata.yml"
FEED = "feed.atom"
CALENDAR = "deadlines.ics"
DECISIONS_CSV = "decisions.csv"
DECISIONS_JSON = "decisions.json"
CATALOGUE = "dcat.rdf"

# One folder up, in a link between two pages of the bundle.
UP = posixpath.pardir + "/"

_KEPT = re.compile(r"[A-Za-z0-9.-]")


def number_slug(number: str) -> str:
    """A file name for a diary or procurement number, one-to-one: ``RS 2022/1275`` →
    ``RS_2022+1275``; anything but letters a–z, digits, ``.`` and ``-`` is spelt out, so two
    numbers never share a page."""
    out = []
    for character in number:
        if _KEPT.fullmatch(character):
            out.append(character)
        elif character == " ":
            out.append("_")
        elif character == "/":
            out.append("+")
        else:
            out.append("".join(f"~{byte:02x}" for byte in character.encode()))
    return "".join(out)


def name_slug(name: str) -> str:
    """A readable file name for a board: ``Hälso- och sjukvårdsnämnden`` →
    ``halso-och-sjukvardsnamnden``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def meeting_page(meeting: Meeting, suffix: str = ".html") -> str:
    """The meeting's page (or, with another suffix, its list as CSV, JSON or Word)."""
    board = name_slug(meeting.board)
    return f"{SITE}sammantraden/{meeting.date}{'-' + board if board else ''}{suffix}"


def decision_page(diary_number: str) -> str:
    return f"{SITE}beslut/{number_slug(diary_number)}.html"


def procurement_page(number: str) -> str:
    return f"{SITE}upphandlingar/{number_slug(number)}.html"


def year_page(year: str) -> str:
    return f"{SITE}beslut/{year}.html"
