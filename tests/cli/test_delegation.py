"""`delreg delegation` through the command line: orders kept over time, a decision checked
against the order in force on its date, points passed on (vidaredelegering) in chains, each
change in the history, and a register made before orders had periods upgraded in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from delreg.store.schema import MIGRATIONS, _add_delegation_history, migrate
from tests.helpers import FIXTURES, Invoke, add, as_json, findings, snapshot

DELEGATION = FIXTURES / "delegation"
FIRST, REVISED = DELEGATION / "hsn-2024.toml", DELEGATION / "hsn-2024-07.toml"
DIRECTOR = "Hälso- och sjukvårdsdirektören"
HEAD = "Verksamhetschef Ortopedi"
UNIT = "Enhetschef Ortopedi Örebro"


def ok(delreg: Invoke, *args: str) -> str:
    result = delreg(*args)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stderr


def messages(delreg: Invoke) -> dict[str, str]:
    return {f["diary_number"]: f["message"] for f in findings(delreg, "--rule", "delegation")}


@pytest.fixture
def hsn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A configuration whose default board is HSN (decisions carry no board of their own)."""
    config = tmp_path / "delreg.toml"
    config.write_text('[register]\nboard = "HSN"\n', encoding="utf-8")
    monkeypatch.setenv("DELREG_CONFIG", str(config))
    return "HSN"


@pytest.fixture
def two_orders(hsn: str, delreg: Invoke) -> Invoke:
    """HSN's order of 2024 and the revision in force from 2024-07-01."""
    ok(delreg, "delegation", "load", str(FIRST))
    said = ok(delreg, "delegation", "load", str(REVISED))
    assert f"loaded 3 points from {REVISED} for HSN, in force 2024-07-01 – …" in said
    assert f"the order of 2024-01-01 ({FIRST}) now ends 2024-06-30" in said
    return delreg


def test_an_order_changed_mid_year(two_orders: Invoke) -> None:
    orders = as_json(two_orders("delegation", "orders", "--format", "json"))
    assert [(o["board"], o["valid_from"], o["valid_to"], o["points"]) for o in orders] == [
        ("HSN", "2024-01-01", "2024-06-30", 3),
        ("HSN", "2024-07-01", None, 3),
    ]
    award = 150 * 57_300  # over 2.2's 100 pbb before July, within its 200 pbb after
    add(two_orders, "tilldelningsbeslut", "24RS1", decided_on="2024-05-14", amount=str(award),
        delegate=DIRECTOR)  # fmt: skip
    add(two_orders, "tilldelningsbeslut", "24RS2", decided_on="2024-08-20", amount=str(award),
        delegate=DIRECTOR)  # fmt: skip
    # Drug agreements passed from the director to the chief pharmacist on 2024-07-01.
    add(two_orders, "avtal", "24RS3", decided_on="2024-03-04", delegate="Läkemedelschefen")
    add(two_orders, "avtal", "24RS4", decided_on="2024-09-02", delegate="Läkemedelschefen")
    found = messages(two_orders)
    assert sorted(found) == ["24RS1", "24RS3"]
    assert found["24RS1"].endswith("exceeds the limit of point 2.2, 100 pbb = 5 730 000 kr in 2024")
    # `show` gives the order in force on a day, or the newest.
    before = as_json(two_orders("delegation", "show", "--on", "2024-03-01", "-f", "json"))
    assert [(p["point"], p["limit"], p["pass_on"]) for p in before] == [
        ("2.2", "100 pbb", 2), ("3.1", "500 000 kr", 0), ("4.1", "10 pbb", 1),
    ]  # fmt: skip
    newest = as_json(two_orders("delegation", "show", "-f", "json"))
    assert newest[0]["limit"] == "200 pbb"
    gone = two_orders("delegation", "show", "--on", "2023-12-31")
    assert "no delegation order of HSN was in force on 2023-12-31" in gone.stderr


