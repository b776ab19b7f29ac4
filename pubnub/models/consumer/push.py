"""Results of the mobile push registration calls (4.8.1 models).

Layer: models (plain data). Imports nothing from the clients or transports.
"""
from __future__ import annotations

from typing import Any, List


class PNPushAddChannelResult:
    """Push notifications were enabled on the channels (the service's answer carries no data)."""

    def __str__(self) -> str:
        return "Channel successfully added"


class PNPushRemoveChannelResult:
    """Push notifications were disabled on the channels (the service's answer carries no data)."""

    def __str__(self) -> str:
        return "Channel successfully removed"


class PNPushRemoveAllChannelsResult:
    """The device was unregistered from every channel (the service's answer carries no data)."""

    def __str__(self) -> str:
        return "All channels successfully removed"


class PNPushListProvisionsResult:
    """``channels``: the channels the device receives push notifications for."""

    def __init__(self, channels: List[Any]) -> None:
        self.channels = channels

    @classmethod
    def from_json(cls, envelope: Any) -> PNPushListProvisionsResult:
        """The service answers a JSON array of names; anything else (an object, null) lists as empty."""
        return cls(list(envelope) if isinstance(envelope, list) else [])

    def __str__(self) -> str:
        return "Push notification enabled on following channels: %s" % ", ".join(
            str(channel) for channel in self.channels)
