"""What the channel-group endpoints share: the group in the path and the appending ``channels()``.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.

All four calls are ``GET /v1/channel-registration/sub-key/{sub}/channel-group/{group}[...]``.
A member declares its 4.8.1 path constant and points ``PATH`` at it, and declares what else
differs: the ``add``/``remove`` query key (``QUERY_KEY``) and its result class (``RESULT``).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, Names, QueryValue, ResultT
from pubnub.errors import PNERR_CHANNELS_MISSING, PNERR_GROUP_MISSING
from pubnub.exceptions import PubNubException

_G = TypeVar("_G", bound="ChannelGroupEndpoint")
_C = TypeVar("_C", bound="ChannelGroupChannelsEndpoint")


class ChannelGroupEndpoint(Endpoint[ResultT, ClientT]):
    """Base of the channel-group calls: ``channel_group(name)`` and the encoded group path."""

    GROUP_PATH = "/v1/channel-registration/sub-key/%s/channel-group/%s"
    PATH = GROUP_PATH
    RESULT: Callable[[], Any]  # the acknowledgement model of a member; the list call parses instead

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channel_group: Any = None

    def channel_group(self: _G, channel_group: object) -> _G:
        """Name the group (a single string) this call is about."""
        self._channel_group = channel_group
        return self

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channels()
        self.validate_group()

    def validate_channels(self) -> None:
        """Checked between the key and the group; only the calls that carry channels check them."""

    def validate_group(self) -> None:
        if not isinstance(self._channel_group, str) or not self._channel_group:
            raise PubNubException(pn_error=PNERR_GROUP_MISSING)

    def build_path(self) -> str:
        return self.PATH % (self.pubnub.config.subscribe_key, utils.url_encode(self._channel_group))

    def create_response(self, envelope: Any) -> Any:
        return self.RESULT()


class ChannelGroupChannelsEndpoint(ChannelGroupEndpoint[ResultT, ClientT]):
    """Base of add/remove channels: ``channels(...)`` appends, the names go in ``QUERY_KEY``.

    The names are sent as given (4.8.1 did not encode them); the base percent-encodes each
    item on the wire and keeps the separating commas literal.
    """

    QUERY_KEY = ""  # "add" or "remove"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channels: List[Any] = []

    def channels(self: _C, channels: Names) -> _C:
        """Append channels: a list or tuple as is, a string split on ","."""
        self._add_items(self._channels, channels, "channels")
        return self

    def validate_channels(self) -> None:
        if not self._channels:
            raise PubNubException(pn_error=PNERR_CHANNELS_MISSING)

    def custom_params(self) -> Dict[str, QueryValue]:
        return {self.QUERY_KEY: list(self._channels)}
