"""Start-up stays light: shell scripts and tab completion run delreg over and over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
import typer.main
from typer.main import get_command_name

from delreg import __version__
from delreg.cli import COMMAND_MODULES, GLOBAL_OPTIONS_WITH_VALUES, app_for, whole_app
from delreg.cli.app import DelregGroup
from delreg.config import load_config
from delreg.store import OpenMode, Store
from delreg.store.connection import connect
from delreg.store.schema import migrate
from tests.helpers.processes import every_module_loaded_by, modules_loaded_by

HEAVY = ("sqlite_utils", "sqlite3", "rich", "openpyxl", "docx", "pypdf", "jinja2", "pydantic")
# What the import of a PDF alone loads: never at start-up (nor for a text agenda).
PDF_READING = {"pypdfium2", "pdfplumber", "pdfminer"}
# What `delreg audit` alone loads to draw its charts: never at start-up, nor for --help.
CHARTING = {"matplotlib", "numpy", "PIL"}
# What `delreg publish` alone loads (and what reads its bundle): never at start-up.
PUBLISHING = {"rdflib", "datasette", "feedparser", "yaml", "jinja2", "docx"}


def test_version_imports_no_heavy_module() -> None:
    loaded = modules_loaded_by("--version")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    assert not loaded & PDF_READING
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
    assert not loaded & PDF_READING
    assert not loaded & CHARTING


def test_listing_an_existing_register_imports_no_schema_tool_reader_or_renderer(
    database: Path,
) -> None:
    # Made (and migrated, which needs sqlite-utils) beforehand: a register in daily use.
    Store.open(database, mode=OpenMode.CREATE).close()
    loaded = modules_loaded_by("list", "--limit", "20", "--format", "json")
    assert "sqlite3" in loaded
    assert not loaded & {"sqlite_utils", "rich", "openpyxl", "docx", "pypdf", "jinja2"}
    assert not loaded & PDF_READING
    assert not loaded & PUBLISHING
    assert not loaded & CHARTING
    # Typer 0.29 would build a pydantic TypeAdapter for every option (+70 ms a run).
    assert "pydantic" not in loaded


@pytest.mark.parametrize(
    ("arguments", "modules"),
    [
        (("report", "--month", "2024-01", "--format", "csv"), {"report", "boards"}),
        # Answered before the command line is built (delreg.cli.report_json).
        (("report", "--month", "2024-01", "--format", "json"), set()),
        (("list", "--limit", "20", "--format", "json"), {"decisions", "boards"}),
        (("meetings", "list", "--format", "json"), {"meetings", "boards"}),
    ],
)
def test_a_command_imports_its_own_command_module_and_no_other(
    database: Path, arguments: tuple[str, ...], modules: set[str]
) -> None:
    Store.open(database, mode=OpenMode.CREATE).close()
    loaded = every_module_loaded_by(*arguments)
    commands = {f"delreg.cli.{module}" for module in COMMAND_MODULES.values()}
    assert loaded & commands == {f"delreg.cli.{module}" for module in modules}
    # The delegation order and the facts are read by check (and --group-by); the readers by
    # `import` alone.
    assert not loaded & {"delreg.delegation_book", "delreg.delegation_order", "delreg.facts"}
    assert "delreg.parse" not in loaded
    assert not loaded & {"sqlite_utils", "rich", "openpyxl", "docx", "jinja2", "pydantic"}
    # The defaults are read from the package's folder, without importlib.resources' machinery.
    assert "importlib.resources" not in loaded


def test_the_command_table_names_the_module_that_registers_each_command() -> None:
    application = whole_app()
    registered: dict[str, set[str]] = {}
    for info in application.registered_commands:
        name = info.name or get_command_name(getattr(info.callback, "__name__", ""))
        registered.setdefault(name, set()).add(getattr(info.callback, "__module__", ""))
    for group in application.registered_groups:
        assert group.name is not None and group.typer_instance is not None
        modules = {
            getattr(command.callback, "__module__", "")
            for command in group.typer_instance.registered_commands
        }
        registered.setdefault(group.name, set()).update(modules)
    assert registered == {
        name: {f"delreg.cli.{module}"} for name, module in COMMAND_MODULES.items()
    }


def test_publish_loads_its_libraries_only_when_it_publishes(tmp_path: Path) -> None:
    assert not modules_loaded_by("--help") & PUBLISHING
    assert not modules_loaded_by("publish", "--help") & PUBLISHING
    # A refused publication (no address given) has not started to write: nothing loaded yet.
    assert not modules_loaded_by("publish", str(tmp_path / "out")) & {"rdflib", "docx"}


def _built(application: typer.Typer) -> dict[str, Any]:
    group = typer.main.get_command(application)
    assert isinstance(group, DelregGroup)
    return dict(group.commands)


def _shape(command: Any) -> list[tuple[Any, ...]]:
    return [(p.name, tuple(p.opts), p.required, p.default) for p in command.params]


def test_a_run_builds_only_the_command_it_names_and_builds_it_whole() -> None:
    everything = _built(whole_app())
    assert len(everything) > 10
    for name, command in everything.items():
        for arguments in ([name], ["--db", "x.db", name, "--help"], ["--db=x.db", name, "y"]):
            built = _built(app_for(arguments))
            assert list(built) == [name], arguments
            assert _shape(built[name]) == _shape(command)
            assert built[name].help == command.help


def test_without_a_known_command_the_whole_app_answers() -> None:
    for arguments in ([], ["--help"], ["-h", "list"], ["lst"], ["--db", "list"], ["--", "list"]):
        assert app_for(arguments) is whole_app(), arguments


def test_the_global_options_that_take_a_value_are_all_known_to_command_name() -> None:
    # command_name steps over `--db FILE` by a list kept by hand (building the app to ask it
    # would cost the time app_for saves); a new global option with a value must join it.
    root = typer.main.get_command(whole_app())
    taking_values = {
        name
        for parameter in root.params
        if isinstance(parameter, typer.core.TyperOption) and not parameter.is_flag
        for name in (*parameter.opts, *parameter.secondary_opts)
    }
    assert taking_values == GLOBAL_OPTIONS_WITH_VALUES


def test_a_run_through_the_trimmed_app_is_the_same_run(empty_register: Path) -> None:
    database = empty_register
    done = subprocess.run(
        [sys.executable, "-m", "delreg", "--db", str(database), "list", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    wrong = subprocess.run(
        [sys.executable, "-m", "delreg", "--db", str(database), "lst"],
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2 and "Did you mean 'list'?" in wrong.stderr


def _completions(words: str, cword: int) -> list[str]:
    # What bash's completion function asks: the program again, with the words so far.
    env = {**os.environ, "_DELREG_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(cword)
    done = subprocess.run(
        [sys.executable, "-m", "delreg"], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_tab_completes_commands_options_and_choices() -> None:
    assert _completions("delreg li", 1) == ["list"]
    assert "meetings" in _completions("delreg me", 1)
    assert "--format" in _completions("delreg list --f", 2)
    assert _completions("delreg --db x.db report --format ", 5) == [
        "txt", "md", "html", "docx", "json", "csv"
    ]  # fmt: skip
    assert "add" in _completions("delreg meetings a", 2)


def test_a_new_register_is_made_without_numpy_or_pandas(database: Path, tmp_path: Path) -> None:
    """sqlite-utils loads numpy (matplotlib installs it) only to convert values delreg never
    hands it: an upgrade must not pay for it, and numpy must still load when wanted. A new
    register is made without sqlite-utils at all (delreg.store.fresh_schema)."""
    export = tmp_path / "export.csv"
    export.write_text("diary_number,subject\n24RS1,Ett beslut\n", encoding="utf-8")
    loaded = modules_loaded_by("import", str(export))
    assert database.exists()
    assert not loaded & {"sqlite_utils", "numpy", "pandas"}
    # A register of the first schema, upgraded by the migrations on opening.
    database.unlink()
    with closing(connect(database)) as connection:
        migrate(connection, database, to=1)
    export.write_text("diary_number,subject\n24RS2,Ett beslut till\n", encoding="utf-8")
    loaded = modules_loaded_by("import", str(export))
    assert "sqlite_utils" in loaded
    assert not loaded & {"numpy", "pandas"}
    pytest.importorskip("numpy")
    after = subprocess.run(
        [
            sys.executable,
            "-c",
            "from delreg.store.schema import _schema_tool; _schema_tool(); "
            "import numpy; print(numpy.zeros(2).sum())",
        ],
        capture_output=True,
        text=True,
    )
    assert (after.returncode, after.stdout) == (0, "0.0\n"), after.stderr


def test_a_read_loads_no_hashing_or_random_numbers(database: Path) -> None:
    """OpenSSL (hashlib, for the history's chain) and the random module are a write's, and
    only some writes': a listing or a report never loads them."""
    Store.open(database, mode=OpenMode.CREATE).close()
    for arguments in (
        ("list", "--limit", "20", "--format", "json"),
        ("report", "--month", "2024-01", "--format", "json"),
    ):
        loaded = modules_loaded_by(*arguments)
        assert "sqlite3" in loaded, arguments
        assert not loaded & {"hashlib", "_hashlib", "random"}, arguments


def test_a_run_without_a_configuration_file_parses_no_toml(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built-in defaults are kept read (delreg.config._defaults, as Python keeps compiled
    code): a command on a machine with no configuration file of its own never imports
    tomllib (3 ms), nor compiles the patterns of commands other than its own."""
    Store.open(database, mode=OpenMode.CREATE).close()
    # Kept by a run that may write bytecode, as an installed delreg's first run does.
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    load_config(None)
    for arguments in (
        ("report", "--month", "2024-01", "--format", "json"),
        ("list", "--limit", "20", "--format", "json"),
    ):
        loaded = every_module_loaded_by(*arguments)
        assert "delreg.config" in loaded, arguments
        assert not loaded & {"tomllib", "encodings.cp1252"}, arguments
    # With one, it is read as before.
    own = database.parent / "config.toml"
    own.write_text('[register]\nboard = "Regionstyrelsen"\n', encoding="utf-8")
    assert "tomllib" in every_module_loaded_by(
        "--config", str(own), "report", "--month", "2024-01", "--format", "json"
    )