def test_a_dry_run_names_the_order_it_would_end(hsn: str, delreg: Invoke, database: Path) -> None:
    ok(delreg, "delegation", "load", str(FIRST))
    before = snapshot(database)
    said = ok(delreg, "delegation", "load", str(REVISED), "--dry-run")
    assert f"would load 3 points from {REVISED} for HSN, in force 2024-07-01 – …" in said
    assert "nothing stored (dry run)" in said
    assert f"the order of 2024-01-01 ({FIRST}) would end 2024-06-30" in said
    again = ok(delreg, "delegation", "load", str(FIRST), "--dry-run")
    assert "would replace 3" in again and "would end" not in again
    assert snapshot(database) == before


def test_the_same_order_loaded_again_replaces_it(two_orders: Invoke) -> None:
    again = ok(two_orders, "delegation", "load", str(FIRST))
    assert "replacing 3" in again
    orders = as_json(two_orders("delegation", "orders", "--format", "json"))
    assert [(o["valid_from"], o["valid_to"]) for o in orders] == [
        ("2024-01-01", "2024-06-30"),
        ("2024-07-01", None),
    ]
    actions = [e["action"] for e in as_json(two_orders("delegation", "history", "-f", "json"))]
    assert actions == [
        "delegation-load", "delegation-end", "delegation-load", "delegation-replace",
        "delegation-load",
    ]  # fmt: skip


def test_a_point_that_may_not_be_passed_on(two_orders: Invoke, database: Path) -> None:
    before = database.read_bytes()
    refused = two_orders("delegation", "pass", "3.1", "--to", HEAD, "--from", "2024-02-01")
    assert refused.exit_code == 2
    first, hint = refused.stderr.splitlines()
    assert first == (
        "delreg: error: point 3.1 (Avtal om läkemedel) may not be passed on: the delegation "
        "order of HSN in force on 2024-02-01 does not allow vidaredelegering of it"
    )
    assert hint.startswith("hint: only points marked pass_on = true")
    assert database.read_bytes() == before
    assert as_json(two_orders("delegation", "passes", "-f", "json")) == []


def test_a_chain_of_two_passes(two_orders: Invoke) -> None:
    said = ok(two_orders, "delegation", "pass", "2.2", "--to", HEAD, "--from", "2024-02-01",
              "--to-date", "2024-10-31")  # fmt: skip
    assert said.strip() == (
        f"pass #1: point 2.2 passed on by 'Hälso- och sjukvårdsdirektör' to '{HEAD}' from "
        "2024-02-01 to 2024-10-31"
    )
    said = ok(two_orders, "delegation", "pass", "2.2", "--to", UNIT, "--by",
              "Verksamhetschefen Ortopedi", "--from", "2024-03-01",
              "--limit", "20 pbb")  # fmt: skip
    assert "pass #2" in said and "resting on pass #1" in said
    third = two_orders("delegation", "pass", "2.2", "--to", "Sektionschef Höft", "--by", UNIT,
                       "--from", "2024-04-01")  # fmt: skip
    assert third.exit_code == 2 and "may be passed on 2 steps" in third.stderr
    for number, day, amount in (
        ("24RS1", "2024-04-02", "1 000 000"),  # within the pass's 20 pbb
        ("24RS2", "2024-04-02", "2 000 000"),  # over it
        ("24RS3", "2024-02-15", "1 000"),  # before the unit head's pass
        ("24RS4", "2024-11-04", "1 000"),  # after the head of department's ended
    ):
        add(two_orders, "tilldelningsbeslut", number, decided_on=day, amount=amount,
            delegate=UNIT)  # fmt: skip
    found = messages(two_orders)
    assert sorted(found) == ["24RS2", "24RS3", "24RS4"]
    assert "exceeds the limit of pass #2, 20 pbb = 1 146 000 kr in 2024" in found["24RS2"]
    assert (
        "pass #2 to 'Enhetschef Ortopedi Örebro' (2024-03-01 – …) was not in force"
        in (found["24RS3"])
    )
    assert "pass #1, which pass #2 rests on" in found["24RS4"]
    # Ending the head of department's pass earlier breaks the chain from the day after.
    assert "now ends 2024-03-31" in ok(two_orders, "delegation", "end", "1", "--on", "2024-03-31")
    assert "24RS1" in messages(two_orders)
    passes = as_json(two_orders("delegation", "passes", "-f", "json"))
    assert [(p["id"], p["to"], p["valid_to"], p["rests_on"], p["limit"]) for p in passes] == [
        (1, HEAD, "2024-03-31", None, None),
        (2, UNIT, None, 1, "20 pbb"),
    ]
    assert [p["id"] for p in as_json(two_orders("delegation", "passes", "--on", "2024-04-15",
                                                "-f", "json"))] == [2]  # fmt: skip


