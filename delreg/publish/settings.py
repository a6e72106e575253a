"""What a publication needs besides the register: where it will live, who publishes it, its
licence. Read from the configuration's [publish] table, the command's options winning. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from delreg.config import Config
from delreg.errors import DelregError


@dataclass(frozen=True)
class PublishSettings:
    base_url: str
    publisher: str
    contact_email: str
    title: str
    description: str
    licence: str
    licence_name: str
    feed_entries: int = 200
    latest_decisions: int = 20

    @property
    def host(self) -> str:
        """The base URL's host: the calendar's UIDs are unique under it (RFC 5545 3.8.4.7)."""
        return urlsplit(self.base_url).hostname or "delreg.invalid"

    def url(self, path: str) -> str:
        """The absolute URL of a file of the bundle, given its path inside the bundle."""
        return self.base_url + path


def publish_settings(config: Config, **given: Any) -> PublishSettings:
    """The settings from the configuration with the options the user ``given`` (None: not given).

    The base URL and the contact address have no sensible default: a catalogue with a made-up
    address would be harvested as it is, so both are asked for.
    """
    section = config.section("publish")
    values = {name: value for name, value in section.items() if name in _FIELDS}
    values.update({name: value for name, value in given.items() if value is not None})
    missing = [name for name in ("base_url", "contact_email") if not str(values.get(name, ""))]
    if missing:
        options = " and ".join(_OPTIONS[name] for name in missing)
        raise DelregError(
            f"publishing needs {options}",
            hint="give " + options + ", or set them under [publish] in the configuration "
            "(base_url, contact_email)",
        )
    base_url = str(values["base_url"])
    if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).hostname:
        raise DelregError(
            f"{base_url!r} is not a web address",
            hint="give the address the bundle will have, e.g. https://region.example/beslut/",
        )
    values["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    if "@" not in str(values["contact_email"]):
        raise DelregError(
            f"{values['contact_email']!r} is not an e-mail address",
            hint="the catalogue's contact point is an e-mail address, e.g. registrator@region.se",
        )
    # Empty: publish() names the register's board (or the title, for a register with none).
    values["publisher"] = str(values.get("publisher") or config.board)
    return PublishSettings(
        **{name: type_(values[name]) for name, type_ in _FIELDS.items() if name in values}
    )


_FIELDS: dict[str, type] = {
    "base_url": str,
    "publisher": str,
    "contact_email": str,
    "title": str,
    "description": str,
    "licence": str,
    "licence_name": str,
    "feed_entries": int,
    "latest_decisions": int,
}
_OPTIONS = {"base_url": "--base-url", "contact_email": "--contact"}
