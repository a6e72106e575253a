"""Every example in every command's --help runs, against a register holding the example data.

The examples are read from each command's epilog (the text after `Example:` / `Examples:`, one
example per paragraph that starts with `delreg`), so a command added later is covered the
moment it has examples. Each runs in-process with CliRunner, in a working directory that holds
a copy of the repository's `data/`, against a fresh copy of a register prepared the way the
README's tour begins: the meeting of 2024-02-15, `data/example-agenda.txt` imported for it,
`data/example-diarium.csv`, and `data/delegationsordning.toml`.

The shell's part of an example is played here: `$(date +%F)` becomes today's date, `> FILE`
writes the output to FILE, and `delreg A | delreg B` feeds A's output to B. Examples write only
to relative file names (a user copying one must not need a /backup folder).

An example that needs something done first (undeleting needs a deleted decision) says so in
PREPARE; one whose documented outcome is not 0 (`check` exits 1 when it finds an error, and the
example data holds two on purpose) is listed in EXPECTED_EXIT with the reason.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from delreg.cli import whole_app
from tests import ROOT
from tests.helpers import all_command_paths

# The example data holds two errors on purpose (a contract signed inside the avtalsspärr of its
# award, 23RS2748; a contract whose award is not registered, 23RS1851), so a check that runs
# the standstill or contract-without-award rule over them exits 1, as documented.
EXPECTED_EXIT = {
    "delreg check": 1,
    "delreg check --rule standstill --rule chain-order --format json": 1,
    # 23RS1851 (MT 2023-0053a, contract without award) was decided in 2024.
    "delreg check --since 2024-01-01 --as-of 2024-02-01": 1,
    "delreg check --board all --format json": 1,
    # The diarium export lacks the agenda's decisions, and two of its own are unreported.
    "delreg reconcile data/example-diarium.csv": 1,
}

# What the user has done before an example makes sense.
PREPARE: dict[str, list[list[str]]] = {
    "delreg undelete 23RS710": [["delete", "23RS710", "--yes"]],
    "delreg restore delreg-2024-02-01.db --yes": [["backup", "delreg-2024-02-01.db"]],
    # An outcome is recorded for an appeal lodged before.
    'delreg appeal 24RS841 --decided-on 2024-05-20 --outcome upheld --reference "Mål nr 1234-24"': [
        ["appeal", "24RS841", "--lodged-on", "2024-03-05"]
    ],
    # The board the tour's meeting named by its name, given its short code.
    **{
        example: [["boards", "add", "HSN", "--name", "Hälso- och sjukvårdsnämnden"]]
        for example in (
            "delreg meetings list --board HSN",
            "delreg report --meeting 2024-02-15 --board HSN",
            "delreg import data/example-diarium.csv --board HSN",
            "delreg edit 23RS710 --board HSN",
            "delreg delegation load data/delegationsordning.toml --board HSN",
        )
    },
    "delreg publish offentligt-rs --board RS --base-url https://region.example/rs/ "
    "--contact registrator@region.example": [["boards", "add", "RS", "--name", "Regionstyrelsen"]],
    # A point passed on before the pass is ended or withdrawn.
    "delreg delegation end 1 --on 2024-06-30": [
        ["delegation", "pass", "4.1", "--to", "Verksamhetschef Ortopedi", "--from", "2024-02-01"]
    ],
    "delreg delegation withdraw 1": [
        ["delegation", "pass", "4.1", "--to", "Verksamhetschef Ortopedi", "--from", "2024-02-01"]
    ],
    "delreg verify --report 2024-02-15 lista.docx": [
        ["report", "--meeting", "2024-02-15", "-o", "lista.docx", "--mark-reported"]
    ],
}


def leaf_commands() -> list[tuple[list[str], Any]]:
    root: Any = typer.main.get_command(whole_app())
    leaves = []
    for path in all_command_paths():
        command = root
        for name in path:
            command = command.get_command(None, name)
        if not hasattr(command, "list_commands"):
            leaves.append((path, command))
    return leaves


def examples_of(epilog: str | None) -> list[str]:
    """The examples of an epilog: paragraphs starting with `delreg`, their lines joined."""
    text = (epilog or "").strip()
    for label in ("Examples:", "Example:"):
        if text.startswith(label):
            text = text[len(label) :]
            break
    found = []
    for paragraph in text.split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip() not in ("", "\b")]
        example = " ".join(lines)
        if example.startswith("delreg "):
            found.append(example)
    return found


ALL_EXAMPLES = [
    (" ".join(path), example)
    for path, command in leaf_commands()
    for example in examples_of(command.epilog)
]


@pytest.mark.parametrize(("path", "command"), leaf_commands(), ids=lambda v: str(v))
def test_every_command_has_an_example_to_run(path: list[str], command: Any) -> None:
    examples = examples_of(command.epilog)
    assert examples, f"`delreg {' '.join(path)} --help` has no example starting with `delreg`"
    for example in examples:
        # The command itself is one of the example's commands (`delreg list | delreg import -`).
        stages = [stage.split()[1 : 1 + len(path)] for stage in example.split("|")]
        assert path in stages, (
            f"`delreg {' '.join(path)} --help` shows an example of another command: {example}"
        )


@pytest.fixture(scope="module")
def prepared_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prepared")
    database = folder / "register.db"
    for args in (
        ["meetings", "add", "2024-02-15", "--board", "Hälso- och sjukvårdsnämnden",
         "--paragraph", "16", "--adjusted-on", "2024-02-20", "--posted-on", "2024-02-21"],
        ["import", str(ROOT / "data" / "example-agenda.txt"), "--meeting", "2024-02-15"],
        ["import", str(ROOT / "data" / "example-diarium.csv")],
        ["delegation", "load", str(ROOT / "data" / "delegationsordning.toml")],
    ):  # fmt: skip
        result = CliRunner().invoke(
            whole_app(), ["--db", str(database), *args], catch_exceptions=False
        )
        assert result.exit_code == 0, (args, result.stderr)
    return database


def _copy_register(source: Path, target: Path) -> None:
    # SQLite's own backup, so a copy taken while the WAL still holds pages is whole.
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()


def _run(runner: CliRunner, words: list[str], stdin: str | None) -> Result:
    assert words[0] == "delreg", words
    return runner.invoke(whole_app(), words[1:], input=stdin, catch_exceptions=False)


def run_example(example: str) -> Result:
    """Run one example as a shell would: today's date, `>` into a file, `|` between commands."""
    line = example.replace("$(date +%F)", date.today().isoformat())
    words = shlex.split(line)
    for word in words:
        assert not word.startswith(("/", "~")), (
            f"`{example}` names an absolute path; examples write only to relative names"
        )
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    stages: list[list[str]] = [[]]
    for word in words:
        if word == "|":
            stages.append([])
        else:
            stages[-1].append(word)
    runner = CliRunner()
    stdin = None
    result: Result | None = None
    for stage in stages:
        result = _run(runner, stage, stdin)
        if stage is not stages[-1]:
            assert result.exit_code == 0, f"`{' '.join(stage)}` failed: {result.stderr}"
        stdin = result.stdout
    assert result is not None
    if target is not None:
        Path(target).write_text(result.stdout, encoding="utf-8")
    return result


@pytest.mark.parametrize(("path", "example"), ALL_EXAMPLES, ids=[e for _, e in ALL_EXAMPLES])
def test_the_example_runs(
    path: str,
    example: str,
    prepared_register: Path,
    isolated: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = tmp_path / "work"
    shutil.copytree(ROOT / "data", work / "data")
    monkeypatch.chdir(work)
    _copy_register(prepared_register, isolated)
    runner = CliRunner()
    for words in PREPARE.get(example, []):
        done = runner.invoke(whole_app(), words, catch_exceptions=False)
        assert done.exit_code == 0, (words, done.stderr)
    result = run_example(example)
    expected = EXPECTED_EXIT.get(example, 0)
    assert result.exit_code == expected, (
        f"`delreg {path} --help` shows `{example}`, which exited {result.exit_code} "
        f"(expected {expected}):\n{result.stderr}"
    )
    # Whatever the example wrote, it wrote into the working directory, not beside it.
    assert os.path.commonpath([Path.cwd(), work]) == str(work)
