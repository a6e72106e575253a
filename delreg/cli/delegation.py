"""`delreg delegation`: the board's delegationsordning, which the `delegation` check holds
decisions to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from delreg.cli.app import DelregGroup, app, environment
from delreg.cli.options import ListFormatOption
from delreg.cli.output import ListFormat, write_records
from delreg.errors import DelregError

delegation_app = typer.Typer(
    cls=DelregGroup,
    help="The board's delegationsordning, which the `delegation` check holds decisions to.",
    no_args_is_help=True,
)
app.add_typer(delegation_app, name="delegation")


@delegation_app.command(
    "load",
    epilog="Examples:\n\n  delreg delegation load data/delegationsordning.toml\n\n"
    "  delreg delegation load data/delegationsordning.toml --dry-run",
)
def load_order(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A TOML or CSV file.", dir_okay=False)],
    fmt: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="auto, toml or csv.")
    ] = "auto",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only read and check the file; store nothing.")
    ] = False,
) -> None:
    """Load a delegation order, replacing the one stored before."""
    from delreg.delegation_order import FORMATS, load_delegation_order

    env = environment(ctx)
    if fmt not in FORMATS:
        raise DelregError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    order = load_delegation_order(path, known_kinds=env.config.kinds.keys(), fmt=fmt)
    if dry_run:
        env.say(f"{path}: {len(order.points)} points, nothing stored (dry run)")
        return
    from delreg.store import OpenMode

    with env.open_store(OpenMode.CREATE) as store:
        replaced = store.save_delegation_order(order)
    env.say(
        f"loaded {len(order.points)} points from {path}"
        + (f", replacing {replaced}" if replaced else "")
    )


@delegation_app.command("show", epilog="Example: delreg delegation show --format json")
def show_order(ctx: typer.Context, fmt: ListFormatOption = ListFormat.table) -> None:
    """Show the delegation order the checks use."""
    from delreg.store import OpenMode

    env = environment(ctx)
    with env.open_store(OpenMode.EXISTING) as store:
        order = store.delegation_order()
    if order is None:
        env.say("no delegation order is loaded (`delreg delegation load FILE`)")
    points = order.points if order else ()
    columns = ("point", "matter", "kinds", "delegate", "substitutes", "limit", "valid_from",
               "valid_to")  # fmt: skip
    title = f"Delegationsordning ({order.source})" if order else ""
    write_records(
        env,
        (point.to_json() for point in points),
        fmt,
        columns=columns,
        table=(title, [(name, name.replace("_", " ")) for name in columns]),
    )
