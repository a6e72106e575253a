"""`delreg backup`, `restore` and `verify`: the register is a legal record; keep it sound."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from delreg.cli.app import app, environment, exit_code
from delreg.cli.boards import BoardOption, board_to_read
from delreg.errors import DelregError, ExitCode


@app.command(epilog="Example: delreg backup delreg-$(date +%F).db")
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="The file to write the copy to.", dir_okay=False)],
    overwrite: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
) -> None:
    """Make a consistent copy of the register, safe while others are writing to it."""
    from delreg.store import OpenMode

    env = environment(ctx)
    with env.open_store(OpenMode.EXISTING) as store:
        store.backup(target, overwrite=overwrite)
    env.say(f"backed up {store.path} to {target}")


# A backup that holds less than this share of the register's decisions is worth a question
# even to someone who restores often: a wrong file, or a copy from long ago.
FEWER_SHARE = 0.5


@app.command(epilog="Example: delreg restore delreg-2024-02-01.db --yes")
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="A backup made by `delreg backup`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the register with a verified backup; the current register is kept beside it."""
    from delreg.store.maintenance import prepared_restore

    env = environment(ctx)
    target = env.database_path
    with prepared_restore(source, target) as plan:
        counts = _counts(plan.backup_decisions, plan.register_decisions)
        fewer = (
            plan.register_decisions is not None
            and plan.backup_decisions < plan.register_decisions * FEWER_SHARE
        )
        if not yes:
            if not env.stdin_is_terminal:
                raise DelregError(
                    f"refusing to restore without confirmation ({counts})",
                    hint="add --yes in a script",
                )
            warning = (
                "far fewer decisions than the register: is it the right file? " if fewer else ""
            )
            typer.confirm(
                f"Replace {target} with {source} ({counts})? {warning}".rstrip(),
                abort=True,
                err=True,
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        keep = target.with_name(f"{target.name}.before-restore-{stamp}")
        kept = plan.replace(keep)
    env.say(
        f"restored {target} from {source} ({counts})"
        + (f"; the old register is in {keep}" if kept else "")
    )


def _counts(backup: int, register: int | None) -> str:
    if register is None:
        return f"the backup holds {backup} decisions; there is no register yet"
    return f"the backup holds {backup} decisions, the register {register}"


VERIFY_EXAMPLES = (
    "Examples:\n\n"
    "  delreg verify\n\n"
    "  delreg verify --json\n\n"
    "  delreg verify --report 2024-02-15 lista.docx"
)


@app.command(epilog=VERIFY_EXAMPLES)
def verify(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
    report: Annotated[
        tuple[str, Path] | None,
        typer.Option(
            "--report",
            metavar="MEETING FILE",
            help="Tell whether FILE (txt, md, html, docx, json or csv from `report --meeting`) "
            "is the meeting's list as fixed by --mark-reported.",
        ),
    ] = None,
    board: BoardOption = None,
) -> None:
    """Check the file's integrity and the register's own invariants, the history's hash chain
    included; exit 1 on any problem. The checks run in a private copy: the register file is
    only read, never written.

    With --report MEETING FILE, check a document instead (one `delreg report --meeting MEETING`
    wrote, e.g. with -o lista.docx --mark-reported): exit 0 when it is the list fixed for the
    meeting (byte for byte one that delreg made of it), 1 when it is not.
    """
    if report is not None:
        _verify_report(ctx, report[0], report[1], board, as_json)
        return
    if board is not None:
        raise DelregError("--board goes with --report", hint="delreg verify --report DATE FILE")
    from delreg.model import normalise_diary_number
    from delreg.store.maintenance import verify_file

    env = environment(ctx)
    config = env.config
    problems = verify_file(env.database_path, lambda number: normalise_diary_number(number, config))
    if as_json:
        env.out(json.dumps([problem.to_json() for problem in problems], ensure_ascii=False))
    for problem in problems:
        env.warn(f"{problem.check}: {problem.message}")
    if problems:
        env.warn(f"{len(problems)} problem(s) found")
    else:
        env.say("the register is sound")
    exit_code(ExitCode.PROBLEMS if problems else ExitCode.OK)


def _verify_report(
    ctx: typer.Context, day: str, path: Path, option: str | None, as_json: bool
) -> None:
    from delreg.dates import parse_date
    from delreg.report.build import meeting_report
    from delreg.report.fixed_list import (
        FixedList,
        Verdict,
        judge,
        list_digest,
        possible_formats,
        renderings,
    )

    env = environment(ctx)
    date = parse_date(day)
    try:
        document = path.read_bytes()
    except OSError as error:
        raise DelregError(
            f"cannot read {str(path)!r}: {error.strerror or error}",
            hint="give the document `delreg report --meeting` wrote",
        ) from None
    config = env.config
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        board = board_to_read(env, store, option) or ""
        meeting = store.meeting(date, board)
        fixes = [FixedList.from_event(*fixed) for fixed in store.fixed_lists(meeting)]
        verdict = judge(
            document,
            fixes,
            lambda: list_digest(meeting_report(store, date, config, board=board)),
            lambda: renderings(store, date, board, config, possible_formats(document)).items(),
            meeting.date,
        )
        broken = store.broken_link() if verdict.matches else None
    if broken is not None:
        verdict = Verdict(
            False, f"{verdict.message}; but {broken.message()}, so the record cannot be trusted"
        )
    if as_json:
        env.out(json.dumps({"file": str(path), **verdict.to_json()}, ensure_ascii=False))
    env.say(f"{path}: {verdict.message}")
    exit_code(ExitCode.OK if verdict.matches else ExitCode.PROBLEMS)
