"""The same diary number listed twice in one export: harmless, or a mistake in the file.

The same number twice with the same values is harmless (the register upserts); with different
values it is a mistake, and the second is rejected naming both lines. Every tabular reader
(CSV, Excel, JSON) keeps one ``SeenDiaryNumbers`` per file. Pure: it holds its table in memory,
runs no SQL and writes no file.
"""

from __future__ import annotations

from array import array
from operator import attrgetter

from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.rows import READ_FIELDS

# What makes two rows with one diary number the same decision: everything but where it was read.
_compared_values = attrgetter(*READ_FIELDS)
# The table is split by the low bits of a number's hash into shards that grow one at a time,
# so that growing never holds the whole table twice (at a million rows, 32 MB and not 48).
_SHARD_BITS = 6
_FIRST_SLOTS = 256


class SeenDiaryNumbers:
    """Each diary number read from one file, its values' fingerprint and its line.

    A dict of the numbers would take 130-240 bytes a row (measured at 1 000 000 rows); this
    open-addressing table of each number's 64-bit hash, a 32-bit fingerprint of its values and
    its line takes 16 bytes a slot, at most half of them used: 32 MB at a million rows
    (bench/RESULTS.md has the import's peak). A false alarm needs two numbers with one hash
    (for a million rows, about 1 in 30 million); a missed clash needs two rows' values with one
    fingerprint (1 in 4 billion).
    """

    def __init__(self, unit: str = "line") -> None:
        self._unit = unit
        self._shards = [_Shard(_FIRST_SLOTS) for _ in range(1 << _SHARD_BITS)]

    def check(self, record: Decision | Rejected, position: int, where: str) -> Decision | Rejected:
        """The record, or a Rejected (at ``where``) when its number came earlier, otherwise."""
        if isinstance(record, Rejected):
            return record
        clash = self.conflict(record, position)
        return Rejected(where, clash) if clash else record

    def conflict(self, decision: Decision, position: int) -> str | None:
        """Why ``decision`` (at ``position``) clashes with an earlier row, or None."""
        key = hash(decision.diary_number)
        fingerprint = hash(_compared_values(decision)) & 0xFFFFFFFF
        earlier = self._shards[key & ((1 << _SHARD_BITS) - 1)].add(key, fingerprint, position)
        if earlier is None:
            return None
        return (
            f"diary_number: {decision.diary_number} is listed twice with different "
            f"values ({self._unit} {earlier} and {self._unit} {position})"
        )


class _Shard:
    """Open addressing with linear probing over three arrays; 0 marks an empty slot."""

    def __init__(self, capacity: int) -> None:
        self._size = 0
        self._allocate(capacity)

    def _allocate(self, capacity: int) -> None:
        self._keys = array("q", bytes(8 * capacity))
        self._fingerprints = array("I", bytes(4 * capacity))
        self._positions = array("I", bytes(4 * capacity))
        self._mask = capacity - 1

    def add(self, key: int, fingerprint: int, position: int) -> int | None:
        """Remember ``key`` at ``position``; the earlier position of a key already there with
        another fingerprint, else None."""
        slot = self._slot(key)
        earlier = self._positions[slot]
        if earlier:
            return None if self._fingerprints[slot] == fingerprint else earlier
        self._keys[slot] = key
        self._fingerprints[slot] = fingerprint
        # Positions are counted from 1, so none is 0.
        self._positions[slot] = min(position, 0xFFFFFFFF)
        self._size += 1
        if self._size * 2 > self._mask:
            self._grow()
        return None

    def _slot(self, key: int) -> int:
        """The slot that holds ``key``, or the empty one where it belongs. The shard's own
        bits of the hash are left out: every key in it has the same."""
        slot = (key >> _SHARD_BITS) & self._mask
        while self._positions[slot] and self._keys[slot] != key:
            slot = (slot + 1) & self._mask
        return slot

    def _grow(self) -> None:
        keys, fingerprints, positions = self._keys, self._fingerprints, self._positions
        self._allocate(2 * (self._mask + 1))
        for index, position in enumerate(positions):
            if position:
                slot = self._slot(keys[index])
                self._keys[slot] = keys[index]
                self._fingerprints[slot] = fingerprints[index]
                self._positions[slot] = position
