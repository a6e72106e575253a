"""What a person (or cron) reads on stderr: one line and a hint per error, silence with -q."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import DATA, SEED, Invoke


def one_error(stderr: str) -> tuple[str, str]:
    lines = stderr.splitlines()
    assert len(lines) == 2, f"expected an error line and a hint, got:\n{stderr}"
    assert lines[0].startswith("delreg: error: "), lines[0]
    assert lines[1].startswith("hint: "), lines[1]
    return lines[0], lines[1]


# Usage errors Click finds before a command runs: exit 2, the same two lines as every error.
USAGE = [
    (["list", "--colour", "pink"], "No such option: --colour", "delreg list --help"),
    (["lst"], "No such command 'lst'. Did you mean 'list'?", "delreg --help"),
    (["import"], "Missing argument", "delreg import --help"),
    (["list", "--limit", "-1"], "-1 is not in the range", "delreg list --help"),
    (["list", "--format", "xml"], "'xml' is not one of", "delreg list --help"),
    (["meetings", "frob"], "No such command 'frob'", "delreg meetings --help"),
    (["check", "--ack", "standstill"], "requires 2 arguments", "delreg check --help"),
]


@pytest.mark.parametrize(("args", "message", "help_command"), USAGE, ids=str)
def test_a_usage_error_is_one_line_and_a_hint(
    delreg: Invoke, args: list[str], message: str, help_command: str, database: Path
) -> None:
    result = delreg(*args)
    assert result.exit_code == 2
    error, hint = one_error(result.stderr)
    assert message in error
    assert f"`{help_command}`" in hint
    assert result.stdout == ""
    assert not database.exists()


def test_delreg_alone_shows_the_commands(delreg: Invoke) -> None:
    result = delreg()
    assert result.exit_code == 2
    assert "Commands" in result.stderr


# Errors that have nothing to do with where the register is: their hint must not send the user
# to --db (a backup folder, an input file, a configuration file, a value).
ELSEWHERE = [
    ["import", "nothere.csv"],
    ["backup", "no-such-folder/hsn.db"],
    ["restore", "nothere.db", "--yes"],
    ["--config", "nothere.toml", "list"],
    ["delegation", "load", "nothere.toml"],
    ["add", "--kind", "nope", "--diary-number", "24RS1102", "--subject", "sängar"],
    ["list", "--since", "2024-13-01"],
    ["report", "--meeting", "2024-02-15", "-o", "no-such-folder/x.docx"],
    ["show", "99RS1"],
    ["check", "--rule", "nonsense"],
]


@pytest.mark.parametrize("args", ELSEWHERE, ids=" ".join)
def test_an_error_elsewhere_has_a_hint_about_it(
    delreg: Invoke, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert delreg("meetings", "add", "2024-02-15").exit_code == 0
    result = delreg(*args)
    assert result.exit_code == 2
    _, hint = one_error(result.stderr)
    assert "--db" not in hint and "DELREG_DB" not in hint


def test_quiet_says_nothing_when_all_goes_well(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The monthly cron job: everything it does succeeds, so cron has nothing to mail.
    monkeypatch.chdir(tmp_path)
    for args in (
        ["meetings", "add", "2024-02-15", "--posted-on", "2024-02-21"],
        ["import", str(SEED), "--meeting", "2024-02-15"],
        ["import", str(DATA / "example-diarium.csv")],
        ["add", "--kind", "beslut", "--diary-number", "24RS1102", "--subject", "sängar"],
        ["edit", "24RS1102", "--notified-on", "2024-02-27"],
        ["report", "--meeting", "2024-02-15", "-o", "anmalningar.docx"],
        ["report", "--month", "2023-11", "--format", "md", "-o", "november.md"],
        ["backup", "hsn.db"],
        ["verify"],
        ["check", "--rule", "reported-twice"],
    ):
        result = delreg("-q", *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stderr == "", (args, result.stderr)
    assert (tmp_path / "anmalningar.docx").stat().st_size > 0
    # Without -q the same kind of run says what it did.
    assert "added" in delreg("add", "--kind", "beslut", "--diary-number", "24RS1103",
                             "--subject", "sängar").stderr  # fmt: skip


def test_quiet_still_says_what_went_wrong(delreg: Invoke, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(
        "Diarienummer;Beslutstyp;Beslut;Beslutsdatum\n"
        "24RS1102;Beslut;sängar;2024-02-26\n"
        "24RS1103;Beslut;madrasser;den 31 februari 2024\n",
        encoding="utf-8",
    )
    result = delreg("-q", "import", str(export))
    assert result.exit_code == 1
    assert "rejected:" in result.stderr and "export.csv:3" in result.stderr
    assert "hint:" in result.stderr
    # An error is an error with or without -q.
    result = delreg("-q", "show", "99RS1")
    assert result.exit_code == 2
    one_error(result.stderr)


def test_quiet_check_with_errors_says_how_many(delreg: Invoke) -> None:
    assert delreg("import", str(SEED), "--meeting", "2024-02-15").exit_code == 0
    assert delreg("import", str(DATA / "example-diarium.csv")).exit_code == 0
    result = delreg("-q", "check", "--rule", "standstill")
    assert result.exit_code == 1
    assert "23RS2748" in result.stdout
    assert result.stderr.strip() == "1 error, 0 warnings"
