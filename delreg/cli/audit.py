"""`delreg audit --year YYYY -o DIR`: the pack an auditor asks for."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from delreg.cli.app import app, environment
from delreg.cli.options import AsOf, as_of_day
from delreg.errors import DelregError

EXAMPLES = (
    "Examples:\n\n"
    "  delreg audit --year 2024 -o revision-2024\n\n"
    "  delreg audit --year 2023 --sample 10 --seed 20240315 -o revision-2023"
)


@app.command(epilog=EXAMPLES)
def audit(
    ctx: typer.Context,
    year: Annotated[int, typer.Option(help="The year of the decisions (decision date).")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder to write the pack to.", file_okay=False),
    ],
    sample: Annotated[
        int, typer.Option("--sample", min=0, help="How many decisions to sample.")
    ] = 25,
    seed: Annotated[
        int | None,
        typer.Option(min=0, help="The sample's seed: the same seed draws the same sample."),
    ] = None,
    as_of: AsOf = None,
) -> None:
    """Write the auditor's pack for a year: a reproducible random sample of decisions with
    their history, reporting and findings; statistics per delegate, kind and month (days from
    decision to report, share reported late); anomalies (direct awards to one supplier over
    the threshold, delegates the delegation order does not name); charts. As an HTML page, a
    Word file and JSON, marked internal.
    """
    from delreg.audit.charts import charts
    from delreg.audit.layout import layout
    from delreg.audit.pack import build_pack
    from delreg.audit.render import render_docx, render_html

    env = environment(ctx)
    if not 1900 <= year <= 2200:
        raise DelregError(f"--year {year} is not a year of decisions", hint="e.g. --year 2024")
    today = as_of_day(as_of)
    chosen_seed = seed if seed is not None else secrets.randbelow(10**9)
    config = env.config
    from delreg.store import OpenMode

    with env.open_store(OpenMode.EXISTING) as store:
        pack = build_pack(store, config, year=year, size=sample, seed=chosen_seed, as_of=today)
    import json

    images = charts(pack)
    document = layout(pack)
    files = {
        f"revisionsunderlag-{year}.html": render_html(document, images).encode(),
        f"revisionsunderlag-{year}.docx": render_docx(document, images),
        f"revisionsunderlag-{year}.json": (
            json.dumps(pack.to_json(), ensure_ascii=False, indent=2) + "\n"
        ).encode(),
        **images,
    }
    _write(output, files)
    env.say(
        f"wrote the audit pack for {year} to {output}: {pack.total.decisions} decisions, a "
        f"sample of {len(pack.sample)} drawn with --seed {chosen_seed}"
    )


def _write(folder: Path, files: dict[str, bytes]) -> None:
    """Each file whole or not at all (written beside it, then renamed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            target = folder / name
            partial = folder / f".{name}.{os.getpid()}.partial"
            partial.write_bytes(data)
            os.replace(partial, target)
    except OSError as error:
        raise DelregError(
            f"cannot write the pack to {str(folder)!r}: {error.strerror or error}",
            hint="check that the folder can be created and written",
        ) from None
