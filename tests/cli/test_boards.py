"""Boards: added and listed, a default board so one-board users never type --board, two boards
meeting the same day with one diary-number series, and a region-wide export routed to its
boards by a column or by the series of its numbers."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

from tests.helpers import Invoke, as_json

HSN = "Hälso- och sjukvårdsnämnden"
RS = "Regionstyrelsen"
DAY = "2024-03-14"


def two_boards(delreg: Invoke) -> None:
    for args in (
        ["boards", "add", "HSN", "--name", HSN, "--delegate", "Hälso- och sjukvårdsdirektören"],
        ["boards", "add", "RS", "--name", RS, "--delegate", "Regiondirektören"],
    ):
        result = delreg(*args)
        assert result.exit_code == 0, result.stderr


def config_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def table_dump(database: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database)) as connection:
        return [
            *connection.execute("SELECT * FROM decisions ORDER BY id"),
            *connection.execute("SELECT * FROM events ORDER BY id"),
            *connection.execute("SELECT * FROM meetings ORDER BY id"),
        ]


def test_boards_add_and_list(delreg: Invoke) -> None:
    two_boards(delreg)
    listed = as_json(delreg("boards", "list", "--json"))
    assert listed == [
        {
            "code": "HSN",
            "name": HSN,
            "delegate": "Hälso- och sjukvårdsdirektören",
            "decisions": 0,
            "meetings": 0,
        },
        {"code": "RS", "name": RS, "delegate": "Regiondirektören", "decisions": 0, "meetings": 0},
    ]
    table = delreg("boards", "list").stdout
    assert "HSN" in table and RS in table


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("H S N", "is not a board code"),
        ("all", "cannot be a board's code"),
        ("HSN", "already in the register"),
    ],
)
def test_a_bad_board_is_refused_and_nothing_written(
    delreg: Invoke, database: Path, code: str, message: str
) -> None:
    two_boards(delreg)
    before = table_dump(database)
    result = delreg("boards", "add", code, "--name", "Kulturnämnden")
    assert result.exit_code != 0
    first, hint = result.stderr.splitlines()
    assert first.startswith("delreg: error:") and message in first
    assert hint.startswith("hint: ")
    assert table_dump(database) == before


def test_a_second_board_of_the_same_name_is_refused(delreg: Invoke) -> None:
    two_boards(delreg)
    result = delreg("boards", "add", "HSN2", "--name", HSN.upper())
    assert result.exit_code != 0 and "already named" in result.stderr


def test_a_one_board_user_never_types_board(delreg: Invoke) -> None:
    assert delreg("boards", "add", "HSN", "--name", HSN).exit_code == 0
    assert delreg("meetings", "add", DAY).exit_code == 0
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "inköp av stolar")
    assert as_json(delreg("show", "24RS1", "--format", "json"))["board"] == "HSN"
    assert as_json(delreg("meetings", "list", "--format", "json"))[0]["board"] == "HSN"
    report = as_json(delreg("report", "--meeting", DAY, "--format", "json"))
    assert report["board"] == HSN and [i["diary_number"] for i in report["items"]] == ["24RS1"]


def test_several_boards_and_no_default_a_write_must_say_which(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    two_boards(delreg)
    before = table_dump(database)
    result = delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x")
    assert result.exit_code == 2
    assert "several boards and no default" in result.stderr and "hint:" in result.stderr
    assert table_dump(database) == before
    # The default by its name or its code, or the board on the command line.
    for config in (f'[register]\nboard = "{RS}"\n', '[register]\nboard = "rs"\n'):
        path = config_file(tmp_path, config)
        number = f"24RS{len(config)}"
        added = delreg(
            "--config", path, "add", "--kind", "beslut", "--diary-number", number, "--subject", "x"
        )
        assert added.exit_code == 0, added.stderr
        assert as_json(delreg("show", number, "--format", "json"))["board"] == "RS"
    delreg("add", "--kind", "beslut", "--diary-number", "24RS2", "--subject", "x", "--board", HSN)
    assert as_json(delreg("show", "24RS2", "--format", "json"))["board"] == "HSN"


def test_an_unknown_board_is_refused_with_the_boards_there_are(delreg: Invoke) -> None:
    two_boards(delreg)
    result = delreg("list", "--board", "KN")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "delreg: error: no board 'KN' in the register",
        "hint: the boards are HSN, RS (`delreg boards list`); add one with `delreg boards add`",
    ]


def same_day(delreg: Invoke, tmp_path: Path) -> str:
    """HSN and RS both meet on DAY; their decisions share the registry's one RS series."""
    two_boards(delreg)
    for board in ("HSN", "RS"):
        assert delreg("meetings", "add", DAY, "--board", board, "--paragraph", "7").exit_code == 0
    export = tmp_path / "region.csv"
    export.write_text(
        "Diarienummer;Nämnd;Beslut;Beslutsdatum\n"
        f"24RS101;HSN;inköp av ultraljud;2024-03-01\n"
        f"24RS102;{RS};hyresavtal för lokaler i Karlskoga;2024-03-02\n"
        f"24RS103;{HSN.upper()};tolktjänster;2024-03-04\n"
        f"24RS104;RS;förordnande av tillförordnad ekonomidirektör;2024-03-05\n",
        encoding="utf-8",
    )
    result = delreg("import", str(export), "--json")
    assert result.exit_code == 0, result.stderr
    assert as_json(result)["inserted"] == 4
    return config_file(tmp_path, '[register]\nboard = "HSN"\n')


