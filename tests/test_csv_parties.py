"""The CSV round trip keeps every value: `list --format csv | import - --format csv`.

Parties share one cell, joined with "; "; a ";" inside a name is written "\\;" (and a "\\"
as "\\\\"), so `Vård; Omsorg AB` comes back as one party, not two.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.model import join_parties, split_parties
from tests.helpers import Invoke, as_json

# Any character a register keeps: not controls, surrogates, private or unassigned code points,
# nor the marks of wrongly decoded text the readers refuse.
CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Co", "Cn"),
    exclude_characters="\ufffdÃ",
)
NAMES = st.text(alphabet=st.one_of(CHARACTERS, st.sampled_from(";\\ ,\"'=")), max_size=14)
# A value with something in it: a first character that is not white space, then anything.
TEXT = st.builds(
    str.__add__,
    st.characters(codec="utf-8", categories=("L", "N", "P", "S")).filter(
        lambda char: char not in "\ufffdÃ"
    ),
    st.text(alphabet=CHARACTERS, max_size=19),
)
DAYS = st.dates(date(1900, 1, 1), date(2099, 12, 31)).map(date.isoformat)


def _listed(delreg: Invoke, db: Path) -> list[dict[str, Any]]:
    result = delreg("--db", str(db), "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return sorted(as_json(result), key=lambda row: str(row["diary_number"]))


def _round_trip(delreg: Invoke, folder: Path, objects: list[dict[str, Any]]) -> None:
    source, copy = folder / "source.db", folder / "copy.db"
    loaded = delreg(
        "--db", str(source), "import", "-", "--format", "json", input=json.dumps(objects)
    )
    assert loaded.exit_code == 0, loaded.stderr
    exported = delreg("--db", str(source), "list", "--format", "csv")
    assert exported.exit_code == 0, exported.stderr
    result = delreg("--db", str(copy), "import", "-", "--format", "csv", input=exported.stdout)
    assert result.exit_code == 0, result.stderr
    assert _listed(delreg, copy) == _listed(delreg, source)


def test_a_party_with_a_semicolon_survives_the_csv_round_trip(
    delreg: Invoke, tmp_path: Path
) -> None:
    parties = ["Vård; Omsorg AB", "Lund\\Malmö AB", "Acme;", "Region Örebro län"]
    _round_trip(
        delreg,
        tmp_path,
        [{"diary_number": "24RS1", "subject": "hemtjänst", "parties": parties}],
    )
    (decision,) = _listed(delreg, tmp_path / "copy.db")
    assert decision["parties"] == parties
    exported = delreg("--db", str(tmp_path / "copy.db"), "list", "--format", "csv").stdout
    # Readable in a spreadsheet: the names as written, the separator as always.
    assert "Vård\\; Omsorg AB; Lund\\\\Malmö AB; Acme\\;; Region Örebro län" in exported


def test_a_registry_export_still_splits_its_parties_on_semicolons() -> None:
    assert split_parties("Acme AB; Beta AB ;Gamma AB") == ("Acme AB", "Beta AB", "Gamma AB")
    # A backslash before anything but ";" or "\\" is an ordinary character.
    assert split_parties("C:\\temp AB") == ("C:\\temp AB",)


@settings(max_examples=60, deadline=None)
@given(parties=st.lists(NAMES, max_size=5))
def test_joining_and_splitting_parties_is_exact(parties: list[str]) -> None:
    names = split_parties(parties)  # the register's own form: white space folded, no blank
    assert split_parties(join_parties(names)) == names


@st.composite
def decisions(draw: st.DrawFn) -> list[dict[str, Any]]:
    config = load_config()
    made = []
    for serial in range(1, draw(st.integers(1, 3)) + 1):
        secret = draw(st.booleans())
        made.append(
            {
                "diary_number": f"24RS{serial}",
                "kind": draw(st.sampled_from(sorted(config.kinds))),
                "subject": draw(TEXT),
                "procurement_number": draw(st.sampled_from([None, "MT 2023-0043", "UH 2023/12"])),
                "parties": draw(st.lists(NAMES, max_size=4)),
                "delegate": draw(st.one_of(st.none(), TEXT)),
                "decided_on": draw(st.one_of(st.none(), DAYS)),
                "notified_on": draw(st.one_of(st.none(), DAYS)),
                "notified_by": draw(st.sampled_from([None, "electronic", "post"])),
                "standstill_days": draw(st.one_of(st.none(), st.integers(1, 60))),
                "secret": secret,
                "secret_reason": draw(st.one_of(st.none(), TEXT)) if secret else None,
                "delegation_point": draw(st.one_of(st.none(), TEXT)),
                "amount": draw(st.one_of(st.none(), st.integers(0, 10**12))),
                "wording": draw(st.one_of(st.none(), TEXT)),
                "source": draw(TEXT),
            }
        )
    return made


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(objects=decisions())
def test_every_field_survives_the_csv_round_trip(
    delreg: Invoke, tmp_path_factory: pytest.TempPathFactory, objects: list[dict[str, Any]]
) -> None:
    _round_trip(delreg, tmp_path_factory.mktemp("round"), objects)
