"""`delreg import AGENDA.pdf` starts reading the agenda's pages as the command starts
(delreg.cli.ahead, delreg.parse.pdf.read_ahead): the reader takes that helper only for the same
file and bytes, the register is the same as without it, and no helper outlives the command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import typer

from delreg.cli import whole_app
from delreg.cli.ahead import IMPORT_OPTIONS_WITH_VALUES, pdf_to_import, start
from delreg.parse import forked, pdf
from tests.helpers.documents import fpdf_agenda, many_items
from tests.helpers.exports import snapshot

needs_two_cores = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="no second core, or not Linux: no helper",
)

# delreg's own start, a helper tried however busy the machine (or not, "0"), the history's
# clock fixed; it prints whether the reader took a helper started ahead, and that helper's id.
RUN = """
import json, sys
from delreg.parse import forked, pdf
from delreg.store import base
helper = sys.argv[1] == "1"
forked.core_to_spare = lambda: helper
base.now = lambda: "2024-06-01T12:00:00Z"
told = {"taken": False, "pid": None}
started, taken = forked.Helper.ahead, pdf._taken_ahead
def ahead(start):
    made = started(start)
    told["pid"] = made._pid
    return made
def taken_ahead(*args):
    helper = taken(*args)
    told["taken"] = helper is not None
    return helper
forked.Helper.ahead, pdf._taken_ahead = staticmethod(ahead), taken_ahead
sys.argv = ["delreg", *sys.argv[2:]]
import atexit
atexit.register(lambda: print(json.dumps(told), file=sys.stderr))
from delreg.__main__ import main
main()
"""


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ahead")
    path = folder / "kallelse.pdf"
    path.write_bytes(fpdf_agenda(many_items(600), layout="bullets", font_folder=folder))
    return path


def run(
    helper: bool, *arguments: str, cwd: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, "1" if helper else "0", *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        # The kinds table is filled from a set: its rows' order follows the string hashes.
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    told = json.loads(done.stderr.strip().splitlines()[-1])
    return done, told


@pytest.mark.parametrize(
    ("arguments", "found"),
    [
        (["import", "a.pdf"], "a.pdf"),
        (["--db", "r.db", "import", "--meeting", "2024-02-15", "a.pdf", "--json"], "a.pdf"),
        (["--config=c.toml", "import", "--dry-run", "--skip-invalid", "a.pdf"], "a.pdf"),
        (["import", "--format", "pdf", "a.pdf"], "a.pdf"),
        (["import", "--format=pdf", "a.pdf"], "a.pdf"),
        (["import", "--board", "HSN", "--", "-a.pdf"], "-a.pdf"),
        (["import", "--encoding", "cp1252", "a.pdf"], "a.pdf"),
        (["import", "--format", "txt", "a.pdf"], None),
        (["import", "--format=csv", "a.pdf"], None),
        (["import", "a.pdf", "b.pdf"], None),
        (["import", "-"], None),
        (["import"], None),
        (["import", "--board"], None),
        (["import", "--help", "a.pdf"], None),
        (["import", "--meeting=2024-02-15", "a.pdf"], None),
        (["--help", "import", "a.pdf"], None),
        (["--db", "import", "list", "a.pdf"], None),
        (["list", "import", "a.pdf"], None),
    ],
)
def test_only_a_command_line_that_surely_imports_one_pdf_starts_a_helper(
    arguments: list[str], found: str | None
) -> None:
    assert pdf_to_import(arguments) == found


def test_every_import_option_that_takes_a_value_is_known_ahead() -> None:
    """An option left out would have its value taken for the file to import."""
    root: Any = typer.main.get_command(whole_app())
    valued = {
        name
        for parameter in root.get_command(None, "import").params
        if parameter.param_type_name == "option" and not getattr(parameter, "is_flag", False)
        for name in parameter.opts
    }
    assert valued == IMPORT_OPTIONS_WITH_VALUES


@needs_two_cores
def test_the_register_is_the_same_with_the_helper_started_ahead(
    long_pdf: Path, tmp_path: Path
) -> None:
    registers = {}
    for helper in (True, False):
        folder = tmp_path / str(helper)
        folder.mkdir()
        # The same command line (the history keeps it) in each folder.
        done, told = run(helper, "--db", "r.db", "import", str(long_pdf), "--json", cwd=folder)
        assert done.returncode == 0, done.stderr
        assert told["taken"] is helper and (told["pid"] is not None) is helper
        assert json.loads(done.stdout)["inserted"] == 600
        registers[helper] = snapshot(folder / "r.db")
    assert registers[True] == registers[False]


def gone(pid: int) -> bool:
    """Whether the process is no more (nor a zombie: its parent reaped it, or ended)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.01)
    return False


@needs_two_cores
def test_a_command_that_fails_before_reading_leaves_no_helper(
    long_pdf: Path, tmp_path: Path
) -> None:
    done, told = run(
        True, "--db", str(tmp_path / "r.db"), "import", "--meeting", "no date", str(long_pdf)
    )
    assert done.returncode == 2
    assert "delreg: error:" in done.stderr
    assert isinstance(told["pid"], int) and not told["taken"]
    assert gone(told["pid"])
    assert not (tmp_path / "r.db").exists()


@needs_two_cores
@pytest.mark.parametrize("change", ["the same file rewritten", "another file", "too short"])
def test_a_helper_started_for_other_bytes_is_not_taken(
    long_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    monkeypatch.setattr(forked, "core_to_spare", lambda: True)
    path = tmp_path / "a.pdf"
    other = fpdf_agenda(many_items(650), layout="bullets", font_folder=tmp_path)
    if change == "too short":
        path.write_bytes(fpdf_agenda(many_items(40), layout="bullets", font_folder=tmp_path))
    else:
        path.write_bytes(long_pdf.read_bytes())
    pdf.read_ahead(str(path))
    assert pdf._ahead is not None
    started = pdf._ahead[0]._pid
    if change == "the same file rewritten":
        with open(path, "r+b") as stream:  # the same file (its inode), other bytes
            stream.write(other)
            stream.truncate()
    elif change == "another file":
        path = tmp_path / "b.pdf"
        path.write_bytes(long_pdf.read_bytes())
    with open(path, "rb") as stream:
        lines = pdf.pdf_lines(stream, source="a.pdf")
    assert pdf._ahead is None
    assert started is not None and gone(started)
    with monkeypatch.context() as patch:
        patch.setattr(pdf, "PAGES_FOR_A_HELPER", 10**9)
        assert lines == pdf.pdf_lines(io.BytesIO(path.read_bytes()), source="a.pdf")


def test_a_fifo_or_a_file_that_is_no_pdf_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked, "core_to_spare", lambda: True)
    fifo = tmp_path / "kallelse.pdf"
    os.mkfifo(fifo)  # opened, it would wait for a writer that never comes
    text = tmp_path / "kallelse.txt"
    text.write_text("Anmälningsärenden\n• Beslut om avtal, 24RS1\n", encoding="utf-8")
    for path in (fifo, text, tmp_path / "missing.pdf"):
        thread = threading.Thread(target=start, args=(["import", str(path)],), daemon=True)
        thread.start()
        thread.join(10)
        assert not thread.is_alive(), path
        assert pdf._ahead is None, path
