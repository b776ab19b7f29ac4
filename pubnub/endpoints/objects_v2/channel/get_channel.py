"""``get_channel_metadata()``: read one channel's metadata.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelEndpoint, IncludeCustomEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.channel import PNGetChannelMetadataResult


class GetChannel(ChannelEndpoint[PNGetChannelMetadataResult, ClientT],
                 IncludeCustomEndpoint[PNGetChannelMetadataResult, ClientT]):
    """``GET /v2/objects/{sub}/channels/{channel}``."""

    OPERATION = PNOperationType.PNGetChannelMetadataOperation
    NAME = "Get Channel"
    GET_CHANNEL_PATH = "/v2/objects/%s/channels/%s"
    PATH = GET_CHANNEL_PATH
    RESULT = PNGetChannelMetadataResult
