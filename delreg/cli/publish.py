"""`delreg publish DIR`: the public register as a folder of files (delreg.publish)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from delreg.cli.app import app, environment
from delreg.cli.boards import BoardOption, board_to_read

EXAMPLES = (
    "Examples:\n\n"
    "  delreg publish offentligt --base-url https://region.example/delegationsbeslut/ "
    "--contact registrator@region.example\n\n"
    "  delreg publish offentligt --base-url https://region.example/delegationsbeslut/ "
    "--contact registrator@region.example --json\n\n"
    "  delreg publish offentligt-rs --board RS --base-url https://region.example/rs/ "
    "--contact registrator@region.example"
)


@app.command(epilog=EXAMPLES)
def publish(
    ctx: typer.Context,
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="The folder to write (new, empty, or published to before)."
        ),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL", help="Where the folder will be on the web. Default: [publish] base_url."
        ),
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option(
            metavar="EMAIL", help="The contact point's e-mail. Default: [publish] contact_email."
        ),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Who publishes the data. Default: [publish] publisher, else the board.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was written as JSON.")
    ] = False,
    board: BoardOption = None,
) -> None:
    """Write the public register: a masked SQLite file with Datasette metadata, a static site,
    an Atom feed, an iCalendar file of deadlines, CSV/JSON and a DCAT-AP-SE catalogue.

    Secret decisions are masked as `report --public` masks them and deleted ones left out.
    Only files whose content changed are rewritten; the same register gives the same files.
    """
    from delreg.publish import publish as publish_register
    from delreg.publish import publish_settings

    env = environment(ctx)
    config = env.config
    settings = publish_settings(
        config, base_url=base_url, contact_email=contact, publisher=publisher
    )
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        code = board_to_read(env, store, board)
        summary = publish_register(store, directory, settings, config, code)
    if as_json:
        import json

        env.out(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    # The files one change rewrote, by name; a first publication only by count.
    if len(summary.written) <= 20:
        for path in summary.written:
            env.say(f"wrote {path}")
    env.say(
        f"published {summary.files} files to {directory}: {len(summary.written)} written, "
        f"{summary.unchanged} unchanged, {len(summary.removed)} removed"
    )
