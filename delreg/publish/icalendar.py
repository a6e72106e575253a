"""The iCalendar file (``deadlines.ics``, RFC 5545) of appeal deadlines and standstill ends.

One all-day event for the last day to appeal each meeting's decisions (kommunallagen
13 kap. 5 §) and one for the last day of each public award's avtalsspärr (LOU 20 kap. 1 §).
UIDs are made from what each event is about, so a calendar that subscribes updates events
rather than adding them again; DTSTAMP is when the register last changed what the event says
(the posting of the minutes, the award's last change), never the time of writing, so the file
changes only when an event does.
Lines end in CRLF and are folded at 75 octets, as the RFC asks.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from delreg.config import Config
from delreg.ical import escape_text as escape
from delreg.ical import fold
from delreg.publish import paths
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import PublicRegister

PRODUCT = "-//delreg//Delegationsbeslut//SV"


def files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    yield paths.CALENDAR, calendar(register, settings).encode()


def calendar(register: PublicRegister, settings: PublishSettings) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(settings.title + ': överklagandetider och avtalsspärrar')}",
    ]
    for shown in register.meetings:
        if shown.appeal_ends_on is None:
            continue
        meeting = shown.meeting
        page = paths.meeting_page(meeting)
        lines += _event(
            uid=f"overklagande-{page.rsplit('/', 1)[1].removesuffix('.html')}@{settings.host}",
            # The deadline follows from the posting alone: the event changes when it does.
            stamp=f"{shown.meeting.posted_on}T00:00:00Z",
            day=shown.appeal_ends_on,
            summary=f"Sista dag att överklaga: {shown.board or 'nämnden'} {meeting.date}",
            description=(
                f"Beslut som anmäldes vid sammanträdet {meeting.date} kan överklagas genom "
                "laglighetsprövning (kommunallagen 13 kap.) till och med denna dag."
            ),
            url=settings.url(page),
        )
    for shown_decision in register.decisions:
        ends_on = shown_decision.standstill_ends_on
        decision = shown_decision.decision
        if ends_on is None:
            continue
        lines += _event(
            uid=f"avtalssparr-{paths.number_slug(decision.diary_number)}@{settings.host}",
            stamp=shown_decision.changed_at,
            day=ends_on,
            summary=f"Avtalsspärren slutar: {decision.procurement_number} "
            f"({decision.diary_number})",
            description=f"Sista dag av avtalsspärren efter tilldelningsbeslutet "
            f"{decision.diary_number} (LOU 20 kap. 1 §). {shown_decision.sentence}",
            url=settings.url(paths.decision_page(decision.diary_number)),
        )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(
    *, uid: str, stamp: str, day: str, summary: str, description: str, url: str
) -> list[str]:
    first = date.fromisoformat(day)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.replace('-', '').replace(':', '')}",
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
        f"DTEND;VALUE=DATE:{first + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
