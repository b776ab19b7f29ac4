"""Delete messages: remove stored messages of one channel (``DELETE /v3/history/...``).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, QueryValue, Timetoken, range_params
from pubnub.enums import HttpMethod, PNOperationType

_HistoryDeleteT = TypeVar("_HistoryDeleteT", bound="HistoryDelete")


class HistoryDelete(Endpoint[Dict[str, object], ClientT]):
    """``pubnub.delete_messages().channel(ch)[.start(tt)][.end(tt)]``; the result is ``{}``.

    Without bounds every stored message of the channel is deleted; ``start`` is exclusive,
    ``end`` inclusive (one message: ``end=tt``, ``start=tt + 1``).
    """

    OPERATION = PNOperationType.PNHistoryDeleteOperation
    NAME = "History delete"
    HTTP_METHOD = HttpMethod.DELETE
    HISTORY_DELETE_PATH = "/v3/history/sub-key/%s/channel/%s"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Any = None
        self._start: Any = None
        self._end: Any = None

    def channel(self: _HistoryDeleteT, channel: object) -> _HistoryDeleteT:
        self._channel = channel
        return self

    def start(self: _HistoryDeleteT, start: Timetoken) -> _HistoryDeleteT:
        self._start = start
        return self

    def end(self: _HistoryDeleteT, end: Timetoken) -> _HistoryDeleteT:
        self._end = end
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channel(self._channel)

    def build_path(self) -> str:
        return self.HISTORY_DELETE_PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self._channel))

    def custom_params(self) -> Dict[str, QueryValue]:
        return range_params(self._start, self._end)

    def create_response(self, envelope: Any) -> Dict[str, object]:
        return {}
