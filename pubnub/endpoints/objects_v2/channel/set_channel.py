"""``set_channel_metadata()``: create or replace a channel's name, description and custom data.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChannelEndpoint, CustomAwareEndpoint, IncludeCustomEndpoint
from pubnub.enums import HttpMethod, PNOperationType
from pubnub.models.consumer.objects_v2.channel import PNSetChannelMetadataResult

_SetChannelT = TypeVar("_SetChannelT", bound="SetChannel")


class SetChannel(ChannelEndpoint[PNSetChannelMetadataResult, ClientT],
                 IncludeCustomEndpoint[PNSetChannelMetadataResult, ClientT],
                 CustomAwareEndpoint[PNSetChannelMetadataResult, ClientT]):
    """``PATCH /v2/objects/{sub}/channels/{channel}``; every field is sent, unset ones as ``null``."""

    OPERATION = PNOperationType.PNSetChannelMetadataOperation
    NAME = "Set Channel"
    HTTP_METHOD = HttpMethod.PATCH
    SET_CHANNEL_PATH = "/v2/objects/%s/channels/%s"
    PATH = SET_CHANNEL_PATH
    RESULT = PNSetChannelMetadataResult

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._name: Optional[str] = None
        self._description: Optional[str] = None

    def set_name(self: _SetChannelT, name: object) -> _SetChannelT:
        """The display name (``name()`` is taken by the endpoint's own name)."""
        self._name = self._as_text(name, "set_name")
        return self

    def description(self: _SetChannelT, description: object) -> _SetChannelT:
        self._description = self._as_text(description, "description")
        return self

    def build_data(self) -> str:
        return utils.write_value_as_string({"name": self._name, "description": self._description,
                                            "custom": self._custom})
