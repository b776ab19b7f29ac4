"""``remove_channel_members()``: remove uuids (``PNUUID`` items) from a channel.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Iterable, TypeVar

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChangeSetEndpoint, ChannelMembersEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.channel_members import PNUUID, PNRemoveChannelMembersResult

_RemoveChannelMembersT = TypeVar("_RemoveChannelMembersT", bound="RemoveChannelMembers")


class RemoveChannelMembers(ChannelMembersEndpoint[PNRemoveChannelMembersResult, ClientT],
                           ChangeSetEndpoint[PNRemoveChannelMembersResult, ClientT]):
    """``PATCH`` of the members path with ``{"set": [], "delete": [...]}``."""

    OPERATION = PNOperationType.PNRemoveChannelMembersOperation
    NAME = "Remove Channel Members"
    REMOVE_CHANNEL_MEMBERS_PATH = ChannelMembersEndpoint.PATH
    RESULT = PNRemoveChannelMembersResult

    def uuids(self: _RemoveChannelMembersT, uuids: Iterable[PNUUID]) -> _RemoveChannelMembersT:
        """The members to remove (replaces earlier calls)."""
        return self._replace_delete(uuids, "uuids")
