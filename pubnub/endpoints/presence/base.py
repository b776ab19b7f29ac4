"""What the presence endpoints share: appending ``channels(...)`` / ``channel_groups(...)`` setters.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, ResultT
from pubnub.endpoints.mixins import ChannelsAndGroupsEndpoint
from pubnub.errors import PNERR_CHANNEL_OR_GROUP_MISSING, PNERR_UUID_MISSING
from pubnub.exceptions import PubNubException

_UuidTargetEndpointT = TypeVar("_UuidTargetEndpointT", bound="UuidTargetEndpoint")


class PresenceEndpoint(ChannelsAndGroupsEndpoint[ResultT, ClientT]):
    """Base of the presence calls. ``channels``/``channel_groups`` append (a str is split on ",")."""

    PRESENCE_PREFIX = "/v2/presence/sub-key/%s"

    def validate_channels_or_groups(self) -> None:
        if not self._channels and not self._groups:
            raise PubNubException(pn_error=PNERR_CHANNEL_OR_GROUP_MISSING)

    def channel_segment(self) -> str:
        """The channel list path segment: encoded names joined by ","; a lone "," when empty."""
        return utils.join_channels(self._channels)

    def affected_channels(self) -> Any:
        return self._channels

    def affected_channels_groups(self) -> Any:
        return self._groups


_CLIENT_UUID: Any = object()  # uuid() not called: the client's own uuid


class UuidTargetEndpoint(Endpoint[ResultT, ClientT]):
    """A call about one uuid: the one given to ``uuid()``, else this client's own."""

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._uuid: Any = _CLIENT_UUID

    def uuid(self: _UuidTargetEndpointT, uuid: object) -> _UuidTargetEndpointT:
        self._uuid = uuid
        return self

    def effective_uuid(self) -> Any:
        """The uuid asked about: the one given to ``uuid()``, else the client's (read when used)."""
        return self.pubnub.uuid if self._uuid is _CLIENT_UUID else self._uuid

    def validate_uuid(self) -> None:
        if not isinstance(self.effective_uuid(), str):
            raise PubNubException(pn_error=PNERR_UUID_MISSING)
