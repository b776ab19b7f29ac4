"""Signal: a small, never stored, never encrypted message (``GET /signal/...``).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint
from pubnub.enums import PNOperationType
from pubnub.models.consumer.signal import PNSignalResult

_SignalT = TypeVar("_SignalT", bound="Signal")


class Signal(Endpoint[PNSignalResult, ClientT]):
    """``pubnub.signal().channel(ch).message(msg)``; the message is sent as plain JSON.

    A missing message is sent as ``null`` (there is no message check, as in 4.8.1).
    """

    OPERATION = PNOperationType.PNSignalOperation
    NAME = "Signal"
    SIGNAL_PATH = "/signal/%s/%s/0/%s/0/%s"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Optional[str] = None
        self._message: Any = None

    def channel(self: _SignalT, channel: object) -> _SignalT:
        self._channel = self._as_text(channel, "channel")
        return self

    def message(self: _SignalT, message: object) -> _SignalT:
        self._message = message
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_publish_key()
        self.validate_channel(self._channel)

    def build_path(self) -> str:
        config = self.pubnub.config
        return self.SIGNAL_PATH % (config.publish_key, config.subscribe_key, utils.url_encode(self._channel),
                                   utils.url_write(self._message))

    def create_response(self, envelope: Any) -> PNSignalResult:
        return PNSignalResult(envelope)
