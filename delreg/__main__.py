"""``python -m delreg`` and the ``delreg`` command."""

from __future__ import annotations

import gc
import os
import signal
import sys


def main() -> None:
    # Die quietly when the reader of a pipe goes away (`delreg list | head`), as Unix tools do.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # Scripts ask for the version to decide what they may call; answering it needs none of the
    # command line's machinery, whose import (Typer and every command module) is most of
    # delreg's start-up time. Any other use of --version goes through Typer as usual.
    if sys.argv[1:] == ["--version"]:
        from delreg import __version__

        sys.stdout.write(f"delreg {__version__}\n")
        return
    try:
        # What start-up imports lives as long as the process, and holds no garbage: the cyclic
        # collector need not walk it, then or again during the command (gc.freeze).
        gc.disable()
        # `delreg import AGENDA.pdf`: its pages are read from now on, beside the loading of
        # the command line (delreg.cli.ahead).
        if "import" in sys.argv:
            from delreg.cli.ahead import start

            start(sys.argv[1:])
        # A period's JSON report, what scripts run most on the largest registers, is answered
        # without building the command line (importing Typer and building it: some 20 ms).
        from delreg.cli.report_json import answer

        if answer(sys.argv[1:]):
            # Python's last collection at exit would walk every object the report made, only
            # to find no garbage (a month of a million-decision register: some 20 ms).
            gc.freeze()
            _end_now()
            return
        from delreg.cli import app_for

        application = app_for(sys.argv[1:])
        gc.freeze()
        gc.enable()
        application(prog_name="delreg")
    except KeyboardInterrupt:
        # Ctrl-C while Python is still importing the commands, or during a report answered
        # without them: nothing has been touched. (Inside a command, the CLI itself reports
        # the interruption.)
        sys.stderr.write("delreg: interrupted\n")
        sys.exit(130)


def _end_now() -> None:
    """End the process once its answer is out: Python's own teardown would free every module
    and object one by one, for nothing (some 4 ms of each such run). The register is closed
    already, and what is written goes out now; should that fail, Python's exit says so."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(0)


if __name__ == "__main__":
    main()
    sys.exit(0)
