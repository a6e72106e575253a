"""What the law says about a meeting's minutes and the appeals against its decisions. Pure."""

from __future__ import annotations

from datetime import date

from delreg.calendar import appeal_ends_on as appeal_deadline
from delreg.calendar import minutes_adjust_deadline, posting_deadline
from delreg.model import Meeting


def appeal_ends_on(meeting: Meeting) -> str | None:
    """The last day to appeal decisions reported at the meeting (kommunallagen 13 kap. 5 §).

    The three weeks run from the posting of the approved minutes; before they are posted
    there is no deadline yet.
    """
    if meeting.posted_on is None:
        return None
    return appeal_deadline(date.fromisoformat(meeting.posted_on)).isoformat()


def deadline_warnings(meeting: Meeting) -> list[str]:
    """Minutes approved late (5 kap. 69 §) or posted late (8 kap. 12 §)."""
    warnings = []
    held = date.fromisoformat(meeting.date)
    if meeting.adjusted_on:
        adjusted = date.fromisoformat(meeting.adjusted_on)
        if adjusted < held:
            warnings.append(f"the minutes were approved ({adjusted}) before the meeting ({held})")
        elif adjusted > minutes_adjust_deadline(held):
            warnings.append(
                f"the minutes were approved {(adjusted - held).days} days after the meeting; "
                "kommunallagen 5 kap. 69 § allows 14"
            )
    if meeting.posted_on and meeting.adjusted_on:
        adjusted = date.fromisoformat(meeting.adjusted_on)
        posted = date.fromisoformat(meeting.posted_on)
        if posted < adjusted:
            warnings.append(f"the minutes were posted ({posted}) before approval ({adjusted})")
        elif posted > posting_deadline(adjusted):
            warnings.append(
                f"the minutes were posted {(posted - adjusted).days} days after approval; "
                "kommunallagen 8 kap. 12 § allows two"
            )
    return warnings
