"""Objects v2 channel members: the ``PNUUID`` items a call sends and the call results.

Layer: public models (pure data).
"""
from __future__ import annotations

from typing import Any, Dict

from pubnub.models.consumer.objects_v2.common import PNObjectsPageableResult


class PNUUID:
    """A member to add to or remove from a channel; build with ``uuid()`` or ``uuid_with_custom()``."""

    def __init__(self, uuid: Any) -> None:
        self._uuid = str(uuid)

    @staticmethod
    def uuid(uuid: Any) -> JustUUID:
        """A member given by its uuid only."""
        return JustUUID(uuid)

    @staticmethod
    def uuid_with_custom(uuid: Any, custom: Any) -> UUIDWithCustom:
        """A member with its own membership ``custom`` data."""
        return UUIDWithCustom(uuid, custom)

    def to_payload_dict(self) -> Dict[str, Any]:
        """The item as it appears in the ``set``/``delete`` list of the request body."""
        return {"uuid": {"id": self._uuid}}


class JustUUID(PNUUID):
    """A member without membership custom data: ``{"uuid": {"id": ...}}``."""


class UUIDWithCustom(PNUUID):
    """A member with membership custom data: ``{"uuid": {"id": ...}, "custom": {...}}``."""

    def __init__(self, uuid: Any, custom: Any) -> None:
        super().__init__(uuid)
        self._custom = custom

    def to_payload_dict(self) -> Dict[str, Any]:
        return {"uuid": {"id": self._uuid}, "custom": self._custom}


class PNSetChannelMembersResult(PNObjectsPageableResult):
    """Result of ``set_channel_members()``: the channel's members after the change (first page)."""

    TEXT = "Set Channel Members metatdata: %s"


class PNGetChannelMembersResult(PNObjectsPageableResult):
    """Result of ``get_channel_members()``: a page of member items."""

    TEXT = "Get Channel Members metatdata: %s"


class PNRemoveChannelMembersResult(PNObjectsPageableResult):
    """Result of ``remove_channel_members()``: the channel's members after the change (first page)."""

    TEXT = "Remove Channel Members metatdata: %s"


class PNManageChannelMembersResult(PNObjectsPageableResult):
    """Result of ``manage_channel_members()``: the channel's members after the change (first page)."""

    TEXT = "Manage Channel Members metatdata: %s"
