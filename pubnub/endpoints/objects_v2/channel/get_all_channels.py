"""``get_all_channel_metadata()``: list the channels of the keyset that have metadata, a page at a time.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import IncludeCustomEndpoint, ListEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.channel import PNGetAllChannelMetadataResult


class GetAllChannels(ListEndpoint[PNGetAllChannelMetadataResult, ClientT],
                     IncludeCustomEndpoint[PNGetAllChannelMetadataResult, ClientT]):
    """``GET /v2/objects/{sub}/channels`` with the list options."""

    OPERATION = PNOperationType.PNGetAllChannelMetadataOperation
    NAME = "Get all Channels"
    GET_ALL_CHANNELS_PATH = "/v2/objects/%s/channels"
    PATH = GET_ALL_CHANNELS_PATH
    RESULT = PNGetAllChannelMetadataResult
