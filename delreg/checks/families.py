"""The families of rules `delreg check` runs: one module of delreg/checks each, with a ``find``
(``CheckFamily``), and ``FAMILIES``, the one table of them.

A rule in the catalogue (delreg.checks.findings) names the family that computes it; running one
rule runs its family and keeps that rule's findings. To add a family, write its module with a
``find`` of pure rules over the facts a ``CheckSource`` hands over, name its rules in the
catalogue, and add a line here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from delreg.checks import board_reporting, contracts, delegation, numbers, procurement
from delreg.checks.facts import CheckSource
from delreg.checks.findings import Finding, MissingDate
from delreg.checks.settings import CheckSettings


@runtime_checkable
class CheckFamily(Protocol):
    """A module in delreg/checks that computes a family of rules."""

    def find(self, source: CheckSource, settings: CheckSettings) -> Iterable[Finding | MissingDate]:
        """The family's findings, and the dates it needed and did not find (gathered into
        `missing-date` findings by the runner). ``settings.since`` may narrow what is read."""
        ...


FAMILIES: Mapping[str, CheckFamily] = MappingProxyType(
    {
        "contracts": contracts,
        "delegation": delegation,
        "numbers": numbers,
        "procurement": procurement,
        "reporting": board_reporting,
    }
)
