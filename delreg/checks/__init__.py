"""Compliance rules over the register: pure functions of the facts the store hands them.

One module per family of rules, each with a ``find`` and listed in ``families.FAMILIES``:
procurement (standstill and the chain), board_reporting, contracts, delegation, numbers; the
rules themselves are named in the catalogue (``findings.RULES``). ``run_checks`` runs the rules
asked for over a ``CheckSource``; ``service`` runs them over an open register for the commands.
"""

from delreg.checks.facts import CheckSource
from delreg.checks.findings import RULES, Finding, Severity
from delreg.checks.runner import procurement_findings, require_rules, run_checks
from delreg.checks.settings import CheckSettings
from delreg.facts import Acknowledgement

__all__ = [
    "RULES",
    "Acknowledgement",
    "CheckSettings",
    "CheckSource",
    "Finding",
    "Severity",
    "procurement_findings",
    "require_rules",
    "run_checks",
]
