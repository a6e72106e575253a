"""delreg's tests, arranged as the package is (tests/store for delreg/store, …)."""

from pathlib import Path

# The repository's root, the folder that holds tests/: everything a test reads is inside it.
ROOT = Path(__file__).resolve().parents[1]
