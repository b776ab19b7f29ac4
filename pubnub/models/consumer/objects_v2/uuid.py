"""Objects v2 uuid metadata models: call results and the real-time uuid event.

Layer: public models (pure data).
"""
from __future__ import annotations

from typing import Any

from pubnub.models.consumer.objects_v2.common import PNObjectsPageableResult, PNObjectsResult


class PNSetUUIDMetadataResult(PNObjectsResult):
    """Result of ``set_uuid_metadata()``: the stored uuid object in ``data``."""

    TEXT = "Set UUID metatdata: %s"


class PNGetUUIDMetadataResult(PNObjectsResult):
    """Result of ``get_uuid_metadata()``: the uuid object in ``data``."""

    TEXT = "Get UUID metatdata: %s"


class PNRemoveUUIDMetadataResult(PNObjectsResult):
    """Result of ``remove_uuid_metadata()``: ``data`` is None (4.8.1 reused the "Get" text)."""

    TEXT = "Get UUID metatdata: %s"


class PNGetAllUUIDMetadataResult(PNObjectsPageableResult):
    """Result of ``get_all_uuid_metadata()``: a page of uuid objects plus paging fields."""

    TEXT = "Get all UUID metatdata: %s"


class PNUUIDMetadataResult:
    """A uuid metadata event (``set``/``delete``) delivered to ``SubscribeCallback.uuid``."""

    def __init__(self, event: Any, data: Any) -> None:
        self.event = event
        self.data = data

    def __str__(self) -> str:
        return "UUID %s event with data: %s" % (self.event, self.data)
