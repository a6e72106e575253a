"""What the public may see of a decision (OSL 5 kap. 2 §): one rule for every public output.

`list --public`, `show --public`, `report --public` and `delreg publish` all mask through here,
so a field a secret decision must not show is hidden everywhere or nowhere. A decision whose
subject or parties name a person, by personal identity number or by initials
(delreg.person_naming), is masked the same way, however it came in (a registry's export,
`delreg add`, an edit): the number is personal data a public list must not spread, and its
subject would tell whom it is about. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from operator import attrgetter
from typing import Any

from delreg.config import Config
from delreg.model import Decision, field_names
from delreg.person_naming import names_a_person
from delreg.secrecy_law import marked_secret

# What the public view of a secret decision keeps: its case, dates, kind and delegate (and where
# it was reported), by the field list's word (model.FIELDS).
SHOWN_WHEN_SECRET: tuple[str, ...] = field_names(lambda spec: spec.shown_when_secret)
_kept_when_secret = attrgetter(*SHOWN_WHEN_SECRET)


def public_view(decision: Decision, config: Config) -> Decision:
    """What a public list may show of a secret decision: its case, date, kind and delegate.

    Built field by field from what may be kept rather than by blanking what may not, so a field
    added to Decision later stays out of public reports until someone decides otherwise. The
    procurement number and the amount go too: they tie the decision to tender data and
    commercial terms (OSL 19:3, 31:16).
    """
    kept = dict(zip(SHOWN_WHEN_SECRET, _kept_when_secret(decision), strict=True))
    return Decision(**kept | {"subject": config.secret_text, "secret": True})


def kept_from_public(decision: Decision) -> bool:
    """Whether the public sees only the masked view of ``decision``: it is secret, or its
    subject or parties name a person (by personal identity number or by initials) or are
    marked secret (delreg.secrecy_law)."""
    return decision.secret or tells_a_secret((decision.subject, *decision.parties))


def tells_a_secret(texts: Iterable[str | None]) -> bool:
    """Whether any of ``texts`` (a decision's subject and parties) names a person, cites the
    secrecy law ("…, 26 kap. 1 § OSL") or says it is secret ("(sekretess)"): such a decision
    is masked however it is stored (a register written before the ways in registered it
    secret, an edit that lifted its secrecy)."""
    texts = tuple(texts)
    return names_a_person(texts) or any(marked_secret(text) for text in texts)


def shown_publicly(decision: Decision, config: Config) -> Decision:
    """The decision as a public output shows it: masked when kept from the public, else as it
    is."""
    return public_view(decision, config) if kept_from_public(decision) else decision


def public_list(decisions: Iterable[Decision], config: Config) -> Iterator[Decision]:
    """The decisions as a public list may show them."""
    for decision in decisions:
        yield shown_publicly(decision, config)


# Fields the register keeps for its own work and never publishes, for any decision (the field
# list says which, and why): the agenda's wording (the public gets the corrected sentence made
# from it), the file it was imported from, the reason for secrecy, and how an award was
# notified (the end of the avtalsspärr computed from it is published instead). The history's
# OS user and command line are internal as well (see delreg.publish).
INTERNAL_FIELDS: tuple[str, ...] = field_names(lambda spec: spec.internal)
# Contract keys kept in published JSON with a null value, so scripts written against
# `delreg list --format json` read published data unchanged.
_NULLED_CONTRACT_KEYS = field_names(lambda spec: spec.internal and spec.contract)
# The keys of a decision in published data, in order.
PUBLISHED_FIELDS: tuple[str, ...] = field_names(lambda spec: not spec.internal or spec.contract)

_NO_INTERNAL_VALUES: dict[str, Any] = dict.fromkeys(INTERNAL_FIELDS)


def without_internal(decision: Decision) -> Decision:
    """The decision with its internal fields emptied (for renderers that write every field)."""
    return replace(decision, **_NO_INTERNAL_VALUES)


def published_json(decision: Decision, config: Config) -> dict[str, Any]:
    """A decision as published data: the public view without the internal fields."""
    data = shown_publicly(decision, config).to_json()
    for name in INTERNAL_FIELDS:
        if name in _NULLED_CONTRACT_KEYS:
            data[name] = None
        else:
            del data[name]
    return data
