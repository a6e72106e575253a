"""What the public may see of a decision (OSL 5 kap. 2 §): one rule for every public output.

`list --public`, `show --public`, `report --public` and `delreg publish` all mask through here,
so a field a secret decision must not show is hidden everywhere or nowhere. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
    )


def shown_publicly(decision: Decision, config: Config) -> Decision:
    """The decision as a public output shows it: masked when secret, else as it is."""
    return public_view(decision, config) if decision.secret else decision


def public_list(decisions: Iterable[Decision], config: Config) -> Iterator[Decision]:
    """The decisions as a public list may show them."""
    for decision in decisions:
        yield shown_publicly(decision, config)
