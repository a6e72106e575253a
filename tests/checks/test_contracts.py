"""`check`'s contract rules: contract-notice and contract-expired-in-use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers import Invoke, as_json

REGISTER = (
    "Diarienummer;Beslutstyp;Upphandlingsnummer;Beslut;Beslutsdatum;Avtalsperiod;Option;"
    "Uppsägning\n"
    # Runs to 2025-12-31, may be extended to 2026-12-31; the option must be used by 2025-06-30.
    "23RS500;Upphandlingskontrakt;MT 2023-0100;tvätt av textilier;2023-12-01;"
    "2024-01-01 – 2025-12-31;2026-12-31;2025-06-30\n"
    # Ended 2024-06-30 with no option, yet a tilläggsbeslut and a PUB-avtal came after it.
    "22RS900;Upphandlingskontrakt;MT 2022-0040;tolktjänster;2022-06-01;"
    "2022-07-01 – 2024-06-30;;\n"
    "24RS950;Tilläggsbeslut;MT 2022-0040;fler språk i tolktjänster;2024-09-02;;;\n"
    "24RS951;Personuppgiftsbiträdesavtal;MT 2022-0040;tolktjänster;2024-06-28;;;\n"
    # A new round of the same procurement is not a use of the old contract.
    "24RS960;Initiering av upphandling;MT 2022-0040;tolktjänster 2025;2024-10-01;;;\n"
)


def _register(delreg: Invoke, tmp_path: Path) -> None:
    export = tmp_path / "avtal.csv"
    export.write_text(REGISTER, encoding="utf-8")
    result = delreg("import", str(export))
    assert result.exit_code == 0, result.stderr


def _findings(delreg: Invoke, *arguments: str) -> list[dict[str, Any]]:
    result = delreg("check", *arguments, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    found = as_json(result)
    assert isinstance(found, list)
    return found


def test_contract_notice_warns_the_configured_days_before(delreg: Invoke, tmp_path: Path) -> None:
    _register(delreg, tmp_path)
    rule = ("--rule", "contract-notice")
    # 90 days by default: 2025-04-01 is 90 days before 2025-06-30, 2025-03-31 is 91.
    assert _findings(delreg, *rule, "--as-of", "2025-03-31") == []
    (found,) = _findings(delreg, *rule, "--as-of", "2025-04-01")
    assert (found["rule"], found["severity"], found["diary_number"]) == (
        "contract-notice",
        "warning",
        "23RS500",
    )
    assert "2025-06-30, in 90 days" in found["message"] and "2026-12-31" in found["message"]
    assert [f["diary_number"] for f in _findings(delreg, *rule, "--as-of", "2025-06-30")] == [
        "23RS500"
    ]
    # Once the day has passed there is nothing left to warn about.
    assert _findings(delreg, *rule, "--as-of", "2025-07-01") == []
    # A warning never fails the check.
    assert delreg("check", *rule, "--as-of", "2025-06-01").exit_code == 0


def test_the_notice_days_are_configured(delreg: Invoke, tmp_path: Path, monkeypatch: Any) -> None:
    _register(delreg, tmp_path)
    config = tmp_path / "config.toml"
    config.write_text("[checks]\ncontract_notice_days = 180\n", encoding="utf-8")
    monkeypatch.setenv("DELREG_CONFIG", str(config))
    found = _findings(delreg, "--rule", "contract-notice", "--as-of", "2025-01-01")
    assert [f["diary_number"] for f in found] == ["23RS500"]


def test_a_decision_after_a_contract_ended_is_flagged(delreg: Invoke, tmp_path: Path) -> None:
    _register(delreg, tmp_path)
    found = _findings(delreg, "--rule", "contract-expired-in-use", "--as-of", "2025-01-01")
    assert [(f["diary_number"], f["procurement_number"]) for f in found] == [
        ("22RS900", "MT 2022-0040")
    ]
    assert "24RS950" in found[0]["message"] and "2024-06-30" in found[0]["message"]
    # Signed before the end (24RS951) and the new round (24RS960) are not uses after it.
    assert "24RS951" not in found[0]["message"] and "24RS960" not in found[0]["message"]

    # An extension recorded in time makes the later decision a use of a live contract.
    assert delreg("edit", "22RS900", "--extension-until", "2025-06-30").exit_code == 0
    assert _findings(delreg, "--rule", "contract-expired-in-use") == []
    # A deleted decision is no use.
    assert delreg("edit", "22RS900", "--clear", "extension_until").exit_code == 0
    assert delreg("delete", "24RS950", "--yes").exit_code == 0
    assert _findings(delreg, "--rule", "contract-expired-in-use") == []
