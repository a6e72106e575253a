"""`delreg import`: decisions and notices from agendas, PDFs and registry exports."""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from delreg.cli.app import app, environment, exit_code
from delreg.cli.options import Encoding, text_encoding
from delreg.errors import ExitCode, Interrupted
from delreg.parse.readers import READERS

if TYPE_CHECKING:
    from delreg.boards import Boards
    from delreg.cli.environment import Environment
    from delreg.importer import ImportSummary
    from delreg.parse import Record
    from delreg.parse.accounting import Account
    from delreg.store import Change, Store


class CommitGuard:
    """Holds back Ctrl-C from the moment an import decides to commit until it has said so.

    Before that moment, Ctrl-C stops the import and rolls it back, and the user is told nothing
    was imported. After it, the commit is moments away and must not be cut off: were it, the
    user could not know whether "nothing was imported" is true. A Ctrl-C in that window is
    remembered and answered once the import is written and reported.
    """

    def __init__(self) -> None:
        self.pressed = False
        self._previous: Any = None
        self._holding = False

    def hold(self) -> None:
        # Signal handlers can only be set from the main thread (not so in some test runners).
        # Held once: a second hold (the commit decision asked again) must not take this
        # guard's own handler for the one to restore, or Ctrl-C stays swallowed afterwards.
        if self._holding:
            return
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._remember)
            self._holding = True

    def _remember(self, signum: int, frame: FrameType | None) -> None:
        self.pressed = True

    def release(self) -> None:
        if self._holding:
            signal.signal(signal.SIGINT, self._previous)
            self._holding = False


# The readers are a table of small modules (delreg.parse.readers); `--format` offers its names.
_FORMATS_HELP = "auto, " + ", ".join(list(READERS)[:-1]) + f" or {list(READERS)[-1]}."


