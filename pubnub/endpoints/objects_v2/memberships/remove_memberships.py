"""``remove_memberships()``: remove a uuid from channels (``PNChannelMembership`` items).

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Iterable, TypeVar

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChangeSetEndpoint, MembershipsEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.memberships import PNChannelMembership, PNRemoveMembershipsResult

_Self = TypeVar("_Self", bound="RemoveMemberships")


class RemoveMemberships(MembershipsEndpoint[PNRemoveMembershipsResult, ClientT],
                        ChangeSetEndpoint[PNRemoveMembershipsResult, ClientT]):
    """``PATCH`` of the memberships path with ``{"set": [], "delete": [...]}``."""

    OPERATION = PNOperationType.PNRemoveMembershipsOperation
    NAME = "Remove Memberships"
    REMOVE_MEMBERSHIPS_PATH = MembershipsEndpoint.PATH
    RESULT = PNRemoveMembershipsResult

    def channel_memberships(self: _Self, channel_memberships: Iterable[PNChannelMembership]) -> _Self:
        """The memberships to remove (replaces earlier calls)."""
        return self._replace_delete(channel_memberships, "channel_memberships")
