"""Builder pieces shared by several endpoint families.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, List, TypeVar

from pubnub.endpoints.endpoint import ClientT, Endpoint, Names, ResultT

_ChannelsAndGroupsEndpointT = TypeVar("_ChannelsAndGroupsEndpointT", bound="ChannelsAndGroupsEndpoint")


class ChannelsAndGroupsEndpoint(Endpoint[ResultT, ClientT]):
    """The appending ``channels(...)`` / ``channel_groups(...)`` setters of 4.8.1.

    A ``str`` argument is split on ","; a list or tuple is appended as is; calls accumulate.
    The 4.x test suites read the lists as ``_channels`` and ``_groups``.
    """

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channels: List[Any] = []
        self._groups: List[Any] = []

    def channels(self: _ChannelsAndGroupsEndpointT, channels: Names) -> _ChannelsAndGroupsEndpointT:
        self._add_items(self._channels, channels, "channels")
        return self

    def channel_groups(self: _ChannelsAndGroupsEndpointT, channel_groups: Names) -> _ChannelsAndGroupsEndpointT:
        self._add_items(self._groups, channel_groups, "channel_groups")
        return self
