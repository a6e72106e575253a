"""Work on a long document shared with a second process: a PDF's pages, an agenda's items.

PDFium is not thread-safe, and Python's threads share one interpreter lock, so the second
worker is a forked process (it shares what is loaded and parsed without reading it again).
The helper works from the last index backwards while the caller works from the first forwards,
and both stop where they meet, so the split follows the machine's load. What the helper gives
is exactly what the caller would have made of it, or None where the caller must do it itself in
its turn (a page that needs more than its text, anything that raised), so every result, state
and error comes out as if the caller had done all the work alone.

Forking is only worth its cost on a long document, on a machine with a core to spare, and only
where it is sound: on Linux, from a process running no other thread (a thread holding a lock
at the fork would hold it for ever in the child). The child touches nothing but the work and
its pipe, and leaves by ``os._exit``: no buffered output written twice, no ``atexit``, no
register or file of the parent's closed or flushed. Whatever becomes of the helper (killed, out
of memory, a fault), the caller does the work it did not get.

The same rules (``fork_is_sound``, ``start_child``) serve an import's reading of its input in a
second process while the writing goes on (delreg.spool.ReadAhead).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import marshal
import os
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar

Done = TypeVar("Done")
Given = TypeVar("Given")

_FRAME = struct.Struct("<I")
# About a page of text, or a dozen items of a list.
_SEND_AT = 4096
# What a helper started ahead may send before it is read: a megabyte, some 300 pages of text.
_AHEAD_ROOM = 1 << 20
# How often the caller looks for what the helper sent: every few items of a list (35 µs each)
# at most, not before each (a system call and a BlockingIOError, some 1 900 times in the items
# of a 200-page agenda), and little is done twice where the two meet.
_LOOK_EVERY = 0.0002


def helper_is_sound(count: int, least: int) -> bool:
    """Whether a second process may share ``count`` pieces of work (at least ``least``)."""
    return count >= least and fork_is_sound() and core_to_spare()


def fork_is_sound() -> bool:
    """Whether a forked process may work beside this one: on Linux, forked from a process
    running no other thread, with a second core to run on."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and len(os.sched_getaffinity(0)) > 1
    )


def core_to_spare() -> bool:
    """Whether the machine has a core to spare: fewer processes running (over the last minute)
    than it has cores, by half a core at least. Where every core is busy the helper would only
    wait for one, and its work would be done twice."""
    cores = min(len(os.sched_getaffinity(0)), os.cpu_count() or 1)
    return os.getloadavg()[0] < cores - 0.5


def shared(
    count: int,
    own: Callable[[int], Done],
    helped: Callable[[int], Given | None],
    took: Callable[[Given], Done | None],
    *,
    least: int,
    meanwhile: Callable[[], object] | None = None,
    started: Helper[Given] | None = None,
) -> Generator[Done, None, None]:
    """``own(index)`` for every index in order, the last ones done by a helper where sound,
    each given as it is done: what the caller does with one (its share of the work that must go
    in order) is done while the helper goes on.

    The helper gives ``helped(index)``, None where the caller must call ``own(index)`` itself;
    the caller takes what it gives with ``took``, in order, in place of ``own`` (or, where
    ``took`` gives None, as what came before makes it unfit, calls ``own``). What the
    helper gives must be marshal's to carry (str, numbers, tuples, None: fast to send and
    take in); a value it cannot carry is left to the caller too. ``meanwhile`` is called
    once, while the helper starts. ``started``: a helper doing ``helped`` already (see
    ``Helper.ahead``), taken in place of a new one. The helper is ended once the last result
    is given, or when the generator is closed.
    """
    helper: Helper[Given] | None = started
    try:
        if helper is None and helper_is_sound(count, least):
            # No process or pipe to be had (a limit reached): the work is all the caller's.
            with contextlib.suppress(OSError):
                helper = Helper(count, helped)
        if meanwhile is not None:
            meanwhile()
        mine = 0
        while mine < count and (helper is None or not helper.reaches(mine)):
            yield own(mine)
            mine += 1
        if helper is not None:
            helper.stop()
            for index in range(mine, count):
                given = helper.read[index]
                taken = None if given is None else took(given)
                yield own(index) if taken is None else taken
    finally:
        if helper is not None:
            helper.stop()


