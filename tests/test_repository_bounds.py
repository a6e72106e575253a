"""A user's clone has nothing beside it: no test, fixture or script reads outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import ROOT

# Where a path could be built that climbs out of the clone: a grandparent (or higher) of a file
# in tests/ is the folder that holds the repository, and a parent-directory step leaves it from
# the repository's root. The pattern is assembled from parts so this file does not match itself.
_UP = re.escape("." * 2)
ESCAPES = re.compile(
    "parents" + r"\[[2-9]\]" + "|" + _UP + "/" + "|" + _UP + r"\\" + "|" + "['\"]" + _UP + "['\"]"
)

# The files the project runs: its tests, its scripts and its build.
RUN_FILES = sorted(
    [
        *ROOT.glob("tests/**/*.py"),
        *ROOT.glob("bench/**/*.py"),
        *ROOT.glob("delreg/**/*.py"),
        ROOT / "Makefile",
        ROOT / ".ci" / "run",
    ]
)


@pytest.mark.parametrize("path", RUN_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_path_leaves_the_repository(path: Path) -> None:
    if path == Path(__file__):
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert not ESCAPES.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def test_no_file_names_the_shared_folder_beside_the_clone() -> None:
    for path in RUN_FILES:
        if path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8")
        assert "shared/seeds" not in text, path


def test_a_read_beside_the_clone_is_refused() -> None:
    # conftest's audit hook turns such a read into an error, so the whole run proves the rule.
    beside = ROOT.parent / "shared" / "seeds" / "any.txt"
    with pytest.raises(RuntimeError, match="outside the repository"):
        open(beside, encoding="utf-8")  # noqa: SIM115
