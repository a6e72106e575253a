"""Compliance rules over the register: pure functions of the facts the store hands them.

One module per family of rules: procurement (standstill and the chain), reporting, delegation,
numbers. ``run_checks`` runs the rules asked for over a ``CheckSource``.
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
