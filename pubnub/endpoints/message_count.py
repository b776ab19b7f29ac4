"""Message counts: how many messages each channel stored after a timetoken.

Layer: core (an endpoint declaration). Must not import tornado, requests or asyncio.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, TypeVar, Union

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, Names, QueryValue
from pubnub.enums import PNOperationType
from pubnub.exceptions import PubNubException
from pubnub.models.consumer.message_count import PNMessageCountResult

_MessageCountT = TypeVar("_MessageCountT", bound="MessageCount")

MISMATCH_MESSAGE = "The number of channels and the number of timetokens do not match."


class MessageCount(Endpoint[PNMessageCountResult, ClientT]):
    """``pubnub.message_counts().channel(chs).channel_timetokens(tts)``: one timetoken per channel.

    One channel is sent with ``timetoken``, several with ``channelsTimetoken`` (in channel
    order, joined by ``,``); the parameter values are strings, as 4.8.1's were.
    """

    OPERATION = PNOperationType.PNMessageCountOperation
    NAME = "Message count"
    MESSAGE_COUNT_PATH = "/v3/history/sub-key/%s/message-counts/%s"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel: List[Any] = []
        self._channels_timetoken: List[str] = []

    def channel(self: _MessageCountT, channel: Names) -> _MessageCountT:
        """Add channels: a list/tuple, or a string of names separated by ``,``."""
        self._add_items(self._channel, channel, "channel")
        return self

    channels = channel

    def channel_timetokens(self: _MessageCountT, timetokens: Union[int, str, Iterable[object]]) -> _MessageCountT:
        """Add timetokens (ints or strings), in the order of the channels.

        A string is split on ``,``; a single number counts as one timetoken (4.8.1 iterated
        over a string's characters and failed on a number).
        """
        if isinstance(timetokens, str):
            items: Any = utils.split_items(timetokens)
        elif isinstance(timetokens, (list, tuple)):
            items = timetokens
        else:
            items = [timetokens]
        added = [self._as_text(item, "channel_timetokens") for item in items]
        if self._input_error is None:
            self._channels_timetoken.extend(added)
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channel(self._channel)
        if len(self._channels_timetoken) != len(self._channel):
            raise PubNubException(errormsg=MISMATCH_MESSAGE)

    def build_path(self) -> str:
        return self.MESSAGE_COUNT_PATH % (self.pubnub.config.subscribe_key, utils.join_channels(self._channel))

    def custom_params(self) -> Dict[str, QueryValue]:
        timetokens = self._channels_timetoken
        if len(timetokens) == 1:
            return {"timetoken": timetokens[0]}
        if timetokens:
            return {"channelsTimetoken": ",".join(timetokens)}
        return {}

    def _query(self, path: str, body: Optional[str],
               params: Optional[Dict[str, QueryValue]] = None) -> Dict[str, QueryValue]:
        if params is None and len(self._channels_timetoken) > 1:
            # Sending: a list, so each timetoken is encoded and the "," between them stays raw
            # (as 4.8.1 sent it); signed as the same joined text.
            params = {"channelsTimetoken": list(self._channels_timetoken)}
        return super()._query(path, body, params)

    def create_response(self, envelope: Any) -> PNMessageCountResult:
        return PNMessageCountResult(envelope)
