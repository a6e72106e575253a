"""A meeting's list as fixed by `report --mark-reported`, and telling whether a document is it.

When a list is fixed, two kinds of digest go into the history (a ``fix-list`` event, so the
history's hash chain protects them):

- ``sha256``, the list's own: SHA-256 of its canonical JSON, the meeting and its items in order
  (each item's number and its decision's fields, without ``source`` and ``sentence``, which
  say where a row was last read from and how it is phrased, not what was decided), written with
  sorted keys and no spaces. It changes when and only when what the list says changes.
- ``documents``: SHA-256 of the exact bytes of every document `report --meeting M` writes of
  the list at that moment: txt, md, html, docx, json and csv, internal and ``public.*``. The
  Word file is reproducible (its zip entries and properties are dated by the meeting, not by
  the clock: delreg.report.render_docx), so the file `-o list.docx --mark-reported` writes is
  among them.

A document is the fixed list when its bytes are one of the recorded documents; or, made later
(after the minutes' posting date was entered, say, which the heading and the appeal note show),
when it is what delreg renders of the meeting now and the list's own digest is still the fixed
one. A document edited by hand, or rendered by a delreg whose formats changed since, is not.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from delreg.report.formats import FORMATS

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.report.build import MeetingReport
    from delreg.store import Store

# Fields of an item that do not say what was decided (see the module's docstring).
_NOT_CONTENT = ("source", "sentence")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def list_digest(report: MeetingReport) -> str:
    """The SHA-256 of the list's canonical JSON."""
    from delreg.report.render_data import item_json

    items = []
    for item in report.items:
        data = item_json(item)
        for name in _NOT_CONTENT:
            data.pop(name, None)
        items.append(data)
    canonical = {"meeting": report.meeting.date, "board": report.board, "items": items}
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256(text.encode())


def renderings(
    store: Store,
    date: str,
    board: str,
    config: Config,
    formats: Iterable[str] = tuple(FORMATS),
) -> dict[str, bytes]:
    """The documents `report --meeting` writes of the meeting now, by name: ``docx`` for the
    internal Word file, ``public.docx`` for the public one, and so on."""
    from delreg.report.build import meeting_report
    from delreg.report.formats import render
    from delreg.store.appeals import status_book

    chosen = tuple(formats)
    documents: dict[str, bytes] = {}
    # The JSON carries each decision's status as `report` writes it (dates, not the day's state).
    status = status_book(store, config).report_status
    for public in (False, True):
        made = meeting_report(store, date, config, board=board, public=public)
        for fmt in chosen:
            name = f"public.{fmt}" if public else str(fmt)
            documents[name] = render(made, fmt, config, status=status)
    return documents


def possible_formats(document: bytes) -> tuple[str, ...]:
    """The formats ``document`` can be in: a Word file (the binary format) is a zip, the others
    are text."""
    binary = document.startswith(b"PK")
    return tuple(name for name, fmt in FORMATS.items() if fmt.BINARY is binary)


def fix_record(store: Store, date: str, board: str, config: Config) -> dict[str, Any]:
    """What the history records when the meeting's list is fixed (read inside the transaction
    that fixes it, so it sees the item numbers just given)."""
    from delreg.report.build import meeting_report

    made = meeting_report(store, date, config, board=board)
    return {
        "meeting": made.meeting.date,
        "board": made.meeting.board,
        "items": len(made.items),
        "sha256": list_digest(made),
        "documents": {
            name: sha256(data) for name, data in renderings(store, date, board, config).items()
        },
    }


@dataclass(frozen=True)
class FixedList:
    """One fixing of a meeting's list, as the history recorded it."""

    at: str
    user: str
    items: int
    sha256: str
    documents: dict[str, str]

    @classmethod
    def from_event(cls, at: str, user: str, values: dict[str, Any]) -> FixedList:
        return cls(at, user, int(values["items"]), values["sha256"], dict(values["documents"]))


@dataclass(frozen=True)
class Verdict:
    """Whether a document is the meeting's fixed list, and why."""

    matches: bool
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"matches": self.matches, "message": self.message}


def judge(
    document: bytes,
    fixes: list[FixedList],
    current_digest: Callable[[], str],
    current: Callable[[], Iterable[tuple[str, bytes]]],
    meeting: str,
) -> Verdict:
    """Is ``document`` the list last fixed for ``meeting``?

    ``fixes`` are the meeting's fixings, oldest first; ``current_digest()`` and ``current()``
    the list's digest and documents as the register renders them now, asked for only when the
    document is none of the recorded ones (rendering every format takes a while).
    """
    if not fixes:
        return Verdict(
            False,
            f"no list was fixed for the meeting on {meeting}; "
            f"`delreg report --meeting {meeting} --mark-reported` fixes it",
        )
    last = fixes[-1]
    digest = sha256(document)
    for name, recorded in last.documents.items():
        if recorded == digest:
            return Verdict(
                True,
                f"it is the list fixed on {last.at} by {last.user} ({last.items} items, "
                f"as {_describe(name)})",
            )
    for earlier in reversed(fixes[:-1]):
        for name, recorded in earlier.documents.items():
            if recorded == digest:
                return Verdict(
                    False,
                    f"it is the list as fixed on {earlier.at} ({earlier.items} items, as "
                    f"{_describe(name)}), but the list was fixed again on {last.at} "
                    f"with {last.items} items",
                )
    for name, data in current():
        if sha256(data) == digest:
            if current_digest() == last.sha256:
                return Verdict(
                    True,
                    f"it is the list fixed on {last.at} by {last.user} ({last.items} items), "
                    f"as {_describe(name)} made since",
                )
            return Verdict(
                False,
                f"it is the register's list as it is now ({_describe(name)}), but the list "
                f"has changed since it was fixed on {last.at}: a decision on it was edited",
            )
    return Verdict(
        False,
        f"it is not the list fixed for the meeting on {meeting} on {last.at}: none of the "
        "documents delreg made of it, then or now, has these bytes",
    )


def _describe(name: str) -> str:
    if name.startswith("public."):
        return f"the public {name.removeprefix('public.')}"
    return f"the internal {name}"
