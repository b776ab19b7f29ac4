"""Heartbeat: keep this uuid present on channels/groups for ``presence_timeout`` more seconds.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.endpoints.presence.base import PresenceEndpoint
from pubnub.enums import PNOperationType

_HeartbeatT = TypeVar("_HeartbeatT", bound="Heartbeat")


class Heartbeat(PresenceEndpoint[bool, ClientT]):
    """``pubnub.heartbeat().channels(..).channel_groups(..).state({...})``; the result is ``True``.

    ``heartbeat`` always carries the configured presence timeout; ``state`` (when given and
    not empty) is sent as JSON.
    """

    OPERATION = PNOperationType.PNHeartbeatOperation
    NAME = "Heartbeat"
    HEARTBEAT_PATH = "/v2/presence/sub-key/%s/channel/%s/heartbeat"
    PREENCODED_PARAMS = ("state",)

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._state: Any = None
        # None: the configured presence timeout when the request is built (a 4.x test may call
        # ``config.set_presence_timeout()`` after creating the endpoint).
        self._timeout: Any = None

    def state(self: _HeartbeatT, state: Optional[Dict[str, Any]]) -> _HeartbeatT:
        self._state = state
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channels_or_groups()

    def build_path(self) -> str:
        return self.HEARTBEAT_PATH % (self.pubnub.config.subscribe_key, self.channel_segment())

    def custom_params(self) -> Dict[str, QueryValue]:
        timeout = self._timeout if self._timeout is not None else self.pubnub.config.presence_timeout
        params: Dict[str, QueryValue] = {"heartbeat": str(timeout)}
        if self._groups:
            params["channel-group"] = list(self._groups)
        if self._state:
            params["state"] = utils.write_value_as_string(self._state)
        return params

    def create_response(self, envelope: Any) -> bool:
        return True

    def affected_channels(self) -> Any:
        return None

    def affected_channels_groups(self) -> Any:
        return None
