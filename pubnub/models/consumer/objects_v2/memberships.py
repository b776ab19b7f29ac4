"""Objects v2 memberships: the ``PNChannelMembership`` items a call sends, the call results and
the real-time membership event.

Layer: public models (pure data).
"""
from __future__ import annotations

from typing import Any, Dict

from pubnub.models.consumer.objects_v2.common import PNObjectsPageableResult


class PNChannelMembership:
    """A channel a uuid joins or leaves; build with ``channel()`` or ``channel_with_custom()``."""

    def __init__(self, channel: Any) -> None:
        self._channel = str(channel)

    @staticmethod
    def channel(channel: Any) -> JustChannel:
        """A membership given by its channel only."""
        return JustChannel(channel)

    @staticmethod
    def channel_with_custom(channel: Any, custom: Any) -> ChannelWithCustom:
        """A membership with its own ``custom`` data."""
        return ChannelWithCustom(channel, custom)

    def to_payload_dict(self) -> Dict[str, Any]:
        """The item as it appears in the ``set``/``delete`` list of the request body."""
        return {"channel": {"id": self._channel}}


class JustChannel(PNChannelMembership):
    """A membership without custom data: ``{"channel": {"id": ...}}``."""


class ChannelWithCustom(PNChannelMembership):
    """A membership with custom data: ``{"channel": {"id": ...}, "custom": {...}}``."""

    def __init__(self, channel: Any, custom: Any) -> None:
        super().__init__(channel)
        self._custom = custom

    def to_payload_dict(self) -> Dict[str, Any]:
        return {"channel": {"id": self._channel}, "custom": self._custom}


class PNSetMembershipsResult(PNObjectsPageableResult):
    """Result of ``set_memberships()``: the uuid's memberships after the change (first page)."""

    TEXT = "Set Memberships metatdata: %s"


class PNGetMembershipsResult(PNObjectsPageableResult):
    """Result of ``get_memberships()``: a page of membership items."""

    TEXT = "Get Memberships metatdata: %s"


class PNRemoveMembershipsResult(PNObjectsPageableResult):
    """Result of ``remove_memberships()``: the uuid's memberships after the change (first page)."""

    TEXT = "Remove Memberships metatdata: %s"


class PNManageMembershipsResult(PNObjectsPageableResult):
    """Result of ``manage_memberships()`` (4.8.1's text says "Channel Members", kept verbatim)."""

    TEXT = "Manage Channel Members metatdata: %s"


class PNMembershipResult:
    """A membership event (``set``/``delete``) delivered to ``SubscribeCallback.membership``."""

    def __init__(self, event: Any, data: Any) -> None:
        self.event = event
        self.data = data

    def __str__(self) -> str:
        return "Membership %s event with data: %s" % (self.event, self.data)
