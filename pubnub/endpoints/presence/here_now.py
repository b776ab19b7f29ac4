"""Here now: who is present on channels/groups, or on the whole subscribe key.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict, TypeVar

from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.endpoints.presence.base import PresenceEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.presence import PNHereNowResult

_HereNowT = TypeVar("_HereNowT", bound="HereNow")


class HereNow(PresenceEndpoint[PNHereNowResult, ClientT]):
    """``pubnub.here_now().channels(..).channel_groups(..).include_state(b).include_uuids(b)``.

    With neither channels nor groups the global form (every channel of the key) is asked.
    """

    OPERATION = PNOperationType.PNHereNowOperation
    NAME = "HereNow"
    HERE_NOW_PATH = "/v2/presence/sub-key/%s/channel/%s"
    HERE_NOW_GLOBAL_PATH = "/v2/presence/sub-key/%s"
    PREENCODED_PARAMS = ("channel-group",)

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._include_state = False
        self._include_uuids = True

    def include_state(self: _HereNowT, should_include_state: object) -> _HereNowT:
        self._include_state = bool(should_include_state)
        return self

    def include_uuids(self: _HereNowT, include_uuids: object) -> _HereNowT:
        self._include_uuids = bool(include_uuids)
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()

    def build_path(self) -> str:
        sub_key = str(self.pubnub.config.subscribe_key)
        if not self._channels and not self._groups:
            return self.HERE_NOW_GLOBAL_PATH % sub_key
        return self.HERE_NOW_PATH % (sub_key, self.channel_segment())

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        if self._groups:
            params["channel-group"] = list(self._groups)
        if self._include_state:
            params["state"] = "1"
        if not self._include_uuids:
            params["disable_uuids"] = "1"
        return params

    def create_response(self, envelope: Any) -> PNHereNowResult:
        return PNHereNowResult.from_json(envelope, self._channels)

    def affected_channels(self) -> Any:
        return None

    def affected_channels_groups(self) -> Any:
        return None
