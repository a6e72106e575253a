"""The JSON shapes of the contract (delreg.json_shapes), as scripts read them from the CLI.

design.md fixes the keys of a decision, a meeting, an import's summary and a finding: more
keys may come, none may go. The snapshot tests hold a report's whole document byte for byte.
"""

from __future__ import annotations

from delreg.model import FIELDS
from tests.helpers import DATA, SEED, Invoke, as_json

DECISION_KEYS = [
    "diary_number", "kind", "procurement_number", "subject", "parties", "delegate",
    "decided_on", "notified_on", "secret", "meeting", "item", "source",
    # "every decision and meeting also carries board (the board's short code)"
    "board",
]  # fmt: skip
MEETING_KEYS = ["date", "board", "paragraph", "adjusted_on", "posted_on", "appeal_ends_on"]
SUMMARY_KEYS = ["inserted", "updated", "unchanged", "rejected", "notices"]
FINDING_KEYS = ["rule", "severity", "diary_number", "message"]


def test_the_field_list_marks_the_contracts_decision_keys() -> None:
    assert sorted(spec.name for spec in FIELDS if spec.contract) == sorted(DECISION_KEYS)


def test_every_shape_carries_the_contracts_keys(delreg: Invoke) -> None:
    made = delreg("meetings", "add", "2024-02-15", "--board", "Hälso- och sjukvårdsnämnden",
                  "--adjusted-on", "2024-02-20", "--posted-on", "2024-02-21")  # fmt: skip
    assert made.exit_code == 0, made.stderr
    imported = delreg("import", str(SEED), "--meeting", "2024-02-15", "--json")
    summary = as_json(imported)
    assert list(summary)[: len(SUMMARY_KEYS)] == SUMMARY_KEYS
    assert summary["inserted"] == 29 and summary["rejected"] == []

    decisions = as_json(delreg("list", "--format", "json"))
    assert len(decisions) == 29
    for decision in decisions:
        assert set(DECISION_KEYS) <= set(decision)
        assert isinstance(decision["parties"], list)
        assert decision["meeting"] == "2024-02-15" and isinstance(decision["item"], int)
    shown = as_json(delreg("show", decisions[0]["diary_number"], "--format", "json"))
    assert set(DECISION_KEYS) <= set(shown)

    (meeting,) = as_json(delreg("meetings", "list", "--format", "json"))
    assert list(meeting) == MEETING_KEYS
    # Three weeks from the posting, rolled forward past the weekend (2024-03-13 is a Wednesday).
    assert meeting["appeal_ends_on"] == "2024-03-13"

    delreg("delegation", "load", str(DATA / "delegationsordning.toml"))
    checked = delreg("check", "--as-of", "2024-02-29", "--format", "json")
    findings = as_json(checked)
    assert findings, checked.stderr
    for found in findings:
        assert list(found)[: len(FINDING_KEYS)] == FINDING_KEYS
        assert found["severity"] in ("error", "warning")
