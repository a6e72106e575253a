"""Readers that turn a document into records. Pure functions of their input: no database.

Every reader is a generator ``read_<format>(..., *, source: str, config: Config, ...)`` that yields,
in document order, ``Decision`` and ``Notice`` records (numbers normalised, dates ISO, ``source``
set to ``"<file>:<line>"``) and ``Rejected`` items for what it could not use. A document that
cannot be read at all raises ``InputError`` naming the file and line. Which reader reads which
document is the registry's (``readers.READERS``): one small module per kind of document.
"""

from __future__ import annotations

from dataclasses import dataclass

from delreg.model import Decision, Notice


@dataclass(frozen=True, slots=True)
class Rejected:
    """An item a reader found but could not register, and why."""

    source: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}


Record = Decision | Notice | Rejected
