"""``python -m delreg`` and the ``delreg`` command."""

from __future__ import annotations

import signal
import sys


def main() -> None:
    # Die quietly when the reader of a pipe goes away (`delreg list | head`), as Unix tools do.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    from delreg.cli import app

    app(prog_name="delreg")


if __name__ == "__main__":
    main()
    sys.exit(0)
