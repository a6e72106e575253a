"""Configuration: the built-in defaults merged with an organisation's own TOML file.

Everything that differs between organisations lives here rather than in code: the shapes of
diary and procurement numbers, the decision kinds and their phrasing, column names of registry
exports, prisbasbelopp per year and the thresholds of the checks.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from delreg.errors import InputError

if TYPE_CHECKING:
    import tomllib

FALLBACK_KIND = "beslut"


@dataclass(frozen=True)
class KindSpec:
    slug: str
    label: str
    phrase: str
    match: tuple[str, ...]
    standstill: bool = False


# eq=False: a configuration is compared (and hashed) by identity, so readers can cache what
# they compile from it per configuration.
@dataclass(frozen=True, eq=False)
class Config:
    raw: dict[str, Any] = field(repr=False)
    source: str = "built-in defaults"

    @cached_property
    def diary_number_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile_shapes(self.raw["numbers"]["diary_number_patterns"])

    @cached_property
    def procurement_number_patterns(self) -> tuple[re.Pattern[str], ...]:
        return _compile_shapes(self.raw["numbers"]["procurement_number_patterns"])

    @cached_property
    def kinds(self) -> dict[str, KindSpec]:
        kinds = {
            slug: KindSpec(
                slug=slug,
                label=str(spec.get("label", slug)),
                phrase=str(spec.get("phrase", "beslutat om")),
                match=tuple(spec.get("match", ())),
                standstill=bool(spec.get("standstill", False)),
            )
            for slug, spec in self.raw.get("kinds", {}).items()
        }
        kinds.setdefault(FALLBACK_KIND, KindSpec(FALLBACK_KIND, "Övriga beslut", "beslutat om", ()))
        return kinds

    @property
    def board(self) -> str:
        return str(self.raw.get("register", {}).get("board", ""))

    @property
    def board_series(self) -> dict[str, str]:
        """[routing.series]: a diary-number series (``RS``) → the code of its board."""
        table = self.raw.get("routing", {}).get("series", {})
        if not isinstance(table, dict):
            return {}
        return {str(series).upper(): str(code) for series, code in table.items()}

    @property
    def default_delegate(self) -> str:
        return str(self.raw.get("register", {}).get("delegate", ""))

    @property
    def secret_text(self) -> str:
        return str(self.raw.get("public", {}).get("secret_text", "Uppgift omfattas av sekretess"))

    def section(self, name: str) -> dict[str, Any]:
        """A configuration table for a module that owns its own keys (agenda, columns …)."""
        value = self.raw.get(name, {})
        return value if isinstance(value, dict) else {}

    def prisbasbelopp(self, year: int) -> int | None:
        value = self.raw.get("prisbasbelopp", {}).get(str(year))
        return int(value) if value is not None else None

    def check_setting(self, name: str, default: int) -> int:
        return int(self.raw.get("checks", {}).get(name, default))


def _compile_shapes(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into ``base``: tables key by key, lists extended without duplicates.

    A table in ``override`` that says ``replace = true`` replaces the one in ``base`` whole.
    """
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if isinstance(value, dict) and value.get("replace") is True:
            merged[key] = {k: v for k, v in value.items() if k != "replace"}
        elif isinstance(value, dict) and isinstance(old, dict):
            merged[key] = merge(old, value)
        elif isinstance(value, list) and isinstance(old, list):
            merged[key] = old + [item for item in value if item not in old]
        else:
            merged[key] = value
    return merged


