"""The decisions as open data: ``decisions.csv`` and ``decisions.json``.

The keys are the command line's contract (what `delreg list --format json` writes), published
as delreg.public.published_json gives them: masked when secret, internal fields left out
(``source`` stays as a key, always null). The CSV has the same columns, parties joined with
``; ``, so it reads back into `delreg import --format csv`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from delreg.config import Config
from delreg.publish import paths
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import PublicRegister
from delreg.report.render_data import csv_cell
from delreg.spreadsheet import protect

# Beyond the contract's keys: where the decision's page is, and its sentence in the list.
EXTRA_KEYS = ("standstill_ends_on", "sentence", "url")


def records(register: PublicRegister, settings: PublishSettings) -> Iterator[dict[str, Any]]:
    for shown in register.decisions:
        yield {
            **shown.data,
            "standstill_ends_on": shown.standstill_ends_on,
            "sentence": shown.sentence,
            "url": settings.url(paths.decision_page(shown.diary_number)),
        }


def files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    rows = list(records(register, settings))
    # One decision a line: a change to one decision is a one-line diff for a mirror.
    encoder = json.JSONEncoder(ensure_ascii=False)
    body = ",\n".join(encoder.encode(row) for row in rows)
    yield paths.DECISIONS_JSON, (f"[\n{body}\n]\n" if rows else "[]\n").encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = list(rows[0]) if rows else [*_contract_keys(), *EXTRA_KEYS]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([protect(csv_cell(row.get(name))) for name in columns])
    yield paths.DECISIONS_CSV, buffer.getvalue().encode()


def _contract_keys() -> list[str]:
    from delreg.public import PUBLISHED_FIELDS

    return list(PUBLISHED_FIELDS)