class Helper(Generic[Given]):
    """A forked process doing ``work(index)`` from the last index backwards."""

    def __init__(
        self,
        count: int,
        work: Callable[[int], Given | None],
        *,
        child: tuple[int, int, bytes] | None = None,
    ) -> None:
        """``child``: the process already doing the work (see ``ahead``), its pipe, and what
        was read from it beyond its first frame."""
        # The helper's results so far, None where the caller must do the work.
        self.read: dict[int, Given | None] = {}
        # The first index of the helper's run done so far: it has done every one from here on.
        self.lowest = count
        self._buffer = bytearray()
        self._next_look = 0.0
        if child is None:
            pid, reading = start_child(lambda pipe: _serve(pipe, count, work))
        else:
            pid, reading, sent = child
            self._buffer += sent
        os.set_blocking(reading, False)
        self._pid: int | None = pid
        self._pipe: int | None = reading

    @staticmethod
    def ahead(start: Callable[[], tuple[int, Callable[[int], Any], str]]) -> Ahead:
        """A helper started before its caller knows the work (a PDF's pages from the moment
        the command starts, delreg.parse.pdf): the forked process calls ``start()``, which
        gives the count, the work and what the caller will be told of them (a digest of the
        document, say), sends that first, then works as any helper does. Raises OSError where
        no process or pipe is to be had."""

        def serve(pipe: int) -> None:
            count, work, told = start()
            frame = marshal.dumps((count, told))
            write_all(pipe, _FRAME.pack(len(frame)) + frame)
            _serve(pipe, count, work)

        pid, reading = start_child(serve, room=_AHEAD_ROOM)
        return Ahead(pid, reading)

    def reaches(self, index: int) -> bool:
        """Whether the helper has done ``index`` and every one after it, as far as its results
        were last taken in. They are looked for at most every _LOOK_EVERY seconds: a look is a
        system call, dearer than the caller's shortest pieces of work (an item of a list), so
        near the end the caller may do a piece or two the helper has done too."""
        if index < self.lowest:
            now = time.monotonic()
            if now >= self._next_look:
                self._next_look = now + _LOOK_EVERY
                self._drain()
        return index >= self.lowest

    def ended(self) -> bool:
        """Whether the helper has ended, its last result sent or not."""
        self._drain()
        return self._pipe is None

    def stop(self) -> None:
        """End the helper wherever it is (its results so far stay in ``read``)."""
        if self._pid is not None:
            self._drain()
        # The caller goes on at once: the helper's end is the kernel's work, on its core.
        end_child(self._pid, self._pipe, wait=False)
        self._pid = self._pipe = None

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
            index, given = marshal.loads(self._buffer[taken + _FRAME.size : end])
            self.read[index] = given
            self.lowest = index
            taken = end
        del self._buffer[:taken]


class Ahead:
    """A helper started before its work was known (``Helper.ahead``): told what it works on
    (``told``), the caller takes it as its helper (``taken``) or drops it."""

    def __init__(self, pid: int, reading: int) -> None:
        self._pid: int | None = pid
        self._pipe: int | None = reading
        # What came after the first frame (results already), once ``told`` has read it.
        self._rest = b""

    def told(self, wait: float) -> tuple[int, str] | None:
        """The count and what the helper said of its work, waiting up to ``wait`` seconds for
        it; None where it said nothing by then (it is then dropped)."""
        if self._pipe is None:
            return None
        received = bytearray()
        deadline = time.monotonic() + wait
        try:
            while True:
                if len(received) >= _FRAME.size:
                    (size,) = _FRAME.unpack_from(received)
                    if len(received) >= _FRAME.size + size:
                        break
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([self._pipe], [], [], left)[0]:
                    self.drop()
                    return None
                chunk = os.read(self._pipe, 1 << 16)
                if not chunk:  # it ended without a word: a short document, or it failed
                    self.drop()
                    return None
                received += chunk
            count, told = marshal.loads(received[_FRAME.size : _FRAME.size + size])
        except (OSError, ValueError, EOFError, TypeError):
            self.drop()
            return None
        self._rest = bytes(received[_FRAME.size + size :])
        return int(count), str(told)

    def taken(self, count: int, work: Callable[[int], Given | None]) -> Helper[Given]:
        """The helper, as one of ``count`` pieces of ``work`` (what it was told it does)."""
        assert self._pid is not None and self._pipe is not None
        helper = Helper(count, work, child=(self._pid, self._pipe, self._rest))
        self._pid = self._pipe = None
        return helper

    def drop(self) -> None:
        """End the helper wherever it is."""
        end_child(self._pid, self._pipe)
        self._pid = self._pipe = None


