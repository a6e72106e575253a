"""`report … --format json` for a period, answered before the command line is built
(delreg.cli.report_json): the very bytes the command line writes, or nothing at all."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from delreg.cli.report_json import _write_pieces, answer
from delreg.parse import forked
from delreg.report import period_json
from tests.helpers import Invoke
from tests.helpers.processes import modules_loaded_by, run_delreg
from tests.helpers.reports import MEETING, build_imported_example


def answered(arguments: list[str]) -> bytes | None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    if not answer(arguments, stdout=stream):
        stream.flush()
        assert isinstance(stream.buffer, io.BytesIO)
        assert stream.buffer.getvalue() == b"", "wrote, then left it to the command line"
        return None
    stream.flush()
    assert isinstance(stream.buffer, io.BytesIO)
    return stream.buffer.getvalue()


@pytest.fixture
def example(delreg: Invoke, database: Path) -> Path:
    build_imported_example(delreg)
    return database


def test_what_it_answers_is_what_the_command_line_writes(
    delreg: Invoke, example: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[register]\nboard = "Hälso- och sjukvårdsnämnden"\n', encoding="utf-8")
    for arguments in (
        ["report", "--month", "2024-01", "--format", "json"],
        ["report", "--format=json", "--month=2024-02", "--public"],
        ["--db", str(example), "-q", "report", "-f", "json", "--since", "2024-01-01"],
        ["--db=" + str(example), "report", "--until", "2024-02-29", "--format", "json"],
        ["--config", str(config), "report", "--since", "2024-01-01", "--until", "2024-02-29",
         "--format", "json", "--public", "--board", "all"],
        ["--quiet", "report", "--month", "2030-01", "--format", "json"],
    ):  # fmt: skip
        expected = delreg(*arguments)
        assert expected.exit_code == 0, (arguments, expected.stderr)
        assert expected.stdout_bytes.startswith(b'{\n  "since": ')
        assert answered(arguments) == expected.stdout_bytes, arguments


def test_anything_else_is_left_to_the_command_line(
    delreg: Invoke, example: Path, tmp_path: Path
) -> None:
    month = ["--month", "2024-01"]
    for arguments in (
        ["report", *month],
        ["report", *month, "--format", "csv"],
        ["--help"],
        ["--version"],
        ["report", "--help"],
        ["report", *month, "--format", "json", "-h"],
        ["report", *month, "--format", "json", "-o", str(tmp_path / "report.json")],
        ["report", *month, "--format", "json", "--group-by", "delegate"],
        ["report", *month, "--format", "json", "--meeting", MEETING],
        ["report", *month, "--format", "json", "--mark-reported"],
        ["report", *month, *month, "--format", "json"],
        ["report", *month, "--since", "2024-01-01", "--format", "json"],
        ["report", "--format", "json"],
        ["report", "--month", "--public", "--format", "json"],
        ["report", "--month", "", "--format", "json"],
        ["report", *month, "-f=json"],
        ["report", *month, "--format", "json", "--public=yes"],
        ["report", *month, "--format", "json", "extra"],
        ["report", *month, "--format", "json", "-q"],
        [*month, "report", "--format", "json"],
        ["list", "--format", "json"],
        ["--db", str(tmp_path), "report", *month, "--format", "json"],
        # Errors, which the command line words: no such month, board or register.
        ["report", "--month", "2024-13", "--format", "json"],
        ["report", *month, "--format", "json", "--board", "RUN"],
        ["--db", str(tmp_path / "none.db"), "report", *month, "--format", "json"],
    ):
        assert answered(arguments) is None, arguments
    refused = delreg("report", "--month", "2024-13", "--format", "json")
    assert refused.exit_code == 2 and refused.stderr.startswith("delreg: error: ")


def test_shell_completion_is_left_to_the_command_line(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arguments = ["report", "--month", "2024-01", "--format", "json"]
    assert answered(arguments) is not None
    monkeypatch.setenv("_DELREG_COMPLETE", "bash_complete")
    assert answered(arguments) is None


def test_delreg_answers_it_without_typer(delreg: Invoke, example: Path) -> None:
    arguments = ("report", "--month", "2024-01", "--format", "json")
    done = run_delreg(*arguments)
    assert done.returncode == 0, done.stderr
    assert done.stdout == delreg(*arguments).stdout and done.stderr == ""
    loaded = modules_loaded_by(*arguments)
    assert not loaded & {"typer", "click", "rich", "sqlite_utils", "pydantic"}
    # An error is the command line's to word, as always.
    refused = run_delreg("report", "--month", "2024-13", "--format", "json")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith("delreg: error: ") and "\nhint: " in refused.stderr


def _through_a_pipe(pieces: list[bytes]) -> bytes:
    """What a reader at the other end of a pipe gets of ``pieces`` written to it."""
    reading, writing = os.pipe()
    received: list[bytes] = []

    def read() -> None:
        with open(reading, "rb") as source:
            received.append(source.read())

    reader = threading.Thread(target=read)
    reader.start()
    with open(writing, "wb") as sink:
        _write_pieces(sink, pieces)
    reader.join()
    return received[0]


# More pieces than one writev call takes, more bytes than a pipe holds, pieces of every length.
_PIECES = [f"{index}:{'å' * (index % 300)}".encode() for index in range(5000)] + [b"", b"}"]


def test_pieces_reach_a_pipe_whole_and_in_order() -> None:
    assert _through_a_pipe(_PIECES) == b"".join(_PIECES)


def test_pieces_cut_short_by_the_system_are_written_to_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # writev may write less than it is given (a signal, a terminal): as if it always did.
    writev = os.writev

    def short(descriptor: int, pieces: list[bytes]) -> int:
        return writev(descriptor, [b"".join(pieces)[: max(0, sum(map(len, pieces)) // 3 - 1)]])

    monkeypatch.setattr(os, "writev", short)
    assert _through_a_pipe(_PIECES) == b"".join(_PIECES)


def test_pieces_reach_a_stream_of_pythons_own() -> None:
    stream = io.BytesIO()
    _write_pieces(stream, _PIECES)
    assert stream.getvalue() == b"".join(_PIECES)


@pytest.mark.skipif(not forked.fork_is_sound(), reason="no helper can be forked here")
def test_a_large_registers_report_made_by_two_processes_is_the_same(
    delreg: Invoke, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the register is large and a core is free, a forked helper makes the later half of
    the period (delreg.report.period_json.shared_period_json): the same bytes."""
    periods = (
        ["report", "--since", "2024-01-01", "--until", "2024-02-29", "--format", "json"],
        ["report", "--month", "2024-01", "--format", "json", "--public"],
        ["report", "--since", "2024-02-15", "--until", "2024-02-16", "--format", "json"],
    )
    expected = [answered(arguments) for arguments in periods]
    started: list[bool] = []
    start = period_json._Helper.start

    def counted(make: Callable[[], Any]) -> period_json._Helper | None:
        helper = start(make)
        started.append(helper is not None)
        return helper

    monkeypatch.setattr(period_json, "SHARE_FROM_BYTES", 0)
    monkeypatch.setattr(forked, "core_to_spare", lambda: True)
    monkeypatch.setattr(period_json._Helper, "start", counted)
    for arguments, bytes_before in zip(periods, expected, strict=True):
        assert bytes_before is not None
        assert answered(arguments) == bytes_before, arguments
        shown = delreg(*arguments)
        assert shown.exit_code == 0 and shown.stdout_bytes == bytes_before, arguments
    assert started == [True] * 6