@app.command(
    name="import",
    epilog="Examples:\n\n"
    "  delreg import data/example-agenda.txt --meeting 2024-02-15\n\n"
    "  delreg import data/example-diarium.csv --dry-run\n\n"
    "  delreg import data/example-diarium.csv --board HSN\n\n"
    "  delreg import data/example-diarium.csv --skip-invalid --json\n\n"
    "  delreg list --format csv | delreg import - --format csv",
)
def import_decisions(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files to read; - reads standard input.")],
    fmt: Annotated[str, typer.Option("--format", help=_FORMATS_HELP)] = "auto",
    meeting: Annotated[
        str | None,
        typer.Option(help="Mark the decisions as reported at this meeting, in the order read."),
    ] = None,
    board: Annotated[
        str | None,
        typer.Option(
            help="The board of every row that names none (its code or name); default: a row's "
            "own board column, its diary number's series ([routing.series]), [register] board."
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(help="The Excel or OpenDocument sheet to read.")
    ] = None,
    encoding: Encoding = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Write the good items even if some are rejected."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Read decisions (and notices) and upsert them by diary number, all or nothing."""
    from delreg.boards import routing
    from delreg.dates import parse_date
    from delreg.errors import DelregError
    from delreg.fields import board_name
    from delreg.importer import FORMATS, import_records, read_inputs, worth_reading_ahead
    from delreg.model import Meeting
    from delreg.spool import RecordSpool

    env = environment(ctx)
    if fmt not in FORMATS:
        raise DelregError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    encoding = text_encoding(encoding)
    named = board_name(board, env.config) if board is not None else None
    plan = routing(
        _boards(env), option=named, configured=env.config.board, series=env.config.board_series
    )
    target = None
    if meeting:
        # The meeting is one board's: every row goes to it, and one naming another is rejected.
        plan = plan.for_meeting()
        chosen = plan.chosen.code if plan.chosen is not None else ""
        target = Meeting(date=parse_date(meeting), board=chosen)
    meeting_year = int(target.date[:4]) if target else None
    from delreg.importer import file_stamps, import_key, unchanged_since

    # The same export again, into a register nothing has changed since it was imported:
    # every decision would be found unchanged, so it is not read again (delreg.store.marks).
    key = None
    if target is None:
        options: dict[str, str | None] = {"board": named, "sheet": sheet}
        if encoding is not None:
            # Only where given: the key of an import as it was before the option stays the same.
            options["encoding"] = encoding
        key = import_key(paths, fmt=fmt, config=env.config, options=options)
    if not dry_run:
        # Reading comes before opening the register (below); a folder that is not there is
        # told before the read, not after it.
        env.check_can_create()
    stamps = file_stamps(paths) if key is not None else []
    if key is not None and env.database_path.exists():
        told = _told_before(env, key, dry_run=dry_run, as_json=as_json)
        if told:
            return
    guard = CommitGuard()
    # The register being written: a new one is made aside, and may be written twice
    # (Env.write_store), so ``commit`` marks the import in the one at hand.
    writing: list[Store] = []

    def committed(summary: ImportSummary) -> bool:
        return not dry_run and (skip_invalid or not summary.rejected)

    def commit(summary: ImportSummary) -> bool:
        chosen = committed(summary)
        if chosen:
            guard.hold()
            if key is not None and _whole(summary, accounts) and unchanged_since(paths, stamps):
                found = summary.inserted + summary.updated + summary.unchanged
                writing[-1].remember_import(
                    key,
                    {"unchanged": found, "inputs": [account.to_json() for account in accounts]},
                )
        return chosen

    accounts: list[Account] = []

    def read(on_progress: Callable[[int], None] | None) -> Iterator[Record]:
        return read_inputs(
            paths,
            fmt=fmt,
            config=env.config,
            meeting_year=meeting_year,
            sheet=sheet,
            encoding=encoding,
            on_progress=on_progress,
            on_waiting=lambda: env.say(WAITING),
            accounts=accounts,
            route=plan.route,
        )

    def write_all(spool: Iterable[Record]) -> ImportSummary:
        def write(store: Store) -> ImportSummary:
            writing.append(store)
            return import_records(
                store,
                spool,
                meeting=target,
                commit_if=commit,
                record_changes=dry_run,
                board=plan.board.code if plan.board is not None else None,
            )

        if dry_run:
            # A dry run where there is no register yet is tried on an empty one made aside.
            with env.trial_store() as store:
                return write(store)
        # A first import that writes nothing leaves no register behind.
        return env.write_store(write, keep=committed)

    try:
        summary = None
        if not dry_run and not env.database_path.exists() and worth_reading_ahead(paths, fmt=fmt):
            summary = _read_ahead(env, paths, read, write_all, accounts)
        if summary is None:
            # Everything is read and checked before the register is opened: a slow or endless
            # input (a pipe left open, a workbook bomb) never holds the write lock.
            with _progress_bar(env, paths) as on_progress, RecordSpool(read(on_progress)) as spool:
                summary = write_all(spool)
        # Still under the guard that holds Ctrl-C back from the commit on.
        env.written = committed(summary)
    except KeyboardInterrupt:
        guard.release()
        raise Interrupted(
            "interrupted: nothing was imported",
            hint="the import was rolled back whole and the register is as it was; "
            "run it again to import",
        ) from None
    except BaseException:
        guard.release()
        raise
    try:
        _tell(
            env,
            summary,
            accounts,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            as_json=as_json,
        )
    finally:
        guard.release()
    if guard.pressed:
        env.warn("note: Ctrl-C came as the import was being written; it was written whole")
    empty = [account for account in accounts if account.found_nothing or account.empty_heading]
    exit_code(ExitCode.PROBLEMS if summary.rejected or empty else ExitCode.OK)


def _read_ahead(
    env: Environment,
    paths: list[str],
    read: Callable[[Callable[[int], None] | None], Iterator[Record]],
    write_all: Callable[[Iterable[Record]], ImportSummary],
    accounts: list[Account],
) -> ImportSummary | None:
    """The import into a register still to be made, its input read by a second process while
    it is written (delreg.spool.ReadAhead); None where that was not done to the end, for the
    ordinary import to do it: the register made aside is then not kept, and whatever went
    wrong before the input was read whole is found and told as it always was."""
    from delreg.importer import input_size
    from delreg.spool import ReadAhead

    try:
        # Forked before the progress bar starts its thread.
        ahead = ReadAhead(read, state=accounts, size=sum(map(input_size, paths)))
    except OSError:  # no process or pipe to be had
        return None
    with ahead, _progress_bar(env, paths) as on_progress:
        ahead.on_progress = on_progress
        try:
            return write_all(ahead)
        except Exception:
            if ahead.whole:
                raise
    accounts.clear()
    return None


def _told_before(env: Environment, key: str, *, dry_run: bool, as_json: bool) -> bool:
    """Tell what an import of ``key`` finds when the register remembers taking it whole and
    nothing has changed since: every decision unchanged. False when it does not remember."""
    from delreg.importer import ImportSummary
    from delreg.parse.accounting import Account
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        outcome = store.recall_import(key)
    if outcome is None:
        return False
    summary = ImportSummary(unchanged=int(outcome["unchanged"]), changes=[] if dry_run else None)
    accounts = [Account.from_json(account) for account in outcome["inputs"]]
    _tell(env, summary, accounts, dry_run=dry_run, skip_invalid=False, as_json=as_json)
    return True


def _whole(summary: ImportSummary, accounts: list[Account]) -> bool:
    """Whether an import is one to remember: every item a decision, every input a list."""
    return (
        not summary.rejected
        and not summary.notices
        and all(
            not account.rejected
            and not account.notices
            and not account.found_nothing
            and account.empty_heading is None
            for account in accounts
        )
    )


def _boards(env: Environment) -> Boards:
    """The boards of the register, read before the import reads its inputs (none for a
    register still to be made)."""
    from delreg.boards import Boards
    from delreg.store import OpenMode

    if not env.database_path.exists():
        return Boards()
    with env.open_store(OpenMode.EXISTING) as store:
        return store.boards()


def _tell(
    env: Environment,
    summary: ImportSummary,
    accounts: list[Account],
    *,
    dry_run: bool,
    skip_invalid: bool,
    as_json: bool,
) -> None:
    if as_json:
        data = summary.to_json()
        data["items"] = _items(accounts)
        data["inputs"] = [account.to_json() for account in accounts]
        env.out(json.dumps(data, ensure_ascii=False))
    elif summary.changes is not None:
        for change in summary.changes:
            env.out(_change_line(change))
    for rejected in summary.rejected:
        env.warn(f"rejected: {rejected.source}: {rejected.reason}")
    for account in accounts:
        for unread in account.unread:
            env.warn(f"note: {account.source}: {unread}")
        if account.found_nothing:
            looked_for = account.looked_for or "a header row and rows of decisions"
            env.warn(f"delreg: warning: {account.source}: no list of decisions found")
            env.warn(f"hint: looked for {looked_for}")
        else:
            env.say(_account_line(account))
        if account.empty_heading is not None:
            where, heading = account.empty_heading
            env.warn(f"delreg: warning: {where}: nothing stands under the heading {heading!r}")
            env.warn(
                "hint: is its list a document of its own (an attachment)? import that; "
                "a list that says nothing was reported ('Inga delegationsbeslut …') reads as empty"
            )
    written = not dry_run and (skip_invalid or not summary.rejected)
    (env.warn if summary.rejected else env.say)(
        f"inserted {summary.inserted}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"rejected {len(summary.rejected)}, notices {summary.notices}"
        + ("" if written else " — nothing was written")
        + (" (dry run)" if dry_run else "")
    )
    if summary.rejected and not skip_invalid and not dry_run:
        env.warn("hint: fix the rejected items, or add --skip-invalid to import the rest")


def _change_line(change: Change) -> str:
    """ "updated  23RS710  decided_on: – → 2023-11-02; parties: – → Ultraljud Norden AB" """
    if not change.fields:
        return f"{change.action:<8}  {change.diary_number}"
    fields = "; ".join(
        f"{name}: {_shown(old)} → {_shown(new)}" for name, (old, new) in change.fields.items()
    )
    return f"{change.action:<8}  {change.diary_number}  {fields}"


def _shown(value: Any) -> str:
    from delreg.cli.output import csv_cell

    return csv_cell(value) or "–"


WAITING = (
    "delreg: reading standard input, waiting for it to end (Ctrl-D on a terminal); "
    "the register is not locked meanwhile"
)


def _items(accounts: list[Account]) -> dict[str, int]:
    """The items of all inputs: seen = decisions + rejected + notices."""
    keys = ("seen", "decisions", "rejected", "notices", "repeated")
    return {key: sum(getattr(account, key) for account in accounts) for key in keys}


def _account_line(account: Account) -> str:
    """ "read 32 items from agenda.txt: 29 decisions, 0 rejected, 3 notices (…)"."""
    line = (
        f"read {account.seen} items from {account.source}: {account.decisions} decisions, "
        f"{account.rejected} rejected, {account.notices} notices"
    )
    skipped = []
    if account.repeated:
        skipped.append(f"{account.repeated} printed again")
    prose = account.lines.get("prose", 0)
    if prose:
        skipped.append(f"{prose} line{'s' if prose != 1 else ''} of text about the list")
    if account.group_rows:
        titles = account.group_rows
        skipped.append(f"{titles} group title{'s' if titles != 1 else ''} given to the rows below")
    if account.total_rows:
        totals = account.total_rows
        skipped.append(f"{totals} total row{'s' if totals != 1 else ''} left out")
    if account.heading_rows:
        headings = account.heading_rows
        skipped.append(
            f"{headings} heading{'s' if headings != 1 else ''} naming no column left out"
        )
    return line + (f" ({', '.join(skipped)})" if skipped else "")


# Below this much input an import is over before a bar would be worth drawing.
PROGRESS_FROM_BYTES = 1_000_000


@contextmanager
def _progress_bar(env: Environment, paths: list[str]) -> Iterator[Callable[[int], None] | None]:
    """A transient bar of bytes read on a terminal's stderr; nothing at all in a pipe or cron."""
    from delreg.importer import input_size

    total = sum(input_size(name) for name in paths)
    if not env.stderr.isatty() or total < PROGRESS_FROM_BYTES:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    console = Console(file=env.stderr, no_color=bool(os.environ.get("NO_COLOR")))
    with Progress(
        "reading",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("import", total=total)
        yield lambda done: progress.update(task, completed=done)
