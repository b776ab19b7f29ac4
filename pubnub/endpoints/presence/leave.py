"""Leave: tell presence this uuid left channels/groups (sent on unsubscribe).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict

from pubnub.endpoints.endpoint import ClientT, QueryValue
from pubnub.endpoints.presence.base import PresenceEndpoint
from pubnub.enums import PNOperationType


class Leave(PresenceEndpoint[Dict[str, Any], ClientT]):
    """``GET /v2/presence/sub-key/{sub}/channel/{channels}/leave``; the result is the parsed body."""

    OPERATION = PNOperationType.PNUnsubscribeOperation
    NAME = "Unsubscribe"
    LEAVE_PATH = "/v2/presence/sub-key/%s/channel/%s/leave"

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channels_or_groups()

    def build_path(self) -> str:
        return self.LEAVE_PATH % (self.pubnub.config.subscribe_key, self.channel_segment())

    def custom_params(self) -> Dict[str, QueryValue]:
        return {"channel-group": list(self._groups)} if self._groups else {}

    def create_response(self, envelope: Any) -> Any:
        return envelope
