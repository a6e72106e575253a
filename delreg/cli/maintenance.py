"""`delreg backup`, `restore` and `verify`: the register is a legal record; keep it sound."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from delreg.cli.app import app, environment, exit_code
from delreg.errors import DelregError, ExitCode


@app.command(epilog="Example: delreg backup delreg-$(date +%F).db")
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="The file to write the copy to.", dir_okay=False)],
    overwrite: Annotated[bool, typer.Option(help="Replace an existing file.")] = False,
) -> None:
    """Make a consistent copy of the register, safe while others are writing to it."""
    from delreg.store.maintenance import backup as make_backup

    env = environment(ctx)
    with env.open_store() as store:
        make_backup(store.connection, target, overwrite=overwrite)
    env.say(f"backed up {store.path} to {target}")


@app.command(epilog="Example: delreg restore delreg-2024-02-01.db --yes")
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="A backup made by `delreg backup`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the register with a verified backup; the current register is kept beside it."""
    from delreg.store.maintenance import check_backup
    from delreg.store.maintenance import restore as restore_backup

    env = environment(ctx)
    target = env.database_path
    check_backup(source)
    if not yes:
        if not env.stdin_is_terminal:
            raise DelregError(
                "refusing to restore without confirmation", hint="add --yes in a script"
            )
        typer.confirm(f"Replace {target} with {source}?", abort=True, err=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    keep = target.with_name(f"{target.name}.before-restore-{stamp}")
    restore_backup(source, target, keep)
    env.say(
        f"restored {target} from {source}"
        + (f"; the old register is in {keep}" if keep.exists() else "")
    )


@app.command(epilog="Example: delreg verify --json")
def verify(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Check the file's integrity and the register's own invariants; exit 1 on any problem."""
    from delreg.model import normalise_diary_number
    from delreg.store.maintenance import verify as run_checks

    env = environment(ctx)
    config = env.config
    with env.open_store() as store:
        problems = run_checks(
            store.connection, lambda number: normalise_diary_number(number, config)
        )
    if as_json:
        env.out(json.dumps([problem.to_json() for problem in problems], ensure_ascii=False))
    for problem in problems:
        env.say(f"{problem.check}: {problem.message}")
    env.say("the register is sound" if not problems else f"{len(problems)} problem(s) found")
    exit_code(ExitCode.PROBLEMS if problems else ExitCode.OK)
