"""Add channels to a channel group (creating the group when it does not exist yet).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from pubnub.endpoints.channel_groups.base import ChannelGroupChannelsEndpoint
from pubnub.endpoints.endpoint import ClientT
from pubnub.enums import PNOperationType
from pubnub.models.consumer.channel_group import PNChannelGroupsAddChannelResult


class AddChannelToChannelGroup(ChannelGroupChannelsEndpoint[PNChannelGroupsAddChannelResult, ClientT]):
    """``pubnub.add_channel_to_channel_group().channels([...]).channel_group(name)``: ``?add=ch1,ch2``."""

    OPERATION = PNOperationType.PNAddChannelsToGroupOperation
    NAME = "Add channel to group"
    ADD_PATH = "/v1/channel-registration/sub-key/%s/channel-group/%s"
    PATH = ADD_PATH
    QUERY_KEY = "add"
    RESULT = PNChannelGroupsAddChannelResult
