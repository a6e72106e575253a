"""The same diary number listed twice in one export: harmless, or a mistake in the file.

The same number twice with the same values is harmless (the register upserts); with different
values it is a mistake, and the second is rejected naming both lines. Every tabular reader
(CSV, Excel, JSON) keeps one ``SeenDiaryNumbers`` per file. Pure: it holds its table in memory,
runs no SQL and writes no file.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter

from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.registry_rows import READ_FIELDS

# What makes two rows with one diary number the same decision: everything but where it was read.
_compared_values = attrgetter(*READ_FIELDS)
_diary_number = attrgetter("diary_number")
# The table is split by the low bits of a number's hash into shards that grow one at a time,
# so that growing never holds the whole table twice (at a million rows, 32 MB and not 48).
_SHARD_BITS = 6
_SHARD_MASK = (1 << _SHARD_BITS) - 1
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
        if type(record) is not Decision:
            return record
        clash = self.conflict(record, position)
        return Rejected(where, clash) if clash else record

    def check_all(
        self, records: list[Decision | Rejected], positions: Sequence[int], wheres: Sequence[str]
    ) -> list[Decision | Rejected]:
        """``check`` of each record (at its position and where), in order, in place."""
        if not all(type(record) is Decision for record in records):
            for index, record in enumerate(records):
                records[index] = self.check(record, positions[index], wheres[index])
            return records
        # The numbers' hashes and the values' fingerprints, all at once in C.
        keys = map(hash, map(_diary_number, records))
        prints = map(hash, map(_compared_values, records))
        shards = self._shards
        for index, key, fingerprint in zip(range(len(records)), keys, prints, strict=True):
            earlier = shards[key & _SHARD_MASK].add(key, fingerprint & 0xFFFFFFFF, positions[index])
            if earlier is not None:
                records[index] = Rejected(
                    wheres[index], self._clash(records[index], earlier, positions[index])
                )
        return records

    def conflict(self, decision: Decision, position: int) -> str | None:
        """Why ``decision`` (at ``position``) clashes with an earlier row, or None."""
        key = hash(decision.diary_number)
        fingerprint = hash(_compared_values(decision)) & 0xFFFFFFFF
        earlier = self._shards[key & _SHARD_MASK].add(key, fingerprint, position)
        return None if earlier is None else self._clash(decision, earlier, position)

    def _clash(self, decision: Decision | Rejected, earlier: int, position: int) -> str:
        assert isinstance(decision, Decision)
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
        # Probing from the key's home slot, without the shard's own bits of the hash (every
        # key in it has the same), written out: this runs for every row of every export.
        keys, positions, mask = self._keys, self._positions, self._mask
        slot = (key >> _SHARD_BITS) & mask
        while earlier := positions[slot]:
            if keys[slot] == key:
                return None if self._fingerprints[slot] == fingerprint else earlier
            slot = (slot + 1) & mask
        keys[slot] = key
        self._fingerprints[slot] = fingerprint
        # Positions are counted from 1, so none is 0.
        positions[slot] = min(position, 0xFFFFFFFF)
        self._size += 1
        if self._size * 2 > mask:
            self._grow()
        return None

    def _grow(self) -> None:
        keys, fingerprints, positions = self._keys, self._fingerprints, self._positions
        self._allocate(2 * (self._mask + 1))
        # The same probing, over the slots in use (found by compress, in C): a table of a
        # million rows is moved about once in all, a row at a time.
        new_keys, new_positions, mask = self._keys, self._positions, self._mask
        for index in compress(range(len(positions)), positions):
            key = keys[index]
            slot = (key >> _SHARD_BITS) & mask
            # Every key moved is unlike the others: the first free slot is its own.
            while new_positions[slot]:
                slot = (slot + 1) & mask
            new_keys[slot] = key
            self._fingerprints[slot] = fingerprints[index]
            new_positions[slot] = positions[index]
