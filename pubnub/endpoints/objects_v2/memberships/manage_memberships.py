"""``manage_memberships()``: add/update and remove a uuid's memberships in one call.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Iterable, TypeVar

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChangeSetEndpoint, MembershipsEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.memberships import PNChannelMembership, PNManageMembershipsResult

_ManageMembershipsT = TypeVar("_ManageMembershipsT", bound="ManageMemberships")


class ManageMemberships(MembershipsEndpoint[PNManageMembershipsResult, ClientT],
                        ChangeSetEndpoint[PNManageMembershipsResult, ClientT]):
    """``PATCH`` of the memberships path with ``{"set": [...], "delete": [...]}``."""

    OPERATION = PNOperationType.PNManageMembershipsOperation
    NAME = "Manage Memberships"
    MANAGE_MEMBERSHIPS_PATH = MembershipsEndpoint.PATH
    RESULT = PNManageMembershipsResult

    def set(self: _ManageMembershipsT, memberships_to_set: Iterable[PNChannelMembership]) -> _ManageMembershipsT:
        """The memberships to add or update (replaces earlier calls)."""
        return self._replace_set(memberships_to_set)

    def remove(self: _ManageMembershipsT, memberships_to_remove: Iterable[PNChannelMembership]) -> _ManageMembershipsT:
        """The memberships to remove (replaces earlier calls)."""
        return self._replace_delete(memberships_to_remove)
