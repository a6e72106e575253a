"""The report as plain text: one line per item, ready to paste into the agenda. Pure.

Lines are never wrapped: the agenda's editor wraps them, and a diary number split over two
lines is what the importers have to mend in published agendas. The appeal deadline stands under
the meeting's name rather than at the end, where the agenda reader would take it for one more
notice: the text reads back with `delreg import` as the same list.
"""

from __future__ import annotations

from delreg.report.layout import Entry, Layout


def render_text(layout: Layout) -> str:
    title = (layout.heading, layout.subtitle, layout.appeal)
    blocks: list[list[str]] = [[line for line in title if line]]
    if layout.note:
        blocks.append([layout.note])
    for section in layout.sections:
        blocks.append([section.title])
        lines = [_entry(entry) for entry in section.entries]
        blocks.append(lines or [section.empty_text or ""])
    if layout.summary:
        blocks.append([layout.summary])
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"


def _entry(entry: Entry) -> str:
    return f"{entry.number}. {entry.text}" if entry.number is not None else f"- {entry.text}"
