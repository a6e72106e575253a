"""Writing an iCalendar file (RFC 5545) of all-day events. Pure.

What a calendar program needs to subscribe to the file and keep it in step: lines ending in
CRLF and folded at 75 octets (3.1) without splitting a UTF-8 character, text values escaped
(3.3.11), and for every event a UID that stays the same from one run to the next (so an updated
deadline moves instead of appearing twice) and a DTSTAMP the caller chooses, so the same register
on the same day gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str = ""
    categories: tuple[str, ...] = ()


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped,
    other control characters (which TEXT may not hold) made spaces."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )
    return _CONTROLS.sub(" ", escaped)


_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets, each continuation starting with a
    space (which counts towards its 75)."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    pieces.append(current)
    return CRLF.join(pieces)


def calendar(events: Iterable[CalendarEvent], *, name: str, stamp: datetime, product: str) -> str:
    """The whole VCALENDAR; ``stamp`` (UTC) is every event's DTSTAMP."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    dtstamp = stamp.strftime("%Y%m%dT%H%M%SZ")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(event.uid)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.categories:
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
