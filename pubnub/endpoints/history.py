"""History (v2): stored messages of one channel (``GET /v2/history/sub-key/<sub>/channel/<ch>``).

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, TypeVar, Union

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, QueryValue, Timetoken, range_params
from pubnub.enums import PNOperationType
from pubnub.models.consumer.history import PNHistoryResult

_HistoryT = TypeVar("_HistoryT", bound="History")


def count_or_default(count: Any, maximum: int, default: int) -> int:
    """``count`` when it is a whole number in ``1..maximum``, else ``default``.

    Out-of-range values fall back to the default instead of being clamped, as 4.8.1 did
    (``count(500)`` asks for 100, ``count(0)`` too). Digit strings are accepted.
    """
    if isinstance(count, str) and count.isdigit():
        count = int(count)
    if isinstance(count, int) and not isinstance(count, bool) and 1 <= count <= maximum:
        return count
    return default


def true_false(flag: bool) -> str:
    return "true" if flag else "false"


class History(Endpoint[PNHistoryResult, ClientT]):
    """``pubnub.history().channel(ch)[.start(tt)][.end(tt)][.reverse(b)][.count(n)]
    [.include_timetoken(b)][.include_meta(b)]``.

    ``count`` is always sent (1..100, else 100). With a cipher key every entry is decrypted;
    an entry that cannot be decrypted is returned as received (and a warning logged).
    """

    OPERATION = PNOperationType.PNHistoryOperation
    NAME = "History"
    HISTORY_PATH = "/v2/history/sub-key/%s/channel/%s"
    MAX_COUNT = 100

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: Any = None
        self._start: Any = None
        self._end: Any = None
        self._reverse: Optional[bool] = None
        self._count: Any = None
        self._include_timetoken: Optional[bool] = None
        self._include_meta: Optional[bool] = None

    def channel(self: _HistoryT, channel: object) -> _HistoryT:
        self._channel = channel
        return self

    def start(self: _HistoryT, start: Timetoken) -> _HistoryT:
        """Exclusive upper bound (timetoken)."""
        self._start = start
        return self

    def end(self: _HistoryT, end: Timetoken) -> _HistoryT:
        """Inclusive lower bound (timetoken)."""
        self._end = end
        return self

    def reverse(self: _HistoryT, reverse: object) -> _HistoryT:
        """True: the oldest ``count`` messages of the range instead of the newest."""
        self._reverse = bool(reverse)
        return self

    def count(self: _HistoryT, count: Union[int, str, None]) -> _HistoryT:
        self._count = count
        return self

    def include_timetoken(self: _HistoryT, include_timetoken: object) -> _HistoryT:
        self._include_timetoken = bool(include_timetoken)
        return self

    def include_meta(self: _HistoryT, include_meta: object) -> _HistoryT:
        self._include_meta = bool(include_meta)
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channel(self._channel)

    def build_path(self) -> str:
        return self.HISTORY_PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self._channel))

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {}
        params.update(range_params(self._start, self._end))
        params["count"] = str(count_or_default(self._count, self.MAX_COUNT, self.MAX_COUNT))
        if self._reverse is not None:
            params["reverse"] = true_false(self._reverse)
        if self._include_timetoken is not None:
            params["include_token"] = true_false(self._include_timetoken)
        if self._include_meta is not None:
            params["include_meta"] = true_false(self._include_meta)
        return params

    def create_response(self, envelope: Any) -> PNHistoryResult:
        config = self.pubnub.config
        return PNHistoryResult.from_json(envelope, config.crypto, include_timetoken=bool(self._include_timetoken),
                                         include_meta=bool(self._include_meta), cipher=config.cipher_key)
