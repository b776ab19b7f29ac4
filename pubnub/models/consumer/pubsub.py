"""Results of publish and fire, and the real-time events delivered to listeners."""
from __future__ import annotations

from typing import Any


class PNPublishResult:
    def __init__(self, envelope: Any, timetoken: int) -> None:
        self.timetoken = timetoken

    def __str__(self) -> str:
        return "Publish success with timetoken %s" % self.timetoken


class PNFireResult:
    def __init__(self, envelope: Any, timetoken: int) -> None:
        self.timetoken = timetoken

    def __str__(self) -> str:
        return "Fire success with timetoken %s" % self.timetoken


class PNMessageResult:
    """A message delivered to ``SubscribeCallback.message``."""

    def __init__(self, message: Any, subscription: Any, channel: Any, timetoken: Any,
                 user_metadata: Any = None, publisher: Any = None) -> None:
        if subscription is not None:
            assert isinstance(subscription, str)
        self.message = message
        self.channel = channel
        self.subscription = subscription
        self.timetoken = timetoken
        self.user_metadata = user_metadata
        self.publisher = publisher


class PNSignalMessageResult(PNMessageResult):
    """A signal delivered to ``SubscribeCallback.signal``."""


class PNFileMessageResult(PNMessageResult):
    """A file event delivered to ``SubscribeCallback.file``."""

    def __init__(self, message: Any, subscription: Any, channel: Any, timetoken: Any, publisher: Any,
                 file_url: Any, file_id: Any, file_name: Any) -> None:
        super().__init__(message, subscription, channel, timetoken, publisher=publisher)
        self.file_url = file_url
        self.file_id = file_id
        self.file_name = file_name


class PNPresenceEventResult:
    """A presence event delivered to ``SubscribeCallback.presence``."""

    def __init__(self, event: Any, uuid: Any, timestamp: Any, occupancy: Any, subscription: Any,
                 channel: Any, timetoken: Any, state: Any, join: Any = None, leave: Any = None,
                 timeout: Any = None, user_metadata: Any = None) -> None:
        self.event = event
        self.uuid = uuid
        self.timestamp = timestamp
        self.occupancy = occupancy
        self.state = state
        self.join = join
        self.leave = leave
        self.timeout = timeout
        self.subscription = subscription
        self.channel = channel
        self.timetoken = timetoken
        self.user_metadata = user_metadata


class PNMessageActionResult:
    """A message-action event delivered to ``SubscribeCallback.message_action``.

    ``event`` is ``"added"`` or ``"removed"`` (4.8.1 dropped it).
    """

    def __init__(self, result: Any, event: Any = None) -> None:
        self.type = result.get("type")
        self.value = result.get("value")
        self.message_timetoken = result.get("messageTimetoken")
        self.uuid = result.get("uuid")
        self.action_timetoken = result.get("actionTimetoken")
        self.event = event