def test_withdrawn_and_ended_passes_stay_in_the_register_and_its_history(
    two_orders: Invoke,
) -> None:
    ok(two_orders, "delegation", "pass", "4.1", "--to", HEAD, "--from", "2024-02-01")
    add(two_orders, "beslut", "24RS1", decided_on="2024-03-01", delegate=HEAD)
    assert messages(two_orders) == {}
    # From July the revised order no longer lets 4.1 be passed on.
    add(two_orders, "beslut", "24RS2", decided_on="2024-07-02", delegate=HEAD)
    assert messages(two_orders)["24RS2"].endswith(
        f"'{HEAD}' holds point 4.1 through one step (pass #1), but the order in force on "
        "2024-07-02 says it may not be passed on"
    )
    assert "withdrew pass #1" in ok(two_orders, "delegation", "withdraw", "1")
    assert sorted(messages(two_orders)) == ["24RS1", "24RS2"]
    again = two_orders("delegation", "withdraw", "1")
    assert again.exit_code == 2 and "was withdrawn already" in again.stderr
    missing = two_orders("delegation", "end", "9", "--on", "2024-05-01")
    assert missing.exit_code == 2 and "no pass #9" in missing.stderr
    assert as_json(two_orders("delegation", "passes", "-f", "json")) == []
    kept = as_json(two_orders("delegation", "passes", "--include-withdrawn", "-f", "json"))
    assert [p["withdrawn_at"] is not None for p in kept] == [True]
    history = as_json(two_orders("delegation", "history", "-f", "json"))
    passes = [e for e in history if e["action"].startswith("delegation-pass")]
    assert [e["action"] for e in passes] == ["delegation-pass", "delegation-pass-withdraw"]
    assert passes[0]["new"]["to"] == HEAD and passes[1]["old"]["withdrawn_at"] is None
    assert passes[0]["command"].startswith("delreg delegation pass 4.1")
    ok(two_orders, "verify")  # exits 0: the chained history holds


