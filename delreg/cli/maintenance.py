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
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        make_backup(store.connection, target, overwrite=overwrite, register=store.path)
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


@app.command(epilog="Example: delreg verify --json")
def verify(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Check the file's integrity and the register's own invariants; exit 1 on any problem.

    The checks run in a private copy: the file itself is only read, never written.
    """
    from delreg.model import normalise_diary_number
    from delreg.store.maintenance import verify_file

    env = environment(ctx)
    config = env.config
    problems = verify_file(env.database_path, lambda number: normalise_diary_number(number, config))
    if as_json:
        env.out(json.dumps([problem.to_json() for problem in problems], ensure_ascii=False))
    for problem in problems:
        env.say(f"{problem.check}: {problem.message}")
    env.say("the register is sound" if not problems else f"{len(problems)} problem(s) found")
    exit_code(ExitCode.PROBLEMS if problems else ExitCode.OK)
