"""Subscribe: one v2 long-poll request (``GET /v2/subscribe/{sub_key}/{channels}/0``).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio. The
subscription loop that repeats the request, keeps the cursor and dispatches messages lives in
``pubnub._subscription``; this class only describes one request and parses its answer.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, Names, QueryValue, Timetoken
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_CHANNEL_OR_GROUP_MISSING
from pubnub.exceptions import PubNubException

_SubscribeT = TypeVar("_SubscribeT", bound="Subscribe")


class SubscribeResponse:
    """A parsed long-poll answer: the next cursor (``t.t``, ``t.r``) and the raw message objects."""

    def __init__(self, timetoken: int, region: Optional[int], messages: List[Any]) -> None:
        self.timetoken = timetoken
        self.region = region
        self.messages = messages

    @classmethod
    def from_json(cls, envelope: Any) -> SubscribeResponse:
        """Parse ``{"t": {"t": "<tt>", "r": <region>}, "m": [...]}``; raise on any other shape."""
        cursor = envelope["t"]
        region = cursor.get("r")
        messages = envelope.get("m") or []
        if not isinstance(messages, list):
            raise ValueError("'m' is not a list")
        return cls(int(cursor["t"]), int(region) if region is not None else None, messages)


class Subscribe(Endpoint[SubscribeResponse, ClientT]):
    """One subscribe request: ``channels(...)``, ``channel_groups(...)``, ``timetoken(tt)`` ...

    Channel names (``-pnpres`` companions included) go into the path, groups into
    ``channel-group``; ``tt``/``tr`` carry the cursor, ``filter-expr`` the configured filter and
    ``heartbeat`` the presence timeout once ``set_presence_timeout*()`` was called.
    """

    OPERATION = PNOperationType.PNSubscribeOperation
    NAME = "Subscribe"
    TIMEOUT = "subscribe"
    SUBSCRIBE_PATH = "/v2/subscribe/%s/%s/0"
    PREENCODED_PARAMS = ("channel-group", "filter-expr")

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channels: List[str] = []
        self._groups: List[str] = []
        self._region: Optional[int] = None
        self._filter_expression: Optional[str] = None
        self._timetoken: Any = None

    def channels(self: _SubscribeT, channels: Names) -> _SubscribeT:
        self._add_items(self._channels, channels, "channels")
        return self

    def channel_groups(self: _SubscribeT, groups: Names) -> _SubscribeT:
        self._add_items(self._groups, groups, "channel_groups")
        return self

    def timetoken(self: _SubscribeT, timetoken: Timetoken) -> _SubscribeT:
        self._timetoken = timetoken
        return self

    def filter_expression(self: _SubscribeT, expression: Optional[str]) -> _SubscribeT:
        self._filter_expression = expression
        return self

    def region(self: _SubscribeT, region: Optional[int]) -> _SubscribeT:
        self._region = region
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        if not self._channels and not self._groups:
            raise PubNubException(pn_error=PNERR_CHANNEL_OR_GROUP_MISSING)

    def build_path(self) -> str:
        return self.SUBSCRIBE_PATH % (self.pubnub.config.subscribe_key, utils.join_channels(self._channels))

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        if self._groups:
            params["channel-group"] = list(self._groups)
        if self._filter_expression:
            params["filter-expr"] = self._filter_expression
        if self._timetoken is not None:
            params["tt"] = str(self._timetoken)
        if self._region is not None:
            params["tr"] = self._region
        config = self.pubnub.config
        if not config.heartbeat_default_values:
            params["heartbeat"] = config.presence_timeout
        return params

    def create_response(self, envelope: Any) -> SubscribeResponse:
        return SubscribeResponse.from_json(envelope)

    def affected_channels(self) -> Any:
        return self._channels

    def affected_channels_groups(self) -> Any:
        return self._groups
