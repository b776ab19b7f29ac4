"""Objects v2 channel metadata models: call results and the real-time channel event.

Layer: public models (pure data).
"""
from __future__ import annotations

from typing import Any

from pubnub.models.consumer.objects_v2.common import PNObjectsPageableResult, PNObjectsResult


class PNSetChannelMetadataResult(PNObjectsResult):
    """Result of ``set_channel_metadata()``: the stored channel object in ``data``."""

    TEXT = "Set Channel metatdata: %s"


class PNGetChannelMetadataResult(PNObjectsResult):
    """Result of ``get_channel_metadata()``: the channel object in ``data``."""

    TEXT = "Get Channel metatdata: %s"


class PNRemoveChannelMetadataResult(PNObjectsResult):
    """Result of ``remove_channel_metadata()``: ``data`` is None (4.8.1 reused the "Get" text)."""

    TEXT = "Get Channel metatdata: %s"


class PNGetAllChannelMetadataResult(PNObjectsPageableResult):
    """Result of ``get_all_channel_metadata()``: a page of channel objects plus paging fields."""

    TEXT = "Get all Channel metatdata: %s"


class PNChannelMetadataResult:
    """A channel metadata event (``set``/``delete``) delivered to ``SubscribeCallback.channel``."""

    def __init__(self, event: Any, data: Any) -> None:
        self.event = event
        self.data = data

    def __str__(self) -> str:
        return "Channel %s event with data: %s" % (self.event, self.data)
