"""Get state: the presence state of a uuid (default: this client's) on channels/groups.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict

from pubnub import utils
from pubnub.endpoints.endpoint import QueryValue
from pubnub.endpoints.presence.base import PresenceEndpoint
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_UUID_MISSING
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.presence import PNGetStateResult

_CLIENT_UUID: Any = object()  # uuid() not called: the client's own uuid


class GetState(PresenceEndpoint):
    """``pubnub.get_state().channels(..).channel_groups(..).uuid(u)``; result maps channel -> state."""

    OPERATION = PNOperationType.PNGetState
    NAME = "GetState"
    GET_STATE_PATH = "/v2/presence/sub-key/%s/channel/%s/uuid/%s"

    def __init__(self, pubnub: Any) -> None:
        super().__init__(pubnub)
        self._uuid: Any = _CLIENT_UUID

    def uuid(self, uuid: Any) -> GetState:
        self._uuid = uuid
        return self

    def effective_uuid(self) -> Any:
        """The uuid asked about: the one given to ``uuid()``, else the client's (read when used)."""
        return self.pubnub.uuid if self._uuid is _CLIENT_UUID else self._uuid

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channels_or_groups()
        if not isinstance(self.effective_uuid(), str):
            raise PubNubException(pn_error=PNERR_UUID_MISSING)

    def build_path(self) -> str:
        return self.GET_STATE_PATH % (self.pubnub.config.subscribe_key, self.channel_segment(),
                                      utils.url_encode(self.effective_uuid()))

    def custom_params(self) -> Dict[str, QueryValue]:
        return {"channel-group": list(self._groups)} if self._groups else {}

    def create_response(self, envelope: Any) -> PNGetStateResult:
        if len(self._channels) == 1 and not self._groups:
            return PNGetStateResult({self._channels[0]: envelope["payload"]})
        return PNGetStateResult(envelope["payload"]["channels"])
