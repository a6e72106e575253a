"""The check families are a registry (delreg.checks.families): every registered module is a
``CheckFamily``, every rule of the catalogue is computed by a registered family, and `check`
offers and names exactly the catalogue's rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from delreg.checks import RULES, CheckSettings
from delreg.checks.families import FAMILIES, CheckFamily
from delreg.checks.service import check_register
from delreg.store import OpenMode, Store
from tests.helpers import Invoke


@pytest.mark.parametrize("name", list(FAMILIES))
def test_every_family_is_a_check_family_with_rules(name: str) -> None:
    assert isinstance(FAMILIES[name], CheckFamily)
    assert any(rule.family == name for rule in RULES.values())


def test_every_rule_is_computed_by_a_registered_family() -> None:
    # `missing-date` is the runner's own: it gathers the dates the families could not find.
    assert {rule.family for rule in RULES.values()} - {"any"} == set(FAMILIES)


@pytest.mark.parametrize("name", list(FAMILIES))
def test_a_family_runs_over_a_register(name: str, empty_register: Path) -> None:
    rules = [rule for rule, spec in RULES.items() if spec.family == name]
    settings = CheckSettings(today=date(2024, 3, 1))
    with Store.open(empty_register, mode=OpenMode.EXISTING) as store:
        run = check_register(store, settings, rules, named=True)
    assert run.findings == []


def test_check_names_and_takes_exactly_the_catalogue_s_rules(
    delreg: Invoke, empty_register: Path
) -> None:
    help_text = " ".join(delreg("check", "--help").stdout.split())
    listed = help_text.split("Rules: ")[1].split(".")[0].replace("- ", "-").split(", ")
    assert listed == list(RULES)
    for rule in RULES:
        assert delreg("check", "--rule", rule).exit_code == 0
    result = delreg("check", "--rule", "avtalstrohet")
    assert result.exit_code == 2
    assert "hint: rules: " + ", ".join(RULES) in result.stderr
