"""Every command explains itself, with an example."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from delreg import __version__
from delreg.cli import whole_app
from tests.helpers import Invoke, all_command_paths


def test_the_commands_of_the_contract_exist() -> None:
    names = {" ".join(path) for path in all_command_paths()}
    assert {"import", "add", "list", "show", "edit", "delete", "history"} <= names
    assert {"meetings", "meetings add", "meetings list"} <= names


@pytest.mark.parametrize("path", all_command_paths(), ids=" ".join)
def test_every_command_has_help_with_an_example(delreg: Invoke, path: list[str]) -> None:
    result = delreg(*path, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    leaf: Any = typer.main.get_command(whole_app())
    for name in path:
        leaf = leaf.get_command(None, name)
    assert leaf.help, f"{path} has no help text"
    if not hasattr(leaf, "list_commands"):
        assert "Example" in result.stdout, f"{path} --help shows no example"


def test_version(delreg: Invoke) -> None:
    result = delreg("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"delreg {__version__}"


def test_no_arguments_shows_help(delreg: Invoke) -> None:
    result = delreg()
    assert "Commands" in result.output  # click prints it to stderr, exit 2


def test_unknown_option_is_a_usage_error(delreg: Invoke) -> None:
    result = delreg("list", "--colour", "pink")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
