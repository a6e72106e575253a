"""Start-up stays light: shell scripts and tab completion run delreg over and over."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from delreg import __version__
from delreg.store import Store

HEAVY = ("sqlite_utils", "sqlite3", "rich", "openpyxl", "docx", "pypdf", "jinja2", "pydantic")

PROBE = """
import json, sys
sys.argv = ["delreg", *json.loads(sys.argv[1])]
try:
    from delreg.__main__ import main
    main()
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def modules_loaded_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_imports_no_heavy_module() -> None:
    loaded = modules_loaded_by("--version")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    # Answered before the command line is built: scripts ask for it, and Typer alone costs
    # more than the rest of the answer.
    assert "typer" not in loaded


def test_python_m_delreg_answers_the_version_too() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "delreg", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout == f"delreg {__version__}\n"


def test_help_imports_no_reader_or_renderer() -> None:
    loaded = modules_loaded_by("--help")
    assert not loaded & {"sqlite_utils", "openpyxl", "docx", "pypdf", "jinja2"}


def test_listing_an_existing_register_imports_no_schema_tool_reader_or_renderer(
    database: Path,
) -> None:
    # Made (and migrated, which needs sqlite-utils) beforehand: a register in daily use.
    Store.open(database).close()
    loaded = modules_loaded_by("list", "--limit", "20", "--format", "json")
    assert "sqlite3" in loaded
    assert not loaded & {"sqlite_utils", "rich", "openpyxl", "docx", "pypdf", "jinja2"}