def test_two_boards_meeting_the_same_day_each_have_their_own_list(
    delreg: Invoke, tmp_path: Path
) -> None:
    config = same_day(delreg, tmp_path)
    lists = {
        board: as_json(delreg("report", "--meeting", DAY, "--board", board, "--format", "json"))
        for board in ("HSN", "RS")
    }
    assert [i["diary_number"] for i in lists["HSN"]["items"]] == ["24RS101", "24RS103"]
    assert [i["diary_number"] for i in lists["RS"]["items"]] == ["24RS102", "24RS104"]
    assert lists["RS"]["board"] == RS
    # Without a default, which meeting is meant cannot be told.
    ambiguous = delreg("report", "--meeting", DAY)
    assert ambiguous.exit_code == 2 and "more than one meeting" in ambiguous.stderr
    # With one, it is the default board's.
    default = delreg("--config", config, "report", "--meeting", DAY, "--format", "json")
    assert as_json(default) == lists["HSN"]
    # Fixing one board's list leaves the other's waiting.
    marked = delreg("report", "--meeting", DAY, "--board", "RS", "--mark-reported")
    assert marked.exit_code == 0, marked.stderr
    reported = as_json(delreg("list", "--board", "all", "--format", "json"))
    assert {d["diary_number"]: (d["board"], d["meeting"]) for d in reported} == {
        "24RS101": ("HSN", None),
        "24RS102": ("RS", DAY),
        "24RS103": ("HSN", None),
        "24RS104": ("RS", DAY),
    }


def test_listings_default_to_the_configured_board_and_all_shows_every_board(
    delreg: Invoke, tmp_path: Path
) -> None:
    config = same_day(delreg, tmp_path)

    def numbers(*args: str) -> list[str]:
        return sorted(d["diary_number"] for d in as_json(delreg(*args, "--format", "json")))

    assert numbers("--config", config, "list") == ["24RS101", "24RS103"]
    assert numbers("--config", config, "list", "--board", "all") == [
        "24RS101",
        "24RS102",
        "24RS103",
        "24RS104",
    ]
    assert numbers("list", "--board", "RS") == ["24RS102", "24RS104"]
    # Without a default, a register of several boards lists all of them.
    assert len(numbers("list")) == 4
    meetings = as_json(delreg("--config", config, "meetings", "list", "--format", "json"))
    assert [(m["date"], m["board"]) for m in meetings] == [(DAY, "HSN")]
    every = as_json(delreg("meetings", "list", "--board", "all", "--format", "json"))
    assert [(m["date"], m["board"]) for m in every] == [(DAY, "HSN"), (DAY, "RS")]
    period = as_json(delreg("report", "--month", "2024-03", "--board", "RS", "--format", "json"))
    assert period["board"] == RS
    assert sorted(item["diary_number"] for item in period["items"]) == [
        "24RS102",
        "24RS104",
    ]


