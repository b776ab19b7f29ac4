"""``manage_channel_members()``: add/update and remove channel members in one call.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Iterable, TypeVar

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChangeSetEndpoint, ChannelMembersEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.channel_members import PNUUID, PNManageChannelMembersResult

_ManageChannelMembersT = TypeVar("_ManageChannelMembersT", bound="ManageChannelMembers")


class ManageChannelMembers(ChannelMembersEndpoint[PNManageChannelMembersResult, ClientT],
                           ChangeSetEndpoint[PNManageChannelMembersResult, ClientT]):
    """``PATCH`` of the members path with ``{"set": [...], "delete": [...]}``."""

    OPERATION = PNOperationType.PNManageChannelMembersOperation
    NAME = "Manage Channel Members"
    MANAGE_CHANNELS_MEMBERS_PATH = ChannelMembersEndpoint.PATH
    RESULT = PNManageChannelMembersResult

    def set(self: _ManageChannelMembersT, uuids_to_set: Iterable[PNUUID]) -> _ManageChannelMembersT:
        """The members to add or update (replaces earlier calls)."""
        return self._replace_set(uuids_to_set)

    def remove(self: _ManageChannelMembersT, uuids_to_remove: Iterable[PNUUID]) -> _ManageChannelMembersT:
        """The members to remove (replaces earlier calls)."""
        return self._replace_delete(uuids_to_remove)
