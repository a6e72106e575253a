"""The command line. Each module registers its commands on ``app``; none of them speaks SQL."""

from delreg.cli import decisions, meetings  # noqa: F401 - they register commands
from delreg.cli.app import app

__all__ = ["app"]
