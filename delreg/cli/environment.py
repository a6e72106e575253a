"""What a command needs from the world: streams, terminal, configuration and the register.

Commands get everything through this object, so tests drive them with CliRunner and a
temporary DELREG_DB without patching anything.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.store import Store
    from delreg.store.files import OpenMode

_T = TypeVar("_T")


def default_database_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "delreg" / "delreg.db"


@dataclass
class Environment:
    database: Path | None = None
    config_path: Path | None = None
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    command: str = field(default_factory=lambda: shlex.join(["delreg", *sys.argv[1:]]))
    # -q/--quiet: a run that succeeds says nothing on stderr (cron mails whatever is printed).
    quiet: bool = False
    # Set once the command's change is committed: a Ctrl-C after that moment has nothing left
    # to roll back, and must not be told as if it had (delreg.cli.app).
    written: bool = field(default=False, init=False)

    @property
    def database_path(self) -> Path:
        """--db, else DELREG_DB, else the user's data directory."""
        if self.database is not None:
            return self.database
        chosen = os.environ.get("DELREG_DB")
        if chosen:
            return Path(chosen)
        return default_database_path()

    @property
    def database_chosen(self) -> bool:
        return self.database is not None or bool(os.environ.get("DELREG_DB"))

    @property
    def stdout_is_terminal(self) -> bool:
        return self.stdout.isatty()

    @property
    def stdin_is_terminal(self) -> bool:
        return sys.stdin.isatty()

    @property
    def colour(self) -> bool:
        # https://no-color.org: any non-empty NO_COLOR turns colour off.
        return self.stdout_is_terminal and not os.environ.get("NO_COLOR")

    @cached_property
    def config(self) -> Config:
        from delreg.config import load_config

        return load_config(self.config_path)

    def open_store(self, mode: OpenMode, *, at: Path | None = None) -> Store:
        """The register, opened as the command needs it: ``OpenMode.CREATE`` only for commands
        that add to it, so a command that reads never leaves an empty register behind.

        ``at`` opens another file than the user's register, with the same settings."""
        from delreg.store import Store
        from delreg.store.files import OpenMode

        path = at or self.database_path
        if mode is OpenMode.CREATE and at is None:
            self._make_default_folder()
        return Store.open(path, mode=mode, command=self.command, kind_labels=self._labels())

    def write_store(
        self, write: Callable[[Store], _T], *, keep: Callable[[_T], bool] = lambda _: True
    ) -> _T:
        """``write(store)`` on the register opened as ``open_store(OpenMode.CREATE)`` opens
        it, where a new register is made whole before it is put in place, if ``keep`` says so
        (``Store.writing``: ``write`` may be called twice)."""
        from delreg.store import Store

        self._make_default_folder()
        return Store.writing(
            self.database_path, write, command=self.command, kind_labels=self._labels(), keep=keep
        )

    def _make_default_folder(self) -> None:
        if not self.database_chosen:
            # The default folder is made on first use; a chosen one must exist already.
            self.database_path.parent.mkdir(parents=True, exist_ok=True)

    def _labels(self) -> dict[str, str]:
        return {slug: spec.label for slug, spec in self.config.kinds.items()}

    def check_can_create(self) -> None:
        """Fail now, with the error ``open_store(OpenMode.CREATE)`` would give later, when the
        register is not there and its chosen folder is missing (the default one is made)."""
        from delreg.store.connection import check_can_create

        if self.database_chosen and not self.database_path.exists():
            check_can_create(self.database_path)

    @contextmanager
    def trial_store(self) -> Iterator[Store]:
        """The register to try a change against that is not kept (a dry run): the register
        itself, or where there is none yet an empty one in a temporary folder, so that trying
        leaves no register, nor its folder, behind."""
        from delreg.store.files import OpenMode, schema_of

        if schema_of(self.database_path) is not None:
            with self.open_store(OpenMode.EXISTING) as store:
                yield store
            return
        import tempfile

        with (
            tempfile.TemporaryDirectory(prefix="delreg-trial-") as folder,
            self.open_store(OpenMode.CREATE, at=Path(folder) / "register.db") as store,
        ):
            yield store

    def out(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def say(self, text: str) -> None:
        """A message for the person, not data: to stderr, so pipes carry only data.

        What went well ("added 24RS1102", "wrote report.docx"); --quiet drops it."""
        if not self.quiet:
            self.warn(text)

    def warn(self, text: str) -> None:
        """A message the person must see even with --quiet: something was rejected or is wrong."""
        self.stderr.write(text + "\n")
        self.stderr.flush()
