"""The command line. Each module registers its commands on ``app``; none of them speaks SQL."""

# Importing a command module registers its commands on the app.
from delreg.cli import (  # noqa: F401
    check,
    decisions,
    importing,
    maintenance,
    meetings,
    report,
)
from delreg.cli.app import app

__all__ = ["app"]
