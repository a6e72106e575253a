"""Data flows one way: each module of delreg imports only from its own layer or lower ones.

The layers, bottom to top (the architecture in the README): what every module may use, the
domain's values and rules, the store (the only door to the register's file), the readers,
the services that put them together, and the command line. An import of a higher layer, at
the top of a module, inside a function or under TYPE_CHECKING, fails this test with the file,
the line and the import, so a shortcut upwards is found in review and not a year later.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "delreg"

# Bottom to top. A package's modules share its layer; a new module of delreg needs a line here.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("delreg", "errors", "text", "config", "limits", "spreadsheet")),
    (
        "model",
        (
            "model",
            "facts",
            "fields",
            "diary_numbers",
            "dates",
            "deadlines",
            "legal_status",
            "delegation_order",
            "delegation_book",
            "personal_numbers",
            "person_naming",
            "secrecy_law",
            "public",
            "boards",
            "json_shapes",
        ),
    ),
    ("store", ("store",)),
    ("parse", ("parse",)),
    ("services", ("importer", "spool", "checks", "report", "due", "reconcile", "ical")),
    ("publishing", ("publish", "audit")),
    ("cli", ("cli", "__main__")),
)

# Only the store holds a connection to the register, and its private helpers stay its own.
STORE_PRIVATE = frozenset({"connection", "_connection", "_query", "_write", "_record"})


def layer_of(module: str, layers: Mapping[str, int]) -> int | None:
    """The layer of a dotted module name of delreg (``delreg.store.columns`` → the store's)."""
    parts = module.split(".")
    if parts[0] != "delreg":
        return None
    return layers.get(parts[1] if len(parts) > 1 else "delreg")


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.Module, module: str, is_package: bool) -> Iterator[tuple[int, str, str]]:
    """(line, module imported, the import as written) for every import of the module: at the
    top, in functions, under TYPE_CHECKING, relative ones resolved, and importlib's calls
    with a literal name."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            names = ", ".join(alias.name for alias in node.names)
            written = f"from {'.' * node.level}{node.module or ''} import {names}"
            # `from delreg import cli` imports the package delreg.cli, not delreg.
            for target in dict.fromkeys(f"{base}.{alias.name}" for alias in node.names):
                yield node.lineno, target, written
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value, f"import_module({node.args[0].value!r})"


def _known(name: str, modules: set[str]) -> str:
    # `from delreg.store import Store` names a class: the module is delreg.store.
    return name if name in modules else name.rpartition(".")[0]


def violations(package: Path, order: tuple[tuple[str, tuple[str, ...]], ...] = LAYERS) -> list[str]:
    """Every import of a higher layer, and every module without a layer, as file:line: why."""
    layers = {name: rank for rank, (_, names) in enumerate(order) for name in names}
    titles = [title for title, _ in order]
    files = sorted(package.rglob("*.py"))
    modules = {module_name(path, package) for path in files}
    found: list[str] = []
    for path in files:
        module = module_name(path, package)
        where = path.relative_to(package.parent)
        own = layer_of(module, layers)
        if own is None:
            found.append(f"{where}: {module} has no layer (add it to LAYERS in {__name__})")
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, name, written in imported(tree, module, path.name == "__init__.py"):
            target = _known(name, modules) if name.startswith("delreg") else name
            theirs = layer_of(target, layers)
            finding = (
                f"{where}:{line}: `{written}`: {titles[own]} ({module}) imports "
                f"{titles[theirs or 0]} ({target})"
            )
            if theirs is not None and theirs > own and finding not in found:
                found.append(finding)
        if layer_of(module, layers) != layers["store"]:
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr in STORE_PRIVATE:
                    found.append(
                        f"{where}:{node.lineno}: `.{node.attr}`: only the store touches the "
                        "register's connection and its private helpers"
                    )
    return found


def test_no_module_imports_a_higher_layer() -> None:
    found = violations(PACKAGE)
    assert not found, "imports against the flow of data:\n" + "\n".join(found)


PLANTED = {
    "__init__.py": "",
    "errors.py": "",
    "model.py": "from delreg.errors import *\n",
    "store/__init__.py": "from delreg.store.rows import row\n",
    "store/rows.py": (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from delreg.model import *\n"
        "if TYPE_CHECKING:\n"
        "    from delreg.parse import Record\n"
        "def row() -> None:\n"
        "    from ..cli import app\n"
        "    import delreg.checks.facts\n"
    ),
    "store/lookup.py": "import importlib\nimportlib.import_module('delreg.cli')\n",
    "parse/__init__.py": "from delreg.store import rows\nfrom delreg import cli\n",
    "checks/__init__.py": "",
    "checks/facts.py": "",
    "cli/__init__.py": "from delreg.store import rows\nrows.connection.execute('')\n",
    "stray.py": "",
}


def plant(root: Path, files: Mapping[str, str]) -> Path:
    package = root / "delreg"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_planted_imports_upwards_are_each_found_with_file_and_line(tmp_path: Path) -> None:
    found = violations(plant(tmp_path, PLANTED))
    expected = [
        "delreg/cli/__init__.py:2: `.connection`",
        "delreg/parse/__init__.py:2: `from delreg import cli`: parse (delreg.parse) imports "
        "cli (delreg.cli)",
        "delreg/store/lookup.py:2: `import_module('delreg.cli')`: store (delreg.store.lookup) "
        "imports cli (delreg.cli)",
        "delreg/store/rows.py:5: `from delreg.parse import Record`: store (delreg.store.rows) "
        "imports parse (delreg.parse)",
        "delreg/store/rows.py:7: `from ..cli import app`: store (delreg.store.rows) imports "
        "cli (delreg.cli)",
        "delreg/store/rows.py:8: `import delreg.checks.facts`: store (delreg.store.rows) "
        "imports services (delreg.checks.facts)",
        "delreg/stray.py: delreg.stray has no layer",
    ]
    for line in expected:
        assert any(each.startswith(line) for each in found), (line, found)
    assert len(found) == len(expected), found
    # Imports downwards and within a layer are the rule, not a finding.
    assert not any(each.startswith(("delreg/model.py", "delreg/store/__init__")) for each in found)


def test_the_planted_tree_passes_once_the_upward_imports_go(tmp_path: Path) -> None:
    upward = ("cli", "parse import", "checks", "connection")
    clean = {
        name: "\n".join(
            line[: len(line) - len(line.lstrip())] + "pass"
            if any(word in line for word in upward)
            else line
            for line in text.splitlines()
        )
        for name, text in PLANTED.items()
        if name != "stray.py"
    }
    assert violations(plant(tmp_path, clean)) == []


def test_each_name_has_one_layer_and_submodules_share_their_package_s() -> None:
    names = [each for _, names in LAYERS for each in names]
    assert len(names) == len(set(names))
    layers = {each: rank for rank, (_, names) in enumerate(LAYERS) for each in names}
    assert layer_of("delreg.store.columns", layers) == layer_of("delreg.store", layers) == 2
    assert layer_of("delreg", layers) == 0 and layer_of("delreg.cli.app", layers) == 6
    assert layer_of("sqlite3", layers) is None
