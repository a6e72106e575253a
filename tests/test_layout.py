"""The tests mirror the package, and share code only through tests/helpers.

A newcomer looking for the tests of `delreg/store/` finds them in `tests/store/`; a test module
that imports another test module makes the second one impossible to move or delete on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests import ROOT

TESTS = ROOT / "tests"
# Folders of tests that are not tests of a package: data and the shared helpers.
NOT_A_PACKAGE = {"fixtures", "snapshots", "helpers", "__pycache__"}


def test_each_folder_of_tests_names_a_package_of_delreg() -> None:
    folders = {path.name for path in TESTS.iterdir() if path.is_dir()} - NOT_A_PACKAGE
    packages = {path.parent.name for path in (ROOT / "delreg").glob("*/__init__.py")}
    assert folders, "the tests are not arranged by package"
    assert folders <= packages, f"test folders with no package of that name: {folders - packages}"


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def _is_test_module(module: str) -> bool:
    return module.rsplit(".", 1)[-1].startswith(("test_", "conftest"))


def test_no_test_module_imports_another() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for module in sorted(imported_modules(path))
        if module.startswith("tests.")
        and module.rsplit(".", 1)[-1].startswith(("test_", "conftest"))
    ]
    assert not offenders, "\n".join(offenders)


def test_tests_do_not_import_the_benchmark() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted(TESTS.rglob("*.py"))
        if any(
            module == "bench" or module.startswith("bench.") for module in imported_modules(path)
        )
    ]
    # The benchmark measures; a test that needs its data generator takes it from tests/helpers.
    assert not offenders, offenders