def test_a_register_with_one_order_upgrades_in_place(
    database: Path, delreg: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A register as the schema before this one left it: one order, loaded twice.
    path = database
    connection = sqlite3.connect(path)
    migrate(connection, path, to=MIGRATIONS.index(_add_delegation_history))
    for loaded_at in ("2023-01-10T08:00:00Z", "2024-01-05T08:00:00Z"):
        connection.execute(
            "INSERT INTO delegation_orders (loaded_at, user, source, board, adopted, points) "
            "VALUES (?, 'registrator', 'ordning.toml', 'Hälso- och sjukvårdsnämnden', "
            "'2021-12-14', 1)",
            [loaded_at],
        )
    connection.execute(
        "INSERT INTO delegation_points (point, matter, kinds, delegate, substitutes, "
        "limit_amount, limit_unit, valid_from, line) VALUES ('2.2', 'Tilldelningsbeslut', "
        "'[\"tilldelningsbeslut\"]', 'Hälso- och sjukvårdsdirektör', '[]', '100', 'pbb', "
        "'2022-01-01', 7)"
    )
    connection.commit()
    connection.close()
    add(delreg, "tilldelningsbeslut", "24RS1", decided_on="2024-05-14", amount="6 000 000")
    orders = as_json(delreg("delegation", "orders", "-f", "json"))
    assert [(o["id"], o["name"], o["board"], o["points"]) for o in orders] == [
        (2, "Hälso- och sjukvårdsnämnden", "", 1)
    ]
    ok(delreg, "verify")  # exits 0: the upgraded register and its history hold
    shown = as_json(delreg("delegation", "show", "-f", "json"))
    assert shown[0]["limit"] == "100 pbb" and shown[0]["pass_on"] == 0
    checked = delreg("check", "--rule", "delegation", "-f", "json")
    (finding,) = json.loads(checked.stdout)
    assert "exceeds the limit of point 2.2, 100 pbb" in finding["message"]
    # Once the configuration names the board, the upgraded order is its first: a new one
    # ends it the day before.
    config = tmp_path / "delreg.toml"
    config.write_text('[register]\nboard = "HSN"\n', encoding="utf-8")
    monkeypatch.setenv("DELREG_CONFIG", str(config))
    ok(delreg, "delegation", "load", str(REVISED))
    after = as_json(delreg("delegation", "orders", "-f", "json"))
    assert [(o["board"], o["valid_from"], o["valid_to"]) for o in after] == [
        ("HSN", None, "2024-06-30"),
        ("HSN", "2024-07-01", None),
    ]


def test_each_board_has_its_own_orders(delreg: Invoke, tmp_path: Path) -> None:
    ok(delreg, "boards", "add", "HSN", "--name", "Hälso- och sjukvårdsnämnden")
    ok(delreg, "boards", "add", "RS", "--name", "Regionstyrelsen")
    # The file names its board by code; a board the register lacks is refused with a hint.
    assert "for HSN, in force 2024-01-01" in ok(delreg, "delegation", "load", str(FIRST))
    assert "for RS" in ok(delreg, "delegation", "load", str(REVISED), "--board", "rs")
    unknown = DELEGATION / "order.toml"
    text = unknown.read_text(encoding="utf-8").replace("Hälso- och sjukvårdsnämnden", "KFN")
    elsewhere = tmp_path / "kfn.toml"
    elsewhere.write_text(text, encoding="utf-8")
    refused = delreg("delegation", "load", str(elsewhere))
    assert refused.exit_code == 2
    assert "the order's file names board 'KFN', which the register does not hold" in (
        refused.stderr
    )
    # The same decision checked against each board's own order: 3.1 is the chief
    # pharmacist's in RS (the revised order), the director's in HSN.
    add(delreg, "avtal", "24RS1", decided_on="2024-03-04", delegate="Läkemedelschefen",
        board="HSN")  # fmt: skip
    add(delreg, "avtal", "24RS2", decided_on="2024-08-04", delegate="Läkemedelschefen",
        board="RS")  # fmt: skip
    add(delreg, "avtal", "24RS3", decided_on="2024-03-04", delegate="Läkemedelschefen",
        board="RS")  # fmt: skip
    found = messages(delreg)
    assert sorted(found) == ["24RS1", "24RS3"]
    assert "no delegation order of board RS was in force on 2024-03-04" in found["24RS3"]
    orders = as_json(delreg("delegation", "orders", "--board", "all", "-f", "json"))
    assert [(o["board"], o["valid_from"]) for o in orders] == [
        ("HSN", "2024-01-01"),
        ("RS", "2024-07-01"),
    ]
    several = delreg("delegation", "show")
    assert several.exit_code == 2 and "--board CODE" in several.stderr
    shown = as_json(delreg("delegation", "show", "--board", "Regionstyrelsen", "-f", "json"))
    assert shown[1]["delegate"] == "Läkemedelschef"
