"""What the mobile push endpoints share: device, push type, APNS2 topic/environment, path choice.

Layer: core (endpoint declarations). Must not import tornado, requests or asyncio.

Every call is a ``GET`` on ``/v1/push/sub-key/{sub}/devices/{device}`` (APNS, GCM, MPNS; the
type goes in ``type``) or ``/v2/push/sub-key/{sub}/devices-apns2/{device}`` (APNS2; sends
``environment`` and ``topic`` instead). A member declares its two 4.8.1 path constants and points
``PATH``/``PATH_APNS2`` at them, and declares what else differs: the ``add``/``remove`` query key
(``QUERY_KEY``) and its result class (``RESULT``).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional, TypeVar

from pubnub import utils
from pubnub.endpoints.endpoint import ClientT, Endpoint, Names, QueryValue, ResultT
from pubnub.enums import PNPushEnvironment, PNPushType
from pubnub.errors import (
    PNERR_CHANNEL_MISSING,
    PNERR_PUSH_DEVICE_MISSING,
    PNERR_PUSH_TOPIC_MISSING,
    PNERROR_PUSH_TYPE_MISSING,
)
from pubnub.exceptions import PubNubException

_P = TypeVar("_P", bound="PushEndpoint")
_C = TypeVar("_C", bound="PushChannelsEndpoint")


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and len(value) > 0


class PushEndpoint(Endpoint[ResultT, ClientT]):
    """Base of the push registration calls: ``device_id``, ``push_type``, ``topic``, ``environment``."""

    PATH = "/v1/push/sub-key/%s/devices/%s"
    PATH_APNS2 = "/v2/push/sub-key/%s/devices-apns2/%s"
    RESULT: Callable[[], Any]  # the acknowledgement model of a member; the list call parses instead

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._device_id: Any = None
        self._push_type: Any = None
        self._topic: Any = None
        self._environment: Any = None

    def device_id(self: _P, device_id: str) -> _P:
        """The device token or registration id (a path segment, quoted where a URL needs it)."""
        self._device_id = device_id
        return self

    def push_type(self: _P, push_type: object) -> _P:
        """A ``PNPushType`` value; APNS2 also needs ``topic`` and may set ``environment``.

        Any other value is sent as an empty ``type``, as in 4.8.1; a list or a dict is refused.
        """
        if isinstance(push_type, (list, dict, set)):
            self._refuse("push_type", push_type, "a PNPushType value")
        else:
            self._push_type = push_type
        return self

    def topic(self: _P, topic: Optional[str]) -> _P:
        """The APNS2 topic (the app's bundle id); required with ``PNPushType.APNS2`` only."""
        self._topic = topic
        return self

    def environment(self: _P, environment: Optional[str]) -> _P:
        """A ``PNPushEnvironment`` value for APNS2; ``development`` when not set."""
        self._environment = environment
        return self

    def is_apns2(self) -> bool:
        return bool(self._push_type == PNPushType.APNS2)

    def validate_params(self) -> None:
        self.validate_subscribe_key()
        self.validate_channels()
        if not _is_text(self._device_id):
            raise PubNubException(pn_error=PNERR_PUSH_DEVICE_MISSING)
        if self._push_type is None:
            raise PubNubException(pn_error=PNERROR_PUSH_TYPE_MISSING)
        if self.is_apns2() and not _is_text(self._topic):
            raise PubNubException(pn_error=PNERR_PUSH_TOPIC_MISSING)

    def validate_channels(self) -> None:
        """Checked right after the key; only the calls that carry channels check them."""

    def build_path(self) -> str:
        template = self.PATH_APNS2 if self.is_apns2() else self.PATH
        # Quoted as requests quoted 4.8.1's raw device id (same bytes for every token that worked
        # then); a space or a non-ASCII character no longer breaks the Tornado client's request.
        return template % (self.pubnub.config.subscribe_key, utils.path_segment(self._device_id))

    def custom_params(self) -> Dict[str, QueryValue]:
        params = self.channel_params()
        if self.is_apns2():
            params["environment"] = self._environment if self._environment is not None \
                else PNPushEnvironment.DEVELOPMENT
            params["topic"] = self._topic
        else:
            # An unknown type is sent as an empty "type=", which the service rejects with a 400.
            params["type"] = utils.push_type_to_string(self._push_type)
        return params

    def create_response(self, envelope: Any) -> Any:
        return self.RESULT()

    def channel_params(self) -> Dict[str, QueryValue]:
        """The parameters that come first (``add``/``remove``); none for list and remove-device."""
        return {}


class PushChannelsEndpoint(PushEndpoint[ResultT, ClientT]):
    """Base of add/remove channels: ``channels(list)`` replaces, the names go in ``QUERY_KEY``."""

    QUERY_KEY = ""  # "add" or "remove"

    def __init__(self, pubnub: ClientT) -> None:
        super().__init__(pubnub)
        self._channels: Any = None

    def channels(self: _C, channels: Names) -> _C:
        """The channels (a non-empty ``list``; a tuple or string fails validation, as in 4.8.1)."""
        self._channels = channels
        return self

    def validate_channels(self) -> None:
        if not isinstance(self._channels, list) or not self._channels:
            raise PubNubException(pn_error=PNERR_CHANNEL_MISSING)

    def channel_params(self) -> Dict[str, QueryValue]:
        return {self.QUERY_KEY: list(self._channels)}
