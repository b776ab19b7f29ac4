"""Where now: the channels a uuid (default: this client's) is present on.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any

from pubnub import utils
from pubnub.endpoints.endpoint import Endpoint
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_UUID_MISSING
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.presence import PNWhereNowResult

_CLIENT_UUID: Any = object()  # uuid() not called: the client's own uuid


class WhereNow(Endpoint):
    """``pubnub.where_now().uuid(u)``: ``GET /v2/presence/sub-key/{sub}/uuid/{uuid}``."""

    OPERATION = PNOperationType.PNWhereNowOperation
    NAME = "WhereNow"
    WHERE_NOW_PATH = "/v2/presence/sub-key/%s/uuid/%s"

    def __init__(self, pubnub: Any) -> None:
        super().__init__(pubnub)
        self._uuid: Any = _CLIENT_UUID

    def uuid(self, uuid: Any) -> WhereNow:
        self._uuid = uuid
        return self

    def effective_uuid(self) -> Any:
        """The uuid asked about: the one given to ``uuid()``, else the client's (read when used)."""
        return self.pubnub.uuid if self._uuid is _CLIENT_UUID else self._uuid

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        if not isinstance(self.effective_uuid(), str):
            raise PubNubException(pn_error=PNERR_UUID_MISSING)

    def build_path(self) -> str:
        return self.WHERE_NOW_PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self.effective_uuid()))

    def create_response(self, envelope: Any) -> PNWhereNowResult:
        return PNWhereNowResult.from_json(envelope)
