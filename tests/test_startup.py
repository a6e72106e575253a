"""Start-up stays light: shell scripts and tab completion run delreg over and over."""

from __future__ import annotations

import json
import subprocess
import sys

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


def test_help_imports_no_reader_or_renderer() -> None:
    loaded = modules_loaded_by("--help")
    assert not loaded & {"sqlite_utils", "openpyxl", "docx", "pypdf", "jinja2"}
