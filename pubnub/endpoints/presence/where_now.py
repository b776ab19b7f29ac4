"""Where now: the channels a uuid (default: the configured one) is present on.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT
from pubnub.endpoints.presence.base import UuidTargetEndpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.presence import PNWhereNowResult


class WhereNow(UuidTargetEndpoint[PNWhereNowResult, ClientT]):
    """``pubnub.where_now().uuid(u)``: ``GET /v2/presence/sub-key/{sub}/uuid/{uuid}``.

    Without ``uuid()``, the uuid asked about is ``pubnub.config.uuid`` as it was when the builder
    was created (4.8.1 read it then).
    """

    OPERATION = PNOperationType.PNWhereNowOperation
    NAME = "WhereNow"
    WHERE_NOW_PATH = "/v2/presence/sub-key/%s/uuid/%s"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._uuid = pubnub.config.uuid

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_uuid()

    def build_path(self) -> str:
        return self.WHERE_NOW_PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self.effective_uuid()))

    def create_response(self, envelope: Any) -> PNWhereNowResult:
        return PNWhereNowResult.from_json(envelope)
