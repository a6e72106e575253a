"""The README's tour runs as written, in order, as a new user would type it.

Which blocks run: every fenced block marked ```sh is executed, block after block, line after
line, by a real shell (bash) with the installed `delreg` first on PATH, in a fresh working
directory that holds a copy of the repository's `data/` and with HOME pointing there (so
`export DELREG_DB=~/hsn.db` makes a register of its own). A command continued with `\\` is one
command; `#` comments, `$(date +%F)`, `export` and redirections are the shell's business.

What does not run: an example that must not be executed — a crontab line, a sample of output,
a configuration file — goes in a ```text, ```console, ```crontab or ```toml block. Only ```sh
means "type this".

Every command must exit 0, except those listed in EXPECTED_EXIT with the reason the README gives
for it. The first block (`make demo`, `make test`) is the front door, not the tour: it is not
run here (the test would rebuild its own virtualenv), but the demo's commands in the Makefile
must be commands of the tour, in the same order, so the demo shows what the README explains.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT
from tests.helpers import Invoke

README = ROOT / "README.md"
# The `delreg` of the environment running the tests: the virtualenv's, next to its python.
BIN = Path(sys.executable).parent

# Commands the README itself says end with 1: the example data holds errors on purpose (a
# contract inside the avtalsspärr, a contract without its award), and `check` exits 1 when it
# finds an error; the README explains which ones, and that one is left after acknowledging the
# other.
EXPECTED_EXIT = {
    "delreg check --as-of 2024-02-29": 1,
    "delreg check --format json --rule standstill --rule reported-twice": 1,
}

FENCE = re.compile(r"^```(\S*)\s*$")


def fenced_blocks(text: str) -> list[tuple[str, list[str]]]:
    """(language, lines) of every fenced block, in order."""
    blocks: list[tuple[str, list[str]]] = []
    language: str | None = None
    lines: list[str] = []
    for line in text.splitlines():
        fence = FENCE.match(line)
        if fence and language is None:
            language, lines = fence.group(1), []
        elif line.startswith("```") and language is not None:
            blocks.append((language, lines))
            language = None
        elif language is not None:
            lines.append(line)
    assert language is None, "README.md has a fenced block that is never closed"
    return blocks


def commands(lines: list[str]) -> list[str]:
    """The commands of a block: continuations joined, blank and comment-only lines dropped."""
    found: list[str] = []
    pending = ""
    for line in lines:
        if pending:
            line = pending + " " + line.strip()
            pending = ""
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1].rstrip()
            continue
        if line.strip() and not line.strip().startswith("#"):
            found.append(line.strip())
    assert not pending, f"a README command ends with a continuation: {pending}"
    return found


def without_comment(command: str) -> str:
    """The command without a trailing `# comment` (none of the tour's quotes holds a #)."""
    return re.sub(r"\s+#.*$", "", command).strip()


def normalised(command: str) -> str:
    return " ".join(without_comment(command).split())


def tour() -> list[str]:
    sh = [
        lines for (language, lines) in fenced_blocks(README.read_text("utf-8")) if language == "sh"
    ]
    assert sh, "README.md has no ```sh block"
    # The first block is the front door (make demo / make test), checked below, not run.
    return [command for lines in sh[1:] for command in commands(lines)]


def test_the_readme_marks_every_block() -> None:
    languages = {language for language, _ in fenced_blocks(README.read_text("utf-8"))}
    assert "" not in languages, "a README block without a language: say sh, text or console"
    assert languages <= {"sh", "text", "console", "crontab", "toml"}, languages


def test_the_tour_runs_as_written(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("no bash on this machine to run the README's commands with")
    home = tmp_path / "home"
    shutil.copytree(ROOT / "data", home / "data")
    environment = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
    }
    lines = tour()
    assert shutil.which("delreg", path=environment["PATH"]) == str(BIN / "delreg")
    # One shell for the whole tour, as a user's terminal is (an `export` holds for what
    # follows); after each command a marker on both streams says which command it was and how
    # it ended, so a failure is reported against the README line that caused it.
    script = ["set -u"]
    for number, command in enumerate(lines):
        script.append(command)
        script.append(f'rc=$?; echo "@@ {number} $rc"; echo "@@ {number} $rc" >&2')
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", "\n".join(script)],
        cwd=home,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    stderr_by_command = _split(done.stderr)
    exits = {
        int(number): int(code)
        for number, code in re.findall(r"^@@ (\d+) (\d+)$", done.stdout, re.M)
    }
    assert len(exits) == len(lines), f"the tour stopped early:\n{done.stderr[-2000:]}"
    for number, command in enumerate(lines):
        expected = EXPECTED_EXIT.get(normalised(command), 0)
        assert exits[number] == expected, (
            f"README: `{command}` exited {exits[number]}, not {expected}:\n"
            f"{stderr_by_command.get(number, '')}"
        )
        if normalised(command).startswith("delreg -q "):
            assert stderr_by_command.get(number) == "", f"`{command}` printed on stderr"
    # What the tour wrote, it wrote where the user is, never into the shipped data.
    assert (home / "hsn.db").exists()
    assert sorted(path.name for path in (home / "data").iterdir()) == sorted(
        path.name for path in (ROOT / "data").iterdir()
    )


def _split(stream: str) -> dict[int, str]:
    parts: dict[int, str] = {}
    current: list[str] = []
    for line in stream.splitlines():
        marker = re.match(r"^@@ (\d+) \d+$", line)
        if marker:
            parts[int(marker.group(1))] = "\n".join(current)
            current = []
        else:
            current.append(line)
    return parts


def makefile_demo() -> list[str]:
    """The commands `make demo` runs, written as a user types them."""
    text = (ROOT / "Makefile").read_text("utf-8").replace("\\\n", " ")
    recipe = text.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    found = []
    for line in recipe.splitlines()[1:]:
        if "$(DEMO)" in line:
            command = line.strip().replace("$(DEMO)", "delreg")
            found.append(" ".join(command.split("||")[0].split()))
    return found


def test_the_demo_is_the_tour_in_short() -> None:
    demo = makefile_demo()
    assert len(demo) >= 5, demo
    tour_commands = [normalised(command) for command in tour()]
    position = 0
    for command in demo:
        assert command in tour_commands[position:], (
            f"`make demo` runs `{command}`, which the README's tour does not (at this point)"
        )
        position = tour_commands.index(command, position) + 1


def test_the_front_door_is_make_demo_then_make_test() -> None:
    sh = [lines for language, lines in fenced_blocks(README.read_text("utf-8")) if language == "sh"]
    assert [without_comment(command) for command in commands(sh[0])] == ["make demo", "make test"]


def test_the_example_spreadsheet_holds_the_example_export(delreg: Invoke) -> None:
    # data/example-diarium.xlsx is made from the CSV by data/make_example_xlsx.py: importing
    # one after the other changes nothing, so the tour's two imports tell the same story.
    first = delreg("import", str(ROOT / "data" / "example-diarium.csv"), "--json")
    assert first.exit_code == 0 and json.loads(first.stdout)["inserted"] == 12
    second = delreg(
        "import", str(ROOT / "data" / "example-diarium.xlsx"), "--sheet", "Beslut", "--json"
    )
    assert second.exit_code == 0
    summary = json.loads(second.stdout)
    contract = ("inserted", "updated", "unchanged", "rejected", "notices")
    assert {key: summary[key] for key in contract} == {
        "inserted": 0,
        "updated": 0,
        "unchanged": 12,
        "rejected": [],
        "notices": 0,
    }
