"""Remove channels from a channel group (unknown channels are no error).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from pubnub.endpoints.channel_groups.base import ChannelGroupChannelsEndpoint
from pubnub.endpoints.endpoint import ClientT
from pubnub.enums import PNOperationType
from pubnub.models.consumer.channel_group import PNChannelGroupsRemoveChannelResult


class RemoveChannelFromChannelGroup(ChannelGroupChannelsEndpoint[PNChannelGroupsRemoveChannelResult, ClientT]):
    """``pubnub.remove_channel_from_channel_group().channels([...]).channel_group(name)``: ``?remove=...``."""

    OPERATION = PNOperationType.PNRemoveChannelsFromGroupOperation
    NAME = "Remove channel from group"
    REMOVE_PATH = "/v1/channel-registration/sub-key/%s/channel-group/%s"
    PATH = REMOVE_PATH
    QUERY_KEY = "remove"
    RESULT = PNChannelGroupsRemoveChannelResult
