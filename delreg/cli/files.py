"""Writing a file the user names with -o: whole or not at all, private, and never replacing
what is not a regular file.

Reports can hold secret subjects, so a new file is the owner's only (0600), whatever the
umask. A regular file is replaced atomically: the text goes to a temporary file beside it,
created under a name no one can guess and never through a symlink (O_EXCL), then renamed over
it. A FIFO, a device or a terminal (or a symlink to one, such as /dev/stdout) is written into,
as a shell's `>` would: replacing it would leave the reader waiting and a regular file in its
place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from delreg.errors import DelregError


def write_output(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path``: into it if it is a special file, else by replacement."""
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = None
    except OSError as error:
        raise _cannot_write(path, error) from None
    if kind is not None and not stat.S_ISREG(kind):
        if stat.S_ISDIR(kind):
            raise DelregError(f"cannot write {str(path)!r}: it is a folder", hint="name a file")
        _write_into(path, payload)
        return
    # Through a symlink the file it names is replaced; the link stays a link.
    target = Path(os.path.realpath(path))
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(payload)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot_write(path, error) from None


def _write_into(path: Path, payload: bytes) -> None:
    try:
        with open(path, "wb") as file:
            file.write(payload)
    except OSError as error:
        raise _cannot_write(path, error) from None


def _cannot_write(path: Path, error: OSError) -> DelregError:
    return DelregError(
        f"cannot write {str(path)!r}: {error.strerror or error}",
        hint="check that the folder exists and is writable",
    )
