"""What the public may see of a decision (OSL 5 kap. 2 §): one rule for every public output.

`list --public`, `show --public`, `report --public` and `delreg publish` all mask through here,
so a field a secret decision must not show is hidden everywhere or nowhere. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from delreg.config import Config
from delreg.model import Decision


def public_view(decision: Decision, config: Config) -> Decision:
    """What a public list may show of a secret decision: its case, date, kind and delegate.

    Built field by field from what may be kept rather than by blanking what may not, so a field
    added to Decision later stays out of public reports until someone decides otherwise. The
    procurement number and the amount go too: they tie the decision to tender data and
    commercial terms (OSL 19:3, 31:16).
    """
    return Decision(
        diary_number=decision.diary_number,
        kind=decision.kind,
        subject=config.secret_text,
        delegate=decision.delegate,
        decided_on=decision.decided_on,
        notified_on=decision.notified_on,
        secret=True,
        secret_reason=decision.secret_reason,
        delegation_point=decision.delegation_point,
        meeting=decision.meeting,
        item=decision.item,
        # Which board a decision belongs to is public (its list is), secret or not.
        board=decision.board,
    )


def shown_publicly(decision: Decision, config: Config) -> Decision:
    """The decision as a public output shows it: masked when secret, else as it is."""
    return public_view(decision, config) if decision.secret else decision


def public_list(decisions: Iterable[Decision], config: Config) -> Iterator[Decision]:
    """The decisions as a public list may show them."""
    for decision in decisions:
        yield shown_publicly(decision, config)


# Fields the register keeps for its own work and never publishes, for any decision:
# - wording: the agenda text as it was read; the public gets the corrected sentence made from it
#   (and, for a secret decision, only the masked sentence);
# - source: the file and line it was imported from, a path on the secretary's computer;
# - secret_reason: free text a secretary types (it may name what it protects); the public sees
#   only that secrecy applies;
# - notified_by, standstill_days: how an award was notified, used to compute the end of the
#   avtalsspärr, which is published instead.
# The history's OS user and command line are internal as well (see delreg.publish).
INTERNAL_FIELDS: tuple[str, ...] = (
    "wording",
    "source",
    "secret_reason",
    "notified_by",
    "standstill_days",
)
# Contract keys kept in published JSON with a null value, so scripts written against
# `delreg list --format json` read published data unchanged.
_NULLED_CONTRACT_KEYS = ("source",)


def without_internal(decision: Decision) -> Decision:
    """The decision with its internal fields emptied (for renderers that write every field)."""
    return replace(
        decision,
        wording=None,
        source=None,
        secret_reason=None,
        notified_by=None,
        standstill_days=None,
    )


def published_json(decision: Decision, config: Config) -> dict[str, Any]:
    """A decision as published data: the public view without the internal fields."""
    data = shown_publicly(decision, config).to_json()
    for name in INTERNAL_FIELDS:
        if name in _NULLED_CONTRACT_KEYS:
            data[name] = None
        else:
            del data[name]
    return data