def test_a_region_wide_export_is_routed_by_the_series_of_its_numbers(
    delreg: Invoke, tmp_path: Path
) -> None:
    two_boards(delreg)
    config = config_file(tmp_path, '[routing.series]\nRS = "RS"\nHSN = "HSN"\n')
    export = tmp_path / "diarium.csv"
    export.write_text(
        "Diarienummer,Beslut,Beslutsdatum\n"
        "RS 2024/310,yttrande över remiss om kollektivtrafik,2024-03-01\n"
        "HSN 2024/77,inköp av infusionspumpar,2024-03-02\n"
        "24RS312,avtal om lokalvård,2024-03-03\n",
        encoding="utf-8",
    )
    result = delreg("--config", config, "import", str(export))
    assert result.exit_code == 0, result.stderr
    boards = {
        d["diary_number"]: d["board"]
        for d in as_json(delreg("list", "--board", "all", "--format", "json"))
    }
    assert boards == {"RS 2024/310": "RS", "HSN 2024/77": "HSN", "24RS312": "RS"}


def test_a_row_that_cannot_be_routed_is_rejected_with_its_line(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    two_boards(delreg)
    config = config_file(tmp_path, '[routing.series]\nRS = "RS"\n')
    export = tmp_path / "diarium.csv"
    export.write_text(
        "Diarienummer,Nämnd,Beslut\n"
        "RS 2024/310,,yttrande över remiss\n"
        "KS 2024/12,,ett beslut i en serie ingen nämnd har\n"
        "RS 2024/311,Kulturnämnden,bidrag till en förening\n"
        "RS 2024/312,HSN,inköp av infusionspumpar\n",
        encoding="utf-8",
    )
    before = table_dump(database)
    result = delreg("--config", config, "import", str(export), "--json")
    assert result.exit_code == 1
    summary = as_json(result)
    assert [r["source"] for r in summary["rejected"]] == [f"{export}:3", f"{export}:4"]
    assert "series KS is not in [routing.series]" in summary["rejected"][0]["reason"]
    assert "no board 'Kulturnämnden'" in summary["rejected"][1]["reason"]
    assert summary["items"] == {
        "seen": 4,
        "decisions": 2,
        "rejected": 2,
        "notices": 0,
        "repeated": 0,
    }
    assert table_dump(database) == before
    # --board places what names no board, and refuses a row that names another.
    forced = delreg("--config", config, "import", str(export), "--board", "RS", "--json")
    assert [r["source"] for r in as_json(forced)["rejected"]] == [f"{export}:4", f"{export}:5"]
    assert "the row is HSN's, the import RS's" in as_json(forced)["rejected"][1]["reason"]


def test_the_csv_round_trip_keeps_the_board(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    same_day(delreg, tmp_path)
    exported = delreg("list", "--board", "all", "--format", "csv")
    assert exported.stdout.splitlines()[0].endswith(",board")
    monkeypatch.setenv("DELREG_DB", str(tmp_path / "copy.db"))
    two_boards(delreg)
    result = delreg("import", "-", "--format", "csv", input=exported.stdout)
    assert result.exit_code == 0, result.stderr
    copied = delreg("list", "--board", "all", "--format", "csv")
    assert sorted(copied.stdout.splitlines()) == sorted(exported.stdout.splitlines())


def test_an_import_into_a_new_register_names_its_first_board(
    delreg: Invoke, tmp_path: Path
) -> None:
    export = tmp_path / "hsn.csv"
    export.write_text(
        f"diary_number,subject,board\n24RS0,städning,\n24RS1,inköp av stolar,{HSN}\n"
        f"24RS2,tolktjänster,{HSN}\n24RS3,hyresavtal,{RS}\n",
        encoding="utf-8",
    )
    result = delreg("import", str(export), "--skip-invalid", "--json")
    assert [r["source"] for r in as_json(result)["rejected"]] == [f"{export}:5"]
    # The row read before the first board was named is on it too.
    assert as_json(delreg("boards", "list", "--json")) == [
        {"code": HSN, "name": HSN, "delegate": None, "decisions": 3, "meetings": 0}
    ]
    assert delreg("verify").exit_code == 0


def test_check_due_and_publish_take_the_board(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = same_day(delreg, tmp_path)
    # A contract on RS's side whose award the register lacks: an error finding of RS's.
    delreg(
        "add", "--kind", "kontrakt", "--diary-number", "24RS105", "--subject", "städtjänster",
        "--procurement-number", "MT 2024-0099", "--decided-on", "2024-03-06", "--board", "RS",
    )  # fmt: skip
    hsn = delreg("--config", config, "check", "--as-of", DAY, "--format", "json")
    assert hsn.exit_code == 0 and as_json(hsn) == []
    rs = delreg("check", "--as-of", DAY, "--board", "RS", "--format", "json")
    assert rs.exit_code == 1
    assert {f["diary_number"] for f in as_json(rs)} == {"24RS105"}
    every = delreg("check", "--as-of", DAY, "--board", "all", "--format", "json")
    assert as_json(every) == as_json(rs)

    def minutes(*args: str) -> list[str]:
        items = as_json(delreg(*args, "due", "--as-of", DAY, "--format", "json"))
        return [item["title"] for item in items if item["kind"] == "minutes-adjust"]

    assert minutes("--config", config) == [f"Approve (justera) the minutes of HSN {DAY}"]
    assert sorted(minutes()) == [
        f"Approve (justera) the minutes of HSN {DAY}",
        f"Approve (justera) the minutes of RS {DAY}",
    ]
    monkeypatch.chdir(tmp_path)
    published = delreg("publish", "rs", "--board", "RS", "--base-url", "https://r.example/rs/",
                       "--contact", "registrator@r.example")  # fmt: skip
    assert published.exit_code == 0, published.stderr
    rows = (tmp_path / "rs" / "decisions.csv").read_text(encoding="utf-8").splitlines()
    assert sorted(row.split(",")[0] for row in rows[1:]) == ["24RS102", "24RS104", "24RS105"]


def test_a_decision_counts_its_appeal_from_its_own_boards_minutes(
    delreg: Invoke, tmp_path: Path
) -> None:
    same_day(delreg, tmp_path)
    # HSN posts its minutes on the 20th, RS on the 25th: three weeks from each, rolled forward.
    for board, posted in (("HSN", "2024-03-20"), ("RS", "2024-03-25")):
        updated = delreg(
            "meetings", "add", DAY, "--board", board, "--update",
            "--adjusted-on", posted, "--posted-on", posted,
        )  # fmt: skip
        assert updated.exit_code == 0, updated.stderr
        marked = delreg("report", "--meeting", DAY, "--board", board, "--mark-reported")
        assert marked.exit_code == 0, marked.stderr
    ends = {
        number: as_json(delreg("show", number, "--format", "json"))["status"]["appeal_ends_on"]
        for number in ("24RS101", "24RS102")
    }
    assert ends == {"24RS101": "2024-04-10", "24RS102": "2024-04-15"}


def test_a_workbooks_beslutsinstans_column_routes_its_rows(delreg: Invoke, tmp_path: Path) -> None:
    two_boards(delreg)
    book = Workbook()
    sheet = book.active
    sheet.append(["Dnr", "Beslutsinstans", "Ärendemening", "Beslutsdatum"])
    sheet.append(["RS 2024/401", "Regionstyrelsen", "yttrande över länsplanen", "2024-04-02"])
    sheet.append(["RS 2024/402", "hsn", "avtal om tolktjänster", "2024-04-03"])
    sheet.append(["RS 2024/403", "Kulturnämnden", "bidrag till länsteatern", "2024-04-04"])
    path = tmp_path / "region.xlsx"
    book.save(path)
    result = delreg("import", str(path), "--skip-invalid", "--json")
    assert [r["source"] for r in as_json(result)["rejected"]] == [f"{path}:Sheet!4"]
    boards = {
        d["diary_number"]: d["board"]
        for d in as_json(delreg("list", "--board", "all", "--format", "json"))
    }
    assert boards == {"RS 2024/401": "RS", "RS 2024/402": "HSN"}


def test_edit_moves_a_decision_to_another_board_and_the_history_says_so(
    delreg: Invoke, tmp_path: Path
) -> None:
    same_day(delreg, tmp_path)
    moved = delreg("edit", "24RS101", "--board", "Regionstyrelsen")
    assert moved.exit_code == 0, moved.stderr
    assert as_json(delreg("show", "24RS101", "--format", "json"))["board"] == "RS"
    last = as_json(delreg("history", "24RS101", "--format", "json"))[-1]
    assert last["action"] == "update"
    assert (last["old"]["board"], last["new"]["board"]) == ("HSN", "RS")
    # An import of the same row does not move it back: moving is a deliberate act.
    again = tmp_path / "again.csv"
    again.write_text("Diarienummer,Nämnd,Beslut\n24RS101,HSN,inköp av ultraljud\n", "utf-8")
    assert delreg("import", str(again)).exit_code == 0
    assert as_json(delreg("show", "24RS101", "--format", "json"))["board"] == "RS"
    refused = delreg("edit", "24RS101", "--clear", "board")
    assert refused.exit_code == 2 and "cannot clear 'board'" in refused.stderr
    assert delreg("edit", "24RS101", "--board", "KN").exit_code == 2
    assert delreg("verify").exit_code == 0


def test_each_finding_names_its_decisions_board(delreg: Invoke, tmp_path: Path) -> None:
    same_day(delreg, tmp_path)
    # A contract without its award on each board's side: an error finding of each.
    for number, board, procurement in (("24RS105", "RS", "MT 2024-0099"),
                                       ("24RS106", "HSN", "MT 2024-0100")):  # fmt: skip
        delreg(
            "add", "--kind", "kontrakt", "--diary-number", number, "--subject", "städtjänster",
            "--procurement-number", procurement, "--decided-on", "2024-03-06", "--board", board,
        )  # fmt: skip
    every = as_json(delreg("check", "--as-of", DAY, "--board", "all", "--format", "json"))
    assert {(f["diary_number"], f["board"]) for f in every} >= {
        ("24RS105", "RS"),
        ("24RS106", "HSN"),
    }
    assert all(f["board"] in ("RS", "HSN") for f in every)
    rs = as_json(delreg("check", "--as-of", DAY, "--board", "RS", "--format", "json"))
    assert rs and {f["board"] for f in rs} == {"RS"}
    # In CSV the board comes last, so the columns before it keep their places.
    table = delreg("check", "--as-of", DAY, "--board", "RS", "--format", "csv").stdout
    header, first = table.splitlines()[:2]
    assert header.split(",")[-1] == "board" and first.endswith(",RS")
    chain = as_json(delreg("procurement", "MT 2024-0100", "--format", "json"))
    assert chain["findings"] and {f["board"] for f in chain["findings"]} == {"HSN"}
