"""List the channels of a channel group (an unknown group lists as empty).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any

from pubnub.endpoints.channel_groups.base import ChannelGroupEndpoint
from pubnub.endpoints.endpoint import ClientT
from pubnub.enums import PNOperationType
from pubnub.models.consumer.channel_group import PNChannelGroupsListResult


class ListChannelsInChannelGroup(ChannelGroupEndpoint[PNChannelGroupsListResult, ClientT]):
    """``pubnub.list_channels_in_channel_group().channel_group(name)``; result ``channels``."""

    OPERATION = PNOperationType.PNChannelsForGroupOperation
    NAME = "List channels in group"
    LIST_PATH = "/v1/channel-registration/sub-key/%s/channel-group/%s"
    PATH = LIST_PATH

    def create_response(self, envelope: Any) -> PNChannelGroupsListResult:
        return PNChannelGroupsListResult.from_json(envelope)
