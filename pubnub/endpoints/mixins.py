"""Builder pieces shared by several endpoint families.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, List

from pubnub._context import ClientContext
from pubnub.endpoints.endpoint import Endpoint


class ChannelsAndGroupsEndpoint(Endpoint):
    """The appending ``channels(...)`` / ``channel_groups(...)`` setters of 4.8.1.

    A ``str`` argument is split on ","; a list or tuple is appended as is; calls accumulate.
    The 4.x test suites read the lists as ``_channels`` and ``_groups``.
    """

    def __init__(self, pubnub: ClientContext) -> None:
        super().__init__(pubnub)
        self._channels: List[Any] = []
        self._groups: List[Any] = []

    def channels(self, channels: Any) -> Any:
        self._add_items(self._channels, channels, "channels")
        return self

    def channel_groups(self, channel_groups: Any) -> Any:
        self._add_items(self._groups, channel_groups, "channel_groups")
        return self
