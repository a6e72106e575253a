"""The import's progress: bytes read reach a bar on a terminal, and nothing reaches a pipe."""

from __future__ import annotations

import io
from pathlib import Path

from delreg.cli.environment import Environment
from delreg.cli.importing import PROGRESS_FROM_BYTES, _progress_bar
from delreg.config import load_config
from delreg.importer import read_inputs
from tests.helpers import Invoke


def big_export(path: Path, rows: int) -> Path:
    lines = ["diary_number,kind,subject,decided_on"]
    lines += [f"24RS{n},beslut,beslut om läsbehörighet nummer {n},2024-01-15" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_positions_grow_to_the_size_of_every_file(tmp_path: Path) -> None:
    first = big_export(tmp_path / "a.csv", 5_000)
    second = big_export(tmp_path / "b.csv", 3_000)
    heard: list[int] = []
    records = list(
        read_inputs(
            [str(first), str(second)], fmt="auto", config=load_config(), on_progress=heard.append
        )
    )
    assert len(records) == 8_000
    assert heard == sorted(heard) and len(heard) >= 4
    assert heard[-1] == first.stat().st_size + second.stat().st_size


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_for_a_large_input(tmp_path: Path) -> None:
    export = big_export(tmp_path / "big.csv", 40_000)
    assert export.stat().st_size >= PROGRESS_FROM_BYTES
    terminal = Terminal()
    with _progress_bar(Environment(stderr=terminal), [str(export)]) as on_progress:
        assert on_progress is not None
        on_progress(export.stat().st_size // 2)
    assert "reading" in terminal.getvalue()

    with _progress_bar(Environment(stderr=Terminal()), ["-"]) as nothing:
        assert nothing is None  # stdin has no size to show progress against


def test_no_bar_in_a_pipe(delreg: Invoke, tmp_path: Path) -> None:
    export = big_export(tmp_path / "big.csv", 40_000)
    result = delreg("import", str(export))
    assert result.exit_code == 0, result.stderr
    # Only the account of what was read and the summary: no bar, no control characters.
    assert result.stderr.strip().splitlines() == [
        f"read 40000 items from {export}: 40000 decisions, 0 rejected, 0 notices",
        "inserted 40000, updated 0, unchanged 0, rejected 0, notices 0",
    ]