def start_child(work: Callable[[int], object], *, room: int = 0) -> tuple[int, int]:
    """A forked process whose whole life is ``work(pipe)``, ``pipe`` the writing end of a new
    pipe, then ``os._exit``: 0 when ``work`` returned, 1 when it raised anything at all.
    Returns the child's id and the reading end of the pipe (raises OSError, nothing made, where
    no process or pipe is to be had). ``room``: bytes the pipe should hold unread (Linux lets
    a pipe grow to a megabyte), for a child that may run long before it is read."""
    reap_ended()
    reading, writing = os.pipe()
    if room and hasattr(fcntl, "F_SETPIPE_SZ"):
        with contextlib.suppress(OSError):
            fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, room)
    # Ctrl-C is held back across the fork: in the child it would otherwise be raised in
    # Python's own after-fork callbacks, before the child could make it end it quietly, and be
    # printed there. Held back, it reaches each process once its handler is the right one.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(reading)
        os.close(writing)
        raise
    if pid == 0:
        status = 0
        try:
            os.close(reading)
            # The caller's end of a broken pipe is the caller gone, and Ctrl-C (sent to both) is
            # the caller's to answer: either ends the child at once, quietly.
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            work(writing)
        except BaseException:
            status = 1
        finally:
            # posix's own (forking is Linux's here): whoever replaced os._exit (a test counting
            # modules at exit does), the child must never return into the caller's code.
            import posix

            posix._exit(status)
    os.close(writing)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return pid, reading


def end_child(pid: int | None, pipe: int | None, *, wait: bool = True) -> None:
    """End a child of ``start_child`` wherever it is, reap it, and close its pipe (None: the
    one or the other done already). ``wait=False``: reaped later (``reap_ended``), where it is
    not gone at once: a killed child's memory is given back by the kernel in a few ms (up to
    10 on a busy machine), which the caller need not wait for."""
    if pid is not None:
        # Where the program ignores SIGCHLD, the system reaps the child itself.
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            if wait:
                os.waitpid(pid, 0)
            elif os.waitpid(pid, os.WNOHANG)[0] == 0:
                if not _ended:
                    atexit.register(reap_ended)
                _ended.append(pid)
    if pipe is not None:
        os.close(pipe)


# Children killed and not reaped yet (``end_child(wait=False)``): dead, and reaped before the
# next child is started, or at exit.
_ended: list[int] = []


def reap_ended() -> None:
    while _ended:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_ended.pop(), 0)


def _serve(pipe: int, count: int, work: Callable[[int], Any]) -> None:
    """The helper's work: each result from the last index, framed."""
    waiting = bytearray()
    for index in range(count - 1, -1, -1):
        try:
            frame = marshal.dumps((index, work(index)))
        except Exception:  # the caller does it again and says what is wrong
            frame = marshal.dumps((index, None))
        waiting += _FRAME.pack(len(frame))
        waiting += frame
        # Sent a few at a time: a write per item of a list would cost more than its reading.
        if len(waiting) >= _SEND_AT or index == 0:
            write_all(pipe, waiting)
            waiting.clear()


def write_all(pipe: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view) :]