def default_config_path() -> Path:
    explicit = os.environ.get("DELREG_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "delreg" / "config.toml"


def _read_toml(text: str, source: str) -> dict[str, Any]:
    # Imported here: with the defaults kept (_defaults) and no file of the organisation's, a
    # command never parses TOML, and tomllib's import is 3 ms of its start-up.
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        # tomllib reads nested arrays and tables by recursion; Python's stack ends first.
        raise InputError(
            "not valid TOML (nested too deeply)",
            source=source,
            hint="a configuration nests tables a few levels deep; fix the file or point "
            "DELREG_CONFIG elsewhere",
        ) from None
    except tomllib.TOMLDecodeError as error:
        line = _toml_error_line(error)
        raise InputError(
            f"not valid TOML ({error})",
            source=source,
            line=line,
            hint="fix the configuration file or point DELREG_CONFIG elsewhere",
        ) from None


def _toml_error_line(error: tomllib.TOMLDecodeError) -> int | None:
    # tomllib puts "(at line N, column M)" in its message; older versions have no attribute.
    found = re.search(r"line (\d+)", str(error))
    return int(found.group(1)) if found else None


def load_config(path: Path | None = None) -> Config:
    """The built-in defaults merged with the organisation's file, if there is one."""
    raw = _defaults(Path(__file__).with_name("defaults"))
    chosen = path or default_config_path()
    if path is not None and not chosen.exists():
        raise InputError(
            "no such configuration file",
            source=str(chosen),
            hint="check --config or DELREG_CONFIG; without either, delreg's defaults are used",
        )
    if not chosen.exists():
        return Config(raw)
    try:
        text = chosen.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"cannot read configuration ({error})",
            source=str(chosen),
            hint="check the file, or point --config or DELREG_CONFIG elsewhere",
        ) from None
    config = Config(merge(raw, _read_toml(text, str(chosen))), source=str(chosen))
    _validate(config)
    return config


def _defaults(folder: Path) -> dict[str, Any]:
    """The built-in defaults: each area of delreg ships its own file (core, agenda, columns …),
    merged in the order of their names.

    Read from the package's folder (pyproject.toml installs the files there): importlib.resources
    would cost every command's start-up 5 ms of imports. Parsing the files (30 kB of TOML, and
    importing tomllib) cost another 4–5 ms of every command; so, as Python keeps a module's
    compiled code in __pycache__, what each file holds is kept there (``_KEPT``) and read back
    while the files are the ones it was read from: the same names, sizes and times of change.
    """
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
    read_from = tuple(
        (entry.name, status.st_size, status.st_mtime_ns)
        for entry in files
        for status in (entry.stat(),)
    )
    tag = sys.implementation.cache_tag
    kept = folder / "__pycache__" / _KEPT.format(tag) if tag else None
    tables = _read_kept(kept, read_from) if kept is not None else None
    if tables is None:
        tables = [
            _read_toml(entry.read_text(encoding="utf-8"), f"delreg/defaults/{entry.name}")
            for entry in files
        ]
        # As Python writes no compiled code where it is told not to (PYTHONDONTWRITEBYTECODE).
        if kept is not None and not sys.dont_write_bytecode:
            _keep(kept, read_from, tables)
    raw: dict[str, Any] = {}
    for table in tables:
        raw = merge(raw, table)
    return raw


# What the defaults files hold, as marshal writes it, with what it was read from: named by the
# interpreter (marshal's format is its own), as a module's compiled code is. Only TOML's
# reading is kept: the merging is done afresh, by this delreg's own rules.
_KEPT = "defaults.{}.marshal"

# Each defaults file's name, size and time of change (in nanoseconds).
_ReadFrom = tuple[tuple[str, int, int], ...]


def _read_kept(kept: Path, read_from: _ReadFrom) -> list[dict[str, Any]] | None:
    """The tables kept at ``kept`` if they were read from ``read_from``; else None."""
    try:
        stamp, tables = marshal.loads(kept.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # none kept yet, unreadable, or not ours: read the files
    if stamp != read_from or not isinstance(tables, list) or len(tables) != len(read_from):
        return None
    if not all(isinstance(table, dict) for table in tables):
        return None
    return tables


def _keep(kept: Path, read_from: _ReadFrom, tables: list[dict[str, Any]]) -> None:
    """Keep the files' tables for the next command, whole or not at all; where that cannot be
    (a folder it may not write to, a value marshal cannot carry), they are read again."""
    try:
        data = marshal.dumps((read_from, tables))
    except ValueError:
        return
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.part")
    try:
        kept.parent.mkdir(exist_ok=True)
        partial.write_bytes(data)
        # Put in place whole: a command reading it meanwhile finds the old one or the new.
        os.replace(partial, kept)
    except OSError:
        partial.unlink(missing_ok=True)


def _validate(config: Config) -> None:
    for name in ("diary_number_patterns", "procurement_number_patterns"):
        for pattern in config.raw["numbers"][name]:
            try:
                re.compile(pattern)
            except re.error as error:
                raise InputError(
                    f"numbers.{name}: {pattern!r} is not a regular expression ({error})",
                    source=config.source,
                    hint="a shape is a Python regular expression, e.g. 'SN\\.\\d{4}\\.\\d{3}'",
                ) from None
