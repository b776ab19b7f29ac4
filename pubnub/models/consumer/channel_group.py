"""Results of the channel-group calls (4.8.1 models).

Layer: models (plain data). Imports nothing from the clients or transports.
"""
from __future__ import annotations

from typing import Any, List


class PNChannelGroupsAddChannelResult:
    """Channels were added to the group (the service answers with no data)."""

    def __str__(self) -> str:
        return "Channel successfully added"


class PNChannelGroupsRemoveChannelResult:
    """Channels were removed from the group (the service answers with no data)."""

    def __str__(self) -> str:
        return "Channel successfully removed"


class PNChannelGroupsRemoveGroupResult:
    """The group was removed (the service answers with no data)."""

    def __str__(self) -> str:
        return "Group successfully removed"


class PNChannelGroupsListResult:
    """``channels``: the names of the group's channels (empty for an unknown group)."""

    def __init__(self, channels: List[Any]) -> None:
        self.channels = channels

    @classmethod
    def from_json(cls, envelope: Any) -> PNChannelGroupsListResult:
        """Read ``payload.channels`` of the service's answer; anything else lists as empty."""
        payload = envelope.get("payload") if isinstance(envelope, dict) else None
        channels = payload.get("channels") if isinstance(payload, dict) else None
        return cls(list(channels) if isinstance(channels, list) else [])

    def __str__(self) -> str:
        return "Group contains following channels: %s" % ", ".join(str(channel) for channel in self.channels)
