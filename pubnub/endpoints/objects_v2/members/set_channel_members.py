"""``set_channel_members()``: add uuids (``PNUUID`` items) to a channel or update their membership custom data.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Iterable, TypeVar

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChangeSetEndpoint, ChannelMembersEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.channel_members import PNUUID, PNSetChannelMembersResult

_SetChannelMembersT = TypeVar("_SetChannelMembersT", bound="SetChannelMembers")


class SetChannelMembers(ChannelMembersEndpoint[PNSetChannelMembersResult, ClientT],
                        ChangeSetEndpoint[PNSetChannelMembersResult, ClientT]):
    """``PATCH`` of the members path with ``{"set": [...], "delete": []}``."""

    OPERATION = PNOperationType.PNSetChannelMembersOperation
    NAME = "Set Channel Members"
    SET_CHANNEL_MEMBERS_PATH = ChannelMembersEndpoint.PATH
    RESULT = PNSetChannelMembersResult

    def uuids(self: _SetChannelMembersT, uuids: Iterable[PNUUID]) -> _SetChannelMembersT:
        """The members to add or update (replaces earlier calls)."""
        return self._replace_set(uuids, "uuids")
