"""delreg.config: the built-in defaults, kept as Python keeps compiled code, and read again
whenever their files change."""

from __future__ import annotations

import marshal
import os
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

import delreg.config
from delreg.config import _KEPT, _defaults, load_config, merge

DEFAULTS = Path(delreg.config.__file__).with_name("defaults")


def parsed(folder: Path) -> dict[str, object]:
    """The defaults as the files say, read by tomllib and merged in the order of their names."""
    raw: dict[str, object] = {}
    for entry in sorted(folder.glob("*.toml"), key=lambda entry: entry.name):
        raw = merge(raw, tomllib.loads(entry.read_text(encoding="utf-8")))
    return raw


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the defaults' folder, where what is read is kept (as when bytecode is)."""
    copy = tmp_path / "defaults"
    shutil.copytree(DEFAULTS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return copy


def kept_at(folder: Path) -> Path:
    return folder / "__pycache__" / _KEPT.format(sys.implementation.cache_tag)


def test_the_defaults_kept_are_the_defaults_read(folder: Path) -> None:
    first = _defaults(folder)
    assert kept_at(folder).is_file()
    again = _defaults(folder)
    # The same values, of the same types, in the same order as tomllib's.
    assert first == again == parsed(folder)
    assert repr(first) == repr(again) == repr(parsed(folder))
    # Each read its own: a caller that changes what it was given changes no other's.
    assert again is not first and again["kinds"] is not first["kinds"]


def test_what_is_kept_is_what_is_read_back(folder: Path) -> None:
    _defaults(folder)
    kept = kept_at(folder)
    # Made from the files (their names, sizes, times of change): what is kept is what comes
    # back, not a reading of the files (a TOML file can say nothing of this value).
    stamp, tables = marshal.loads(kept.read_bytes())
    tables[0]["kept-only"] = {"value": 1}
    kept.write_bytes(marshal.dumps((stamp, tables)))
    assert _defaults(folder)["kept-only"] == {"value": 1}


@pytest.mark.parametrize("change", ["edit", "touch", "add", "remove"])
def test_a_changed_defaults_file_is_read_again(folder: Path, change: str) -> None:
    _defaults(folder)
    core = folder / "core.toml"
    if change == "edit":
        core.write_text(
            core.read_text(encoding="utf-8") + '\n[edited]\nboard = "Regionstyrelsen"\n',
            encoding="utf-8",
        )
    elif change == "touch":
        status = core.stat()
        os.utime(core, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    elif change == "add":
        (folder / "zz-extra.toml").write_text('[register]\ndelegate = "Rektor"\n', "utf-8")
    else:
        (folder / "publish.toml").unlink()
    raw = _defaults(folder)
    assert raw == parsed(folder)
    if change == "edit":
        assert raw["edited"] == {"board": "Regionstyrelsen"}
    # Kept again for the next command, from the files as they are now.
    assert _defaults(folder) == raw


@pytest.mark.parametrize("written", [b"", b"\x00not marshal", b"\xe9", None])
def test_a_damaged_or_foreign_kept_file_is_read_past(folder: Path, written: bytes | None) -> None:
    kept = kept_at(folder)
    kept.parent.mkdir()
    # What another program (or a truncated write) left there, or another value marshal wrote.
    kept.write_bytes(written if written is not None else marshal.dumps([1, 2]))
    assert _defaults(folder) == parsed(folder)
    assert _defaults(folder) == parsed(folder)


def test_nothing_is_kept_where_python_keeps_no_bytecode(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert _defaults(folder) == parsed(folder)
    assert not (folder / "__pycache__").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder")
def test_a_folder_it_may_not_write_to_keeps_nothing_and_fails_nothing(folder: Path) -> None:
    folder.chmod(0o555)
    try:
        assert _defaults(folder) == parsed(folder)
        assert not (folder / "__pycache__").exists()
    finally:
        folder.chmod(0o755)


def test_a_kept_file_that_cannot_be_put_in_place_leaves_nothing_behind(folder: Path) -> None:
    # A folder where the kept file would go: the write fails, and leaves no part behind.
    kept_at(folder).mkdir(parents=True)
    assert _defaults(folder) == parsed(folder)
    assert [entry.name for entry in (folder / "__pycache__").iterdir()] == [kept_at(folder).name]


def test_the_configuration_is_the_defaults_merged_with_the_organisations_file(
    tmp_path: Path,
) -> None:
    own = tmp_path / "config.toml"
    own.write_text('[register]\nboard = "Hälso- och sjukvårdsnämnden"\n', encoding="utf-8")
    config = load_config(own)
    assert config.raw == merge(parsed(DEFAULTS), tomllib.loads(own.read_text(encoding="utf-8")))
    assert config.board == "Hälso- och sjukvårdsnämnden"
    assert load_config(None).raw == parsed(DEFAULTS)
