"""delreg: a register of delegation decisions reported to a Swedish board (nämnd)."""

__version__ = "0.1.0"
