"""A reproducible random sample of decisions. Pure.

The same seed gives the same sample of the same register, whatever order the register returns
its rows in and whatever ids it gave them: the population is sorted by diary number first, and
Python's own Mersenne Twister (``random.Random(seed)``, stable across Python versions for
``sample``) draws from that list. An auditor who knows the seed can draw the sample again.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from delreg.model import Decision


def draw_sample(decisions: Iterable[Decision], size: int, seed: int) -> list[Decision]:
    """``size`` decisions (all of them when there are fewer), in diary-number order."""
    population = sorted(decisions, key=lambda decision: decision.diary_number)
    chosen = random.Random(seed).sample(population, min(size, len(population)))
    return sorted(chosen, key=lambda decision: decision.diary_number)
