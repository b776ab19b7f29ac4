"""Get state: the presence state of a uuid (default: this client's) on channels/groups.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.endpoints.presence.base import PresenceEndpoint, UuidTargetEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.presence import PNGetStateResult


class GetState(PresenceEndpoint[PNGetStateResult, ClientT], UuidTargetEndpoint[PNGetStateResult, ClientT]):
    """``pubnub.get_state().channels(..).channel_groups(..).uuid(u)``; result maps channel -> state."""

    OPERATION = PNOperationType.PNGetState
    NAME = "GetState"
    GET_STATE_PATH = "/v2/presence/sub-key/%s/channel/%s/uuid/%s"

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channels_or_groups()
        self.validate_uuid()

    def build_path(self) -> str:
        return self.GET_STATE_PATH % (self.pubnub.config.subscribe_key, self.channel_segment(),
                                      utils.url_encode(self.effective_uuid()))

    def custom_params(self) -> Dict[str, QueryValue]:
        return {"channel-group": list(self._groups)} if self._groups else {}

    def create_response(self, envelope: Any) -> PNGetStateResult:
        if len(self._channels) == 1 and not self._groups:
            return PNGetStateResult({self._channels[0]: envelope["payload"]})
        return PNGetStateResult(envelope["payload"]["channels"])
