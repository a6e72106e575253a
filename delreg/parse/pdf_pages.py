"""A long PDF's pages read by two processes: the text of a page is most of a PDF's reading.

PDFium is not thread-safe, so a second reader is a forked process (it shares the parsed
document without reading the file again). It reads from the last page backwards, and only
what a page needs no geometry for (no rules, no table header: the bare text); the reader reads
from the first page forwards, as before, and both stop where they meet. A page the helper could
not read as bare text (a table, an error) is read again by the reader in its turn, so every
page's text is what the reader alone makes of it and a page's fault is reported as before.

The helper is only worth its cost on a long document, on a machine with a second core, and
only where forking is sound: on Linux, from a process running no other thread (a thread
holding a lock at the fork would hold it for ever in the child). The child touches nothing but
PDFium and its pipe, and leaves by ``os._exit``: no buffered output written twice, no
``atexit``, no register or file of the parent's closed or flushed. Whatever becomes of the
helper (killed, out of memory, a fault), the reader reads the pages it did not get.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import struct
import sys
import threading
from collections.abc import Callable
from typing import Any

# Below this many pages, forking costs more than the pages it spares.
PAGES_FOR_A_HELPER = 24
_FRAME = struct.Struct("<I")


def helper_is_sound(pages: int) -> bool:
    """Whether a second process may read some of ``pages`` pages."""
    return (
        pages >= PAGES_FOR_A_HELPER
        and sys.platform.startswith("linux")
        and threading.active_count() == 1
        and len(os.sched_getaffinity(0)) > 1
    )


class Helper:
    """A forked process reading bare page texts from the last page backwards.

    ``bare(index)`` is the page's text where it needs no geometry, else None; the child calls it.
    """

    def __init__(self, pages: int, bare: Callable[[int], str | None]) -> None:
        self.pages = pages
        # The helper's pages so far: the text of each, None where the reader must read it.
        self.read: dict[int, str | None] = {}
        # The first page of the helper's run read so far: it reads every page from here on.
        self.lowest = pages
        self._buffer = bytearray()
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reading)
            _serve(writing, pages, bare)
        os.close(writing)
        os.set_blocking(reading, False)
        self._pid: int | None = pid
        self._pipe: int | None = reading

    def reaches(self, index: int) -> bool:
        """Whether the helper has read page ``index`` and every one after it."""
        self._drain()
        return index >= self.lowest

    def ended(self) -> bool:
        """Whether the helper has ended, its last page sent or not."""
        self._drain()
        return self._pipe is None

    def stop(self) -> None:
        """End the helper wherever it is (its pages read so far stay in ``read``)."""
        if self._pid is not None:
            self._drain()
            # Where the program ignores SIGCHLD, the system reaps the helper itself.
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            self._pid = None
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None

    def _drain(self) -> None:
        """Take in what the helper has sent so far, without waiting for more."""
        if self._pipe is None:
            return
        while True:
            try:
                chunk = os.read(self._pipe, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:  # the helper has ended: done, or gone
                os.close(self._pipe)
                self._pipe = None
                break
            self._buffer += chunk
        taken = 0
        while len(self._buffer) - taken >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self._buffer, taken)
            end = taken + _FRAME.size + size
            if len(self._buffer) < end:
                break
            index, text = marshal.loads(self._buffer[taken + _FRAME.size : end])
            self.read[index] = text
            self.lowest = index
            taken = end
        del self._buffer[:taken]


def _serve(pipe: int, pages: int, bare: Callable[[int], str | None]) -> None:
    """The helper's whole life: each page from the last, framed, then ``os._exit``."""
    status = 0
    try:
        # The reader's end of a broken pipe is the reader gone: end quietly, not with a trace.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        for index in range(pages - 1, -1, -1):
            text: Any
            try:
                text = bare(index)
            except Exception:  # the reader reads the page again and says what is wrong
                text = None
            frame = marshal.dumps((index, text))
            _write_all(pipe, _FRAME.pack(len(frame)) + frame)
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _write_all(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view) :]
