"""Set state: store presence state for this client's uuid on channels (and groups).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict, TypeVar

from pubnub import utils
from pubnub._subscription_state import StateOperation
from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.endpoints.presence.base import PresenceEndpoint
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_STATE_MISSING, PNERR_STATE_SETTER_FOR_GROUPS_NOT_SUPPORTED_YET
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.presence import PNSetStateResult

_SetStateT = TypeVar("_SetStateT", bound="SetState")


class SetState(PresenceEndpoint[PNSetStateResult, ClientT]):
    """``pubnub.set_state().channels(..).channel_groups(..).state({...})``.

    The path always names the client's own uuid. When the client subscribes, the state is also
    remembered by the subscription manager so that its presence heartbeats carry it.
    """

    OPERATION = PNOperationType.PNSetStateOperation
    NAME = "SetState"
    SET_STATE_PATH = "/v2/presence/sub-key/%s/channel/%s/uuid/%s/data"
    PREENCODED_PARAMS = ("channel-group", "state")

    def __init__(self, pubnub: ClientT, subscription_manager: Any = None) -> None:
        super().__init__(pubnub)
        self._subscription_manager = subscription_manager
        self._state: Any = None

    def state(self: _SetStateT, state: Dict[str, Any]) -> _SetStateT:
        self._state = state
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channels_or_groups()
        if not self._channels:
            raise PubNubException(pn_error=PNERR_STATE_SETTER_FOR_GROUPS_NOT_SUPPORTED_YET)
        if self._state is None or not isinstance(self._state, dict):
            raise PubNubException(pn_error=PNERR_STATE_MISSING)

    def build_path(self) -> str:
        return self.SET_STATE_PATH % (self.pubnub.config.subscribe_key, self.channel_segment(),
                                      utils.url_encode(self.pubnub.uuid))

    def custom_params(self) -> Dict[str, QueryValue]:
        if self._subscription_manager is not None:
            self._subscription_manager.adapt_state_builder(
                StateOperation(list(self._channels), list(self._groups), self._state))
        params: Dict[str, QueryValue] = {"state": utils.write_value_as_string(self._state)}
        if self._groups:
            params["channel-group"] = list(self._groups)
        return params

    def create_response(self, envelope: Any) -> Any:
        if isinstance(envelope, dict) and envelope.get("status") == 200:
            return PNSetStateResult(envelope["payload"])
        return envelope
