"""``set_memberships()``: make a uuid a member of channels (``PNChannelMembership`` items) or update them.

Layer: core (endpoint declaration).
"""
from __future__ import annotations

from typing import Iterable, TypeVar

from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.objects_v2.objects_endpoint import ChangeSetEndpoint, MembershipsEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.objects_v2.memberships import PNChannelMembership, PNSetMembershipsResult

_Self = TypeVar("_Self", bound="SetMemberships")


class SetMemberships(MembershipsEndpoint[PNSetMembershipsResult, ClientT],
                     ChangeSetEndpoint[PNSetMembershipsResult, ClientT]):
    """``PATCH`` of the memberships path with ``{"set": [...], "delete": []}``."""

    OPERATION = PNOperationType.PNSetMembershipsOperation
    NAME = "Set Memberships"
    SET_MEMBERSHIP_PATH = MembershipsEndpoint.PATH
    RESULT = PNSetMembershipsResult

    def channel_memberships(self: _Self, channel_memberships: Iterable[PNChannelMembership]) -> _Self:
        """The memberships to add or update (replaces earlier calls)."""
        return self._replace_set(channel_memberships, "channel_memberships")
