"""``remove_channel_metadata()``: delete one channel's metadata.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelEndpoint
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.models.consumer.objects_v2.channel import PNRemoveChannelMetadataResult


class RemoveChannel(ChannelEndpoint[PNRemoveChannelMetadataResult, ClientT]):
    """``DELETE /v2/objects/{sub}/channels/{channel}``; the answer's ``data`` is null."""

    OPERATION = PNOperationType.PNRemoveChannelMetadataOperation
    NAME = "Remove Channel"
    HTTP_METHOD = HttpMethod.DELETE
    REMOVE_CHANNEL_PATH = "/v2/objects/%s/channels/%s"
    PATH = REMOVE_CHANNEL_PATH
    RESULT = PNRemoveChannelMetadataResult
