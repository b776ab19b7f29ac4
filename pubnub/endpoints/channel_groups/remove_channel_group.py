"""Remove a whole channel group.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from pubnub.endpoints.channel_groups.base import ChannelGroupEndpoint
from pubnub.endpoints.endpoint import ClientT
from pubnub.enums import PNOperationType
from pubnub.models.consumer.channel_group import PNChannelGroupsRemoveGroupResult


class RemoveChannelGroup(ChannelGroupEndpoint[PNChannelGroupsRemoveGroupResult, ClientT]):
    """``pubnub.remove_channel_group().channel_group(name)``: ``GET .../channel-group/{group}/remove``."""

    OPERATION = PNOperationType.PNRemoveGroupOperation
    NAME = "Remove group"
    REMOVE_PATH = "/v1/channel-registration/sub-key/%s/channel-group/%s/remove"
    PATH = REMOVE_PATH
    RESULT = PNChannelGroupsRemoveGroupResult
