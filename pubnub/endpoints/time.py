"""Time: the server's current timetoken (``GET /time/0``)."""
from __future__ import annotations

from typing import Any

from pubnub.endpoints.endpoint import ClientT, Endpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.time import PNTimeResponse


class Time(Endpoint[PNTimeResponse, ClientT]):
    """``pubnub.time()``: fetch the current 17-digit timetoken."""

    OPERATION = PNOperationType.PNTimeOperation
    NAME = "Time"
    AUTH_REQUIRED = False
    TIME_PATH = "/time/0"

    def build_path(self) -> str:
        return self.TIME_PATH

    def create_response(self, envelope: Any) -> PNTimeResponse:
        return PNTimeResponse(envelope)
