"""Fetch messages (v3): stored messages of several channels, optionally with their actions.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, TypeVar, Union

from pubnub import utils
from pubnub.endpoints._setter_input import require
from pubnub.endpoints.endpoint import ClientT, Endpoint, Names, QueryValue, Timetoken, range_params
from pubnub.endpoints.history import count_or_default, true_false
from pubnub.enums import PNOperationType
from pubnub.errors import PNERR_CHANNEL_MISSING, PNERR_HISTORY_MESSAGE_ACTIONS_MULTIPLE_CHANNELS
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.history import PNFetchMessagesResult

_FetchMessagesT = TypeVar("_FetchMessagesT", bound="FetchMessages")


class FetchMessages(Endpoint[PNFetchMessagesResult, ClientT]):
    """``pubnub.fetch_messages().channels(chs)[.start(tt)][.end(tt)][.count(n)]
    [.include_meta(b)][.include_message_actions(b)]``.

    ``max`` is always sent: one channel 1..100 (default 100), several channels 1..25
    (default 25), with message actions (one channel only) 1..25 (default 25). Out-of-range
    counts fall back to the default; ``validate_params()`` stores the effective value in
    ``_count``. With a cipher key the messages are decrypted (4.8.1 returned them encrypted).
    """

    OPERATION = PNOperationType.PNFetchMessagesOperation
    NAME = "Fetch messages"
    FETCH_MESSAGES_PATH = "/v3/history/sub-key/%s/channel/%s"
    FETCH_MESSAGES_WITH_ACTIONS_PATH = "/v3/history-with-actions/sub-key/%s/channel/%s"
    DEFAULT_MESSAGES = 100
    MAX_MESSAGES = 25
    DEFAULT_MESSAGES_ACTIONS = 25
    MAX_MESSAGES_ACTIONS = 25

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channels: List[Any] = []
        self._start: Any = None
        self._end: Any = None
        self._count: Any = None
        self._include_meta: Optional[bool] = None
        self._include_message_actions: Optional[bool] = None

    def channels(self: _FetchMessagesT, channels: Names) -> _FetchMessagesT:
        """Add channels: a list/tuple, or a string of names separated by ``,``."""
        self._add_items(self._channels, channels, "channels")
        return self

    def count(self: _FetchMessagesT, count: Union[int, str, None]) -> _FetchMessagesT:
        self._count = count
        return self

    def maximum_per_channel(self: _FetchMessagesT, maximum_per_channel: Union[int, str, None]) -> _FetchMessagesT:
        """The name ``count`` had before 4.5.2."""
        return self.count(maximum_per_channel)

    def start(self: _FetchMessagesT, start: Timetoken) -> _FetchMessagesT:
        """Exclusive upper bound (timetoken)."""
        self._start = start
        return self

    def end(self: _FetchMessagesT, end: Timetoken) -> _FetchMessagesT:
        """Inclusive lower bound (timetoken)."""
        self._end = end
        return self

    def include_meta(self: _FetchMessagesT, include_meta: object) -> _FetchMessagesT:
        self._include_meta = bool(include_meta)
        return self

    def include_message_actions(self: _FetchMessagesT, include_message_actions: object) -> _FetchMessagesT:
        self._include_message_actions = bool(include_message_actions)
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        require(self._channels, PNERR_CHANNEL_MISSING)
        if self._include_message_actions and len(self._channels) > 1:
            raise PubNubException(pn_error=PNERR_HISTORY_MESSAGE_ACTIONS_MULTIPLE_CHANNELS)
        self._count = self._effective_count()

    def _effective_count(self) -> int:
        if self._include_message_actions:
            return count_or_default(self._count, self.MAX_MESSAGES_ACTIONS, self.DEFAULT_MESSAGES_ACTIONS)
        if len(self._channels) == 1:
            return count_or_default(self._count, self.DEFAULT_MESSAGES, self.DEFAULT_MESSAGES)
        return count_or_default(self._count, self.MAX_MESSAGES, self.MAX_MESSAGES)

    def build_path(self) -> str:
        sub_key = self.pubnub.config.subscribe_key
        if self._include_message_actions:
            return self.FETCH_MESSAGES_WITH_ACTIONS_PATH % (sub_key, utils.url_encode(self._channels[0]))
        return self.FETCH_MESSAGES_PATH % (sub_key, utils.join_channels(self._channels))

    def custom_params(self) -> Dict[str, QueryValue]:
        params: Dict[str, QueryValue] = {"max": self._effective_count()}
        params.update(range_params(self._start, self._end))
        params["include_meta"] = true_false(bool(self._include_meta))
        return params

    def create_response(self, envelope: Any) -> PNFetchMessagesResult:
        config = self.pubnub.config
        return PNFetchMessagesResult.from_json(envelope, include_message_actions=bool(self._include_message_actions),
                                               start_timetoken=self._start, end_timetoken=self._end,
                                               crypto=config.crypto, cipher=config.cipher_key)
